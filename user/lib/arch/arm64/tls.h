/* arm64 thread pointer: TPIDR_EL0, which user mode reads and writes itself;
 * the kernel keeps it per thread and sets it for CLONE_SETTLS. */
#ifndef _LIBC_TLS_H
#define _LIBC_TLS_H

static inline void *__arch_get_tp(void)
{
	void *tp;

	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}

static inline long __arch_set_tp(void *tp)
{
	__asm__ volatile("msr tpidr_el0, %0" : : "r"(tp));
	return 0;
}

#endif
