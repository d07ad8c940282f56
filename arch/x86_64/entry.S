/*
 * x86_64 kernel entry and exit. Each of the 256 IDT vectors has a small
 * stub that makes the stack uniform (a zero error code where the CPU pushes
 * none, then the vector number) and jumps to trap_common, which saves the
 * general registers into a struct pt_regs, builds a frame record
 * {interrupted rbp, rip} so backtraces walk through the trap, and calls
 * x86_do_trap(regs). The SYSCALL instruction enters at x86_syscall_entry,
 * which builds the same pt_regs by hand on the task's kernel stack. Both
 * leave through iretq, or sysretq for a system call whose registers allow it.
 *
 * GS: kernel code runs with GS base = this CPU's struct cpu (asm/smp.h),
 * user code with its own. Every way in from ring 3 starts with swapgs and
 * every way out ends with one, so the rule is "swapgs when the frame's CS
 * is ring 3". NMI, #DF and #MC can hit the few instructions between a
 * swapgs and the ring change, where CS tells nothing: their entry
 * (paranoid_common) reads MSR_GS_BASE instead. FS is the user's alone and
 * stays loaded while the kernel runs.
 */
#include <asm/ptrace.h>
#include <asm/smp.h>
#include <asm/switch.h>
#include <asm/x86.h>
#include <uapi/errno.h>

/* Vectors for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF
 * #AC #CP #VC #SX (8, 10-14, 17, 21, 29, 30). */
#define ERRCODE_MASK	0x60227d00

/* Push the general registers in struct pt_regs order, rdi first (rax has
 * been pushed, or replaced, by the caller's choice). */
.macro PUSH_GPRS_AFTER_RAX
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
.endm

/* Load every general register back from a pt_regs at rsp, leaving rsp at
 * orig_rax (both ways out to ring 3 use it). */
.macro POP_GPRS
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
.endm

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
	.if	vec == 2 || vec == 8 || vec == 18
	jmp	paranoid_common		/* NMI, #DF, #MC: on IST stacks */
	.else
	jmp	trap_common
	.endif
	.set	vec, vec + 1
	.endr

/* The rest of struct pt_regs below what the stub pushed, kernel string
 * direction and SMAP state (AC survives the trap; kernel code runs with it
 * clear). */
.macro SAVE_PT_REGS
	pushq	$-1			/* orig_rax: not a system call */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	PUSH_GPRS_AFTER_RAX
	cld
	cmpb	$0, x86_has_smap(%rip)
	je	.Lsmap_done\@
	clac
.Lsmap_done\@:
.endm

/* Call x86_do_trap(regs) for the pt_regs at rsp, behind a frame record
 * {interrupted rbp, rip} so backtraces walk through the trap. */
.macro CALL_DO_TRAP
	movq	%rsp, %rdi
	subq	$8, %rsp		/* pt_regs is 184 bytes: realign */
	pushq	PT_RIP(%rdi)		/* frame record: return address */
	pushq	%rbp			/* ... and the caller's frame */
	movq	%rsp, %rbp
	call	x86_do_trap		/* to user mode: exit work done */
	addq	$24, %rsp
.endm

/*
 * From ring 3 the CPU has switched to TSS.rsp0, the top of the task's
 * kernel stack, so this pt_regs is task_pt_regs(current); from ring 0 it
 * lies on the interrupted kernel stack. The stub left the vector at rsp,
 * the error code at 8 and the CPU's frame (rip, cs, ...) from 16 on.
 */
trap_common:
	testb	$3, 24(%rsp)		/* from ring 3: take the kernel's GS */
	jz	1f
	swapgs
1:	SAVE_PT_REGS
	CALL_DO_TRAP
	/* fall through */

/* Restore the pt_regs at rsp and return with iretq (to either ring). */
	.globl	x86_iret_regs
x86_iret_regs:
	POP_GPRS
	addq	$24, %rsp		/* orig_rax, vector, error code */
	testb	$3, 8(%rsp)		/* to ring 3: give the user its GS */
	jz	2f
	swapgs
2:	iretq

/*
 * NMI, #DF and #MC come on their own IST stacks at any instruction, also
 * right after a SYSCALL (before its swapgs) or right before a sysretq or
 * iretq (after the last swapgs). So decide by the GS base itself: the
 * kernel's is a struct cpu, a negative address; a user's never is
 * (arch_prctl refuses bases at or above TASK_SIZE, and a selector load
 * gives a 32-bit base). rbx, callee-saved, remembers for the way out.
 */
paranoid_common:
	SAVE_PT_REGS
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	xorl	%ebx, %ebx
	testl	%edx, %edx
	js	1f
	swapgs
	movl	$1, %ebx
1:	CALL_DO_TRAP
	testl	%ebx, %ebx
	jz	2f
	swapgs
2:	POP_GPRS
	addq	$24, %rsp
	iretq

/*
 * SYSCALL from ring 3: rcx = user rip, r11 = user rflags, CS/SS already the
 * kernel's (STAR), RFLAGS masked by FMASK (IF, DF, TF, AC, NT clear), rsp
 * still the user's. With interrupts off, two slots of this CPU's struct
 * arch_cpu suffice to switch stacks: the top of the running task's kernel
 * stack (kept by arch_context_switch) and a place for the user rsp while
 * it is moved. swapgs first, so %gs names them.
 */
	.balign 16
	.globl	x86_syscall_entry
x86_syscall_entry:
	swapgs
	movq	%rsp, %gs:ARCH_CPU_USER_RSP
	movq	%gs:ARCH_CPU_KSTACK_TOP, %rsp
	/* The frame an interrupt from ring 3 would have pushed. */
	pushq	$GDT_USER_DS			/* ss */
	pushq	%gs:ARCH_CPU_USER_RSP		/* rsp */
	pushq	%r11				/* rflags */
	pushq	$GDT_USER_CS			/* cs */
	pushq	%rcx				/* rip */
	pushq	$0				/* error code */
	pushq	$PT_VECTOR_SYSCALL		/* vector */
	pushq	%rax				/* orig_rax: the number */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	$-ENOSYS			/* rax, until there is a result */
	PUSH_GPRS_AFTER_RAX
	movq	%rsp, %rdi
	subq	$8, %rsp			/* realign, as in trap_common */
	pushq	PT_RIP(%rdi)
	pushq	$0				/* the user's rbp ends backtraces */
	movq	%rsp, %rbp
	call	x86_syscall			/* interrupts off on return */
	addq	$24, %rsp
	testl	%eax, %eax
	jz	x86_iret_regs

	/*
	 * sysretq: x86_syscall has checked that rcx = rip, r11 = rflags, the
	 * rip is a user address and neither TF nor RF is set, so it restores
	 * exactly what iretq would. rsp is loaded last, from the frame, and
	 * the user's GS base right before the return.
	 */
	POP_GPRS
	movq	PT_RSP - PT_ORIG_RAX(%rsp), %rsp
	swapgs
	sysretq

/*
 * void x86_switch_to(struct arch_context *prev, struct arch_context *next):
 * save the callee-saved registers, the stack and a resume address in prev,
 * load next's, and go on where next stopped (label 1 below for a task that
 * switched out here; x86_task_start for a new one).
 */
	.globl	x86_switch_to
x86_switch_to:
	movq	%rbx, CTX_RBX(%rdi)
	movq	%rbp, CTX_RBP(%rdi)
	movq	%r12, CTX_R12(%rdi)
	movq	%r13, CTX_R13(%rdi)
	movq	%r14, CTX_R14(%rdi)
	movq	%r15, CTX_R15(%rdi)
	movq	%rsp, CTX_RSP(%rdi)
	leaq	1f(%rip), %rax
	movq	%rax, CTX_RIP(%rdi)
	movq	CTX_RBX(%rsi), %rbx
	movq	CTX_RBP(%rsi), %rbp
	movq	CTX_R12(%rsi), %r12
	movq	CTX_R13(%rsi), %r13
	movq	CTX_R14(%rsi), %r14
	movq	CTX_R15(%rsi), %r15
	movq	CTX_RSP(%rsi), %rsp
	jmpq	*CTX_RIP(%rsi)
1:	ret

/* A new task's first instructions (arch_context_init): rsp is 16-byte
 * aligned just below its pt_regs, rbp is 0 (backtraces end here).
 * task_first_run() never returns. */
	.globl	x86_task_start
x86_task_start:
	call	task_first_run
	call	x86_task_returned

/* void arch_call_on_stack(void *arg, void (*fn)(void *), unsigned long
 * stack_top): run fn(arg) on a fresh stack, as the first frame there. */
	.globl	arch_call_on_stack
arch_call_on_stack:
	movq	%rdx, %rsp
	xorl	%ebp, %ebp
	call	*%rsi
	ud2

/* void x86_iret_to(struct pt_regs *regs): enter the context regs holds. */
	.globl	x86_iret_to
x86_iret_to:
	movq	%rdi, %rsp
	jmp	x86_iret_regs

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
