/* What the boot loader told us: RAM, regions to keep, command line, initrd.
 * Filled by arch_discover_boot_info(), consumed by mm/ and kernel/main.c. */
#ifndef FAULTLINE_BOOTINFO_H
#define FAULTLINE_BOOTINFO_H

#include <types.h>

#define BOOT_MAX_REGIONS 32
#define BOOT_CMDLINE_MAX 512

struct mem_region {
	phys_addr_t base;
	phys_addr_t size;
	const char *what;	/* for reserved regions: "kernel", "dtb", ... */
};

struct boot_info {
	struct mem_region ram[BOOT_MAX_REGIONS];
	int nr_ram;
	struct mem_region reserved[BOOT_MAX_REGIONS];
	int nr_reserved;
	char cmdline[BOOT_CMDLINE_MAX];
	phys_addr_t initrd_start, initrd_end;	/* [start, end), 0 if none */
	phys_addr_t dtb_phys;			/* 0 if the arch has no DTB */
	const char *source;			/* "device tree", "multiboot2" */
};

extern struct boot_info boot_info;

/* Append a region; panics (naming 'what') when the table is full. */
void boot_add_ram(struct boot_info *bi, phys_addr_t base, phys_addr_t size);
void boot_add_reserved(struct boot_info *bi, phys_addr_t base,
		       phys_addr_t size, const char *what);
void boot_print_info(const struct boot_info *bi);

#endif
