/*
 * riscv64 setjmp/longjmp/sigsetjmp: jmp_buf bytes 0-111 hold ra, sp and
 * s0-s11, 112-207 fs0-fs11 (lp64d callee-saved FP registers); byte 256 the
 * "mask saved" flag and 264 the signal mask (see include/setjmp.h).
 * siglongjmp is in C.
 */
	.text
	.globl setjmp, _setjmp, longjmp, _longjmp, sigsetjmp, __sigsetjmp
	.type setjmp, @function
	.type longjmp, @function
	.type sigsetjmp, @function
setjmp:
_setjmp:
	sw zero, 256(a0)
.Lsave_regs:
	sd ra, 0(a0)
	sd sp, 8(a0)
	sd s0, 16(a0)
	sd s1, 24(a0)
	sd s2, 32(a0)
	sd s3, 40(a0)
	sd s4, 48(a0)
	sd s5, 56(a0)
	sd s6, 64(a0)
	sd s7, 72(a0)
	sd s8, 80(a0)
	sd s9, 88(a0)
	sd s10, 96(a0)
	sd s11, 104(a0)
	fsd fs0, 112(a0)
	fsd fs1, 120(a0)
	fsd fs2, 128(a0)
	fsd fs3, 136(a0)
	fsd fs4, 144(a0)
	fsd fs5, 152(a0)
	fsd fs6, 160(a0)
	fsd fs7, 168(a0)
	fsd fs8, 176(a0)
	fsd fs9, 184(a0)
	fsd fs10, 192(a0)
	fsd fs11, 200(a0)
	li a0, 0
	ret
	.size setjmp, . - setjmp

longjmp:
_longjmp:
	ld ra, 0(a0)
	ld sp, 8(a0)
	ld s0, 16(a0)
	ld s1, 24(a0)
	ld s2, 32(a0)
	ld s3, 40(a0)
	ld s4, 48(a0)
	ld s5, 56(a0)
	ld s6, 64(a0)
	ld s7, 72(a0)
	ld s8, 80(a0)
	ld s9, 88(a0)
	ld s10, 96(a0)
	ld s11, 104(a0)
	fld fs0, 112(a0)
	fld fs1, 120(a0)
	fld fs2, 128(a0)
	fld fs3, 136(a0)
	fld fs4, 144(a0)
	fld fs5, 152(a0)
	fld fs6, 160(a0)
	fld fs7, 168(a0)
	fld fs8, 176(a0)
	fld fs9, 184(a0)
	fld fs10, 192(a0)
	fld fs11, 200(a0)
	seqz a0, a1			/* longjmp(env, 0) returns 1 */
	add a0, a0, a1
	ret
	.size longjmp, . - longjmp

/* sigsetjmp(env, savemask): read the mask first (ecall preserves t0). */
sigsetjmp:
__sigsetjmp:
	sw a1, 256(a0)
	beqz a1, .Lsave_regs
	mv t0, a0
	li a0, 0			/* SIG_BLOCK with no set: just read */
	li a1, 0
	addi a2, t0, 264
	li a3, 8			/* sizeof(kernel sigset) */
	li a7, 135			/* __NR_rt_sigprocmask */
	ecall
	mv a0, t0
	j .Lsave_regs
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", @progbits
