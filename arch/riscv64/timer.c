/* riscv64 time: the free-running `time` counter, and a periodic tick from
 * the supervisor timer, armed through the Sstc stimecmp CSR when the hart
 * has it and through the SBI TIME extension otherwise. */
#include <arch.h>
#include <printk.h>
#include <time.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/riscv.h>
#include <asm/sbi.h>

static u64 counter_freq;
static u64 tick_interval;	/* counts per tick */
static u64 next_deadline;
static bool use_sstc;

u64 arch_counter_read(void)
{
	return read_time();
}

/* Asked for by the very first ktime_get_ns(), before boot info exists:
 * board_timebase() reads the DTB through the boot map. */
u64 arch_counter_freq(void)
{
	if (!counter_freq)
		counter_freq = board_timebase();
	return counter_freq;
}

/* Both ways clear a pending timer interrupt when the deadline is ahead. */
static void set_deadline(u64 when)
{
	if (use_sstc)
		__asm__ __volatile__("csrw 0x14d, %0" /* stimecmp */
				     : : "r"(when) : "memory");
	else
		sbi_set_timer(when);
}

void riscv_timer_interrupt(void)
{
	u64 now = read_time();

	/* Keep ticks on a fixed grid; if we fell behind (a long stop in a
	 * debugger, a slow host), skip the lost ticks rather than storm. */
	next_deadline += tick_interval;
	if (next_deadline <= now)
		next_deadline = now + tick_interval;
	set_deadline(next_deadline);
	timer_tick();
}

void arch_timer_init(unsigned int hz)
{
	u64 freq = arch_counter_freq();

	use_sstc = board_has_sstc();
	tick_interval = freq / hz;
	if (!tick_interval)
		tick_interval = 1;
	next_deadline = read_time() + tick_interval;
	set_deadline(next_deadline);
	csr_set(sie, SIE_STIE);
	printk("timer: %llu Hz counter, %u Hz tick via %s\n", freq, hz,
	       use_sstc ? "Sstc stimecmp" : "SBI set_timer");
}
