/*
 * The memory system calls: brk, mmap, munmap, mprotect, madvise. Each takes
 * the mmap lock for writing around the mm/mmap.c operation that does the
 * work with Linux semantics.
 */
#include <syscalls.h>
#include <sched.h>
#include <mm.h>
#include <uapi/mman.h>
#include <uapi/errno.h>

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_FREE	8

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down_write(&mm->mmap_lock);
	ret = do_brk(mm, brk);
	up_write(&mm->mmap_lock);
	return ret;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, int fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	/* File mappings are not implemented yet: only anonymous memory
	 * (fd is ignored for MAP_ANONYMOUS, as on Linux). */
	if (!(flags & MAP_ANONYMOUS))
		return fd < 0 ? -EBADF : -ENODEV;
	down_write(&mm->mmap_lock);
	ret = do_mmap(mm, addr, len, prot, flags, off >> PAGE_SHIFT);
	up_write(&mm->mmap_lock);
	return ret;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down_write(&mm->mmap_lock);
	ret = do_munmap(mm, addr, len);
	up_write(&mm->mmap_lock);
	return ret;
}

long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down_write(&mm->mmap_lock);
	ret = do_mprotect(mm, addr, len, prot);
	up_write(&mm->mmap_lock);
	return ret;
}

long sys_madvise(unsigned long addr, unsigned long len, int advice)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	switch (advice) {
	case MADV_DONTNEED:
		down_write(&mm->mmap_lock);
		ret = do_madvise_dontneed(mm, addr, len);
		up_write(&mm->mmap_lock);
		return ret;
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_FREE:
		return 0;	/* hints: nothing to do */
	}
	return -EINVAL;
}
