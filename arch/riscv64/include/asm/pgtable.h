/* riscv64 Sv39 page-table entries (3 levels, 4 KiB pages) for the generic
 * page-table walker: PGPROT_* <-> PTE bits, and TLB maintenance. */
#ifndef ASM_RISCV64_PGTABLE_H
#define ASM_RISCV64_PGTABLE_H

#define PT_LEVELS 3

#define PTE_V		(1ULL << 0)
#define PTE_R		(1ULL << 1)
#define PTE_W		(1ULL << 2)
#define PTE_X		(1ULL << 3)
#define PTE_U		(1ULL << 4)
#define PTE_G		(1ULL << 5)
#define PTE_A		(1ULL << 6)
#define PTE_D		(1ULL << 7)
#define PTE_RWX		(PTE_R | PTE_W | PTE_X)
#define PTE_PPN_SHIFT	10
#define PTE_PPN_MASK	((1ULL << 44) - 1)	/* PPN is bits 10..53 */

static inline pte_t arch_pte_mk_table(phys_addr_t table_pa)
{
	/* V with R=W=X=0 means "points to the next level". */
	return ((pte_t)(table_pa >> 12) << PTE_PPN_SHIFT) | PTE_V;
}

static inline pte_t arch_pte_mk_leaf(phys_addr_t pa, unsigned int prot,
				     int level)
{
	/*
	 * Old and clean (no A, no D): the caller sets what it knows
	 * (arch_pte_mkyoung/mkdirty). Write implies R: W without R is a
	 * reserved encoding. X alone is valid (execute-only, as Linux maps
	 * PROT_EXEC). PGPROT_DEVICE needs no bits: without Svpbmt the
	 * platform's PMAs make MMIO uncached and strongly ordered.
	 */
	pte_t pte = ((pte_t)(pa >> 12) << PTE_PPN_SHIFT) | PTE_V;

	(void)level;
	if (prot & (PGPROT_READ | PGPROT_WRITE))
		pte |= PTE_R;
	if (prot & PGPROT_WRITE)
		pte |= PTE_W;
	if (prot & PGPROT_EXEC)
		pte |= PTE_X;
	if (prot & PGPROT_USER)
		pte |= PTE_U;
	if (prot & PGPROT_GLOBAL)
		pte |= PTE_G;
	return pte;
}

static inline bool arch_pte_valid(pte_t pte)
{
	return pte & PTE_V;
}

/* Any of R, W, X makes an entry a leaf, at every level. */
static inline bool arch_pte_is_leaf(pte_t pte, int level)
{
	(void)level;
	return (pte & PTE_V) && (pte & PTE_RWX);
}

static inline phys_addr_t arch_pte_addr(pte_t pte)
{
	return (phys_addr_t)((pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK) << 12;
}

static inline unsigned int arch_pte_prot(pte_t pte, int level)
{
	unsigned int prot = 0;

	(void)level;
	if (pte & PTE_R)
		prot |= PGPROT_READ;
	if (pte & PTE_W)
		prot |= PGPROT_WRITE;
	if (pte & PTE_X)
		prot |= PGPROT_EXEC;
	if (pte & PTE_U)
		prot |= PGPROT_USER;
	if (pte & PTE_G)
		prot |= PGPROT_GLOBAL;
	return prot;
}

/*
 * Accessed and dirty are A and D. When a leaf lacks A, or a store finds no
 * D, a hart either sets the bit itself (Svadu; QEMU 7.2 always does) or
 * raises a page fault for software to set it (Svade), which reaches
 * generic_fault like any page fault. S-mode cannot ask which (neither is
 * named in QEMU 7.2's device tree), so the kernel is ready for both.
 */
static inline bool arch_pte_young(pte_t pte)
{
	return pte & PTE_A;
}

static inline pte_t arch_pte_mkyoung(pte_t pte)
{
	return pte | PTE_A;
}

static inline pte_t arch_pte_mkold(pte_t pte)
{
	return pte & ~PTE_A;
}

static inline bool arch_pte_dirty(pte_t pte)
{
	return pte & PTE_D;
}

static inline pte_t arch_pte_mkdirty(pte_t pte)
{
	return pte | PTE_D;
}

static inline pte_t arch_pte_mkclean(pte_t pte)
{
	return pte & ~PTE_D;
}

static inline enum ad_update arch_ad_update_young(void)
{
	return AD_BY_EITHER;
}

static inline enum ad_update arch_ad_update_dirty(void)
{
	return AD_BY_EITHER;
}

/* Sv39 allows leaves at every level: 4 KiB, 2 MiB and 1 GiB pages. */
static inline bool arch_leaf_level_ok(int level)
{
	return level >= 0 && level < PT_LEVELS;
}

static inline void arch_local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0, zero" : : "r"(va) : "memory");
}

static inline void arch_local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" : : : "memory");
}

/*
 * The SBI RFENCE extension runs sfence.vma on the harts it is given (the
 * online CPUs in targets, this one included if named) and returns when all
 * are done (arch/riscv64/smp.c): no IPI of our own, and it works even on
 * harts running with interrupts off.
 */
#define ARCH_HAS_BROADCAST_TLB_FLUSH
#define ARCH_HAS_BROADCAST_TLB_RANGE
void arch_broadcast_flush_tlb_page(unsigned long va, unsigned long targets);
void arch_broadcast_flush_tlb_range(unsigned long start, unsigned long end,
				    unsigned long targets);
void arch_broadcast_flush_tlb_all(unsigned long targets);

#endif
