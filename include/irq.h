/* Interrupt numbers and handlers, independent of the controller
 * (kernel/irq.c). The arch's controller driver calls handle_irq(). */
#ifndef FAULTLINE_IRQ_H
#define FAULTLINE_IRQ_H

#include <types.h>
#include <asm/irqflags.h>

#define NR_IRQS 256

typedef void (*irq_handler_t)(unsigned int irq, void *data);

/* Install handler for irq and unmask it at the controller. */
int request_irq(unsigned int irq, irq_handler_t handler, void *data,
		const char *name);
/* Called by the controller code for each interrupt it acknowledges. */
void handle_irq(unsigned int irq);
/* How many times irq has fired (self-tests and the monitor's "irqs"). */
u64 irq_count(unsigned int irq);

/*
 * Interrupt handlers running now: the arch's interrupt dispatch brackets
 * each interrupt with irq_enter()/irq_exit(). An oops inside one cannot be
 * blamed on the task it interrupted (kernel/oops.c).
 */
extern unsigned int irq_nesting;
static inline void irq_enter(void) { irq_nesting++; }
static inline void irq_exit(void) { irq_nesting--; }
static inline bool in_interrupt(void) { return irq_nesting != 0; }

/* Arch hook: let irq through the controller. */
void arch_irq_unmask(unsigned int irq);

/* Uniprocessor locking: a lock is "interrupts off". */
typedef unsigned long irqflags_t;
static inline irqflags_t local_irq_save(void) { return arch_irq_save(); }
static inline void local_irq_restore(irqflags_t f) { arch_irq_restore(f); }

#endif
