/* Path lookup: turning "a/b/../c" into an inode, one component at a time,
 * from the root or a starting directory, following symlinks. */
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <uaccess.h>

struct inode *fs_root;

/* One step from directory dir: a new reference to the child. */
static int step(struct inode *dir, const char *name, size_t len,
		struct inode **out)
{
	int err;

	if (len == 1 && name[0] == '.') {
		iget(dir);
		*out = dir;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = dir->parent ? dir->parent : dir;
		iget(*out);
		return 0;
	}
	if (!dir->iop || !dir->iop->lookup)
		return -ENOTDIR;
	err = dir->iop->lookup(dir, name, len, out);
	if (!err)
		*out = mount_cross(*out);	/* a mount point: what is on it */
	return err;
}

static int walk(struct inode *base, const char *path, size_t plen,
		unsigned int flags, int *links, struct inode **out);

/* Replace *inode, a symlink found in dir, by what it points to. */
static int follow(struct inode *dir, struct inode **inode, int *links)
{
	struct inode *target;
	char *buf;
	long n;
	int err;

	if (++*links > MAX_SYMLINKS)
		return -ELOOP;
	if (!(*inode)->iop || !(*inode)->iop->readlink)
		return -ENOENT;
	buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	n = (*inode)->iop->readlink(*inode, buf, PATH_MAX);
	if (n <= 0)
		err = n ? (int)n : -ENOENT;
	else
		err = walk(dir, buf, (size_t)n, LOOKUP_FOLLOW, links, &target);
	kfree(buf);
	if (err)
		return err;
	iput(*inode);
	*inode = target;
	return 0;
}

static int walk(struct inode *base, const char *path, size_t plen,
		unsigned int flags, int *links, struct inode **out)
{
	struct inode *cur;
	size_t i = 0;
	int err = 0;

	if (!plen)
		return -ENOENT;
	cur = path[0] == '/' ? fs_root : base;
	iget(cur);
	for (;;) {
		struct inode *child;
		size_t start, j;
		bool last, slash;

		while (i < plen && path[i] == '/')
			i++;
		if (i == plen)
			break;
		start = i;
		while (i < plen && path[i] != '/')
			i++;
		if (i - start > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		if (!S_ISDIR(cur->mode)) {
			err = -ENOTDIR;
			break;
		}
		for (j = i; j < plen && path[j] == '/'; j++)
			;
		last = j == plen;
		slash = i < plen;
		err = step(cur, path + start, i - start, &child);
		if (err)
			break;
		if (S_ISLNK(child->mode) &&
		    (!last || slash || (flags & LOOKUP_FOLLOW))) {
			err = follow(cur, &child, links);
			if (err) {
				iput(child);
				break;
			}
		}
		iput(cur);
		cur = child;
		if (last) {
			if (slash && !S_ISDIR(cur->mode))
				err = -ENOTDIR;
			break;
		}
	}
	if (!err && (flags & LOOKUP_DIRECTORY) && !S_ISDIR(cur->mode))
		err = -ENOTDIR;
	if (err) {
		iput(cur);
		return err;
	}
	*out = cur;
	return 0;
}

int path_walk(struct inode *base, const char *path, unsigned int flags,
	      struct inode **out)
{
	int links = 0;

	return walk(base, path, strnlen(path, PATH_MAX), flags, &links, out);
}

int path_parent(struct inode *base, const char *path, struct inode **dir,
		const char **last, size_t *len, bool *must_dir)
{
	size_t plen = strnlen(path, PATH_MAX), end = plen, start;
	int links = 0;

	if (!plen)
		return -ENOENT;
	while (end && path[end - 1] == '/')
		end--;
	*must_dir = end < plen;
	start = end;
	while (start && path[start - 1] != '/')
		start--;
	*last = path + start;
	*len = end - start;
	if (*len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!start) {
		iget(base);
		*dir = base;
		return 0;
	}
	return walk(base, path, start, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
		    &links, dir);
}

long getname(unsigned long upath, char **out)
{
	char *buf = kmalloc(PATH_MAX);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, (const char __user *)upath, PATH_MAX);
	if (n >= PATH_MAX)
		n = -ENAMETOOLONG;
	if (n < 0) {
		kfree(buf);
		return n;
	}
	*out = buf;
	return n;
}

int at_base(int dirfd, const char *path, struct inode **out)
{
	struct file *f;

	if (!path[0])
		return -ENOENT;
	if (path[0] == '/') {
		iget(fs_root);
		*out = fs_root;
		return 0;
	}
	if (dirfd == AT_FDCWD) {
		*out = current_cwd();
		return 0;
	}
	f = fget(dirfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	iget(f->inode);
	*out = f->inode;
	file_put(f);
	return 0;
}

long path_lookup_at(int dirfd, unsigned long upath, int flags,
		    unsigned int lookup_flags, struct inode **out)
{
	struct inode *base;
	char *path;
	long err = getname(upath, &path);

	if (err < 0)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		kfree(path);
		if (dirfd == AT_FDCWD) {
			*out = current_cwd();
		} else {
			struct file *f = fget(dirfd);

			if (!f)
				return -EBADF;
			iget(f->inode);
			*out = f->inode;
			file_put(f);
		}
		return 0;
	}
	err = at_base(dirfd, path, &base);
	if (!err) {
		err = path_walk(base, path, lookup_flags, out);
		iput(base);
	}
	kfree(path);
	return err;
}

long path_lookup_at_flags(int dirfd, unsigned long upath, int flags,
			  struct inode **out)
{
	return path_lookup_at(dirfd, upath, flags,
			      (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
			      out);
}

long inode_path(struct inode *dir, char *buf, size_t size)
{
	struct inode *d;
	size_t len = 0, pos;

	/* Measure, then fill from the end backwards. */
	for (d = dir; d->parent && d->parent != d; d = d->parent) {
		if (!d->nlink || !d->name)
			return -ENOENT;	/* removed, or not reachable */
		len += 1 + strlen(d->name);
	}
	if (d != fs_root)
		return -ENOENT;
	if (!len)
		len = 1;		/* "/" */
	if (len + 1 > size)
		return -ERANGE;
	buf[len] = '\0';
	buf[0] = '/';
	pos = len;
	for (d = dir; d->parent && d->parent != d; d = d->parent) {
		size_t n = strlen(d->name);

		pos -= n;
		memcpy(buf + pos, d->name, n);
		buf[--pos] = '/';
	}
	return (long)len;
}
