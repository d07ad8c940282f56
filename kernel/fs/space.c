/* Room in file systems and files: statfs and fstatfs (the figures df
 * shows) and fallocate, which reserves room in a file ahead of writes. */
#include <fs.h>
#include <page.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>

/*
 * What statfs says of the file system inode belongs to. ramfs keeps files
 * in the memory everything else uses too, as tmpfs does (and says it is
 * tmpfs, which is what programs know by its figures): its size is the
 * machine's memory, its free room the free memory, and it could make an
 * inode for every free page. /proc, pipes and the nameless files
 * (eventfd, ...) hold nothing. No file system here updates access times.
 */
static void fill_statfs(struct inode *inode, struct statfs *st)
{
	memset(st, 0, sizeof(*st));
	st->f_bsize = PAGE_SIZE;
	st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_fsid[0] = (int)inode->dev;
	st->f_flags = ST_VALID | ST_NOATIME;
	if (inode->sb && inode->sb->ops->statfs) {
		inode->sb->ops->statfs(inode->sb, st);
		st->f_fsid[0] = (int)inode->dev;
	} else if (inode->dev == RAMFS_DEV) {
		st->f_type = TMPFS_MAGIC;
		st->f_blocks = (long)nr_total_pages();
		st->f_bfree = st->f_bavail = (long)nr_free_pages();
		st->f_ffree = st->f_bfree;
		st->f_files = st->f_ffree + (long)nr_inodes;
	} else if (inode->dev == PROCFS_DEV) {
		st->f_type = PROC_SUPER_MAGIC;
	} else if (inode->dev == PIPEFS_DEV) {
		st->f_type = PIPEFS_MAGIC;
	} else {
		st->f_type = ANON_INODE_FS_MAGIC;	/* anon_file.c's */
	}
}

static long put_statfs(struct inode *inode, unsigned long ubuf)
{
	struct statfs st;

	fill_statfs(inode, &st);
	return copy_to_user((void __user *)ubuf, &st, sizeof(st)) ?
	       -EFAULT : 0;
}

long sys_statfs(unsigned long path, unsigned long buf)
{
	struct inode *inode;
	long err = path_lookup_at(AT_FDCWD, path, 0, LOOKUP_FOLLOW, &inode);

	if (err)
		return err;
	err = put_statfs(inode, buf);
	iput(inode);
	return err;
}

/* O_PATH descriptors too, as on Linux. */
long sys_fstatfs(int fd, unsigned long buf)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = put_statfs(f->inode, buf);
	file_put(f);
	return err;
}

/*
 * Linux's checks of a mode, before it looks at the file: the one mode
 * bit (none: allocate) and what may go with it. FALLOC_FL_KEEP_SIZE
 * leaves the size alone; a hole can only be punched keeping the size; a
 * collapse, insert or write of zeros changes it by nature.
 */
static long check_mode(int mode)
{
	const int modes = FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE |
			  FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE |
			  FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_WRITE_ZEROES;

	if (mode & ~(modes | FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	switch (mode & modes) {
	case 0:
	case FALLOC_FL_UNSHARE_RANGE:
	case FALLOC_FL_ZERO_RANGE:
		return 0;
	case FALLOC_FL_PUNCH_HOLE:
		return (mode & FALLOC_FL_KEEP_SIZE) ? 0 : -EOPNOTSUPP;
	case FALLOC_FL_COLLAPSE_RANGE:
	case FALLOC_FL_INSERT_RANGE:
	case FALLOC_FL_WRITE_ZEROES:
		return (mode & FALLOC_FL_KEEP_SIZE) ? -EOPNOTSUPP : 0;
	}
	return -EOPNOTSUPP;	/* two modes at once */
}

/* The checks in Linux's order; then the file system, which may support
 * fewer modes (ramfs: allocating, with or without FALLOC_FL_KEEP_SIZE). */
static long do_fallocate(struct file *f, int mode, long off, long len)
{
	struct inode *inode = f->inode;
	long err, end;

	if (off < 0 || len <= 0)
		return -EINVAL;
	err = check_mode(mode);
	if (err)
		return err;
	if (!file_writable(f))
		return -EBADF;
	if (S_ISFIFO(inode->mode))
		return -ESPIPE;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode) && !S_ISBLK(inode->mode))
		return -ENODEV;
	if (__builtin_add_overflow(off, len, &end))
		return -EFBIG;
	if (!inode->iop || !inode->iop->fallocate)
		return -EOPNOTSUPP;
	return inode->iop->fallocate(inode, mode, (u64)off, (u64)len);
}

long sys_fallocate(int fd, int mode, long off, long len)
{
	struct file *f = fget_no_path(fd);
	long err;

	if (!f)
		return -EBADF;
	err = do_fallocate(f, mode, off, len);
	file_put(f);
	return err;
}
