/*
 * Address spaces: struct mm_struct (one per process) holds a page-table root
 * and a balanced tree of struct vm_area_struct, each a range of user
 * addresses with one set of permissions and one backing object.
 *   mm/vma.c     the VMA tree: find_vma, insert, split, merge
 *   mm/mmap.c    mmap, munmap, mprotect, brk, madvise with Linux semantics
 *   mm/memory.c  handle_mm_fault: demand paging and copy-on-write
 *   mm/shmem.c   shared anonymous memory objects
 *   mm/hwpoison.c  memory-failure injection (MADV_HWPOISON)
 *   mm/fault.c   generic_fault: the one fault core every arch calls
 * A VMA's vm_ops name its backing object (NULL: private anonymous).
 */
#ifndef FAULTLINE_MM_H
#define FAULTLINE_MM_H

#include <types.h>
#include <avltree.h>
#include <rwsem.h>
#include <spinlock.h>
#include <pgtable.h>
#include <page.h>
#include <list.h>

/* vm_flags: what the mapping allows now (READ/WRITE/EXEC), what mprotect may
 * allow later (MAY*), and how it behaves. */
#define VM_READ		0x0001
#define VM_WRITE	0x0002
#define VM_EXEC		0x0004
#define VM_SHARED	0x0008
#define VM_MAYREAD	0x0010
#define VM_MAYWRITE	0x0020
#define VM_MAYEXEC	0x0040
#define VM_MAYSHARE	0x0080
#define VM_GROWSDOWN	0x0100	/* a stack: faults just below it extend it */
#define VM_NORESERVE	0x0200	/* MAP_NORESERVE: not counted as commitment */
#define VM_LOCKED	0x0400	/* mlock: kept in memory, faulted in at once */
#define VM_LOCKONFAULT	0x0800	/* mlock2(MLOCK_ONFAULT): locked as touched */
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

struct vm_area_struct;
struct file;

/*
 * What backs a mapping other than private anonymous memory: a shared
 * anonymous object (mm/shmem.c), a file's pages (kernel/fs/), a device's.
 * handle_mm_fault() asks fault() for the object's page and maps it, shared
 * or copied on write; nothing in the fault path knows what the object is.
 */
struct vm_operations {
	/*
	 * The page at pgoff of the object, with a new reference, in *page;
	 * returns 0 (or VM_FAULT_MAJOR if it had to wait), else VM_FAULT_*
	 * error bits (SIGBUS beyond the end, OOM, HWPOISON). A page that is
	 * not ready yet: with FAULT_FLAG_ALLOW_RETRY, drop the mmap lock
	 * (mmap_unlock_for_wait), wait, and return VM_FAULT_RETRY; without,
	 * wait holding it.
	 */
	unsigned int (*fault)(struct vm_area_struct *vma, unsigned long pgoff,
			      unsigned int flags, struct page **page);
	/* A VMA starts or stops referring to the object (mmap, split,
	 * fork; munmap, merge, exit): take or drop a reference. */
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
};

/* How mmap is asked to back a new mapping (a file's mmap fills it in):
 * ops NULL means anonymous memory, private or shared. */
struct vm_backing {
	const struct vm_operations *ops;
	void *private;			/* the object ops work on */
	struct file *file;		/* the open file, for /proc/<pid>/maps */
	unsigned long deny;		/* VM_MAY* the object refuses */
};

struct vm_area_struct {
	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after the area */
	unsigned long vm_flags;
	unsigned long vm_pgoff;		/* offset into the backing object, pages */
	struct mm_struct *vm_mm;
	const struct vm_operations *vm_ops;	/* NULL: private anonymous */
	void *vm_private;		/* the object vm_ops work on */
	struct file *vm_file;		/* file mappings; never read by mm/ */
	struct avl_node node;		/* in mm->vmas, ordered by vm_start */
};

/* Each one is added to atomically: faults on several CPUs count at once. */
struct fault_counters {
	unsigned long minor, major;	/* faults that completed (mm/fault.c) */
	unsigned long cow_copies;	/* private pages copied on write */
	unsigned long cow_reuses;	/* last user: made writable in place */
	unsigned long zero_maps;	/* read faults given the shared zero page */
	unsigned long retries;		/* VM_FAULT_RETRY loops */
	unsigned long young_faults;	/* set the accessed bit (no hardware A) */
	unsigned long dirty_faults;	/* set the dirty bit (no hardware D) */
	unsigned long results[10];	/* per enum fault_action */
};

/*
 * Who guards what:
 *  - mmap_lock: the VMA tree and every VMA in it, and the layout fields
 *    (brk, mmap_base, stack_*). Held for reading by faults, for writing by
 *    whoever changes them (mmap, munmap, mprotect, brk, madvise, stack
 *    growth), and those writers also hold the big kernel lock, so that a
 *    BKL holder that walks every mm (unmap_object_pages) sees no VMA move.
 *  - page_table_lock: the entries of pgd's tables and the tables added or
 *    freed under it, and rss. Every change to an entry holds it: faults
 *    running on several CPUs at once under the read lock, fork, munmap,
 *    mprotect, and the walks over every mm. Taken with interrupts off;
 *    the page allocator's and kmalloc's locks nest inside it.
 *  - the rest is set up at creation, or changed under the big kernel lock
 *    (users, sigpage, mm_node), or says how it is changed.
 */
struct mm_struct {
	pte_t *pgd;			/* page-table root of the user half */
	int users;			/* tasks sharing it (threads) */
	unsigned long sigpage;		/* the sigreturn trampoline page */
	struct avl_tree vmas;
	struct rw_semaphore mmap_lock;
	spinlock_t page_table_lock;
	unsigned long task_size;	/* user addresses are below this */
	unsigned long mmap_base;	/* top-down mmap placement starts here */
	unsigned long start_brk, brk;	/* heap: [start_brk, brk) */
	unsigned long stack_top;	/* highest stack address + 1 */
	unsigned long stack_limit;	/* the stack may span this many bytes */
	unsigned long rss;		/* resident pages (not the zero page) */
	unsigned long hiwater_rss;	/* the most rss has been (getrusage) */
	unsigned long def_flags;	/* VM_LOCKED_MASK bits every new
					 * mapping gets (mlockall MCL_FUTURE) */
	unsigned long cpus_loaded;	/* CPUs with its tables loaded, whose
					 * TLBs may hold its entries (bit per
					 * CPU; changed atomically by that CPU,
					 * under the big kernel lock or in an
					 * IPI from its holder, kernel/sched.c) */
	struct fault_counters counters;
	struct list_head mm_node;	/* in the list of every mm (memory.c) */
};

/* One more resident page (page_table_lock held), and the high-water mark
 * getrusage reports. */
static inline void mm_rss_inc(struct mm_struct *mm)
{
	if (++mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
}

/* Guard gap kept between a growing stack and the mapping below it. */
#define STACK_GUARD_GAP (256UL * PAGE_SIZE)
#define DEFAULT_STACK_LIMIT (8UL << 20)

/* mm/vma.c */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *vma_next(struct vm_area_struct *vma);
struct vm_area_struct *vma_prev(struct vm_area_struct *vma);
struct vm_area_struct *vma_first(struct mm_struct *mm);
struct vm_area_struct *vma_last(struct mm_struct *mm);
struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
				 unsigned long end, unsigned long flags,
				 unsigned long pgoff);
void vma_insert(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_remove(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_free(struct vm_area_struct *vma);	/* drops its object */
/* dst refers to src's object too (split, fork). */
void vma_copy_backing(struct vm_area_struct *dst,
		      const struct vm_area_struct *src);
int vma_split(struct vm_area_struct *vma, unsigned long addr);
void vma_try_merge(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_merge_range(struct mm_struct *mm, unsigned long start,
		     unsigned long end);
int vma_tree_check(struct mm_struct *mm);	/* 0 if sound (tests) */

/* mm/mmap.c: Linux semantics; return an address or a negative errno. */
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags, unsigned long pgoff);
/* The same with a backing object (b->ops NULL: anonymous). */
long do_mmap_backed(struct mm_struct *mm, unsigned long addr,
		    unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long pgoff, const struct vm_backing *b);
int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
/* mremap's MREMAP_* flags; returns the new address or a negative errno. */
long do_mremap(struct mm_struct *mm, unsigned long addr,
	       unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr);
int do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long prot);
unsigned long do_brk(struct mm_struct *mm, unsigned long new_brk);
int do_madvise_dontneed(struct mm_struct *mm, unsigned long addr,
			unsigned long len);
/* Clear `clear` and set `set` in the vm_flags of [start, end) (page
 * aligned), splitting and merging VMAs as needed; -ENOMEM if part of the
 * range is not mapped (then nothing changes). */
int do_change_vm_flags(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned long clear,
		       unsigned long set);
/* mm/memory.c: fault in every page of [start, end) as an access would
 * (a write for private writable mappings); -ENOMEM where a page cannot be
 * (PROT_NONE, out of memory). Caller holds the mmap lock. */
int populate_range(struct mm_struct *mm, unsigned long start,
		   unsigned long end);
int expand_stack(struct vm_area_struct *vma, unsigned long addr);
long install_special_page(struct mm_struct *mm, struct page *page,
			  unsigned long prot);

/* mm/shmem.c: MAP_SHARED anonymous memory, one object per mmap call whose
 * pages every VMA sharing it (after split or fork) sees. */
int anon_shared_attach(struct vm_area_struct *vma);	/* 0 or -ENOMEM */
void anon_shared_set_page(struct vm_area_struct *vma, unsigned long pgoff,
			  struct page *page);

/* mm/hwpoison.c: madvise(MADV_HWPOISON), memory-failure injection. Marks
 * the frames behind [start, start + len) poisoned, unmaps them from every
 * address space (the next access faults with VM_FAULT_HWPOISON) and
 * retires them. 0 or -errno, Linux's. */
int memory_failure_inject(struct mm_struct *mm, unsigned long start,
			  unsigned long len);

/*
 * A user page-table entry left where a poisoned frame was mapped: not
 * valid (bit 0 clear) and with every other bit set, so that no PROT_NONE
 * entry (a frame's leaf with bit 0 clear) can look like it. The next
 * access faults and gets VM_FAULT_HWPOISON; munmap and MADV_DONTNEED
 * clear it, fork copies it, as Linux does its hwpoison swap entries.
 */
#define PTE_HWPOISON (~PTE_VALID_BIT)

/* mm/memory.c */
void mm_init(void);	/* boot: the zero page */
struct mm_struct *mm_create(unsigned long task_size);
struct mm_struct *mm_duplicate(struct mm_struct *old);	/* for fork */
void mm_destroy(struct mm_struct *mm);
/* Before mm's page tables are freed: no CPU may keep them loaded (idle and
 * kernel threads keep the last user tables lazily; kernel/sched.c). */
void mm_drop_from_cpus(struct mm_struct *mm);
/* Every mm in existence, for what must reach all mappings of a page. */
extern struct list_head all_mms;
/* Unmap pages [first, last) of the object from every VMA mapping it (a
 * file truncated: the next access beyond the end gets SIGBUS). */
void unmap_object_pages(const struct vm_operations *ops, void *object,
			unsigned long first, unsigned long last);
/* Replace every user mapping of page by PTE_HWPOISON. */
void unmap_poisoned_page(struct page *page);
/* For a vm_operations fault that has to wait (FAULT_FLAG_ALLOW_RETRY):
 * release the mmap lock the fault holds. The VMA may be gone after this;
 * keep a reference to the object across the wait. */
void mmap_unlock_for_wait(struct vm_area_struct *vma);
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end);
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end);
/* Move the entries of [start, end) to new_start (mremap; the ranges do
 * not overlap); 0, or -ENOMEM with nothing moved. */
int move_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, unsigned long new_start);
unsigned int vm_flags_to_pgprot(unsigned long vm_flags);
/* Accessed/dirty state of the page at addr: PAGE_AD_* bits, 0 if none is
 * mapped. mm_clear_ad() clears the given bits in [start, end), as page
 * aging (YOUNG) or writeback (DIRTY) would, and returns how many pages had
 * one of them; the next access sets them again, in hardware or by a fault.
 * Callers hold mmap_lock. */
#define PAGE_AD_MAPPED	0x1
#define PAGE_AD_YOUNG	0x2
#define PAGE_AD_DIRTY	0x4
unsigned int mm_page_ad(struct mm_struct *mm, unsigned long addr);
unsigned long mm_clear_ad(struct mm_struct *mm, unsigned long start,
			  unsigned long end, unsigned int which);
extern struct page *zero_page;

#endif
