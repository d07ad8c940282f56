/*
 * x86_64 per-CPU access (include/smp.h): the kernel's GS base (MSR_GS_BASE)
 * points at this CPU's struct cpu while kernel code runs, and swapgs
 * exchanges it with the user's GS base (MSR_KERNEL_GS_BASE) on every entry
 * from and exit to ring 3 (entry.S). struct cpu starts with struct
 * arch_cpu, so %gs:0 is the struct cpu itself and %gs:8.. are the slots the
 * SYSCALL entry needs before it has a stack.
 */
#ifndef ASM_X86_64_SMP_H
#define ASM_X86_64_SMP_H

/* Offsets in struct arch_cpu for entry.S (smp.c checks them). */
#define ARCH_CPU_SELF		0
#define ARCH_CPU_KSTACK_TOP	8
#define ARCH_CPU_USER_RSP	16

#ifndef __ASSEMBLY__
#include <types.h>

struct cpu;
struct x86_tss;

struct arch_cpu {
	struct cpu *self;		/* %gs:0: this_cpu() in one load */
	unsigned long kernel_stack_top;	/* SYSCALL's stack: the top of the
					 * running task's kernel stack */
	unsigned long user_rsp;		/* SYSCALL parks the user rsp here */
	struct x86_tss *tss;		/* this CPU's TSS (rsp0, IST) */
	unsigned long df_stack_top;	/* IST1: #DF, the overflow stack */
	unsigned long nmi_stack_top;	/* IST2: NMI and #MC */
};

/*
 * volatile: the value is the CPU this code runs on now, which changes when
 * the task is switched out and resumed elsewhere, so the compiler must not
 * keep an earlier read across a call.
 */
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *cpu;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

/* Kernel code only ever runs with this value in GS base; the user's value
 * waits in MSR_KERNEL_GS_BASE (0xc0000102) for the next swapgs. */
static inline void arch_set_this_cpu(struct cpu *cpu)
{
	unsigned long v = (unsigned long)cpu;

	((struct arch_cpu *)cpu)->self = cpu;
	__asm__ __volatile__("wrmsr" : : "c"(0xc0000101U), "a"((u32)v),
			     "d"((u32)(v >> 32)) : "memory");
}

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}
#endif

#endif
