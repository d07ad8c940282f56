/*
 * Futexes: a thread sleeps on a 32-bit word of user memory while it holds
 * an expected value; another wakes it. Enough for glibc's and our libc's
 * mutexes, condition variables, pthread_join (CLONE_CHILD_CLEARTID) and
 * timeouts. Waiters are keyed by (mm, address): private and shared futexes
 * are the same thing here, as there are no file-backed shared mappings.
 */
#include <futex.h>
#include <sched.h>
#include <syscalls.h>
#include <mm.h>
#include <time.h>
#include <timer.h>
#include <uaccess.h>
#include <list.h>
#include <uapi/errno.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

struct futex_waiter {
	struct list_head node;		/* in futex_waiters */
	struct mm_struct *mm;
	unsigned long uaddr;
	u32 bitset;
	struct task *task;
	bool woken;
	struct wait_queue wq;
};

static LIST_HEAD_DECLARE(futex_waiters);

static int futex_wake(unsigned long uaddr, int n, u32 bitset)
{
	struct list_head *pos, *tmp;
	int woken = 0;

	list_for_each_safe(pos, tmp, &futex_waiters) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter,
						    node);

		if (woken >= n)
			break;
		if (w->mm != current->mm || w->uaddr != uaddr ||
		    !(w->bitset & bitset))
			continue;
		list_del(&w->node);
		w->woken = true;
		wake_up(&w->wq);
		wake_up_task(w->task);
		woken++;
	}
	return woken;
}

int futex_wake_address(unsigned long uaddr, int n)
{
	return futex_wake(uaddr, n, FUTEX_BITSET_MATCH_ANY);
}

/* A user timespec: relative (FUTEX_WAIT) or absolute (WAIT_BITSET), into
 * a monotonic deadline in ns; 0 means none. */
static long read_deadline(unsigned long utime, bool absolute, u64 *deadline)
{
	struct { long sec, nsec; } ts;

	*deadline = 0;
	if (!utime)
		return 0;
	if (copy_from_user(&ts, (void __user *)utime, sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000L)
		return -EINVAL;
	*deadline = (u64)ts.sec * 1000000000ULL + ts.nsec;
	if (!absolute)
		*deadline += ktime_get_ns();
	if (!*deadline)
		*deadline = 1;
	return 0;
}

static long futex_wait(unsigned long uaddr, u32 val, u64 deadline,
		       u32 bitset)
{
	struct futex_waiter w = {
		.mm = current->mm, .uaddr = uaddr, .bitset = bitset,
		.task = current,
	};
	u32 seen;
	int ret;

	if (!bitset)
		return -EINVAL;
	wait_queue_init(&w.wq);
	if (get_user(seen, (u32 __user *)uaddr))
		return -EFAULT;
	if (seen != val)
		return -EAGAIN;
	list_add_tail(&w.node, &futex_waiters);
	ret = wait_event_interruptible_deadline(w.wq, w.woken, deadline);
	if (w.woken)
		return 0;
	list_del(&w.node);
	return ret;
}

static long futex_requeue(unsigned long uaddr, int nr_wake, int nr_requeue,
			  unsigned long uaddr2, bool cmp, u32 val3)
{
	struct list_head *pos, *tmp;
	int woken, moved = 0;
	u32 seen;

	if (cmp) {
		if (get_user(seen, (u32 __user *)uaddr))
			return -EFAULT;
		if (seen != val3)
			return -EAGAIN;
	}
	woken = futex_wake(uaddr, nr_wake, FUTEX_BITSET_MATCH_ANY);
	list_for_each_safe(pos, tmp, &futex_waiters) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter,
						    node);

		if (moved >= nr_requeue)
			break;
		if (w->mm == current->mm && w->uaddr == uaddr) {
			w->uaddr = uaddr2;
			moved++;
		}
	}
	return woken + moved;
}

long sys_futex(unsigned long uaddr, int op, u32 val, unsigned long timeout,
	       unsigned long uaddr2, u32 val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	u64 deadline;
	long err;

	if (uaddr & 3)
		return -EINVAL;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		err = read_deadline(timeout, cmd == FUTEX_WAIT_BITSET,
				    &deadline);
		if (err)
			return err;
		return futex_wait(uaddr, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, (int)val, (int)timeout, uaddr2,
				     cmd == FUTEX_CMP_REQUEUE, val3);
	}
	return -ENOSYS;
}
