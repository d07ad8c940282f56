/* Interrupt numbers and handlers, independent of the controller
 * (kernel/irq.c). The arch's controller driver calls handle_irq(). */
#ifndef FAULTLINE_IRQ_H
#define FAULTLINE_IRQ_H

#include <types.h>
#include <asm/irqflags.h>
#include <smp.h>
#include <asm/ptrace.h>
#include <bkl.h>

#define NR_IRQS 256

typedef void (*irq_handler_t)(unsigned int irq, void *data);

/* Install handler for irq and unmask it at the controller. */
int request_irq(unsigned int irq, irq_handler_t handler, void *data,
		const char *name);
/* The same for an interrupt each CPU has for itself (arm64's timer PPI):
 * the handler runs without the big kernel lock and takes it where it
 * touches shared state (timer_tick() does). */
int request_percpu_irq(unsigned int irq, irq_handler_t handler, void *data,
		       const char *name);
/* Called by the controller code for each interrupt it acknowledges. */
void handle_irq(unsigned int irq);
/* How many times irq has fired (self-tests and the monitor's "irqs"). */
u64 irq_count(unsigned int irq);

/*
 * Interrupt handlers running now on this CPU: the arch's interrupt
 * dispatch brackets each device or timer interrupt with irq_enter() and
 * irq_exit(); IPIs go to smp_ipi_interrupt() instead. An oops inside a
 * handler cannot be blamed on the task it interrupted (kernel/oops.c).
 * A device handler runs under the big kernel lock (handle_irq takes it);
 * the tick (a per-CPU interrupt) takes it only where it touches shared
 * state (kernel/time.c), so an idle CPU's tick does not wait for a busy
 * CPU's kernel code.
 */
static inline void irq_enter(const struct pt_regs *regs)
{
	struct cpu *c = this_cpu();

	/* The outermost interrupt says what the CPU was doing (the tick
	 * charges its time to user, system or idle). */
	if (!c->irq_nesting++)
		c->irq_regs = regs;
}

static inline void irq_exit(void)
{
	struct cpu *c = this_cpu();

	if (!--c->irq_nesting)
		c->irq_regs = NULL;
}

static inline bool in_interrupt(void)
{
	return this_cpu()->irq_nesting != 0;
}

/* Arch hook: let irq through the controller. */
void arch_irq_unmask(unsigned int irq);

/* Interrupts off on this CPU: what keeps an interrupt handler out of data
 * the interrupted code is changing (the big kernel lock keeps the other
 * CPUs out). */
typedef unsigned long irqflags_t;
static inline irqflags_t local_irq_save(void) { return arch_irq_save(); }
static inline void local_irq_restore(irqflags_t f) { arch_irq_restore(f); }

#endif
