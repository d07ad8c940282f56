/* arm64 per-CPU access (include/smp.h): TPIDR_EL1 holds this CPU's
 * struct cpu, and struct arch_cpu is what head.S and entry.S read from it. */
#ifndef ASM_ARM64_SMP_H
#define ASM_ARM64_SMP_H

/*
 * Offsets into struct arch_cpu (the first member of struct cpu, so also
 * offsets from TPIDR_EL1) for the assembly that reads it; smp.c checks
 * them against the struct.
 */
#define ARCH_CPU_OVERFLOW_STACK	0	/* entry.S: el1_stack_overflow */
#define ARCH_CPU_BOOT_STACK	8	/* head.S: secondary_entry */
#define ARCH_CPU_BOOT_TTBR1	16
#define ARCH_CPU_BOOT_TCR	24

#ifndef __ASSEMBLY__
#include <types.h>

struct cpu;

struct arch_cpu {
	/* Top of the stack a kernel-stack overflow moves to on this CPU.
	 * 0 means kstack_overflow_stack (the boot CPU's). */
	unsigned long overflow_stack_top;
	/* Handed to a starting secondary CPU, which reads them with its
	 * MMU off (arch_cpu_start cleans them to the point of coherency):
	 * its first sp, and the boot CPU's TTBR1_EL1 and TCR_EL1. */
	unsigned long boot_stack_top;
	unsigned long boot_ttbr1;
	unsigned long boot_tcr;
	/* From the CPU's device-tree node (arch_smp_enumerate). */
	const char *enable_method;
	int fdt_node;
	/* GICv2: this CPU's bit in a target list (GICD_ITARGETSR). */
	u8 gic_target;
	/* GICv3: this CPU's redistributor, its SGI/PPI frame. */
	void *gicr_sgi;
};

/*
 * TPIDR_EL1 is EL1's own software register: user code can neither read
 * nor write it, so it is valid in every kernel context, from user mode or
 * not, without a swap on entry. volatile: a task may move to another CPU
 * across any sleep, so a value read before one must not be reused.
 */
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *cpu;

	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(cpu));
	return cpu;
}

static inline void arch_set_this_cpu(struct cpu *cpu)
{
	__asm__ __volatile__("msr tpidr_el1, %0" : : "r"(cpu) : "memory");
}

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}
#endif

#endif
