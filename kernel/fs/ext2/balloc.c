/*
 * ext2 block allocation: each group's block bitmap (bit i of the bitmap
 * block is the group's block i, least significant bit first) and the
 * free-block counts in the group descriptor and the superblock, which
 * change with every bit. fs->lock held for writing.
 *
 * A new block goes as near its goal (the block after the file's last
 * one) as the goal's group allows, then into the following groups in
 * turn: files stay in few runs of blocks and near their inode.
 */
#include "ext2.h"

static bool bit_test(const u8 *map, u32 i)
{
	return map[i / 8] & (1U << (i % 8));
}

static void bit_set(u8 *map, u32 i)
{
	map[i / 8] |= (u8)(1U << (i % 8));
}

static void bit_clear(u8 *map, u32 i)
{
	map[i / 8] &= (u8)~(1U << (i % 8));
}

/* The first clear bit in [from, end) of map, or end. */
static u32 find_clear(const u8 *map, u32 from, u32 end)
{
	u32 i = from;

	while (i < end) {
		if (i % 8 == 0 && map[i / 8] == 0xff) {
			i += 8;
			continue;
		}
		if (!bit_test(map, i))
			return i;
		i++;
	}
	return end;
}

static u32 group_of(struct ext2_fs *fs, u32 blk)
{
	return (blk - fs->first_data_block) / fs->blocks_per_group;
}

static u32 group_start(struct ext2_fs *fs, u32 group)
{
	return fs->first_data_block + group * fs->blocks_per_group;
}

static u32 group_blocks(struct ext2_fs *fs, u32 group)
{
	return MIN(fs->blocks_per_group, fs->blocks_count - group_start(fs, group));
}

static void count_blocks(struct ext2_fs *fs, u32 group, int delta)
{
	struct ext2_group_desc *gd = ext2_group(fs, group);
	u32 total = le32_to_cpu(fs->sb->s_free_blocks_count);

	gd->bg_free_blocks_count =
		cpu_to_le16((u16)(le16_to_cpu(gd->bg_free_blocks_count) + delta));
	fs->sb->s_free_blocks_count = cpu_to_le32(total + delta);
	ext2_group_dirty(fs, group);
	ext2_super_dirty(fs);
}

/* A free block of group at or after bit from: 0 and *out, -ENOSPC, or
 * -EIO. */
static int alloc_in_group(struct ext2_fs *fs, u32 group, u32 from, u32 *out)
{
	struct ext2_group_desc *gd = ext2_group(fs, group);
	u32 nbits = group_blocks(fs, group), i = from;
	struct buffer *b;

	if (!le16_to_cpu(gd->bg_free_blocks_count))
		return -ENOSPC;
	b = ext2_bread(fs, le32_to_cpu(gd->bg_block_bitmap));
	if (!b)
		return -EIO;
	for (;;) {
		u32 blk;

		i = find_clear(b->data, i, nbits);
		if (i >= nbits)
			break;
		blk = group_start(fs, group) + i;
		if (!ext2_data_block_ok(fs, blk)) {
			ext2_corrupt(fs, "block bitmap of group %u frees "
				     "metadata block %u", group, blk);
			i++;
			continue;
		}
		bit_set(b->data, i);
		buffer_mark_dirty(b);
		buffer_put(b);
		count_blocks(fs, group, -1);
		*out = blk;
		return 0;
	}
	buffer_put(b);
	return -ENOSPC;
}

int ext2_new_block(struct ext2_fs *fs, u32 goal, u32 *out)
{
	u32 first, i;
	int err;

	if (goal < fs->first_data_block || goal >= fs->blocks_count)
		goal = fs->first_data_block;
	first = group_of(fs, goal);
	err = alloc_in_group(fs, first, goal - group_start(fs, first), out);
	if (err != -ENOSPC)
		return err;
	/* The rest of the goal's group last: its start comes round again. */
	for (i = 1; i <= fs->groups_count; i++) {
		err = alloc_in_group(fs, (first + i) % fs->groups_count, 0, out);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

/* The bitmap holding blk (a valid data block) and blk's bit in it. */
static struct buffer *bitmap_of(struct ext2_fs *fs, u32 blk, u32 *bit)
{
	u32 group = group_of(fs, blk);

	*bit = blk - group_start(fs, group);
	return ext2_bread(fs, le32_to_cpu(ext2_group(fs, group)->bg_block_bitmap));
}

int ext2_free_block(struct ext2_fs *fs, u32 blk)
{
	struct buffer *b;
	u32 bit;

	if (!ext2_data_block_ok(fs, blk)) {
		ext2_corrupt(fs, "freeing block %u outside the data area", blk);
		return -EUCLEAN;
	}
	b = bitmap_of(fs, blk, &bit);
	if (!b)
		return -EIO;
	if (!bit_test(b->data, bit)) {
		buffer_put(b);
		ext2_corrupt(fs, "freeing block %u, already free", blk);
		return -EUCLEAN;
	}
	bit_clear(b->data, bit);
	buffer_mark_dirty(b);
	buffer_put(b);
	count_blocks(fs, group_of(fs, blk), 1);
	return 0;
}

int ext2_block_in_use(struct ext2_fs *fs, u32 blk)
{
	struct buffer *b;
	u32 bit;
	int used;

	if (!ext2_data_block_ok(fs, blk))
		return 0;
	b = bitmap_of(fs, blk, &bit);
	if (!b)
		return -EIO;
	used = bit_test(b->data, bit);
	buffer_put(b);
	return used;
}
