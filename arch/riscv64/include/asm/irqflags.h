/* riscv64 local interrupt enable: sstatus.SIE gates every S-mode interrupt
 * (timer, external, software) on this hart. */
#ifndef ASM_RISCV64_IRQFLAGS_H
#define ASM_RISCV64_IRQFLAGS_H

#include <types.h>
#include <asm/ptrace.h>

static inline unsigned long arch_irq_save(void)
{
	unsigned long old;

	__asm__ __volatile__("csrrc %0, sstatus, %1"
			     : "=r"(old) : "i"(SSTATUS_SIE) : "memory");
	return old & SSTATUS_SIE;
}

static inline void arch_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("csrs sstatus, %0" : : "r"(flags & SSTATUS_SIE)
			     : "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("csrsi sstatus, %0" : : "i"(SSTATUS_SIE)
			     : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("csrci sstatus, %0" : : "i"(SSTATUS_SIE)
			     : "memory");
}

/* wfi wakes on any interrupt enabled in sie, even with SIE clear; with SIE
 * set the trap is taken before wfi returns. */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi" : : : "memory");
}

#endif
