/*
 * x86_64 trap and interrupt entry. Each of the 256 IDT vectors has a small
 * stub that makes the stack uniform (a zero error code where the CPU pushes
 * none, then the vector number) and jumps to trap_common, which saves the
 * general registers into a struct pt_regs, builds a frame record
 * {interrupted rbp, rip} so backtraces walk through the trap, and calls
 * x86_do_trap(regs). On return the (possibly changed) registers are
 * restored and iretq resumes. No user mode yet: no swapgs.
 */
#include <asm/ptrace.h>

/* Vectors for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF
 * #AC #CP #VC #SX (8, 10-14, 17, 21, 29, 30). */
#define ERRCODE_MASK	0x60227d00

	.section .text
	.balign 16
	.globl	x86_trap_stubs
x86_trap_stubs:
	.set	vec, 0
	.rept	256
	.balign 16
	.set	has_err, 0
	.if	vec < 32
	.set	has_err, (ERRCODE_MASK >> vec) & 1
	.endif
	.if	has_err == 0
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	.set	vec, vec + 1
	.endr

trap_common:
	pushq	$-1			/* orig_rax: not a system call */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	/* SMAP: AC survives the trap; kernel code runs with it clear. */
	cmpb	$0, x86_has_smap(%rip)
	je	1f
	clac
1:	movq	%rsp, %rdi
	subq	$8, %rsp		/* pt_regs is 184 bytes: realign */
	pushq	PT_RIP(%rdi)		/* frame record: return address */
	pushq	%rbp			/* ... and the caller's frame */
	movq	%rsp, %rbp
	call	x86_do_trap
	addq	$24, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$24, %rsp		/* orig_rax, vector, error code */
	iretq

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
