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

/* gic.c: acknowledge and dispatch one pending interrupt. */
void gic_handle_irq(void);

/* psci.c */
void psci_init(const void *fdt);

#endif
