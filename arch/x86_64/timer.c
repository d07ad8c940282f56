/*
 * x86_64 time: the TSC is the free-running counter and the local APIC timer
 * in periodic mode is the tick, on every CPU. Neither has a frequency we can trust from
 * CPUID under emulation, so both are measured against the 8254 PIT, whose
 * 1.193182 MHz input is fixed: channel 2 counts down a known interval with
 * its gate in port 0x61 and reports the end in bit 5 of the same port.
 */
#include <arch.h>
#include <printk.h>
#include <time.h>
#include <asm/io.h>
#include <asm/x86.h>

#define PIT_HZ		1193182ULL
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_GATE_PORT	0x61
#define PIT_GATE2	0x01
#define PIT_SPEAKER	0x02
#define PIT_OUT2	0x20
#define CALIBRATE_MS	10

#define LAPIC_LVT_TIMER	0x320
#define LAPIC_TIMER_ICR	0x380
#define LAPIC_TIMER_CCR	0x390
#define LAPIC_TIMER_DCR	0x3e0
#define LAPIC_PERIODIC	0x20000
#define LAPIC_MASKED	0x10000
#define LAPIC_DIV_16	0x3

static u64 tsc_hz, tsc_base;
/* LAPIC timer counts per second at /16, measured once by the boot CPU:
 * every CPU's APIC timer runs from the same bus clock. */
static u64 lapic_timer_rate;

/* Start PIT channel 2 on a CALIBRATE_MS one-shot (mode 0), call start(),
 * wait for OUT2, return false if it never came (no PIT). */
static bool pit_interval(void (*start)(void *), void (*stop)(void *),
			 void *arg)
{
	u16 count = PIT_HZ * CALIBRATE_MS / 1000;
	u8 gate = inb(PIT_GATE_PORT) & ~(PIT_GATE2 | PIT_SPEAKER);
	unsigned long spins;

	outb(gate, PIT_GATE_PORT);		/* hold the counter */
	outb(0xb0, PIT_CMD);			/* ch 2, lo/hi byte, mode 0 */
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
	start(arg);
	outb(gate | PIT_GATE2, PIT_GATE_PORT);	/* go */
	for (spins = 0; !(inb(PIT_GATE_PORT) & PIT_OUT2); spins++)
		if (spins > 100000000UL)
			return false;
	stop(arg);
	outb(gate, PIT_GATE_PORT);
	return true;
}

static void tsc_mark(void *arg)
{
	u64 *t = arg;

	*t = rdtsc() - *t;
}

static void tsc_calibrate(void)
{
	u64 t = 0;

	tsc_base = rdtsc();
	if (pit_interval(tsc_mark, tsc_mark, &t) && t) {
		tsc_hz = t * (1000 / CALIBRATE_MS);
	} else {
		tsc_hz = 1000000000ULL;
		printk("timer: PIT did not answer; assuming a 1 GHz TSC\n");
	}
}

/* The first caller (ktime_get_ns() at the top of start_kernel) pays the
 * 10 ms calibration; ports need no setup, so it works that early. */
u64 arch_counter_read(void)
{
	if (!tsc_hz)
		tsc_calibrate();
	return rdtsc() - tsc_base;
}

u64 arch_counter_freq(void)
{
	if (!tsc_hz)
		tsc_calibrate();
	return tsc_hz;
}

static void lapic_timer_start(void *arg)
{
	(void)arg;
	lapic_write(LAPIC_TIMER_ICR, 0xffffffff);
}

static void lapic_timer_stop(void *arg)
{
	*(u32 *)arg = 0xffffffff - lapic_read(LAPIC_TIMER_CCR);
}

void arch_timer_init(unsigned int hz)
{
	u32 ticks = 0;
	u64 rate;

	lapic_write(LAPIC_TIMER_DCR, LAPIC_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_MASKED | TIMER_VECTOR);
	if (!pit_interval(lapic_timer_start, lapic_timer_stop, &ticks) ||
	    !ticks)
		panic("timer: cannot calibrate the local APIC timer against "
		      "the PIT");
	rate = (u64)ticks * (1000 / CALIBRATE_MS);
	lapic_timer_rate = rate;
	x86_lapic_timer_start(hz);
	printk("timer: TSC %llu kHz, LAPIC timer %llu kHz (/16), tick %u Hz\n",
	       tsc_hz / 1000, rate / 1000, hz);
}

/* This CPU's tick, periodic at hz (the boot CPU's figure; the secondary
 * CPUs start theirs in arch_secondary_cpu_init()). */
void x86_lapic_timer_start(unsigned int hz)
{
	lapic_write(LAPIC_TIMER_DCR, LAPIC_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_PERIODIC | TIMER_VECTOR);
	lapic_write(LAPIC_TIMER_ICR, lapic_timer_rate / hz);
}

void x86_timer_interrupt(void)
{
	timer_tick();
}
