/*
 * Batched TLB shootdown (include/tlbflush.h): many entries changed, one
 * flush of every CPU, then the frames put. A shootdown costs every CPU an
 * interruption (an IPI, or on QEMU a halt of every virtual CPU for a
 * broadcast TLBI), so unmapping 50,000 pages must not cost 50,000 of them.
 */
#include <tlbflush.h>
#include <page.h>

/* Up to this many pages are flushed as a range; more, and all at once. */
#define TLB_BATCH_PAGE_FLUSHES 8

static void tlb_batch_reset(struct tlb_batch *b)
{
	b->start = ~0UL;
	b->end = 0;
	b->tables_freed = false;
	b->nr_pages = 0;
}

void tlb_batch_init(struct tlb_batch *b, struct mm_struct *mm)
{
	b->mm = mm;
	tlb_batch_reset(b);
}

void tlb_batch_add(struct tlb_batch *b, unsigned long va)
{
	va &= PAGE_MASK;
	if (va < b->start)
		b->start = va;
	if (va + PAGE_SIZE > b->end)
		b->end = va + PAGE_SIZE;
}

void tlb_batch_add_page(struct tlb_batch *b, unsigned long va,
			struct page *page)
{
	tlb_batch_add(b, va);
	b->pages[b->nr_pages++] = page;
	if (b->nr_pages == TLB_BATCH_PAGES)
		tlb_batch_flush(b);
}

void tlb_batch_add_table(struct tlb_batch *b, struct page *table)
{
	b->tables_freed = true;
	b->pages[b->nr_pages++] = table;
	if (b->nr_pages == TLB_BATCH_PAGES)
		tlb_batch_flush(b);
}

void tlb_batch_flush(struct tlb_batch *b)
{
	unsigned int i;

	bool all = b->tables_freed ||
		   (b->end - b->start) / PAGE_SIZE > TLB_BATCH_PAGE_FLUSHES;

	if (b->start < b->end || b->tables_freed) {
		if (b->mm && all)
			flush_tlb_mm_all(b->mm);
		else if (b->mm)
			flush_tlb_mm_range(b->mm, b->start, b->end);
		else if (all)
			flush_tlb_all();
		else
			flush_tlb_range(b->start, b->end);
	}
	for (i = 0; i < b->nr_pages; i++)
		put_page(b->pages[i]);
	tlb_batch_reset(b);
}
