/* sync, syncfs, fsync and fdatasync: making written data durable. ramfs
 * and /proc live in memory and have nothing to wait for; a mounted disk
 * file system (ext2) writes back through its own sync (kernel/fs/mount.c
 * visits every mount for sync(2)). The calls answer as Linux's do for
 * each kind of file. */
#include <fs.h>
#include <syscalls.h>

long sys_sync(void)
{
	mounts_sync();		/* sync(2) reports nothing, as on Linux */
	return 0;
}

/* Any open file names its file system, pipes and devices too. */
long sys_syncfs(int fd)
{
	struct file *f = fget_no_path(fd);

	long err = 0;

	if (!f)
		return -EBADF;
	if (f->inode->sb && f->inode->sb->ops->sync)
		err = f->inode->sb->ops->sync(f->inode->sb);
	file_put(f);
	return err;
}

/* The file's own fsync says what a sync means for it; without one (pipes,
 * FIFOs, most devices, /proc) the file cannot be synced: EINVAL. */
static long do_fsync(int fd, bool datasync)
{
	struct file *f = fget_no_path(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->ops && f->ops->fsync ? f->ops->fsync(f, datasync) : -EINVAL;
	file_put(f);
	return err;
}

long sys_fsync(int fd)
{
	return do_fsync(fd, false);
}

long sys_fdatasync(int fd)
{
	return do_fsync(fd, true);
}
