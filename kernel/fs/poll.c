/*
 * Waiting for any of several files: poll, ppoll, select and pselect6.
 *
 * Every form comes down to do_poll(): an array of (fd, events wanted,
 * events seen), a deadline, and whether to sleep at all. It asks each
 * file's poll operation what is ready (include/poll.h); on the first look
 * the files also name their wait queues, and the caller gets one wait
 * entry on each. If nothing is ready it sleeps until any of those queues
 * is woken, a signal comes or the deadline passes, then asks every file
 * again. select's bit sets are turned into such an array and back.
 *
 * Like every wait, this runs under the big kernel lock with interrupts
 * off from the first look to the sleep: a wake-up cannot slip in between
 * "nothing is ready" and schedule().
 */
#include <poll.h>
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <time.h>
#include <timer.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* User space's struct pollfd. */
struct pollfd {
	int fd;
	short events;
	short revents;
};

/* One entry per queue a file named; the entry holds a reference to the
 * file, so that a close by another thread cannot free a queue we are on. */
struct poll_waiter {
	struct wait_entry entry;
	struct file *file;
};

struct poll_call {
	struct poll_table table;	/* what poll_wait() sees */
	struct poll_waiter *waiters;
	unsigned int used, size;
	struct file *asking;		/* the file being asked now */
};

static void poll_call_queue(struct poll_table *pt, struct wait_queue *wq)
{
	struct poll_call *call = container_of(pt, struct poll_call, table);
	struct poll_waiter *w;

	if (call->used == call->size)
		return;
	w = &call->waiters[call->used++];
	list_init(&w->entry.node);
	w->entry.task = current;
	w->entry.wake = NULL;
	w->file = call->asking;
	file_get(w->file);
	add_wait_entry(wq, &w->entry);
}

unsigned int file_poll(struct file *f, struct poll_table *pt)
{
	if (!f->ops->poll)
		return DEFAULT_POLLMASK;
	return f->ops->poll(f, pt);
}

/*
 * One look at every entry: fill in revents, count the ready ones. poll
 * reports a closed fd as POLLNVAL and always reports POLLERR and POLLHUP;
 * select fails the whole call with EBADF and sees only what it asked for.
 */
static long look(struct pollfd *fds, unsigned int n, struct poll_call *call,
		 bool register_queues, bool select_rules)
{
	long ready = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct pollfd *p = &fds[i];
		unsigned int mask, wanted = (unsigned short)p->events;
		struct file *f;

		p->revents = 0;
		if (p->fd < 0)
			continue;
		f = fget(p->fd);
		if (!f) {
			if (select_rules)
				return -EBADF;
			p->revents = POLLNVAL;
			ready++;
			continue;
		}
		call->asking = f;
		mask = file_poll(f, register_queues ? &call->table : NULL);
		file_put(f);
		if (!select_rules)
			wanted |= POLLERR | POLLHUP;
		p->revents = (short)(mask & wanted);
		if (p->revents)
			ready++;
	}
	return ready;
}

/*
 * Wait until an entry of fds is ready (how many are), a signal comes
 * (-EINTR), or deadline_ns passes (0 ready). deadline_ns 0: no deadline;
 * no_wait: look once and return.
 */
static long do_poll(struct pollfd *fds, unsigned int n, u64 deadline_ns,
		    bool no_wait, bool select_rules)
{
	struct poll_call call = { .table = { .queue = poll_call_queue } };
	struct sleep_timer timeout;
	unsigned long irqs;
	bool first = true;
	unsigned int i;
	long ret;

	if (!no_wait && n) {
		call.waiters = kmalloc(n * POLL_QUEUES_PER_FILE *
				       sizeof(*call.waiters));
		if (!call.waiters)
			return -ENOMEM;
		call.size = n * POLL_QUEUES_PER_FILE;
	}
	irqs = arch_irq_save();
	sleep_timer_start(&timeout, no_wait ? 0 : deadline_ns);
	for (;;) {
		/* Sleeping before the look: a wake-up during it makes the
		 * schedule() below return at once. */
		current->state = TASK_INTERRUPTIBLE;
		ret = look(fds, n, &call, first && !no_wait, select_rules);
		first = false;
		if (ret || no_wait)
			break;
		if (signal_pending_current()) {
			ret = -EINTR;
			break;
		}
		if (timeout.expired ||
		    (deadline_ns && ktime_get_ns() >= deadline_ns))
			break;
		schedule();
	}
	current->state = TASK_RUNNING;
	for (i = 0; i < call.used; i++)
		remove_wait_entry(&call.waiters[i].entry);
	sleep_timer_stop(&timeout);
	arch_irq_restore(irqs);
	for (i = 0; i < call.used; i++)
		file_put(call.waiters[i].file);
	kfree(call.waiters);
	return ret;
}

/* ---- timeouts and signal masks, as the four calls pass them ---- */

struct user_timespec {
	long sec, nsec;
};

struct user_timeval {
	long sec, usec;
};

/* A relative timeout from user space: its deadline, or whether it is
 * zero (look once). A NULL pointer means "forever". */
struct poll_timeout {
	bool given;
	bool zero;
	u64 deadline_ns;
};

static long timeout_from_ns(struct poll_timeout *t, u64 ns)
{
	t->given = true;
	t->zero = ns == 0;
	t->deadline_ns = ns_add_sat(ktime_get_ns(), ns);
	return 0;
}

static long get_timespec_timeout(unsigned long uts, struct poll_timeout *t)
{
	struct user_timespec ts;

	t->given = false;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, (void __user *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	return timeout_from_ns(t, time_to_ns_sat((u64)ts.sec, (u64)ts.nsec));
}

static u64 ns_left(const struct poll_timeout *t)
{
	u64 now = ktime_get_ns();

	return t->zero || now >= t->deadline_ns ? 0 : t->deadline_ns - now;
}

/* ppoll and pselect6 tell the caller how much of its timeout is left, as
 * Linux does; a timeout in read-only memory is not an error after the
 * wait (Linux ignores that failure too). */
static void put_timespec_left(unsigned long uts, const struct poll_timeout *t)
{
	u64 left = ns_left(t);
	struct user_timespec ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

	if (t->given)
		(void)copy_to_user((void __user *)uts, &ts, sizeof(ts));
}

/*
 * ppoll and pselect6 wait with a temporary signal mask. If a signal ends
 * the wait, the mask stays until the signal is delivered and the old one
 * comes back after it (the sigsuspend rule, kernel/signal.c); otherwise it
 * goes back at once.
 */
static long set_temporary_mask(unsigned long umask, size_t size,
			       bool *set)
{
	kernel_sigset_t mask;

	*set = false;
	if (!umask)
		return 0;
	if (size != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (void __user *)umask, sizeof(mask)))
		return -EFAULT;
	current->saved_blocked = current->blocked;
	current->blocked = mask & ~UNBLOCKABLE_SIGNALS;
	*set = true;
	return 0;
}

static void end_temporary_mask(bool set, long ret)
{
	if (!set)
		return;
	if (ret == -EINTR || ret == -ERESTARTNOHAND)
		current->restore_blocked = true;
	else
		current->blocked = current->saved_blocked;
}

/*
 * An interrupted wait starts over if no handler runs (a stop and continue,
 * say; Linux's ERESTARTNOHAND), else returns EINTR. ppoll, pselect6 and
 * select have written back what is left of their timeout, which the call
 * run again reads; poll's milliseconds keep their deadline for it
 * (restart_at, include/timer.h).
 */
static long interrupted(long ret)
{
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

/* ---- poll and ppoll ---- */

static long poll_user(unsigned long ufds, unsigned int nfds,
		      const struct poll_timeout *t)
{
	struct pollfd *fds = NULL;
	unsigned int i;
	long ret;

	if (nfds > NR_OPEN)
		return -EINVAL;
	if (nfds) {
		fds = kmalloc(nfds * sizeof(*fds));
		if (!fds)
			return -ENOMEM;
		if (copy_from_user(fds, (void __user *)ufds,
				   nfds * sizeof(*fds))) {
			kfree(fds);
			return -EFAULT;
		}
	}
	ret = do_poll(fds, nfds, t->given ? t->deadline_ns : 0,
		      t->given && t->zero, false);
	for (i = 0; ret >= 0 && i < nfds; i++) {
		struct pollfd __user *u = (struct pollfd __user *)ufds + i;

		if (put_user(fds[i].revents, &u->revents))
			ret = -EFAULT;
	}
	kfree(fds);
	return ret;
}

long sys_ppoll(unsigned long ufds, unsigned int nfds, unsigned long tsp,
	       unsigned long sigmask, size_t sigsetsize)
{
	struct poll_timeout t;
	bool masked;
	long ret = get_timespec_timeout(tsp, &t);

	if (!ret)
		ret = set_temporary_mask(sigmask, sigsetsize, &masked);
	if (ret)
		return ret;
	ret = poll_user(ufds, nfds, &t);
	put_timespec_left(tsp, &t);
	ret = interrupted(ret);
	end_temporary_mask(masked, ret);
	return ret;
}

long sys_poll(unsigned long ufds, unsigned int nfds, int timeout_ms)
{
	struct poll_timeout t = { .given = false };
	long ret;

	if (timeout_ms >= 0) {
		timeout_from_ns(&t, (u64)timeout_ms * 1000000ULL);
		t.deadline_ns = restart_deadline(t.deadline_ns);
	}
	ret = poll_user(ufds, nfds, &t);
	if (ret == -EINTR && t.given)
		return restart_at(t.deadline_ns);
	return interrupted(ret);
}

/* ---- select and pselect6 ---- */

#define BITS_PER_LONG (8 * sizeof(unsigned long))

/* What a bit in each of select's three sets means in poll's terms
 * (Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET). */
static const unsigned int select_events[3] = {
	POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR,
	POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR,
	POLLPRI,
};

static bool bit_set(const unsigned long *set, int fd)
{
	return set[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

/*
 * select on fds 0..nfds-1 with the user's three sets (each may be NULL):
 * on return each set holds what is ready, and the result is how many bits
 * are set in all three.
 */
static long select_user(int nfds, unsigned long uset[3],
			const struct poll_timeout *t)
{
	size_t words, bytes;
	/* The three sets asked for, then the three that are ready: a bit
	 * is ready only in a set that asked for it (POLLERR, say, means
	 * both "readable" and "writable"). */
	unsigned long *sets, *ready;
	struct pollfd *fds;
	unsigned int n = 0, i, k;
	long ret;
	int fd;

	if (nfds < 0)
		return -EINVAL;
	if (nfds > NR_OPEN)
		nfds = NR_OPEN;
	words = ((size_t)nfds + BITS_PER_LONG - 1) / BITS_PER_LONG;
	bytes = words * sizeof(unsigned long);
	sets = kzalloc(6 * bytes + 1);
	ready = sets + 3 * words;
	fds = kmalloc((size_t)nfds * sizeof(*fds) + 1);
	if (!sets || !fds) {
		ret = -ENOMEM;
		goto out;
	}
	for (k = 0; k < 3; k++)
		if (uset[k] && copy_from_user(sets + k * words,
					      (void __user *)uset[k], bytes)) {
			ret = -EFAULT;
			goto out;
		}
	for (fd = 0; fd < nfds; fd++) {
		unsigned int events = 0;

		for (k = 0; k < 3; k++)
			if (bit_set(sets + k * words, fd))
				events |= select_events[k];
		if (events) {
			fds[n].fd = fd;
			fds[n].events = (short)events;
			n++;
		}
	}
	ret = do_poll(fds, n, t->given ? t->deadline_ns : 0,
		      t->given && t->zero, true);
	if (ret < 0)
		goto out;
	ret = 0;
	for (i = 0; i < n; i++)
		for (k = 0; k < 3; k++) {
			fd = fds[i].fd;
			if (bit_set(sets + k * words, fd) &&
			    ((unsigned short)fds[i].revents &
			     select_events[k])) {
				ready[k * words + fd / BITS_PER_LONG] |=
					1UL << (fd % BITS_PER_LONG);
				ret++;
			}
		}
	for (k = 0; k < 3; k++)
		if (uset[k] && copy_to_user((void __user *)uset[k],
					    ready + k * words, bytes))
			ret = -EFAULT;
out:
	kfree(sets);
	kfree(fds);
	return ret;
}

long sys_pselect6(int nfds, unsigned long in, unsigned long out,
		  unsigned long ex, unsigned long tsp, unsigned long usig)
{
	unsigned long uset[3] = { in, out, ex };
	struct { unsigned long mask, size; } sig = { 0, 0 };
	struct poll_timeout t;
	bool masked;
	long ret = get_timespec_timeout(tsp, &t);

	if (!ret && usig && copy_from_user(&sig, (void __user *)usig,
					   sizeof(sig)))
		ret = -EFAULT;
	if (!ret)
		ret = set_temporary_mask(sig.mask, sig.size, &masked);
	if (ret)
		return ret;
	ret = select_user(nfds, uset, &t);
	put_timespec_left(tsp, &t);
	ret = interrupted(ret);
	end_temporary_mask(masked, ret);
	return ret;
}

long sys_select(int nfds, unsigned long in, unsigned long out,
		unsigned long ex, unsigned long utv)
{
	unsigned long uset[3] = { in, out, ex };
	struct poll_timeout t = { .given = false };
	struct user_timeval tv;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, (void __user *)utv, sizeof(tv)))
			return -EFAULT;
		/* Linux carries a usec of a second or more into seconds. */
		if (tv.sec < 0 || tv.usec < 0)
			return -EINVAL;
		timeout_from_ns(&t, time_to_ns_sat((u64)tv.sec +
						   (u64)tv.usec / 1000000,
						   (u64)tv.usec % 1000000 * 1000));
	}
	ret = select_user(nfds, uset, &t);
	if (t.given) {
		/* select(2) on Linux writes back the time left. */
		u64 left = ns_left(&t);

		tv.sec = (long)(left / NSEC_PER_SEC);
		tv.usec = (long)(left % NSEC_PER_SEC / 1000);
		(void)copy_to_user((void __user *)utv, &tv, sizeof(tv));
	}
	return interrupted(ret);
}
