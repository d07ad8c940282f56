/* Making instructions written as data visible to instruction fetch. */
#ifndef ASM_RISCV64_CACHEFLUSH_H
#define ASM_RISCV64_CACHEFLUSH_H

#include <types.h>

/* fence.i orders this hart's stores before its later instruction fetches
 * (one hart: that is all exec and the sigreturn page need). */
static inline void arch_sync_icache(void *addr, size_t len)
{
	(void)addr;
	(void)len;
	__asm__ volatile("fence.i" ::: "memory");
}

#endif
