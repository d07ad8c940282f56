/* What an arm64 task keeps outside pt_regs: the callee-saved registers of
 * a switched-out task (arch_context) and its user TLS and FP/SIMD register
 * file (arch_thread), both handled by arch_context_switch(). */
#ifndef ASM_ARM64_SWITCH_H
#define ASM_ARM64_SWITCH_H

/* Offsets for arm64_switch_to (entry.S); process.c checks them. */
#define CTX_X19		0
#define CTX_FP		80	/* x29 */
#define CTX_SP		88
#define CTX_PC		96	/* where the switch returns: x30 */

#ifndef __ASSEMBLY__
#include <types.h>

/*
 * The AAPCS64 callee-saved state of a task inside arm64_switch_to(): the
 * caller-saved registers are dead across the call, so this is all a
 * switched-out kernel context needs.
 */
struct arch_context {
	u64 x19_x28[10];
	u64 fp;
	u64 sp;
	u64 pc;
};

/* The user's FP/SIMD registers: the kernel never touches them (it is
 * built -mgeneral-regs-only), so they are only saved at a task switch.
 * The layout of vregs matches the sigframe's fpsimd_context. */
struct arch_fpsimd {
	__uint128_t vregs[32];
	u32 fpsr;
	u32 fpcr;
};

struct arch_thread {
	u64 tpidr_el0;			/* user TLS pointer */
	struct arch_fpsimd fpsimd;	/* 16-byte aligned by its vregs */
};
#endif

#endif
