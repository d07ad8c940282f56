/* riscv64 address space (Sv39): users below TASK_SIZE, the direct map of
 * physical memory at the bottom of the upper half, the MMIO window above
 * it, __pa/__va. */
#ifndef ASM_RISCV64_MEMORY_H
#define ASM_RISCV64_MEMORY_H

/* Constants usable from assembly too: no UL suffix there. */
#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#include <types.h>
#define _UL(x) x##UL
#endif

/*
 * Sv39 gives 512 GiB of virtual space: 256 GiB at the bottom for users and
 * 256 GiB at the top, from 0xffffffc000000000, for the kernel. Physical
 * address P is at PAGE_OFFSET + P. The kernel image is linked at
 * PAGE_OFFSET + its load address (0x80200000), so it lives inside the
 * direct map and __pa() is one subtraction for every kernel pointer.
 */
#define PAGE_OFFSET		_UL(0xffffffc000000000)

/* The direct map may cover the first 128 GiB of physical addresses; the
 * ioremap() window sits right above it. */
#define DIRECT_MAP_SIZE		_UL(0x0000002000000000)
#define IOREMAP_BASE		_UL(0xffffffe000000000)
#define IOREMAP_SIZE		_UL(0x0000000040000000)

/* User addresses are below TASK_SIZE: the lower half of Sv39, whose top
 * level entries 0..255 a user root owns (mm_create copies 256..511 from the
 * kernel's root). */
#define TASK_SIZE		_UL(0x4000000000)

/* head.S maps physical [0, 4 GiB) into the direct map with four 1 GiB
 * pages before any C code runs. */
#define EARLY_MAP_LIMIT		_UL(0x100000000)

#ifndef __ASSEMBLY__
#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))
#endif

#endif
