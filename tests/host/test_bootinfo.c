/* Host tests: RAM minus reserved regions (the page allocator's input). */
#include "host.h"
#include <page.h>
#include <string.h>

struct ranges {
	int n;
	phys_addr_t s[16], e[16];
};

static void collect(phys_addr_t s, phys_addr_t e, void *arg)
{
	struct ranges *r = arg;

	r->s[r->n] = s;
	r->e[r->n] = e;
	r->n++;
}

static void free_ranges_subtract_reserved(struct ktap_case_state *t)
{
	static struct boot_info bi;
	struct ranges r = { 0 };

	memset(&bi, 0, sizeof(bi));
	boot_add_ram(&bi, 0x1000, 0x10000);		/* [0x1000, 0x11000) */
	boot_add_ram(&bi, 0x100000, 0x1800);		/* partial last page */
	boot_add_reserved(&bi, 0x3000, 0x1000, "a");
	boot_add_reserved(&bi, 0x3800, 0x2000, "overlapping a");
	boot_add_reserved(&bi, 0x10fff, 0x10, "unaligned tail");
	boot_add_reserved(&bi, 0x0, 0x1800, "covers the start");
	boot_for_each_free_range(&bi, collect, &r);
	REQUIRE(t, r.n == 3);
	EXPECT_EQ(t, r.s[0], 0x2000);
	EXPECT_EQ(t, r.e[0], 0x3000);
	EXPECT_EQ(t, r.s[1], 0x6000);
	EXPECT_EQ(t, r.e[1], 0x10000);
	EXPECT_EQ(t, r.s[2], 0x100000);
	EXPECT_EQ(t, r.e[2], 0x101000);
}

static void allocator_never_hands_out_reserved(struct ktap_case_state *t)
{
	static struct boot_info bi;
	struct page *p;
	unsigned long n = 0;

	host_boot_machine(&bi, 8);
	while ((p = alloc_page())) {
		phys_addr_t pa = page_to_phys(p);
		int i;

		for (i = 0; i < bi.nr_reserved; i++)
			if (pa + PAGE_SIZE > bi.reserved[i].base &&
			    pa < bi.reserved[i].base + bi.reserved[i].size)
				break;
		EXPECT_EQ(t, i, bi.nr_reserved);
		n++;
	}
	EXPECT(t, n > 1000);
	EXPECT(t, nr_total_pages() == n);
	host_boot_machine(&bi, 16);	/* leave a fresh machine behind */
}

static void too_many_regions_panics(struct ktap_case_state *t)
{
	static struct boot_info bi;
	int i;

	memset(&bi, 0, sizeof(bi));
	for (i = 0; i < BOOT_MAX_REGIONS; i++)
		boot_add_ram(&bi, i * 0x10000UL, 0x1000);
	EXPECT(t, HOST_PANICS(boot_add_ram(&bi, 0x9000000, 0x1000)));
	EXPECT(t, strstr_simple(host_panic_message, "RAM regions"));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(free_ranges_subtract_reserved),
	KTAP_CASE(allocator_never_hands_out_reserved),
	KTAP_CASE(too_many_regions_panics),
};
KTAP_SUITE(host_bootinfo_suite, "host_bootinfo", cases);
