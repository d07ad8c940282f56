/*
 * Interval timers of a process: setitimer, getitimer and alarm.
 *
 * ITIMER_REAL counts wall-clock time and sends SIGALRM to the process when
 * it runs out, then starts again from its interval if it has one. It is a
 * kernel timer (include/timer.h) in a struct the process gets on its
 * first setitimer; a forked child starts without one, exec keeps it, and
 * the last thread to exit cancels it, as on Linux.
 *
 * ITIMER_VIRTUAL and ITIMER_PROF count the process's CPU time (user, and
 * user plus system) in ticks: every tick of one of its threads, on any
 * CPU, counts them down (atomically: the other CPUs tick without the big
 * kernel lock), and the thread whose tick ran one out sends SIGVTALRM or
 * SIGPROF on its way back to user mode, where it re-arms it from its
 * interval.
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <timer.h>
#include <kmalloc.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

#define NSEC_PER_USEC 1000ULL

/* Guarded by the big kernel lock, like the timer inside it. */
struct itimer {
	struct timer timer;
	u64 interval_ns;		/* 0: fire once */
	int tgid;			/* whom SIGALRM goes to */
};

struct user_timeval {
	long sec, usec;
};

struct user_itimerval {
	struct user_timeval interval, value;
};

static void itimer_fire(struct timer *t)
{
	struct itimer *it = container_of(t, struct itimer, timer);
	struct task *leader = find_task(it->tgid);

	if (leader && leader == leader->group_leader)
		send_signal_to_process(leader, SIGALRM, NULL);
	/* The next period counts from when this one was due, not from
	 * when the tick noticed, so the timer does not drift; periods the
	 * tick missed (an interval below the tick) are skipped, as one
	 * SIGALRM stands for them all anyway. */
	if (it->interval_ns)
		timer_rearm_periodic(&it->timer, it->interval_ns);
}

void itimers_exit(struct thread_group *g)
{
	if (g->real_timer)
		timer_cancel(&g->real_timer->timer);
}

void itimers_free(struct thread_group *g)
{
	itimers_exit(g);
	kfree(g->real_timer);
	g->real_timer = NULL;
}

static const int cpu_timer_signal[3] = { 0, SIGVTALRM, SIGPROF };

void itimers_tick(struct task *t, bool user)
{
	struct thread_group *g = t->group;
	int which;

	if (!g)
		return;
	for (which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
		long *left = &g->cpu_timer_left[which - 1];

		if (which == ITIMER_VIRTUAL && !user)
			continue;
		if (__atomic_load_n(left, __ATOMIC_RELAXED) > 0 &&
		    __atomic_sub_fetch(left, 1, __ATOMIC_RELAXED) == 0) {
			__atomic_fetch_or(&t->cpu_timers_fired, 1U << which,
					  __ATOMIC_RELAXED);
			t->need_resched = true;	/* back to the kernel soon */
		}
	}
}

void itimers_deliver(void)
{
	struct thread_group *g = current->group;
	unsigned int fired = __atomic_exchange_n(&current->cpu_timers_fired,
						 0, __ATOMIC_RELAXED);
	int which;

	for (which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
		if (!(fired & (1U << which)))
			continue;
		/* An interval starts the next period; one-shot stays off. */
		__atomic_store_n(&g->cpu_timer_left[which - 1],
				 g->cpu_timer_interval[which - 1],
				 __ATOMIC_RELAXED);
		send_signal_to_process(current->group_leader,
				       cpu_timer_signal[which], NULL);
	}
}

/* CPU-time itimer values are ticks: a nonzero time is at least one. */
static long ticks_of(const struct user_timeval *tv)
{
	u64 ns = time_to_ns_sat((u64)tv->sec, (u64)tv->usec * 1000ULL);

	if (!ns)
		return 0;
	ns = ns_add_sat(ns, TICK_NSEC - 1) / TICK_NSEC;
	return ns > 0x7fffffffL ? 0x7fffffffL : (long)ns;
}

static struct user_timeval timeval_of_ticks(long ticks)
{
	struct user_timeval tv = { ticks / HZ, (ticks % HZ) * (1000000 / HZ) };

	return tv;
}

static u64 timeval_ns(const struct user_timeval *tv)
{
	return time_to_ns_sat((u64)tv->sec, (u64)tv->usec * NSEC_PER_USEC);
}

/* Linux rounds a timeval up to the next tick (a nonzero value never reads
 * back as zero) and reports microseconds. */
static struct user_timeval ns_timeval(u64 ns)
{
	struct user_timeval tv = {
		(long)(ns / NSEC_PER_SEC),
		(long)((ns % NSEC_PER_SEC + NSEC_PER_USEC - 1) / NSEC_PER_USEC),
	};

	if (tv.usec == 1000000) {
		tv.sec++;
		tv.usec = 0;
	}
	return tv;
}

static bool valid_timeval(const struct user_timeval *tv)
{
	return tv->sec >= 0 && tv->usec >= 0 && tv->usec < 1000000;
}

/* What the real timer holds now: time to the next expiry and interval. */
static struct user_itimerval real_timer_now(struct thread_group *g)
{
	struct user_itimerval v = { { 0, 0 }, { 0, 0 } };
	struct itimer *it = g->real_timer;
	u64 now = ktime_get_ns();

	if (!it || !it->timer.pending)
		return v;
	v.interval = ns_timeval(it->interval_ns);
	/* Due but not yet fired (the tick has not come): Linux shows the
	 * smallest nonzero value. */
	v.value = ns_timeval(it->timer.expires_ns > now ?
			     it->timer.expires_ns - now : 1);
	return v;
}

static long set_real_timer(const struct user_itimerval *v,
			   struct user_itimerval *old)
{
	struct thread_group *g = current->group;
	struct itimer *it = g->real_timer;
	u64 value = timeval_ns(&v->value);

	*old = real_timer_now(g);
	if (!it) {
		if (!value)
			return 0;	/* disarming what was never armed */
		it = kzalloc(sizeof(*it));
		if (!it)
			return -ENOMEM;
		timer_init(&it->timer, itimer_fire);
		g->real_timer = it;
	}
	it->tgid = current->tgid;
	it->interval_ns = timeval_ns(&v->interval);
	if (value)
		timer_arm(&it->timer, ns_add_sat(ktime_get_ns(), value));
	else
		timer_cancel(&it->timer);
	return 0;
}

static struct user_itimerval cpu_timer_now(struct thread_group *g, int which)
{
	struct user_itimerval v;

	v.value = timeval_of_ticks(__atomic_load_n(&g->cpu_timer_left[which - 1],
						   __ATOMIC_RELAXED));
	v.interval = timeval_of_ticks(g->cpu_timer_interval[which - 1]);
	return v;
}

long sys_getitimer(int which, unsigned long uvalue)
{
	struct user_itimerval v;

	if (which == ITIMER_REAL)
		v = real_timer_now(current->group);
	else if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
		v = cpu_timer_now(current->group, which);
	else
		return -EINVAL;
	return copy_to_user((void __user *)uvalue, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, unsigned long unew, unsigned long uold)
{
	struct user_itimerval v = { { 0, 0 }, { 0, 0 } }, old;
	struct thread_group *g = current->group;
	long err;

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL &&
	    which != ITIMER_PROF)
		return -EINVAL;
	/* A NULL new value disarms the timer, as Linux has it. */
	if (unew && copy_from_user(&v, (void __user *)unew, sizeof(v)))
		return -EFAULT;
	if (!valid_timeval(&v.value) || !valid_timeval(&v.interval))
		return -EINVAL;
	if (which == ITIMER_REAL) {
		err = set_real_timer(&v, &old);
		if (err)
			return err;
	} else {
		old = cpu_timer_now(g, which);
		g->cpu_timer_interval[which - 1] = ticks_of(&v.interval);
		__atomic_store_n(&g->cpu_timer_left[which - 1],
				 ticks_of(&v.value), __ATOMIC_RELAXED);
	}
	if (uold && copy_to_user((void __user *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_alarm(unsigned int seconds)
{
	struct user_itimerval v = { { 0, 0 }, { (long)seconds, 0 } }, old;

	if (set_real_timer(&v, &old))
		return 0;
	/* Whole seconds left, rounded to nearest, and at least 1 while a
	 * timer was running (Linux's alarm_setitimer). */
	if ((!old.value.sec && old.value.usec) || old.value.usec >= 500000)
		old.value.sec++;
	return old.value.sec;
}
