/* Self-test: the generic page-table walker on a private root (no MMU
 * involved), so it runs in the kernel and on the host's fake arch alike. */
#include <selftest.h>
#include <pgtable.h>
#include <page.h>
#include <uapi/errno.h>

#define TEST_VA 0x40000000UL	/* 1 GiB: a user-half address on every arch */
#define TEST_PA 0x80000000UL	/* never dereferenced */

static void map_translate_unmap(struct ktap_case_state *t)
{
	unsigned long tables = pgtable_nr_table_pages();
	pte_t *root = pgtable_alloc_root();
	phys_addr_t pa;
	unsigned int prot;

	REQUIRE(t, root);
	EXPECT_EQ(t, pgtable_map(root, TEST_VA + 0x1000, TEST_PA + 0x5000,
				 PAGE_SIZE, PGPROT_READ | PGPROT_WRITE), 0);
	EXPECT(t, pgtable_translate(root, TEST_VA + 0x1234, &pa, &prot));
	EXPECT_EQ(t, pa, TEST_PA + 0x5234);
	EXPECT(t, prot & PGPROT_WRITE);
	EXPECT(t, !(prot & PGPROT_EXEC));
	EXPECT(t, !pgtable_translate(root, TEST_VA, NULL, NULL));
	EXPECT(t, !pgtable_translate(root, TEST_VA + 0x2000, NULL, NULL));
	EXPECT_EQ(t, pgtable_unmap(root, TEST_VA, 0x3000), 1);
	EXPECT(t, !pgtable_translate(root, TEST_VA + 0x1000, NULL, NULL));
	/* Emptied tables are freed; the root and the table a root entry
	 * points to stay. */
	EXPECT_EQ(t, pgtable_nr_table_pages() - tables, 2);
	pgtable_free(root);
	EXPECT_EQ(t, pgtable_nr_table_pages(), tables);
}

static void protections_round_trip(struct ktap_case_state *t)
{
	static const unsigned int prots[] = {
		PGPROT_READ, PGPROT_READ | PGPROT_WRITE,
		PGPROT_READ | PGPROT_EXEC,
		PGPROT_READ | PGPROT_WRITE | PGPROT_USER,
		PGPROT_READ | PGPROT_EXEC | PGPROT_USER,
	};
	const unsigned int mask = PGPROT_READ | PGPROT_WRITE | PGPROT_EXEC |
				  PGPROT_USER;
	pte_t *root = pgtable_alloc_root();
	unsigned int i, prot;

	REQUIRE(t, root);
	for (i = 0; i < ARRAY_SIZE(prots); i++) {
		unsigned long va = TEST_VA + i * PAGE_SIZE;

		EXPECT_EQ(t, pgtable_map(root, va, TEST_PA, PAGE_SIZE,
					 prots[i]), 0);
		EXPECT(t, pgtable_translate(root, va, NULL, &prot));
		EXPECT_EQ(t, prot & mask, prots[i]);
	}
	pgtable_free(root);
}

/* An aligned 2 MiB range becomes one block: fewer tables, same answers. */
static void uses_blocks_when_aligned(struct ktap_case_state *t)
{
	unsigned long tables = pgtable_nr_table_pages();
	pte_t *root = pgtable_alloc_root();
	phys_addr_t pa;

	REQUIRE(t, root);
	EXPECT_EQ(t, pgtable_map(root, TEST_VA, TEST_PA, PT_LEVEL_SIZE(1),
				 PGPROT_READ), 0);
	/* root + one table per level above the 2 MiB level */
	EXPECT_EQ(t, pgtable_nr_table_pages() - tables, PT_LEVELS - 1);
	EXPECT(t, pgtable_translate(root, TEST_VA + 0x123456, &pa, NULL));
	EXPECT_EQ(t, pa, TEST_PA + 0x123456);
	EXPECT_EQ(t, pgtable_unmap(root, TEST_VA, PT_LEVEL_SIZE(1)), 512);
	pgtable_free(root);
	EXPECT_EQ(t, pgtable_nr_table_pages(), tables);
}

static void refuses_overlap_and_misalignment(struct ktap_case_state *t)
{
	pte_t *root = pgtable_alloc_root();

	REQUIRE(t, root);
	EXPECT_EQ(t, pgtable_map(root, TEST_VA + 0x3000, TEST_PA, PAGE_SIZE,
				 PGPROT_READ), 0);
	EXPECT_EQ(t, pgtable_map(root, TEST_VA + 0x3000, TEST_PA, PAGE_SIZE,
				 PGPROT_READ), -EEXIST);
	EXPECT_EQ(t, pgtable_map(root, TEST_VA, TEST_PA, PT_LEVEL_SIZE(1),
				 PGPROT_READ), -EEXIST);
	EXPECT_EQ(t, pgtable_map(root, TEST_VA + 1, TEST_PA, PAGE_SIZE,
				 PGPROT_READ), -EINVAL);
	pgtable_free(root);
}

static void no_page_leak(struct ktap_case_state *t)
{
	unsigned long before = nr_free_pages();
	pte_t *root = pgtable_alloc_root();
	int i;

	REQUIRE(t, root);
	for (i = 0; i < 64; i++)	/* spread over several leaf tables */
		EXPECT_EQ(t, pgtable_map(root, TEST_VA + i * PT_LEVEL_SIZE(1),
					 TEST_PA, PAGE_SIZE, PGPROT_READ), 0);
	pgtable_free(root);
	EXPECT_EQ(t, nr_free_pages(), before);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(map_translate_unmap),
	KTAP_CASE(protections_round_trip),
	KTAP_CASE(uses_blocks_when_aligned),
	KTAP_CASE(refuses_overlap_and_misalignment),
	KTAP_CASE(no_page_leak),
};
KTAP_SUITE(pgtable_suite, "pgtable", cases);
