/*
 * The boot information on x86_64: GRUB's multiboot2 information (memory map,
 * command line, modules), or, on QEMU's direct PVH boot, the hvm_start_info
 * (pvh.c). Either way the kernel image, the information itself and the low
 * 1 MiB (real-mode IVT, BIOS data, EBDA, option ROMs, and the secondary
 * CPUs' start page) stay reserved, and the ACPI tables are read while the
 * boot map still covers them.
 */
#include <arch.h>
#include <bootinfo.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <asm/x86.h>
#include "boot.h"

#define MB2_BOOT_MAGIC	0x36d76289

#define MB2_TAG_END	0
#define MB2_TAG_CMDLINE	1
#define MB2_TAG_MODULE	3
#define MB2_TAG_MMAP	6
#define MB2_TAG_ACPI_OLD 14	/* a copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW 15	/* a copy of the ACPI 2.0+ RSDP */
#define MB2_MEMORY_AVAILABLE 1

/* The information can sit anywhere GRUB found room; a sane size bound
 * catches a wild pointer before we walk it. */
#define MB2_MAX_SIZE	(1UL << 20)

struct mb2_info {
	u32 total_size;
	u32 reserved;
};

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start, mod_end;
	char string[];
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size, entry_version;
};

struct mb2_mmap_entry {
	u64 base, length;
	u32 type, reserved;
};

static void parse_mmap(struct boot_info *bi, const struct mb2_tag_mmap *m)
{
	const u8 *p = (const u8 *)(m + 1), *end = (const u8 *)m + m->tag.size;

	if (m->entry_size < sizeof(struct mb2_mmap_entry) ||
	    m->entry_size % 8)
		panic("multiboot2: memory map entries of %u bytes (want 24+)",
		      m->entry_size);
	for (; p + m->entry_size <= end; p += m->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->type == MB2_MEMORY_AVAILABLE && e->length)
			boot_add_ram(bi, e->base, e->length);
	}
}

static void parse_module(struct boot_info *bi,
			 const struct mb2_tag_module *mod)
{
	if (mod->mod_end < mod->mod_start)
		panic("multiboot2: module [%#x-%#x) ends before it starts",
		      mod->mod_start, mod->mod_end);
	boot_add_reserved(bi, mod->mod_start, mod->mod_end - mod->mod_start,
			  "multiboot2 module");
	if (!bi->initrd_start) {	/* the first module is the initrd */
		bi->initrd_start = mod->mod_start;
		bi->initrd_end = mod->mod_end;
	}
}

phys_addr_t x86_boot_rsdp;

static void parse_multiboot2(struct boot_info *bi, phys_addr_t pa)
{
	const struct mb2_info *info;
	const u8 *p, *end;
	bool have_mmap = false, have_new_rsdp = false;

	if (!pa || pa % 8)
		panic("multiboot2: boot information pointer %#lx is not an "
		      "8-byte aligned address", pa);
	if (pa + sizeof(*info) > EARLY_MAP_LIMIT)
		panic("multiboot2: boot information at %#lx lies above the "
		      "boot map", pa);
	info = __va(pa);
	if (info->total_size < sizeof(*info) + sizeof(struct mb2_tag) ||
	    info->total_size > MB2_MAX_SIZE ||
	    pa + info->total_size > EARLY_MAP_LIMIT)
		panic("multiboot2: boot information at %#lx claims a size of "
		      "%u bytes", pa, info->total_size);

	p = (const u8 *)(info + 1);
	end = (const u8 *)info + info->total_size;
	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->size < sizeof(*tag) || p + tag->size > end)
			panic("multiboot2: tag type %u at offset %ld has a bad "
			      "size %u", tag->type, (long)(p - (const u8 *)info),
			      tag->size);
		if (tag->type == MB2_TAG_END)
			break;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			strlcpy(bi->cmdline, (const char *)(tag + 1),
				MIN(sizeof(bi->cmdline),
				    tag->size - sizeof(*tag)));
			break;
		case MB2_TAG_MODULE:
			parse_module(bi, (const void *)tag);
			break;
		case MB2_TAG_MMAP:
			parse_mmap(bi, (const void *)tag);
			have_mmap = true;
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The copy stays where it is: the information is
			 * reserved. The 2.0 one (it names the XSDT) wins. */
			if (have_new_rsdp)
				break;
			x86_boot_rsdp = pa + (p - (const u8 *)info) +
					sizeof(*tag);
			have_new_rsdp = tag->type == MB2_TAG_ACPI_NEW;
			break;
		}
		p += ALIGN_UP(tag->size, 8);
	}
	if (!have_mmap)
		panic("multiboot2: no memory map (tag type 6) in the boot "
		      "information");
	bi->source = "multiboot2";
	boot_add_reserved(bi, pa, info->total_size, "multiboot2 info");
}

void arch_discover_boot_info(struct boot_info *bi)
{
	phys_addr_t kstart = __pa(__kernel_start);
	phys_addr_t kend = PAGE_ALIGN(__pa(__kernel_end));

	if (x86_boot_magic == MB2_BOOT_MAGIC)
		parse_multiboot2(bi, x86_boot_info);
	else if (x86_boot_magic == PVH_START_MAGIC)
		parse_pvh(bi, x86_boot_info);
	else
		panic("x86_64: unknown boot protocol (magic %#x)",
		      x86_boot_magic);
	if (!bi->nr_ram)
		panic("x86_64: the %s memory map lists no usable RAM",
		      bi->source);
	boot_add_reserved(bi, kstart, kend - kstart, "kernel");
	x86_smp_pick_trampoline(bi);
	boot_add_reserved(bi, 0, 0x100000, "low 1 MiB (BIOS, real mode)");
	acpi_init(x86_boot_rsdp);
}
