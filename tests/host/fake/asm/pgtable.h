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
static inline bool arch_leaf_level_ok(int level) { return level <= 2; }
static inline void arch_flush_tlb_page(unsigned long va) { (void)va; }
static inline void arch_flush_tlb_all(void) { }

#endif
