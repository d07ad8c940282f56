/* Private glue between the arm64 files (not part of the generic contract). */
#ifndef ARM64_PRIVATE_H
#define ARM64_PRIVATE_H

#include <types.h>
#include <asm/ptrace.h>

/* Set by head.S from x0 at entry. */
extern phys_addr_t arm64_boot_dtb;
extern unsigned long arm64_boot_el;	/* exception level at entry */
/* Set by head.S when the CPU has PAN (and the kernel then runs with it). */
extern bool arm64_has_pan;
/* The device tree through the direct map once validated, else NULL. */
extern const void *arm64_fdt;

extern char arm64_vectors[];
extern char boot_empty_l0[];
extern char boot_stack[];	/* head.S: the idle task's stack */

/* setup.c: look up a device by compatible, with the board's fallback. */
bool arm64_dt_find_device(const char *const *compat, phys_addr_t *base,
			  unsigned int *intid);
/* Decode a DT "interrupts" triple (type, number, flags) into a GIC INTID. */
unsigned int arm64_dt_intid(u32 type, u32 num);

/* traps.c, called from entry.S */
void arm64_sync_handler(struct pt_regs *regs);
void arm64_el0_sync_handler(struct pt_regs *regs);
void arm64_irq_handler(struct pt_regs *regs);
void arm64_el0_irq_handler(struct pt_regs *regs);
void __attribute__((noreturn)) arm64_bad_vector(struct pt_regs *regs,
						 int kind);
/* traps.c, from entry.S on the overflow stack: a kernel stack ran out. */
void __attribute__((noreturn)) arm64_stack_overflow(struct pt_regs *regs);
/* traps.c: oops with ESR_EL1 decoded into words. */
void __attribute__((noreturn)) arm64_die_esr(struct pt_regs *regs);

/* entry.S: the kernel-context switch and a new task's first code. */
struct arch_context;
void arm64_switch_to(struct arch_context *prev, struct arch_context *next);
void arm64_first_run(void);

/* fpsimd.S: store / load the CPU's FP/SIMD registers (current's). */
struct arch_fpsimd;
void arm64_fpsimd_save(struct arch_fpsimd *st);
void arm64_fpsimd_load(const struct arch_fpsimd *st);

/* fault.c: a data or instruction abort. */
void arm64_page_fault(struct pt_regs *regs);

/* traps.c: this CPU's vectors, FP access and SError unmasking. */
void arm64_cpu_trap_init(void);

/* gic.c: acknowledge and dispatch one pending interrupt (an IPI to
 * smp_ipi_interrupt(), anything else to handle_irq()). */
void gic_handle_irq(const struct pt_regs *regs);
/* gic.c: this CPU's interface and banked interrupts (SGIs, PPIs), for
 * a secondary CPU; and raising the kernel's IPI on one CPU. */
void gic_cpu_init(void);
struct cpu;
void gic_send_ipi(struct cpu *cpu);

/* What gic.c asks of a GIC driver (gic-v2.c, gic-v3.c). */
struct gic_ops {
	const char *name;
	/* Map it (DT node off, or -1: the board's addresses), set up the
	 * distributor with SPIs to the boot CPU, and the boot CPU's part. */
	void (*init)(const void *fdt, int off);
	/* This CPU's banked part and interface, the IPI enabled. */
	void (*cpu_init)(void);
	void (*unmask)(unsigned int intid);
	/* Acknowledge: the INTID, and in *token what eoi() wants back. */
	unsigned int (*ack)(u32 *token);
	void (*eoi)(u32 token);
	/* Raise GIC_SGI_IPI on cpu, after the caller's stores. */
	void (*send_ipi)(const struct cpu *cpu);
};
extern const struct gic_ops gicv2_ops, gicv3_ops;

/* The one SGI the kernel sends (include/smp.h keeps the request kinds in
 * memory). 0-7 are the non-secure world's by ARM's convention. */
#define GIC_SGI_IPI		0
#define GIC_SPURIOUS		1020		/* INTIDs 1020-1023 are special */
#define GIC_PRIO_DEFAULT	0xa0a0a0a0	/* four bytes at once */
#define GIC_PMR_ALLOW_ALL	0xf0

/* timer.c: start this CPU's tick (arch_timer_init() did the boot CPU's). */
void arm64_timer_cpu_init(void);

/* psci.c */
void psci_init(const void *fdt);
/* PSCI CPU_ON: start the CPU with this MPIDR at entry (physical) with
 * x0 = context_id. 0, or a negative PSCI status; *why names it. */
bool psci_available(void);
int psci_cpu_on(u64 mpidr, phys_addr_t entry, u64 context_id,
		const char **why);

/* head.S: where a secondary CPU starts (a physical address is needed). */
extern char secondary_entry[];

#endif
