/*
 * The generic page-table walker (mm/pgtable.c). One implementation for all
 * arches: it walks PT_LEVELS levels of 512 entries and asks the arch's
 * asm/pgtable.h how to encode and decode an entry at each level.
 *
 * Levels are numbered from the leaf: level 0 maps 4 KiB pages, level 1
 * 2 MiB blocks, level 2 1 GiB blocks, level PT_LEVELS-1 is the root.
 */
#ifndef FAULTLINE_PGTABLE_H
#define FAULTLINE_PGTABLE_H

#include <types.h>

/* Architecture-independent protection bits; asm/pgtable.h turns them into
 * hardware bits. Read is implied by any mapping on x86_64. */
#define PGPROT_READ	0x01
#define PGPROT_WRITE	0x02
#define PGPROT_EXEC	0x04
#define PGPROT_USER	0x08
#define PGPROT_GLOBAL	0x10
#define PGPROT_DEVICE	0x20	/* uncached, strongly ordered MMIO */

typedef u64 pte_t;

/*
 * Accessed ("young") and dirty state of a leaf. arch_pte_mk_leaf() makes
 * every leaf old and clean; whoever makes it says what it already is
 * (arch_pte_mkyoung/mkdirty): pgtable_map() presets young (and dirty if
 * writable), so the kernel's own mappings never take an A/D fault, and
 * handle_mm_fault() marks a user page young because the fault is an
 * access, dirty if it was a write. Once software clears the state (page
 * aging, fork), the next access sets it again in one of two ways, which
 * each arch reports through arch_ad_update_young() and
 * arch_ad_update_dirty() (docs/fault-abi.md, "Accessed and dirty bits"):
 */
enum ad_update {
	AD_BY_HARDWARE,	/* the MMU sets it as it translates: no fault */
	AD_BY_FAULT,	/* the access faults and handle_mm_fault sets it */
	AD_BY_EITHER,	/* not known which: the kernel is ready for both */
};

#include <asm/pgtable.h>

#define PT_ENTRIES 512
#define PT_INDEX_BITS 9
#define PT_LEVEL_SHIFT(level) (12 + PT_INDEX_BITS * (level))
#define PT_LEVEL_SIZE(level) (1UL << PT_LEVEL_SHIFT(level))

/* A new, empty root table; NULL when out of memory. */
pte_t *pgtable_alloc_root(void);

/*
 * Map [va, va+size) to [pa, pa+size) with prot, using the largest blocks the
 * alignment and the arch allow. Returns 0, -ENOMEM, or -EEXIST when some
 * page in the range is already mapped (nothing is overwritten).
 */
int pgtable_map(pte_t *root, unsigned long va, phys_addr_t pa, size_t size,
		unsigned int prot);

/* Remove the mappings of [va, va+size); blocks must be unmapped whole.
 * Flushes the TLB for what it removes and frees tables left empty (except
 * those a root entry points to). Returns the number of pages unmapped. */
unsigned long pgtable_unmap(pte_t *root, unsigned long va, size_t size);

/* Look va up: true and *pa, *prot (generic bits) if mapped. */
bool pgtable_translate(pte_t *root, unsigned long va, phys_addr_t *pa,
		       unsigned int *prot);

/* Free every table page below root (not the mapped frames) and the root. */
void pgtable_free(pte_t *root);

/*
 * User mappings are always 4 KiB pages; mm/memory.c manages their level-0
 * entries directly. Bit 0 is the valid bit on every supported arch (and the
 * fake one), so a non-zero entry with bit 0 clear is free for software: a
 * PROT_NONE page that keeps its frame.
 */
#define PTE_VALID_BIT 1ULL

/* The level-0 entry for va, creating tables if alloc; NULL if absent or
 * out of memory (or a block mapping is in the way). */
pte_t *pgtable_pte(pte_t *root, unsigned long va, bool alloc);

/* Free the tables below [start, end) that hold no entry any more (never
 * one a root entry points to); munmap calls it after unmapping. */
void pgtable_free_empty(pte_t *root, unsigned long start, unsigned long end);

/* Call fn for every non-zero level-0 entry in [start, end), skipping the
 * ranges whose tables do not exist. */
void pgtable_for_each_pte(pte_t *root, unsigned long start, unsigned long end,
			  void (*fn)(pte_t *pte, unsigned long va, void *arg),
			  void *arg);

/* Free the tables below the root entries that cover [0, user_end) and the
 * root itself; entries above (the kernel half shared with every address
 * space on some arches) are left alone. */
void pgtable_free_user(pte_t *root, unsigned long user_end);

/* Number of table pages currently allocated by the walker (leak checks). */
unsigned long pgtable_nr_table_pages(void);

#endif
