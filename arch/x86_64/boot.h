/* Private to arch/x86_64: the two boot-information parsers, what they
 * pass on besides struct boot_info, and the AP trampoline's page. */
#ifndef X86_64_BOOT_H
#define X86_64_BOOT_H

#include <bootinfo.h>

#define PVH_START_MAGIC	0x336ec578

/* pvh.c: QEMU's direct boot (hvm_start_info at pa). */
void parse_pvh(struct boot_info *bi, phys_addr_t pa);

/* Where the boot loader says the ACPI RSDP is (0: it did not say). */
extern phys_addr_t x86_boot_rsdp;

/* smp.c: choose the page below 1 MiB the secondary CPUs start in. */
void x86_smp_pick_trampoline(const struct boot_info *bi);

#endif
