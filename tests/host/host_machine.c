/* A fresh fake machine for host tests: RAM with a firmware hole and a
 * "kernel image", handed to the real page allocator. */
#include "host.h"
#include <page.h>
#include <string.h>
#include <tlbflush.h>
#include <mm.h>
#include <asm/pgtable.h>
#include <bkl.h>
#include <rwsem.h>

void host_boot_machine(struct boot_info *bi, unsigned long ram_mib)
{
	memset(bi, 0, sizeof(*bi));
	host_alloc_ram(ram_mib << 20);
	bi->source = "host test";
	boot_add_ram(bi, fake_ram_base, ram_mib << 20);
	/* A "kernel image" and a "firmware" hole, as on real boards. */
	boot_add_reserved(bi, fake_ram_base, 0x200000, "firmware");
	boot_add_reserved(bi, fake_ram_base + 0x400000, 0x123456, "kernel");
	page_alloc_init(bi, ~0UL);
}

/* The fake machine has one CPU: a TLB flush is the local one, and no other
 * CPU can keep an address space loaded. */
void flush_tlb_page(unsigned long va)
{
	arch_local_flush_tlb_page(va);
}

void flush_tlb_range(unsigned long start, unsigned long end)
{
	for (; start < end; start += PAGE_SIZE)
		arch_local_flush_tlb_page(start);
}

void flush_tlb_mm_page(struct mm_struct *mm, unsigned long va)
{
	(void)mm;
	arch_local_flush_tlb_page(va);
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	(void)mm;
	flush_tlb_range(start, end);
}

void flush_tlb_mm_all(struct mm_struct *mm)
{
	(void)mm;
	arch_local_flush_tlb_all();
}

void flush_tlb_page_local(unsigned long va)
{
	arch_local_flush_tlb_page(va);
}

void flush_tlb_all(void)
{
	arch_local_flush_tlb_all();
}

void mm_drop_from_cpus(struct mm_struct *mm)
{
	(void)mm;
}

/* One CPU and one context: the big kernel lock is only a depth (what
 * schedule() would check), there are never IPIs to answer, and nobody
 * oopses, so no record of the rwsems held is kept. */
unsigned int host_bkl_depth;

void bkl_lock(void) { host_bkl_depth++; }
void bkl_unlock(void) { host_bkl_depth--; }
bool bkl_held(void) { return host_bkl_depth != 0; }

bool bkl_lock_once(void)
{
	if (host_bkl_depth)
		return false;
	host_bkl_depth = 1;
	return true;
}

void bkl_unlock_if(bool taken)
{
	if (taken)
		host_bkl_depth--;
}

unsigned int bkl_release_all(void)
{
	unsigned int d = host_bkl_depth;

	host_bkl_depth = 0;
	return d;
}

void bkl_relock(unsigned int depth)
{
	if (depth)
		host_bkl_depth = depth;
}
void smp_poll_ipis(void) { }
void task_note_rwsem(struct rw_semaphore *sem, bool write)
{
	(void)sem;
	(void)write;
}
void task_forget_rwsem(struct rw_semaphore *sem) { (void)sem; }
