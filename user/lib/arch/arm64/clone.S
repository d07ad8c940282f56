/*
 * arm64 __clone_raw(fn, stack, flags, arg, ptid, tls, ctid): the clone
 * syscall (flags, newsp, ptid, tls, ctid); the child takes fn and arg off its
 * new stack, runs fn(arg) and exits the thread with its return value.
 * Returns the raw syscall result (child tid or -errno) in the parent.
 */
	.text
	.globl __clone_raw
	.type __clone_raw, %function
__clone_raw:
	and x1, x1, #~15
	stp x0, x3, [x1, #-16]!		/* fn, arg on the child's stack */
	mov x0, x2			/* flags; x1 is newsp */
	mov x2, x4			/* ptid */
	mov x3, x5			/* tls */
	mov x4, x6			/* ctid */
	mov x8, #220			/* __NR_clone */
	svc #0
	cbz x0, 1f
	ret
1:	ldp x1, x0, [sp], #16		/* child: x1 = fn, x0 = arg */
	mov x29, #0
	mov x30, #0
	blr x1
	mov x8, #93			/* __NR_exit: this thread only */
	svc #0
	brk #0
	.size __clone_raw, . - __clone_raw

	.section .note.GNU-stack, "", %progbits
