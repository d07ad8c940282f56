/*
 * mmap, munmap, mprotect, brk and madvise(MADV_DONTNEED), with Linux's
 * semantics and errno values, for anonymous memory and for mappings of a
 * backing object (a file's mmap says which). Nothing here touches a page:
 * mmap only records a VMA, and pages arrive through handle_mm_fault().
 * Callers hold mm->mmap_lock for writing.
 */
#include <mm.h>
#include <kmalloc.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/* Lowest address mmap hands out or accepts (Linux's vm.mmap_min_addr). */
#define MMAP_MIN_ADDR 0x10000UL

static unsigned long prot_to_vm_flags(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Is [start, end) free of VMAs? */
static bool range_is_free(struct mm_struct *mm, unsigned long start,
			  unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	return !v || v->vm_start >= end;
}

/* The lowest address a mapping may end at below v: a growing stack keeps
 * a guard gap beneath it. */
static unsigned long usable_end_below(struct vm_area_struct *v)
{
	unsigned long end = v->vm_start;

	if (v->vm_flags & VM_GROWSDOWN)
		end = end > STACK_GUARD_GAP ? end - STACK_GUARD_GAP : 0;
	return end;
}

/* A hint may not end inside the guard gap below a growing stack. */
static bool hint_keeps_guard_gap(struct mm_struct *mm, unsigned long end)
{
	struct vm_area_struct *next = find_vma(mm, end);

	return !next || end <= usable_end_below(next);
}

/* Top-down search below mmap_base for a free gap of len bytes. */
static long find_free_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long end = mm->mmap_base;
	struct vm_area_struct *v = find_vma(mm, end);

	/* A VMA reaching up across mmap_base limits the search too; then walk
	 * downward from the last VMA below it. */
	if (v) {
		end = MIN(end, usable_end_below(v));
		v = vma_prev(v);
	} else {
		v = vma_last(mm);
	}
	for (; v; v = vma_prev(v)) {
		if (v->vm_end <= end && end - v->vm_end >= len)
			return end - len;
		end = MIN(end, usable_end_below(v));
	}
	if (end >= MMAP_MIN_ADDR + len)
		return end - len;
	return -ENOMEM;
}

/* A new VMA takes its object from b (and a reference to it), or, shared
 * and anonymous, a new shared object of its own. */
static int attach_backing(struct vm_area_struct *vma,
			  const struct vm_backing *b)
{
	if (b && b->ops) {
		struct vm_area_struct src = {
			.vm_ops = b->ops, .vm_private = b->private,
			.vm_file = b->file,
		};

		vma_copy_backing(vma, &src);
		return 0;
	}
	if (vma->vm_flags & VM_SHARED)
		return anon_shared_attach(vma);
	return 0;
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	return do_mmap_backed(mm, addr, len, prot, flags, pgoff, NULL);
}

/*
 * Heuristic overcommit, as Linux's default (vm.overcommit_memory = 0,
 * OVERCOMMIT_GUESS): memory a mapping commits to (private and writable:
 * every page may need a frame of its own) is refused when it could never
 * be backed, more pages than the machine has RAM (there is no swap). Less
 * than that is allowed even when it is not free now: the fault path and
 * the OOM killer settle what is actually touched.
 */
static bool commit_fits(unsigned long len)
{
	return (len >> PAGE_SHIFT) <= nr_total_pages();
}

static bool commits_memory(unsigned long vm_flags)
{
	return (vm_flags & VM_WRITE) &&
	       !(vm_flags & (VM_SHARED | VM_NORESERVE));
}

long do_mmap_backed(struct mm_struct *mm, unsigned long addr,
		    unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long pgoff, const struct vm_backing *b)
{
	unsigned long type = flags & MAP_TYPE, vm_flags;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	struct vm_area_struct *vma;
	long start;

	if (!len || (fixed && (addr & ~PAGE_MASK)))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE &&
	    type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	/* MAP_SHARED_VALIDATE is for files only (their flags are checked
	 * in sys_mmap); Linux refuses it for anonymous memory. */
	if (type == MAP_SHARED_VALIDATE && !b)
		return -EINVAL;
	/* A shared stack has no offset to grow into (Linux says EINVAL). */
	if (type != MAP_PRIVATE && (flags & MAP_GROWSDOWN))
		return -EINVAL;
	if (!b && !(flags & MAP_ANONYMOUS))
		return -ENODEV;	/* a file mapping needs its file's backing */
	len = PAGE_ALIGN(len);
	if (!len || len > mm->task_size)
		return -ENOMEM;
	if (b && b->ops && pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;

	vm_flags = prot_to_vm_flags(prot) | VM_MAYREAD | VM_MAYWRITE |
		   VM_MAYEXEC;
	if (b)
		vm_flags &= ~b->deny;
	if (vm_flags & VM_ACCESS_FLAGS & ~(vm_flags >> 4))
		return -EACCES;	/* more than the object allows */
	if (type != MAP_PRIVATE)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	vm_flags |= mm->def_flags;
	/* Shared anonymous memory commits too (Linux accounts shmem). */
	if ((commits_memory(vm_flags) ||
	     ((vm_flags & VM_SHARED) && !b && (vm_flags & VM_WRITE) &&
	      !(vm_flags & VM_NORESERVE))) && !commit_fits(len))
		return -ENOMEM;

	if (fixed) {
		if (addr + len > mm->task_size || addr + len < addr)
			return -ENOMEM;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if (!range_is_free(mm, addr, addr + len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			if (do_munmap(mm, addr, len))
				return -ENOMEM;
		}
		start = addr;
	} else {
		addr = PAGE_ALIGN(addr);
		if (addr >= MMAP_MIN_ADDR && addr + len <= mm->task_size &&
		    addr + len > addr && range_is_free(mm, addr, addr + len) &&
		    hint_keeps_guard_gap(mm, addr + len))
			start = addr;	/* the hint is free: take it */
		else
			start = find_free_area(mm, len);
		if (start < 0)
			return start;
	}

	vma = vma_alloc(mm, start, start + len, vm_flags, pgoff);
	if (!vma)
		return -ENOMEM;
	if (attach_backing(vma, b)) {
		vma_free(vma);
		return -ENOMEM;
	}
	vma_insert(mm, vma);
	vma_try_merge(mm, vma);
	return start;
}

/* Split so that no VMA straddles start or end; returns 0 or -ENOMEM. */
static int split_at_edges(struct mm_struct *mm, unsigned long start,
			  unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	if (v && v->vm_start < start && vma_split(v, start))
		return -ENOMEM;
	v = find_vma(mm, end);
	if (v && v->vm_start < end && vma_split(v, end))
		return -ENOMEM;
	return 0;
}

/* Is every page of [start, end) in some VMA? */
static bool range_is_mapped(struct mm_struct *mm, unsigned long start,
			    unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	if (!v || v->vm_start > start)
		return false;
	while (v->vm_end < end) {
		struct vm_area_struct *next = vma_next(v);

		if (!next || next->vm_start != v->vm_end)
			return false;
		v = next;
	}
	return true;
}

int do_change_vm_flags(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned long clear,
		       unsigned long set)
{
	struct vm_area_struct *v;

	if (!range_is_mapped(mm, start, end))
		return -ENOMEM;
	if (split_at_edges(mm, start, end))
		return -ENOMEM;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = vma_next(v))
		v->vm_flags = (v->vm_flags & ~clear) | set;
	vma_merge_range(mm, start, end);
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long end, flags;
	struct vm_area_struct *v;

	if ((addr & ~PAGE_MASK) || !len)
		return -EINVAL;
	end = addr + PAGE_ALIGN(len);
	if (end > mm->task_size || end <= addr)
		return -EINVAL;
	if (range_is_free(mm, addr, end))
		return 0;
	if (split_at_edges(mm, addr, end))
		return -ENOMEM;
	while ((v = find_vma(mm, addr)) && v->vm_start < end) {
		zap_page_range(mm, v->vm_start, v->vm_end);
		vma_remove(mm, v);
		vma_free(v);
	}
	/* A process that maps and unmaps for a long time must not collect
	 * empty page tables. */
	flags = spin_lock_irqsave(&mm->page_table_lock);
	pgtable_free_empty(mm->pgd, addr, end);
	spin_unlock_irqrestore(&mm->page_table_lock, flags);
	return 0;
}

/*
 * Like Linux, mprotect works through the range in order and stops with
 * ENOMEM at the first hole, leaving the VMAs before it changed.
 */
int do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long prot)
{
	unsigned long end, vm_access = prot_to_vm_flags(prot);
	unsigned long newly_committed = 0;
	struct vm_area_struct *v;
	int err = 0;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC |
				    PROT_SEM))
		return -EINVAL;	/* PROT_GROWSDOWN/UP are not supported */
	if (!len)
		return 0;
	end = addr + PAGE_ALIGN(len);
	if (end <= addr)
		return -ENOMEM;
	v = find_vma(mm, addr);
	if (!v || v->vm_start > addr)
		return -ENOMEM;
	for (v = find_vma(mm, addr); v && v->vm_start < end; v = vma_next(v)) {
		if (vm_access & ~(v->vm_flags >> 4) & VM_ACCESS_FLAGS)
			return -EACCES;	/* beyond what the mapping may allow */
		/* Made writable, a private mapping commits memory now. */
		if (!commits_memory(v->vm_flags) &&
		    commits_memory((v->vm_flags & ~VM_ACCESS_FLAGS) |
				   vm_access))
			newly_committed += MIN(end, v->vm_end) -
					   MAX(addr, v->vm_start);
	}
	if (!commit_fits(newly_committed))
		return -ENOMEM;
	if (split_at_edges(mm, addr, end))
		return -ENOMEM;

	for (v = find_vma(mm, addr); v && v->vm_start < end; v = vma_next(v)) {
		struct vm_area_struct *next = vma_next(v);

		v->vm_flags = (v->vm_flags & ~VM_ACCESS_FLAGS) | vm_access;
		change_protection(v, v->vm_start, v->vm_end);
		if (v->vm_end < end && (!next || next->vm_start != v->vm_end)) {
			err = -ENOMEM;
			break;
		}
	}
	/* Merge only now: merging while walking would free what we walk. */
	vma_merge_range(mm, addr, end);
	return err;
}

/*
 * brk returns the new break on success and the old one on failure, which is
 * how user space tells them apart (Linux's convention).
 */
unsigned long do_brk(struct mm_struct *mm, unsigned long new_brk)
{
	unsigned long old_end = PAGE_ALIGN(mm->brk);
	unsigned long new_end = PAGE_ALIGN(new_brk);
	struct vm_area_struct *vma, *next;

	if (new_brk < mm->start_brk || new_brk > mm->task_size)
		return mm->brk;
	if (new_end < old_end) {
		if (do_munmap(mm, new_end, old_end - new_end))
			return mm->brk;
	} else if (new_end > old_end) {
		if (!commit_fits(new_end - old_end))
			return mm->brk;
		next = find_vma(mm, old_end);
		if (next && new_end > usable_end_below(next))
			return mm->brk;
		vma = vma_alloc(mm, old_end, new_end,
				VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE |
				VM_MAYEXEC, 0);
		if (!vma)
			return mm->brk;
		vma_insert(mm, vma);
		vma_try_merge(mm, vma);
	}
	mm->brk = new_brk;
	return new_brk;
}

int do_madvise_dontneed(struct mm_struct *mm, unsigned long addr,
			unsigned long len)
{
	unsigned long end;
	struct vm_area_struct *v;
	int err = 0;

	if ((addr & ~PAGE_MASK) || (len && !PAGE_ALIGN(len)))
		return -EINVAL;
	end = addr + PAGE_ALIGN(len);
	if (end < addr)
		return -EINVAL;
	for (v = find_vma(mm, addr); addr < end; v = vma_next(v)) {
		if (!v || v->vm_start >= end)
			return -ENOMEM;	/* the rest is unmapped */
		if (v->vm_start > addr)
			err = -ENOMEM;	/* a hole; Linux still does the rest */
		zap_page_range(mm, MAX(addr, v->vm_start), MIN(end, v->vm_end));
		addr = v->vm_end;
	}
	return err;
}

/* Grow a VM_GROWSDOWN VMA down to cover addr, within the stack limit and
 * keeping the guard gap above the mapping below. */
int expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long start = addr & PAGE_MASK;
	struct vm_area_struct *prev = vma_prev(vma);

	if (!(vma->vm_flags & VM_GROWSDOWN) || (vma->vm_flags & VM_SHARED) ||
	    start >= vma->vm_start)
		return -EFAULT;
	if (vma->vm_end - start > vma->vm_mm->stack_limit)
		return -ENOMEM;
	if (prev && (prev->vm_end > start ||
		     start - prev->vm_end < STACK_GUARD_GAP))
		return -ENOMEM;
	if (start < MMAP_MIN_ADDR)
		return -ENOMEM;
	/* The tree stays ordered: nothing lies between prev and vma. */
	vma->vm_start = start;
	return 0;
}

/*
 * Map one kernel-provided page (the sigreturn trampoline) read-only into
 * mm at an address of mmap's choosing: a shared VMA whose object holds
 * that page, never writable (no VM_MAYWRITE), inherited by fork like any
 * shared mapping. Returns the address or -errno.
 */
long install_special_page(struct mm_struct *mm, struct page *page,
			  unsigned long prot)
{
	long addr = do_mmap(mm, 0, PAGE_SIZE, prot & ~PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, 0);
	struct vm_area_struct *vma;

	if (addr < 0)
		return addr;
	vma = find_vma(mm, addr);
	vma->vm_flags &= ~(VM_WRITE | VM_MAYWRITE);
	anon_shared_set_page(vma, 0, page);
	return addr;
}

/* ---- mremap ---- */

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* Does growing v by delta bytes need memory that can never fit? */
static bool growth_fits(struct vm_area_struct *v, unsigned long delta)
{
	return !commits_memory(v->vm_flags) || commit_fits(delta);
}

/*
 * Move [addr, addr + old_len), all inside v, to a new VMA at
 * [new_addr, new_addr + new_len) (free, not overlapping): the pages go
 * with it, so the memory keeps its contents at the new address. The old
 * range is unmapped, or with dontunmap left mapped and empty.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *v,
		     unsigned long addr, unsigned long old_len,
		     unsigned long new_addr, unsigned long new_len,
		     bool dontunmap)
{
	unsigned long moved = MIN(old_len, new_len);
	struct vm_area_struct *n;

	if (new_len > old_len && !growth_fits(v, new_len - old_len))
		return -ENOMEM;
	n = vma_alloc(mm, new_addr, new_addr + new_len, v->vm_flags,
		      v->vm_pgoff + ((addr - v->vm_start) >> PAGE_SHIFT));
	if (!n)
		return -ENOMEM;
	vma_copy_backing(n, v);
	if (move_page_range(mm, addr, addr + moved, new_addr)) {
		vma_free(n);
		return -ENOMEM;
	}
	vma_insert(mm, n);
	if (!dontunmap)
		do_munmap(mm, addr, old_len);
	if ((n->vm_flags & VM_LOCKED) && !(n->vm_flags & VM_LOCKONFAULT))
		populate_range(mm, new_addr + moved, new_addr + new_len);
	vma_try_merge(mm, n);
	return (long)new_addr;
}

long do_mremap(struct mm_struct *mm, unsigned long addr,
	       unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr)
{
	bool may_move = flags & MREMAP_MAYMOVE, move;
	struct vm_area_struct *v;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !may_move)
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		if (new_addr & ~PAGE_MASK)
			return -EINVAL;
		if (new_addr + new_len > mm->task_size ||
		    new_addr + new_len < new_addr || new_addr < MMAP_MIN_ADDR)
			return -EINVAL;
		/* The two ranges may not overlap. */
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return -EINVAL;
	}

	/* FIXED and DONTUNMAP always move; otherwise shrinking is done in
	 * place and growing moves only if it must. */
	move = flags & (MREMAP_FIXED | MREMAP_DONTUNMAP);
	if (move) {
		if ((flags & MREMAP_FIXED) && do_munmap(mm, new_addr, new_len))
			return -ENOMEM;
		if (old_len > new_len) {
			do_munmap(mm, addr + new_len, old_len - new_len);
			old_len = new_len;
		}
	} else if (old_len >= new_len) {
		/* Shrinking is unmapping the tail, whatever is there, as
		 * munmap would: Linux looks at no VMA for it. */
		if (old_len > new_len)
			do_munmap(mm, addr + new_len, old_len - new_len);
		return (long)addr;
	}

	v = find_vma(mm, addr);
	if (!v || v->vm_start > addr)
		return -EFAULT;
	/* old_len 0 asks for a second mapping of shared memory; private
	 * memory has nothing to share (Linux). */
	if (!old_len && !(v->vm_flags & VM_SHARED))
		return -EINVAL;
	if (old_len > v->vm_end - addr)
		return -EFAULT;
	if (old_len && split_at_edges(mm, addr, addr + old_len))
		return -ENOMEM;
	v = find_vma(mm, addr);
	if (move && !(flags & MREMAP_FIXED)) {
		new_addr = find_free_area(mm, new_len);
		if ((long)new_addr < 0)
			return (long)new_addr;
	}
	if (move)
		return move_vma(mm, v, addr, old_len, new_addr, new_len,
				flags & MREMAP_DONTUNMAP);
	/* Grow in place when the range ends the VMA and the space after it
	 * is free. */
	if (old_len && addr + old_len == v->vm_end &&
	    addr + new_len <= mm->task_size && addr + new_len > addr &&
	    range_is_free(mm, v->vm_end, addr + new_len) &&
	    hint_keeps_guard_gap(mm, addr + new_len)) {
		unsigned long old_end = v->vm_end;

		if (!growth_fits(v, new_len - old_len))
			return -ENOMEM;
		v->vm_end = addr + new_len;
		if ((v->vm_flags & VM_LOCKED) &&
		    !(v->vm_flags & VM_LOCKONFAULT))
			populate_range(mm, old_end, v->vm_end);
		vma_try_merge(mm, v);
		return (long)addr;
	}
	if (!may_move)
		return -ENOMEM;
	new_addr = find_free_area(mm, new_len);
	if ((long)new_addr < 0)
		return (long)new_addr;
	return move_vma(mm, v, addr, old_len, new_addr, new_len,
			flags & MREMAP_DONTUNMAP);
}
