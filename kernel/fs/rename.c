/* rename, renameat and renameat2: moving a name, replacing what it lands
 * on or swapping the two, with Linux's rules and errno for each case. */
#include <fs.h>
#include <kmalloc.h>
#include <syscalls.h>

/* One side of a rename: the directory holding the name, the name (inside
 * path) and whether the path ended in a slash. */
struct rename_end {
	char *path;
	struct inode *dir;
	const char *name;
	size_t len;
	bool slash;
	struct inode *inode;	/* what the name is now, or NULL */
};

static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') ||
	       (len == 2 && name[0] == '.' && name[1] == '.');
}

/* The path and its parent directory. */
static long resolve_parent(int dirfd, unsigned long upath,
			   struct rename_end *e)
{
	struct inode *base;
	long err = getname(upath, &e->path);

	if (err < 0) {
		e->path = NULL;
		return err;
	}
	err = at_base(dirfd, e->path, &base);
	if (err)
		return err;
	err = path_parent(base, e->path, &e->dir, &e->name, &e->len,
			  &e->slash);
	iput(base);
	if (err)
		e->dir = NULL;
	return err;
}

/* The inode the name refers to now (NULL: none). */
static long lookup_end(struct rename_end *e)
{
	long err;

	if (!e->dir->iop || !e->dir->iop->lookup)
		return -ENOTDIR;
	err = e->dir->iop->lookup(e->dir, e->name, e->len, &e->inode);
	if (err == -ENOENT) {
		e->inode = NULL;
		return 0;
	}
	return err;
}

/* Is dir inside a (or a itself)? Directories know their parents, up to
 * the root, which is its own. */
static bool is_within(struct inode *dir, struct inode *a)
{
	struct inode *d;

	for (d = dir; d; d = d->parent) {
		if (d == a)
			return true;
		if (d->parent == d)
			break;
	}
	return false;
}

/* Where a file system is attached: the inode belongs to another one than
 * the directory naming it (/proc). */
static bool is_mount_point(struct inode *dir, struct inode *inode)
{
	return inode && inode->dev != dir->dev;
}

/*
 * The checks every file system shares, in the order Linux makes them (so
 * that a path wrong in several ways gets Linux's errno), then the file
 * system's own rename. Nothing here sleeps once the paths are copied in,
 * so under the big kernel lock the checks still hold when the file
 * system acts on them.
 */
static long do_rename(struct rename_end *o, struct rename_end *n,
		      unsigned int flags)
{
	bool exchange = flags & RENAME_EXCHANGE;
	long err;

	if (o->dir->dev != n->dir->dev)
		return -EXDEV;
	if (!o->len || is_dot_or_dotdot(o->name, o->len))
		return -EBUSY;
	if (!n->len || is_dot_or_dotdot(n->name, n->len))
		return (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	err = lookup_end(o);
	if (!err)
		err = lookup_end(n);
	if (err)
		return err;
	if (!o->inode)
		return -ENOENT;
	if (n->inode && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (exchange) {
		if (!n->inode)
			return -ENOENT;
		if (!S_ISDIR(n->inode->mode) && n->slash)
			return -ENOTDIR;
	}
	if (!S_ISDIR(o->inode->mode) && (o->slash || (!exchange && n->slash)))
		return -ENOTDIR;
	/* Into its own subtree: the source would contain itself. */
	if (S_ISDIR(o->inode->mode) && is_within(n->dir, o->inode))
		return -EINVAL;
	/* Onto a directory the source is inside: never empty. */
	if (n->inode && S_ISDIR(n->inode->mode) && is_within(o->dir, n->inode))
		return exchange ? -EINVAL : -ENOTEMPTY;
	if (o->inode == n->inode)
		return 0;		/* the same file: nothing to do */
	if (n->inode && !exchange) {
		if (S_ISDIR(o->inode->mode) && !S_ISDIR(n->inode->mode))
			return -ENOTDIR;
		if (!S_ISDIR(o->inode->mode) && S_ISDIR(n->inode->mode))
			return -EISDIR;
	}
	if (!o->dir->iop || !o->dir->iop->rename)
		return -EPERM;
	if (is_mount_point(o->dir, o->inode) ||
	    is_mount_point(n->dir, n->inode))
		return -EBUSY;
	return o->dir->iop->rename(o->dir, o->name, o->len, n->dir, n->name,
				   n->len, flags);
}

static void end_release(struct rename_end *e)
{
	iput(e->inode);
	iput(e->dir);
	kfree(e->path);
}

long sys_renameat2(int olddirfd, unsigned long oldpath, int newdirfd,
		   unsigned long newpath, unsigned int flags)
{
	struct rename_end o = { 0 }, n = { 0 };
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) &&
	    (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	err = resolve_parent(olddirfd, oldpath, &o);
	if (!err)
		err = resolve_parent(newdirfd, newpath, &n);
	if (!err)
		err = do_rename(&o, &n, flags);
	end_release(&o);
	end_release(&n);
	return err;
}

long sys_renameat(int olddirfd, unsigned long oldpath, int newdirfd,
		  unsigned long newpath)
{
	return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

long sys_rename(unsigned long oldpath, unsigned long newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}
