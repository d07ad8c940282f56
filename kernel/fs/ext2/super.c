/*
 * ext2's superblock and group descriptors: mounting (finding the
 * superblock, checking that it describes a file system this code can
 * use, reading the group descriptor table), what the rest of ext2 asks
 * about the geometry, sync and unmount, statfs, and the error report.
 *
 * The superblock's buffer and the descriptor table's buffers are held for
 * as long as the file system is mounted, and changed in place: the free
 * counts in them are always current, so a sync only writes buffers.
 */
#include "ext2.h"
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <time.h>

static u32 clock_since_boot(void)
{
	return (u32)(ktime_get_ns() / NSEC_PER_SEC);
}

u32 (*ext2_clock)(void);

u32 ext2_now(void)
{
	return ext2_clock ? ext2_clock() : clock_since_boot();
}

void ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("ext2 (%s): corrupt: %s\n", fs->bdev->name, msg);
	WRITE_ONCE(fs->saw_errors, true);
}

struct buffer *ext2_bread(struct ext2_fs *fs, u32 blk)
{
	if (blk >= fs->blocks_count)
		return NULL;
	return buffer_read(fs->bdev, blk, fs->block_size);
}

struct ext2_group_desc *ext2_group(struct ext2_fs *fs, u32 group)
{
	struct buffer *b = fs->gd_bufs[group / fs->desc_per_block];

	return (struct ext2_group_desc *)b->data + group % fs->desc_per_block;
}

void ext2_group_dirty(struct ext2_fs *fs, u32 group)
{
	buffer_mark_dirty(fs->gd_bufs[group / fs->desc_per_block]);
}

void ext2_super_dirty(struct ext2_fs *fs)
{
	buffer_mark_dirty(fs->sb_buf);
}

/* Is n a power of base (1 counts)? */
static bool power_of(u32 n, u32 base)
{
	while (n > 1 && n % base == 0)
		n /= base;
	return n == 1;
}

/* With sparse_super only groups 0, 1 and the powers of 3, 5 and 7 keep a
 * copy of the superblock and descriptors; without it, every group does. */
bool ext2_group_has_super(struct ext2_fs *fs, u32 group)
{
	if (group <= 1 ||
	    !(fs->ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return power_of(group, 3) || power_of(group, 5) || power_of(group, 7);
}

static u32 group_first_block(struct ext2_fs *fs, u32 group)
{
	return fs->first_data_block + group * fs->blocks_per_group;
}

/* Blocks in group (the last one may be short). */
static u32 group_nr_blocks(struct ext2_fs *fs, u32 group)
{
	u32 first = group_first_block(fs, group);

	return MIN(fs->blocks_per_group, fs->blocks_count - first);
}

/* The superblock copy, descriptors and reserved descriptor blocks at the
 * start of a group that has them. */
static u32 group_super_blocks(struct ext2_fs *fs, u32 group)
{
	if (!ext2_group_has_super(fs, group))
		return 0;
	return 1 + fs->gdt_blocks + fs->reserved_gdt_blocks;
}

bool ext2_data_block_ok(struct ext2_fs *fs, u32 blk)
{
	struct ext2_group_desc *gd;
	u32 group, table;

	if (blk < fs->first_data_block || blk >= fs->blocks_count)
		return false;
	group = (blk - fs->first_data_block) / fs->blocks_per_group;
	if (blk - group_first_block(fs, group) < group_super_blocks(fs, group))
		return false;
	gd = ext2_group(fs, group);
	table = le32_to_cpu(gd->bg_inode_table);
	return blk != le32_to_cpu(gd->bg_block_bitmap) &&
	       blk != le32_to_cpu(gd->bg_inode_bitmap) &&
	       (blk < table || blk - table >= fs->itable_blocks);
}

/* Names of the features a mount refuses, for its message. */
struct feature_name {
	u32 bit;
	const char *name;
};

static const struct feature_name incompat_names[] = {
	{ 0x0001, "compression" }, { 0x0002, "filetype" },
	{ 0x0004, "needs_recovery" }, { 0x0008, "journal_dev" },
	{ 0x0010, "meta_bg" }, { 0x0040, "extent" }, { 0x0080, "64bit" },
	{ 0x0100, "mmp" }, { 0x0200, "flex_bg" }, { 0x0400, "ea_inode" },
	{ 0x1000, "dirdata" }, { 0x2000, "metadata_csum_seed" },
	{ 0x4000, "large_dir" }, { 0x8000, "inline_data" },
	{ 0x10000, "encrypt" }, { 0x20000, "casefold" },
};

static const struct feature_name ro_compat_names[] = {
	{ 0x0001, "sparse_super" }, { 0x0002, "large_file" },
	{ 0x0004, "btree_dir" }, { 0x0008, "huge_file" },
	{ 0x0010, "uninit_bg" }, { 0x0020, "dir_nlink" },
	{ 0x0040, "extra_isize" }, { 0x0100, "quota" },
	{ 0x0200, "bigalloc" }, { 0x0400, "metadata_csum" },
	{ 0x1000, "read-only" }, { 0x2000, "project" },
	{ 0x4000, "shared_blocks" }, { 0x8000, "verity" },
};

static void print_features(struct block_device *bd, const char *what,
			   u32 bits, const struct feature_name *names,
			   size_t nr)
{
	char list[160];
	size_t used = 0, i;

	list[0] = '\0';
	for (i = 0; i < nr && used < sizeof(list); i++)
		if (bits & names[i].bit)
			used += snprintf(list + used, sizeof(list) - used,
					 " %s", names[i].name);
	printk("ext2 (%s): unsupported %s features:%s (0x%x)\n", bd->name,
	       what, used ? list : " unknown", bits);
}

static int refuse(struct block_device *bd, const char *why, u32 value)
{
	printk("ext2 (%s): cannot mount: %s (%u)\n", bd->name, why, value);
	return -EINVAL;
}

static u32 div_up(u32 a, u32 b)
{
	return a / b + (a % b != 0);
}

/* Check the superblock and fill in fs's geometry. -EINVAL (after saying
 * why) for anything this code will not mount. */
static int check_super(struct ext2_fs *fs, const struct ext2_super_block *sb,
		       bool read_only)
{
	struct block_device *bd = fs->bdev;
	u32 log = le32_to_cpu(sb->s_log_block_size), incompat, ro_compat;
	u64 dev_blocks, inodes, map_blocks, limit_blocks, meta;

	if (le16_to_cpu(sb->s_magic) != EXT2_SUPER_MAGIC)
		return refuse(bd, "bad magic number", le16_to_cpu(sb->s_magic));
	fs->rev = le32_to_cpu(sb->s_rev_level);
	if (fs->rev > EXT2_DYNAMIC_REV)
		return refuse(bd, "revision too new", fs->rev);
	if (log > 2)
		return refuse(bd, "unsupported block size, log", log);
	fs->block_size = EXT2_MIN_BLOCK_SIZE << log;
	fs->block_shift = 10 + log;
	if (fs->block_size < bd->block_size)
		return refuse(bd, "block smaller than the device's sector",
			      fs->block_size);
	fs->addr_per_block = fs->block_size / 4;
	fs->addr_shift = fs->block_shift - 2;
	fs->desc_per_block = fs->block_size / sizeof(struct ext2_group_desc);

	if (fs->rev == EXT2_GOOD_OLD_REV) {
		fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
		fs->compat = incompat = ro_compat = 0;
	} else {
		fs->inode_size = le16_to_cpu(sb->s_inode_size);
		fs->first_ino = le32_to_cpu(sb->s_first_ino);
		fs->compat = le32_to_cpu(sb->s_feature_compat);
		incompat = le32_to_cpu(sb->s_feature_incompat);
		ro_compat = le32_to_cpu(sb->s_feature_ro_compat);
		if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE ||
		    fs->inode_size > fs->block_size ||
		    (fs->inode_size & (fs->inode_size - 1)))
			return refuse(bd, "bad inode size", fs->inode_size);
	}
	if (incompat & ~EXT2_INCOMPAT_SUPPORTED) {
		print_features(bd, "incompatible",
			       incompat & ~EXT2_INCOMPAT_SUPPORTED,
			       incompat_names, ARRAY_SIZE(incompat_names));
		return -EINVAL;
	}
	if ((ro_compat & ~EXT2_RO_COMPAT_SUPPORTED) && !read_only) {
		print_features(bd, "read-only compatible",
			       ro_compat & ~EXT2_RO_COMPAT_SUPPORTED,
			       ro_compat_names, ARRAY_SIZE(ro_compat_names));
		printk("ext2 (%s): can be mounted read-only only\n", bd->name);
		return -EINVAL;
	}
	fs->incompat = incompat;
	fs->ro_compat = ro_compat;
	fs->filetype = incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;

	fs->blocks_count = le32_to_cpu(sb->s_blocks_count);
	fs->inodes_count = le32_to_cpu(sb->s_inodes_count);
	fs->first_data_block = le32_to_cpu(sb->s_first_data_block);
	fs->blocks_per_group = le32_to_cpu(sb->s_blocks_per_group);
	fs->inodes_per_group = le32_to_cpu(sb->s_inodes_per_group);
	if (fs->first_data_block != (fs->block_size == 1024 ? 1U : 0U))
		return refuse(bd, "bad first data block",
			      fs->first_data_block);
	if (fs->blocks_per_group < 8 || fs->blocks_per_group % 8 ||
	    fs->blocks_per_group > 8 * fs->block_size)
		return refuse(bd, "bad blocks per group",
			      fs->blocks_per_group);
	if (!fs->inodes_per_group ||
	    fs->inodes_per_group > 8 * fs->block_size)
		return refuse(bd, "bad inodes per group",
			      fs->inodes_per_group);
	dev_blocks = bd->nr_sectors >> (fs->block_shift - SECTOR_SHIFT);
	if (fs->blocks_count <= fs->first_data_block ||
	    fs->blocks_count > dev_blocks)
		return refuse(bd, "block count does not fit the device",
			      fs->blocks_count);
	fs->groups_count = div_up(fs->blocks_count - fs->first_data_block,
				  fs->blocks_per_group);
	inodes = (u64)fs->inodes_per_group * fs->groups_count;
	if (inodes != fs->inodes_count)
		return refuse(bd, "inode count does not match the groups",
			      fs->inodes_count);
	if (fs->first_ino < EXT2_GOOD_OLD_FIRST_INO ||
	    fs->first_ino > fs->inodes_count)
		return refuse(bd, "bad first inode", fs->first_ino);
	fs->itable_blocks = div_up(fs->inodes_per_group * fs->inode_size,
				   fs->block_size);
	fs->gdt_blocks = div_up(fs->groups_count, fs->desc_per_block);
	fs->reserved_gdt_blocks = 0;
	if (fs->compat & EXT2_FEATURE_COMPAT_RESIZE_INODE)
		fs->reserved_gdt_blocks = le16_to_cpu(sb->s_reserved_gdt_blocks);
	if (fs->reserved_gdt_blocks > fs->addr_per_block)
		return refuse(bd, "bad reserved GDT blocks",
			      fs->reserved_gdt_blocks);
	if (1 + fs->gdt_blocks + fs->reserved_gdt_blocks + 2 +
	    fs->itable_blocks > fs->blocks_per_group)
		return refuse(bd, "group too small for its metadata",
			      fs->blocks_per_group);
	if (le32_to_cpu(sb->s_r_blocks_count) > fs->blocks_count)
		return refuse(bd, "more reserved blocks than blocks",
			      le32_to_cpu(sb->s_r_blocks_count));

	/* Files reach as far as the block map does, and no further than
	 * i_blocks (512-byte units, 32 bits) can count, indirect blocks
	 * included; revision 0 has no high half of i_size. */
	map_blocks = EXT2_NDIR_BLOCKS + (u64)fs->addr_per_block +
		     ((u64)fs->addr_per_block << fs->addr_shift) +
		     ((u64)fs->addr_per_block << (2 * fs->addr_shift));
	limit_blocks = 0xffffffffULL >> (fs->block_shift - SECTOR_SHIFT);
	meta = 3 + 2 * (u64)fs->addr_per_block +
	       ((u64)fs->addr_per_block << fs->addr_shift);
	limit_blocks -= meta;
	fs->max_file_size = MIN(map_blocks, limit_blocks) << fs->block_shift;
	if (fs->rev == EXT2_GOOD_OLD_REV)
		fs->max_file_size = MIN(fs->max_file_size, 0x7fffffffULL);
	return 0;
}

/* Every group's bitmaps and inode table inside the group, counts no
 * larger than what they count. -EUCLEAN after saying which. */
static int check_groups(struct ext2_fs *fs)
{
	u32 g;

	for (g = 0; g < fs->groups_count; g++) {
		struct ext2_group_desc *gd = ext2_group(fs, g);
		u32 first = group_first_block(fs, g);
		u32 end = first + group_nr_blocks(fs, g);
		u32 bb = le32_to_cpu(gd->bg_block_bitmap);
		u32 ib = le32_to_cpu(gd->bg_inode_bitmap);
		u32 it = le32_to_cpu(gd->bg_inode_table);
		const char *bad = NULL;

		if (bb < first || bb >= end)
			bad = "block bitmap not in its group";
		else if (ib < first || ib >= end)
			bad = "inode bitmap not in its group";
		else if (it < first || it >= end ||
			 end - it < fs->itable_blocks)
			bad = "inode table not in its group";
		else if (le16_to_cpu(gd->bg_free_blocks_count) >
			 group_nr_blocks(fs, g))
			bad = "free block count too large";
		else if (le16_to_cpu(gd->bg_free_inodes_count) >
			 fs->inodes_per_group ||
			 le16_to_cpu(gd->bg_used_dirs_count) >
			 fs->inodes_per_group)
			bad = "inode counts too large";
		if (bad) {
			ext2_corrupt(fs, "group %u: %s", g, bad);
			return -EUCLEAN;
		}
	}
	return 0;
}

static void count_overhead(struct ext2_fs *fs)
{
	u32 g;

	fs->overhead = fs->first_data_block;
	for (g = 0; g < fs->groups_count; g++)
		fs->overhead += group_super_blocks(fs, g) + 2 +
				fs->itable_blocks;
}

/* The totals in the superblock are the sums of the groups' counts: make
 * them so (they are only a summary, and may be stale). */
static void sum_free_counts(struct ext2_fs *fs)
{
	u32 blocks = 0, inodes = 0, g;

	for (g = 0; g < fs->groups_count; g++) {
		blocks += le16_to_cpu(ext2_group(fs, g)->bg_free_blocks_count);
		inodes += le16_to_cpu(ext2_group(fs, g)->bg_free_inodes_count);
	}
	fs->sb->s_free_blocks_count = cpu_to_le32(blocks);
	fs->sb->s_free_inodes_count = cpu_to_le32(inodes);
}

static void release_buffers(struct ext2_fs *fs)
{
	u32 i;

	if (fs->gd_bufs) {
		for (i = 0; i < fs->gdt_blocks; i++)
			if (fs->gd_bufs[i])
				buffer_put(fs->gd_bufs[i]);
		kfree(fs->gd_bufs);
	}
	if (fs->sb_buf)
		buffer_put(fs->sb_buf);
}

/* The superblock's block size, read around the buffer cache: the cache
 * knows blocks by their size, which is what we are looking for. */
static int probe_block_size(struct block_device *bd, u32 *log)
{
	u32 len = ALIGN_UP(2 * EXT2_SUPER_OFFSET, MAX(bd->block_size, 512U));
	struct ext2_super_block *sb;
	char *buf;
	int err;

	if (bd->nr_sectors < len / SECTOR_SIZE)
		return refuse(bd, "device too small, sectors",
			      (u32)bd->nr_sectors);
	buf = kmalloc(len);
	if (!buf)
		return -ENOMEM;
	err = block_rw(bd, BLOCK_READ, 0, buf, len / SECTOR_SIZE);
	sb = (struct ext2_super_block *)(buf + EXT2_SUPER_OFFSET);
	if (!err && le16_to_cpu(sb->s_magic) != EXT2_SUPER_MAGIC)
		err = refuse(bd, "bad magic number", le16_to_cpu(sb->s_magic));
	if (!err && le32_to_cpu(sb->s_log_block_size) > 2)
		err = refuse(bd, "unsupported block size, log",
			     le32_to_cpu(sb->s_log_block_size));
	if (!err)
		*log = le32_to_cpu(sb->s_log_block_size);
	kfree(buf);
	return err;
}

static int read_super(struct ext2_fs *fs, bool read_only)
{
	struct block_device *bd = fs->bdev;
	u32 log, bs, blk, off, i;
	int err = probe_block_size(bd, &log);

	if (err)
		return err;
	bs = EXT2_MIN_BLOCK_SIZE << log;
	if (bs < bd->block_size)
		return refuse(bd, "block smaller than the device's sector", bs);
	blk = EXT2_SUPER_OFFSET / bs;
	off = EXT2_SUPER_OFFSET % bs;
	fs->sb_buf = buffer_read(bd, blk, bs);
	if (!fs->sb_buf)
		return -EIO;
	fs->sb = (struct ext2_super_block *)((char *)fs->sb_buf->data + off);
	err = check_super(fs, fs->sb, read_only);
	if (err)
		return err;
	if (fs->block_size != bs)
		return refuse(bd, "superblock changed while mounting", bs);

	fs->gd_bufs = kzalloc(fs->gdt_blocks * sizeof(*fs->gd_bufs));
	if (!fs->gd_bufs)
		return -ENOMEM;
	for (i = 0; i < fs->gdt_blocks; i++) {
		fs->gd_bufs[i] = ext2_bread(fs, fs->first_data_block + 1 + i);
		if (!fs->gd_bufs[i])
			return -EIO;
	}
	return check_groups(fs);
}

int ext2_mount(struct block_device *bd, bool read_only, struct ext2_fs **out)
{
	struct ext2_fs *fs = kzalloc(sizeof(*fs));
	struct ext2_super_block *sb;
	u32 i;
	int err;

	if (!fs)
		return -ENOMEM;
	if (bd->read_only)
		read_only = true;
	fs->bdev = bd;
	fs->read_only = read_only;
	spin_lock_init(&fs->icache_lock, "ext2_fs.icache_lock");
	for (i = 0; i < EXT2_ICACHE_BUCKETS; i++)
		list_init(&fs->icache[i]);
	err = read_super(fs, read_only);
	if (err)
		goto fail;
	sb = fs->sb;
	count_overhead(fs);
	fs->state_at_mount = le16_to_cpu(sb->s_state);
	if (!read_only) {
		if (!(fs->state_at_mount & EXT2_VALID_FS))
			printk("ext2 (%s): warning: mounting a file system "
			       "not cleanly unmounted; run e2fsck\n", bd->name);
		else if (fs->state_at_mount & EXT2_ERROR_FS)
			printk("ext2 (%s): warning: mounting a file system "
			       "with errors; run e2fsck\n", bd->name);
		sum_free_counts(fs);
		for (i = 0; i < fs->gdt_blocks; i++)
			buffer_mark_dirty(fs->gd_bufs[i]);
		sb->s_state = cpu_to_le16(fs->state_at_mount & ~EXT2_VALID_FS);
		sb->s_mnt_count = cpu_to_le16(le16_to_cpu(sb->s_mnt_count) + 1);
		sb->s_mtime = sb->s_wtime = cpu_to_le32(ext2_now());
		buffer_mark_dirty(fs->sb_buf);
		/* "Not clean" must be on the disk before anything else is. */
		err = buffer_write(fs->sb_buf);
		if (err)
			goto fail;
	}
	*out = fs;
	return 0;
fail:
	release_buffers(fs);
	buffer_invalidate_device(bd);
	kfree(fs);
	return err;
}

/* The superblock's summary of this mount, before it is written. */
static void super_update(struct ext2_fs *fs, bool unmounting)
{
	struct ext2_super_block *sb = fs->sb;
	u16 state = le16_to_cpu(sb->s_state);

	if (unmounting)
		state = fs->state_at_mount;
	if (READ_ONCE(fs->saw_errors))
		state |= EXT2_ERROR_FS;
	sb->s_state = cpu_to_le16(state);
	sb->s_wtime = cpu_to_le32(ext2_now());
	buffer_mark_dirty(fs->sb_buf);
}

int ext2_sync(struct ext2_fs *fs)
{
	int err;

	down_write(&fs->lock);
	if (!fs->read_only)
		super_update(fs, false);
	err = fs->read_only ? 0 : buffer_sync_device(fs->bdev);
	up_write(&fs->lock);
	return err;
}

int ext2_unmount(struct ext2_fs *fs)
{
	unsigned long flags;
	bool busy;
	int err = 0;

	down_write(&fs->lock);
	flags = spin_lock_irqsave(&fs->icache_lock);
	busy = fs->nr_cached != 0;
	spin_unlock_irqrestore(&fs->icache_lock, flags);
	if (busy) {
		up_write(&fs->lock);
		return -EBUSY;
	}
	if (!fs->read_only) {
		super_update(fs, true);
		err = buffer_sync_device(fs->bdev);
	}
	release_buffers(fs);
	up_write(&fs->lock);
	buffer_invalidate_device(fs->bdev);
	kfree(fs);
	return err;
}

void ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st)
{
	u32 reserved;

	down_read(&fs->lock);
	reserved = le32_to_cpu(fs->sb->s_r_blocks_count);
	st->magic = EXT2_SUPER_MAGIC;
	st->bsize = fs->block_size;
	st->blocks = fs->blocks_count - MIN(fs->overhead, fs->blocks_count);
	st->bfree = le32_to_cpu(fs->sb->s_free_blocks_count);
	st->bavail = st->bfree > reserved ? st->bfree - reserved : 0;
	st->files = fs->inodes_count;
	st->ffree = le32_to_cpu(fs->sb->s_free_inodes_count);
	st->namelen = EXT2_NAME_LEN;
	up_read(&fs->lock);
}
