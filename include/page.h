/*
 * Physical pages: one struct page per frame, the buddy allocator that hands
 * them out (mm/page_alloc.c) and the conversions between frames, physical
 * and kernel virtual addresses.
 */
#ifndef FAULTLINE_PAGE_H
#define FAULTLINE_PAGE_H

#include <types.h>
#include <compiler.h>
#include <asm/memory.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) ALIGN_UP((unsigned long)(x), PAGE_SIZE)

/* Largest block the buddy allocator manages: 2^MAX_ORDER pages (4 MiB). */
#define MAX_ORDER 10

/* page.flags */
#define PG_RESERVED	0x01	/* never handed out: firmware, kernel, mem_map */
#define PG_BUDDY	0x02	/* head of a free block; order says its size */
#define PG_SLAB		0x04	/* carved into kmalloc objects */
#define PG_LARGE	0x08	/* head of a multi-page kmalloc block */
#define PG_PINNED	0x10	/* never freed: the shared zero page */
#define PG_HWPOISON	0x20	/* memory failure: never handed out again */

struct page {
	struct page *next, *prev;	/* free list links (PG_BUDDY heads) */
	u32 refcount;			/* users of an allocated page (atomic:
					 * get_page, put_page, page_count) */
	u16 flags;
	u8 order;			/* block order for PG_BUDDY / PG_LARGE */
	u8 slab_class;			/* kmalloc size class for PG_SLAB */
	void *slab_free;		/* PG_SLAB: first free object in the page */
	u32 slab_inuse;			/* PG_SLAB: objects handed out */
};

struct boot_info;

/*
 * Build mem_map for all RAM in *bi (reserving its own pages there) and free every page that is neither
 * reserved nor above early_limit (the end of what the boot page tables map).
 * The rest is added by page_alloc_add_high() once paging_init() has mapped it.
 */
void page_alloc_init(struct boot_info *bi, phys_addr_t early_limit);
void page_alloc_add_high(const struct boot_info *bi, phys_addr_t early_limit);

struct page *alloc_pages(unsigned int order);
void free_pages(struct page *page, unsigned int order);
static inline struct page *alloc_page(void) { return alloc_pages(0); }
static inline void free_page(struct page *page) { free_pages(page, 0); }

/*
 * References to an allocated page (mappings, a file's or a shared object's
 * own): alloc_pages() gives the first; the last put_page() frees the page,
 * or, if it is poisoned, retires it for good. A PG_PINNED page is never
 * counted or freed.
 */
void get_page(struct page *page);
void put_page(struct page *page);
/* Users now; another CPU may change it the next moment unless something
 * keeps it from (a page-table lock covering every mapping the count
 * could gain or lose). */
static inline u32 page_count(const struct page *page)
{
	return __atomic_load_n(&page->refcount, __ATOMIC_ACQUIRE);
}

/* Memory failure: the frame is never free again once its users let go
 * (counted at once, as Linux's HardwareCorrupted is). */
void page_mark_poisoned(struct page *page);
unsigned long nr_poisoned_pages(void);

/* A zeroed page as a kernel virtual address, or NULL. */
void *get_zeroed_page(void);
void free_page_va(void *va);

unsigned long nr_free_pages(void);
/* Free blocks of exactly this order (tests check coalescing with it). */
unsigned long nr_free_blocks(unsigned int order);
unsigned long nr_total_pages(void);

phys_addr_t page_to_phys(const struct page *page);
struct page *phys_to_page(phys_addr_t pa);	/* NULL if not RAM */
static inline void *page_to_virt(const struct page *page)
{
	return __va(page_to_phys(page));
}
static inline struct page *virt_to_page(const void *va)
{
	return phys_to_page(__pa(va));
}

/* Walk RAM minus reserved regions, page aligned, calling fn per range. */
void boot_for_each_free_range(const struct boot_info *bi,
			      void (*fn)(phys_addr_t start, phys_addr_t end,
					 void *arg),
			      void *arg);

#endif
