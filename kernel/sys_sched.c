/*
 * System calls about CPUs: which CPUs a thread may run on
 * (sched_setaffinity, sched_getaffinity) and which one it runs on now
 * (getcpu), with Linux's semantics: a mask is an array of longs, one bit
 * per logical CPU, and only online CPUs count.
 */
#include <sched.h>
#include <smp.h>
#include <syscalls.h>
#include <uaccess.h>
#include <string.h>
#include <uapi/errno.h>

/* The bytes of a CPU mask here: enough longs for every logical CPU. */
#define CPUMASK_BYTES (((NR_CPUS + 63) / 64) * sizeof(unsigned long))

/* pid 0 is the calling thread; others are thread ids. */
static struct task *affinity_target(int pid)
{
	if (pid < 0)
		return NULL;
	return pid ? find_task(pid) : current;
}

long sys_sched_setaffinity(int pid, unsigned long len, unsigned long umask)
{
	const void __user *user_mask = (const void __user *)umask;
	unsigned long mask = 0;
	struct task *t;

	/* A shorter mask means the CPUs past it are not wanted; a longer
	 * one may name CPUs that do not exist, which do not count. */
	if (copy_from_user(&mask, user_mask, MIN(len, sizeof(mask))))
		return -EFAULT;
	/* A zombie is still found, as on Linux, until it is reaped. */
	t = affinity_target(pid);
	if (!t || t->state == TASK_DEAD)
		return -ESRCH;
	return sched_set_affinity(t, mask);
}

long sys_sched_getaffinity(int pid, unsigned long len, unsigned long umask)
{
	void __user *user_mask = (void __user *)umask;
	unsigned long mask;
	struct task *t;

	if (len * 8 < nr_cpus_possible || (len & (sizeof(long) - 1)))
		return -EINVAL;
	t = affinity_target(pid);
	if (!t || t->state == TASK_DEAD)
		return -ESRCH;
	mask = t->cpus_allowed & smp_online_mask();
	if (copy_to_user(user_mask, &mask, sizeof(mask)))
		return -EFAULT;
	/* Linux returns the size of its own mask, not len. */
	return (long)CPUMASK_BYTES;
}

long sys_getcpu(unsigned long ucpu, unsigned long unode,
		unsigned long unused)
{
	unsigned int __user *cpu = (unsigned int __user *)ucpu;
	unsigned int __user *node = (unsigned int __user *)unode;
	unsigned int id = smp_processor_id(), zero = 0;

	(void)unused;
	if (cpu && copy_to_user(cpu, &id, sizeof(id)))
		return -EFAULT;
	if (node && copy_to_user(node, &zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}
