/* TLB shootdown on every CPU, through the arch's broadcast when it has one
 * and by IPI otherwise (include/tlbflush.h). */
#include <tlbflush.h>
#include <smp.h>
#include <pgtable.h>
#include <asm/pgtable.h>
#include <page.h>
#include <mm.h>

#ifndef ARCH_HAS_BROADCAST_TLB_FLUSH
static void local_flush_page(void *va)
{
	arch_local_flush_tlb_page((unsigned long)va);
}

static void local_flush_all(void *unused)
{
	(void)unused;
	arch_local_flush_tlb_all();
}
#endif

void flush_tlb_page(unsigned long va)
{
	if (READ_ONCE(nr_cpus_online) <= 1) {
		arch_local_flush_tlb_page(va);
		return;
	}
#ifdef ARCH_HAS_BROADCAST_TLB_FLUSH
	arch_broadcast_flush_tlb_page(va);
#else
	arch_local_flush_tlb_page(va);
	smp_call_on_others(local_flush_page, (void *)va);
#endif
}

#ifndef ARCH_HAS_BROADCAST_TLB_FLUSH
struct va_range {
	unsigned long start, end;
};

static void local_flush_range(void *arg)
{
	struct va_range *r = arg;
	unsigned long va;

	for (va = r->start; va < r->end; va += PAGE_SIZE)
		arch_local_flush_tlb_page(va);
}
#endif

void flush_tlb_range(unsigned long start, unsigned long end)
{
	unsigned long va;

	if (READ_ONCE(nr_cpus_online) <= 1) {
		for (va = start; va < end; va += PAGE_SIZE)
			arch_local_flush_tlb_page(va);
		return;
	}
#if defined(ARCH_HAS_BROADCAST_TLB_RANGE)
	arch_broadcast_flush_tlb_range(start, end);
#elif defined(ARCH_HAS_BROADCAST_TLB_FLUSH)
	for (va = start; va < end; va += PAGE_SIZE)
		arch_broadcast_flush_tlb_page(va);
#else
	{
		struct va_range r = { start, end };

		local_flush_range(&r);
		smp_call_on_others(local_flush_range, &r);
	}
#endif
}

/* Does a CPU other than this one have mm's tables loaded? */
static bool others_hold(const struct mm_struct *mm)
{
	return READ_ONCE(mm->cpus_loaded) & ~(1UL << smp_processor_id());
}

static bool this_cpu_holds(const struct mm_struct *mm)
{
	return READ_ONCE(mm->cpus_loaded) & (1UL << smp_processor_id());
}

void flush_tlb_mm_page(struct mm_struct *mm, unsigned long va)
{
	if (others_hold(mm))
		flush_tlb_page(va);
	else if (this_cpu_holds(mm))
		arch_local_flush_tlb_page(va);
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	unsigned long va;

	if (others_hold(mm))
		flush_tlb_range(start, end);
	else if (this_cpu_holds(mm))
		for (va = start; va < end; va += PAGE_SIZE)
			arch_local_flush_tlb_page(va);
}

void flush_tlb_mm_all(struct mm_struct *mm)
{
	if (others_hold(mm))
		flush_tlb_all();
	else if (this_cpu_holds(mm))
		arch_local_flush_tlb_all();
}

void flush_tlb_page_local(unsigned long va)
{
	arch_local_flush_tlb_page(va);
}

void flush_tlb_all(void)
{
	if (READ_ONCE(nr_cpus_online) <= 1) {
		arch_local_flush_tlb_all();
		return;
	}
#ifdef ARCH_HAS_BROADCAST_TLB_FLUSH
	arch_broadcast_flush_tlb_all();
#else
	arch_local_flush_tlb_all();
	smp_call_on_others(local_flush_all, NULL);
#endif
}
