/* Reading directories: getdents64 packs entries into struct linux_dirent64
 * records; an open directory's position is the file system's cookie. */
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/dirent.h>

#define GETDENTS_MAX_CHUNK (64UL * 1024)

struct dirent_ctx {
	char *buf;
	size_t size, used;
	bool full;		/* an entry did not fit */
};

static bool fill_dirent64(void *arg, const char *name, size_t len, u64 ino,
			  unsigned int dtype, u64 next_pos)
{
	struct dirent_ctx *ctx = arg;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) +
				 len + 1, 8);
	struct linux_dirent64 *d;

	if (ctx->used + reclen > ctx->size) {
		ctx->full = true;
		return false;
	}
	d = (struct linux_dirent64 *)(ctx->buf + ctx->used);
	d->d_ino = ino;
	d->d_off = (long long)next_pos;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = (unsigned char)dtype;
	memcpy(d->d_name, name, len);
	/* NUL and padding: no stale kernel bytes reach user space. */
	memset(d->d_name + len, 0, reclen - offsetof(struct linux_dirent64,
						     d_name) - len);
	ctx->used += reclen;
	return true;
}

long dir_read_entries(struct inode *dir, u64 *pos, char *kbuf, size_t size)
{
	struct dirent_ctx ctx = { kbuf, size, 0, false };
	int err;

	if (!S_ISDIR(dir->mode) || !dir->iop || !dir->iop->readdir)
		return -ENOTDIR;
	err = dir->iop->readdir(dir, pos, fill_dirent64, &ctx);
	if (err)
		return err;
	if (!ctx.used && ctx.full)
		return -EINVAL;		/* not even one record fits */
	return (long)ctx.used;
}

long sys_getdents64(int fd, unsigned long dirp, size_t count)
{
	struct file *f = fget(fd);
	size_t size = MIN(count, GETDENTS_MAX_CHUNK);
	char *kbuf;
	u64 pos;
	long n;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode) || (f->flags & O_PATH)) {
		n = S_ISDIR(f->inode->mode) ? -EBADF : -ENOTDIR;
		file_put(f);
		return n;
	}
	kbuf = kmalloc(size ? size : 1);
	if (!kbuf) {
		file_put(f);
		return -ENOMEM;
	}
	pos = f->pos;
	n = dir_read_entries(f->inode, &pos, kbuf, size);
	if (n > 0) {
		if (copy_to_user((void __user *)dirp, kbuf, (size_t)n))
			n = -EFAULT;
		else
			f->pos = pos;
	}
	kfree(kbuf);
	file_put(f);
	return n;
}

const struct file_operations dir_fops = { 0 };
