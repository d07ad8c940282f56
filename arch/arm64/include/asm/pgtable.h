/* arm64 VMSAv8-64 descriptors (4 KiB granule, 4 levels) for the generic
 * page-table walker: PGPROT_* <-> hardware bits, and TLB maintenance. */
#ifndef ASM_ARM64_PGTABLE_H
#define ASM_ARM64_PGTABLE_H

#include <asm/sysreg.h>

#define PT_LEVELS 4

#define PTE_VALID	(1ULL << 0)
#define PTE_NOT_BLOCK	(1ULL << 1)	/* table (upper levels) or page (level 0) */
#define PTE_ATTRINDX(i)	((u64)(i) << 2)
#define PTE_ATTRINDX_MASK (7ULL << 2)
#define PTE_AP_USER	(1ULL << 6)	/* AP[1]: EL0 may access */
#define PTE_AP_RDONLY	(1ULL << 7)	/* AP[2]: no writes at any EL */
#define PTE_SH_INNER	(3ULL << 8)
#define PTE_AF		(1ULL << 10)	/* accessed: clear -> access flag fault */
#define PTE_NG		(1ULL << 11)	/* not global: tagged with the ASID */
#define PTE_DBM		(1ULL << 51)	/* writable (AP[2] marks it clean) */
#define PTE_PXN		(1ULL << 53)
#define PTE_UXN		(1ULL << 54)
#define PTE_SW_DIRTY	(1ULL << 55)	/* software bit: dirty, write-protected */
#define PTE_ADDR_MASK	0x0000fffffffff000ULL

static inline pte_t arch_pte_mk_table(phys_addr_t table_pa)
{
	return (table_pa & PTE_ADDR_MASK) | PTE_VALID | PTE_NOT_BLOCK;
}

/*
 * Accessed and dirty, as Linux encodes them: AF is the accessed flag (with
 * TCR_EL1.HA the MMU sets it, else the access takes an access flag fault).
 * Dirty state is write permission: a writable page carries DBM and starts
 * clean with AP[2] (read-only) set; the first write clears AP[2], done by
 * the MMU when TCR_EL1.HD is on, else by handle_mm_fault on the permission
 * fault. DBM is bit 51, which MMUs without FEAT_HAFDBS ignore. A dirty
 * page that is write-protected (CoW, mprotect) keeps its state in a
 * software bit. head.S turns HA/HD on when ID_AA64MMFR1_EL1.HAFDBS has
 * them.
 */
static inline pte_t arch_pte_mk_leaf(phys_addr_t pa, unsigned int prot,
				     int level)
{
	pte_t pte = (pa & PTE_ADDR_MASK) | PTE_VALID | PTE_AP_RDONLY;

	if (level == 0)
		pte |= PTE_NOT_BLOCK;
	if (prot & PGPROT_DEVICE)
		pte |= PTE_ATTRINDX(MAIR_IDX_DEVICE);
	else
		pte |= PTE_ATTRINDX(MAIR_IDX_NORMAL) | PTE_SH_INNER;
	if (prot & PGPROT_WRITE)
		pte |= PTE_DBM;	/* writable, still clean */
	if (!(prot & PGPROT_GLOBAL))
		pte |= PTE_NG;
	/* The kernel never executes user pages, nor user code kernel pages. */
	if (prot & PGPROT_USER) {
		pte |= PTE_AP_USER | PTE_PXN;
		if (!(prot & PGPROT_EXEC))
			pte |= PTE_UXN;
	} else {
		pte |= PTE_UXN;
		if (!(prot & PGPROT_EXEC))
			pte |= PTE_PXN;
	}
	return pte;
}

static inline bool arch_pte_valid(pte_t pte)
{
	return pte & PTE_VALID;
}

/* At level 0 bit 1 means "page"; above it, a clear bit 1 means "block". */
static inline bool arch_pte_is_leaf(pte_t pte, int level)
{
	if (!(pte & PTE_VALID))
		return false;
	return level == 0 || !(pte & PTE_NOT_BLOCK);
}

static inline phys_addr_t arch_pte_addr(pte_t pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline unsigned int arch_pte_prot(pte_t pte, int level)
{
	unsigned int prot = PGPROT_READ;

	(void)level;
	if ((pte & PTE_DBM) || !(pte & PTE_AP_RDONLY))
		prot |= PGPROT_WRITE;
	if (pte & PTE_AP_USER) {
		prot |= PGPROT_USER;
		if (!(pte & PTE_UXN))
			prot |= PGPROT_EXEC;
	} else if (!(pte & PTE_PXN)) {
		prot |= PGPROT_EXEC;
	}
	if (!(pte & PTE_NG))
		prot |= PGPROT_GLOBAL;
	if ((pte & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MAIR_IDX_DEVICE))
		prot |= PGPROT_DEVICE;
	return prot;
}

static inline bool arch_pte_young(pte_t pte)
{
	return pte & PTE_AF;
}

static inline pte_t arch_pte_mkyoung(pte_t pte)
{
	return pte | PTE_AF;
}

static inline pte_t arch_pte_mkold(pte_t pte)
{
	return pte & ~PTE_AF;
}

static inline bool arch_pte_dirty(pte_t pte)
{
	return (pte & PTE_SW_DIRTY) ||
	       ((pte & PTE_DBM) && !(pte & PTE_AP_RDONLY));
}

static inline pte_t arch_pte_mkdirty(pte_t pte)
{
	pte |= PTE_SW_DIRTY;
	if (pte & PTE_DBM)
		pte &= ~PTE_AP_RDONLY;
	return pte;
}

static inline pte_t arch_pte_mkclean(pte_t pte)
{
	pte &= ~PTE_SW_DIRTY;
	if (pte & PTE_DBM)
		pte |= PTE_AP_RDONLY;
	return pte;
}

/* What head.S chose from ID_AA64MMFR1_EL1.HAFDBS: TCR_EL1 says it. */
static inline enum ad_update arch_ad_update_young(void)
{
	return (read_sysreg(tcr_el1) & TCR_HA) ? AD_BY_HARDWARE : AD_BY_FAULT;
}

static inline enum ad_update arch_ad_update_dirty(void)
{
	return (read_sysreg(tcr_el1) & TCR_HD) ? AD_BY_HARDWARE : AD_BY_FAULT;
}

/* 4 KiB pages, 2 MiB and 1 GiB blocks; the root (level 3) holds tables only. */
static inline bool arch_leaf_level_ok(int level)
{
	return level >= 0 && level <= 2;
}

/*
 * TLB maintenance (mm/tlbflush.c calls these). The inner-shareable forms
 * (…IS, with DSB ISH) reach every CPU in hardware: arm64 needs no IPI for
 * a shootdown. dsb ishst first so the walker sees the table store before
 * the TLBI (the generic walker calls this after every store, also for new
 * mappings). The operand is VA[55:12] in bits 43:0; higher bits are the
 * TTL hint and ASID, which must stay zero (a kernel address would set
 * them otherwise).
 */
#define ARCH_HAS_BROADCAST_TLB_FLUSH 1

static inline unsigned long tlbi_va_operand(unsigned long va)
{
	return (va >> 12) & ((1UL << 44) - 1);
}

/* Every CPU in the inner-shareable domain, whatever targets names. */
static inline void arch_broadcast_flush_tlb_page(unsigned long va,
						 unsigned long targets)
{
	(void)targets;
	dsb(ishst);
	__asm__ __volatile__("tlbi vaae1is, %0" : : "r"(tlbi_va_operand(va))
			     : "memory");
	dsb(ish);
	isb();
}

static inline void arch_broadcast_flush_tlb_all(unsigned long targets)
{
	(void)targets;
	dsb(ishst);
	__asm__ __volatile__("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	isb();
}

/*
 * A range: under QEMU every broadcast TLBI halts every virtual CPU to
 * sync, so a run of more than one page costs one full flush instead.
 */
#define ARCH_HAS_BROADCAST_TLB_RANGE 1

static inline void arch_broadcast_flush_tlb_range(unsigned long start,
						  unsigned long end,
						  unsigned long targets)
{
	if (end - start <= (1UL << 12))
		arch_broadcast_flush_tlb_page(start, targets);
	else
		arch_broadcast_flush_tlb_all(targets);
}

/*
 * This CPU's TLB only. The table store is still made visible to every
 * CPU's walker (dsb ishst): a new mapping flushed here alone must be
 * found by another CPU that walks it next (a kernel stack mapped on one
 * CPU for a task another runs).
 */
static inline void arch_local_flush_tlb_page(unsigned long va)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi vaae1, %0" : : "r"(tlbi_va_operand(va))
			     : "memory");
	dsb(nsh);
	isb();
}

static inline void arch_local_flush_tlb_all(void)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	isb();
}

#endif
