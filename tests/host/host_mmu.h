/* The simulated MMU the host mm tests share: one access done the way the
 * hardware would do it, if the fake arch's page tables allow it. */
#ifndef HOST_MMU_H
#define HOST_MMU_H

#include <mm.h>
#include <pgtable.h>

/*
 * Read or write the byte at addr of mm through its page tables if the entry
 * is valid, its protection has every PGPROT_* bit of need, and the fake
 * MMU's accessed/dirty step lets the access proceed. True if it was done
 * (*val read or written); false where the hardware would fault.
 */
static inline bool host_mmu_access(struct mm_struct *mm, unsigned long addr,
				   bool write, u8 *val, unsigned int need)
{
	pte_t *pte = pgtable_pte(mm->pgd, addr, false);
	u8 *p;

	if (!pte || !(*pte & PTE_VALID_BIT) ||
	    (arch_pte_prot(*pte, 0) & need) != need ||
	    !fake_mmu_update_ad(pte, write))
		return false;
	p = (u8 *)__va(arch_pte_addr(*pte)) + (addr & ~PAGE_MASK);
	if (write)
		*p = *val;
	else
		*val = *p;
	return true;
}

#endif
