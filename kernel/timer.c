/*
 * Kernel timers: a list of pending timers sorted by deadline, looked at on
 * every tick of the boot CPU (include/timer.h says what the API promises).
 * A sorted list keeps the tick's work to "is the first one due?"; arming
 * walks the list, which is short: one entry per sleeping task with a
 * timeout and per armed interval timer.
 */
#include <timer.h>
#include <bkl.h>
#include <irq.h>
#include <printk.h>

static LIST_HEAD_DECLARE(pending_timers);	/* guarded by the BKL */
static unsigned int nr_pending;

void timer_init(struct timer *t, void (*fn)(struct timer *t))
{
	list_init(&t->node);
	t->fn = fn;
	t->pending = false;
	t->expires_ns = 0;
}

void timer_arm(struct timer *t, u64 expires_ns)
{
	irqflags_t f = local_irq_save();
	struct list_head *pos;

	timer_cancel(t);
	t->expires_ns = expires_ns;
	/* After every timer due no later: equal deadlines fire in the order
	 * they were armed. */
	list_for_each(pos, &pending_timers)
		if (list_entry(pos, struct timer, node)->expires_ns > expires_ns)
			break;
	list_add_tail(&t->node, pos);
	t->pending = true;
	nr_pending++;
	local_irq_restore(f);
}

bool timer_cancel(struct timer *t)
{
	irqflags_t f = local_irq_save();
	bool was_pending = t->pending;

	if (was_pending) {
		list_del(&t->node);
		t->pending = false;
		nr_pending--;
	}
	local_irq_restore(f);
	return was_pending;
}

void run_expired_timers(void)
{
	u64 now = ktime_get_ns();

	while (!list_empty(&pending_timers)) {
		struct timer *t = list_entry(pending_timers.next, struct timer,
					     node);

		if (t->expires_ns > now)
			break;
		/* Off the list before fn runs: fn may arm t again. */
		timer_cancel(t);
		t->fn(t);
	}
}

u64 timer_rearm_periodic(struct timer *t, u64 interval_ns)
{
	/* missed * interval <= now - expires: no overflow. */
	u64 missed = (ktime_get_ns() - t->expires_ns) / interval_ns;

	timer_arm(t, ns_add_sat(t->expires_ns + missed * interval_ns,
				interval_ns));
	return missed;
}

unsigned int timers_pending(void)
{
	return nr_pending;
}

static void sleep_timer_fire(struct timer *t)
{
	struct sleep_timer *st = container_of(t, struct sleep_timer, timer);

	st->expired = true;
	wake_up_task(st->task);
}

void sleep_timer_start(struct sleep_timer *st, u64 deadline_ns)
{
	timer_init(&st->timer, sleep_timer_fire);
	st->task = current;
	st->expired = false;
	if (deadline_ns)
		timer_arm(&st->timer, deadline_ns);
}

void sleep_timer_stop(struct sleep_timer *st)
{
	timer_cancel(&st->timer);
}

int sleep_until_deadline(u64 deadline_ns)
{
	struct wait_queue nobody = WAIT_QUEUE_INIT(nobody);
	int ret = wait_event_interruptible_deadline(nobody, false,
						    deadline_ns);

	return ret == -ETIMEDOUT ? 0 : ret;
}
