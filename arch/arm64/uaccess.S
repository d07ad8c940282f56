/*
 * arch_copy_user(to, from, n): the one arm64 routine that touches user
 * memory. Returns the number of bytes not copied (0 on success).
 */
#include <asm/asm-extable.h>
#include <asm/sysreg.h>

/*
 * Eight bytes at a time while at least eight are left, then bytes. Every
 * load and store has an exception-table entry. A doubleword that faults
 * may straddle the end of a mapping (and a faulting store may have written
 * part of it), so its fixup does not give up: it redoes that doubleword and
 * the rest byte by byte, which copies exactly up to the bad byte. A byte
 * that faults ends the copy; x2 then still counts that byte and all after
 * it, which is the exact number not copied. Pointers and x2 are only
 * advanced after a store has succeeded.
 *
 * PAN (head.S): where the CPU has it the kernel runs with PSTATE.PAN set,
 * so EL1 loads and stores to user pages fault. It is cleared from the
 * entry to the single exit at .Ldone, which every path takes, fixups
 * included. A trap in between sets PAN for its handler (SCTLR_EL1.SPAN is
 * 0) and its eret restores ours from SPSR. On a CPU without PAN the PAN
 * register is an undefined instruction, hence the flag in w4, which
 * nothing in the routine touches (traps restore it too).
 *
 * x0 = to, x1 = from, x2 = bytes left, x3 = data, w4 = arm64_has_pan.
 */
	.text
	.globl	arch_copy_user
	.type	arch_copy_user, %function
	.balign	4
arch_copy_user:
	adrp	x4, arm64_has_pan
	ldrb	w4, [x4, :lo12:arm64_has_pan]
	cbz	w4, 1f
	msr	SYS_PAN, xzr		/* user memory accessible from here */
1:	cmp	x2, #8
	b.lo	.Lbytes
.Lwords:
	user_insn .Lbytes, ldr x3, [x1]
	user_insn .Lbytes, str x3, [x0]
	add	x1, x1, #8
	add	x0, x0, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	.Lwords
.Lbytes:
	cbz	x2, .Ldone
	user_insn .Ldone, ldrb w3, [x1]
	user_insn .Ldone, strb w3, [x0]
	add	x1, x1, #1
	add	x0, x0, #1
	sub	x2, x2, #1
	b	.Lbytes
.Ldone:
	cbz	w4, 2f
	mov	x3, #PSTATE_PAN
	msr	SYS_PAN, x3		/* ... to here */
2:	mov	x0, x2
	ret
	.size	arch_copy_user, . - arch_copy_user
