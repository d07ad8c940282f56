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

#endif
