/*
 * The memory system calls: brk, mmap, munmap, mprotect, madvise, msync,
 * mincore (the mlock family is in mm/mlock.c). Each takes the mmap lock
 * around the mm/mmap.c operation that does the work with Linux semantics;
 * mmap of a file first asks the file what backs the mapping and checks the
 * access against how the file was opened.
 */
#include <syscalls.h>
#include <sched.h>
#include <mm.h>
#include <fs.h>
#include <uaccess.h>
#include <kmalloc.h>
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
	/* The point of MAP_SHARED_VALIDATE: flags this kernel does not
	 * know fail instead of being ignored. */
	if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_LEGACY_MASK))
		return -EOPNOTSUPP;
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
	/* Locked (MAP_LOCKED, or mlockall's MCL_FUTURE) or MAP_POPULATE:
	 * fault everything in now. A failure leaves the mapping as it is
	 * (Linux does not fail the mmap either). */
	if (ret >= 0 && ((flags & MAP_POPULATE) ||
			 (((flags & MAP_LOCKED) || (mm->def_flags & VM_LOCKED)) &&
			  !(mm->def_flags & VM_LOCKONFAULT))))
		populate_range(mm, ret, ret + PAGE_ALIGN(len));
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
		/* Privileged, as on Linux (CAP_SYS_ADMIN). */
		if (!cred_privileged(current))
			return -EPERM;
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

/*
 * msync: file pages live in memory (ramfs) and are the file, so there is
 * nothing to write back; what is left is Linux's checking: flags, an
 * aligned start, ENOMEM for any unmapped page in the range, EBUSY for
 * MS_INVALIDATE of locked memory.
 */
long sys_msync(unsigned long addr, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v;
	unsigned long end;
	long err = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	end = PAGE_ALIGN(addr + len);
	if (end < addr)
		return -ENOMEM;
	down_read(&mm->mmap_lock);
	for (v = find_vma(mm, addr); addr < end; v = vma_next(v)) {
		if (!v) {
			err = -ENOMEM;
			break;
		}
		if (v->vm_start > addr) {
			err = -ENOMEM;	/* a hole; Linux goes on past it */
			if (v->vm_start >= end)
				break;
		}
		if ((flags & MS_INVALIDATE) && (v->vm_flags & VM_LOCKED)) {
			err = -EBUSY;
			break;
		}
		addr = v->vm_end;
	}
	up_read(&mm->mmap_lock);
	return err;
}

/*
 * mincore: one byte per page of [addr, addr + len), 1 where a page is
 * mapped in this address space. (Linux also counts a file's or shared
 * object's pages that are cached but not mapped here; every object page
 * is in memory, but only mapped ones are seen.) EINVAL for an unaligned
 * start, ENOMEM for an unmapped page, EFAULT for the vector.
 */
long sys_mincore(unsigned long addr, size_t len, unsigned long uvec)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, pages, done = 0;
	unsigned char *chunk;
	long err = 0;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	end = PAGE_ALIGN(addr + len);
	if (end < addr || end > mm->task_size)
		return -ENOMEM;
	pages = (end - addr) >> PAGE_SHIFT;
	chunk = kmalloc(PAGE_SIZE);
	if (!chunk)
		return -ENOMEM;
	while (!err && done < pages) {
		unsigned long n = MIN(pages - done, (unsigned long)PAGE_SIZE);
		unsigned long i;

		down_read(&mm->mmap_lock);
		for (i = 0; i < n; i++) {
			unsigned long a = addr + ((done + i) << PAGE_SHIFT);
			struct vm_area_struct *v = find_vma(mm, a);

			if (!v || v->vm_start > a) {
				err = -ENOMEM;
				break;
			}
			chunk[i] = mm_page_ad(mm, a) & PAGE_AD_MAPPED ? 1 : 0;
		}
		up_read(&mm->mmap_lock);
		/* Copied out with no lock held: the vector may fault. */
		if (!err && copy_to_user((void __user *)(uvec + done), chunk, n))
			err = -EFAULT;
		done += n;
	}
	kfree(chunk);
	return err;
}

long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down_write(&mm->mmap_lock);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	up_write(&mm->mmap_lock);
	return ret;
}
