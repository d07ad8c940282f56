/*
 * ext2 as the VFS sees it: the "ext2" file system type of mount(2), and
 * the inode and file operations that turn VFS calls into the calls of
 * kernel/fs/ext2/ (which knows the disk format; read docs/ext2.md).
 *
 * Each ext2 inode in use has one VFS inode, found through a per-mount
 * list, holding one reference to the ext2 inode; it dies with its last
 * VFS reference (ephemeral), and is read again from the disk when next
 * looked up. After every call that may change an inode (nlink, size,
 * times), the VFS copy is refreshed from ext2's, which is the truth.
 *
 * File data goes through the block buffer cache for now: there is no
 * page cache yet, so ext2 files cannot be mmapped (ENODEV) and exec reads
 * programs with read. Like the rest of the VFS this runs under the big
 * kernel lock; ext2 takes its own lock inside.
 */
#include <block.h>
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <uapi/mount.h>
#include "ext2/ext2.h"

#define EXT2_ROOT_INO	2

/* One mounted ext2. */
struct ext2_mount {
	struct super_block sb;
	struct ext2_fs *fs;
	struct list_head vnodes;	/* struct ext2_vnode.node */
};

/* What a VFS inode of ext2 points to (inode->u.priv). */
struct ext2_vnode {
	struct list_head node;		/* in ext2_mount.vnodes */
	struct inode *inode;
	struct ext2_inode *ei;		/* the reference this holds */
	struct ext2_mount *mnt;
};

static const struct inode_operations ext2_dir_iops, ext2_file_iops,
	ext2_link_iops, ext2_node_iops;
static const struct file_operations ext2_file_fops, ext2_dir_fops;

static struct ext2_vnode *vnode_of(const struct inode *inode)
{
	return inode->u.priv;
}

static struct ext2_inode *ei_of(const struct inode *inode)
{
	return vnode_of(inode)->ei;
}

/* Copy what ext2 knows of the inode into the VFS inode. */
static void refresh(struct inode *inode)
{
	struct ext2_attr a;

	ext2_getattr(ei_of(inode), &a);
	inode->mode = a.mode;
	inode->nlink = a.nlink;
	inode->uid = a.uid;
	inode->gid = a.gid;
	inode->rdev = a.rdev;
	inode->size = a.size;
	inode->atime = (struct fs_time){ a.atime, 0 };
	inode->mtime = (struct fs_time){ a.mtime, 0 };
	inode->ctime = (struct fs_time){ a.ctime, 0 };
}

static struct inode *cached(struct ext2_mount *mnt, u32 ino)
{
	struct list_head *pos;

	list_for_each(pos, &mnt->vnodes) {
		struct ext2_vnode *v = list_entry(pos, struct ext2_vnode, node);

		if (v->ei->ino == ino)
			return v->inode;
	}
	return NULL;
}

static void refresh_ino(struct ext2_mount *mnt, u32 ino)
{
	struct inode *inode = cached(mnt, ino);

	if (inode)
		refresh(inode);
}

/* The VFS inode of ext2 inode ino: a new reference. */
static int vnode_get(struct ext2_mount *mnt, u32 ino, struct inode **out)
{
	struct inode *inode = cached(mnt, ino);
	struct ext2_vnode *v;
	struct ext2_inode *ei;
	int err;

	if (inode) {
		iget(inode);
		*out = inode;
		return 0;
	}
	err = ext2_iget(mnt->fs, ino, &ei);
	if (err)
		return err;
	v = kzalloc(sizeof(*v));
	inode = v ? inode_alloc(mnt->sb.dev, ei->mode) : NULL;
	if (!inode) {
		kfree(v);
		ext2_iput(ei);
		return -ENOMEM;
	}
	v->inode = inode;
	v->ei = ei;
	v->mnt = mnt;
	list_add(&v->node, &mnt->vnodes);
	inode->ino = ino;
	inode->ephemeral = true;
	inode->sb = &mnt->sb;
	inode->u.priv = v;
	refresh(inode);
	switch (inode->mode & S_IFMT) {
	case S_IFDIR:
		inode->iop = &ext2_dir_iops;
		inode->fop = &ext2_dir_fops;
		break;
	case S_IFREG:
		inode->iop = &ext2_file_iops;
		inode->fop = &ext2_file_fops;
		break;
	case S_IFLNK:
		inode->iop = &ext2_link_iops;
		break;
	case S_IFIFO:
		inode->iop = &ext2_node_iops;
		inode->fop = &fifo_fops;
		break;
	default:
		inode->iop = &ext2_node_iops;
		inode->fop = &device_node_fops;
		break;
	}
	*out = inode;
	return 0;
}

/* A VFS inode for an inode ext2 just made (consumes that reference). */
static int vnode_of_new(struct ext2_mount *mnt, struct ext2_inode *ei,
			struct inode **out)
{
	int err = vnode_get(mnt, ei->ino, out);

	ext2_iput(ei);
	return err;
}

static void ext2_vfs_evict(struct inode *inode)
{
	struct ext2_vnode *v = vnode_of(inode);

	list_del(&v->node);
	/* ext2 frees the inode on the disk if this was its last name. */
	ext2_iput(v->ei);
	kfree(v);
}

static struct ext2_mount *mnt_of(const struct inode *inode)
{
	return vnode_of(inode)->mnt;
}

/* Directories found by lookup learn their parent and name, for ".."
 * and getcwd (directories have one name). */
static int ext2_vfs_lookup(struct inode *dir, const char *name, size_t len,
			   struct inode **out)
{
	u32 ino;
	int err = ext2_lookup(ei_of(dir), name, len, &ino);

	if (err)
		return err;
	err = vnode_get(mnt_of(dir), ino, out);
	if (err)
		return err;
	if (S_ISDIR((*out)->mode) && !(*out)->parent) {
		err = inode_set_dir_link(*out, dir, name, len);
		if (err) {
			iput(*out);
			return err;
		}
	}
	return 0;
}

static int ext2_vfs_mknod(struct inode *dir, const char *name, size_t len,
			  unsigned int mode, u32 rdev, struct inode **out)
{
	struct ext2_inode *ei;
	struct inode *inode;
	int err = ext2_mknod(ei_of(dir), name, len, mode, rdev, &ei);

	if (err)
		return err;
	refresh(dir);
	err = vnode_of_new(mnt_of(dir), ei, &inode);
	if (err)
		return err;
	if (out)
		*out = inode;
	else
		iput(inode);
	return 0;
}

static int ext2_vfs_mkdir(struct inode *dir, const char *name, size_t len,
			  unsigned int mode)
{
	struct ext2_inode *ei;
	int err = ext2_mkdir(ei_of(dir), name, len, mode, &ei);

	if (err)
		return err;
	refresh(dir);
	ext2_iput(ei);
	return 0;
}

static int ext2_vfs_symlink(struct inode *dir, const char *name, size_t len,
			    const char *target)
{
	struct ext2_inode *ei;
	int err = ext2_symlink(ei_of(dir), name, len, target, strlen(target),
			       &ei);

	if (err)
		return err;
	refresh(dir);
	ext2_iput(ei);
	return 0;
}

/* The inode a name had before an unlink, rmdir or rename changed it
 * (0 if none), so its cached VFS copy can be refreshed after. */
static u32 ino_of_name(struct inode *dir, const char *name, size_t len)
{
	u32 ino;

	return ext2_lookup(ei_of(dir), name, len, &ino) ? 0 : ino;
}

static int ext2_vfs_unlink(struct inode *dir, const char *name, size_t len)
{
	u32 ino = ino_of_name(dir, name, len);
	int err = ext2_unlink(ei_of(dir), name, len);

	if (!err) {
		refresh(dir);
		refresh_ino(mnt_of(dir), ino);
	}
	return err;
}

static int ext2_vfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	u32 ino = ino_of_name(dir, name, len);
	int err = ext2_rmdir(ei_of(dir), name, len);

	if (!err) {
		refresh(dir);
		refresh_ino(mnt_of(dir), ino);
	}
	return err;
}

static int ext2_vfs_readdir(struct inode *dir, u64 *pos, filldir_t fill,
			    void *ctx)
{
	return ext2_readdir(ei_of(dir), pos, fill, ctx);
}

static int ext2_vfs_link(struct inode *dir, const char *name, size_t len,
			 struct inode *inode)
{
	int err;

	if (inode->sb != dir->sb)
		return -EXDEV;
	err = ext2_link(ei_of(dir), name, len, ei_of(inode));
	if (!err) {
		refresh(dir);
		refresh(inode);
	}
	return err;
}

/* A directory that moved takes its new parent and name along. */
static int follow_move(struct inode *new_dir, const char *name, size_t len)
{
	u32 ino = ino_of_name(new_dir, name, len);
	struct inode *moved = ino ? cached(mnt_of(new_dir), ino) : NULL;

	if (moved) {
		refresh(moved);
		if (S_ISDIR(moved->mode))
			return inode_set_dir_link(moved, new_dir, name, len);
	}
	return 0;
}

static int ext2_vfs_rename(struct inode *old_dir, const char *old_name,
			   size_t old_len, struct inode *new_dir,
			   const char *new_name, size_t new_len,
			   unsigned int flags)
{
	struct ext2_mount *mnt = mnt_of(old_dir);
	u32 replaced = ino_of_name(new_dir, new_name, new_len);
	int err;

	if (old_dir->sb != new_dir->sb)
		return -EXDEV;
	err = ext2_rename(ei_of(old_dir), old_name, old_len, ei_of(new_dir),
			  new_name, new_len, flags);
	if (err)
		return err;
	refresh(old_dir);
	refresh(new_dir);
	if (replaced)
		refresh_ino(mnt, replaced);
	err = follow_move(new_dir, new_name, new_len);
	if (!err && (flags & RENAME_EXCHANGE))
		err = follow_move(old_dir, old_name, old_len);
	return err;
}

static long ext2_vfs_readlink(struct inode *link, char *buf, size_t size)
{
	return ext2_readlink(ei_of(link), buf, size);
}

static int ext2_vfs_truncate(struct inode *inode, u64 size)
{
	int err = ext2_truncate(ei_of(inode), size);

	refresh(inode);
	return err;
}

/* chmod, chown and utimensat changed the VFS copy: store it. */
static int ext2_vfs_write_inode(struct inode *inode)
{
	struct ext2_setattr sa = {
		.valid = EXT2_SET_MODE | EXT2_SET_UID | EXT2_SET_GID |
			 EXT2_SET_ATIME | EXT2_SET_MTIME | EXT2_SET_CTIME,
		.mode = inode->mode & 07777,
		.uid = inode->uid,
		.gid = inode->gid,
		.atime = (u32)inode->atime.sec,
		.mtime = (u32)inode->mtime.sec,
		.ctime = (u32)inode->ctime.sec,
	};
	int err = ext2_setattr(ei_of(inode), &sa);

	refresh(inode);
	return err;
}

static const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_vfs_lookup,
	.mknod = ext2_vfs_mknod,
	.mkdir = ext2_vfs_mkdir,
	.symlink = ext2_vfs_symlink,
	.unlink = ext2_vfs_unlink,
	.rmdir = ext2_vfs_rmdir,
	.readdir = ext2_vfs_readdir,
	.link = ext2_vfs_link,
	.rename = ext2_vfs_rename,
	.evict = ext2_vfs_evict,
	.write_inode = ext2_vfs_write_inode,
};

static const struct inode_operations ext2_file_iops = {
	.truncate = ext2_vfs_truncate,
	.evict = ext2_vfs_evict,
	.write_inode = ext2_vfs_write_inode,
};

static const struct inode_operations ext2_link_iops = {
	.readlink = ext2_vfs_readlink,
	.evict = ext2_vfs_evict,
	.write_inode = ext2_vfs_write_inode,
};

static const struct inode_operations ext2_node_iops = {
	.evict = ext2_vfs_evict,
	.write_inode = ext2_vfs_write_inode,
};

static long ext2_vfs_read(struct file *f, struct io_buf buf, size_t n,
			  u64 *pos)
{
	long done = ext2_read(ei_of(f->inode), buf, n, *pos);

	if (done > 0)
		*pos += (u64)done;
	return done;
}

static long ext2_vfs_write(struct file *f, struct io_buf buf, size_t n,
			   u64 *pos)
{
	long done;

	if (f->flags & O_APPEND)
		*pos = f->inode->size;
	done = ext2_write(ei_of(f->inode), buf, n, *pos);
	if (done > 0)
		*pos += (u64)done;
	refresh(f->inode);
	return done;
}

static int ext2_vfs_fsync(struct file *f, bool datasync)
{
	(void)datasync;
	return ext2_sync(mnt_of(f->inode)->fs);
}

static const struct file_operations ext2_file_fops = {
	.read = ext2_vfs_read,
	.write = ext2_vfs_write,
	.fsync = ext2_vfs_fsync,
};

static const struct file_operations ext2_dir_fops = {
	.fsync = ext2_vfs_fsync,
};

/* ---- the super block ---- */

static struct ext2_mount *mnt_of_sb(struct super_block *sb)
{
	return sb->fs_info;
}

static void ext2_vfs_statfs(struct super_block *sb, struct statfs *st)
{
	struct ext2_statfs es;

	ext2_statfs(mnt_of_sb(sb)->fs, &es);
	st->f_type = es.magic;
	st->f_bsize = st->f_frsize = es.bsize;
	st->f_blocks = (long)es.blocks;
	st->f_bfree = (long)es.bfree;
	st->f_bavail = (long)es.bavail;
	st->f_files = (long)es.files;
	st->f_ffree = (long)es.ffree;
	st->f_namelen = es.namelen;
	st->f_flags = ST_VALID | ((sb->flags & MS_RDONLY) ? ST_RDONLY : 0);
}

static int ext2_vfs_sync(struct super_block *sb)
{
	return ext2_sync(mnt_of_sb(sb)->fs);
}

/* Busy while any inode but the root is in use. */
static bool ext2_vfs_busy(struct super_block *sb)
{
	struct ext2_mount *mnt = mnt_of_sb(sb);

	return mnt->vnodes.next != mnt->vnodes.prev;
}

static void ext2_vfs_put_super(struct super_block *sb)
{
	struct ext2_mount *mnt = mnt_of_sb(sb);
	int err;

	iput(sb->root);
	err = ext2_unmount(mnt->fs);
	if (err)
		printk("ext2 %s: unmount: error %d\n", sb->source, err);
	buffer_invalidate_device(sb->bdev);
	kfree(mnt);
}

static const struct super_operations ext2_super_ops = {
	.statfs = ext2_vfs_statfs,
	.sync = ext2_vfs_sync,
	.busy = ext2_vfs_busy,
	.put_super = ext2_vfs_put_super,
};

static int ext2_vfs_mount(struct block_device *bd, unsigned long flags,
			  const char *data, struct super_block **out)
{
	struct ext2_mount *mnt = kzalloc(sizeof(*mnt));
	int err;

	(void)data;
	if (!mnt)
		return -ENOMEM;
	list_init(&mnt->vnodes);
	err = ext2_mount(bd, flags & MS_RDONLY, &mnt->fs);
	if (err) {
		kfree(mnt);
		return err;
	}
	mnt->sb.dev = bd->devnum;
	mnt->sb.ops = &ext2_super_ops;
	mnt->sb.fs_info = mnt;
	err = vnode_get(mnt, EXT2_ROOT_INO, &mnt->sb.root);
	if (!err && !S_ISDIR(mnt->sb.root->mode)) {
		printk("ext2 %s: the root inode is not a directory\n", bd->name);
		iput(mnt->sb.root);
		err = -EUCLEAN;
	}
	if (err) {
		ext2_unmount(mnt->fs);
		kfree(mnt);
		return err;
	}
	mnt->sb.root->parent = mnt->sb.root;
	*out = &mnt->sb;
	return 0;
}

const struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.needs_device = true,
	.mount = ext2_vfs_mount,
};
