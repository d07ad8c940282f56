/*
 * arm64 exception vectors (VBAR_EL1): save the interrupted context into a
 * struct pt_regs on the stack, call the C dispatcher in traps.c, restore
 * and eret. The kernel runs on SP_EL1 ("EL1h").
 */
#include <asm/ptrace.h>

/* Save x0-x30, sp, elr, spsr, esr, far; leave x0 = regs, x29 = frame. */
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

/* A handled exception: save, call \handler(regs), restore. */
	.macro	trap_stub, name, el, handler
\name:
	save_regs \el
	bl	\handler
	restore_regs \el
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
	trap_stub el1_sync, 1, arm64_sync_handler
	trap_stub el1_irq, 1, arm64_irq_handler
	trap_stub el0_sync, 0, arm64_sync_handler
	trap_stub el0_irq, 0, arm64_irq_handler
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
