/* arm64 address space: user space in the TTBR0 half, the direct map of
 * physical memory in the TTBR1 half (48-bit VAs, 4 KiB granule), the MMIO
 * window, __pa/__va. */
#ifndef ASM_ARM64_MEMORY_H
#define ASM_ARM64_MEMORY_H

/* Constants usable from assembly too: no UL suffix there. */
#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#include <types.h>
#define _UL(x) x##UL
#endif

/*
 * Physical address P is at PAGE_OFFSET + P. The kernel image is linked at
 * PAGE_OFFSET + its load address, so it lives inside the direct map and
 * __pa() is one subtraction for image and direct-map pointers alike.
 */
#define PAGE_OFFSET		_UL(0xffff000000000000)

/* ioremap() window: the upper half of the TTBR1 range, far above any RAM. */
#define IOREMAP_BASE		_UL(0xffff800000000000)
#define IOREMAP_SIZE		_UL(0x0000000040000000)

/*
 * User space is the whole TTBR0 half: T0SZ = 16 gives 48-bit user virtual
 * addresses, and every address below this walks the user tables.
 */
#define TASK_SIZE		(_UL(1) << 48)

/* head.S maps [board RAM base, 4 GiB) into the direct map before C runs. */
#define EARLY_MAP_LIMIT		_UL(0x100000000)

#ifndef __ASSEMBLY__
#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))
#endif

#endif
