/* x86_64 kernel address space (4-level paging): user half, direct map,
 * ioremap window and the kernel image in the top 2 GiB; __pa/__va. */
#ifndef ASM_X86_64_MEMORY_H
#define ASM_X86_64_MEMORY_H

/* Constants usable from assembly and the linker script: no UL there. */
#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#include <types.h>
#define _UL(x) x##UL
#endif

/*
 * Physical address P is at PAGE_OFFSET + P (Linux's choice of base, so
 * addresses in oopses look familiar). The kernel image is linked apart from
 * the direct map at KERNEL_VIRT_BASE + its load address, in the top 2 GiB,
 * because -mcmodel=kernel needs every symbol there (sign-extended 32-bit
 * addresses). __pa() therefore has two cases.
 */
#define PAGE_OFFSET		_UL(0xffff888000000000)
#define DIRECT_MAP_SIZE		_UL(0x0000100000000000)	/* 16 TiB */
#define KERNEL_VIRT_BASE	_UL(0xffffffff80000000)
#define KERNEL_LOAD_ADDR	_UL(0x200000)	/* 2 MiB: one early large page */

/* ioremap() window: its own root (PML4) entry, created at boot before any
 * user address space copies the kernel's root entries. */
#define IOREMAP_BASE		_UL(0xffffc90000000000)
#define IOREMAP_SIZE		_UL(0x0000000040000000)

/* head.S maps physical [0, 4 GiB) with 2 MiB pages into the direct map
 * (and identically at 0) before any C code runs. */
#define EARLY_MAP_LIMIT		_UL(0x100000000)

/* User addresses: the lower canonical half minus its last page, as Linux
 * does (keeps a guard page below the non-canonical hole). */
#define TASK_SIZE		_UL(0x00007ffffffff000)

#ifndef __ASSEMBLY__
static inline phys_addr_t x86_virt_to_phys(unsigned long va)
{
	if (va >= KERNEL_VIRT_BASE)
		return va - KERNEL_VIRT_BASE;
	return va - PAGE_OFFSET;
}

#define __pa(x)		x86_virt_to_phys((unsigned long)(x))
#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))
#endif

#endif
