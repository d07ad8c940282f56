/*
 * The kernel's address space: a direct map of all RAM (read-write, never
 * executable), the kernel image mapped section by section (text read-only
 * and executable, rodata read-only, data and bss read-write: W^X), and a
 * window for device registers (ioremap). Built once at boot, then the arch
 * switches to it and the boot page tables are no longer used. The vmap
 * area above the window (kernel stacks) is mm/vmap.c's.
 */
#include <kernel_map.h>
#include <bootinfo.h>
#include <page.h>
#include <printk.h>
#include <arch.h>

pte_t *kernel_pgtable;
static unsigned long ioremap_next = IOREMAP_BASE;

static void map_or_panic(unsigned long va, phys_addr_t pa, size_t size,
			 unsigned int prot, const char *what)
{
	int err = pgtable_map(kernel_pgtable, va, pa, size, prot);

	if (err)
		panic("paging_init: cannot map %s [%#lx-%#lx): error %d", what,
		      va, va + size, err);
}

static void map_direct(phys_addr_t start, phys_addr_t end)
{
	if (start < end)
		map_or_panic((unsigned long)__va(start), start, end - start,
			     PGPROT_READ | PGPROT_WRITE | PGPROT_GLOBAL,
			     "the direct map");
}

static void map_image_part(char *start, char *end, unsigned int prot,
			   const char *what)
{
	unsigned long s = ALIGN_DOWN((unsigned long)start, PAGE_SIZE);
	unsigned long e = PAGE_ALIGN((unsigned long)end);

	if (s < e)
		map_or_panic(s, __pa(s), e - s, prot | PGPROT_GLOBAL, what);
}

void paging_init(const struct boot_info *bi)
{
	phys_addr_t img_start = __pa(__kernel_start);
	phys_addr_t img_end = PAGE_ALIGN(__pa(__kernel_end));
	unsigned long mapped = 0;
	int i;

	kernel_pgtable = pgtable_alloc_root();
	if (!kernel_pgtable)
		panic("paging_init: out of memory for the kernel page-table root");

	/* All RAM except the image, whose pages get their own permissions
	 * below: a writable alias of the text would undo W^X. */
	for (i = 0; i < bi->nr_ram; i++) {
		phys_addr_t s = PAGE_ALIGN(bi->ram[i].base);
		phys_addr_t e = ALIGN_DOWN(bi->ram[i].base + bi->ram[i].size,
					   PAGE_SIZE);

		if (s >= e)
			continue;
		mapped += e - s;
		map_direct(s, MIN(e, MAX(s, img_start)));
		map_direct(MAX(s, MIN(e, img_end)), e);
	}

	map_image_part(__kernel_start, __text_end, PGPROT_READ | PGPROT_EXEC,
		       "kernel text");
	map_image_part(__rodata_start, __rodata_end, PGPROT_READ,
		       "kernel rodata");
	map_image_part(__data_start, __kernel_end, PGPROT_READ | PGPROT_WRITE,
		       "kernel data and bss");

	arch_activate_kernel_pgtable(__pa(kernel_pgtable));
	page_alloc_add_high(bi, EARLY_MAP_LIMIT);
	vmap_init();
	printk("paging: direct map of %lu MiB, kernel text RX, rodata R, "
	       "data RW NX; %lu table pages\n", mapped >> 20,
	       pgtable_nr_table_pages());
}

void *ioremap(phys_addr_t pa, size_t size, const char *what)
{
	phys_addr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = PAGE_ALIGN(pa + size) - base;
	unsigned long va = ioremap_next;
	int err;

	if (!kernel_pgtable)
		panic("ioremap(%s) called before paging_init", what);
	if (va + len > IOREMAP_BASE + IOREMAP_SIZE)
		panic("ioremap(%s): the MMIO window is full", what);
	err = pgtable_map(kernel_pgtable, va, base, len,
			  PGPROT_READ | PGPROT_WRITE | PGPROT_DEVICE |
			  PGPROT_GLOBAL);
	if (err)
		panic("ioremap(%s) of %#lx failed: error %d", what, pa, err);
	/* A page gap after each device turns overruns into faults. */
	ioremap_next += len + PAGE_SIZE;
	return (void *)(va + (pa - base));
}
