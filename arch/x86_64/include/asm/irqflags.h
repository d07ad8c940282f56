/* x86_64 local interrupt enable: RFLAGS.IF gates every maskable interrupt. */
#ifndef ASM_X86_64_IRQFLAGS_H
#define ASM_X86_64_IRQFLAGS_H

#include <types.h>
#include <asm/ptrace.h>

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq\n\tpopq %0\n\tcli"
			     : "=r"(flags) : : "memory");
	return flags & X86_EFLAGS_IF;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		__asm__ __volatile__("sti" : : : "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

/*
 * hlt with IF clear would never wake for a device interrupt, so open the
 * window just for the wait: sti's one-instruction shadow makes "sti; hlt"
 * atomic, the interrupt is taken (and handled), then IF is clear again.
 */
static inline void arch_wait_for_interrupt(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq\n\tpopq %0" : "=r"(flags));
	if (flags & X86_EFLAGS_IF)
		__asm__ __volatile__("hlt" : : : "memory");
	else
		__asm__ __volatile__("sti\n\thlt\n\tcli" : : : "memory");
}

#endif
