/* Self-test: kmalloc size classes, object independence and that freed
 * memory goes back to the page allocator. Runs in the kernel and on the host. */
#include <selftest.h>
#include <kmalloc.h>
#include <page.h>
#include <string.h>

static void sizes_and_classes(struct ktap_case_state *t)
{
	static const size_t sizes[] = { 1, 16, 17, 100, 512, 2048, 2049, 4096,
					10000, 70000 };
	unsigned long before = nr_free_pages();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i]);

		REQUIRE(t, p);
		EXPECT(t, ksize(p) >= sizes[i]);
		EXPECT(t, IS_ALIGNED((unsigned long)p, 16));
		memset(p, 0x5a, sizes[i]);
		kfree(p);
	}
	EXPECT_EQ(t, nr_free_pages(), before);
}

/* Many live objects of mixed sizes never overlap: each keeps its pattern. */
static void objects_do_not_overlap(struct ktap_case_state *t)
{
	enum { N = 300 };
	static unsigned char *objs[N];
	unsigned long before = nr_free_pages();
	unsigned int i;

	for (i = 0; i < N; i++) {
		size_t sz = 8 + (i * 37) % 3000;

		objs[i] = kmalloc(sz);
		REQUIRE(t, objs[i]);
		memset(objs[i], (int)(i & 0xff), sz);
	}
	for (i = 0; i < N; i++) {
		size_t sz = 8 + (i * 37) % 3000, j;

		for (j = 0; j < sz; j++)
			if (objs[i][j] != (i & 0xff))
				break;
		EXPECT_EQ(t, j, sz);
	}
	for (i = 0; i < N; i += 2)	/* free in an interleaved order */
		kfree(objs[i]);
	for (i = 1; i < N; i += 2)
		kfree(objs[i]);
	EXPECT_EQ(t, nr_free_pages(), before);
}

static void kzalloc_zeroes(struct ktap_case_state *t)
{
	unsigned char *p = kmalloc(200);
	unsigned int i;

	REQUIRE(t, p);
	memset(p, 0xff, 200);
	kfree(p);
	p = kzalloc(200);
	REQUIRE(t, p);
	for (i = 0; i < 200 && !p[i]; i++)
		;
	EXPECT_EQ(t, i, 200);
	kfree(p);
}

static void zero_size_and_null(struct ktap_case_state *t)
{
	EXPECT(t, kmalloc(0) == NULL);
	kfree(NULL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sizes_and_classes),
	KTAP_CASE(objects_do_not_overlap),
	KTAP_CASE(kzalloc_zeroes),
	KTAP_CASE(zero_size_and_null),
};
KTAP_SUITE(kmalloc_suite, "kmalloc", cases);
