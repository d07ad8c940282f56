/*
 * Locking memory in: mlock, mlock2, munlock, mlockall, munlockall and
 * MAP_LOCKED, with Linux's flags and errnos.
 *
 * A locked VMA has VM_LOCKED; locking faults every page in at once, as an
 * access would (VM_LOCKONFAULT, from MLOCK_ONFAULT/MCL_ONFAULT, leaves
 * them to be faulted in as touched). Nothing pages out yet, so a locked
 * page and any other resident page stay alike; the flag is what the page
 * reclaimer will honour, what msync(MS_INVALIDATE) refuses (EBUSY) and
 * what /proc shows. Everyone is root, so RLIMIT_MEMLOCK does not limit.
 * Locks are not inherited by fork (mm/memory.c clears them).
 */
#include <syscalls.h>
#include <sched.h>
#include <mm.h>
#include <uapi/mman.h>
#include <uapi/errno.h>

/* Page-aligned [start, end) of a user range, as mlock rounds it. */
static int lock_range(unsigned long addr, size_t len, unsigned long *start,
		      unsigned long *end)
{
	*start = addr & PAGE_MASK;
	*end = PAGE_ALIGN(addr + len);
	return *end < *start ? -ENOMEM : 0;
}

static long apply_lock(unsigned long addr, size_t len, unsigned long set)
{
	struct mm_struct *mm = current->mm;
	unsigned long start, end;
	long err = lock_range(addr, len, &start, &end);

	if (err || start == end)
		return err;
	down_write(&mm->mmap_lock);
	err = do_change_vm_flags(mm, start, end, VM_LOCKED_MASK, set);
	if (!err && set == VM_LOCKED)
		err = populate_range(mm, start, end);
	up_write(&mm->mmap_lock);
	return err;
}

long sys_mlock(unsigned long addr, size_t len)
{
	return apply_lock(addr, len, VM_LOCKED);
}

long sys_mlock2(unsigned long addr, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return apply_lock(addr, len, flags & MLOCK_ONFAULT ?
			  VM_LOCKED | VM_LOCKONFAULT : VM_LOCKED);
}

long sys_munlock(unsigned long addr, size_t len)
{
	return apply_lock(addr, len, 0);
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long set = VM_LOCKED;
	struct vm_area_struct *v;
	long err = 0;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (flags & MCL_ONFAULT)
		set |= VM_LOCKONFAULT;
	down_write(&mm->mmap_lock);
	mm->def_flags = flags & MCL_FUTURE ? set : 0;
	if (flags & MCL_CURRENT) {
		for (v = vma_first(mm); v; v = vma_next(v))
			v->vm_flags = (v->vm_flags & ~VM_LOCKED_MASK) | set;
		/* Linux populates what it can and does not fail mlockall
		 * for PROT_NONE areas. */
		for (v = vma_first(mm); v && !(flags & MCL_ONFAULT);
		     v = vma_next(v))
			if (v->vm_flags & VM_ACCESS_FLAGS)
				populate_range(mm, v->vm_start, v->vm_end);
	}
	up_write(&mm->mmap_lock);
	return err;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v;

	down_write(&mm->mmap_lock);
	mm->def_flags = 0;
	for (v = vma_first(mm); v; v = vma_next(v))
		v->vm_flags &= ~VM_LOCKED_MASK;
	up_write(&mm->mmap_lock);
	return 0;
}
