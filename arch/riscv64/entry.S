/* riscv64 trap entry: stvec (direct mode) points here for every S-mode
 * trap. Save everything into a struct pt_regs, call do_trap(), restore and
 * sret. Traps from user mode take the kernel's tp back from sscratch and
 * switch to the task's kernel stack first; a trap from the kernel whose
 * frame would not fit on its stack moves to the overflow stack and
 * oopses. */
#include <asm/ptrace.h>
#include <asm/smp.h>
#include <kstack.h>

/* x1 and x3..x31: sp (x2) is saved on its own, x0 is always zero. */
.macro for_each_gpr_but_sp op
	\op	x1, 1 * 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	\op	x\n, \n * 8(sp)
	.endr
.endm

/*
 * With x1..x31 and the trapped sp saved at sp: save the CSRs, leave SUM
 * and FS off, and build the frame record; a0 = regs for the C handler.
 */
.macro save_csrs_and_frame
	csrr	t0, sepc
	/* Handle the trap with SUM clear, so a stray kernel access to user
	 * memory faults even if the trap interrupted arch_copy_user, and with
	 * FS Off, so the kernel cannot touch the user's FP registers by
	 * mistake (only fpu.S may, switching FS on for the moment). The saved
	 * sstatus keeps both and sret restores them. */
	li	t1, SSTATUS_SUM | SSTATUS_FS
	csrrc	t1, sstatus, t1
	csrr	t2, scause
	csrr	t3, stval
	sd	t0, PT_SEPC(sp)
	sd	t1, PT_SSTATUS(sp)
	sd	t2, PT_SCAUSE(sp)
	sd	t3, PT_STVAL(sp)
	/* Frame record {s0, sepc}: the unwinder sees the interrupted
	 * function as this frame's caller. From user mode the record is
	 * {0, 0}: backtraces end at the trap. */
	andi	t4, t1, SSTATUS_SPP
	bnez	t4, 1f
	li	t0, 0
	li	s0, 0
1:	sd	s0, PT_FRAME(sp)
	sd	t0, PT_FRAME + 8(sp)
	addi	s0, sp, PT_FRAME + 16
	mv	a0, sp
.endm

	.section .text
	.balign	4
	.globl	trap_entry
	.type	trap_entry, @function
trap_entry:
	/*
	 * sscratch holds this hart's struct cpu while the hart is in user
	 * mode and 0 while it is in the kernel. Swap it with tp: non-zero
	 * means we came from user mode, tp is now the kernel's per-CPU
	 * pointer (asm/smp.h) and sscratch the user's tp.
	 */
	csrrw	tp, sscratch, tp
	bnez	tp, .Lfrom_user
	/* From the kernel: tp was already this hart's; take it back,
	 * leaving sscratch 0. */
	csrrw	tp, sscratch, tp
	/*
	 * Does a frame still fit? Kernel stacks are KSTACK_SIZE bytes at a
	 * KSTACK_ALIGN boundary (include/kstack.h), so bit KSTACK_SHIFT of
	 * sp - PT_REGS_SIZE is set only if the frame would run off the
	 * bottom into the guard. One register is needed: t0 borrows
	 * sscratch (interrupts are off and nothing here can fault, so no
	 * trap sees it non-zero).
	 */
	csrw	sscratch, t0
	addi	t0, sp, -PT_REGS_SIZE
	srli	t0, t0, KSTACK_SHIFT
	andi	t0, t0, 1
	bnez	t0, .Lstack_overflow
	csrrw	t0, sscratch, zero
	addi	sp, sp, -PT_REGS_SIZE
	for_each_gpr_but_sp sd
	addi	t0, sp, PT_REGS_SIZE	/* sp before the trap */
	sd	t0, PT_X(2)(sp)
	j	.Lsaved
.Lfrom_user:
	/*
	 * Move to the top of the running task's kernel stack, where its
	 * pt_regs live. The user's sp waits in the per-CPU scratch slot:
	 * every other register still holds user values to be saved.
	 */
	sd	sp, CPU_USER_SP(tp)
	ld	sp, CPU_KERNEL_SP(tp)
	addi	sp, sp, -PT_REGS_SIZE
	for_each_gpr_but_sp sd
	ld	t0, CPU_USER_SP(tp)
	sd	t0, PT_X(2)(sp)
	/* The x4 slot got the kernel's tp; the user's is in sscratch, and
	 * 0 there says "in the kernel" from now on, so a nested trap stays
	 * on this stack. */
	csrrw	t0, sscratch, zero
	sd	t0, PT_X(4)(sp)
.Lsaved:
	save_csrs_and_frame
	call	do_trap
	j	ret_from_trap

	/*
	 * The stack is full: the frame goes to the top of the overflow stack
	 * (t0 still in sscratch, sp the trapped one). Nothing returns from
	 * there: riscv_stack_overflow() oopses and the task dies.
	 */
.Lstack_overflow:
	/* This hart's overflow stack; the boot one until arch_trap_init
	 * named it, or while tp is still 0 (before start_kernel). */
	beqz	tp, 1f
	ld	t0, CPU_OVERFLOW_SP(tp)
	bnez	t0, 2f
1:	lla	t0, kstack_overflow_stack + KSTACK_SIZE
2:	addi	t0, t0, -PT_REGS_SIZE
	sd	sp, PT_X(2)(t0)
	mv	sp, t0
	csrrw	t0, sscratch, zero
	for_each_gpr_but_sp sd
	save_csrs_and_frame
	call	riscv_stack_overflow
1:	j	1b
	.size	trap_entry, . - trap_entry

/*
 * Return through the pt_regs at sp: to the kernel code a trap interrupted,
 * or to user mode (then sp is the top pt_regs of the task's kernel stack).
 * do_trap may have changed sepc (to skip an instruction, or to an
 * exception-table fixup) and, for user mode, any register.
 */
	.globl	ret_from_trap
	.type	ret_from_trap, @function
ret_from_trap:
	/* No interrupt from here to sret: once sscratch is set, a trap
	 * would take itself for one from user mode. */
	csrci	sstatus, SSTATUS_SIE
	ld	t0, PT_SEPC(sp)
	ld	t1, PT_SSTATUS(sp)
	andi	t2, t1, SSTATUS_SPP
	bnez	t2, 1f
	/* To user mode: the next trap lands at this stack's top, and finds
	 * this hart's struct cpu in sscratch. */
	addi	t2, sp, PT_REGS_SIZE
	sd	t2, CPU_KERNEL_SP(tp)
	csrw	sscratch, tp
	j	2f
	/* To the kernel: keep tp. The task may have slept in the handler
	 * and woken up on another hart; the saved tp is the old hart's. */
1:	sd	tp, PT_X(4)(sp)
2:	csrw	sepc, t0
	csrw	sstatus, t1
	for_each_gpr_but_sp ld
	/* Last, sp itself: the kernel's own value (this frame's top) or the
	 * user's. */
	ld	x2, PT_X(2)(sp)
	sret
	.size	ret_from_trap, . - ret_from_trap

/* void arch_call_on_stack(void *arg, void (*fn)(void *), unsigned long
 * stack_top): run fn(arg) on a fresh stack, as the first frame there. */
	.globl	arch_call_on_stack
	.type	arch_call_on_stack, @function
arch_call_on_stack:
	mv	sp, a2
	li	s0, 0
	li	ra, 0
	jalr	a1
1:	j	1b
	.size	arch_call_on_stack, . - arch_call_on_stack

/* void arch_return_to_user(struct pt_regs *regs): enter user mode with the
 * registers in regs, which is task_pt_regs(current). */
	.globl	arch_return_to_user
	.type	arch_return_to_user, @function
arch_return_to_user:
	mv	sp, a0
	j	ret_from_trap
	.size	arch_return_to_user, . - arch_return_to_user
