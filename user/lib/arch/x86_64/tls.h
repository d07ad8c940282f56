/* x86_64 thread pointer: the FS base, set with arch_prctl(ARCH_SET_FS); by
 * the ABI the word at %fs:0 points to itself, so reading it gives the TCB. */
#ifndef _LIBC_TLS_H
#define _LIBC_TLS_H

#include "syscall_arch.h"

#define ARCH_SET_FS	0x1002

static inline void *__arch_get_tp(void)
{
	void *tp;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
	return tp;
}

/* Returns 0 or a negative errno: a kernel without arch_prctl leaves us
 * without a thread pointer, and the caller falls back to a single TCB. */
static inline long __arch_set_tp(void *tp)
{
	return __syscall2(__NR_arch_prctl, ARCH_SET_FS, (long)tp);
}

#endif
