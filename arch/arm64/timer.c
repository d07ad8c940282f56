/*
 * The tick from the ARM generic timer. We use the EL1 virtual timer (CNTV,
 * PPI 11 = INTID 27): EL1 always owns it, even under a hypervisor that
 * keeps the physical timer (KVM does), and it counts on the same CNTVCT
 * base as arch_counter_read().
 */
#include <arch.h>
#include <irq.h>
#include <time.h>
#include <fdt.h>
#include <printk.h>
#include <asm/sysreg.h>
#include <asm/board.h>
#include "arm64.h"

static u64 tick_interval;
static u64 next_tick;

static void timer_irq(unsigned int irq, void *data)
{
	u64 now = arch_counter_read();

	(void)irq;
	(void)data;
	/* Absolute deadlines keep the tick from drifting; after a long
	 * stall (a paused emulator) skip ahead instead of storming. */
	next_tick += tick_interval;
	if (next_tick <= now)
		next_tick = now + tick_interval;
	write_sysreg(next_tick, cntv_cval_el0);
	timer_tick();
}

/* The DT timer node lists secure, non-secure, virtual, hyp PPIs. */
static unsigned int timer_intid(void)
{
	u32 type, num;
	int off;

	if (!arm64_fdt)
		return arm64_board.timer_irq;
	off = fdt_find_compatible(arm64_fdt, -1, "arm,armv8-timer");
	if (off >= 0 && fdt_get_u32(arm64_fdt, off, "interrupts", 6, &type) &&
	    fdt_get_u32(arm64_fdt, off, "interrupts", 7, &num))
		return arm64_dt_intid(type, num);
	return arm64_board.timer_irq;
}

void arch_timer_init(unsigned int hz)
{
	unsigned int intid = timer_intid();
	u64 freq = arch_counter_freq();

	tick_interval = freq / hz;
	next_tick = arch_counter_read() + tick_interval;
	write_sysreg(next_tick, cntv_cval_el0);
	write_sysreg(CNT_CTL_ENABLE, cntv_ctl_el0);
	write_sysreg(CNTKCTL_EL0VCTEN, cntkctl_el1);
	isb();
	request_irq(intid, timer_irq, NULL, "timer");
	printk("arm64: virtual timer, INTID %u, %llu Hz counter, %u Hz tick\n",
	       intid, freq, hz);
}
