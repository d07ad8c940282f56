/* What arm64 ELF executables and their auxiliary vector need: the machine
 * number exec accepts, AT_PLATFORM and AT_HWCAP as Linux reports them. */
#ifndef ASM_ARM64_ELF_H
#define ASM_ARM64_ELF_H

#include <types.h>
#include <asm/sysreg.h>

#define ELF_MACHINE	183	/* EM_AARCH64 */
#define ELF_PLATFORM	"aarch64"	/* Linux's AT_PLATFORM string */

/* AT_HWCAP bits (Linux uapi asm/hwcap.h). */
#define HWCAP_FP	(1UL << 0)
#define HWCAP_ASIMD	(1UL << 1)
#define HWCAP_AES	(1UL << 3)
#define HWCAP_PMULL	(1UL << 4)
#define HWCAP_SHA1	(1UL << 5)
#define HWCAP_SHA2	(1UL << 6)
#define HWCAP_CRC32	(1UL << 7)
#define HWCAP_ATOMICS	(1UL << 8)

/*
 * A subset Linux would report for this CPU: FP and Advanced SIMD (always
 * present on the CPUs we boot; user code may use them) and the
 * ID_AA64ISAR0_EL1 instructions that need no kernel support. Nothing that
 * needs enabling (SVE, MTE, pointer authentication keys, BTI) and not
 * HWCAP_CPUID, which promises that EL0 reads of ID registers are emulated.
 */
static inline unsigned long arch_elf_hwcap(void)
{
	u64 isar0 = read_sysreg(id_aa64isar0_el1);
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned long hwcap = 0;
	unsigned int aes = (isar0 >> 4) & 0xf;

	/* ID_AA64PFR0_EL1.FP/AdvSIMD: 0xf means not implemented. */
	if (((pfr0 >> 16) & 0xf) != 0xf)
		hwcap |= HWCAP_FP;
	if (((pfr0 >> 20) & 0xf) != 0xf)
		hwcap |= HWCAP_ASIMD;
	if (aes >= 1)
		hwcap |= HWCAP_AES;
	if (aes >= 2)
		hwcap |= HWCAP_PMULL;
	if ((isar0 >> 8) & 0xf)
		hwcap |= HWCAP_SHA1;
	if ((isar0 >> 12) & 0xf)
		hwcap |= HWCAP_SHA2;
	if ((isar0 >> 16) & 0xf)
		hwcap |= HWCAP_CRC32;
	if (((isar0 >> 20) & 0xf) >= 2)
		hwcap |= HWCAP_ATOMICS;
	return hwcap;
}

#endif
