/*
 * TLB shootdown (include/tlbflush.h): this CPU's TLB directly, the other
 * CPUs' through the arch's broadcast where it has one or by IPI, aimed at
 * the CPUs that may hold the entry: all of them for a kernel address,
 * those in mm->cpus_loaded for a user one (arm64's broadcast reaches
 * every CPU whatever it is told).
 */
#include <tlbflush.h>
#include <smp.h>
#include <pgtable.h>
#include <asm/pgtable.h>
#include <page.h>
#include <mm.h>

/* What to flush: a page range, or everything when end is 0. */
struct flush_request {
	unsigned long start, end;
};

#if defined(ARCH_HAS_BROADCAST_TLB_RANGE)
static void broadcast_range(unsigned long start, unsigned long end,
			    unsigned long targets)
{
	arch_broadcast_flush_tlb_range(start, end, targets);
}
#elif defined(ARCH_HAS_BROADCAST_TLB_FLUSH)
static void broadcast_range(unsigned long start, unsigned long end,
			    unsigned long targets)
{
	for (; start < end; start += PAGE_SIZE)
		arch_broadcast_flush_tlb_page(start, targets);
}
#endif

static void flush_here(void *arg)
{
	const struct flush_request *r = arg;
	unsigned long va;

	if (!r->end) {
		arch_local_flush_tlb_all();
		return;
	}
	for (va = r->start; va < r->end; va += PAGE_SIZE)
		arch_local_flush_tlb_page(va);
}

#ifdef ARCH_HAS_BROADCAST_TLB_FLUSH
/* One request of the arch's for this CPU (if `here`) and the others in
 * `others`: arm64's TLBI reaches every CPU whatever the mask (one
 * operation either way), riscv64's SBI fence only the harts named. */
static void flush_others(const struct flush_request *r, bool here,
			 unsigned long others)
{
	unsigned long targets = others |
				(here ? 1UL << smp_processor_id() : 0);

	if (!r->end)
		arch_broadcast_flush_tlb_all(targets);
	else if (r->end - r->start == PAGE_SIZE)
		arch_broadcast_flush_tlb_page(r->start, targets);
	else
		broadcast_range(r->start, r->end, targets);
}
#else
static void flush_others(const struct flush_request *r, bool here,
			 unsigned long others)
{
	struct cpu *c, *me = this_cpu();

	if (here)
		flush_here((void *)r);
	for_each_online_cpu(c)
		if (c != me && (others & (1UL << c->id)))
			smp_call_on_cpu(c, flush_here, (void *)r);
}
#endif

/* Flush r on this CPU if `here`, and on the other CPUs in `others`. */
static void flush(const struct flush_request *r, bool here,
		  unsigned long others)
{
	others &= ~(1UL << smp_processor_id());
	if (!others || READ_ONCE(nr_cpus_online) <= 1) {
		if (here)
			flush_here((void *)r);
		return;
	}
	flush_others(r, here, others);
}

void flush_tlb_page(unsigned long va)
{
	struct flush_request r = { va & PAGE_MASK, (va & PAGE_MASK) + PAGE_SIZE };

	flush(&r, true, ~0UL);
}

void flush_tlb_range(unsigned long start, unsigned long end)
{
	struct flush_request r = { start, end };

	flush(&r, true, ~0UL);
}

void flush_tlb_all(void)
{
	struct flush_request r = { 0, 0 };

	flush(&r, true, ~0UL);
}

/* A CPU not in cpus_loaded has loaded other tables since it ran mm, which
 * flushed its TLB: nothing of mm is left there, this CPU included. */
static bool loaded_here(const struct mm_struct *mm)
{
	return READ_ONCE(mm->cpus_loaded) & (1UL << smp_processor_id());
}

void flush_tlb_mm_page(struct mm_struct *mm, unsigned long va)
{
	struct flush_request r = { va & PAGE_MASK, (va & PAGE_MASK) + PAGE_SIZE };

	flush(&r, loaded_here(mm), READ_ONCE(mm->cpus_loaded));
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	struct flush_request r = { start, end };

	flush(&r, loaded_here(mm), READ_ONCE(mm->cpus_loaded));
}

void flush_tlb_mm_all(struct mm_struct *mm)
{
	struct flush_request r = { 0, 0 };

	flush(&r, loaded_here(mm), READ_ONCE(mm->cpus_loaded));
}

void flush_tlb_page_local(unsigned long va)
{
	arch_local_flush_tlb_page(va);
}
