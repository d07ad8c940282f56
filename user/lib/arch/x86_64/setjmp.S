/*
 * x86_64 setjmp/longjmp/sigsetjmp: jmp_buf words 0-7 hold rbx rbp r12-r15,
 * the caller's rsp and the return address; byte 256 the "mask saved" flag
 * and byte 264 the signal mask (see include/setjmp.h). siglongjmp is in C.
 */
	.text
	.globl setjmp, _setjmp, longjmp, _longjmp, sigsetjmp, __sigsetjmp
	.type setjmp, @function
	.type longjmp, @function
	.type sigsetjmp, @function
setjmp:
_setjmp:
	movl $0, 256(%rdi)
.Lsave_regs:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx		/* rsp as it will be after our ret */
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx
	mov %rdx, 56(%rdi)
	xor %eax, %eax
	ret
	.size setjmp, . - setjmp

longjmp:
_longjmp:
	mov %esi, %eax
	test %eax, %eax
	jnz 1f
	inc %eax			/* longjmp(env, 0) returns 1 */
1:	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp

/* sigsetjmp(env, savemask): the mask is fetched here, before the registers
 * are saved, so the saved state is exactly the caller's. */
sigsetjmp:
__sigsetjmp:
	mov %esi, 256(%rdi)
	test %esi, %esi
	jz .Lsave_regs
	mov %rdi, %r8			/* syscall leaves r8 alone */
	xor %edi, %edi			/* SIG_BLOCK with no set: just read */
	xor %esi, %esi
	lea 264(%r8), %rdx
	mov $8, %r10d			/* sizeof(kernel sigset) */
	mov $14, %eax			/* __NR_rt_sigprocmask */
	syscall
	mov %r8, %rdi
	jmp .Lsave_regs
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", @progbits
