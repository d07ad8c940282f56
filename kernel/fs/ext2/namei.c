/*
 * ext2's name space operations: lookup, making files, device nodes,
 * directories and symlinks, hard links, unlink, rmdir, rename, readlink
 * and readdir. Each checks Linux's rules itself (the VFS may have too),
 * takes fs->lock, and changes the disk only once nothing can fail but
 * an I/O error: a new name is added before an old one goes, so a rename
 * that runs out of room leaves both directories as they were.
 *
 * Link counts: a file's nlink counts its names; a directory's counts its
 * name, its own "." and the ".." of each subdirectory.
 */
#include "ext2.h"
#include <string.h>

static bool is_dot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') ||
	       (len == 2 && name[0] == '.' && name[1] == '.');
}

static int check_new_name(const char *name, size_t len)
{
	size_t i;

	if (!len)
		return -ENOENT;
	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == '\0')
			return -EINVAL;
	return 0;
}

/* dir can take a new entry called name. */
static int check_create(struct ext2_inode *dir, const char *name, size_t len)
{
	u32 ino;
	int err;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (dir->fs->read_only)
		return -EROFS;
	err = check_new_name(name, len);
	if (err)
		return err;
	if (!dir->nlink)
		return -ENOENT;
	err = ext2_dir_find(dir, name, len, &ino);
	if (!err)
		return -EEXIST;
	return err == -ENOENT ? 0 : err;
}

int ext2_lookup(struct ext2_inode *dir, const char *name, size_t len,
		u32 *ino)
{
	int err = -ENOTDIR;

	down_read(&dir->fs->lock);
	if (S_ISDIR(dir->mode))
		err = len ? ext2_dir_find(dir, name, len, ino) : -ENOENT;
	up_read(&dir->fs->lock);
	return err;
}

/* A new inode of mode for dir's new entry, one reference, nlink 0 (so
 * that dropping it frees it again). */
static int new_inode(struct ext2_inode *dir, u32 mode, struct ext2_inode **out)
{
	struct ext2_fs *fs = dir->fs;
	u32 ino;
	int err = ext2_new_inode(fs, dir, S_ISDIR(mode), &ino);

	if (err)
		return err;
	err = ext2_inode_new(fs, ino, mode, out);
	if (err)
		ext2_free_inode(fs, ino, S_ISDIR(mode));
	return err;
}

/* Name the new inode ei (with its links set) in dir, and hand it out
 * or drop it; a failure drops it with no link, which frees it. */
static int finish_new(struct ext2_inode *dir, const char *name, size_t len,
		      struct ext2_inode *ei, u32 links, int err,
		      struct ext2_inode **out)
{
	if (!err) {
		ei->nlink = links;
		err = ext2_write_inode(ei);
	}
	if (!err)
		err = ext2_dir_add(dir, name, len, ei->ino, ei->mode);
	if (err) {
		ei->nlink = 0;
		ext2_iput_locked(ei);
		return err;
	}
	if (out)
		*out = ei;
	else
		ext2_iput_locked(ei);
	return 0;
}

static int mknod_locked(struct ext2_inode *dir, const char *name, size_t len,
			u32 mode, u32 rdev, struct ext2_inode **out)
{
	struct ext2_inode *ei;
	int err;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	default:
		return -EINVAL;
	}
	err = check_create(dir, name, len);
	if (!err)
		err = new_inode(dir, (mode & S_IFMT) | (mode & 07777), &ei);
	if (err)
		return err;
	if (S_ISCHR(mode) || S_ISBLK(mode))
		ext2_set_rdev(ei, rdev);
	return finish_new(dir, name, len, ei, 1, 0, out);
}

int ext2_mknod(struct ext2_inode *dir, const char *name, size_t len,
	       u32 mode, u32 rdev, struct ext2_inode **out)
{
	int err;

	down_write(&dir->fs->lock);
	err = mknod_locked(dir, name, len, mode, rdev, out);
	up_write(&dir->fs->lock);
	return err;
}

static int mkdir_locked(struct ext2_inode *dir, const char *name, size_t len,
			u32 mode, struct ext2_inode **out)
{
	struct ext2_inode *ei;
	int err = check_create(dir, name, len);

	if (err)
		return err;
	if (dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = new_inode(dir, S_IFDIR | (mode & 07777), &ei);
	if (err)
		return err;
	err = finish_new(dir, name, len, ei, 2, ext2_dir_init(ei, dir->ino),
			 out);
	if (err)
		return err;
	dir->nlink++;			/* the new ".." */
	return ext2_write_inode(dir);
}

int ext2_mkdir(struct ext2_inode *dir, const char *name, size_t len,
	       u32 mode, struct ext2_inode **out)
{
	int err;

	down_write(&dir->fs->lock);
	err = mkdir_locked(dir, name, len, mode, out);
	up_write(&dir->fs->lock);
	return err;
}

/* The target into a fast symlink's i_block, a byte at a time into the
 * little-endian words. */
static void store_fast_link(struct ext2_inode *ei, const char *target,
			    size_t len)
{
	size_t k;

	memset(ei->block, 0, sizeof(ei->block));
	for (k = 0; k < len; k++)
		ei->block[k / 4] |= (u32)(u8)target[k] << (8 * (k % 4));
}

static int store_slow_link(struct ext2_inode *ei, const char *target,
			   size_t len)
{
	struct ext2_fs *fs = ei->fs;
	struct buffer *b;
	u32 blk;
	int err = ext2_new_block(fs, fs->first_data_block +
				 (ei->ino - 1) / fs->inodes_per_group *
				 fs->blocks_per_group, &blk);

	if (err)
		return err;
	b = buffer_get(fs->bdev, blk, fs->block_size);
	if (!b) {
		ext2_free_block(fs, blk);
		return -ENOMEM;
	}
	memset(b->data, 0, fs->block_size);
	memcpy(b->data, target, len);
	buffer_mark_dirty(b);
	buffer_put(b);
	ei->block[0] = blk;
	ei->blocks += fs->block_size / 512;
	return 0;
}

static int symlink_locked(struct ext2_inode *dir, const char *name,
			  size_t len, const char *target, size_t tlen,
			  struct ext2_inode **out)
{
	struct ext2_inode *ei;
	int err = check_create(dir, name, len);

	if (err)
		return err;
	if (!tlen)
		return -ENOENT;
	if (tlen >= dir->fs->block_size)
		return -ENAMETOOLONG;
	err = new_inode(dir, S_IFLNK | 0777, &ei);
	if (err)
		return err;
	if (tlen <= EXT2_FAST_LINK_MAX)
		store_fast_link(ei, target, tlen);
	else
		err = store_slow_link(ei, target, tlen);
	ei->size = tlen;
	return finish_new(dir, name, len, ei, 1, err, out);
}

int ext2_symlink(struct ext2_inode *dir, const char *name, size_t len,
		 const char *target, size_t target_len,
		 struct ext2_inode **out)
{
	int err;

	down_write(&dir->fs->lock);
	err = symlink_locked(dir, name, len, target, target_len, out);
	up_write(&dir->fs->lock);
	return err;
}

static int link_locked(struct ext2_inode *dir, const char *name, size_t len,
		       struct ext2_inode *ei)
{
	int err = check_create(dir, name, len);

	if (err)
		return err;
	if (ei->fs != dir->fs)
		return -EXDEV;
	if (S_ISDIR(ei->mode))
		return -EPERM;
	if (!ei->nlink)
		return -ENOENT;
	if (ei->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_dir_add(dir, name, len, ei->ino, ei->mode);
	if (err)
		return err;
	ei->nlink++;
	ext2_touch(ei, false);
	return ext2_write_inode(ei);
}

int ext2_link(struct ext2_inode *dir, const char *name, size_t len,
	      struct ext2_inode *inode)
{
	int err;

	down_write(&dir->fs->lock);
	err = link_locked(dir, name, len, inode);
	up_write(&dir->fs->lock);
	return err;
}

/* The inode dir's entry name refers to, held. */
static int lookup_inode(struct ext2_inode *dir, const char *name, size_t len,
			struct ext2_inode **out)
{
	u32 ino;
	int err;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (!len)
		return -ENOENT;
	err = ext2_dir_find(dir, name, len, &ino);
	if (!err)
		err = ext2_iget_locked(dir->fs, ino, out);
	return err;
}

static int unlink_locked(struct ext2_inode *dir, const char *name, size_t len)
{
	struct ext2_inode *ei;
	int err;

	if (dir->fs->read_only)
		return -EROFS;
	err = lookup_inode(dir, name, len, &ei);
	if (err)
		return err;
	if (S_ISDIR(ei->mode)) {
		err = -EISDIR;
	} else {
		err = ext2_dir_remove(dir, name, len);
		if (!err) {
			ei->nlink--;
			ext2_touch(ei, false);
			err = ext2_write_inode(ei);
		}
	}
	ext2_iput_locked(ei);
	return err;
}

int ext2_unlink(struct ext2_inode *dir, const char *name, size_t len)
{
	int err;

	down_write(&dir->fs->lock);
	err = unlink_locked(dir, name, len);
	up_write(&dir->fs->lock);
	return err;
}

/* The directory ei loses its last name. */
static void drop_dir(struct ext2_inode *parent, struct ext2_inode *ei)
{
	ei->nlink = 0;
	ext2_touch(ei, false);
	ext2_write_inode(ei);
	if (parent->nlink > 1)
		parent->nlink--;	/* its ".." */
}

static int rmdir_locked(struct ext2_inode *dir, const char *name, size_t len)
{
	struct ext2_inode *ei;
	int err;

	if (dir->fs->read_only)
		return -EROFS;
	if (len == 1 && name[0] == '.')
		return -EINVAL;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return -ENOTEMPTY;
	err = lookup_inode(dir, name, len, &ei);
	if (err)
		return err;
	if (!S_ISDIR(ei->mode))
		err = -ENOTDIR;
	else
		err = ext2_dir_is_empty(ei);
	if (err == 0)
		err = -ENOTEMPTY;
	else if (err == 1)
		err = ext2_dir_remove(dir, name, len);
	if (!err) {
		drop_dir(dir, ei);
		err = ext2_write_inode(dir);
	}
	ext2_iput_locked(ei);
	return err;
}

int ext2_rmdir(struct ext2_inode *dir, const char *name, size_t len)
{
	int err;

	down_write(&dir->fs->lock);
	err = rmdir_locked(dir, name, len);
	up_write(&dir->fs->lock);
	return err;
}

/* Is directory ino dir or above it? 1, 0 or -errno. A chain of ".."
 * longer than there are inodes in use is a loop. */
static int is_ancestor(struct ext2_fs *fs, u32 ino, struct ext2_inode *dir)
{
	u32 cur = dir->ino, steps, parent;
	u32 limit = fs->inodes_count -
		    MIN(le32_to_cpu(fs->sb->s_free_inodes_count),
			fs->inodes_count) + 1;
	int err;

	for (steps = 0; steps <= limit; steps++) {
		struct ext2_inode *ei;

		if (cur == ino)
			return 1;
		if (cur == EXT2_ROOT_INO)
			return 0;
		err = ext2_iget_locked(fs, cur, &ei);
		if (err)
			return err;
		err = S_ISDIR(ei->mode) ? ext2_dir_get_parent(ei, &parent) :
		      -EUCLEAN;
		ext2_iput_locked(ei);
		if (err)
			return err;
		cur = parent;
	}
	ext2_corrupt(fs, "directory %u: \"..\" chain loops", dir->ino);
	return -EUCLEAN;
}

/* Directory ei has moved from old_dir to new_dir. */
static int move_dir(struct ext2_inode *ei, struct ext2_inode *old_dir,
		    struct ext2_inode *new_dir)
{
	int err = ext2_dir_set_parent(ei, new_dir->ino);

	if (err)
		return err;
	if (old_dir->nlink > 1)
		old_dir->nlink--;
	new_dir->nlink++;
	return 0;
}

struct rename_args {
	struct ext2_inode *od, *nd;
	const char *on, *nn;
	size_t ol, nl;
	unsigned int flags;
};

/* The checks, with both inodes held (ni NULL if the new name is free). */
static int rename_check(const struct rename_args *a, struct ext2_inode *oi,
			struct ext2_inode *ni)
{
	struct ext2_fs *fs = a->od->fs;
	bool exchange = a->flags & RENAME_EXCHANGE;
	bool odir = S_ISDIR(oi->mode), ndir = ni && S_ISDIR(ni->mode);
	int r;

	if (ni && !exchange) {
		if (odir && !ndir)
			return -ENOTDIR;
		if (!odir && ndir)
			return -EISDIR;
	}
	if (a->od != a->nd) {
		if (odir) {
			r = is_ancestor(fs, oi->ino, a->nd);
			if (r)
				return r < 0 ? r : -EINVAL;
		}
		if (exchange && ndir) {
			r = is_ancestor(fs, ni->ino, a->od);
			if (r)
				return r < 0 ? r : -EINVAL;
		}
		if (odir && !ndir && a->nd->nlink >= EXT2_LINK_MAX)
			return -EMLINK;
		if (exchange && ndir && !odir && a->od->nlink >= EXT2_LINK_MAX)
			return -EMLINK;
	}
	if (ndir && !exchange) {
		r = ext2_dir_is_empty(ni);
		if (r <= 0)
			return r < 0 ? r : -ENOTEMPTY;
	}
	return 0;
}

static int rename_exchange(const struct rename_args *a,
			   struct ext2_inode *oi, struct ext2_inode *ni)
{
	int err = ext2_dir_retarget(a->nd, a->nn, a->nl, oi->ino, oi->mode);

	if (!err)
		err = ext2_dir_retarget(a->od, a->on, a->ol, ni->ino, ni->mode);
	if (!err && a->od != a->nd && S_ISDIR(oi->mode))
		err = move_dir(oi, a->od, a->nd);
	if (!err && a->od != a->nd && S_ISDIR(ni->mode))
		err = move_dir(ni, a->nd, a->od);
	ext2_touch(ni, false);
	ext2_write_inode(ni);
	return err;
}

static int rename_move(const struct rename_args *a, struct ext2_inode *oi,
		       struct ext2_inode *ni)
{
	int err;

	if (ni) {
		err = ext2_dir_retarget(a->nd, a->nn, a->nl, oi->ino, oi->mode);
		if (err)
			return err;
		if (S_ISDIR(ni->mode)) {
			drop_dir(a->nd, ni);
		} else {
			ni->nlink--;
			ext2_touch(ni, false);
			ext2_write_inode(ni);
		}
	} else {
		err = ext2_dir_add(a->nd, a->nn, a->nl, oi->ino, oi->mode);
		if (err)
			return err;
	}
	err = ext2_dir_remove(a->od, a->on, a->ol);
	if (!err && a->od != a->nd && S_ISDIR(oi->mode))
		err = move_dir(oi, a->od, a->nd);
	return err;
}

static int rename_locked(const struct rename_args *a)
{
	struct ext2_inode *oi, *ni = NULL;
	struct ext2_fs *fs = a->od->fs;
	u32 nino;
	int err;

	if (a->flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    (a->flags & RENAME_NOREPLACE && a->flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (a->nd->fs != fs)
		return -EXDEV;
	if (!S_ISDIR(a->od->mode) || !S_ISDIR(a->nd->mode))
		return -ENOTDIR;
	if (fs->read_only)
		return -EROFS;
	if (is_dot(a->on, a->ol) || is_dot(a->nn, a->nl))
		return -EBUSY;
	err = check_new_name(a->nn, a->nl);
	if (err)
		return err;
	err = lookup_inode(a->od, a->on, a->ol, &oi);
	if (err)
		return err;
	err = ext2_dir_find(a->nd, a->nn, a->nl, &nino);
	if (!err && a->flags & RENAME_NOREPLACE)
		err = -EEXIST;
	else if (!err && nino != oi->ino)
		err = ext2_iget_locked(fs, nino, &ni);
	else if (!err)
		goto out;		/* two names of one inode: done */
	else if (err == -ENOENT && !(a->flags & RENAME_EXCHANGE))
		err = 0;
	if (!err)
		err = rename_check(a, oi, ni);
	if (!err)
		err = a->flags & RENAME_EXCHANGE ? rename_exchange(a, oi, ni) :
		      rename_move(a, oi, ni);
	if (!err) {
		ext2_touch(oi, false);
		err = ext2_write_inode(oi);
		ext2_write_inode(a->od);
		ext2_write_inode(a->nd);
	}
	if (ni)
		ext2_iput_locked(ni);
out:
	ext2_iput_locked(oi);
	return err;
}

int ext2_rename(struct ext2_inode *old_dir, const char *old_name,
		size_t old_len, struct ext2_inode *new_dir,
		const char *new_name, size_t new_len, unsigned int flags)
{
	struct rename_args a = {
		.od = old_dir, .nd = new_dir, .on = old_name, .nn = new_name,
		.ol = old_len, .nl = new_len, .flags = flags,
	};
	int err;

	down_write(&old_dir->fs->lock);
	err = rename_locked(&a);
	up_write(&old_dir->fs->lock);
	return err;
}

static long readlink_locked(struct ext2_inode *ei, char *buf, size_t size)
{
	struct ext2_fs *fs = ei->fs;
	size_t len = (size_t)ei->size, n, k;
	struct buffer *b;
	u32 blk;
	int err;

	if (!S_ISLNK(ei->mode))
		return -EINVAL;
	n = MIN(len, size);
	if (ext2_is_fast_symlink(ei)) {
		if (len > EXT2_FAST_LINK_MAX + 1) {
			ext2_corrupt(fs, "fast symlink %u of %zu bytes",
				     ei->ino, len);
			return -EUCLEAN;
		}
		for (k = 0; k < n; k++)
			buf[k] = (char)(ei->block[k / 4] >> (8 * (k % 4)));
		return (long)n;
	}
	if (len >= fs->block_size) {
		ext2_corrupt(fs, "symlink %u of %zu bytes", ei->ino, len);
		return -EUCLEAN;
	}
	err = ext2_map_block(ei, 0, false, &blk, NULL);
	if (!err && !blk) {
		ext2_corrupt(fs, "symlink %u has no block", ei->ino);
		err = -EUCLEAN;
	}
	if (err)
		return err;
	b = ext2_bread(fs, blk);
	if (!b)
		return -EIO;
	memcpy(buf, b->data, n);
	buffer_put(b);
	return (long)n;
}

long ext2_readlink(struct ext2_inode *ei, char *buf, size_t size)
{
	long r;

	down_read(&ei->fs->lock);
	r = readlink_locked(ei, buf, size);
	up_read(&ei->fs->lock);
	return r;
}

int ext2_readdir(struct ext2_inode *dir, u64 *pos, filldir_t fill, void *ctx)
{
	int err = -ENOTDIR;

	down_read(&dir->fs->lock);
	if (S_ISDIR(dir->mode))
		err = ext2_dir_iterate(dir, pos, fill, ctx);
	up_read(&dir->fs->lock);
	return err;
}
