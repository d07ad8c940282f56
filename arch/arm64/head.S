/*
 * arm64 boot entry: the Linux-style Image header, the drop from EL2 to EL1,
 * the boot page tables, MMU on, the jump to the higher half, start_kernel();
 * and the same way in for secondary CPUs, to secondary_start_kernel().
 */
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/board.h>
#include <asm/smp.h>
#include <kstack.h>

/* Loaders put the Image at a 2 MiB aligned RAM base + this offset. */
#define TEXT_OFFSET		0x200000
/* Image flags: little endian, 4 KiB pages, base near the start of RAM. */
#define IMAGE_FLAGS		(0 << 0 | 1 << 1 | 0 << 3)
#define IMAGE_MAGIC		0x644d5241	/* "ARM\x64" */

/* Boot-map block descriptors (1 GiB / 2 MiB): RAM is RWX until
 * paging_init() installs the W^X tables; the UART is Device-nGnRE. */
#define BLK_NORMAL	(0x1 | (MAIR_IDX_NORMAL << 2) | (3 << 8) | (1 << 10))
#define BLK_DEVICE	(0x1 | (MAIR_IDX_DEVICE << 2) | (1 << 10) | (3 << 53))
#define TABLE_DESC	0x3

	.section ".head.text", "ax"
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	TEXT_OFFSET
	.quad	__image_size		/* whole image incl. BSS (linker) */
	.quad	IMAGE_FLAGS
	.quad	0, 0, 0			/* res2..res4 */
	.long	IMAGE_MAGIC
	.long	0			/* res5: no PE/COFF header */

primary_entry:
	mov	x19, x0			/* DTB physical address from the loader */
	mrs	x21, CurrentEL		/* reported once printk works */
	lsr	x21, x21, #2
	bl	cpu_setup_el1

	/* The link address assumes where we were loaded; refuse otherwise. */
	adr	x0, _head
	ldr	x1, =_head
	ldr	x2, =PAGE_OFFSET
	sub	x1, x1, x2
	cmp	x0, x1
	b.ne	bad_load_address

	bl	clear_bss
	bl	create_boot_tables
	bl	boot_tcr_value
	adrp	x0, boot_idmap_l0
	adrp	x1, boot_kmap_l0
	bl	enable_mmu

	/* Leave the identity map: from here on PC is a kernel address. */
	ldr	x0, =high_entry
	br	x0

/*
 * A secondary CPU, started by arch_cpu_start() (smp.c) through PSCI
 * CPU_ON: at this physical address, MMU off, at EL2 or EL1 like the boot
 * CPU, x0 = the physical address of its struct cpu, whose struct arch_cpu
 * (at offset 0) holds its stack and the boot CPU's TTBR1 and TCR. It
 * turns its MMU on exactly as the boot CPU did, through the same identity
 * map (still intact in .bss) but straight onto the final kernel tables.
 */
	.globl	secondary_entry
secondary_entry:
	mov	x19, x0
	bl	cpu_setup_el1
	ldr	x2, [x19, #ARCH_CPU_BOOT_TCR]
	ldr	x1, [x19, #ARCH_CPU_BOOT_TTBR1]
	adrp	x0, boot_idmap_l0
	bl	enable_mmu
	ldr	x0, =secondary_high
	br	x0

/*
 * Both entries, MMU off: all exceptions masked, at EL1 on SP_EL1, MMU and
 * caches off, FP/SIMD trapping, and no struct cpu yet in TPIDR_EL1 (0:
 * entry.S's overflow path then takes the boot CPU's overflow stack).
 */
cpu_setup_el1:
	mov	x28, x30
	msr	daifset, #0xf
	bl	drop_to_el1
	msr	spsel, #1
	ldr	x0, =SCTLR_EL1_RES1	/* MMU and caches off, little endian */
	msr	sctlr_el1, x0
	msr	cpacr_el1, xzr		/* FP/SIMD traps: the kernel has none */
	msr	tpidr_el1, xzr
	isb
	ret	x28

/* Run at EL1; from EL2 configure what EL1 needs and eret to our caller. */
drop_to_el1:
	mrs	x9, CurrentEL
	cmp	x9, #(3 << 2)
	b.eq	bad_entry_el		/* EL3 firmware's job, not ours */
	cmp	x9, #(2 << 2)
	b.ne	1f
	ldr	x9, =HCR_EL2_RW		/* EL1 is AArch64; no stage 2, no traps */
	msr	hcr_el2, x9
	isb				/* E2H=0 fixes the CNTHCTL layout */
	mrs	x9, cnthctl_el2
	orr	x9, x9, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr	/* virtual counter == physical counter */
	mov	x9, #CPTR_EL2_RES1	/* FP/SIMD free; SVE/SME trap */
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	/* A GICv3 CPU interface: EL1 may use its system registers. */
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x9, 2f
	mrs	x9, ICC_SRE_EL2
	orr	x9, x9, #ICC_SRE_EL2_SRE
	orr	x9, x9, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x9
	isb
	msr	ICH_HCR_EL2, xzr	/* no virtual interrupts */
2:	mrs	x9, midr_el1		/* EL1 sees the real CPU id */
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9
	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	msr	elr_el2, x30
	isb
	eret
1:	ret

/* Invalidate [x0, x1) from the data cache: drops stale lines that could
 * later be written back over what we store with the MMU (and cache) off. */
dcache_inval_range:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words) */
	mov	x2, #4
	lsl	x2, x2, x3
	sub	x3, x2, #1
	bic	x0, x0, x3
2:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	2b
	dsb	sy
	ret

/* Zero BSS (which holds the boot tables and stack) at its physical address. */
clear_bss:
	mov	x20, x30
	adrp	x0, __bss_start
	adrp	x1, __bss_end		/* both page aligned by the linker script */
	bl	dcache_inval_range
	adrp	x0, __bss_start
	adrp	x1, __bss_end
3:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	3b
	adrp	x0, __bss_start
	adrp	x1, __bss_end
	bl	dcache_inval_range
	ret	x20

/* Fill x2 consecutive entries of table x0 from index x1 with descriptor x3,
 * advancing the output address by x4 each. */
fill_entries:
4:	str	x3, [x0, x1, lsl #3]
	add	x3, x3, x4
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	4b
	ret

/*
 * TTBR0 (identity): RAM from BOARD_RAM_BASE to EARLY_MAP_LIMIT in 1 GiB
 * blocks, so this code keeps running once the MMU is on, plus the early
 * UART's 2 MiB as device memory so arch_early_putc() works until the real
 * console is up. TTBR1: the same RAM at PAGE_OFFSET + phys (the direct map,
 * which contains the kernel's link address).
 */
create_boot_tables:
	mov	x20, x30
	adrp	x0, boot_idmap_l0
	adrp	x3, boot_idmap_l1
	orr	x3, x3, #TABLE_DESC
	str	x3, [x0]
	adrp	x0, boot_idmap_l1
	adrp	x3, boot_idmap_l2
	orr	x3, x3, #TABLE_DESC
	ldr	x1, =(BOARD_EARLY_UART_PHYS >> 30)
	str	x3, [x0, x1, lsl #3]
	mov	x1, #(BOARD_RAM_BASE >> 30)
	mov	x2, #((EARLY_MAP_LIMIT - BOARD_RAM_BASE) >> 30)
	ldr	x3, =BLK_NORMAL + BOARD_RAM_BASE
	mov	x4, #(1 << 30)
	bl	fill_entries
	adrp	x0, boot_idmap_l2
	ldr	x1, =((BOARD_EARLY_UART_PHYS >> 21) & 511)
	mov	x2, #1
	ldr	x3, =BLK_DEVICE + (BOARD_EARLY_UART_PHYS & ~0x1fffff)
	bl	fill_entries

	adrp	x0, boot_kmap_l0
	adrp	x3, boot_kmap_l1
	orr	x3, x3, #TABLE_DESC
	str	x3, [x0, #(((PAGE_OFFSET >> 39) & 511) * 8)]
	adrp	x0, boot_kmap_l1
	mov	x1, #(BOARD_RAM_BASE >> 30)
	mov	x2, #((EARLY_MAP_LIMIT - BOARD_RAM_BASE) >> 30)
	ldr	x3, =BLK_NORMAL + BOARD_RAM_BASE
	mov	x4, #(1 << 30)
	bl	fill_entries

	dsb	sy
	adrp	x0, boot_idmap_l0
	add	x1, x0, #(5 * 4096)	/* the five tables are contiguous */
	bl	dcache_inval_range
	ret	x20

/*
 * The boot CPU's TCR_EL1, returned in x2: TCR_EL1_VALUE with the physical
 * address size and the hardware accessed/dirty updates this CPU has.
 * Secondary CPUs take the same value from arch_cpu (the TLB broadcasts
 * assume every CPU walks the tables alike).
 */
boot_tcr_value:
	ldr	x2, =TCR_EL1_VALUE
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #0xf		/* PARange */
	cmp	x1, #5			/* 48 bits is all 4 KiB tables can use */
	mov	x0, #5
	csel	x1, x1, x0, ls
	bfi	x2, x1, #TCR_IPS_SHIFT, #3
	/* Hardware accessed/dirty updates when the CPU has them
	 * (ID_AA64MMFR1_EL1.HAFDBS: 1 = AF, 2 = AF and dirty via DBM);
	 * without, mm/ takes the faults (asm/pgtable.h). */
	mrs	x1, id_aa64mmfr1_el1
	and	x1, x1, #0xf
	cbz	x1, 1f
	orr	x2, x2, #TCR_HA
	cmp	x1, #2
	b.lo	1f
	orr	x2, x2, #TCR_HD
1:	ret

/* MMU on with x0 = TTBR0 (the identity map), x1 = TTBR1, x2 = TCR; the
 * same MAIR and SCTLR on every CPU. Nothing of this CPU's TLB survives. */
enable_mmu:
	ldr	x3, =MAIR_EL1_VALUE
	msr	mair_el1, x3
	msr	tcr_el1, x2
	msr	ttbr0_el1, x0
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	ldr	x0, =SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

/* Unusable start: say why on the UART (MMU off: physical) and stop. */
bad_load_address:
	adrp	x1, bad_load_msg
	add	x1, x1, :lo12:bad_load_msg
	b	early_fail
bad_entry_el:
	adrp	x1, bad_el_msg
	add	x1, x1, :lo12:bad_el_msg
early_fail:
	ldr	x2, =BOARD_EARLY_UART_PHYS
5:	ldrb	w3, [x1], #1
	cbz	w3, 7f
6:	ldr	w4, [x2, #0x18]		/* FR: wait while TXFF */
	tbnz	w4, #5, 6b
	str	w3, [x2]
	b	5b
7:	wfe
	b	7b

	.text
/* Now at the link address: stack, DTB, vectors, C. */
high_entry:
	ldr	x0, =boot_stack_top
	mov	sp, x0
	ldr	x0, =arm64_boot_dtb
	str	x19, [x0]
	ldr	x0, =arm64_boot_el
	str	x21, [x0]
	/* Privileged Access Never when the CPU has it (docs/fault-abi.md):
	 * the boot CPU decides, every CPU follows (cpu_setup_high). */
	mrs	x0, id_aa64mmfr1_el1
	ubfx	x0, x0, #ID_AA64MMFR1_PAN_SHIFT, #4
	cbz	x0, 1f
	ldr	x1, =arm64_has_pan
	mov	w2, #1
	strb	w2, [x1]
1:	bl	cpu_setup_high
	mov	x29, xzr		/* ends the frame-pointer chain */
	mov	x30, xzr
	bl	start_kernel
	b	park

/* A secondary CPU at the link address: x19 = its struct cpu (physical). */
secondary_high:
	ldr	x0, =PAGE_OFFSET
	add	x19, x19, x0		/* the same struct through the direct map */
	msr	tpidr_el1, x19
	ldr	x0, [x19, #ARCH_CPU_BOOT_STACK]
	mov	sp, x0
	bl	cpu_setup_high
	/* The identity map only served to turn the MMU on: TTBR0 gets the
	 * empty table, as on the boot CPU since arch_console_init(), and
	 * the identity entries leave this CPU's TLB. */
	ldr	x0, =boot_empty_l0
	ldr	x1, =PAGE_OFFSET
	sub	x0, x0, x1
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mov	x29, xzr
	mov	x30, xzr
	bl	secondary_start_kernel
park:	wfe
	b	park

/*
 * Both entries, MMU on: exceptions go to arm64_vectors (an oops even for
 * faults before trap init), and the kernel runs with PSTATE.PAN set if
 * arm64_has_pan: every exception to EL1 sets it again (SCTLR_EL1.SPAN =
 * 0), and only arch_copy_user clears it, having checked arm64_has_pan: on
 * a CPU without PAN the register does not exist.
 */
cpu_setup_high:
	ldr	x0, =arm64_vectors
	msr	vbar_el1, x0
	isb
	ldr	x0, =arm64_has_pan
	ldrb	w0, [x0]
	cbz	w0, 1f
	mrs	x1, sctlr_el1
	bic	x1, x1, #SCTLR_SPAN
	msr	sctlr_el1, x1
	isb
	mov	x1, #PSTATE_PAN
	msr	SYS_PAN, x1
1:	ret

	.section ".rodata", "a"
bad_load_msg:
	.asciz	"faultline: Image loaded at the wrong address (need RAM base + 2 MiB); stopped\r\n"
bad_el_msg:
	.asciz	"faultline: entered at EL3; boot at EL2 or EL1; stopped\r\n"

	.section ".bss", "aw", %nobits
	.balign	4096
	.globl	boot_idmap_l0, boot_empty_l0
boot_idmap_l0:	.skip	4096
boot_idmap_l1:	.skip	4096
boot_idmap_l2:	.skip	4096
boot_kmap_l0:	.skip	4096
boot_kmap_l1:	.skip	4096
/* TTBR0 once the identity map is gone: every lower-half access faults. */
boot_empty_l0:	.skip	4096
	/* The boot stack is the idle task's for good: aligned and sized like
	 * a task stack, so the exception entry's overflow test holds on it
	 * too (include/kstack.h). It has no guard page. */
	.balign	KSTACK_ALIGN
	.globl	boot_stack
boot_stack:	.skip	KSTACK_SIZE
boot_stack_top:
