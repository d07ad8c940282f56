/* The data syscalls: read, write, their vector and positioned forms, lseek
 * and ftruncate. Each takes the open file by reference for its duration, so
 * a close by another thread cannot pull it away mid-copy. */
#include <block.h>
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/uio.h>

#define SSIZE_MAX 0x7fffffffffffffffL

static long rw_one(int fd, unsigned long ubuf, size_t count, bool write,
		   long off)
{
	struct io_buf buf = { (char *)ubuf, true };
	struct file *f = fget(fd);
	u64 pos;
	long ret;

	if (!f)
		return -EBADF;
	if (off >= 0 && f->ops && f->ops->stream) {
		ret = -ESPIPE;
		goto out;
	}
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (count && !access_ok((void __user *)ubuf, count)) {
		/* Still report a wrong fd/mode first, as Linux does. */
		ret = write ? (file_writable(f) ? -EFAULT : -EBADF) :
			      (file_readable(f) ? -EFAULT : -EBADF);
		goto out;
	}
	pos = off >= 0 ? (u64)off : f->pos;
	ret = write ? file_write(f, buf, count, &pos) :
		      file_read(f, buf, count, &pos);
	if (off < 0)
		f->pos = pos;
out:
	file_put(f);
	return ret;
}

long sys_read(int fd, unsigned long buf, size_t count)
{
	return rw_one(fd, buf, count, false, -1);
}

long sys_write(int fd, unsigned long buf, size_t count)
{
	return rw_one(fd, buf, count, true, -1);
}

long sys_pread64(int fd, unsigned long buf, size_t count, long off)
{
	if (off < 0)
		return -EINVAL;
	return rw_one(fd, buf, count, false, off);
}

long sys_pwrite64(int fd, unsigned long buf, size_t count, long off)
{
	if (off < 0)
		return -EINVAL;
	return rw_one(fd, buf, count, true, off);
}

static long rw_vec(int fd, unsigned long uiov, int iovcnt, bool write)
{
	struct iovec *iov;
	struct file *f;
	size_t total = 0;
	long ret = 0, done = 0;
	int i;

	if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!(write ? file_writable(f) : file_readable(f))) {
		file_put(f);
		return -EBADF;
	}
	if (!iovcnt) {
		file_put(f);
		return 0;
	}
	iov = kmalloc((size_t)iovcnt * sizeof(*iov));
	if (!iov) {
		file_put(f);
		return -ENOMEM;
	}
	if (copy_from_user(iov, (const void __user *)uiov,
			   (size_t)iovcnt * sizeof(*iov))) {
		ret = -EFAULT;
		goto out;
	}
	for (i = 0; i < iovcnt; i++) {
		if ((long)iov[i].iov_len < 0 ||
		    iov[i].iov_len > (unsigned long)SSIZE_MAX - total) {
			ret = -EINVAL;
			goto out;
		}
		total += iov[i].iov_len;
		if (iov[i].iov_len &&
		    !access_ok(iov[i].iov_base, iov[i].iov_len)) {
			ret = -EFAULT;
			goto out;
		}
	}
	for (i = 0; i < iovcnt && (size_t)done < MAX_RW_COUNT; i++) {
		struct io_buf buf = { iov[i].iov_base, true };
		size_t n = MIN(iov[i].iov_len, MAX_RW_COUNT - (size_t)done);
		u64 pos = f->pos;

		if (!n)
			continue;
		ret = write ? file_write(f, buf, n, &pos) :
			      file_read(f, buf, n, &pos);
		f->pos = pos;
		if (ret < 0)
			break;
		done += ret;
		if ((size_t)ret < n)
			break;
	}
	if (done)
		ret = done;
out:
	kfree(iov);
	file_put(f);
	return ret;
}

long sys_readv(int fd, unsigned long iov, int iovcnt)
{
	return rw_vec(fd, iov, iovcnt, false);
}

long sys_writev(int fd, unsigned long iov, int iovcnt)
{
	return rw_vec(fd, iov, iovcnt, true);
}

/* Where SEEK_END counts from: a disk's capacity, else the size. */
static u64 file_end(const struct inode *inode)
{
	return S_ISBLK(inode->mode) ? block_device_bytes(inode->rdev)
				    : inode->size;
}

long sys_lseek(int fd, long off, int whence)
{
	struct file *f = fget(fd);
	struct inode *inode;
	long base, ret;

	if (!f)
		return -EBADF;
	inode = f->inode;
	if (f->ops && f->ops->stream) {
		ret = -ESPIPE;
		goto out;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (long)f->pos;
		break;
	case SEEK_END:
	case SEEK_DATA:
	case SEEK_HOLE:
		if (S_ISDIR(inode->mode)) {
			ret = -EINVAL;
			goto out;
		}
		base = whence == SEEK_END ? (long)file_end(inode) : 0;
		break;
	default:
		ret = -EINVAL;
		goto out;
	}
	if (whence == SEEK_DATA || whence == SEEK_HOLE) {
		/* No holes reported: the data is everything below size. */
		if (off < 0 || (u64)off >= inode->size) {
			ret = -ENXIO;
			goto out;
		}
		ret = whence == SEEK_DATA ? off : (long)inode->size;
	} else if ((off > 0 && base > SSIZE_MAX - off) ||
		   base + off < 0) {
		ret = -EINVAL;
		goto out;
	} else {
		ret = base + off;
	}
	f->pos = (u64)ret;
out:
	file_put(f);
	return ret;
}

long sys_ftruncate(int fd, long length)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (length < 0 || !S_ISREG(f->inode->mode) || !file_writable(f) ||
	    !f->inode->iop || !f->inode->iop->truncate)
		ret = -EINVAL;
	else
		ret = f->inode->iop->truncate(f->inode, (u64)length);
	file_put(f);
	return ret;
}
