/*
 * TLB shootdown (mm/tlbflush.c): after a page-table entry is changed or
 * removed, no CPU may go on using the old translation. These flush every
 * CPU and return only when each one is done, so a frame freed after them
 * is never reached through a stale entry.
 *
 * The arch supplies, in asm/pgtable.h: arch_local_flush_tlb_page(va) and
 * arch_local_flush_tlb_all() for this CPU alone and, where the hardware or
 * the firmware can reach other CPUs itself, ARCH_HAS_BROADCAST_TLB_FLUSH
 * with arch_broadcast_flush_tlb_page(va, targets) and
 * arch_broadcast_flush_tlb_all(targets), targets a mask of logical CPUs that
 * must drop the entries, this one included when it must (arm64 TLBI ...IS
 * reaches all of them anyway; riscv64's SBI RFENCE only those). Without
 * it, other CPUs are asked by IPI (x86_64).
 */
#ifndef FAULTLINE_TLBFLUSH_H
#define FAULTLINE_TLBFLUSH_H

#include <types.h>

struct page;

void flush_tlb_page(unsigned long va);
void flush_tlb_all(void);
/*
 * The same for one address space's user entries: only the CPUs that have
 * its tables loaded (mm->cpus_loaded) are asked. A single-threaded
 * process's flushes stay on its own CPU.
 */
struct mm_struct;
void flush_tlb_mm_page(struct mm_struct *mm, unsigned long va);
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end);
void flush_tlb_mm_all(struct mm_struct *mm);

/* [start, end), page aligned: one request to each CPU for all of it
 * (ARCH_HAS_BROADCAST_TLB_RANGE: the arch's arch_broadcast_flush_tlb_range
 * does it in one go). */
void flush_tlb_range(unsigned long start, unsigned long end);

/*
 * An entry that was not valid became valid (a fault filled it, or allowed
 * more than before): only this CPU is flushed. Another CPU that cached
 * nothing (x86_64, arm64 and QEMU's MMUs never cache a missing or
 * refused translation; RISC-V may, docs/smp.md), or only the older,
 * narrower entry, takes at most one spurious fault, which the fault path
 * resolves by this same flush.
 */
void flush_tlb_page_local(unsigned long va);

/*
 * A batch of changes to one address space's entries (mm/tlb_batch.c): the
 * entries are changed at once, every CPU is flushed once for the lot, and
 * only then are the frames they mapped let go, so no CPU can reach a
 * frame through a stale entry after it is freed. munmap, exit, mprotect
 * and fork use one instead of a shootdown per page.
 */
#define TLB_BATCH_PAGES 256

struct tlb_batch {
	struct mm_struct *mm;		/* whose entries; NULL: the kernel's
					 * or any (every CPU is flushed) */
	unsigned long start, end;	/* changed, not yet flushed */
	bool tables_freed;		/* a table went: flush everything */
	unsigned int nr_pages;
	struct page *pages[TLB_BATCH_PAGES];	/* to put after the flush */
};

void tlb_batch_init(struct tlb_batch *b, struct mm_struct *mm);
/* The entry for va changed. */
void tlb_batch_add(struct tlb_batch *b, unsigned long va);
/* The entry for va no longer maps page: put it once flushed. */
void tlb_batch_add_page(struct tlb_batch *b, unsigned long va,
			struct page *page);
/* A page-table page was unlinked: walk caches may hold it, so the flush
 * is of everything; the page is put after it. */
void tlb_batch_add_table(struct tlb_batch *b, struct page *table);
/* Flush what is pending and put the pages (also when the batch fills). */
void tlb_batch_flush(struct tlb_batch *b);

#endif
