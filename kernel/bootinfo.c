/* The boot information record: filled by the arch from the DTB or multiboot2,
 * printed at boot, read by the page allocator and the command-line parser. */
#include <bootinfo.h>
#include <printk.h>

struct boot_info boot_info;

void boot_add_ram(struct boot_info *bi, phys_addr_t base, phys_addr_t size)
{
	if (!size)
		return;
	if (bi->nr_ram >= BOOT_MAX_REGIONS)
		panic("boot: more than %d RAM regions in the %s memory map",
		      BOOT_MAX_REGIONS, bi->source ? bi->source : "boot");
	bi->ram[bi->nr_ram].base = base;
	bi->ram[bi->nr_ram].size = size;
	bi->ram[bi->nr_ram].what = "ram";
	bi->nr_ram++;
}

void boot_add_reserved(struct boot_info *bi, phys_addr_t base,
		       phys_addr_t size, const char *what)
{
	if (!size)
		return;
	if (bi->nr_reserved >= BOOT_MAX_REGIONS)
		panic("boot: more than %d reserved regions (adding '%s')",
		      BOOT_MAX_REGIONS, what);
	bi->reserved[bi->nr_reserved].base = base;
	bi->reserved[bi->nr_reserved].size = size;
	bi->reserved[bi->nr_reserved].what = what;
	bi->nr_reserved++;
}

void boot_print_info(const struct boot_info *bi)
{
	phys_addr_t total = 0;
	int i;

	printk("boot: memory map from %s\n", bi->source);
	for (i = 0; i < bi->nr_ram; i++) {
		const struct mem_region *r = &bi->ram[i];

		printk("  ram      [%#012lx-%#012lx] %lu KiB\n", r->base,
		       r->base + r->size - 1, r->size >> 10);
		total += r->size;
	}
	for (i = 0; i < bi->nr_reserved; i++) {
		const struct mem_region *r = &bi->reserved[i];

		printk("  reserved [%#012lx-%#012lx] %s\n", r->base,
		       r->base + r->size - 1, r->what);
	}
	if (bi->initrd_end > bi->initrd_start)
		printk("  initrd   [%#012lx-%#012lx]\n", bi->initrd_start,
		       bi->initrd_end - 1);
	printk("boot: %lu MiB of RAM, command line \"%s\"\n", total >> 20,
	       bi->cmdline);
}
