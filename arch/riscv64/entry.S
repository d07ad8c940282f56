/* riscv64 trap entry: stvec (direct mode) points here for every S-mode
 * trap. Save everything into a struct pt_regs on the stack, call do_trap(),
 * restore and sret. The kernel has no user mode yet, so traps always
 * arrive on a kernel stack (sscratch stays 0 for the day it does). */
#include <asm/ptrace.h>

	.section .text
	.balign	4
	.globl	trap_entry
	.type	trap_entry, @function
trap_entry:
	addi	sp, sp, -PT_REGS_SIZE
	sd	x1, 1 * 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(sp)
	.endr
	addi	t0, sp, PT_REGS_SIZE	/* sp before the trap */
	sd	t0, PT_X(2)(sp)
	csrr	t0, sepc
	/* Handle the trap with SUM clear, so a stray kernel access to user
	 * memory faults even if the trap interrupted arch_copy_user. The
	 * saved sstatus keeps SUM and sret restores it. */
	li	t1, SSTATUS_SUM
	csrrc	t1, sstatus, t1
	csrr	t2, scause
	csrr	t3, stval
	sd	t0, PT_SEPC(sp)
	sd	t1, PT_SSTATUS(sp)
	sd	t2, PT_SCAUSE(sp)
	sd	t3, PT_STVAL(sp)
	/* Frame record {s0, sepc}: the unwinder sees the interrupted
	 * function as this frame's caller. */
	sd	s0, PT_FRAME(sp)
	sd	t0, PT_FRAME + 8(sp)
	addi	s0, sp, PT_FRAME + 16

	mv	a0, sp
	call	do_trap

	/* do_trap may have changed sepc (to skip an instruction, or to an
	 * exception-table fixup). */
	ld	t0, PT_SEPC(sp)
	ld	t1, PT_SSTATUS(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	x1, 1 * 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(sp)
	.endr
	addi	sp, sp, PT_REGS_SIZE
	sret
	.size	trap_entry, . - trap_entry
