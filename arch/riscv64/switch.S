/* riscv64 task switch: save the callee-saved registers of one kernel
 * context and load another's; the first instructions of a new task. */
#include <asm/switch.h>

	.section .text
	.balign	4
/*
 * void riscv_switch_to(struct arch_context *prev, struct arch_context *next)
 * Returns on next's stack, to next's saved ra: the point where next once
 * called riscv_switch_to, or riscv_task_entry for a new task.
 */
	.globl	riscv_switch_to
	.type	riscv_switch_to, @function
riscv_switch_to:
	sd	ra, CTX_RA(a0)
	sd	sp, CTX_SP(a0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, CTX_S(\n)(a0)
	.endr
	ld	ra, CTX_RA(a1)
	ld	sp, CTX_SP(a1)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, CTX_S(\n)(a1)
	.endr
	ret
	.size	riscv_switch_to, . - riscv_switch_to

/*
 * Where a new task's first switch lands (arch_context_init), with sp just
 * below its pt_regs, s0 = 0 and interrupts off. ra = 0 too: task_first_run
 * never returns, and a backtrace ends with it.
 */
	.globl	riscv_task_entry
	.type	riscv_task_entry, @function
riscv_task_entry:
	li	ra, 0
	tail	task_first_run
	.size	riscv_task_entry, . - riscv_task_entry
