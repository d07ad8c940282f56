/*
 * The generic page-table walker: every arch's tables are PT_LEVELS levels of
 * 512 eight-byte entries, so one walk serves all three; asm/pgtable.h says
 * how an entry is encoded at each level and how to flush the TLB.
 */
#include <pgtable.h>
#include <page.h>
#include <tlbflush.h>
#include <printk.h>
#include <atomic.h>
#include <uapi/errno.h>

/* Table pages in use, every page table's; changed atomically (tables of
 * different mms come and go under different locks at once). */
static unsigned long table_pages;

static void count_tables(long delta)
{
	__atomic_fetch_add(&table_pages, (unsigned long)delta,
			   __ATOMIC_RELAXED);
}

static unsigned int pt_index(unsigned long va, int level)
{
	return (va >> PT_LEVEL_SHIFT(level)) & (PT_ENTRIES - 1);
}

static pte_t *alloc_table(void)
{
	pte_t *t = get_zeroed_page();

	if (t)
		count_tables(1);
	return t;
}

static pte_t *next_table(pte_t entry)
{
	return __va(arch_pte_addr(entry));
}

pte_t *pgtable_alloc_root(void)
{
	return alloc_table();
}

unsigned long pgtable_nr_table_pages(void)
{
	return __atomic_load_n(&table_pages, __ATOMIC_RELAXED);
}

/*
 * The entry for va at 'level', creating missing tables on the way. Returns
 * NULL with *err set: -ENOMEM, or -EEXIST if a block mapping is in the way.
 */
static pte_t *entry_at(pte_t *root, unsigned long va, int level, int *err)
{
	pte_t *table = root;
	int l;

	for (l = PT_LEVELS - 1; l > level; l--) {
		pte_t *e = &table[pt_index(va, l)];

		if (!arch_pte_valid(*e)) {
			pte_t *t = alloc_table();

			if (!t) {
				*err = -ENOMEM;
				return NULL;
			}
			/* Release: a walker on another CPU that finds the
			 * new table finds it zeroed. */
			store_release(e, arch_pte_mk_table(__pa(t)));
		} else if (arch_pte_is_leaf(*e, l)) {
			*err = -EEXIST;
			return NULL;
		}
		table = next_table(*e);
	}
	return &table[pt_index(va, level)];
}

/* The largest level whose block fits at va/pa with size bytes left. */
static int best_level(unsigned long va, phys_addr_t pa, size_t size)
{
	int l;

	for (l = PT_LEVELS - 1; l > 0; l--) {
		unsigned long bs = PT_LEVEL_SIZE(l);

		if (arch_leaf_level_ok(l) && IS_ALIGNED(va, bs) &&
		    IS_ALIGNED(pa, bs) && size >= bs)
			return l;
	}
	return 0;
}

/* Nothing tracks the accessed and dirty state of these mappings (the
 * kernel's own, mostly): preset it, so they never take an A/D fault. */
static pte_t mk_mapped_leaf(phys_addr_t pa, unsigned int prot, int level)
{
	pte_t pte = arch_pte_mkyoung(arch_pte_mk_leaf(pa, prot, level));

	return (prot & PGPROT_WRITE) ? arch_pte_mkdirty(pte) : pte;
}

int pgtable_map(pte_t *root, unsigned long va, phys_addr_t pa, size_t size,
		unsigned int prot)
{
	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE))
		return -EINVAL;
	while (size) {
		int level = best_level(va, pa, size), err = 0;
		pte_t *e;

		/* Descend past levels where a table already exists. */
		for (;;) {
			e = entry_at(root, va, level, &err);
			if (!e)
				return err;
			if (!arch_pte_valid(*e))
				break;
			if (level == 0 || arch_pte_is_leaf(*e, level))
				return -EEXIST;
			level--;
		}
		WRITE_ONCE(*e, mk_mapped_leaf(pa, prot, level));
		/* Nothing was mapped here: no other CPU holds an entry. */
		flush_tlb_page_local(va);
		va += PT_LEVEL_SIZE(level);
		pa += PT_LEVEL_SIZE(level);
		size -= PT_LEVEL_SIZE(level);
	}
	return 0;
}

/* Find the leaf mapping va: its entry and level, or NULL. If path is given,
 * path[l] is the table holding va's entry at level l. */
static pte_t *find_leaf_path(pte_t *root, unsigned long va, int *level,
			     pte_t **path)
{
	pte_t *table = root;
	int l;

	for (l = PT_LEVELS - 1; l >= 0; l--) {
		pte_t *e = &table[pt_index(va, l)];

		if (path)
			path[l] = table;
		if (!arch_pte_valid(*e))
			return NULL;
		if (l == 0 || arch_pte_is_leaf(*e, l)) {
			*level = l;
			return e;
		}
		table = next_table(*e);
	}
	return NULL;
}

static pte_t *find_leaf(pte_t *root, unsigned long va, int *level)
{
	return find_leaf_path(root, va, level, NULL);
}

static bool table_is_empty(const pte_t *table)
{
	int i;

	for (i = 0; i < PT_ENTRIES; i++)
		if (table[i])
			return false;
	return true;
}

/*
 * Free the tables that unmapping va emptied, bottom up. Tables that a root
 * entry points to stay: user roots hold copies of the kernel's root entries
 * on some arches, and those copies must never dangle. A table is unlinked
 * at once but freed by the batch, after every CPU's TLB and walk caches
 * were flushed.
 */
static void free_empty_tables(unsigned long va, pte_t **path, int leaf_level,
			      struct tlb_batch *tlb)
{
	int l;

	for (l = leaf_level; l <= PT_LEVELS - 3; l++) {
		if (!table_is_empty(path[l]))
			return;
		WRITE_ONCE(path[l + 1][pt_index(va, l + 1)], 0);
		tlb_batch_add_table(tlb, virt_to_page(path[l]));
		count_tables(-1);
	}
}

unsigned long pgtable_unmap(pte_t *root, unsigned long va, size_t size)
{
	unsigned long end = va + size, pages = 0;
	pte_t *path[PT_LEVELS];
	struct tlb_batch tlb;

	tlb_batch_init(&tlb, NULL);
	va = ALIGN_DOWN(va, PAGE_SIZE);
	while (va < end) {
		int level;
		pte_t *e = find_leaf_path(root, va, &level, path);
		unsigned long bs;

		if (!e) {
			va += PAGE_SIZE;
			continue;
		}
		bs = PT_LEVEL_SIZE(level);
		if (!IS_ALIGNED(va, bs) || end - va < bs)
			panic("pgtable_unmap: [%#lx, %#lx) splits a %lu KiB block",
			      va, end, bs >> 10);
		WRITE_ONCE(*e, 0);
		tlb_batch_add(&tlb, va);
		tlb_batch_add(&tlb, va + bs - PAGE_SIZE);
		free_empty_tables(va, path, level, &tlb);
		pages += bs / PAGE_SIZE;
		va += bs;
	}
	/* Returns with every CPU flushed: the caller may free the frames. */
	tlb_batch_flush(&tlb);
	return pages;
}

bool pgtable_translate(pte_t *root, unsigned long va, phys_addr_t *pa,
		       unsigned int *prot)
{
	int level;
	pte_t *e = find_leaf(root, va, &level);

	if (!e)
		return false;
	if (pa)
		*pa = arch_pte_addr(*e) + (va & (PT_LEVEL_SIZE(level) - 1));
	if (prot)
		*prot = arch_pte_prot(*e, level);
	return true;
}

static void free_level(pte_t *table, int level)
{
	int i;

	for (i = 0; level > 0 && i < PT_ENTRIES; i++)
		if (arch_pte_valid(table[i]) &&
		    !arch_pte_is_leaf(table[i], level))
			free_level(next_table(table[i]), level - 1);
	free_page_va(table);
	count_tables(-1);
}

void pgtable_free(pte_t *root)
{
	if (root)
		free_level(root, PT_LEVELS - 1);
}

void pgtable_free_empty(pte_t *root, unsigned long start, unsigned long end)
{
	unsigned long va = ALIGN_DOWN(start, PT_LEVEL_SIZE(1));
	pte_t *path[PT_LEVELS];
	struct tlb_batch tlb;

	tlb_batch_init(&tlb, NULL);

	while (va < end && va >= ALIGN_DOWN(start, PT_LEVEL_SIZE(1))) {
		pte_t *table = root;
		int l;

		for (l = PT_LEVELS - 1; l > 0; l--) {
			pte_t e = table[pt_index(va, l)];

			path[l] = table;
			if (!arch_pte_valid(e) || arch_pte_is_leaf(e, l))
				break;
			table = next_table(e);
		}
		if (l == 0) {
			path[0] = table;
			free_empty_tables(va, path, 0, &tlb);
		}
		/* Nothing below a missing table: skip all it would cover. */
		va = ALIGN_DOWN(va, PT_LEVEL_SIZE(MAX(l, 1))) +
		     PT_LEVEL_SIZE(MAX(l, 1));
	}
	tlb_batch_flush(&tlb);
}

pte_t *pgtable_pte(pte_t *root, unsigned long va, bool alloc)
{
	pte_t *table = root;
	int l, err;

	if (alloc)
		return entry_at(root, va, 0, &err);
	for (l = PT_LEVELS - 1; l > 0; l--) {
		pte_t e = table[pt_index(va, l)];

		if (!arch_pte_valid(e) || arch_pte_is_leaf(e, l))
			return NULL;
		table = next_table(e);
	}
	return &table[pt_index(va, 0)];
}

static void for_each_in(pte_t *table, int level, unsigned long base,
			unsigned long start, unsigned long end,
			void (*fn)(pte_t *, unsigned long, void *), void *arg)
{
	unsigned long size = PT_LEVEL_SIZE(level);
	unsigned int i = pt_index(MAX(start, base), level);

	for (; i < PT_ENTRIES; i++) {
		unsigned long va = base + i * size;

		if (va >= end)
			break;
		if (!table[i])
			continue;
		if (level == 0)
			fn(&table[i], va, arg);
		else if (arch_pte_valid(table[i]) &&
			 !arch_pte_is_leaf(table[i], level))
			for_each_in(next_table(table[i]), level - 1, va,
				    start, end, fn, arg);
	}
}

void pgtable_for_each_pte(pte_t *root, unsigned long start, unsigned long end,
			  void (*fn)(pte_t *pte, unsigned long va, void *arg),
			  void *arg)
{
	if (start < end)
		for_each_in(root, PT_LEVELS - 1, 0, start, end, fn, arg);
}

void pgtable_free_user(pte_t *root, unsigned long user_end)
{
	int top = PT_LEVELS - 1, i;

	if (!root)
		return;
	for (i = 0; i < PT_ENTRIES && (unsigned long)i * PT_LEVEL_SIZE(top) <
					   user_end; i++)
		if (arch_pte_valid(root[i]) && !arch_pte_is_leaf(root[i], top))
			free_level(next_table(root[i]), top - 1);
	free_page_va(root);
	count_tables(-1);
}
