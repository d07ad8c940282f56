/* open and close: from a path and flags to an open file in the descriptor
 * table, creating or truncating the file when asked. */
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>

static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') ||
	       (len == 2 && name[0] == '.' && name[1] == '.');
}

/* O_CREAT: find or make the last component in its directory. */
static int open_create(struct inode *base, const char *path, int flags,
		       unsigned int mode, struct inode **out)
{
	struct inode *dir, *inode;
	const char *last;
	size_t len;
	bool must_dir;
	int err = path_parent(base, path, &dir, &last, &len, &must_dir);

	if (err)
		return err;
	if (!len || must_dir || is_dot_or_dotdot(last, len)) {
		err = -EISDIR;
		goto out;
	}
	if (!dir->iop || !dir->iop->lookup) {
		err = -ENOTDIR;
		goto out;
	}
	err = dir->iop->lookup(dir, last, len, &inode);
	if (!err) {
		if (flags & O_EXCL) {
			iput(inode);
			err = -EEXIST;
		} else if (S_ISLNK(inode->mode)) {
			iput(inode);
			err = (flags & O_NOFOLLOW) ? -ELOOP :
			      path_walk(dir, last, LOOKUP_FOLLOW, &inode);
		}
		if (!err && S_ISDIR(inode->mode)) {
			iput(inode);
			err = -EISDIR;
		}
	} else if (err == -ENOENT) {
		if (!dir->iop->mknod)
			err = -EACCES;
		else
			err = dir->iop->mknod(dir, last, len, S_IFREG |
					      (mode & 07777 & ~current_umask()),
					      0, &inode);
	}
	if (!err)
		*out = inode;
out:
	iput(dir);
	return err;
}

/* The heart of open(2) on a kernel path. */
static long do_open(struct inode *base, const char *path, int flags,
		    unsigned int mode, struct file **out)
{
	struct inode *inode;
	unsigned int acc = flags & O_ACCMODE;
	long err;

	if ((flags & __O_TMPFILE) || acc == O_ACCMODE)
		return -EINVAL;
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if (flags & O_CREAT) {
		err = open_create(base, path, flags, mode, &inode);
	} else {
		unsigned int lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = path_walk(base, path, lf, &inode);
	}
	if (err)
		return err;
	if (S_ISLNK(inode->mode) && !(flags & O_PATH))
		err = -ELOOP;		/* O_NOFOLLOW met a symlink */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		err = -ENOTDIR;
	else if (S_ISDIR(inode->mode) && !(flags & O_PATH) &&
		 (acc != O_RDONLY || (flags & O_TRUNC)))
		err = -EISDIR;
	else if ((flags & O_TRUNC) && S_ISREG(inode->mode) &&
		 inode->iop && inode->iop->truncate && inode->size)
		err = inode->iop->truncate(inode, 0);
	if (!err)
		err = file_alloc(inode, (unsigned int)flags | O_LARGEFILE, out);
	iput(inode);
	return err;
}

long file_open(const char *kpath, int flags, unsigned int mode,
	       struct file **out)
{
	struct inode *base = current_cwd();
	long err = do_open(base, kpath, flags, mode, out);

	iput(base);
	return err;
}

long sys_openat(int dirfd, unsigned long upath, int flags, unsigned int mode)
{
	struct inode *base;
	struct file *f;
	char *path;
	long err = getname(upath, &path);

	if (err < 0)
		return err;
	err = at_base(dirfd, path, &base);
	if (!err) {
		err = do_open(base, path, flags, mode, &f);
		iput(base);
	}
	kfree(path);
	if (err)
		return err;
	err = files_install(current->files, f, 0, flags & O_CLOEXEC);
	file_put(f);		/* the table holds its own reference */
	return err;
}

long sys_open(unsigned long path, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

/* x86_64's creat: an open that makes or empties a file for writing. */
long sys_creat(unsigned long path, unsigned int mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(int fd)
{
	return files_close(current->files, fd);
}
