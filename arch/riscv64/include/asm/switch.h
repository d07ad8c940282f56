/* What a riscv64 task keeps outside pt_regs: the callee-saved registers of
 * a switched-out task (arch_context) and the user's FP register file
 * (arch_thread); arch_context_switch() handles both. */
#ifndef ASM_RISCV64_SWITCH_H
#define ASM_RISCV64_SWITCH_H

/* Offsets for riscv_switch_to (switch.S); process.c checks them. */
#define CTX_RA		0
#define CTX_SP		8
#define CTX_S(n)	(16 + (n) * 8)	/* s0..s11 */
#define CTX_SIZE	112

#ifndef __ASSEMBLY__
#include <types.h>

/*
 * The callee-saved state of a task inside riscv_switch_to(): everything
 * else is dead across a call, so this is all a switched-out kernel context
 * needs. ra is where the switch returns. tp and gp are not here: the
 * kernel uses neither (no per-CPU data, no gp-relative code) and the
 * user's values are in pt_regs.
 */
struct arch_context {
	u64 ra;
	u64 sp;
	u64 s[12];
};

/*
 * The user's F/D registers, as the D variant of Linux's
 * union __riscv_fp_state lays them out (the signal frame copies it). The
 * kernel never touches FP (it is built lp64 without F/D), so these are
 * only saved and loaded at a task switch.
 */
struct riscv_fp_state {
	u64 f[32];
	u32 fcsr;
};

/* The user's thread pointer is tp, a GPR in pt_regs; only FP lives here. */
struct arch_thread {
	struct riscv_fp_state fp;
};
#endif

#endif
