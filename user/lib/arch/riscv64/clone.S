/*
 * riscv64 __clone_raw(fn, stack, flags, arg, ptid, tls, ctid): the clone
 * syscall (flags, newsp, ptid, tls, ctid); the child takes fn and arg off its
 * new stack, runs fn(arg) and exits the thread with its return value.
 * Returns the raw syscall result (child tid or -errno) in the parent.
 */
	.text
	.globl __clone_raw
	.type __clone_raw, @function
__clone_raw:
	andi a1, a1, -16
	addi a1, a1, -16
	sd a0, 0(a1)			/* fn */
	sd a3, 8(a1)			/* arg */
	mv a0, a2			/* flags; a1 is newsp */
	mv a2, a4			/* ptid */
	mv a3, a5			/* tls */
	mv a4, a6			/* ctid */
	li a7, 220			/* __NR_clone */
	ecall
	beqz a0, 1f
	ret
1:	ld a1, 0(sp)			/* child: a1 = fn, a0 = arg */
	ld a0, 8(sp)
	addi sp, sp, 16
	li ra, 0
	li s0, 0
	jalr a1
	li a7, 93			/* __NR_exit: this thread only */
	ecall
	ebreak
	.size __clone_raw, . - __clone_raw

	.section .note.GNU-stack, "", @progbits
