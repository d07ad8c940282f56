/*
 * Where a secondary CPU starts (smp.c). The STARTUP IPI puts it in real
 * mode at CS:IP = (page >> 4):0 of a page below 1 MiB; smp.c copies the
 * image between x86_trampoline_start and _end there and fills the
 * parameters block at its end. The code climbs 16-bit real mode -> 32-bit
 * protected mode -> long mode with the boot CPU's CR0/CR4/EFER on a start
 * root that maps this page identically and the kernel as usual, then
 * jumps to x86_secondary_entry in the kernel image, which moves to
 * kernel_pgtable, the CPU's idle stack and C.
 *
 * The page can be anywhere below 1 MiB, so the code is position
 * independent: ebx holds the page's physical address from the first
 * instructions on, and the absolute addresses the CPU needs (the GDT base
 * and the targets of the two far jumps) are patched in by the code itself.
 * It has no stack until x86_secondary_entry.
 */
#include <asm/x86.h>
#include "trampoline.h"

/* An offset in the page, and a parameter's offset in it. */
#define OFF(sym)	((sym) - x86_trampoline_start)
#define PARAM(p)	(OFF(x86_trampoline_params) + (p))

#define GDT_CODE32	0x18	/* the start GDT's one extra entry */
#define CR0_PE		0x1

	/* Only ever copied, never run here. */
	.section .rodata
	.balign 16
	.globl	x86_trampoline_start
x86_trampoline_start:
	.code16
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	movzwl	%ax, %ebx
	shll	$4, %ebx			/* ebx = the page */

	leal	OFF(tr_gdt)(%ebx), %eax
	movl	%eax, OFF(tr_gdt_ptr) + 2
	leal	OFF(tr_protected)(%ebx), %eax
	movl	%eax, OFF(tr_jump32)
	leal	OFF(tr_long)(%ebx), %eax
	movl	%eax, OFF(tr_jump64)
	lgdtl	OFF(tr_gdt_ptr)
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*OFF(tr_jump32)

	.code32
tr_protected:
	movl	$GDT_KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	/* The boot CPU's CR4 (PAE, PGE, OSFXSR, SMEP, SMAP, ...), the start
	 * root, EFER.LME/NXE/SCE; then its CR0 (PG, WP, NE, ...; CD and NW
	 * clear, which INIT had set) turns paging on and with it long mode. */
	movl	PARAM(TRP_CR4)(%ebx), %eax
	movl	%eax, %cr4
	movl	PARAM(TRP_CR3)(%ebx), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	PARAM(TRP_EFER)(%ebx), %eax
	xorl	%edx, %edx
	wrmsr
	movl	PARAM(TRP_CR0)(%ebx), %eax
	movl	%eax, %cr0
	/* Compatibility mode so far (and no stack): a far jump to the
	 * 64-bit code segment makes it 64-bit mode. */
	ljmpl	*OFF(tr_jump64)(%ebx)

	.code64
tr_long:
	movl	%ebx, %ebx		/* upper halves are undefined here */
	movq	PARAM(TRP_CPU)(%rbx), %rdi
	movq	PARAM(TRP_STACK)(%rbx), %rsi
	movq	PARAM(TRP_KERNEL_CR3)(%rbx), %rdx
	movq	PARAM(TRP_ENTRY)(%rbx), %rax
	jmpq	*%rax

	/* Same kernel selectors as head.S's boot GDT, plus 32-bit code. */
	.balign 8
tr_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* 0x10: data, ring 0 */
	.quad	0x00cf9a000000ffff	/* 0x18: 32-bit code, ring 0 */
tr_gdt_end:
	.balign 8
tr_gdt_ptr:
	.short	tr_gdt_end - tr_gdt - 1
	.long	0			/* the page's tr_gdt, patched */
	.balign 4
tr_jump32:
	.long	0			/* the page's tr_protected, patched */
	.short	GDT_CODE32
	.balign 4
tr_jump64:
	.long	0			/* the page's tr_long, patched */
	.short	GDT_KERNEL_CS

	.balign 8
	.globl	x86_trampoline_params
x86_trampoline_params:
	.skip	TRP_SIZE
	.globl	x86_trampoline_end
x86_trampoline_end:

/*
 * In the kernel image, on the start root, in 64-bit mode, interrupts off:
 * rdi = struct cpu, rsi = stack top, rdx = kernel_pgtable's root, rbx =
 * the start page. Take the boot GDT (the page's is about to be reused),
 * tell the boot CPU the page is free, then move to the kernel's tables
 * and the idle stack, and on to C (smp.c), which sets the GS base first.
 */
	.section .text
	.globl	x86_secondary_entry
x86_secondary_entry:
	lgdt	boot_gdt_ptr64(%rip)
	movl	$1, PARAM(TRP_ACK)(%rbx)
	movq	%rdx, %cr3
	movq	%rsi, %rsp
	xorl	%ebp, %ebp		/* ends every backtrace */
	call	x86_secondary_start
	ud2

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
