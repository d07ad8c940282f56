/*
 * arm64 setjmp/longjmp/sigsetjmp: jmp_buf bytes 0-95 hold x19-x30, 96 sp,
 * 104-167 d8-d15 (the callee-saved FP registers); byte 256 the "mask saved"
 * flag and 264 the signal mask (see include/setjmp.h). siglongjmp is in C.
 */
	.text
	.globl setjmp, _setjmp, longjmp, _longjmp, sigsetjmp, __sigsetjmp
	.type setjmp, %function
	.type longjmp, %function
	.type sigsetjmp, %function
setjmp:
_setjmp:
	str wzr, [x0, #256]
.Lsave_regs:
	stp x19, x20, [x0, #0]
	stp x21, x22, [x0, #16]
	stp x23, x24, [x0, #32]
	stp x25, x26, [x0, #48]
	stp x27, x28, [x0, #64]
	stp x29, x30, [x0, #80]
	mov x2, sp
	str x2, [x0, #96]
	stp d8, d9, [x0, #104]
	stp d10, d11, [x0, #120]
	stp d12, d13, [x0, #136]
	stp d14, d15, [x0, #152]
	mov w0, #0
	ret
	.size setjmp, . - setjmp

longjmp:
_longjmp:
	ldp x19, x20, [x0, #0]
	ldp x21, x22, [x0, #16]
	ldp x23, x24, [x0, #32]
	ldp x25, x26, [x0, #48]
	ldp x27, x28, [x0, #64]
	ldp x29, x30, [x0, #80]
	ldr x2, [x0, #96]
	mov sp, x2
	ldp d8, d9, [x0, #104]
	ldp d10, d11, [x0, #120]
	ldp d12, d13, [x0, #136]
	ldp d14, d15, [x0, #152]
	cmp w1, #0
	csinc w0, w1, wzr, ne		/* longjmp(env, 0) returns 1 */
	ret
	.size longjmp, . - longjmp

/* sigsetjmp(env, savemask): read the mask first (svc preserves x9). */
sigsetjmp:
__sigsetjmp:
	str w1, [x0, #256]
	cbz w1, .Lsave_regs
	mov x9, x0
	mov x0, #0			/* SIG_BLOCK with no set: just read */
	mov x1, #0
	add x2, x9, #264
	mov x3, #8			/* sizeof(kernel sigset) */
	mov x8, #135			/* __NR_rt_sigprocmask */
	svc #0
	mov x0, x9
	b .Lsave_regs
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", %progbits
