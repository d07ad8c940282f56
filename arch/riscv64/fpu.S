/* riscv64 FP register file save and load: the only kernel code that
 * touches F/D registers (arch.mk assembles this file, and only this one,
 * with D in -march). */
#include <asm/ptrace.h>

/* struct riscv_fp_state (asm/switch.h): f0..f31, then fcsr. */
#define FP_FCSR		(32 * 8)

/*
 * The kernel runs with sstatus.FS Off (entry.S clears it), so any FP
 * instruction of its own would trap. These routines switch FS on for
 * their few instructions and Off again; an interrupt in between saves and
 * restores sstatus with it.
 */
	.section .text
	.balign	4
/* void riscv_fp_save(struct riscv_fp_state *to) */
	.globl	riscv_fp_save
	.type	riscv_fp_save, @function
riscv_fp_save:
	li	t0, SSTATUS_FS
	csrs	sstatus, t0
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fsd	f\n, \n * 8(a0)
	.endr
	frcsr	t1
	sw	t1, FP_FCSR(a0)
	csrc	sstatus, t0
	ret
	.size	riscv_fp_save, . - riscv_fp_save

/* void riscv_fp_restore(const struct riscv_fp_state *from) */
	.globl	riscv_fp_restore
	.type	riscv_fp_restore, @function
riscv_fp_restore:
	li	t0, SSTATUS_FS
	csrs	sstatus, t0
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fld	f\n, \n * 8(a0)
	.endr
	lw	t1, FP_FCSR(a0)
	fscsr	t1
	csrc	sstatus, t0
	ret
	.size	riscv_fp_restore, . - riscv_fp_restore
