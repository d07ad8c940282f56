/* Private to arch/x86_64: the two boot-information parsers. */
#ifndef X86_64_BOOT_H
#define X86_64_BOOT_H

#include <bootinfo.h>

#define PVH_START_MAGIC	0x336ec578

/* pvh.c: QEMU's direct boot (hvm_start_info at pa). */
void parse_pvh(struct boot_info *bi, phys_addr_t pa);

#endif
