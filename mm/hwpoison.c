/*
 * Memory-failure injection: madvise(MADV_HWPOISON) treats the frame behind
 * each page as if the hardware had reported it corrupted. The frame is
 * marked PG_HWPOISON and counted, every user mapping of it becomes a
 * poison marker (the next access faults with VM_FAULT_HWPOISON, so the
 * task gets SIGBUS/BUS_MCEERR_AR at that address, si_addr_lsb 12), and
 * the allocator never hands it out
 * again. A file's or shared object's page stays in its object, poisoned,
 * so that whoever maps it next gets the same answer.
 */
#include <mm.h>
#include <fault.h>
#include <tlbflush.h>
#include <uapi/errno.h>

/*
 * The page mapped at addr, faulting it in first as Linux's
 * get_user_pages() does (a read). A private page that only has the shared
 * zero page (or nothing) gets a frame of its own, never the zero page
 * itself: poisoning that would poison every process. NULL and -errno in
 * *err if there is no page to have. The caller holds the mmap lock for
 * writing, so no fault changes these entries; the walks over every mm
 * (unmap_poisoned_page) read them under the page-table lock.
 */
static struct page *page_at(struct mm_struct *mm, unsigned long addr,
			    pte_t **ptep, int *err)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long flags;
	pte_t *pte;
	struct page *page;

	*err = -EFAULT;
	if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_ACCESS_FLAGS))
		return NULL;	/* what get_user_pages refuses */
	pte = pgtable_pte(mm->pgd, addr, false);
	if ((!pte || !*pte) && vma->vm_ops) {
		/* No FAULT_FLAG_ALLOW_RETRY: the lock stays ours. */
		if (handle_mm_fault(vma, addr, 0) & VM_FAULT_ERROR)
			return NULL;
		pte = pgtable_pte(mm->pgd, addr, false);
	}
	if (pte && *pte == PTE_HWPOISON) {
		*err = 0;	/* already poisoned: nothing more to do */
		return NULL;
	}
	page = pte && *pte ? phys_to_page(arch_pte_addr(*pte)) : NULL;
	if (page && page != zero_page) {
		*ptep = pte;
		return page;
	}
	if (vma->vm_ops)
		return NULL;
	/* Private anonymous memory never written: its own frame, which is
	 * poisoned before anyone can use it. */
	page = alloc_page();
	if (!page) {
		*err = -ENOMEM;
		return NULL;
	}
	flags = spin_lock_irqsave(&mm->page_table_lock);
	pte = pgtable_pte(mm->pgd, addr, true);
	if (pte) {
		WRITE_ONCE(*pte, arch_pte_mk_leaf(page_to_phys(page),
				       vm_flags_to_pgprot(vma->vm_flags) &
				       ~PGPROT_WRITE, 0));
		flush_tlb_mm_page(mm, addr);
		mm_rss_inc(mm);
	}
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	if (!pte) {
		put_page(page);
		*err = -ENOMEM;
		return NULL;
	}
	*ptep = pte;
	return page;
}

int memory_failure_inject(struct mm_struct *mm, unsigned long start,
			  unsigned long len)
{
	unsigned long end, addr;
	struct page *page;
	pte_t *pte = NULL;
	int err;

	if ((start & ~PAGE_MASK) || (len && !PAGE_ALIGN(len)))
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start)
		return -EINVAL;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		page = page_at(mm, addr, &pte, &err);
		if (!page) {
			if (err)
				return err;
			continue;
		}
		/* No signal now, even for lost dirty data: the caller
		 * learns of it at its next access, as the issue and the
		 * faultabi table have it (Linux kernels that inject with
		 * MF_ACTION_REQUIRED also signal at once; docs say so). */
		page_mark_poisoned(page);
		unmap_poisoned_page(page);
	}
	return 0;
}
