/*
 * Resource usage: getrusage, wait4's rusage and /proc's fault and time
 * fields. Each task counts its own ticks, faults and context switches
 * (include/sched.h); a thread that exits leaves its counts to its process
 * (thread_group.dead), and a child that its parent waits for leaves its
 * whole process's, children included, to the parent's
 * (thread_group.children), as Linux's signal_struct keeps them. Guarded by
 * the big kernel lock.
 */
#include <sched.h>
#include <mm.h>
#include <syscalls.h>
#include <time.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

struct user_timeval {
	long sec, usec;
};

/* Linux's struct rusage (the same on all three arches). */
struct user_rusage {
	struct user_timeval utime, stime;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock,
	     oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

static void add(struct usage *to, const struct usage *u)
{
	to->utime += u->utime;
	to->stime += u->stime;
	to->min_flt += u->min_flt;
	to->maj_flt += u->maj_flt;
	to->nvcsw += u->nvcsw;
	to->nivcsw += u->nivcsw;
	if (u->maxrss > to->maxrss)
		to->maxrss = u->maxrss;
}

static struct usage of_thread(const struct task *t)
{
	struct usage u = {
		t->utime, t->stime, t->min_flt, t->maj_flt, t->nvcsw,
		t->nivcsw, t->mm ? t->mm->hiwater_rss : 0,
	};

	return u;
}

void usage_thread_exit(struct task *t, struct mm_struct *mm)
{
	struct usage u = of_thread(t);

	if (!t->group)
		return;
	if (mm && mm->hiwater_rss > u.maxrss)
		u.maxrss = mm->hiwater_rss;
	add(&t->group->dead, &u);
}

void usage_of_process(struct task *leader, struct usage *u)
{
	struct list_head *pos;

	*u = leader->group->dead;
	list_for_each(pos, &leader->thread_list) {
		struct task *t = list_entry(pos, struct task, threads);

		if (t->state != TASK_ZOMBIE && t->state != TASK_DEAD) {
			struct usage tu = of_thread(t);

			add(u, &tu);
		}
	}
}

void usage_of_child(struct task *child, struct usage *u)
{
	usage_of_process(child, u);
	add(u, &child->group->children);
}

void usage_reap(struct task *parent, struct task *child)
{
	struct usage u;

	usage_of_child(child, &u);
	add(&parent->group_leader->group->children, &u);
}

static struct user_timeval ticks_timeval(unsigned long ticks)
{
	struct user_timeval tv = { (long)(ticks / HZ),
				   (long)(ticks % HZ) * (1000000 / HZ) };

	return tv;
}

long put_rusage(unsigned long uru, const struct usage *u)
{
	struct user_rusage ru = {
		.utime = ticks_timeval(u->utime),
		.stime = ticks_timeval(u->stime),
		.maxrss = (long)(u->maxrss * (PAGE_SIZE / 1024)),	/* KiB */
		.minflt = (long)u->min_flt,
		.majflt = (long)u->maj_flt,
		.nvcsw = (long)u->nvcsw,
		.nivcsw = (long)u->nivcsw,
	};

	return copy_to_user((void __user *)uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_getrusage(int who, unsigned long uru)
{
	struct usage u;

	switch (who) {
	case RUSAGE_SELF:
		usage_of_process(current->group_leader, &u);
		break;
	case RUSAGE_CHILDREN:
		u = current->group_leader->group->children;
		break;
	case RUSAGE_THREAD:
		u = of_thread(current);
		break;
	default:
		return -EINVAL;
	}
	return put_rusage(uru, &u);
}
