/* The tick and the monotonic clock (kernel/time.c). */
#ifndef FAULTLINE_TIME_H
#define FAULTLINE_TIME_H

#include <types.h>

#define HZ 100
#define NSEC_PER_SEC 1000000000ULL

/* Ticks since the timer started; advanced by timer_tick(). */
extern volatile u64 jiffies;

/* The arch's timer interrupt calls this once per tick. */
void timer_tick(void);
/* Nanoseconds since boot from the arch's free-running counter. */
u64 ktime_get_ns(void);
/* Convert a counter delta to nanoseconds without overflowing. */
u64 counter_to_ns(u64 ticks, u64 freq);
/* Busy-wait for at least ns nanoseconds. */
void ndelay_busy(u64 ns);

/* Time arithmetic that saturates: a timeout too long to count (nanosleep
 * with LONG_MAX seconds, "sleep infinity") becomes "never", not a time
 * that has wrapped into the past. */
#define NS_FOREVER (~0ULL)

static inline u64 ns_add_sat(u64 a, u64 b)
{
	return a + b < a ? NS_FOREVER : a + b;
}

/* sec and nsec non-negative (nsec may be a second or more). */
static inline u64 time_to_ns_sat(u64 sec, u64 nsec)
{
	if (sec > NS_FOREVER / NSEC_PER_SEC)
		return NS_FOREVER;
	return ns_add_sat(sec * NSEC_PER_SEC, nsec);
}

#endif
