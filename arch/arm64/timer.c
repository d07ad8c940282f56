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

/* Counter ticks between timer interrupts: the same on every CPU. Each
 * CPU's next deadline is its own CNTV_CVAL_EL0. */
static u64 tick_interval;
static unsigned int tick_intid;

static void timer_irq(unsigned int irq, void *data)
{
	u64 now = arch_counter_read();
	u64 next = read_sysreg(cntv_cval_el0) + tick_interval;

	(void)irq;
	(void)data;
	/* Absolute deadlines keep the tick from drifting; after a long
	 * stall (a paused emulator) skip ahead instead of storming. */
	if (next <= now)
		next = now + tick_interval;
	write_sysreg(next, cntv_cval_el0);
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

/* This CPU's virtual timer: first deadline, enable, EL0 counter access,
 * and its banked PPI enable at the GIC. */
void arm64_timer_cpu_init(void)
{
	write_sysreg(arch_counter_read() + tick_interval, cntv_cval_el0);
	write_sysreg(CNT_CTL_ENABLE, cntv_ctl_el0);
	write_sysreg(CNTKCTL_EL0VCTEN, cntkctl_el1);
	isb();
	arch_irq_unmask(tick_intid);
}

/* The boot CPU: the handler (once, for every CPU's PPI) and its own tick. */
void arch_timer_init(unsigned int hz)
{
	u64 freq = arch_counter_freq();

	tick_intid = timer_intid();
	tick_interval = freq / hz;
	arm64_timer_cpu_init();
	request_percpu_irq(tick_intid, timer_irq, NULL, "timer");
	printk("arm64: virtual timer, INTID %u, %llu Hz counter, %u Hz tick\n",
	       tick_intid, freq, hz);
}
