/* Fake arch for host tests: no interrupts to mask. */
#ifndef FAKE_ASM_IRQFLAGS_H
#define FAKE_ASM_IRQFLAGS_H
static inline unsigned long arch_irq_save(void) { return 0; }
static inline void arch_irq_restore(unsigned long f) { (void)f; }
static inline void arch_irq_enable(void) { }
static inline void arch_irq_disable(void) { }
static inline void arch_wait_for_interrupt(void) { }
#endif
