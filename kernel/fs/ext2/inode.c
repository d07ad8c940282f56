/*
 * ext2 inodes: finding one in its group's inode table, reading it into
 * the one in-memory copy (the per-fs inode cache makes sure there is one),
 * writing it back, attributes, and freeing an inode whose last name and
 * last reference are gone (its blocks, its share of an extended-attribute
 * block, its bit in the inode bitmap).
 *
 * Fields this code does not know (the osd bytes, in-inode extended
 * attributes, the high bits of the time fields) are left as they are on
 * the disk: writing an inode changes only what ext2 keeps in memory.
 */
#include "ext2.h"
#include <kmalloc.h>
#include <string.h>

static struct list_head *bucket(struct ext2_fs *fs, u32 ino)
{
	return &fs->icache[ino % EXT2_ICACHE_BUCKETS];
}

/* The cached inode ino with one more reference, or NULL; icache_lock
 * held. */
static struct ext2_inode *cache_find(struct ext2_fs *fs, u32 ino)
{
	struct list_head *pos;

	list_for_each(pos, bucket(fs, ino)) {
		struct ext2_inode *ei =
			list_entry(pos, struct ext2_inode, hash_node);

		if (ei->ino == ino) {
			ei->refcount++;
			return ei;
		}
	}
	return NULL;
}

/* The inode table block holding ino, and where in it. */
static struct buffer *inode_buffer(struct ext2_fs *fs, u32 ino,
				   struct ext2_disk_inode **raw)
{
	u32 group = (ino - 1) / fs->inodes_per_group;
	u32 index = (ino - 1) % fs->inodes_per_group;
	u32 table = le32_to_cpu(ext2_group(fs, group)->bg_inode_table);
	u32 byte = index * fs->inode_size;
	struct buffer *b = ext2_bread(fs, table + (byte >> fs->block_shift));

	if (b)
		*raw = (struct ext2_disk_inode *)((char *)b->data +
			(byte & (fs->block_size - 1)));
	return b;
}

static bool ino_ok(struct ext2_fs *fs, u32 ino)
{
	return ino >= 1 && ino <= fs->inodes_count;
}

static bool mode_ok(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR:
	case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return true;
	}
	return false;
}

static int read_inode(struct ext2_fs *fs, u32 ino, struct ext2_inode *ei)
{
	struct ext2_disk_inode *raw;
	struct buffer *b;
	int i;

	if (!ino_ok(fs, ino)) {
		ext2_corrupt(fs, "inode number %u out of range", ino);
		return -EUCLEAN;
	}
	b = inode_buffer(fs, ino, &raw);
	if (!b)
		return -EIO;
	ei->fs = fs;
	ei->ino = ino;
	ei->mode = le16_to_cpu(raw->i_mode);
	ei->uid = le16_to_cpu(raw->i_uid) |
		  (u32)le16_to_cpu(raw->i_uid_high) << 16;
	ei->gid = le16_to_cpu(raw->i_gid) |
		  (u32)le16_to_cpu(raw->i_gid_high) << 16;
	ei->nlink = le16_to_cpu(raw->i_links_count);
	ei->size = le32_to_cpu(raw->i_size);
	if (S_ISREG(ei->mode))
		ei->size |= (u64)le32_to_cpu(raw->i_size_high) << 32;
	ei->atime = le32_to_cpu(raw->i_atime);
	ei->ctime = le32_to_cpu(raw->i_ctime);
	ei->mtime = le32_to_cpu(raw->i_mtime);
	ei->dtime = le32_to_cpu(raw->i_dtime);
	ei->flags = le32_to_cpu(raw->i_flags);
	ei->blocks = le32_to_cpu(raw->i_blocks);
	for (i = 0; i < EXT2_N_BLOCKS; i++)
		ei->block[i] = le32_to_cpu(raw->i_block[i]);
	ei->file_acl = le32_to_cpu(raw->i_file_acl);
	ei->generation = le32_to_cpu(raw->i_generation);
	buffer_put(b);

	if (!ei->nlink) {
		ext2_corrupt(fs, "deleted inode %u referenced", ino);
		return -EUCLEAN;
	}
	if (!mode_ok(ei->mode)) {
		ext2_corrupt(fs, "inode %u has bad mode 0%o", ino, ei->mode);
		return -EUCLEAN;
	}
	if (ei->flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL)) {
		ext2_corrupt(fs, "inode %u uses extents or inline data", ino);
		return -EUCLEAN;
	}
	return 0;
}

int ext2_write_inode(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	struct ext2_disk_inode *raw;
	struct buffer *b = inode_buffer(fs, ei->ino, &raw);
	u32 extra;
	int i;

	if (!b)
		return -EIO;
	raw->i_mode = cpu_to_le16((u16)ei->mode);
	raw->i_uid = cpu_to_le16((u16)ei->uid);
	raw->i_uid_high = cpu_to_le16((u16)(ei->uid >> 16));
	raw->i_gid = cpu_to_le16((u16)ei->gid);
	raw->i_gid_high = cpu_to_le16((u16)(ei->gid >> 16));
	raw->i_links_count = cpu_to_le16((u16)ei->nlink);
	raw->i_size = cpu_to_le32((u32)ei->size);
	if (S_ISREG(ei->mode)) {
		raw->i_size_high = cpu_to_le32((u32)(ei->size >> 32));
		if (ei->size > 0x7fffffffULL &&
		    !(fs->ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
			/* The first file past 2 GiB: tell older readers. */
			fs->ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
			fs->sb->s_feature_ro_compat = cpu_to_le32(
				le32_to_cpu(fs->sb->s_feature_ro_compat) |
				EXT2_FEATURE_RO_COMPAT_LARGE_FILE);
			ext2_super_dirty(fs);
		}
	}
	raw->i_atime = cpu_to_le32(ei->atime);
	raw->i_ctime = cpu_to_le32(ei->ctime);
	raw->i_mtime = cpu_to_le32(ei->mtime);
	raw->i_dtime = cpu_to_le32(ei->dtime);
	raw->i_flags = cpu_to_le32(ei->flags);
	raw->i_blocks = cpu_to_le32(ei->blocks);
	for (i = 0; i < EXT2_N_BLOCKS; i++)
		raw->i_block[i] = cpu_to_le32(ei->block[i]);
	raw->i_file_acl = cpu_to_le32(ei->file_acl);
	raw->i_generation = cpu_to_le32(ei->generation);
	/* Our times are whole seconds: their nanoseconds (and epoch bits)
	 * are zero, where the inode has room for them. */
	extra = fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE ?
		le16_to_cpu(raw->i_extra_isize) : 0;
	if (extra >= offsetof(struct ext2_disk_inode, i_crtime) - 128) {
		raw->i_ctime_extra = cpu_to_le32(0);
		raw->i_mtime_extra = cpu_to_le32(0);
		raw->i_atime_extra = cpu_to_le32(0);
	}
	buffer_mark_dirty(b);
	buffer_put(b);
	return 0;
}

int ext2_iget_locked(struct ext2_fs *fs, u32 ino, struct ext2_inode **out)
{
	struct ext2_inode *ei, *found;
	unsigned long flags;
	int err;

	flags = spin_lock_irqsave(&fs->icache_lock);
	found = cache_find(fs, ino);
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	if (found) {
		*out = found;
		return 0;
	}
	ei = kzalloc(sizeof(*ei));
	if (!ei)
		return -ENOMEM;
	err = read_inode(fs, ino, ei);
	if (err) {
		kfree(ei);
		return err;
	}
	/* Readers look up side by side: another may have won the race. */
	flags = spin_lock_irqsave(&fs->icache_lock);
	found = cache_find(fs, ino);
	if (!found) {
		ei->refcount = 1;
		list_add(&ei->hash_node, bucket(fs, ino));
		fs->nr_cached++;
	}
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	if (found) {
		kfree(ei);
		ei = found;
	}
	*out = ei;
	return 0;
}

int ext2_iget(struct ext2_fs *fs, u32 ino, struct ext2_inode **out)
{
	int err;

	down_read(&fs->lock);
	err = ext2_iget_locked(fs, ino, out);
	up_read(&fs->lock);
	return err;
}

void ext2_igrab(struct ext2_inode *ei)
{
	unsigned long flags = spin_lock_irqsave(&ei->fs->icache_lock);

	ei->refcount++;
	spin_unlock_irqrestore(&ei->fs->icache_lock, flags);
}

int ext2_inode_new(struct ext2_fs *fs, u32 ino, u32 mode,
		   struct ext2_inode **out)
{
	struct ext2_disk_inode *raw;
	struct ext2_inode *ei, *old;
	unsigned long flags;
	struct buffer *b;
	u32 want, crtime_end, times_end;

	flags = spin_lock_irqsave(&fs->icache_lock);
	old = cache_find(fs, ino);
	if (old)
		old->refcount--;
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	if (old) {
		ext2_corrupt(fs, "inode %u in use but free in its bitmap", ino);
		return -EUCLEAN;
	}
	ei = kzalloc(sizeof(*ei));
	if (!ei)
		return -ENOMEM;
	b = inode_buffer(fs, ino, &raw);
	if (!b) {
		kfree(ei);
		return -EIO;
	}
	/* Nothing of the slot's last tenant survives: no stale in-inode
	 * attributes, no stale high bits. Large inodes get the extra
	 * fields the superblock asks for, at least up to the creation
	 * time, which is now. */
	memset(raw, 0, fs->inode_size);
	if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		crtime_end = offsetof(struct ext2_disk_inode, i_crtime_extra) +
			     4 - EXT2_GOOD_OLD_INODE_SIZE;
		times_end = offsetof(struct ext2_disk_inode, i_crtime) + 4 -
			    EXT2_GOOD_OLD_INODE_SIZE;
		want = fs->rev ? le16_to_cpu(fs->sb->s_want_extra_isize) : 0;
		want = MIN(MAX(want, crtime_end),
			   fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE) & ~3U;
		raw->i_extra_isize = cpu_to_le16((u16)want);
		if (want >= times_end)
			raw->i_crtime = cpu_to_le32(ext2_now());
	}
	buffer_mark_dirty(b);
	buffer_put(b);

	ei->fs = fs;
	ei->ino = ino;
	ei->mode = mode;
	ei->atime = ei->ctime = ei->mtime = ext2_now();
	ei->generation = ext2_now() ^ (ino * 2654435761u);
	ei->refcount = 1;
	flags = spin_lock_irqsave(&fs->icache_lock);
	list_add(&ei->hash_node, bucket(fs, ino));
	fs->nr_cached++;
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	*out = ei;
	return 0;
}

bool ext2_is_fast_symlink(const struct ext2_inode *ei)
{
	u32 acl = ei->file_acl ? ei->fs->block_size / 512 : 0;

	return S_ISLNK(ei->mode) && ei->blocks <= acl;
}

bool ext2_has_block_map(const struct ext2_inode *ei)
{
	return S_ISREG(ei->mode) || S_ISDIR(ei->mode) ||
	       (S_ISLNK(ei->mode) && !ext2_is_fast_symlink(ei));
}

u8 ext2_mode_to_ftype(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

void ext2_touch(struct ext2_inode *ei, bool data)
{
	u32 now = ext2_now();

	if (data)
		ei->mtime = now;
	ei->ctime = now;
}

/* Give back this inode's share of its extended-attribute block. */
static void release_xattr_block(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	struct ext2_xattr_header *h;
	u32 blk = ei->file_acl, refs;
	struct buffer *b;

	ei->file_acl = 0;
	if (!ext2_data_block_ok(fs, blk)) {
		ext2_corrupt(fs, "inode %u: attribute block %u out of range",
			     ei->ino, blk);
		return;
	}
	b = ext2_bread(fs, blk);
	if (!b)
		return;
	h = b->data;
	if (le32_to_cpu(h->h_magic) != EXT2_XATTR_MAGIC ||
	    le32_to_cpu(h->h_blocks) != 1) {
		buffer_put(b);
		ext2_corrupt(fs, "inode %u: bad attribute block %u", ei->ino,
			     blk);
		return;
	}
	refs = le32_to_cpu(h->h_refcount);
	if (refs > 1) {
		h->h_refcount = cpu_to_le32(refs - 1);
		buffer_mark_dirty(b);
	}
	buffer_put(b);
	if (refs <= 1)
		ext2_free_block(fs, blk);
	ei->blocks -= MIN(ei->blocks, fs->block_size / 512);
}

/* The last name and the last reference are gone. */
static void delete_inode(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;

	if (ext2_has_block_map(ei))
		ext2_free_blocks_from(ei, 0);
	if (ei->file_acl)
		release_xattr_block(ei);
	ei->size = 0;
	ei->dtime = ext2_now();
	if (!ei->dtime)
		ei->dtime = 1;		/* zero would mean "not deleted" */
	ext2_write_inode(ei);
	ext2_free_inode(fs, ei->ino, S_ISDIR(ei->mode));
}

void ext2_iput_locked(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	unsigned long flags = spin_lock_irqsave(&fs->icache_lock);
	bool last = --ei->refcount == 0;

	if (last) {
		list_del(&ei->hash_node);
		fs->nr_cached--;
	}
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	if (!last)
		return;
	if (!ei->nlink && !fs->read_only)
		delete_inode(ei);
	kfree(ei);
}

void ext2_iput(struct ext2_inode *ei)
{
	struct ext2_fs *fs;
	unsigned long flags;
	bool more;

	if (!ei)
		return;
	fs = ei->fs;
	/* Only the last reference needs the file system. */
	flags = spin_lock_irqsave(&fs->icache_lock);
	more = ei->refcount > 1;
	if (more)
		ei->refcount--;
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	if (more)
		return;
	down_write(&fs->lock);
	ext2_iput_locked(ei);
	up_write(&fs->lock);
}

/* Device numbers: the old 8:8 encoding in i_block[0] when it fits, else
 * i_block[1] in Linux's new encoding (which is mkdev()'s). */
static u32 decode_rdev(const struct ext2_inode *ei)
{
	u32 old = ei->block[0];

	if (old)
		return mkdev((old >> 8) & 0xff, old & 0xff);
	return ei->block[1];
}

void ext2_set_rdev(struct ext2_inode *ei, u32 rdev)
{
	u32 major = (rdev >> 8) & 0xfff;
	u32 minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);

	if (major < 256 && minor < 256) {
		ei->block[0] = major << 8 | minor;
		ei->block[1] = 0;
	} else {
		ei->block[0] = 0;
		ei->block[1] = rdev;
	}
}

void ext2_getattr(struct ext2_inode *ei, struct ext2_attr *a)
{
	struct ext2_fs *fs = ei->fs;

	down_read(&fs->lock);
	a->ino = ei->ino;
	a->mode = ei->mode;
	a->nlink = ei->nlink;
	a->uid = ei->uid;
	a->gid = ei->gid;
	a->rdev = S_ISCHR(ei->mode) || S_ISBLK(ei->mode) ? decode_rdev(ei) : 0;
	a->size = ei->size;
	a->blocks = ei->blocks;
	a->blksize = fs->block_size;
	a->atime = ei->atime;
	a->mtime = ei->mtime;
	a->ctime = ei->ctime;
	up_read(&fs->lock);
}

static int setattr_locked(struct ext2_inode *ei, const struct ext2_setattr *sa)
{
	struct ext2_fs *fs = ei->fs;
	u32 now = ext2_now();
	int err;

	if (fs->read_only)
		return -EROFS;
	if (sa->valid & EXT2_SET_SIZE) {
		if (S_ISDIR(ei->mode))
			return -EISDIR;
		if (!S_ISREG(ei->mode))
			return -EINVAL;
		if (sa->size > fs->max_file_size)
			return -EFBIG;
		err = ext2_set_size(ei, sa->size);
		if (err)
			return err;
		ei->mtime = now;
	}
	if (sa->valid & EXT2_SET_MODE)
		ei->mode = (ei->mode & S_IFMT) | (sa->mode & 07777);
	if (sa->valid & EXT2_SET_UID)
		ei->uid = sa->uid;
	if (sa->valid & EXT2_SET_GID)
		ei->gid = sa->gid;
	if (sa->valid & EXT2_SET_ATIME)
		ei->atime = sa->atime;
	if (sa->valid & EXT2_SET_MTIME)
		ei->mtime = sa->mtime;
	ei->ctime = sa->valid & EXT2_SET_CTIME ? sa->ctime : now;
	return ext2_write_inode(ei);
}

int ext2_setattr(struct ext2_inode *ei, const struct ext2_setattr *sa)
{
	int err;

	down_write(&ei->fs->lock);
	err = setattr_locked(ei, sa);
	up_write(&ei->fs->lock);
	return err;
}

int ext2_truncate(struct ext2_inode *ei, u64 size)
{
	struct ext2_setattr sa = { .valid = EXT2_SET_SIZE, .size = size };

	return ext2_setattr(ei, &sa);
}
