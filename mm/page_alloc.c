/*
 * The physical page allocator: a binary buddy system over one struct page
 * per frame (mem_map). Blocks of 2^order pages are kept on per-order free
 * lists; freeing a block merges it with its buddy (the block whose frame
 * number differs only in bit 'order') while the buddy is free too.
 * Allocated pages are reference counted (get_page/put_page, atomic: the
 * counts change on several CPUs at once); a frame poisoned by memory
 * failure is retired when its last user lets go.
 */
#include <page.h>
#include <bootinfo.h>
#include <printk.h>
#include <string.h>
#include <atomic.h>
#include <spinlock.h>

struct free_area {
	struct page *head;
	unsigned long nr_blocks;
};

static struct page *mem_map;
static unsigned long first_pfn, nr_pfns;
/* Guards free_area, the counts below, and the PG_BUDDY and PG_HWPOISON
 * bits and order of every page (taken with interrupts off). */
static DEFINE_SPINLOCK(zone_lock);
static struct free_area free_area[MAX_ORDER + 1];
static unsigned long nr_free, nr_managed, nr_poisoned;

phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)(first_pfn + (page - mem_map)) << PAGE_SHIFT;
}

struct page *phys_to_page(phys_addr_t pa)
{
	unsigned long pfn = pa >> PAGE_SHIFT;

	if (!mem_map || pfn < first_pfn || pfn - first_pfn >= nr_pfns)
		return NULL;
	return &mem_map[pfn - first_pfn];
}

static struct page *pfn_page(unsigned long pfn)
{
	return &mem_map[pfn - first_pfn];
}

static void list_add(struct free_area *area, struct page *p)
{
	p->prev = NULL;
	p->next = area->head;
	if (area->head)
		area->head->prev = p;
	area->head = p;
	area->nr_blocks++;
}

static void list_del(struct free_area *area, struct page *p)
{
	if (p->prev)
		p->prev->next = p->next;
	else
		area->head = p->next;
	if (p->next)
		p->next->prev = p->prev;
	p->next = p->prev = NULL;
	area->nr_blocks--;
}

/* Put a block on the free lists, merging upward as far as buddies allow. */
static void free_block(unsigned long pfn, unsigned int order)
{
	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn < first_pfn || buddy_pfn - first_pfn >= nr_pfns)
			break;
		buddy = pfn_page(buddy_pfn);
		if (!(buddy->flags & PG_BUDDY) || buddy->order != order)
			break;
		list_del(&free_area[order], buddy);
		buddy->flags &= ~PG_BUDDY;
		pfn &= ~(1UL << order);
		order++;
	}
	pfn_page(pfn)->flags |= PG_BUDDY;
	pfn_page(pfn)->order = order;
	list_add(&free_area[order], pfn_page(pfn));
}

struct page *alloc_pages(unsigned int order)
{
	unsigned long flags;
	unsigned int k;
	struct page *p;

	if (order > MAX_ORDER)
		return NULL;
	flags = spin_lock_irqsave(&zone_lock);
	for (k = order; k <= MAX_ORDER && !free_area[k].head; k++)
		;
	if (k > MAX_ORDER) {
		spin_unlock_irqrestore(&zone_lock, flags);
		return NULL;
	}
	p = free_area[k].head;
	list_del(&free_area[k], p);
	p->flags &= ~PG_BUDDY;
	/* Split: hand the upper half back at each order on the way down. */
	while (k > order) {
		struct page *upper;

		k--;
		upper = p + (1UL << k);
		upper->flags |= PG_BUDDY;
		upper->order = k;
		list_add(&free_area[k], upper);
	}
	p->order = order;
	__atomic_store_n(&p->refcount, 1, __ATOMIC_RELAXED);
	nr_free -= 1UL << order;
	spin_unlock_irqrestore(&zone_lock, flags);
	return p;
}

void free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;
	unsigned long pfn;

	if (!page)
		return;
	pfn = first_pfn + (page - mem_map);
	if (page < mem_map || pfn - first_pfn >= nr_pfns ||
	    !IS_ALIGNED(pfn, 1UL << order))
		panic("free_pages: %p is not the head of an order-%u block",
		      page, order);
	flags = spin_lock_irqsave(&zone_lock);
	if (page->flags & (PG_BUDDY | PG_RESERVED)) {
		bool twice = page->flags & PG_BUDDY;

		spin_unlock_irqrestore(&zone_lock, flags);
		panic("free_pages: page %#lx is %s", pfn << PAGE_SHIFT,
		      twice ? "already free (double free)" : "reserved");
	}
	__atomic_store_n(&page->refcount, 0, __ATOMIC_RELAXED);
	page->flags &= ~(PG_SLAB | PG_LARGE);
	if (!(page->flags & PG_HWPOISON)) {
		nr_free += 1UL << order;
		free_block(pfn, order);
	}
	/* else memory failure: the frame (counted when it was marked)
	 * stays off the free lists, so nobody is handed it again. */
	spin_unlock_irqrestore(&zone_lock, flags);
}

void get_page(struct page *page)
{
	if (!(page->flags & PG_PINNED))
		__atomic_fetch_add(&page->refcount, 1, __ATOMIC_RELAXED);
}

void put_page(struct page *page)
{
	u32 old;

	if (page->flags & PG_PINNED)
		return;
	/* Release: what this user wrote to the page is done before the
	 * CPU that frees it hands it out again. */
	old = __atomic_fetch_sub(&page->refcount, 1, __ATOMIC_ACQ_REL);
	BUG_ON(!old);
	if (old == 1)
		free_page(page);
}

void page_mark_poisoned(struct page *page)
{
	unsigned long flags = spin_lock_irqsave(&zone_lock);

	if (!(page->flags & PG_HWPOISON)) {
		page->flags |= PG_HWPOISON;
		nr_poisoned++;
	}
	spin_unlock_irqrestore(&zone_lock, flags);
}

unsigned long nr_poisoned_pages(void)
{
	return nr_poisoned;
}

void *get_zeroed_page(void)
{
	struct page *p = alloc_page();
	void *va;

	if (!p)
		return NULL;
	va = page_to_virt(p);
	memset(va, 0, PAGE_SIZE);
	return va;
}

void free_page_va(void *va)
{
	if (va)
		free_page(virt_to_page(va));
}

unsigned long nr_free_pages(void)
{
	return nr_free;
}

unsigned long nr_free_blocks(unsigned int order)
{
	return order <= MAX_ORDER ? free_area[order].nr_blocks : 0;
}

unsigned long nr_total_pages(void)
{
	return nr_managed;
}

/* Hand [start, end) to the free lists as the largest aligned blocks. */
static void free_range(phys_addr_t start, phys_addr_t end)
{
	unsigned long pfn = start >> PAGE_SHIFT, end_pfn = end >> PAGE_SHIFT;

	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER;
		unsigned long i;

		while (order && (!IS_ALIGNED(pfn, 1UL << order) ||
				 pfn + (1UL << order) > end_pfn))
			order--;
		for (i = 0; i < (1UL << order); i++) {
			pfn_page(pfn + i)->flags = 0;
			pfn_page(pfn + i)->refcount = 0;
		}
		nr_free += 1UL << order;
		nr_managed += 1UL << order;
		free_block(pfn, order);
		pfn += 1UL << order;
	}
}

/* Subtract reserved regions [idx..) from [start, end), recursively. */
static void subtract_reserved(const struct boot_info *bi, int idx,
			      phys_addr_t start, phys_addr_t end,
			      void (*fn)(phys_addr_t, phys_addr_t, void *),
			      void *arg)
{
	for (; idx < bi->nr_reserved; idx++) {
		phys_addr_t rs = ALIGN_DOWN(bi->reserved[idx].base, PAGE_SIZE);
		phys_addr_t re = PAGE_ALIGN(bi->reserved[idx].base +
					    bi->reserved[idx].size);

		if (re <= start || rs >= end)
			continue;
		if (start < rs)
			subtract_reserved(bi, idx + 1, start, rs, fn, arg);
		if (re < end)
			subtract_reserved(bi, idx + 1, re, end, fn, arg);
		return;
	}
	if (start < end)
		fn(start, end, arg);
}

void boot_for_each_free_range(const struct boot_info *bi,
			      void (*fn)(phys_addr_t, phys_addr_t, void *),
			      void *arg)
{
	int i;

	for (i = 0; i < bi->nr_ram; i++) {
		phys_addr_t s = PAGE_ALIGN(bi->ram[i].base);
		phys_addr_t e = ALIGN_DOWN(bi->ram[i].base + bi->ram[i].size,
					   PAGE_SIZE);

		if (s < e)
			subtract_reserved(bi, 0, s, e, fn, arg);
	}
}

struct fit {
	phys_addr_t size, limit, found;
};

static void first_fit(phys_addr_t start, phys_addr_t end, void *arg)
{
	struct fit *f = arg;

	end = MIN(end, f->limit);	/* only the early-mapped part counts */
	if (!f->found && end > start && end - start >= f->size)
		f->found = start;
}

struct clip {
	phys_addr_t lo, hi;
};

static void free_clipped(phys_addr_t start, phys_addr_t end, void *arg)
{
	struct clip *c = arg;

	start = MAX(start, c->lo);
	end = MIN(end, c->hi);
	if (start < end)
		free_range(start, end);
}

void page_alloc_init(struct boot_info *bi, phys_addr_t early_limit)
{
	phys_addr_t lo = ~0UL, hi = 0, map_size;
	struct fit fit;
	struct clip clip = { 0, early_limit };
	unsigned long i;
	int r;

	for (r = 0; r < bi->nr_ram; r++) {
		lo = MIN(lo, ALIGN_DOWN(bi->ram[r].base, PAGE_SIZE));
		hi = MAX(hi, PAGE_ALIGN(bi->ram[r].base + bi->ram[r].size));
	}
	if (hi <= lo)
		panic("page_alloc: the boot memory map lists no RAM");
	first_pfn = lo >> PAGE_SHIFT;
	nr_pfns = (hi - lo) >> PAGE_SHIFT;
	map_size = PAGE_ALIGN(nr_pfns * sizeof(struct page));

	fit = (struct fit){ map_size, early_limit, 0 };
	boot_for_each_free_range(bi, first_fit, &fit);
	if (!fit.found)
		panic("page_alloc: out of memory for mem_map (%lu KiB for %lu pages)",
		      map_size >> 10, nr_pfns);
	boot_add_reserved(bi, fit.found, map_size, "mem_map");
	mem_map = __va(fit.found);
	for (i = 0; i < nr_pfns; i++)
		mem_map[i] = (struct page){ .flags = PG_RESERVED };
	memset(free_area, 0, sizeof(free_area));
	nr_free = nr_managed = nr_poisoned = 0;

	boot_for_each_free_range(bi, free_clipped, &clip);
}

void page_alloc_add_high(const struct boot_info *bi, phys_addr_t early_limit)
{
	struct clip clip = { early_limit, ~0UL };

	boot_for_each_free_range(bi, free_clipped, &clip);
}
