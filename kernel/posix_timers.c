/*
 * POSIX timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun and timer_delete. A process may have many; each is a
 * kernel timer (include/timer.h) that at expiry sends a signal (SIGEV_SIGNAL
 * to the process, SIGEV_THREAD_ID to one of its threads) with SI_TIMER, the
 * timer's id and its sigev_value in the siginfo, or nothing (SIGEV_NONE).
 * While its last signal is still pending, a further expiry is counted as an
 * overrun instead, as on Linux. fork does not pass them on; exec and the
 * process's end delete them. Clocks: the wall clocks (all counting from
 * boot here); CPU-time clocks are refused (EINVAL).
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <timer.h>
#include <kmalloc.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_BOOTTIME		7
#define CLOCK_REALTIME_ALARM	8
#define CLOCK_BOOTTIME_ALARM	9
#define TIMER_ABSTIME		1

#define SIGEV_SIGNAL		0
#define SIGEV_NONE		1
#define SIGEV_THREAD_ID		4
#define TIMERS_MAX		256	/* per process */

/* Linux's struct sigevent (64 bytes). */
struct user_sigevent {
	unsigned long value;
	int signo;
	int notify;
	int tid;			/* SIGEV_THREAD_ID */
	int pad[11];
};

struct user_timespec {
	long sec, nsec;
};

struct user_itimerspec {
	struct user_timespec interval, value;
};

/* Guarded by the big kernel lock, as its timer is. */
struct ptimer {
	struct list_head node;		/* in thread_group.posix_timers */
	struct timer timer;
	struct thread_group *group;
	int id;
	int notify, signo, tid;		/* where the signal goes */
	int tgid;
	unsigned long value;
	u64 interval_ns;
	int overrun;			/* expiries while the signal waited */
	int last_overrun;		/* what timer_getoverrun says */
};

static void ptimer_fire(struct timer *t)
{
	struct ptimer *pt = container_of(t, struct ptimer, timer);
	struct kernel_siginfo info = { 0 };
	struct task *to = NULL;
	u64 missed = 0;

	if (pt->interval_ns)
		missed = timer_rearm_periodic(t, pt->interval_ns);
	if (pt->notify == SIGEV_NONE)
		return;
	to = find_task(pt->notify == SIGEV_THREAD_ID ? pt->tid : pt->tgid);
	if (!to || to->group != pt->group)
		return;
	if (signal_pending_in(to, pt->signo)) {
		pt->overrun += 1 + (int)missed;
		return;
	}
	info.signo = pt->signo;
	info.code = SI_TIMER;
	info.timer.tid = pt->id;
	info.timer.overrun = pt->overrun + (int)missed;
	info.timer.value = pt->value;
	pt->last_overrun = info.timer.overrun;
	pt->overrun = 0;
	if (pt->notify == SIGEV_THREAD_ID)
		send_signal_to_thread(to, pt->signo, &info);
	else
		send_signal_to_process(to, pt->signo, &info);
}

static struct ptimer *find_ptimer(int id)
{
	struct list_head *pos;

	list_for_each(pos, &current->group->posix_timers) {
		struct ptimer *pt = list_entry(pos, struct ptimer, node);

		if (pt->id == id)
			return pt;
	}
	return NULL;
}

static void ptimer_delete(struct ptimer *pt)
{
	timer_cancel(&pt->timer);
	list_del(&pt->node);
	kfree(pt);
}

void posix_timers_delete_all(struct thread_group *g)
{
	while (!list_empty(&g->posix_timers))
		ptimer_delete(list_entry(g->posix_timers.next, struct ptimer,
					 node));
}

long sys_timer_create(int clock, unsigned long usev, unsigned long uid)
{
	struct thread_group *g = current->group;
	struct user_sigevent ev = { 0 };
	struct ptimer *pt;
	unsigned int n = 0;
	struct list_head *pos;
	int id;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME && clock != CLOCK_REALTIME_ALARM &&
	    clock != CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	list_for_each(pos, &g->posix_timers)
		n++;
	if (n >= TIMERS_MAX)
		return -EAGAIN;
	id = g->next_timer_id;
	if (usev) {
		if (copy_from_user(&ev, (void __user *)usev, sizeof(ev)))
			return -EFAULT;
	} else {
		ev.notify = SIGEV_SIGNAL;
		ev.signo = SIGALRM;
		ev.value = (unsigned long)id;
	}
	if (ev.notify != SIGEV_SIGNAL && ev.notify != SIGEV_NONE &&
	    ev.notify != SIGEV_THREAD_ID)
		return -EINVAL;
	if (ev.notify != SIGEV_NONE && (ev.signo < 1 || ev.signo > NSIG_MAX))
		return -EINVAL;
	if (ev.notify == SIGEV_THREAD_ID) {
		struct task *t = find_task(ev.tid);

		if (!t || t->group != g)
			return -EINVAL;
	}
	pt = kzalloc(sizeof(*pt));
	if (!pt)
		return -ENOMEM;
	pt->id = id;
	pt->group = g;
	pt->tgid = current->tgid;
	pt->notify = ev.notify;
	pt->signo = ev.signo;
	pt->tid = ev.tid;
	pt->value = ev.value;
	timer_init(&pt->timer, ptimer_fire);
	if (put_user(id, (int __user *)uid)) {
		kfree(pt);
		return -EFAULT;
	}
	g->next_timer_id++;
	list_add_tail(&pt->node, &g->posix_timers);
	return 0;
}

static struct user_itimerspec ptimer_now(struct ptimer *pt)
{
	struct user_itimerspec v = { { 0, 0 }, { 0, 0 } };
	u64 now = ktime_get_ns(), left;

	v.interval.sec = (long)(pt->interval_ns / NSEC_PER_SEC);
	v.interval.nsec = (long)(pt->interval_ns % NSEC_PER_SEC);
	if (pt->timer.pending) {
		left = pt->timer.expires_ns > now ? pt->timer.expires_ns - now
						  : 1;
		v.value.sec = (long)(left / NSEC_PER_SEC);
		v.value.nsec = (long)(left % NSEC_PER_SEC);
	}
	return v;
}

static bool valid_timespec(const struct user_timespec *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && ts->nsec < (long)NSEC_PER_SEC;
}

long sys_timer_settime(int id, int flags, unsigned long unew,
		       unsigned long uold)
{
	struct user_itimerspec v, old;
	struct ptimer *pt = find_ptimer(id);
	u64 value;

	if (!pt)
		return -EINVAL;
	if (copy_from_user(&v, (void __user *)unew, sizeof(v)))
		return -EFAULT;
	if (!valid_timespec(&v.value) || !valid_timespec(&v.interval))
		return -EINVAL;
	old = ptimer_now(pt);
	timer_cancel(&pt->timer);
	pt->interval_ns = time_to_ns_sat((u64)v.interval.sec,
					 (u64)v.interval.nsec);
	pt->overrun = 0;
	value = time_to_ns_sat((u64)v.value.sec, (u64)v.value.nsec);
	if (value)
		timer_arm(&pt->timer, flags & TIMER_ABSTIME ? value :
			  ns_add_sat(ktime_get_ns(), value));
	if (uold && copy_to_user((void __user *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timer_gettime(int id, unsigned long ucur)
{
	struct ptimer *pt = find_ptimer(id);
	struct user_itimerspec v;

	if (!pt)
		return -EINVAL;
	v = ptimer_now(pt);
	return copy_to_user((void __user *)ucur, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
	struct ptimer *pt = find_ptimer(id);

	return pt ? pt->last_overrun : -EINVAL;
}

long sys_timer_delete(int id)
{
	struct ptimer *pt = find_ptimer(id);

	if (!pt)
		return -EINVAL;
	ptimer_delete(pt);
	return 0;
}
