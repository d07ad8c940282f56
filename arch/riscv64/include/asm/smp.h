/*
 * riscv64 per-CPU access (include/smp.h): in the kernel, tp holds this
 * hart's struct cpu. User code owns tp (its TLS pointer), so while a hart
 * runs user code sscratch holds the struct cpu instead and trap_entry
 * swaps the two (entry.S). The CPU_* offsets are for the assembly.
 */
#ifndef ASM_RISCV64_SMP_H
#define ASM_RISCV64_SMP_H

/* Offsets into struct arch_cpu, which is the first member of struct cpu
 * (arch/riscv64/smp.c checks that they match). */
#define CPU_KERNEL_SP	0
#define CPU_USER_SP	8
#define CPU_OVERFLOW_SP	16

#ifndef __ASSEMBLY__
#include <types.h>

struct cpu;

struct arch_cpu {
	/*
	 * Top of the kernel stack of the task this hart last returned to
	 * user mode with: a trap from user mode saves its pt_regs right
	 * below it (task_pt_regs()). ret_from_trap sets it on every way
	 * out to user mode, so it follows tasks from hart to hart. A hart
	 * being started finds its first sp here.
	 */
	unsigned long kernel_sp;
	/* The user's sp for the few instructions of trap_entry before it
	 * reaches pt_regs (there is no free register to keep it in). */
	unsigned long user_sp;
	/* Top of this hart's stack for kernel stack overflows; 0 means
	 * kstack_overflow_stack (the boot hart, before arch_trap_init). */
	unsigned long overflow_sp;
	/* The timer's next deadline on this hart (timer.c). */
	u64 next_tick;
};

/*
 * Volatile: the compiler must read tp again every time, never reuse a
 * value read before a call. A task that sleeps may wake up on another
 * hart, and then its tp is that hart's.
 */
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *cpu;

	__asm__ __volatile__("mv %0, tp" : "=r"(cpu));
	return cpu;
}

static inline void arch_set_this_cpu(struct cpu *cpu)
{
	__asm__ __volatile__("mv tp, %0" : : "r"(cpu) : "memory");
}

/*
 * Zihintpause's pause, spelled as the FENCE encoding it is a hint in (not
 * every assembler knows the name): it tells the hart it is spinning, and
 * a hart without Zihintpause runs it as a harmless fence.
 */
static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__(".4byte 0x0100000f" : : : "memory");
}
#endif

#endif
