/* The tick (jiffies) and the monotonic nanosecond clock built on the arch's
 * free-running counter. */
#include <time.h>
#include <arch.h>
#include <sched.h>
#include <smp.h>
#include <bkl.h>
#include <timer.h>

volatile u64 jiffies;

/*
 * Every CPU ticks, for the time slice of the task it runs; the boot CPU's
 * tick also counts time and fires the kernel timers (include/timer.h),
 * which is shared state and so done under the big kernel lock.
 */
void timer_tick(void)
{
	if (smp_processor_id() != 0) {
		scheduler_tick();
		return;
	}
	bkl_lock();
	jiffies++;
	scheduler_tick();
	run_expired_timers();
	bkl_unlock();
}

/* ticks * 1e9 / freq without the 64-bit overflow a direct product hits
 * after about 30 minutes at 10 GHz-equivalent counter rates. */
u64 counter_to_ns(u64 ticks, u64 freq)
{
	if (!freq)
		return 0;
	return (ticks / freq) * NSEC_PER_SEC +
	       ((ticks % freq) * NSEC_PER_SEC) / freq;
}

u64 ktime_get_ns(void)
{
	return counter_to_ns(arch_counter_read(), arch_counter_freq());
}

void ndelay_busy(u64 ns)
{
	u64 end = ktime_get_ns() + ns;

	while (ktime_get_ns() < end)
		barrier();
}
