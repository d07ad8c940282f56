/*
 * Demand paging and copy-on-write: handle_mm_fault() fills a missing page
 * (private anonymous: the shared zero page for a read, a fresh zeroed page
 * for a write; anything else: the page the VMA's object gives, mapped as
 * it is when shared and copied on write when private), resolves a write to
 * a write-protected private page (copy it, or reuse it when this address
 * space is its last user), or sets the accessed/dirty bits an MMU without
 * hardware updates faulted for. Also the page-table side of munmap/
 * mprotect/fork/exit, page aging, and unmapping a page from every address
 * space (truncation, memory failure).
 */
#include <mm.h>
#include <atomic.h>
#include <fault.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <kernel_map.h>
#include <tlbflush.h>
#include <uapi/errno.h>
#include <bkl.h>

struct page *zero_page;
LIST_HEAD_DECLARE(all_mms);

unsigned int vm_flags_to_pgprot(unsigned long vm_flags)
{
	unsigned int prot = PGPROT_USER;

	/* No arch can express write-only, and x86_64 cannot express
	 * execute-only: any access implies read. (Linux on riscv64 keeps
	 * PROT_EXEC-only pages unreadable; see docs/fault-abi.md.) */
	if (vm_flags & VM_ACCESS_FLAGS)
		prot |= PGPROT_READ;
	if (vm_flags & VM_WRITE)
		prot |= PGPROT_WRITE;
	if (vm_flags & VM_EXEC)
		prot |= PGPROT_EXEC;
	return prot;
}

/* The frame an entry maps (valid or PROT_NONE); NULL for a poison
 * marker or a frame that is not RAM. */
static struct page *pte_page(pte_t pte)
{
	if (pte == PTE_HWPOISON)
		return NULL;
	return phys_to_page(arch_pte_addr(pte));
}

/* Replace or remove a valid entry: every CPU that runs mm must stop using
 * the old one. */
static void set_pte(struct mm_struct *mm, pte_t *pte, unsigned long va,
		    pte_t val)
{
	WRITE_ONCE(*pte, val);
	flush_tlb_mm_page(mm, va);
}

/* Fill an entry that was empty, or widen one (more rights, A/D bits set):
 * a CPU still holding the old one faults once more and flushes it itself
 * (include/tlbflush.h). */
static void set_pte_wider(pte_t *pte, unsigned long va, pte_t val)
{
	/* Release: another CPU whose walker sees the entry sees the page's
	 * contents (zeroed, copied) too. */
	store_release(pte, val);
	flush_tlb_page_local(va);
}

/* A leaf made by a fault: the fault is an access, so the page starts young,
 * and dirty if the access was a write. */
static pte_t mk_user_pte(struct page *page, unsigned int prot,
			 unsigned int flags)
{
	pte_t pte = arch_pte_mkyoung(arch_pte_mk_leaf(page_to_phys(page),
						      prot, 0));

	return (flags & FAULT_FLAG_WRITE) ? arch_pte_mkdirty(pte) : pte;
}

/* val with the accessed and dirty state of old: rebuilding an entry (new
 * permissions) must not lose what the MMU or a fault recorded. */
static pte_t keep_ad(pte_t val, pte_t old)
{
	if (arch_pte_young(old))
		val = arch_pte_mkyoung(val);
	if (arch_pte_dirty(old))
		val = arch_pte_mkdirty(val);
	return val;
}

/*
 * One fault on its way through handle_mm_fault(). The entry was read with
 * mm->page_table_lock held; whenever the lock was let go since, other CPUs
 * may have changed it, and the fault re-checks it (entry_unchanged) before
 * it installs anything: two threads faulting one page map it once, and the
 * loser of a copy-on-write race frees its copy. The tables pte points into
 * stay while the fault holds the mmap lock (only munmap, holding it for
 * writing, frees tables).
 */
struct vm_fault {
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned long addr;		/* page aligned */
	unsigned int flags;		/* FAULT_FLAG_* */
	pte_t *pte;
	pte_t orig;			/* *pte as the fault last saw it */
	unsigned long irqflags;		/* while the lock is held */
};

static void fault_lock(struct vm_fault *vf)
{
	vf->irqflags = spin_lock_irqsave(&vf->mm->page_table_lock);
}

static void fault_unlock(struct vm_fault *vf)
{
	spin_unlock_irqrestore(&vf->mm->page_table_lock, vf->irqflags);
}

/* Take the lock again after work done without it: is the entry as the
 * fault left it? If not, the lock is released again: another CPU got
 * there first and the access, tried again, will find what it installed. */
static bool relock_unchanged(struct vm_fault *vf)
{
	fault_lock(vf);
	if (*vf->pte == vf->orig)
		return true;
	fault_unlock(vf);
	return false;
}


/* An empty entry of private anonymous memory; called without the lock. */
static unsigned int do_anonymous_page(struct vm_fault *vf)
{
	struct mm_struct *mm = vf->mm;
	unsigned int prot = vm_flags_to_pgprot(vf->vma->vm_flags);
	struct page *page;
	void *va;

	if (!(vf->flags & FAULT_FLAG_WRITE) && zero_page) {
		/* A read of never-written memory: share the zero page and
		 * copy it only if someone writes. */
		if (!relock_unchanged(vf))
			return 0;
		set_pte_wider(vf->pte, vf->addr,
			      mk_user_pte(zero_page, prot & ~PGPROT_WRITE,
					  vf->flags));
		fault_unlock(vf);
		counter_inc(&mm->counters.zero_maps);
		return 0;
	}
	/* Zeroing takes the time: do it before taking the lock, so that
	 * threads faulting different pages do it at the same time. */
	va = get_zeroed_page();
	if (!va)
		return VM_FAULT_OOM;
	page = virt_to_page(va);
	if (!relock_unchanged(vf)) {
		put_page(page);
		return 0;
	}
	set_pte_wider(vf->pte, vf->addr, mk_user_pte(page, prot, vf->flags));
	mm_rss_inc(mm);
	fault_unlock(vf);
	return 0;
}

/*
 * A missing page of a VMA with a backing object: ask the object for it.
 * Shared: map the object's page itself; a read maps it writable but clean,
 * so the first write is seen. Private: a read maps the object's page
 * read-only and a later write copies it (do_wp_page); a write copies now.
 * The objects (files, shared memory, devices) are still guarded by the big
 * kernel lock, which is held from fault() until the page is mapped: a
 * truncation or a memory failure (under the BKL too) comes before, and
 * finds nothing mapped, or after, and unmaps it. Called without the
 * page-table lock.
 */
static unsigned int do_object_page(struct vm_fault *vf)
{
	struct vm_area_struct *vma = vf->vma;
	struct mm_struct *mm = vf->mm;
	unsigned int prot = vm_flags_to_pgprot(vma->vm_flags), ret;
	unsigned long pgoff = vma->vm_pgoff +
			      ((vf->addr - vma->vm_start) >> PAGE_SHIFT);
	struct page *page, *copy;
	bool bkl = bkl_lock_once();

	ret = vma->vm_ops->fault(vma, pgoff, vf->flags, &page);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_RETRY))
		goto out;	/* after RETRY, vma and pte may be gone */
	if (page->flags & PG_HWPOISON) {
		put_page(page);
		ret = VM_FAULT_HWPOISON;
		goto out;
	}
	if (!(vma->vm_flags & VM_SHARED)) {
		if (vf->flags & FAULT_FLAG_WRITE) {
			copy = alloc_page();
			if (!copy) {
				put_page(page);
				ret = VM_FAULT_OOM;
				goto out;
			}
			memcpy(page_to_virt(copy), page_to_virt(page),
			       PAGE_SIZE);
			put_page(page);
			page = copy;
			counter_inc(&mm->counters.cow_copies);
		} else {
			prot &= ~PGPROT_WRITE;
		}
	}
	if (!relock_unchanged(vf)) {
		put_page(page);
		goto out;
	}
	set_pte_wider(vf->pte, vf->addr, mk_user_pte(page, prot, vf->flags));
	mm_rss_inc(mm);
	fault_unlock(vf);
	if (!(ret & VM_FAULT_MAJOR))
out:
	bkl_unlock_if(bkl);
	return ret;
}

/*
 * A write to a present, write-protected page of a writable mapping; called
 * with the lock held, returns with it released. The last user of a private
 * page makes it writable in place: its count cannot grow meanwhile, since
 * the only way another user could come is fork copying this very entry,
 * under this lock.
 */
static unsigned int do_wp_page(struct vm_fault *vf)
{
	struct vm_area_struct *vma = vf->vma;
	struct mm_struct *mm = vf->mm;
	unsigned int prot = vm_flags_to_pgprot(vma->vm_flags);
	struct page *old = pte_page(vf->orig), *new;
	void *va;

	if (!old) {
		fault_unlock(vf);
		return VM_FAULT_SIGSEGV;	/* not RAM: never ours to copy */
	}
	if ((vma->vm_flags & VM_SHARED) ||
	    (old != zero_page && page_count(old) == 1)) {
		set_pte_wider(vf->pte, vf->addr,
			      mk_user_pte(old, prot, FAULT_FLAG_WRITE));
		fault_unlock(vf);
		counter_inc(&mm->counters.cow_reuses);
		return 0;
	}
	/* Copy without the lock, holding the old page so it stays. */
	get_page(old);
	fault_unlock(vf);
	new = alloc_page();
	if (!new) {
		put_page(old);
		return VM_FAULT_OOM;
	}
	va = page_to_virt(new);
	if (old != zero_page)
		memcpy(va, page_to_virt(old), PAGE_SIZE);
	else
		memset(va, 0, PAGE_SIZE);
	if (!relock_unchanged(vf)) {
		put_page(new);		/* another CPU's copy won */
		put_page(old);
		return 0;
	}
	/* Break before make: clear and flush the old entry before the new
	 * frame goes in, or arm64 may hold both in its TLB and raise a TLB
	 * conflict abort. Cheap on the other arches. */
	set_pte(mm, vf->pte, vf->addr, 0);
	set_pte_wider(vf->pte, vf->addr,
		      mk_user_pte(new, prot, FAULT_FLAG_WRITE));
	if (old == zero_page)
		mm_rss_inc(mm);
	fault_unlock(vf);
	if (old != zero_page) {
		counter_inc(&mm->counters.cow_copies);
		put_page(old);		/* the entry's reference */
	} else {
	}
	put_page(old);			/* ours */
	return 0;
}

/*
 * An access the entry already allows (lock held). If the entry is old, or
 * the access is a write and the entry clean, this is the fault an MMU that
 * does not update accessed/dirty bits itself takes (arm64 without
 * TCR_EL1.HA/HD, riscv64 with Svade): set them, as the hardware would
 * have. Otherwise another CPU mapped the page first or the TLB held a
 * stale entry, and flushing it is all there is to do.
 */
static unsigned int do_young_dirty(struct vm_fault *vf)
{
	struct mm_struct *mm = vf->mm;
	pte_t old = vf->orig, val = arch_pte_mkyoung(old);

	if (!arch_pte_young(old))
		counter_inc(&mm->counters.young_faults);
	if (vf->flags & FAULT_FLAG_WRITE) {
		if (!arch_pte_dirty(old))
			counter_inc(&mm->counters.dirty_faults);
		val = arch_pte_mkdirty(val);
	}
	if (val == old)
		flush_tlb_page_local(vf->addr);	/* this CPU's entry was stale */
	else
		set_pte_wider(vf->pte, vf->addr, val);
	fault_unlock(vf);
	return 0;
}

/* The entry a VMA's permissions give the frame behind *pte (mprotect,
 * and a PROT_NONE entry under a mapping that allows access again). */
static pte_t reprotected(struct vm_area_struct *vma, pte_t old)
{
	struct page *page = pte_page(old);
	unsigned int prot = vm_flags_to_pgprot(vma->vm_flags);
	pte_t val;

	/* A private page someone else still uses (a file's, or shared
	 * since fork) stays write-protected, so the next write copies it. */
	if (!(vma->vm_flags & VM_SHARED) &&
	    (page == zero_page || !page || page_count(page) > 1))
		prot &= ~PGPROT_WRITE;
	val = keep_ad(arch_pte_mk_leaf(arch_pte_addr(old), prot, 0), old);
	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		val &= ~PTE_VALID_BIT;	/* PROT_NONE: keep the frame, deny all */
	return val;
}

unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr,
			     unsigned int flags)
{
	struct vm_fault vf = {
		.vma = vma, .mm = vma->vm_mm, .addr = addr & PAGE_MASK,
		.flags = flags,
	};

	fault_lock(&vf);
	vf.pte = pgtable_pte(vf.mm->pgd, vf.addr, true);
	if (!vf.pte) {
		fault_unlock(&vf);
		return VM_FAULT_OOM;
	}
	vf.orig = *vf.pte;
	if (!vf.orig) {
		fault_unlock(&vf);
		return vma->vm_ops ? do_object_page(&vf) :
				     do_anonymous_page(&vf);
	}
	if (vf.orig == PTE_HWPOISON) {
		fault_unlock(&vf);
		return VM_FAULT_HWPOISON;
	}
	if (!(vf.orig & PTE_VALID_BIT)) {
		/* A PROT_NONE entry under a mapping that allows access now:
		 * bring it back with the mapping's permissions, then finish
		 * the access below (it may still need a copy or A/D bits). */
		pte_t val = reprotected(vma, vf.orig);

		if (!(val & PTE_VALID_BIT)) {
			fault_unlock(&vf);
			return VM_FAULT_SIGSEGV;	/* allows no access */
		}
		set_pte_wider(vf.pte, vf.addr, val);
		vf.orig = val;
	}
	if ((flags & FAULT_FLAG_WRITE) &&
	    !(arch_pte_prot(vf.orig, 0) & PGPROT_WRITE))
		return do_wp_page(&vf);
	return do_young_dirty(&vf);
}

struct zap_state {
	struct mm_struct *mm;
	struct tlb_batch tlb;
};

static void zap_one(pte_t *pte, unsigned long va, void *arg)
{
	struct zap_state *zs = arg;
	struct page *page = pte_page(*pte);

	/* The frame is put only after every CPU's TLB let go of it. */
	WRITE_ONCE(*pte, 0);
	if (page && page != zero_page) {
		tlb_batch_add_page(&zs->tlb, va, page);
		zs->mm->rss--;
	} else {
		tlb_batch_add(&zs->tlb, va);
	}
}

void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
	struct zap_state zs = { .mm = mm };
	unsigned long flags = spin_lock_irqsave(&mm->page_table_lock);

	tlb_batch_init(&zs.tlb, mm);
	pgtable_for_each_pte(mm->pgd, start, end, zap_one, &zs);
	tlb_batch_flush(&zs.tlb);
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
}

/* What mlock and MAP_POPULATE do: include/mm.h. */
int populate_range(struct mm_struct *mm, unsigned long start,
		   unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *v = find_vma(mm, addr);
		unsigned int flags = 0, ret;

		if (!v || v->vm_start > addr)
			return -ENOMEM;
		if (!(v->vm_flags & VM_ACCESS_FLAGS))
			return -ENOMEM;		/* PROT_NONE: Linux's answer */
		/* A page already there stays as it is (one shared
		 * copy-on-write after fork is copied at its first write, as
		 * without mlock); a missing one is faulted in, with a write
		 * for private writable memory so it is the process's own. */
		if (mm_page_ad(mm, addr) & PAGE_AD_MAPPED)
			continue;
		if ((v->vm_flags & VM_WRITE) && !(v->vm_flags & VM_SHARED))
			flags |= FAULT_FLAG_WRITE;
		ret = handle_mm_fault(v, addr, flags);
		/* Linux's mlock says ENOMEM for every page it cannot get. */
		if (ret & VM_FAULT_ERROR)
			return -ENOMEM;
	}
	return 0;
}

/*
 * Moving entries (mremap): every entry of [start, end) goes to the same
 * offset from new_start, frames and their references with it. First a
 * pass that makes every table the destination needs, so that running out
 * of memory changes nothing; then, under the lock, the move itself.
 */
struct move_state {
	struct mm_struct *mm;
	long delta;			/* new address - old address */
	bool failed;
	struct tlb_batch tlb;		/* the old addresses */
};

static void prepare_one(pte_t *pte, unsigned long va, void *arg)
{
	struct move_state *ms = arg;

	(void)pte;
	if (!ms->failed && !pgtable_pte(ms->mm->pgd, va + ms->delta, true))
		ms->failed = true;
}

static void move_one(pte_t *pte, unsigned long va, void *arg)
{
	struct move_state *ms = arg;
	pte_t *dst = pgtable_pte(ms->mm->pgd, va + ms->delta, false);

	store_release(dst, *pte);
	WRITE_ONCE(*pte, 0);
	tlb_batch_add(&ms->tlb, va);
}

int move_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, unsigned long new_start)
{
	struct move_state ms = { .mm = mm, .delta = (long)(new_start - start) };
	unsigned long flags = spin_lock_irqsave(&mm->page_table_lock);

	pgtable_for_each_pte(mm->pgd, start, end, prepare_one, &ms);
	if (!ms.failed) {
		tlb_batch_init(&ms.tlb, mm);
		pgtable_for_each_pte(mm->pgd, start, end, move_one, &ms);
		/* No CPU may go on using a page at its old address. */
		tlb_batch_flush(&ms.tlb);
	}
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	return ms.failed ? -ENOMEM : 0;
}

struct reprotect_state {
	struct vm_area_struct *vma;
	struct tlb_batch tlb;
};

static void reprotect_one(pte_t *pte, unsigned long va, void *arg)
{
	struct reprotect_state *rs = arg;
	pte_t val;

	if (*pte == PTE_HWPOISON)
		return;
	val = reprotected(rs->vma, *pte);
	if (val != *pte) {
		WRITE_ONCE(*pte, val);
		tlb_batch_add(&rs->tlb, va);
	}
}

void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end)
{
	struct reprotect_state rs = { .vma = vma };
	struct mm_struct *mm = vma->vm_mm;
	unsigned long flags = spin_lock_irqsave(&mm->page_table_lock);

	tlb_batch_init(&rs.tlb, mm);
	pgtable_for_each_pte(mm->pgd, start, end, reprotect_one, &rs);
	/* Before mprotect returns, no CPU may still write a page it made
	 * read-only. */
	tlb_batch_flush(&rs.tlb);
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
}

unsigned int mm_page_ad(struct mm_struct *mm, unsigned long addr)
{
	unsigned long flags = spin_lock_irqsave(&mm->page_table_lock);
	pte_t *pte = pgtable_pte(mm->pgd, addr & PAGE_MASK, false);
	pte_t val = pte ? READ_ONCE(*pte) : 0;
	unsigned int state = 0;

	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	if (!val || val == PTE_HWPOISON)
		return 0;
	state = PAGE_AD_MAPPED;
	if (arch_pte_young(val))
		state |= PAGE_AD_YOUNG;
	if (arch_pte_dirty(val))
		state |= PAGE_AD_DIRTY;
	return state;
}

struct clear_ad_state {
	unsigned int which;
	unsigned long found;
	struct tlb_batch tlb;
};

static void clear_ad_one(pte_t *pte, unsigned long va, void *arg)
{
	struct clear_ad_state *cs = arg;
	pte_t val = *pte;

	if (val == PTE_HWPOISON)
		return;
	if (((cs->which & PAGE_AD_YOUNG) && arch_pte_young(val)) ||
	    ((cs->which & PAGE_AD_DIRTY) && arch_pte_dirty(val)))
		cs->found++;
	if (cs->which & PAGE_AD_YOUNG)
		val = arch_pte_mkold(val);
	if (cs->which & PAGE_AD_DIRTY)
		val = arch_pte_mkclean(val);
	/* Flush even when the MMU updates the bits: it sets them only
	 * when it loads an entry, and would go on using the cached one.
	 * (Another CPU's MMU may set a bit between the read and the write,
	 * and that bit is lost: harmless while nothing depends on the dirty
	 * bit; an atomic exchange once something does, docs/smp.md.) */
	if (val != *pte) {
		WRITE_ONCE(*pte, val);
		tlb_batch_add(&cs->tlb, va);
	}
}

unsigned long mm_clear_ad(struct mm_struct *mm, unsigned long start,
			  unsigned long end, unsigned int which)
{
	struct clear_ad_state cs = { .which = which };
	unsigned long flags = spin_lock_irqsave(&mm->page_table_lock);

	tlb_batch_init(&cs.tlb, mm);
	pgtable_for_each_pte(mm->pgd, start, end, clear_ad_one, &cs);
	tlb_batch_flush(&cs.tlb);
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	return cs.found;
}

/* A new user root: the kernel's half is shared by copying its root entries
 * (on arm64 the kernel lives in TTBR1 and there is nothing to copy). */
static pte_t *alloc_user_root(unsigned long task_size)
{
	pte_t *root = pgtable_alloc_root();
	int top = PT_LEVELS - 1, i;

	if (!root || !kernel_pgtable)
		return root;
	for (i = 0; i < PT_ENTRIES; i++)
		if ((unsigned long)i * PT_LEVEL_SIZE(top) >= task_size)
			root[i] = kernel_pgtable[i];
	return root;
}

/* The shared zero page, made once at boot (or by the first mm_create on
 * the host), and never freed. */
static bool make_zero_page(void)
{
	void *va;

	if (zero_page)
		return true;
	va = get_zeroed_page();
	if (!va)
		return false;
	zero_page = virt_to_page(va);
	zero_page->flags |= PG_PINNED;	/* get_page/put_page leave it be */
	return true;
}

static const char *ad_update_name(enum ad_update u)
{
	return u == AD_BY_HARDWARE ? "the MMU" :
	       u == AD_BY_FAULT ? "a fault" : "the MMU or a fault";
}

void mm_init(void)
{
	if (!make_zero_page())
		panic("mm_init: out of memory for the zero page");
	printk("mm: accessed bit set by %s, dirty bit by %s\n",
	       ad_update_name(arch_ad_update_young()),
	       ad_update_name(arch_ad_update_dirty()));
}

struct mm_struct *mm_create(unsigned long task_size)
{
	struct mm_struct *mm;

	if (!make_zero_page())
		return NULL;
	mm = kzalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->pgd = alloc_user_root(task_size);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	spin_lock_init(&mm->page_table_lock, "mm->page_table_lock");
	mm->task_size = task_size;
	mm->stack_top = task_size;
	mm->stack_limit = DEFAULT_STACK_LIMIT;
	mm->mmap_base = ALIGN_DOWN(task_size - DEFAULT_STACK_LIMIT -
				   STACK_GUARD_GAP, PAGE_SIZE);
	list_add_tail(&mm->mm_node, &all_mms);
	return mm;
}

struct copy_state {
	struct mm_struct *child;
	struct vm_area_struct *vma;
	bool failed;
	struct tlb_batch tlb;		/* the parent's entries made read-only */
};

static void copy_one(pte_t *pte, unsigned long va, void *arg)
{
	struct copy_state *cs = arg;
	pte_t *dst = cs->failed ? NULL : pgtable_pte(cs->child->pgd, va, true);
	struct page *page = pte_page(*pte);

	if (!dst) {
		cs->failed = true;
		return;
	}
	if (page && page != zero_page) {
		get_page(page);
		mm_rss_inc(cs->child);
	}
	if (*pte == PTE_HWPOISON) {
		*dst = *pte;	/* the child inherits the poison */
		return;
	}
	/* Private and writable: both sides lose write until one writes. */
	if (!(cs->vma->vm_flags & VM_SHARED) && (*pte & PTE_VALID_BIT) &&
	    (arch_pte_prot(*pte, 0) & PGPROT_WRITE))
	{
		WRITE_ONCE(*pte, keep_ad(arch_pte_mk_leaf(arch_pte_addr(*pte),
				   arch_pte_prot(*pte, 0) & ~PGPROT_WRITE, 0),
				   *pte));
		tlb_batch_add(&cs->tlb, va);
	}
	/* The child has not touched anything yet (as Linux: old). */
	*dst = arch_pte_mkold(*pte);
}

struct mm_struct *mm_duplicate(struct mm_struct *old)
{
	struct mm_struct *mm = mm_create(old->task_size);
	struct vm_area_struct *v;
	struct copy_state cs = { mm, NULL, false, { 0 } };
	unsigned long flags;

	if (!mm)
		return NULL;
	/* As Linux's dup_mmap: no fault of the parent's other threads may
	 * come between write-protecting its entries and the flush that makes
	 * every CPU see them so (a copy made meanwhile could miss a write
	 * through a stale writable TLB entry). */
	down_write(&old->mmap_lock);
	tlb_batch_init(&cs.tlb, old);
	mm->mmap_base = old->mmap_base;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->sigpage = old->sigpage;
	mm->stack_top = old->stack_top;
	mm->stack_limit = old->stack_limit;
	for (v = vma_first(old); v && !cs.failed; v = vma_next(v)) {
		/* Memory locks are not inherited (Linux). */
		struct vm_area_struct *c = vma_alloc(mm, v->vm_start, v->vm_end,
						     v->vm_flags & ~VM_LOCKED_MASK,
						     v->vm_pgoff);

		if (!c) {
			cs.failed = true;
			break;
		}
		vma_copy_backing(c, v);
		vma_insert(mm, c);
		cs.vma = v;
		/* The parent's lock, for the walks over every mm; the child's
		 * tables are seen by nobody else yet. */
		flags = spin_lock_irqsave(&old->page_table_lock);
		pgtable_for_each_pte(old->pgd, v->vm_start, v->vm_end,
				     copy_one, &cs);
		spin_unlock_irqrestore(&old->page_table_lock, flags);
	}
	/* The parent's other threads may be writing on other CPUs: once
	 * this returns, none may write a page the child now shares. */
	tlb_batch_flush(&cs.tlb);
	up_write(&old->mmap_lock);
	if (cs.failed) {
		mm_destroy(mm);
		return NULL;
	}
	return mm;
}

void mm_destroy(struct mm_struct *mm)
{
	struct vm_area_struct *v;

	while ((v = vma_first(mm))) {
		zap_page_range(mm, v->vm_start, v->vm_end);
		vma_remove(mm, v);
		vma_free(v);
	}
	mm_drop_from_cpus(mm);
	pgtable_free_user(mm->pgd, mm->task_size);
	list_del(&mm->mm_node);
	kfree(mm);
}

void mmap_unlock_for_wait(struct vm_area_struct *vma)
{
	up_read(&vma->vm_mm->mmap_lock);
}

/*
 * Reaching into every address space, under the big kernel lock and
 * without any mmap lock: VMAs change only under the BKL (include/mm.h) and
 * none of the walks below sleeps, so no VMA tree changes under them; the
 * entries, which faults on other CPUs change meanwhile, are changed under
 * each mm's page_table_lock.
 */
void unmap_object_pages(const struct vm_operations *ops, void *object,
			unsigned long first, unsigned long last)
{
	struct list_head *pos;
	struct vm_area_struct *v;

	list_for_each(pos, &all_mms) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct,
						  mm_node);

		for (v = vma_first(mm); v; v = vma_next(v)) {
			unsigned long n = (v->vm_end - v->vm_start) >>
					  PAGE_SHIFT;
			unsigned long lo = MAX(first, v->vm_pgoff);
			unsigned long hi = MIN(last, v->vm_pgoff + n);

			if (v->vm_ops != ops || v->vm_private != object ||
			    lo >= hi)
				continue;
			/* Private copies go too: beyond a file's end there
			 * is nothing, as on Linux. */
			zap_page_range(mm, v->vm_start +
				       ((lo - v->vm_pgoff) << PAGE_SHIFT),
				       v->vm_start +
				       ((hi - v->vm_pgoff) << PAGE_SHIFT));
		}
	}
}

struct poison_state {
	struct mm_struct *mm;
	struct page *page;
};

static void poison_one(pte_t *pte, unsigned long va, void *arg)
{
	struct poison_state *ps = arg;

	if (pte_page(*pte) != ps->page)
		return;
	set_pte(ps->mm, pte, va, PTE_HWPOISON);
	put_page(ps->page);
	ps->mm->rss--;
}

void unmap_poisoned_page(struct page *page)
{
	struct list_head *pos;
	struct vm_area_struct *v;
	struct poison_state ps = { NULL, page };

	list_for_each(pos, &all_mms) {
		unsigned long flags;

		ps.mm = list_entry(pos, struct mm_struct, mm_node);
		flags = spin_lock_irqsave(&ps.mm->page_table_lock);
		for (v = vma_first(ps.mm); v; v = vma_next(v))
			pgtable_for_each_pte(ps.mm->pgd, v->vm_start,
					     v->vm_end, poison_one, &ps);
		spin_unlock_irqrestore(&ps.mm->page_table_lock, flags);
	}
}
