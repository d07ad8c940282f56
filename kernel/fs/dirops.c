/* Changing the name space: mkdir, mknod, symlink, link, unlink and rmdir
 * (and their *at forms), with Linux's answers for ".", "..", "/" and
 * trailing slashes. rename has a file of its own (rename.c). */
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

/*
 * A new name that is not a directory (symlink, link, mknod): whatever is
 * there already, even a dangling symlink, is EEXIST, and "." and ".."
 * always exist; a trailing slash asks for a directory that is not there
 * (ENOENT).
 */
static long check_new_name(struct inode *dir, const char *name, size_t len,
			   bool must_dir)
{
	struct inode *old;

	if (!len || is_dot(name, len) || is_dotdot(name, len))
		return -EEXIST;
	if (dir->iop && dir->iop->lookup &&
	    !dir->iop->lookup(dir, name, len, &old)) {
		iput(old);
		return -EEXIST;
	}
	return must_dir ? -ENOENT : 0;
}

static long symlink_op(struct inode *dir, const char *name, size_t len,
		       bool must_dir, unsigned long target)
{
	long err = check_new_name(dir, name, len, must_dir);

	if (err)
		return err;
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

/* A hard link: a second entry for the same inode. Directories have one
 * name each (EPERM); an inode without names cannot get one back (ENOENT);
 * names cannot point into another file system (EXDEV). */
static long link_op(struct inode *dir, const char *name, size_t len,
		    bool must_dir, unsigned long arg)
{
	struct inode *inode = (struct inode *)arg;
	long err = check_new_name(dir, name, len, must_dir);

	if (err)
		return err;
	if (inode->dev != dir->dev)
		return -EXDEV;
	if (!dir->iop || !dir->iop->link || S_ISDIR(inode->mode))
		return -EPERM;
	if (!inode->nlink)
		return -ENOENT;
	return dir->iop->link(dir, name, len, inode);
}

long sys_linkat(int olddirfd, unsigned long oldpath, int newdirfd,
		unsigned long newpath, int flags)
{
	struct inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* Without AT_SYMLINK_FOLLOW a symlink gets the new name itself. */
	err = path_lookup_at(olddirfd, oldpath, flags & AT_EMPTY_PATH,
			     (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0,
			     &inode);
	if (err)
		return err;
	err = with_parent(newdirfd, newpath, link_op, (unsigned long)inode);
	iput(inode);
	return err;
}

long sys_link(unsigned long oldpath, unsigned long newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

struct mknod_args {
	unsigned int mode;
	u32 rdev;
};

static long mknod_op(struct inode *dir, const char *name, size_t len,
		     bool must_dir, unsigned long arg)
{
	struct mknod_args *a = (struct mknod_args *)arg;
	long err = check_new_name(dir, name, len, must_dir);

	if (err)
		return err;
	if (!dir->iop || !dir->iop->mknod)
		return -EPERM;
	return dir->iop->mknod(dir, name, len,
			       (a->mode & S_IFMT) |
			       (a->mode & 07777 & ~current_umask()),
			       a->rdev, NULL);
}

/* Regular files, FIFOs, device nodes and sockets; the type is checked
 * before the path is even read, as on Linux. */
long sys_mknodat(int dirfd, unsigned long path, unsigned int mode,
		 unsigned int dev)
{
	struct mknod_args a = { mode, 0 };

	switch (mode & S_IFMT) {
	case 0:
		a.mode |= S_IFREG;
		break;
	case S_IFCHR:
	case S_IFBLK:
		a.rdev = dev;	/* stat's encoding already (mkdev) */
		break;
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;	/* that is mkdir */
	default:
		return -EINVAL;
	}
	return with_parent(dirfd, path, mknod_op, (unsigned long)&a);
}

long sys_mknod(unsigned long path, unsigned int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, path, mode, dev);
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
