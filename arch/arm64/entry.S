/*
 * arm64 exception vectors (VBAR_EL1): save the interrupted context into a
 * struct pt_regs on the stack, call the C dispatcher in traps.c, restore
 * and eret. The kernel runs on SP_EL1 ("EL1h"). A synchronous exception
 * whose frame would not fit on the kernel stack moves to the overflow
 * stack and oopses. Also the way back to user mode and the kernel-context
 * switch.
 */
#include <asm/ptrace.h>
#include <asm/switch.h>
#include <asm/smp.h>
#include <kstack.h>

/*
 * Save x0-x30, sp, elr, spsr, esr, far; leave x0 = regs, x29 = frame.
 * From EL0, SP_EL1 is the top of current's kernel stack (user mode runs
 * only with nothing else on it), so the frame lands at task_pt_regs().
 * el 2 is an EL1 exception moved to the overflow stack: the trapped sp,
 * minus a frame, waits in SP_EL0.
 */
	.macro	save_regs, el
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	.if	\el == 0
	mrs	x21, sp_el0
	.elseif	\el == 2
	mrs	x21, sp_el0
	add	x21, x21, #PT_REGS_SIZE
	.else
	add	x21, sp, #PT_REGS_SIZE
	.endif
	stp	x30, x21, [sp, #S_LR]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #S_PC]
	mrs	x24, esr_el1
	mrs	x25, far_el1
	stp	x24, x25, [sp, #S_ESR]
	/* x0 is still the trapped x0; not a system call until traps.c says */
	mov	x26, #NO_SYSCALL
	stp	x0, x26, [sp, #S_ORIG_X0]
	/* Frame record {x29, pc}: the unwinder steps into the trapped code. */
	stp	x29, x22, [sp, #S_FRAME]
	add	x29, sp, #S_FRAME
	mov	x0, sp
	.endm

/* Restore from pt_regs, which a handler may have changed (pc), and eret. */
	.macro	restore_regs, el
	ldp	x22, x23, [sp, #S_PC]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.if	\el == 0
	ldr	x21, [sp, #S_SP]
	msr	sp_el0, x21
	.endif
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #S_LR]
	add	sp, sp, #PT_REGS_SIZE
	eret
	.endm

/*
 * Would a frame still fit on the kernel stack? Stacks are KSTACK_SIZE
 * bytes at a KSTACK_ALIGN boundary (include/kstack.h), so bit KSTACK_SHIFT
 * of sp - PT_REGS_SIZE is set only if saving the frame would run off the
 * bottom. No register is free yet: sp itself holds sp + x0 for a moment
 * (only arithmetic, no access through it) while x0 holds the value to
 * test; both come back unchanged when the frame fits.
 */
	.macro	check_kernel_stack
	sub	sp, sp, #PT_REGS_SIZE
	add	sp, sp, x0
	sub	x0, sp, x0
	tbnz	x0, #KSTACK_SHIFT, el1_stack_overflow
	sub	x0, sp, x0
	sub	sp, sp, x0
	add	sp, sp, #PT_REGS_SIZE
	.endm

/* A handled exception: save, call \handler(regs), restore. */
	.macro	trap_stub, name, el, handler
\name:
	save_regs \el
	bl	\handler
	restore_regs \el
	.endm

/* An exception from user mode: handle, then leave through ret_to_user. */
	.macro	user_stub, name, handler
\name:
	save_regs 0
	bl	\handler
	b	ret_to_user
	.endm

/* A vector we never expect: save, report which one, never return. */
	.macro	bad_stub, name, el, kind
\name:
	save_regs \el
	mov	x1, #\kind
	bl	arm64_bad_vector
	b	.
	.endm

	.macro	ventry, target
	.balign	0x80
	b	\target
	.endm

	.text
	.balign	2048
	.globl	arm64_vectors
arm64_vectors:
	/* Current EL with SP_EL0: the kernel never runs that way. */
	ventry	bad_el1t_sync
	ventry	bad_el1t_irq
	ventry	bad_el1t_fiq
	ventry	bad_el1t_serror
	/* Current EL with SP_EL1: the kernel itself. */
	ventry	el1_sync
	ventry	el1_irq
	ventry	bad_el1_fiq
	ventry	bad_el1_serror
	/* Lower EL, AArch64: user space. */
	ventry	el0_sync
	ventry	el0_irq
	ventry	bad_el0_fiq
	ventry	bad_el0_serror
	/* Lower EL, AArch32: not supported. */
	ventry	bad_el0_32_sync
	ventry	bad_el0_32_irq
	ventry	bad_el0_32_fiq
	ventry	bad_el0_32_serror

	/* kind numbers match vector_names[] in traps.c */
el1_sync:
	check_kernel_stack
	trap_stub el1_sync_fits, 1, arm64_sync_handler
	trap_stub el1_irq, 1, arm64_irq_handler
	user_stub el0_sync, arm64_el0_sync_handler
	user_stub el0_irq, arm64_el0_irq_handler
	bad_stub bad_el1t_sync, 1, 0
	bad_stub bad_el1t_irq, 1, 1
	bad_stub bad_el1t_fiq, 1, 2
	bad_stub bad_el1t_serror, 1, 3
	bad_stub bad_el1_fiq, 1, 6
	bad_stub bad_el1_serror, 1, 7
	bad_stub bad_el0_fiq, 0, 10
	bad_stub bad_el0_serror, 0, 11
	bad_stub bad_el0_32_sync, 0, 12
	bad_stub bad_el0_32_irq, 0, 13
	bad_stub bad_el0_32_fiq, 0, 14
	bad_stub bad_el0_32_serror, 0, 15

/*
 * The kernel stack is full (check_kernel_stack): x0 = the trapped sp minus
 * a frame, sp = that plus the trapped x0. Park the first in SP_EL0 (free in
 * the kernel: the user's sp is in pt_regs until ret_to_user) and x0 in
 * TPIDRRO_EL0 (user space reads it, so it goes back to 0), move to this
 * CPU's overflow stack, save a frame there and oops. Never returns.
 * Each CPU has its own (struct arch_cpu, through TPIDR_EL1); the boot CPU,
 * and any CPU before its per-CPU register is set, uses the shared one.
 */
el1_stack_overflow:
	msr	sp_el0, x0
	sub	x0, sp, x0
	msr	tpidrro_el0, x0
	mrs	x0, tpidr_el1
	cbz	x0, 1f
	ldr	x0, [x0, #ARCH_CPU_OVERFLOW_STACK]
	cbnz	x0, 2f
1:	adrp	x0, kstack_overflow_stack + KSTACK_SIZE
	add	x0, x0, :lo12:kstack_overflow_stack + KSTACK_SIZE
2:	mov	sp, x0
	mrs	x0, tpidrro_el0
	msr	tpidrro_el0, xzr
	save_regs 2
	bl	arm64_stack_overflow
1:	b	1b

/*
 * Back to user mode with sp = the task's pt_regs (the top of its kernel
 * stack). IRQs are masked from here to the eret: exit_to_user_mode needs
 * them off to see its work reliably, and an interrupt between writing
 * ELR/SPSR and the eret would overwrite them.
 */
ret_to_user:
	msr	daifset, #2
	mov	x0, sp
	bl	exit_to_user_mode
restore_user:
	msr	daifset, #2		/* in case it came back with them on */
	restore_regs 0

/* void arch_return_to_user(struct pt_regs *regs): regs is
 * task_pt_regs(current); nothing above it on the stack survives. The
 * caller has already run exit_to_user_mode() (it drops the big kernel
 * lock, so it must run exactly once). */
	.globl	arch_return_to_user
	.type	arch_return_to_user, %function
arch_return_to_user:
	mov	sp, x0
	mov	x29, xzr
	b	restore_user
	.size	arch_return_to_user, . - arch_return_to_user

/* void arch_call_on_stack(void *arg, void (*fn)(void *), unsigned long
 * stack_top): run fn(arg) on a fresh stack, as the first frame there. */
	.globl	arch_call_on_stack
	.type	arch_call_on_stack, %function
arch_call_on_stack:
	mov	sp, x2
	mov	x29, xzr
	mov	x30, xzr
	blr	x1
1:	b	1b
	.size	arch_call_on_stack, . - arch_call_on_stack

/*
 * void arm64_switch_to(struct arch_context *prev, struct arch_context *next)
 * Save the callee-saved registers, sp and the return address into prev,
 * load next's, and return into next (its own arm64_switch_to call, or
 * arm64_first_run for a new task).
 */
	.globl	arm64_switch_to
	.type	arm64_switch_to, %function
arm64_switch_to:
	mov	x9, sp
	stp	x19, x20, [x0, #CTX_X19]
	stp	x21, x22, [x0, #CTX_X19 + 16]
	stp	x23, x24, [x0, #CTX_X19 + 32]
	stp	x25, x26, [x0, #CTX_X19 + 48]
	stp	x27, x28, [x0, #CTX_X19 + 64]
	stp	x29, x9, [x0, #CTX_FP]
	str	x30, [x0, #CTX_PC]
	ldp	x19, x20, [x1, #CTX_X19]
	ldp	x21, x22, [x1, #CTX_X19 + 16]
	ldp	x23, x24, [x1, #CTX_X19 + 32]
	ldp	x25, x26, [x1, #CTX_X19 + 48]
	ldp	x27, x28, [x1, #CTX_X19 + 64]
	ldp	x29, x9, [x1, #CTX_FP]
	ldr	x30, [x1, #CTX_PC]
	mov	sp, x9
	ret
	.size	arm64_switch_to, . - arm64_switch_to

/* A new task's first instructions (arch_context_init): on its kernel stack
 * just below its pt_regs, IRQs masked; a zero frame pointer ends
 * backtraces here. task_first_run never returns. */
	.globl	arm64_first_run
	.type	arm64_first_run, %function
arm64_first_run:
	mov	x29, xzr
	mov	x30, xzr
	bl	task_first_run
1:	b	1b
	.size	arm64_first_run, . - arm64_first_run
