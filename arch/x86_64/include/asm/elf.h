/* What x86_64 ELF executables and their auxiliary vector need: the machine
 * number exec accepts, AT_PLATFORM and AT_HWCAP as Linux reports them. */
#ifndef ASM_X86_64_ELF_H
#define ASM_X86_64_ELF_H

#include <types.h>
#include <asm/x86.h>

#define ELF_MACHINE	62		/* EM_X86_64 */
#define ELF_PLATFORM	"x86_64"	/* Linux's AT_PLATFORM string */

/* AT_HWCAP: Linux gives the feature flags of CPUID leaf 1 in edx (fpu,
 * tsc, cmov, mmx, fxsr, sse, sse2, ...); programs look at CPUID themselves
 * for anything newer. */
static inline unsigned long arch_elf_hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return d;
}

#endif
