/*
 * ext2 directories: a directory's data is a list of records (struct
 * ext2_dirent) in each of its blocks, which no record crosses; each
 * record's rec_len reaches the next one, and the last reaches the end of
 * the block. Looking a name up, adding one (in a free record, in the
 * slack at the end of a record, or in a new block), removing one (the
 * record joins the one before it, or becomes free if it is a block's
 * first), the "." and ".." records, and listing with positions that are
 * byte offsets in the directory.
 *
 * Every block is checked whole when it is read, before any record in it
 * is used. Hashed-tree (dir_index) directories read as the plain lists
 * they also are; a change here drops their index flag, since it leaves
 * the index behind.
 */
#include "ext2.h"
#include <string.h>
#include <uapi/dirent.h>

static struct ext2_dirent *rec_at(struct buffer *b, u32 off)
{
	return (struct ext2_dirent *)((char *)b->data + off);
}

static u32 name_len_of(struct ext2_fs *fs, const struct ext2_dirent *de)
{
	return fs->filetype ? de->name_len : de->name_len | de->file_type << 8;
}

static void set_record(struct ext2_fs *fs, struct ext2_dirent *de, u32 ino,
		       const char *name, size_t len, u32 mode, u32 rec_len)
{
	de->inode = cpu_to_le32(ino);
	de->rec_len = cpu_to_le16((u16)rec_len);
	de->name_len = (u8)len;
	de->file_type = fs->filetype ? ext2_mode_to_ftype(mode) : 0;
	memcpy(de->name, name, len);
}

static int check_block(struct ext2_inode *dir, u32 idx, struct buffer *b)
{
	struct ext2_fs *fs = dir->fs;
	u32 off = 0;

	while (off < fs->block_size) {
		struct ext2_dirent *de = rec_at(b, off);
		const char *why = NULL;
		u32 rec = 0, nl = 0;

		if (fs->block_size - off < EXT2_DIRENT_HEADER) {
			why = "record header past the block's end";
		} else {
			rec = le16_to_cpu(de->rec_len);
			nl = name_len_of(fs, de);
			if (rec < EXT2_DIRENT_HEADER || rec % 4)
				why = "bad record length";
			else if (rec > fs->block_size - off)
				why = "record past the block's end";
			else if (rec < EXT2_DIR_REC_LEN(nl))
				why = "name longer than its record";
			else if (le32_to_cpu(de->inode) > fs->inodes_count)
				why = "inode number out of range";
			else if (le32_to_cpu(de->inode) && !nl)
				why = "empty name";
		}
		if (why) {
			ext2_corrupt(fs, "directory %u, block %u, offset %u: %s",
				     dir->ino, idx, off, why);
			return -EUCLEAN;
		}
		off += rec;
	}
	return 0;
}

static int dir_nr_blocks(struct ext2_inode *dir, u32 *n)
{
	struct ext2_fs *fs = dir->fs;

	if (dir->size & (fs->block_size - 1) || dir->size > 0xffffffffULL) {
		ext2_corrupt(fs, "directory %u: bad size %llu", dir->ino,
			     (unsigned long long)dir->size);
		return -EUCLEAN;
	}
	*n = (u32)(dir->size >> fs->block_shift);
	return 0;
}

/* Block idx of dir, checked. */
static int dir_block(struct ext2_inode *dir, u32 idx, struct buffer **out)
{
	struct ext2_fs *fs = dir->fs;
	struct buffer *b;
	u32 blk;
	int err = ext2_map_block(dir, idx, false, &blk, NULL);

	if (err)
		return err;
	if (!blk) {
		ext2_corrupt(fs, "directory %u has a hole at block %u",
			     dir->ino, idx);
		return -EUCLEAN;
	}
	b = ext2_bread(fs, blk);
	if (!b)
		return -EIO;
	err = check_block(dir, idx, b);
	if (err) {
		buffer_put(b);
		return err;
	}
	*out = b;
	return 0;
}

/* Where a record is: its block (held), its offset, the offset of the
 * record before it in the block (NO_PREV for the first). */
#define NO_PREV 0xffffffffU
struct dir_loc {
	struct buffer *b;
	u32 off, prev;
};

static bool matches(struct ext2_fs *fs, const struct ext2_dirent *de,
		    const char *name, size_t len)
{
	return le32_to_cpu(de->inode) && name_len_of(fs, de) == len &&
	       !memcmp(de->name, name, len);
}

static int find_entry(struct ext2_inode *dir, const char *name, size_t len,
		      struct dir_loc *loc)
{
	struct ext2_fs *fs = dir->fs;
	u32 n, idx;
	int err;

	if (!dir->nlink)
		return -ENOENT;		/* removed, still held */
	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	err = dir_nr_blocks(dir, &n);
	if (err)
		return err;
	for (idx = 0; idx < n; idx++) {
		struct buffer *b;
		u32 off = 0, prev = NO_PREV;

		err = dir_block(dir, idx, &b);
		if (err)
			return err;
		while (off < fs->block_size) {
			struct ext2_dirent *de = rec_at(b, off);

			if (matches(fs, de, name, len)) {
				loc->b = b;
				loc->off = off;
				loc->prev = prev;
				return 0;
			}
			prev = off;
			off += le16_to_cpu(de->rec_len);
		}
		buffer_put(b);
	}
	return -ENOENT;
}

int ext2_dir_find(struct ext2_inode *dir, const char *name, size_t len,
		  u32 *ino)
{
	struct dir_loc loc;
	int err = find_entry(dir, name, len, &loc);

	if (err)
		return err;
	*ino = le32_to_cpu(rec_at(loc.b, loc.off)->inode);
	buffer_put(loc.b);
	return 0;
}

/* The directory's records changed. */
static int dir_changed(struct ext2_inode *dir)
{
	dir->flags &= ~EXT2_INDEX_FL;
	ext2_touch(dir, true);
	return ext2_write_inode(dir);
}

/* Put the record in b at off if it fits there: in a free record, or
 * after the name of a used one. */
static bool try_place(struct ext2_inode *dir, struct buffer *b, u32 off,
		      const char *name, size_t len, u32 ino, u32 mode)
{
	struct ext2_fs *fs = dir->fs;
	struct ext2_dirent *de = rec_at(b, off);
	u32 rec = le16_to_cpu(de->rec_len), need = EXT2_DIR_REC_LEN(len);
	u32 used = le32_to_cpu(de->inode) ?
		   EXT2_DIR_REC_LEN(name_len_of(fs, de)) : 0;

	if (rec - used < need)
		return false;
	if (used) {
		de->rec_len = cpu_to_le16((u16)used);
		de = rec_at(b, off + used);
	}
	set_record(fs, de, ino, name, len, mode, rec - used);
	buffer_mark_dirty(b);
	return true;
}

int ext2_dir_add(struct ext2_inode *dir, const char *name, size_t len,
		 u32 ino, u32 mode)
{
	struct ext2_fs *fs = dir->fs;
	struct buffer *b;
	bool fresh;
	u32 n, idx, blk;
	int err;

	if (!dir->nlink)
		return -ENOENT;
	err = dir_nr_blocks(dir, &n);
	if (err)
		return err;
	for (idx = 0; idx < n; idx++) {
		u32 off = 0;

		err = dir_block(dir, idx, &b);
		if (err)
			return err;
		while (off < fs->block_size) {
			if (try_place(dir, b, off, name, len, ino, mode)) {
				buffer_put(b);
				return dir_changed(dir);
			}
			off += le16_to_cpu(rec_at(b, off)->rec_len);
		}
		buffer_put(b);
	}
	/* No room: one more block, a single free record to start with. */
	if ((u64)(n + 1) << fs->block_shift > 0xffffffffULL)
		return -ENOSPC;
	err = ext2_map_block(dir, n, true, &blk, &fresh);
	if (err)
		return err;
	b = buffer_get(fs->bdev, blk, fs->block_size);
	if (!b) {
		ext2_free_blocks_from(dir, n);
		return -ENOMEM;
	}
	memset(b->data, 0, fs->block_size);
	set_record(fs, rec_at(b, 0), ino, name, len, mode, fs->block_size);
	buffer_mark_dirty(b);
	buffer_put(b);
	dir->size += fs->block_size;
	return dir_changed(dir);
}

int ext2_dir_remove(struct ext2_inode *dir, const char *name, size_t len)
{
	struct dir_loc loc;
	struct ext2_dirent *de;
	int err = find_entry(dir, name, len, &loc);

	if (err)
		return err;
	de = rec_at(loc.b, loc.off);
	if (loc.prev == NO_PREV) {
		de->inode = cpu_to_le32(0);
	} else {
		struct ext2_dirent *prev = rec_at(loc.b, loc.prev);

		prev->rec_len = cpu_to_le16(le16_to_cpu(prev->rec_len) +
					    le16_to_cpu(de->rec_len));
	}
	buffer_mark_dirty(loc.b);
	buffer_put(loc.b);
	return dir_changed(dir);
}

int ext2_dir_retarget(struct ext2_inode *dir, const char *name, size_t len,
		      u32 ino, u32 mode)
{
	struct dir_loc loc;
	struct ext2_dirent *de;
	int err = find_entry(dir, name, len, &loc);

	if (err)
		return err;
	de = rec_at(loc.b, loc.off);
	de->inode = cpu_to_le32(ino);
	if (dir->fs->filetype)
		de->file_type = ext2_mode_to_ftype(mode);
	buffer_mark_dirty(loc.b);
	buffer_put(loc.b);
	return dir_changed(dir);
}

int ext2_dir_init(struct ext2_inode *dir, u32 parent)
{
	struct ext2_fs *fs = dir->fs;
	struct buffer *b;
	u32 blk, dot = EXT2_DIR_REC_LEN(1);
	int err = ext2_map_block(dir, 0, true, &blk, NULL);

	if (err)
		return err;
	b = buffer_get(fs->bdev, blk, fs->block_size);
	if (!b)
		return -ENOMEM;
	memset(b->data, 0, fs->block_size);
	set_record(fs, rec_at(b, 0), dir->ino, ".", 1, S_IFDIR, dot);
	set_record(fs, rec_at(b, dot), parent, "..", 2, S_IFDIR,
		   fs->block_size - dot);
	buffer_mark_dirty(b);
	buffer_put(b);
	dir->size = fs->block_size;
	return ext2_write_inode(dir);
}

/* The ".." record: the second of block 0, after ".". */
static int dotdot(struct ext2_inode *dir, struct dir_loc *loc)
{
	struct ext2_fs *fs = dir->fs;
	struct ext2_dirent *de;
	int err;

	if (!dir->size) {
		ext2_corrupt(fs, "directory %u is empty", dir->ino);
		return -EUCLEAN;
	}
	err = dir_block(dir, 0, &loc->b);
	if (err)
		return err;
	de = rec_at(loc->b, 0);
	loc->off = le16_to_cpu(de->rec_len);
	if (name_len_of(fs, de) == 1 && de->name[0] == '.' &&
	    loc->off < fs->block_size) {
		de = rec_at(loc->b, loc->off);
		if (le32_to_cpu(de->inode) && name_len_of(fs, de) == 2 &&
		    !memcmp(de->name, "..", 2))
			return 0;
	}
	buffer_put(loc->b);
	ext2_corrupt(fs, "directory %u does not start with \".\" and \"..\"",
		     dir->ino);
	return -EUCLEAN;
}

int ext2_dir_get_parent(struct ext2_inode *dir, u32 *parent)
{
	struct dir_loc loc;
	int err = dotdot(dir, &loc);

	if (err)
		return err;
	*parent = le32_to_cpu(rec_at(loc.b, loc.off)->inode);
	buffer_put(loc.b);
	return 0;
}

int ext2_dir_set_parent(struct ext2_inode *dir, u32 parent)
{
	struct dir_loc loc;
	int err = dotdot(dir, &loc);

	if (err)
		return err;
	rec_at(loc.b, loc.off)->inode = cpu_to_le32(parent);
	buffer_mark_dirty(loc.b);
	buffer_put(loc.b);
	return dir_changed(dir);
}

static bool is_dot_or_dotdot(struct ext2_fs *fs, const struct ext2_dirent *de)
{
	u32 nl = name_len_of(fs, de);

	return (nl == 1 && de->name[0] == '.') ||
	       (nl == 2 && de->name[0] == '.' && de->name[1] == '.');
}

int ext2_dir_is_empty(struct ext2_inode *dir)
{
	struct ext2_fs *fs = dir->fs;
	u32 n, idx;
	int err = dir_nr_blocks(dir, &n);

	if (err)
		return err;
	for (idx = 0; idx < n; idx++) {
		struct buffer *b;
		u32 off = 0;

		err = dir_block(dir, idx, &b);
		if (err)
			return err;
		while (off < fs->block_size) {
			struct ext2_dirent *de = rec_at(b, off);

			if (le32_to_cpu(de->inode) && !is_dot_or_dotdot(fs, de)) {
				buffer_put(b);
				return 0;
			}
			off += le16_to_cpu(de->rec_len);
		}
		buffer_put(b);
	}
	return 1;
}

static unsigned int ftype_to_dtype(struct ext2_fs *fs, u8 ft)
{
	static const unsigned char dt[] = {
		[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
		[EXT2_FT_DIR] = DT_DIR, [EXT2_FT_CHRDEV] = DT_CHR,
		[EXT2_FT_BLKDEV] = DT_BLK, [EXT2_FT_FIFO] = DT_FIFO,
		[EXT2_FT_SOCK] = DT_SOCK, [EXT2_FT_SYMLINK] = DT_LNK,
	};

	if (!fs->filetype || ft >= ARRAY_SIZE(dt))
		return DT_UNKNOWN;
	return dt[ft];
}

int ext2_dir_iterate(struct ext2_inode *dir, u64 *pos, filldir_t fill,
		     void *ctx)
{
	struct ext2_fs *fs = dir->fs;
	u32 n;
	int err;

	if (!dir->nlink)
		return 0;		/* removed: nothing left to list */
	err = dir_nr_blocks(dir, &n);
	if (err)
		return err;
	while (*pos < dir->size) {
		u32 idx = (u32)(*pos >> fs->block_shift);
		u32 want = *pos & (fs->block_size - 1), off = 0;
		u64 start = (u64)idx << fs->block_shift;
		struct buffer *b;

		err = dir_block(dir, idx, &b);
		if (err)
			return err;
		/* From the block's start: a position left by an earlier
		 * listing may no longer start a record. */
		while (off < fs->block_size) {
			struct ext2_dirent *de = rec_at(b, off);
			u32 next = off + le16_to_cpu(de->rec_len);

			if (off >= want && le32_to_cpu(de->inode)) {
				*pos = start + off;
				if (!fill(ctx, de->name, name_len_of(fs, de),
					  le32_to_cpu(de->inode),
					  ftype_to_dtype(fs, de->file_type),
					  start + next)) {
					buffer_put(b);
					return 0;
				}
			}
			off = next;
		}
		buffer_put(b);
		*pos = start + fs->block_size;
	}
	return 0;
}
