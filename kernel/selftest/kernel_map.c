/* Self-test: the live kernel page tables through the real MMU: W^X of the
 * image, the direct map, and a fresh mapping that aliases a page. */
#include <selftest.h>
#include <kernel_map.h>
#include <bootinfo.h>
#include <page.h>
#include <string.h>

static int data_word = 1;	/* lives in .data */

static unsigned int prot_of(const void *va)
{
	unsigned int prot = 0;

	if (!pgtable_translate(kernel_pgtable, (unsigned long)va, NULL, &prot))
		return 0;
	return prot;
}

static void image_is_w_xor_x(struct ktap_case_state *t)
{
	unsigned int text = prot_of(__text_start);
	unsigned int ro = prot_of(__rodata_start);
	unsigned int data = prot_of(&data_word);

	EXPECT(t, (text & PGPROT_EXEC) && !(text & PGPROT_WRITE));
	EXPECT(t, (ro & PGPROT_READ) && !(ro & (PGPROT_WRITE | PGPROT_EXEC)));
	EXPECT(t, (data & PGPROT_WRITE) && !(data & PGPROT_EXEC));
	EXPECT(t, !(prot_of(__bss_start) & PGPROT_EXEC));
}

static void direct_map_covers_ram(struct ktap_case_state *t)
{
	int i;

	for (i = 0; i < boot_info.nr_ram; i++) {
		phys_addr_t first = PAGE_ALIGN(boot_info.ram[i].base);
		phys_addr_t last = ALIGN_DOWN(boot_info.ram[i].base +
					      boot_info.ram[i].size - 1,
					      PAGE_SIZE);
		phys_addr_t pa;
		unsigned int prot;

		if (last < first || first >= __pa(__kernel_start))
			continue;	/* regions touching the image: below */
		EXPECT(t, pgtable_translate(kernel_pgtable,
					    (unsigned long)__va(first), &pa,
					    &prot));
		EXPECT_EQ(t, pa, first);
		EXPECT(t, !(prot & PGPROT_EXEC));
	}
	{
		void *page = get_zeroed_page();

		REQUIRE(t, page);
		EXPECT(t, prot_of(page) & PGPROT_WRITE);
		EXPECT(t, !(prot_of(page) & PGPROT_EXEC));
		free_page_va(page);
	}
}

/* Map a fresh page at a second address and check both names see the same
 * memory: the encoding hooks, the walker and the TLB flush working together. */
static void new_mapping_aliases_page(struct ktap_case_state *t)
{
	/* Far from the devices, so the tables made here are its own, and
	 * unmapping must free them again. */
	unsigned long alias = IOREMAP_BASE + IOREMAP_SIZE - 2 * PAGE_SIZE;
	unsigned long tables = pgtable_nr_table_pages();
	volatile u64 *direct = get_zeroed_page();
	volatile u64 *mapped = (volatile u64 *)alias;

	REQUIRE(t, direct);
	REQUIRE(t, pgtable_map(kernel_pgtable, alias, __pa(direct), PAGE_SIZE,
			       PGPROT_READ | PGPROT_WRITE | PGPROT_GLOBAL) == 0);
	mapped[3] = 0x5eed1234abcdULL;
	EXPECT_EQ(t, direct[3], 0x5eed1234abcdULL);
	direct[4] = 0xfeedULL;
	EXPECT_EQ(t, mapped[4], 0xfeedULL);
	EXPECT_EQ(t, pgtable_unmap(kernel_pgtable, alias, PAGE_SIZE), 1);
	EXPECT(t, !pgtable_translate(kernel_pgtable, alias, NULL, NULL));
	free_page_va((void *)direct);
	EXPECT_EQ(t, pgtable_nr_table_pages(), tables);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(image_is_w_xor_x),
	KTAP_CASE(direct_map_covers_ram),
	KTAP_CASE(new_mapping_aliases_page),
};
KTAP_SUITE(kernel_map_suite, "kernel_map", cases);
