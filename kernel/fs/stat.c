/* Looking at files without reading them: the stat family (in each arch's
 * struct stat layout), access and readlink. */
#include <fs.h>
#include <kmalloc.h>
#include <page.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>

static long blocks_of(struct inode *inode)
{
	unsigned long i, pages = 0;

	if (!S_ISREG(inode->mode) || inode->dev != RAMFS_DEV)
		return 0;
	for (i = 0; i < inode->u.file.nr_slots; i++)
		pages += inode->u.file.pages[i] != NULL;
	return (long)(pages * (PAGE_SIZE / 512));
}

void inode_fill_stat(struct inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = inode->dev;
	st->st_ino = inode->ino;
	st->st_mode = inode->mode;
	st->st_nlink = inode->nlink;
	st->st_uid = inode->uid;
	st->st_gid = inode->gid;
	st->st_rdev = inode->rdev;
	st->st_size = (long)inode->size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = blocks_of(inode);
	st->st_atime = inode->atime.sec;
	st->st_atime_nsec = inode->atime.nsec;
	st->st_mtime = inode->mtime.sec;
	st->st_mtime_nsec = inode->mtime.nsec;
	st->st_ctime = inode->ctime.sec;
	st->st_ctime_nsec = inode->ctime.nsec;
}

static long put_stat(struct inode *inode, unsigned long ubuf)
{
	struct stat st;

	inode_fill_stat(inode, &st);
	return copy_to_user((void __user *)ubuf, &st, sizeof(st)) ?
	       -EFAULT : 0;
}

long sys_fstat(int fd, unsigned long statbuf)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_stat(f->inode, statbuf);
	file_put(f);
	return err;
}

long sys_newfstatat(int dirfd, unsigned long path, unsigned long statbuf,
		    int flags)
{
	struct inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	err = path_lookup_at_flags(dirfd, path, flags, &inode);
	if (err)
		return err;
	err = put_stat(inode, statbuf);
	iput(inode);
	return err;
}

long sys_stat(unsigned long path, unsigned long statbuf)
{
	return sys_newfstatat(AT_FDCWD, path, statbuf, 0);
}

long sys_lstat(unsigned long path, unsigned long statbuf)
{
	return sys_newfstatat(AT_FDCWD, path, statbuf, AT_SYMLINK_NOFOLLOW);
}

/* We run everything as root: only execute permission can be missing. */
long sys_faccessat(int dirfd, unsigned long path, int mode)
{
	struct inode *inode;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	err = path_lookup_at(dirfd, path, 0, LOOKUP_FOLLOW, &inode);
	if (err)
		return err;
	if ((mode & X_OK) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
		err = -EACCES;
	iput(inode);
	return err;
}

long sys_access(unsigned long path, int mode)
{
	return sys_faccessat(AT_FDCWD, path, mode);
}

long sys_readlinkat(int dirfd, unsigned long path, unsigned long buf,
		    size_t size)
{
	struct inode *inode;
	char *kbuf;
	long n;

	if ((long)size <= 0)
		return -EINVAL;
	n = path_lookup_at(dirfd, path, 0, 0, &inode);
	if (n)
		return n;
	if (!S_ISLNK(inode->mode) || !inode->iop || !inode->iop->readlink) {
		iput(inode);
		return -EINVAL;
	}
	kbuf = kmalloc(PATH_MAX);
	if (!kbuf) {
		iput(inode);
		return -ENOMEM;
	}
	n = inode->iop->readlink(inode, kbuf, MIN(size, (size_t)PATH_MAX));
	iput(inode);
	if (n > 0 && copy_to_user((void __user *)buf, kbuf, (size_t)n))
		n = -EFAULT;
	kfree(kbuf);
	return n;
}

long sys_readlink(unsigned long path, unsigned long buf, size_t size)
{
	return sys_readlinkat(AT_FDCWD, path, buf, size);
}
