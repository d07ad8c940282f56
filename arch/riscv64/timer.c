/* riscv64 time: the free-running `time` counter, and a periodic tick on
 * every hart from its supervisor timer, armed through the Sstc stimecmp
 * CSR when the harts have it and through the SBI TIME extension
 * otherwise. */
#include <arch.h>
#include <printk.h>
#include <smp.h>
#include <time.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/riscv.h>
#include <asm/sbi.h>

static u64 counter_freq;
/* Set once by the boot hart; each hart's next deadline is in its struct
 * arch_cpu (the time counter is the same on every hart). */
static u64 tick_interval;	/* counts per tick */
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

/* Both ways arm this hart's timer, and clear a pending timer interrupt
 * when the deadline is ahead. */
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
	u64 *next = &this_cpu()->arch.next_tick;

	/* Keep ticks on a fixed grid; if we fell behind (a long stop in a
	 * debugger, a slow host), skip the lost ticks rather than storm. */
	*next += tick_interval;
	if (*next <= now)
		*next = now + tick_interval;
	set_deadline(*next);
	timer_tick();
}

/* Start this hart's tick, one interval from now. */
static void start_tick(void)
{
	u64 *next = &this_cpu()->arch.next_tick;

	*next = read_time() + tick_interval;
	set_deadline(*next);
	csr_set(sie, SIE_STIE);
}

/* A secondary hart: the same tick as the boot hart's (arch_timer_init
 * chose the rate and the way to arm it). */
void riscv_timer_init_secondary(void)
{
	start_tick();
}

void arch_timer_init(unsigned int hz)
{
	u64 freq = arch_counter_freq();

	use_sstc = board_has_sstc();
	tick_interval = freq / hz;
	if (!tick_interval)
		tick_interval = 1;
	start_tick();
	printk("timer: %llu Hz counter, %u Hz tick via %s\n", freq, hz,
	       use_sstc ? "Sstc stimecmp" : "SBI set_timer");
}
