/* x86_64 4-level page-table entries for the generic walker: PGPROT_* <->
 * PTE bits, and TLB maintenance. */
#ifndef ASM_X86_64_PGTABLE_H
#define ASM_X86_64_PGTABLE_H

#define PT_LEVELS 4

#define _PAGE_PRESENT	(1ULL << 0)
#define _PAGE_RW	(1ULL << 1)
#define _PAGE_USER	(1ULL << 2)
#define _PAGE_PWT	(1ULL << 3)
#define _PAGE_PCD	(1ULL << 4)
#define _PAGE_ACCESSED	(1ULL << 5)
#define _PAGE_DIRTY	(1ULL << 6)
#define _PAGE_PSE	(1ULL << 7)	/* levels 1-2: a 2 MiB / 1 GiB leaf */
#define _PAGE_GLOBAL	(1ULL << 8)
#define _PAGE_NX	(1ULL << 63)
#define _PAGE_ADDR_MASK	0x000ffffffffff000ULL

/* _PAGE_NX if the CPU has NX (head.S then sets EFER.NXE), else 0: the bit
 * is reserved without NXE and setting it would fault. */
extern pte_t x86_pte_nx;

static inline pte_t arch_pte_mk_table(phys_addr_t table_pa)
{
	/* Permissive: the leaf decides. US must be set on every level for a
	 * user page to be reachable at all. */
	return (table_pa & _PAGE_ADDR_MASK) | _PAGE_PRESENT | _PAGE_RW |
	       _PAGE_USER;
}

static inline pte_t arch_pte_mk_leaf(phys_addr_t pa, unsigned int prot,
				     int level)
{
	/* Old and clean: the caller sets what it knows (mkyoung/mkdirty). */
	pte_t pte = (pa & _PAGE_ADDR_MASK) | _PAGE_PRESENT;

	if (level > 0)
		pte |= _PAGE_PSE;
	if (prot & PGPROT_WRITE)
		pte |= _PAGE_RW;
	if (!(prot & PGPROT_EXEC))
		pte |= x86_pte_nx;
	if (prot & PGPROT_USER)
		pte |= _PAGE_USER;
	if (prot & PGPROT_GLOBAL)
		pte |= _PAGE_GLOBAL;
	if (prot & PGPROT_DEVICE)
		pte |= _PAGE_PCD | _PAGE_PWT;	/* uncached (PAT entry 3) */
	return pte;
}

static inline bool arch_pte_valid(pte_t pte)
{
	return pte & _PAGE_PRESENT;
}

static inline bool arch_pte_is_leaf(pte_t pte, int level)
{
	return level == 0 || (pte & _PAGE_PSE);
}

static inline phys_addr_t arch_pte_addr(pte_t pte)
{
	return pte & _PAGE_ADDR_MASK;
}

static inline unsigned int arch_pte_prot(pte_t pte, int level)
{
	unsigned int prot = PGPROT_READ;

	(void)level;
	if (pte & _PAGE_RW)
		prot |= PGPROT_WRITE;
	if (!(pte & _PAGE_NX))
		prot |= PGPROT_EXEC;
	if (pte & _PAGE_USER)
		prot |= PGPROT_USER;
	if (pte & _PAGE_GLOBAL)
		prot |= PGPROT_GLOBAL;
	if (pte & _PAGE_PCD)
		prot |= PGPROT_DEVICE;
	return prot;
}

/*
 * Accessed and dirty are A and D, and the CPU always maintains them: it
 * sets A when it loads a translation into the TLB and D on the first write
 * through it, and never faults for either. Software that clears one must
 * flush the TLB entry, or the CPU keeps using the cached state.
 */
static inline bool arch_pte_young(pte_t pte)
{
	return pte & _PAGE_ACCESSED;
}

static inline pte_t arch_pte_mkyoung(pte_t pte)
{
	return pte | _PAGE_ACCESSED;
}

static inline pte_t arch_pte_mkold(pte_t pte)
{
	return pte & ~_PAGE_ACCESSED;
}

static inline bool arch_pte_dirty(pte_t pte)
{
	return pte & _PAGE_DIRTY;
}

static inline pte_t arch_pte_mkdirty(pte_t pte)
{
	return pte | _PAGE_DIRTY;
}

static inline pte_t arch_pte_mkclean(pte_t pte)
{
	return pte & ~_PAGE_DIRTY;
}

static inline enum ad_update arch_ad_update_young(void)
{
	return AD_BY_HARDWARE;
}

static inline enum ad_update arch_ad_update_dirty(void)
{
	return AD_BY_HARDWARE;
}

/* 4 KiB and 2 MiB leaves everywhere; 1 GiB pages are an optional CPU
 * feature (pdpe1gb, absent on qemu64), so the walker never uses them. */
static inline bool arch_leaf_level_ok(int level)
{
	return level == 0 || level == 1;
}

static inline void arch_local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

/* Reloading CR3 keeps global entries; toggling CR4.PGE drops them too
 * (head.S always sets PGE; without it the CR3 reload is enough). */
static inline void arch_local_flush_tlb_all(void)
{
	unsigned long cr4, cr3;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(cr4));
	if (cr4 & 0x80UL) {
		__asm__ __volatile__("mov %0, %%cr4" : : "r"(cr4 & ~0x80UL)
				     : "memory");
		__asm__ __volatile__("mov %0, %%cr4" : : "r"(cr4) : "memory");
	} else {
		__asm__ __volatile__("mov %%cr3, %0\n\tmov %0, %%cr3"
				     : "=r"(cr3) : : "memory");
	}
}

#endif
