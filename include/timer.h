/*
 * Kernel timers (kernel/timer.c): run a function once the monotonic clock
 * (ktime_get_ns) passes a deadline. The boot CPU's tick looks at the
 * earliest pending timer, so a timer fires on the first tick at or after
 * its deadline: it is as precise as the tick (1/HZ), never early.
 *
 * The pending list and every struct timer on it are guarded by the big
 * kernel lock, with interrupts off (on the boot CPU the tick takes the BKL
 * again, recursively, on top of whatever it interrupted; arm and cancel
 * turn interrupts off themselves). The function runs from the tick with
 * the lock held and interrupts off, and must not sleep.
 *
 * On top of that, sleep_timer: "wake this task at the deadline", which
 * every sleep with a timeout uses (nanosleep, futex, poll, select), so a
 * sleeper wakes when it is due and not on every tick.
 */
#ifndef FAULTLINE_TIMER_H
#define FAULTLINE_TIMER_H

#include <types.h>
#include <list.h>
#include <sched.h>
#include <time.h>

/* One tick in nanoseconds. */
#define TICK_NSEC (NSEC_PER_SEC / HZ)

struct timer {
	struct list_head node;		/* in the pending list, earliest first */
	u64 expires_ns;			/* ktime_get_ns() deadline */
	void (*fn)(struct timer *t);
	bool pending;			/* on the list, not yet fired */
};

void timer_init(struct timer *t, void (*fn)(struct timer *t));
/* (Re)arm t for expires_ns; a pending t moves to the new deadline. */
void timer_arm(struct timer *t, u64 expires_ns);
/* Take t off the list if it has not fired; true if it was pending. */
bool timer_cancel(struct timer *t);
/* From the boot CPU's tick, big kernel lock held: fire what is due. */
void run_expired_timers(void);
/* From a periodic timer's function: arm t for its next period, counting
 * from the deadline that just passed (so it does not drift) and skipping
 * the periods a late tick (or an interval below the tick) missed; returns
 * how many were skipped. */
u64 timer_rearm_periodic(struct timer *t, u64 interval_ns);
/* Timers armed now (a self-test's leak check). */
unsigned int timers_pending(void);

/* Wake task at a deadline; `expired` says it did. */
struct sleep_timer {
	struct timer timer;
	struct task *task;
	bool expired;
};

/* Arm st for current at deadline_ns (0: never fires). */
void sleep_timer_start(struct sleep_timer *st, u64 deadline_ns);
void sleep_timer_stop(struct sleep_timer *st);
/* Has deadline_ns (0: none) passed, by st firing or by the clock? */
static inline bool sleep_timer_due(const struct sleep_timer *st,
				   u64 deadline_ns)
{
	return st->expired || (deadline_ns && ktime_get_ns() >= deadline_ns);
}

/*
 * wait_event_interruptible with a deadline (ktime_get_ns; 0: none):
 * 0 once cond holds, -ERESTARTSYS on a signal, -ETIMEDOUT when the
 * deadline passed first.
 */
#define wait_event_interruptible_deadline(wq, cond, deadline_ns)	\
({									\
	u64 __deadline = (deadline_ns);					\
	struct sleep_timer __st;					\
	int __r;							\
	sleep_timer_start(&__st, __deadline);				\
	__r = __wait_event(wq, cond, true,				\
			   sleep_timer_due(&__st, __deadline) ?		\
			   -ETIMEDOUT : 0);				\
	sleep_timer_stop(&__st);					\
	__r;								\
})

/*
 * For a call with a relative timeout: the deadline to sleep to (the one it
 * had before, when this is the same call started over), and what to
 * return when a signal cuts the sleep short (-ERESTARTNOHAND, the
 * deadline kept for the restart; EINTR if a handler runs).
 */
static inline u64 restart_deadline(u64 deadline_ns)
{
	return current->restarted ? current->restart_deadline_ns : deadline_ns;
}

static inline long restart_at(u64 deadline_ns)
{
	current->restart_deadline_ns = deadline_ns;
	return -ERESTARTNOHAND;
}

/* Sleep until deadline_ns, or a signal (-ERESTARTSYS); 0 when due. */
int sleep_until_deadline(u64 deadline_ns);

#endif
