/* Making instructions written as data visible to instruction fetch. */
#ifndef ASM_ARM64_CACHEFLUSH_H
#define ASM_ARM64_CACHEFLUSH_H

#include <types.h>

/* Clean the data cache to the point of unification over [addr, addr+len)
 * (addr may be a user address of the current mm: DC is not stopped by
 * PAN), then invalidate the whole instruction cache of every CPU (IS:
 * another thread of the mm may run the code elsewhere). 64-byte lines is
 * the smallest any supported core has (CTR_EL0.DminLine). */
static inline void arch_sync_icache(void *addr, size_t len)
{
	unsigned long p = (unsigned long)addr & ~63UL;
	unsigned long end = (unsigned long)addr + len;

	for (; p < end; p += 64)
		__asm__ volatile("dc cvau, %0" :: "r"(p) : "memory");
	__asm__ volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" ::: "memory");
}

#endif
