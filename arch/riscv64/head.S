/* riscv64 boot entry: OpenSBI jumps here in S-mode at the physical load
 * address (0x80200000) with the MMU off, a0 = hart id, a1 = DTB address.
 * Secondary harts enter at secondary_entry, started through SBI HSM. */
#include <asm/memory.h>
#include <asm/csr.h>
#include <asm/smp.h>
#include <kstack.h>

/* Sv39 PTE bits (asm/pgtable.h is C only). */
#define PTE_V	0x01
#define PTE_R	0x02
#define PTE_W	0x04
#define PTE_X	0x08
#define PTE_G	0x20
#define PTE_A	0x40
#define PTE_D	0x80
#define PTE_KERNEL_RWX	(PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

#define GIGA_SHIFT	30
#define EARLY_GIGAPAGES	4	/* EARLY_MAP_LIMIT / 1 GiB */
#define BOOT_STACK_SIZE	KSTACK_SIZE

	.section .text.head, "ax"
	.globl _start
	.type	_start, @function
_start:
	/* Nothing may interrupt us until start_kernel sets things up. */
	csrw	sie, zero
	csrci	sstatus, SSTATUS_SIE
	mv	s2, a0			/* hart id */
	mv	s3, a1			/* DTB physical address */

	/*
	 * Until the MMU is on we run at the load address, and every lla is
	 * PC-relative, so it yields physical addresses. __pa() assumes
	 * physical = link address - PAGE_OFFSET; refuse to go on otherwise.
	 */
	lla	t0, _start
	ld	t1, .Lstart_link
	li	t2, PAGE_OFFSET
	sub	t1, t1, t2
	bne	t0, t1, .Lbad_load

	/* BSS holds the boot page table and stack: clear it first. */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	/*
	 * Boot page table, all 1 GiB leaves in the root: physical [0, 4 GiB)
	 * at PAGE_OFFSET (root entries 256..259; this covers the kernel image
	 * at its link address, the DTB and all RAM below EARLY_MAP_LIMIT),
	 * plus an identity entry for the gigabyte we run in, so the fetch
	 * right after the satp write still works. Everything is RWX here;
	 * paging_init() replaces these tables with W^X ones.
	 */
	lla	a0, boot_pgd
	li	t0, (PAGE_OFFSET >> GIGA_SHIFT) & 511
	slli	t0, t0, 3
	add	t0, t0, a0		/* &boot_pgd[256] */
	li	t1, PTE_KERNEL_RWX | PTE_G
	li	t2, EARLY_GIGAPAGES
3:	sd	t1, 0(t0)
	li	t3, 1 << (GIGA_SHIFT - 2)	/* +1 GiB in the PPN field */
	add	t1, t1, t3
	addi	t0, t0, 8
	addi	t2, t2, -1
	bnez	t2, 3b

	lla	t0, _start
	srli	t0, t0, GIGA_SHIFT	/* its gigabyte = its root index */
	slli	t1, t0, GIGA_SHIFT - 2
	ori	t1, t1, PTE_KERNEL_RWX	/* not global: a temporary alias */
	slli	t0, t0, 3
	add	t0, t0, a0
	sd	t1, 0(t0)

	srli	t0, a0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* Jump from the identity alias to the link address. */
	lla	t0, .Lhigh
	li	t1, PAGE_OFFSET
	add	t0, t0, t1
	jr	t0

.Lhigh:
	/* From here on lla yields link (virtual) addresses. */
	lla	sp, boot_stack_top
	lla	t0, trap_entry		/* traps now reach die() */
	csrw	stvec, t0
	csrw	sscratch, zero
	li	tp, 0			/* nothing of the firmware's survives */
	li	gp, 0			/* no gp-relative code: -mno-relax */
	lla	t0, riscv_boot_hartid
	sd	s2, 0(t0)
	lla	t0, riscv_boot_dtb
	sd	s3, 0(t0)
	/* A zero frame pointer and return address end every backtrace. */
	li	s0, 0
	li	ra, 0
	call	start_kernel
4:	wfi
	j	4b

	/* Wrong load address: say so through the SBI console and stop. */
.Lbad_load:
	lla	s4, .Lbad_load_msg
5:	lbu	a0, 0(s4)
	beqz	a0, 6f
	li	a7, 1		/* legacy console_putchar */
	ecall
	addi	s4, s4, 1
	j	5b
6:	wfi
	j	6b

	.size	_start, . - _start

/*
 * A secondary hart, started by arch_cpu_start() through SBI HSM: S-mode,
 * MMU off, interrupts off, a0 = its hart id, a1 = the physical address of
 * its struct cpu, whose arch.kernel_sp is the top of its idle task's
 * stack. riscv_secondary_satp holds the kernel page table's satp value.
 */
	.globl	secondary_entry
	.type	secondary_entry, @function
secondary_entry:
	csrw	sie, zero
	csrci	sstatus, SSTATUS_SIE
	/*
	 * kernel_pgtable maps nothing at low addresses, so the fetch right
	 * after the satp write faults, and the trap goes to stvec: point it
	 * at the link address of .Lsecondary_high first. That fault is the
	 * jump to the high half; no identity map is needed.
	 */
	lla	t0, .Lsecondary_high
	li	t1, PAGE_OFFSET
	add	t0, t0, t1
	csrw	stvec, t0
	add	tp, a1, t1		/* __va(): struct cpu is in the image */
	lla	t0, riscv_secondary_satp
	ld	t0, 0(t0)
	sfence.vma
	csrw	satp, t0
	/* Not reached: the fetch of this instruction faults. */
1:	j	1b

	.balign	4
.Lsecondary_high:
	sfence.vma
	lla	t0, trap_entry
	csrw	stvec, t0
	csrw	sscratch, zero		/* in the kernel */
	li	gp, 0
	ld	sp, CPU_KERNEL_SP(tp)
	li	s0, 0
	li	ra, 0
	call	secondary_start_kernel
2:	wfi
	j	2b
	.size	secondary_entry, . - secondary_entry

	.balign 8
.Lstart_link:
	.dword	_start

	.section .rodata
.Lbad_load_msg:
	.asciz	"faultline: not loaded at its link address - PAGE_OFFSET (0x80200000)\r\n"

	/* The boot stack is the idle task's for good: aligned and sized like
	 * a task stack, so the trap entry's overflow test holds on it too
	 * (include/kstack.h). It has no guard page. */
	.section .bss.boot, "aw", @nobits
	.balign	KSTACK_ALIGN
	.globl	boot_stack
boot_stack:
	.skip	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:
	.globl	boot_pgd
boot_pgd:
	.skip	4096
