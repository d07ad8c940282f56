/*
 * ext2's block map: which disk block holds each block of a file. The
 * inode's i_block[] has 12 direct block numbers, then the numbers of a
 * single, a double and a triple indirect block: an indirect block is an
 * array of block numbers (of data blocks, or of indirect blocks one level
 * down). 0 anywhere is a hole, which reads as zeros. Also here: cutting
 * a file short (freeing data and indirect blocks past the new end) and
 * setting its size.
 *
 * Every block number read from the disk is checked before it is used: in
 * range, not a group's metadata, and (in an indirect block) not one of
 * the blocks on the path above it, so a block pointing at itself is an
 * error rather than a loop.
 */
#include "ext2.h"
#include <string.h>

/* The slots leading to file block n: offsets[0] in i_block[], then one
 * per indirect level. The path's length (1 to 4), 0 if n is beyond the
 * map. */
static int block_path(struct ext2_fs *fs, u32 n, u32 offsets[4])
{
	u64 apb = fs->addr_per_block, b = n, mask = apb - 1;
	u32 s = fs->addr_shift;

	if (b < EXT2_NDIR_BLOCKS) {
		offsets[0] = (u32)b;
		return 1;
	}
	b -= EXT2_NDIR_BLOCKS;
	if (b < apb) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = (u32)b;
		return 2;
	}
	b -= apb;
	if (b < apb << s) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = (u32)(b >> s);
		offsets[2] = (u32)(b & mask);
		return 3;
	}
	b -= apb << s;
	if (b < apb << 2 * s) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = (u32)(b >> 2 * s);
		offsets[2] = (u32)((b >> s) & mask);
		offsets[3] = (u32)(b & mask);
		return 4;
	}
	return 0;
}

static u32 sectors_per_block(struct ext2_fs *fs)
{
	return fs->block_size / 512;
}

/* A new block for ei near its last one (or its inode's group); an
 * indirect block comes back zeroed. */
static int alloc_block(struct ext2_inode *ei, bool indirect, u32 *out)
{
	struct ext2_fs *fs = ei->fs;
	u32 goal = ei->alloc_goal;
	struct buffer *b;
	int err;

	if (!goal)
		goal = fs->first_data_block +
		       (ei->ino - 1) / fs->inodes_per_group * fs->blocks_per_group;
	err = ext2_new_block(fs, goal, out);
	if (err)
		return err;
	if (indirect) {
		b = buffer_get(fs->bdev, *out, fs->block_size);
		if (!b) {
			ext2_free_block(fs, *out);
			return -ENOMEM;
		}
		memset(b->data, 0, fs->block_size);
		buffer_mark_dirty(b);
		buffer_put(b);
	}
	ei->alloc_goal = *out + 1;
	ei->blocks += sectors_per_block(fs);
	return 0;
}

static bool on_path(const u32 *path, int n, u32 blk)
{
	int i;

	for (i = 0; i < n; i++)
		if (path[i] == blk)
			return true;
	return false;
}

int ext2_map_block(struct ext2_inode *ei, u32 file_block, bool create,
		   u32 *disk_block, bool *fresh)
{
	struct ext2_fs *fs = ei->fs;
	u32 offsets[4], path[4], blk;
	bool inode_changed = false;
	int depth, level, err = 0;

	if (fresh)
		*fresh = false;
	*disk_block = 0;
	if (!ext2_has_block_map(ei))
		return -EINVAL;
	depth = block_path(fs, file_block, offsets);
	if (!depth)
		return -EFBIG;
	if (create && fs->read_only)
		return -EROFS;

	blk = ei->block[offsets[0]];
	if (!blk) {
		if (!create)
			return 0;
		err = alloc_block(ei, depth > 1, &blk);
		if (err)
			return err;
		ei->block[offsets[0]] = blk;
		inode_changed = true;
		if (depth == 1 && fresh)
			*fresh = true;
	} else if (!ext2_data_block_ok(fs, blk)) {
		ext2_corrupt(fs, "inode %u: block %u out of range", ei->ino, blk);
		return -EUCLEAN;
	}
	path[0] = blk;
	for (level = 1; level < depth; level++) {
		struct buffer *b = ext2_bread(fs, blk);
		le32 *slots;
		u32 child;

		if (!b) {
			err = -EIO;
			break;
		}
		slots = b->data;
		child = le32_to_cpu(slots[offsets[level]]);
		if (!child) {
			if (!create) {
				buffer_put(b);
				break;
			}
			err = alloc_block(ei, level < depth - 1, &child);
			if (err) {
				buffer_put(b);
				break;
			}
			slots[offsets[level]] = cpu_to_le32(child);
			buffer_mark_dirty(b);
			inode_changed = true;
			if (level == depth - 1 && fresh)
				*fresh = true;
		} else if (!ext2_data_block_ok(fs, child) ||
			   on_path(path, level, child)) {
			buffer_put(b);
			ext2_corrupt(fs, "inode %u: bad block %u in indirect "
				     "block %u", ei->ino, child, blk);
			err = -EUCLEAN;
			break;
		}
		buffer_put(b);
		path[level] = blk = child;
	}
	if (inode_changed) {
		int werr = ext2_write_inode(ei);

		if (!err)
			err = werr;
	}
	if (!err && level == depth)
		*disk_block = blk;
	return err;
}

int ext2_bmap(struct ext2_inode *ei, u32 file_block, bool create,
	      u32 *disk_block, bool *fresh)
{
	struct ext2_fs *fs = ei->fs;
	int err;

	if (create)
		down_write(&fs->lock);
	else
		down_read(&fs->lock);
	err = ext2_map_block(ei, file_block, create, disk_block, fresh);
	if (create)
		up_write(&fs->lock);
	else
		up_read(&fs->lock);
	return err;
}

/* Give back a block of ei (data or indirect). */
static void free_one(struct ext2_inode *ei, u32 blk)
{
	if (!ext2_free_block(ei->fs, blk))
		ei->blocks -= MIN(ei->blocks, sectors_per_block(ei->fs));
}

/*
 * The subtree under *slot, an indirect block of this level (1: it holds
 * data block numbers) covering file blocks from base on: free what holds
 * blocks from `from` on, and the indirect block itself (*slot becomes 0)
 * when all of it goes. path holds the indirect blocks above it. An
 * indirect block is only entered while the bitmap has it in use, and is
 * free once entered whole: however a corrupt map shares blocks, each is
 * walked at most once.
 */
static void free_tree(struct ext2_inode *ei, u32 *slot, int level, u64 base,
		      u64 from, u32 *path, int depth)
{
	struct ext2_fs *fs = ei->fs;
	u64 span = 1ULL << ((level - 1) * fs->addr_shift);
	u32 blk = *slot, i, first = 0;
	bool whole = base >= from;
	struct buffer *b;
	le32 *slots;

	if (!ext2_data_block_ok(fs, blk) || on_path(path, depth, blk) ||
	    ext2_block_in_use(fs, blk) != 1) {
		ext2_corrupt(fs, "inode %u: bad indirect block %u", ei->ino,
			     blk);
		*slot = 0;
		return;
	}
	b = ext2_bread(fs, blk);
	if (!b)
		return;
	slots = b->data;
	path[depth] = blk;
	if (!whole)
		first = (u32)((from - base) / span);
	for (i = first; i < fs->addr_per_block; i++) {
		u32 child = le32_to_cpu(slots[i]), left = child;

		if (!child)
			continue;
		if (level == 1) {
			free_one(ei, child);
			left = 0;
		} else {
			free_tree(ei, &left, level - 1, base + i * span, from,
				  path, depth + 1);
		}
		if (left != child) {
			slots[i] = cpu_to_le32(left);
			buffer_mark_dirty(b);
		}
	}
	buffer_put(b);
	if (whole) {
		free_one(ei, blk);
		*slot = 0;
	}
}

int ext2_free_blocks_from(struct ext2_inode *ei, u32 first_block)
{
	struct ext2_fs *fs = ei->fs;
	u64 base = EXT2_NDIR_BLOCKS, from = first_block;
	u32 path[4], i;
	int level;

	if (!ext2_has_block_map(ei))
		return 0;
	for (i = first_block; i < EXT2_NDIR_BLOCKS; i++) {
		if (!ei->block[i])
			continue;
		if (ext2_data_block_ok(fs, ei->block[i]))
			free_one(ei, ei->block[i]);
		else
			ext2_corrupt(fs, "inode %u: block %u out of range",
				     ei->ino, ei->block[i]);
		ei->block[i] = 0;
	}
	for (level = 1; level <= 3; level++) {
		u64 span = 1ULL << (level * fs->addr_shift);
		u32 *slot = &ei->block[EXT2_IND_BLOCK + level - 1];

		if (base + span > from && *slot)
			free_tree(ei, slot, level, base, from, path, 0);
		base += span;
	}
	return ext2_write_inode(ei);
}

int ext2_zero_tail(struct ext2_inode *ei, u64 pos)
{
	struct ext2_fs *fs = ei->fs;
	u32 off = pos & (fs->block_size - 1), blk;
	struct buffer *b;
	int err;

	if (!off)
		return 0;
	err = ext2_map_block(ei, (u32)(pos >> fs->block_shift), false, &blk,
			     NULL);
	if (err || !blk)
		return err;
	b = ext2_bread(fs, blk);
	if (!b)
		return -EIO;
	memset((char *)b->data + off, 0, fs->block_size - off);
	buffer_mark_dirty(b);
	buffer_put(b);
	return 0;
}

int ext2_set_size(struct ext2_inode *ei, u64 size)
{
	struct ext2_fs *fs = ei->fs;
	u64 old = ei->size;
	int err = 0;

	if (size > old) {
		err = ext2_zero_tail(ei, old);
		if (err)
			return err;
	}
	ei->size = size;
	if (size < old)
		err = ext2_free_blocks_from(ei, (u32)((size + fs->block_size - 1)
						      >> fs->block_shift));
	if (!err)
		err = ext2_write_inode(ei);
	return err;
}
