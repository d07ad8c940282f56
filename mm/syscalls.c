/*
 * The memory system calls: brk, mmap, munmap, mprotect, madvise. Each takes
 * the mmap lock for writing around the mm/mmap.c operation that does the
 * work with Linux semantics; mmap of a file first asks the file what backs
 * the mapping and checks the access against how the file was opened.
 */
#include <syscalls.h>
#include <sched.h>
#include <mm.h>
#include <fs.h>
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

/*
 * What backs a mapping of f, in Linux's order of checks: a file without
 * mmap is ENODEV; a shared writable mapping needs a file open for writing
 * and a shared mapping of a read-only file may never become writable; any
 * mapping needs it open for reading (EACCES).
 */
static long file_backing(struct file *f, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 struct vm_backing *b)
{
	unsigned long type = flags & MAP_TYPE;

	if (!len || (type != MAP_SHARED && type != MAP_PRIVATE &&
		     type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (!f->ops || !f->ops->mmap)
		return -ENODEV;
	b->file = f;
	if (type != MAP_PRIVATE && !file_writable(f)) {
		if (prot & PROT_WRITE)
			return -EACCES;
		b->deny = VM_MAYWRITE;
	}
	if (!file_readable(f))
		return -EACCES;
	return f->ops->mmap(f, b);
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, int fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	struct vm_backing b = { 0 };
	struct file *f = NULL;
	long ret;

	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	/* fd is ignored for MAP_ANONYMOUS, as on Linux. */
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget(fd);
		if (!f || (f->flags & O_PATH)) {
			file_put(f);
			return -EBADF;
		}
		ret = file_backing(f, len, prot, flags, &b);
		if (ret) {
			file_put(f);
			return ret;
		}
	}
	down_write(&mm->mmap_lock);
	ret = do_mmap_backed(mm, addr, len, prot, flags, off >> PAGE_SHIFT,
			     f ? &b : NULL);
	up_write(&mm->mmap_lock);
	file_put(f);	/* the VMA holds its own reference */
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
	case MADV_HWPOISON:
		/* Privileged on Linux (CAP_SYS_ADMIN); everyone is root. */
		down_write(&mm->mmap_lock);
		ret = memory_failure_inject(mm, addr, len);
		up_write(&mm->mmap_lock);
		return ret;
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_FREE:
		return 0;	/* hints: nothing to do */
	}
	return -EINVAL;
}
