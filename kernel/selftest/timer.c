/* Self-test: the tick interrupt fires and the monotonic clock advances at a
 * rate that agrees with it (catches a mis-calibrated counter or timer). */
#include <selftest.h>
#include <time.h>
#include <arch.h>
#include <irq.h>

/* Wait until jiffies reaches target or timeout_ns passes; true if reached. */
static bool wait_for_jiffies(u64 target, u64 timeout_ns)
{
	u64 end = ktime_get_ns() + timeout_ns;

	while (jiffies < target)
		if (ktime_get_ns() > end)
			return false;
	return true;
}

static void tick_advances(struct ktap_case_state *t)
{
	EXPECT(t, wait_for_jiffies(jiffies + 3, 2 * NSEC_PER_SEC));
}

static void clock_is_monotonic(struct ktap_case_state *t)
{
	u64 prev = ktime_get_ns(), now = prev;
	int i;

	for (i = 0; i < 10000; i++) {
		now = ktime_get_ns();
		if (now < prev)
			break;
		prev = now;
	}
	EXPECT_EQ(t, i, 10000);
	EXPECT(t, now > 0);
}

/* How long 20 ticks take by the monotonic clock, in ns (0 on timeout). */
static u64 twenty_ticks_ns(void)
{
	u64 start_j, t0;

	if (!wait_for_jiffies(jiffies + 1, NSEC_PER_SEC))
		return 0;
	start_j = jiffies;
	t0 = ktime_get_ns();
	if (!wait_for_jiffies(start_j + 20, 5 * NSEC_PER_SEC))
		return 0;
	return ktime_get_ns() - t0;
}

/*
 * 20 ticks at HZ=100 are 200 ms; allow a wide band (0.5x to 5x) for TCG
 * jitter: a CPU counted ten times off is still caught. A busy
 * host can only make ticks late (the guest is not run), never early, so
 * the best of three tries is judged: a mis-calibrated timer or counter is
 * off on every try, a descheduled guest on one.
 */
static void tick_rate_matches_clock(struct ktap_case_state *t)
{
	u64 best = ~0ULL, elapsed;
	int i;

	for (i = 0; i < 3; i++) {
		elapsed = twenty_ticks_ns();
		REQUIRE(t, elapsed);
		if (elapsed >= 100000000ULL && elapsed <= 1000000000ULL)
			return;
		if (elapsed < best)
			best = elapsed;
	}
	ktap_fail(t, __FILE__, __LINE__,
		  "20 ticks took %llu us at best, want ~200000", best / 1000);
}

static void wfi_wakes_on_tick(struct ktap_case_state *t)
{
	u64 j = jiffies;

	arch_wait_for_interrupt();	/* the tick must end this */
	arch_wait_for_interrupt();
	EXPECT(t, jiffies > j);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(tick_advances),
	KTAP_CASE(clock_is_monotonic),
	KTAP_CASE(tick_rate_matches_clock),
	KTAP_CASE(wfi_wakes_on_tick),
};
KTAP_SUITE(timer_suite, "timer", cases);
