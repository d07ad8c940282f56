/* Self-test: the buddy allocator (alignment, coalescing, exhaustion, no
 * leak). Runs in the kernel and on the host. */
#include <selftest.h>
#include <page.h>
#include <string.h>

static void alloc_free_single(struct ktap_case_state *t)
{
	unsigned long before = nr_free_pages();
	struct page *p = alloc_page();

	REQUIRE(t, p);
	EXPECT_EQ(t, nr_free_pages(), before - 1);
	EXPECT_EQ(t, p->refcount, 1);
	EXPECT(t, phys_to_page(page_to_phys(p)) == p);
	memset(page_to_virt(p), 0xa5, PAGE_SIZE);
	free_page(p);
	EXPECT_EQ(t, nr_free_pages(), before);
}

static void blocks_are_aligned(struct ktap_case_state *t)
{
	struct page *blocks[MAX_ORDER + 1];
	unsigned long before = nr_free_pages();
	unsigned int order;

	for (order = 0; order <= 6; order++) {
		blocks[order] = alloc_pages(order);
		REQUIRE(t, blocks[order]);
		EXPECT(t, IS_ALIGNED(page_to_phys(blocks[order]),
				     PAGE_SIZE << order));
	}
	for (order = 0; order <= 6; order++)
		free_pages(blocks[order], order);
	EXPECT_EQ(t, nr_free_pages(), before);
}

/* Freeing the four pages of an order-2 block one by one must merge them
 * back: the per-order free-block counts end exactly where they started. */
static void coalesces(struct ktap_case_state *t)
{
	unsigned long counts[MAX_ORDER + 1];
	unsigned int order, i;
	struct page *p;

	for (order = 0; order <= MAX_ORDER; order++)
		counts[order] = nr_free_blocks(order);
	p = alloc_pages(2);
	REQUIRE(t, p);
	for (i = 0; i < 4; i++)
		free_page(p + i);
	for (order = 0; order <= MAX_ORDER; order++)
		EXPECT_EQ(t, nr_free_blocks(order), counts[order]);
}

/* Take every free page (chained through their own first word), check the
 * allocator then says no, and give them all back. */
static void exhaustion_returns_null(struct ktap_case_state *t)
{
	unsigned long before = nr_free_pages(), taken = 0;
	void *chain = NULL;
	struct page *p;

	while ((p = alloc_page())) {
		*(void **)page_to_virt(p) = chain;
		chain = page_to_virt(p);
		taken++;
	}
	EXPECT_EQ(t, nr_free_pages(), 0);
	EXPECT(t, alloc_pages(0) == NULL);
	while (chain) {
		void *next = *(void **)chain;

		free_page_va(chain);
		chain = next;
	}
	EXPECT_EQ(t, taken, before);
	EXPECT_EQ(t, nr_free_pages(), before);
}

static void too_large_order_fails(struct ktap_case_state *t)
{
	EXPECT(t, alloc_pages(MAX_ORDER + 1) == NULL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(alloc_free_single),
	KTAP_CASE(blocks_are_aligned),
	KTAP_CASE(coalesces),
	KTAP_CASE(exhaustion_returns_null),
	KTAP_CASE(too_large_order_fails),
};
KTAP_SUITE(page_alloc_suite, "page_alloc", cases);
