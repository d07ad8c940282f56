/*
 * The mount table: file systems attached on top of directories, and the
 * mount(2), umount2(2) and sync(2) calls that change and use it.
 *
 * A mount covers a directory (the mount point) with the root of another
 * file system. Path lookup asks mount_cross() after every step, so a
 * walk that reaches the mount point carries on in the mounted root; the
 * mounted root takes the mount point's parent and name, so ".." and
 * getcwd leave it the way they came. The root ramfs, /proc and /sys are
 * the tree everything hangs from and are not in the table.
 *
 * The table, like the rest of the VFS, is guarded by the big kernel lock.
 */
#include <block.h>
#include <cred.h>
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/mount.h>

struct mount {
	struct list_head node;		/* in mounts, newest first */
	struct inode *mountpoint;	/* the covered directory (held) */
	struct super_block *sb;		/* what covers it */
	char target[128];		/* the path it was mounted on */
};

static LIST_HEAD_DECLARE(mounts);

/* The file system types mount(2) knows. */
extern const struct file_system_type ext2_fs_type;	/* ext2_vfs.c */
static const struct file_system_type *const fs_types[] = {
	&ext2_fs_type,
};

struct inode *mount_cross(struct inode *child)
{
	struct list_head *pos;

	/* Newest first: of two mounts on one directory the later wins. */
	list_for_each(pos, &mounts) {
		struct mount *m = list_entry(pos, struct mount, node);

		if (m->mountpoint == child) {
			iget(m->sb->root);
			iput(child);
			return mount_cross(m->sb->root);
		}
	}
	return child;
}

static struct mount *mount_of_root(struct inode *root)
{
	struct list_head *pos;

	list_for_each(pos, &mounts) {
		struct mount *m = list_entry(pos, struct mount, node);

		if (m->sb->root == root)
			return m;
	}
	return NULL;
}

static bool device_mounted(struct block_device *bd)
{
	struct list_head *pos;

	list_for_each(pos, &mounts)
		if (list_entry(pos, struct mount, node)->sb->bdev == bd)
			return true;
	return false;
}

/* A string argument of mount(2): copied in, or NULL when uptr is 0. */
static long get_optional_name(unsigned long uptr, char **out)
{
	*out = NULL;
	return uptr ? getname(uptr, out) : 0;
}

/* The block device a source path names: -ENOTBLK if it is not one,
 * -ENXIO if no disk has that number. */
static int source_device(const char *source, struct block_device **bd)
{
	struct inode *inode, *cwd = current_cwd();
	int err = path_walk(cwd, source, LOOKUP_FOLLOW, &inode);

	iput(cwd);
	if (err)
		return err;
	if (!S_ISBLK(inode->mode)) {
		iput(inode);
		return -ENOTBLK;
	}
	*bd = block_device_by_devnum(inode->rdev);
	iput(inode);
	return *bd ? 0 : -ENXIO;
}

/* Flags mount(2) accepts for a new mount; the rest are EINVAL. */
#define MOUNT_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | \
		     MS_SYNCHRONOUS | MS_DIRSYNC | MS_NOATIME | MS_NODIRATIME | \
		     MS_RELATIME | MS_STRICTATIME | MS_LAZYTIME | MS_SILENT | \
		     MS_NOSYMFOLLOW)

static long do_mount(const char *source, const char *target,
		     const char *type, unsigned long flags, const char *data)
{
	const struct file_system_type *fst = NULL;
	struct block_device *bd = NULL;
	struct super_block *sb;
	struct inode *point, *cwd;
	struct mount *m;
	unsigned int i;
	long err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE))
		return -EINVAL;		/* not supported (yet): say so */
	if (flags & ~MOUNT_FLAGS)
		return -EINVAL;
	if (!type)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(fs_types); i++)
		if (!strcmp(fs_types[i]->name, type))
			fst = fs_types[i];
	if (!fst)
		return -ENODEV;
	cwd = current_cwd();
	err = path_walk(cwd, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &point);
	iput(cwd);
	if (err)
		return err;
	if (fst->needs_device) {
		err = source ? source_device(source, &bd) : -EFAULT;
		if (!err && device_mounted(bd))
			err = -EBUSY;
		if (err)
			goto out_point;
	}
	m = kzalloc(sizeof(*m));
	if (!m) {
		err = -ENOMEM;
		goto out_point;
	}
	err = fst->mount(bd, flags, data, &sb);
	if (err) {
		kfree(m);
		goto out_point;
	}
	sb->type = fst->name;
	sb->flags = flags;
	sb->bdev = bd;
	strlcpy(sb->source, source ? source : "none", sizeof(sb->source));
	strlcpy(m->target, target, sizeof(m->target));
	/* The mounted root answers ".." and getcwd as the mount point would. */
	if (point->parent && point->name) {
		err = inode_set_dir_link(sb->root, point->parent, point->name,
					 strlen(point->name));
		if (err) {
			sb->ops->put_super(sb);
			kfree(m);
			goto out_point;
		}
	}
	m->mountpoint = point;		/* the walk's reference */
	m->sb = sb;
	list_add(&m->node, &mounts);
	return 0;

out_point:
	iput(point);
	return err;
}

long sys_mount(unsigned long usource, unsigned long utarget,
	       unsigned long utype, unsigned long flags, unsigned long udata)
{
	char *source = NULL, *target = NULL, *type = NULL, *data = NULL;
	long err;

	if (!cred_privileged(current))
		return -EPERM;
	err = getname(utarget, &target);
	if (err >= 0)
		err = get_optional_name(usource, &source);
	if (err >= 0)
		err = get_optional_name(utype, &type);
	if (err >= 0)
		err = get_optional_name(udata, &data);
	if (err >= 0)
		err = do_mount(source, target, type, flags, data);
	kfree(source);
	kfree(target);
	kfree(type);
	kfree(data);
	return err;
}

long sys_umount2(unsigned long utarget, int flags)
{
	struct inode *inode, *cwd;
	struct mount *m;
	char *target;
	long err;

	if (!cred_privileged(current))
		return -EPERM;
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	err = getname(utarget, &target);
	if (err < 0)
		return err;
	cwd = current_cwd();
	err = path_walk(cwd, target,
			(flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode);
	iput(cwd);
	kfree(target);
	if (err)
		return err;
	m = mount_of_root(inode);
	iput(inode);
	if (!m)
		return -EINVAL;		/* not a mount point */
	/* MNT_DETACH would let users go on until they let go; here a mount
	 * in use stays, whatever the flags. */
	if (m->sb->root->refcount > 1 || m->sb->ops->busy(m->sb))
		return -EBUSY;
	if (flags & MNT_EXPIRE)
		return -EAGAIN;		/* first call marks it: Linux's rule */
	list_del(&m->node);
	m->sb->ops->put_super(m->sb);
	iput(m->mountpoint);
	kfree(m);
	return 0;
}

int mounts_sync(void)
{
	struct list_head *pos;
	int err, first = 0;

	list_for_each(pos, &mounts) {
		struct super_block *sb = list_entry(pos, struct mount, node)->sb;

		if (sb->ops->sync && !(sb->flags & MS_RDONLY)) {
			err = sb->ops->sync(sb);
			if (err && !first)
				first = err;
		}
	}
	return first;
}

void mounts_show(void (*line)(void *ctx, const char *source,
			      const char *target, const char *type,
			      unsigned long flags), void *ctx)
{
	struct list_head *pos;

	/* Oldest first, as /proc/mounts lists them. */
	for (pos = mounts.prev; pos != &mounts; pos = pos->prev) {
		struct mount *m = list_entry(pos, struct mount, node);

		line(ctx, m->sb->source, m->target, m->sb->type, m->sb->flags);
	}
}
