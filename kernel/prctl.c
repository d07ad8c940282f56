/*
 * prctl(2): the per-task settings Linux programs ask for by option
 * number: the thread's name, the signal for its parent's death, whether
 * it may be dumped, no_new_privs, the clear-child-tid address. Options
 * not listed here are EINVAL, as Linux answers options it does not know.
 */
#include <cred.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39
#define PR_GET_TID_ADDRESS	40

/* Linux's set_dumpable values: "no" and "as its owner". */
#define SUID_DUMP_DISABLE	0
#define SUID_DUMP_USER		1

void set_dumpable(struct task *t, int value)
{
	struct task *leader = t->group_leader;
	struct list_head *pos;

	if (!leader) {
		t->dumpable = value;
		return;
	}
	list_for_each(pos, &leader->thread_list)
		list_entry(pos, struct task, threads)->dumpable = value;
}

/*
 * The process's parent is gone: every thread of it that asked for a
 * signal gets it sent to the process, from the parent (SI_USER with the
 * dying parent's pid), as Linux sends it. Linux sends it when the parent
 * *thread* that forked ends; here the parent is a whole process, so it
 * comes when the parent process ends.
 */
void task_parent_died(struct task *child)
{
	struct kernel_siginfo info = { 0 };
	struct list_head *pos;

	info.code = SI_USER;
	info.kill.pid = current->tgid;
	info.kill.uid = current->cred.uid;
	list_for_each(pos, &child->thread_list) {
		struct task *t = list_entry(pos, struct task, threads);

		if (!t->pdeathsig)
			continue;
		info.signo = t->pdeathsig;
		send_signal_to_process(child, t->pdeathsig, &info);
	}
}

long sys_prctl(unsigned long option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5)
{
	char name[TASK_COMM_LEN];
	long n;

	switch ((int)option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > NSIG_MAX)
			return -EINVAL;
		current->pdeathsig = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeathsig, (int __user *)arg2) ?
		       -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return current->dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		set_dumpable(current, (int)arg2);
		return 0;
	case PR_SET_NAME:
		/* At most 15 bytes; a longer name is cut, as Linux cuts it. */
		n = strncpy_from_user(name, (const char __user *)arg2,
				      sizeof(name) - 1);
		if (n < 0)
			return -EFAULT;
		name[n] = '\0';
		memset(current->comm, 0, sizeof(current->comm));
		memcpy(current->comm, name, (size_t)n);
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void __user *)arg2, current->comm,
				    sizeof(current->comm)) ? -EFAULT : 0;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		current->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return current->no_new_privs;
	case PR_GET_TID_ADDRESS:
		return put_user(current->clear_child_tid,
				(unsigned long __user *)arg2) ? -EFAULT : 0;
	}
	return -EINVAL;
}
