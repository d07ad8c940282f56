/*
 * x86_64 boot entry. GRUB (multiboot2) jumps to _start in 32-bit protected
 * mode with paging off: eax = 0x36d76289, ebx = physical address of the boot
 * information. We check the magic and long-mode support, clear BSS, build
 * boot page tables, turn on PAE + long mode + NX + paging, far-jump into
 * 64-bit code and from there to the kernel's link address, then call
 * start_kernel() on the boot stack.
 *
 * The 32-bit code runs at physical addresses while every symbol is linked
 * in the top 2 GiB, so it names everything through PHYS().
 */
#include <asm/memory.h>
#include <asm/x86.h>

#define PHYS(sym)	((sym) - KERNEL_VIRT_BASE)

#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_BOOT_MAGIC		0x36d76289
#define PVH_START_MAGIC		0x336ec578

#define COM1_LSR	(COM1_PORT + 5)
#define PTE_TABLE	0x3	/* present, writable */
#define PTE_LARGE	0x83	/* present, writable, 2 MiB page */
#define BOOT_STACK_SIZE	16384

/*
 * The multiboot2 header: 8-byte aligned within the first 32 KiB of the
 * file (the linker script puts it first). The entry-address tag gives GRUB
 * the physical entry point, since the ELF entry is a high virtual address.
 */
	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	0				/* i386 protected mode */
	.long	mb2_header_end - mb2_header
	.long	0x100000000 - (MB2_HEADER_MAGIC + (mb2_header_end - mb2_header))
	.balign 8
	.short	3, 0				/* entry address tag */
	.long	12
	.long	PHYS(_start)
	.balign 8
	.short	0, 0				/* end tag */
	.long	8
mb2_header_end:

/*
 * A Xen PVH ELF note (XEN_ELFNOTE_PHYS32_ENTRY): QEMU's -kernel boots an
 * ELF that has one directly, in 32-bit mode with ebx = hvm_start_info.
 */
	.section .note.Xen, "a"
	.balign 4
	.long	4				/* name size */
	.long	4				/* descriptor size */
	.long	18				/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz	"Xen"
	.long	PHYS(_start_pvh)

	.section .text.head, "ax"
	.code32
	.globl	_start
_start:
	cli
	cld
	cmpl	$MB2_BOOT_MAGIC, %eax
	jne	bad_magic
	jmp	boot32

_start_pvh:
	cli
	cld
	movl	$PVH_START_MAGIC, %eax
	/* fall through: ebx already holds the start_info address */

boot32:
	movl	%eax, %esi			/* keep magic and info across */
	movl	%ebx, %edi			/* the BSS clearing below */
	movl	$PHYS(boot_stack_top), %esp

	/* Long mode (and NX) are reported by extended CPUID leaf 1. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode
	movl	%edx, %ebp			/* bit 20: NX */

	/* Clear BSS (the page tables and stack live there, so keep the
	 * info pointer in a register, not on the stack). */
	movl	%edi, %edx
	movl	$PHYS(__bss_start), %edi
	movl	$PHYS(__bss_end), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	movl	%esi, PHYS(x86_boot_magic)
	movl	%edx, PHYS(x86_boot_info)

	/* 2048 large pages: physical [0, 4 GiB) in four page directories. */
	movl	$PHYS(boot_pd), %edi
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PTE_LARGE, %eax
	movl	%eax, (%edi,%ecx,8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	1b

	/* One PDPT for the identity map and the direct map: 4 x 1 GiB. */
	movl	$PHYS(boot_pdpt_low), %edi
	movl	$PHYS(boot_pd) + PTE_TABLE, %eax
	movl	%eax, 0(%edi)
	addl	$4096, %eax
	movl	%eax, 8(%edi)
	addl	$4096, %eax
	movl	%eax, 16(%edi)
	addl	$4096, %eax
	movl	%eax, 24(%edi)

	/* The image: 0xffffffff80000000 + P -> P for the first 1 GiB. */
	movl	$PHYS(boot_pdpt_high), %edi
	movl	$PHYS(boot_pd) + PTE_TABLE, %eax
	movl	%eax, 510 * 8(%edi)

	movl	$PHYS(boot_pml4), %edi
	movl	$PHYS(boot_pdpt_low) + PTE_TABLE, %eax
	movl	%eax, 0(%edi)				/* identity */
	movl	%eax, ((PAGE_OFFSET >> 39) & 511) * 8(%edi)	/* direct map */
	movl	$PHYS(boot_pdpt_high) + PTE_TABLE, %eax
	movl	%eax, 511 * 8(%edi)			/* kernel image */

	/* PAE and global pages, the root, then long mode (+NX) in EFER. */
	movl	%cr4, %eax
	orl	$(0x20 | X86_CR4_PGE), %eax
	movl	%eax, %cr4
	movl	$PHYS(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(1 << 8), %eax				/* LME */
	btl	$20, %ebp
	jnc	2f
	orl	$(1 << 11), %eax			/* NXE */
	movl	$0x80000000, PHYS(x86_pte_nx) + 4	/* bit 63 */
2:	wrmsr

	/* Paging on (with write protection in ring 0) activates long mode. */
	movl	%cr0, %eax
	orl	$(0x80000000 | X86_CR0_WP | 1), %eax
	movl	%eax, %cr0

	lgdt	PHYS(boot_gdt_ptr32)
	ljmp	$GDT_KERNEL_CS, $PHYS(long_mode_entry)

/* No console yet: write straight to COM1's transmit register, then stop
 * (under QEMU, exit through isa-debug-exit so a test run ends at once). */
bad_magic:
	movl	$PHYS(msg_bad_magic), %esi
	jmp	early_fail
no_long_mode:
	movl	$PHYS(msg_no_long_mode), %esi
early_fail:
	movw	$COM1_LSR, %dx
	inb	%dx, %al
	testb	$0x20, %al
	jz	early_fail
	lodsb
	testb	%al, %al
	jz	3f
	movw	$COM1_PORT, %dx
	outb	%al, %dx
	jmp	early_fail
3:	movl	$2, %eax
	outl	%eax, $0xf4
4:	cli
	hlt
	jmp	4b

	.code64
long_mode_entry:
	movl	$GDT_KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$high_entry, %rax
	jmp	*%rax

high_entry:
	/* The GDT's address must be virtual before the identity map goes. */
	lgdt	boot_gdt_ptr64(%rip)
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp		/* ends every backtrace */
	call	start_kernel
5:	cli
	hlt
	jmp	5b

	.section .rodata
msg_bad_magic:
	.asciz	"Faultline: not started by a multiboot2 loader (bad magic in eax); halting.\r\n"
msg_no_long_mode:
	.asciz	"Faultline: this CPU has no 64-bit long mode; halting.\r\n"

	.balign 16
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* 0x10: data, ring 0 */
boot_gdt_end:
	.balign 8
	.short	0
boot_gdt_ptr32:
	.short	boot_gdt_end - boot_gdt - 1
	.long	PHYS(boot_gdt)
	.balign 8
	.short	0
	.globl	boot_gdt_ptr64
boot_gdt_ptr64:
	.short	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt

	.section .data
	.balign 8
	.globl	x86_pte_nx
x86_pte_nx:
	.quad	0

	.section .bss.boot, "aw", @nobits
	.balign 4096
boot_pml4:
	.skip	4096
boot_pdpt_low:
	.skip	4096
boot_pdpt_high:
	.skip	4096
boot_pd:
	.skip	4 * 4096
	.globl	boot_stack_guard
boot_stack_guard:
	.skip	4096		/* unmapped after paging_init (setup.c) */
	.globl	boot_stack
boot_stack:
	.skip	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:
	.balign 4
	.globl	x86_boot_magic
x86_boot_magic:
	.long	0
	.globl	x86_boot_info
x86_boot_info:
	.long	0

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
