/* riscv64 thread pointer: the tp register, which the compiler never
 * allocates; the kernel saves it with the other registers and sets it for
 * CLONE_SETTLS. */
#ifndef _LIBC_TLS_H
#define _LIBC_TLS_H

static inline void *__arch_get_tp(void)
{
	void *tp;

	__asm__ volatile("mv %0, tp" : "=r"(tp));
	return tp;
}

static inline long __arch_set_tp(void *tp)
{
	__asm__ volatile("mv tp, %0" : : "r"(tp));
	return 0;
}

#endif
