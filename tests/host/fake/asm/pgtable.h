/* Fake arch for host tests: a 4-level table with a made-up entry format
 * (bit 0 valid, bit 1 leaf, bits 2-7 generic PGPROT bits, address above). */
#ifndef FAKE_ASM_PGTABLE_H
#define FAKE_ASM_PGTABLE_H

#define PT_LEVELS 4
#define FAKE_VALID 1ULL
#define FAKE_LEAF 2ULL
#define FAKE_ADDR_MASK 0x000ffffffffff000ULL

static inline pte_t arch_pte_mk_table(phys_addr_t pa) { return (pa & FAKE_ADDR_MASK) | FAKE_VALID; }
static inline pte_t arch_pte_mk_leaf(phys_addr_t pa, unsigned int prot, int level)
{
	(void)level;
	return (pa & FAKE_ADDR_MASK) | FAKE_VALID | FAKE_LEAF | ((pte_t)(prot & 0x3f) << 2);
}
static inline bool arch_pte_valid(pte_t pte) { return pte & FAKE_VALID; }
static inline bool arch_pte_is_leaf(pte_t pte, int level) { return level == 0 || (pte & FAKE_LEAF); }
static inline phys_addr_t arch_pte_addr(pte_t pte) { return pte & FAKE_ADDR_MASK; }
static inline unsigned int arch_pte_prot(pte_t pte, int level) { (void)level; return (pte >> 2) & 0x3f; }
/* Accessed and dirty in bits 8 and 9. The fake MMU (the host tests'
 * simulated accesses) either sets them itself or faults for software to,
 * as fake_ad_by_hardware says; software (a Svade-like hart) by default. */
#define FAKE_YOUNG (1ULL << 8)
#define FAKE_DIRTY (1ULL << 9)
extern bool fake_ad_by_hardware;
static inline bool arch_pte_young(pte_t pte) { return pte & FAKE_YOUNG; }
static inline pte_t arch_pte_mkyoung(pte_t pte) { return pte | FAKE_YOUNG; }
static inline pte_t arch_pte_mkold(pte_t pte) { return pte & ~FAKE_YOUNG; }
static inline bool arch_pte_dirty(pte_t pte) { return pte & FAKE_DIRTY; }
static inline pte_t arch_pte_mkdirty(pte_t pte) { return pte | FAKE_DIRTY; }
static inline pte_t arch_pte_mkclean(pte_t pte) { return pte & ~FAKE_DIRTY; }
static inline enum ad_update arch_ad_update_young(void) { return fake_ad_by_hardware ? AD_BY_HARDWARE : AD_BY_FAULT; }
static inline enum ad_update arch_ad_update_dirty(void) { return fake_ad_by_hardware ? AD_BY_HARDWARE : AD_BY_FAULT; }
/* The fake MMU's A/D step for an access the permissions allow: true if it
 * may proceed (in hardware mode after setting the bits), false if it
 * faults because the entry is old, or clean and the access a write. */
static inline bool fake_mmu_update_ad(pte_t *pte, bool write)
{
	pte_t want = FAKE_YOUNG | (write ? FAKE_DIRTY : 0);

	if ((*pte & want) == want)
		return true;
	if (!fake_ad_by_hardware)
		return false;
	*pte |= want;
	return true;
}
static inline bool arch_leaf_level_ok(int level) { return level <= 2; }
static inline void arch_local_flush_tlb_page(unsigned long va) { (void)va; }
static inline void arch_local_flush_tlb_all(void) { }

#endif
