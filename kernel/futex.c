/*
 * Futexes: a thread sleeps on a 32-bit word of user memory while it holds
 * an expected value; another wakes it. Enough for glibc's and our libc's
 * mutexes, condition variables, pthread_join (CLONE_CHILD_CLEARTID) and
 * timeouts.
 *
 * A waiter is found by its futex's key, as on Linux: a private futex
 * (FUTEX_PRIVATE_FLAG, or any word in private memory) is (mm, address); a
 * shared one in a MAP_SHARED mapping is (backing object, offset in it), so
 * that processes mapping the same object at different addresses meet. A
 * shared futex's address must be mapped and readable (EFAULT otherwise);
 * a private one's is looked at only by the calls that read the word.
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

/* Which futex: base is an mm or a backing object (both kernel objects,
 * so their addresses never collide), offset an address or object offset. */
struct futex_key {
	const void *base;
	unsigned long offset;
};

/* Guarded by the big kernel lock, as the waiter list is. */
struct futex_waiter {
	struct list_head node;		/* in futex_waiters */
	struct futex_key key;
	u32 bitset;
	struct task *task;
	bool woken;
	struct wait_queue wq;
};

static LIST_HEAD_DECLARE(futex_waiters);

static bool same_key(const struct futex_key *a, const struct futex_key *b)
{
	return a->base == b->base && a->offset == b->offset;
}

static long get_futex_key(unsigned long uaddr, bool private,
			  struct futex_key *key)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long err = 0;

	key->base = mm;
	key->offset = uaddr;
	if (private)
		return 0;
	down_read(&mm->mmap_lock);
	vma = find_vma(mm, uaddr);
	if (!vma || uaddr < vma->vm_start || !(vma->vm_flags & VM_READ))
		err = -EFAULT;
	else if ((vma->vm_flags & VM_SHARED) && vma->vm_ops) {
		key->base = vma->vm_private;
		key->offset = (vma->vm_pgoff << PAGE_SHIFT) +
			      (uaddr - vma->vm_start);
	}
	up_read(&mm->mmap_lock);
	return err;
}

static int futex_wake(const struct futex_key *key, int n, u32 bitset)
{
	struct list_head *pos, *tmp;
	int woken = 0;

	list_for_each_safe(pos, tmp, &futex_waiters) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter,
						    node);

		if (woken >= n)
			break;
		if (!same_key(&w->key, key) || !(w->bitset & bitset))
			continue;
		list_del(&w->node);
		w->woken = true;
		wake_up(&w->wq);
		wake_up_task(w->task);
		woken++;
	}
	return woken;
}

/* At thread exit (CLONE_CHILD_CLEARTID): glibc's pthread_join waits
 * there with a private futex. */
int futex_wake_address(unsigned long uaddr, int n)
{
	struct futex_key key = { current->mm, uaddr };

	return futex_wake(&key, n, FUTEX_BITSET_MATCH_ANY);
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
	*deadline = time_to_ns_sat((u64)ts.sec, (u64)ts.nsec);
	if (!absolute)
		*deadline = restart_deadline(ns_add_sat(*deadline,
							ktime_get_ns()));
	if (!*deadline)
		*deadline = 1;
	return 0;
}

static long futex_wait(unsigned long uaddr, bool private, u32 val,
		       u64 deadline, u32 bitset)
{
	struct futex_waiter w = { .bitset = bitset, .task = current };
	u32 seen;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, private, &w.key);
	if (ret)
		return ret;
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
	/* With a timeout, a restart keeps the deadline (restart_block). */
	if (ret == -ERESTARTSYS && deadline)
		return restart_at(deadline);
	return ret;
}

static long futex_requeue(unsigned long uaddr, bool private, int nr_wake,
			  int nr_requeue, unsigned long uaddr2, bool cmp,
			  u32 val3)
{
	struct futex_key key, key2;
	struct list_head *pos, *tmp;
	int woken, moved = 0;
	long err;
	u32 seen;

	if (uaddr2 & 3)
		return -EINVAL;
	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr, private, &key);
	if (!err)
		err = get_futex_key(uaddr2, private, &key2);
	if (err)
		return err;
	if (cmp) {
		if (get_user(seen, (u32 __user *)uaddr))
			return -EFAULT;
		if (seen != val3)
			return -EAGAIN;
	}
	woken = futex_wake(&key, nr_wake, FUTEX_BITSET_MATCH_ANY);
	list_for_each_safe(pos, tmp, &futex_waiters) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter,
						    node);

		if (moved >= nr_requeue)
			break;
		if (same_key(&w->key, &key)) {
			w->key = key2;
			moved++;
		}
	}
	return woken + moved;
}

long sys_futex(unsigned long uaddr, int op, u32 val, unsigned long timeout,
	       unsigned long uaddr2, u32 val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	bool private = op & FUTEX_PRIVATE_FLAG;
	struct futex_key key;
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
		return futex_wait(uaddr, private, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		err = get_futex_key(uaddr, private, &key);
		return err ? err : futex_wake(&key, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private, (int)val, (int)timeout,
				     uaddr2, cmd == FUTEX_CMP_REQUEUE, val3);
	}
	return -ENOSYS;
}
