/* arch_copy_user(to, from, n): the one riscv64 routine that touches user
 * memory. Returns the number of bytes not copied (0 when all were). */
#include <asm/asm-extable.h>
#include <asm/ptrace.h>

/*
 * sstatus.SUM lets S-mode touch U pages; it is set only from here to the
 * single exit at .Ldone, which every path takes, fixups included. (The trap
 * entry clears SUM while a fault is handled and sret brings it back, so the
 * fixup still has to clear it.)
 *
 * When to and from share their offset in a doubleword, copy bytes up to the
 * boundary and then doublewords. An aligned doubleword never spans two
 * pages, so if one faults its first byte is on the bad page too: the byte
 * loop redoes it and stops on that first byte. A byte that faults ends the
 * copy. Pointers and a2 move only after a store succeeds, so a2 is then the
 * exact number of bytes not copied.
 *
 * a0 = to, a1 = from, a2 = bytes left, t0 = scratch, t1 = data.
 */
	.section .text
	.balign	4
	.globl	arch_copy_user
	.type	arch_copy_user, @function
arch_copy_user:
	li	t0, SSTATUS_SUM
	csrs	sstatus, t0
	xor	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, .Lbytes		/* offsets differ: bytes only */
.Lalign:
	andi	t0, a0, 7
	beqz	t0, .Lwords
	beqz	a2, .Ldone
	uaccess_insn .Ldone, lbu t1, 0(a1)
	uaccess_insn .Ldone, sb t1, 0(a0)
	addi	a1, a1, 1
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lalign
.Lwords:
	li	t0, 8
	bltu	a2, t0, .Lbytes
	uaccess_insn .Lbytes, ld t1, 0(a1)
	uaccess_insn .Lbytes, sd t1, 0(a0)
	addi	a1, a1, 8
	addi	a0, a0, 8
	addi	a2, a2, -8
	j	.Lwords
.Lbytes:
	beqz	a2, .Ldone
	uaccess_insn .Ldone, lbu t1, 0(a1)
	uaccess_insn .Ldone, sb t1, 0(a0)
	addi	a1, a1, 1
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lbytes
.Ldone:
	li	t0, SSTATUS_SUM
	csrc	sstatus, t0
	mv	a0, a2
	ret
	.size	arch_copy_user, . - arch_copy_user
