/* sync, syncfs, fsync and fdatasync: making written data durable. The
 * file systems here live in memory, so there is never anything to wait
 * for; the calls still answer as Linux's do for each kind of file. */
#include <fs.h>
#include <syscalls.h>

long sys_sync(void)
{
	return 0;
}

/* Any open file names its file system, pipes and devices too. */
long sys_syncfs(int fd)
{
	struct file *f = fget_no_path(fd);

	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
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
