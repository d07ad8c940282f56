/* Changing the name space: mkdir, symlink, unlink and rmdir (and their *at
 * forms), with Linux's answers for ".", "..", "/" and trailing slashes. */
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>

static bool is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static bool is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/* Resolve a user path's parent for a name space change and run op on it. */
typedef long (*dirop_t)(struct inode *dir, const char *name, size_t len,
			bool must_dir, unsigned long arg);

static long with_parent(int dirfd, unsigned long upath, dirop_t op,
			unsigned long arg)
{
	struct inode *base, *dir;
	const char *last;
	size_t len;
	bool must_dir;
	char *path;
	long err = getname(upath, &path);

	if (err < 0)
		return err;
	err = at_base(dirfd, path, &base);
	if (!err) {
		err = path_parent(base, path, &dir, &last, &len, &must_dir);
		iput(base);
	}
	if (!err) {
		err = op(dir, last, len, must_dir, arg);
		iput(dir);
	}
	kfree(path);
	return err;
}

static long mkdir_op(struct inode *dir, const char *name, size_t len,
		     bool must_dir, unsigned long mode)
{
	(void)must_dir;
	if (!len || is_dot(name, len) || is_dotdot(name, len))
		return -EEXIST;
	if (!dir->iop || !dir->iop->mkdir) {
		struct inode *old;

		if (dir->iop && dir->iop->lookup &&
		    !dir->iop->lookup(dir, name, len, &old)) {
			iput(old);
			return -EEXIST;
		}
		return -EPERM;
	}
	return dir->iop->mkdir(dir, name, len, (unsigned int)mode &
			       ~current_umask() & 07777);
}

long sys_mkdirat(int dirfd, unsigned long path, unsigned int mode)
{
	return with_parent(dirfd, path, mkdir_op, mode);
}

long sys_mkdir(unsigned long path, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

static long symlink_op(struct inode *dir, const char *name, size_t len,
		       bool must_dir, unsigned long target)
{
	struct inode *old;

	if (!len || is_dot(name, len) || is_dotdot(name, len))
		return -EEXIST;
	if (dir->iop && dir->iop->lookup &&
	    !dir->iop->lookup(dir, name, len, &old)) {
		iput(old);
		return -EEXIST;
	}
	if (must_dir)
		return -ENOENT;		/* "newlink/": no such directory */
	if (!dir->iop || !dir->iop->symlink)
		return -EPERM;
	return dir->iop->symlink(dir, name, len, (const char *)target);
}

long sys_symlinkat(unsigned long utarget, int dirfd, unsigned long path)
{
	char *target;
	long err = getname(utarget, &target);

	if (err < 0)
		return err;
	err = target[0] ? with_parent(dirfd, path, symlink_op,
				      (unsigned long)target) : -ENOENT;
	kfree(target);
	return err;
}

long sys_symlink(unsigned long target, unsigned long path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

static long unlink_op(struct inode *dir, const char *name, size_t len,
		      bool must_dir, unsigned long unused)
{
	struct inode *inode;
	long err;

	(void)unused;
	if (!len || is_dot(name, len) || is_dotdot(name, len))
		return -EISDIR;
	if (!dir->iop || !dir->iop->lookup)
		return -ENOTDIR;
	err = dir->iop->lookup(dir, name, len, &inode);
	if (err)
		return err;
	if (S_ISDIR(inode->mode))
		err = -EISDIR;
	else if (must_dir)
		err = -ENOTDIR;
	else if (!dir->iop->unlink)
		err = -EPERM;
	iput(inode);
	return err ? err : dir->iop->unlink(dir, name, len);
}

static long rmdir_op(struct inode *dir, const char *name, size_t len,
		     bool must_dir, unsigned long unused)
{
	(void)must_dir;
	(void)unused;
	if (!len)
		return -EBUSY;
	if (is_dot(name, len))
		return -EINVAL;
	if (is_dotdot(name, len))
		return -ENOTEMPTY;
	if (!dir->iop || !dir->iop->rmdir) {
		struct inode *inode;

		if (!dir->iop || !dir->iop->lookup)
			return -ENOTDIR;
		bool isdir;

		if (dir->iop->lookup(dir, name, len, &inode))
			return -ENOENT;
		isdir = S_ISDIR(inode->mode);
		iput(inode);
		return isdir ? -EPERM : -ENOTDIR;
	}
	return dir->iop->rmdir(dir, name, len);
}

long sys_unlinkat(int dirfd, unsigned long path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return with_parent(dirfd, path, (flags & AT_REMOVEDIR) ? rmdir_op :
			   unlink_op, 0);
}

long sys_unlink(unsigned long path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(unsigned long path)
{
	return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}
