/*
 * getpriority/setpriority: the nice value of a thread, of every thread in
 * a process group, or of every thread of a user, with Linux's rules. The
 * value is kept per task and shown in /proc/<pid>/stat; the round-robin
 * scheduler (kernel/sched.c) does not weigh it yet.
 */
#include <cred.h>
#include <sched.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

#define MIN_NICE	-20
#define MAX_NICE	19

/* Does t belong to the set (which, who) names? who 0 is the caller's own
 * thread, process group or real user. Idle tasks (pid 0) belong to none. */
static bool in_set(const struct task *t, int which, int who)
{
	if (t->pid <= 0 || t->state == TASK_DEAD)
		return false;
	switch (which) {
	case PRIO_PROCESS:
		return t->pid == (who ? who : current->pid);
	case PRIO_PGRP:
		return t->group && t->group->pgid ==
		       (who ? who : current->group->pgid);
	default:
		return t->cred.uid == (who ? (u32)who : current->cred.uid);
	}
}

/*
 * The raw call answers 20 - nice (1..40) for the highest priority (lowest
 * nice) in the set, so that no answer looks like an error; glibc turns it
 * back into a nice value.
 */
long sys_getpriority(unsigned long which_arg, unsigned long who_arg)
{
	int which = (int)which_arg, who = (int)who_arg;
	struct list_head *pos;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (in_set(t, which, who) && 20 - t->nice > best)
			best = 20 - t->nice;
	}
	return best;
}

/*
 * One task of the set. Only root, or a caller whose effective uid is the
 * task's real or effective uid, may change it (EPERM); only root may lower
 * a nice value (EACCES: Linux's answer when RLIMIT_NICE, 0 by default,
 * does not allow it).
 */
static long set_one(struct task *t, int nice, long err)
{
	u32 me = current->cred.euid;

	if (!cred_privileged(current) && t->cred.uid != me &&
	    t->cred.euid != me)
		return -EPERM;
	if (nice < t->nice && !cred_privileged(current))
		return -EACCES;
	t->nice = nice;
	return err == -ESRCH ? 0 : err;
}

/* Out-of-range values are clamped to -20..19. The result is ESRCH if
 * nothing matched, else what the last task said. */
long sys_setpriority(unsigned long which_arg, unsigned long who_arg,
		     unsigned long nice_arg)
{
	int which = (int)which_arg, who = (int)who_arg, nice = (int)nice_arg;
	struct list_head *pos;
	long err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (nice < MIN_NICE)
		nice = MIN_NICE;
	if (nice > MAX_NICE)
		nice = MAX_NICE;
	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (in_set(t, which, who))
			err = set_one(t, nice, err);
	}
	return err;
}
