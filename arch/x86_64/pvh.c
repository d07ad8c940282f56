/*
 * QEMU's direct x86 boot (-kernel with the Xen PVH ELF note head.S carries):
 * the loader passes struct hvm_start_info, whose version 1 includes an
 * E820-style memory map. Only used by the fast "pvh" QEMU variant.
 */
#include <bootinfo.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include "boot.h"

#define E820_RAM 1

struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;	/* version 1 and later */
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	u64 addr, size;
	u32 type, reserved;
};

/* Every pointer in the structure must lie in the boot map to be read. */
static const void *pvh_ptr(u64 pa, u64 size, const char *what)
{
	if (!pa || pa + size > EARLY_MAP_LIMIT || pa + size < pa)
		panic("pvh: %s at %#llx (%llu bytes) is not readable at boot",
		      what, pa, size);
	return __va(pa);
}

void parse_pvh(struct boot_info *bi, phys_addr_t pa)
{
	const struct hvm_start_info *si = pvh_ptr(pa, sizeof(*si),
						   "hvm_start_info");
	const struct hvm_memmap_entry *map;
	u32 i;

	if (si->magic != PVH_START_MAGIC)
		panic("pvh: hvm_start_info magic is %#x, want %#x", si->magic,
		      PVH_START_MAGIC);
	if (si->version < 1 || !si->memmap_entries)
		panic("pvh: hvm_start_info version %u has no memory map",
		      si->version);
	map = pvh_ptr(si->memmap_paddr, si->memmap_entries * sizeof(*map),
		      "memory map");
	for (i = 0; i < si->memmap_entries; i++)
		if (map[i].type == E820_RAM && map[i].size)
			boot_add_ram(bi, map[i].addr, map[i].size);
	if (si->cmdline_paddr)
		strlcpy(bi->cmdline, pvh_ptr(si->cmdline_paddr, 1, "cmdline"),
			sizeof(bi->cmdline));
	if (si->nr_modules) {
		const struct hvm_modlist_entry *mod =
			pvh_ptr(si->modlist_paddr, sizeof(*mod), "module list");

		bi->initrd_start = mod->paddr;
		bi->initrd_end = mod->paddr + mod->size;
		boot_add_reserved(bi, mod->paddr, mod->size, "pvh module");
	}
	x86_boot_rsdp = si->rsdp_paddr;
	bi->source = "pvh";
	boot_add_reserved(bi, pa, sizeof(*si), "hvm_start_info");
}
