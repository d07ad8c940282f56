/* Masking IRQs with PSTATE.I (DAIF). FIQs stay masked throughout: GICv2
 * on virt signals everything as IRQ. */
#ifndef ASM_ARM64_IRQFLAGS_H
#define ASM_ARM64_IRQFLAGS_H

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #2"
			     : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(flags) : "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" : : : "memory");
}

/* wfi wakes on a pending interrupt even when masked; the caller's
 * unmasked window then takes it. */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("dsb sy\n\twfi" : : : "memory");
}

#endif
