/* Open files: the reference-counted struct file behind descriptors (and
 * the VMAs mapping them), and the kernel's own way in (exec reads programs
 * through file_open/file_read_at). */
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <uaccess.h>
#include <mm.h>

size_t io_copy_to(struct io_buf b, size_t off, const void *src, size_t n)
{
	if (!b.user) {
		memcpy(b.base + off, src, n);
		return n;
	}
	return n - copy_to_user(b.base + off, src, n);
}

size_t io_copy_from(void *dst, struct io_buf b, size_t off, size_t n)
{
	if (!b.user) {
		memcpy(dst, b.base + off, n);
		return n;
	}
	return n - copy_from_user(dst, b.base + off, n);
}

long file_alloc(struct inode *inode, unsigned int flags, struct file **out)
{
	struct file *f = kzalloc(sizeof(*f));
	long err = 0;

	if (!f)
		return -ENOMEM;
	f->refcount = 1;
	list_init(&f->epoll_items);
	f->flags = flags;	/* open sees them all (the tty: O_NOCTTY) */
	f->inode = inode;
	f->ops = inode->fop;
	iget(inode);
	if (f->ops && f->ops->open && !(flags & O_PATH))
		err = f->ops->open(inode, f);
	/* What F_GETFL reports: the access mode and the status flags. */
	f->flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	if (err) {
		f->ops = NULL;	/* no release for what never opened */
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}

void file_get(struct file *f)
{
	f->refcount++;
}

void file_put(struct file *f)
{
	if (!f)
		return;
	BUG_ON(f->refcount <= 0);
	file_borrowed_forget(f);
	if (--f->refcount > 0)
		return;
	if (!list_empty(&f->epoll_items))
		eventpoll_release(f);
	if (f->ops && f->ops->release && !(f->flags & O_PATH))
		f->ops->release(f);
	iput(f->inode);
	kfree(f);
}

long file_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	if (!file_readable(f))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->ops || !f->ops->read)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	return f->ops->read(f, buf, n, pos);
}

long file_write(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	if (!file_writable(f))
		return -EBADF;
	if (!f->ops || !f->ops->write)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	return f->ops->write(f, buf, n, pos);
}

long file_read_at(struct file *f, void *kbuf, size_t n, u64 off)
{
	struct io_buf b = { kbuf, false };
	size_t done = 0;

	/* Loop: a read may return less than asked (not for ramfs, but for
	 * anything that reads in pieces). */
	while (done < n) {
		u64 pos = off + done;
		long got = file_read(f, (struct io_buf){ b.base + done, false },
				     n - done, &pos);

		if (got < 0)
			return done ? (long)done : got;
		if (!got)
			break;
		done += (size_t)got;
	}
	return (long)done;
}

u64 file_size(struct file *f)
{
	return f->inode->size;
}

bool file_is_executable(struct file *f)
{
	return S_ISREG(f->inode->mode) && (f->inode->mode & 0111);
}

void file_vma_open(struct vm_area_struct *vma)
{
	file_get(vma->vm_file);
}

void file_vma_close(struct vm_area_struct *vma)
{
	file_put(vma->vm_file);
}
