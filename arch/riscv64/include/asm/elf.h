/* What riscv64 ELF executables and their auxiliary vector need: the machine
 * number exec accepts, AT_PLATFORM and AT_HWCAP as Linux reports them. */
#ifndef ASM_RISCV64_ELF_H
#define ASM_RISCV64_ELF_H

#include <types.h>

#define ELF_MACHINE	243	/* EM_RISCV */
#define ELF_PLATFORM	NULL	/* Linux gives riscv no AT_PLATFORM */

/* AT_HWCAP: Linux sets bit (letter - 'a') for each single-letter ISA
 * extension of the harts (uapi asm/hwcap.h COMPAT_HWCAP_ISA_*). */
#define RISCV_HWCAP(letter)	(1UL << ((letter) - 'a'))

/* Does the hart have F and D? (process.c probes sstatus.FS at boot.) */
extern bool riscv_has_fpu;

/*
 * The extensions user code may rely on: RV64IMAC is what the kernel
 * itself runs on, F and D when the hart has them (the kernel saves and
 * restores their registers). Not V: sstatus.VS stays Off, so vector
 * instructions trap, and Linux reports only what user code can use.
 */
static inline unsigned long arch_elf_hwcap(void)
{
	unsigned long hwcap = RISCV_HWCAP('i') | RISCV_HWCAP('m') |
			      RISCV_HWCAP('a') | RISCV_HWCAP('c');

	if (riscv_has_fpu)
		hwcap |= RISCV_HWCAP('f') | RISCV_HWCAP('d');
	return hwcap;
}

#endif
