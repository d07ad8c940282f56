/*
 * x86_64 __clone_raw(fn, stack, flags, arg, ptid, tls, ctid): the clone
 * syscall (flags, newsp, ptid, ctid, tls); the child pops fn and arg off its
 * new stack, runs fn(arg) and exits the thread with its return value.
 * Returns the raw syscall result (child tid or -errno) in the parent.
 */
	.text
	.globl __clone_raw
	.type __clone_raw, @function
__clone_raw:
	and $-16, %rsi
	sub $16, %rsi
	mov %rdi, 0(%rsi)		/* fn */
	mov %rcx, 8(%rsi)		/* arg */
	mov %rdx, %rdi			/* flags */
	mov %r8, %rdx			/* ptid */
	mov 8(%rsp), %r10		/* ctid (7th argument, on the stack) */
	mov %r9, %r8			/* tls */
	mov $56, %eax			/* __NR_clone */
	syscall
	test %rax, %rax
	jz 1f
	ret
1:	xor %ebp, %ebp			/* child: outermost frame */
	pop %rax
	pop %rdi
	call *%rax
	mov %eax, %edi
	mov $60, %eax			/* __NR_exit: this thread only */
	syscall
	hlt
	.size __clone_raw, . - __clone_raw

	.section .note.GNU-stack, "", @progbits
