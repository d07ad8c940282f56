/*
 * ext2 inode allocation: each group's inode bitmap (bit i is inode
 * group * inodes_per_group + i + 1), the free-inode and directory counts
 * in the group descriptors, the free-inode total in the superblock.
 * fs->lock held for writing.
 *
 * Where a new inode goes: a file in its directory's group, so a
 * directory's files sit together with their blocks; a directory in a
 * group with more free inodes than average and the most free blocks,
 * which spreads the tree over the disk and leaves each subtree room to
 * grow near itself.
 */
#include "ext2.h"

static u16 gd_free_inodes(struct ext2_fs *fs, u32 g)
{
	return le16_to_cpu(ext2_group(fs, g)->bg_free_inodes_count);
}

static u16 gd_free_blocks(struct ext2_fs *fs, u32 g)
{
	return le16_to_cpu(ext2_group(fs, g)->bg_free_blocks_count);
}

static u32 group_for_dir(struct ext2_fs *fs)
{
	u32 avg = le32_to_cpu(fs->sb->s_free_inodes_count) / fs->groups_count;
	u32 g, i, best = fs->groups_count;

	/* Start after the last directory's group so equal groups take
	 * turns. */
	for (i = 0; i < fs->groups_count; i++) {
		g = (fs->last_dir_group + 1 + i) % fs->groups_count;
		if (!gd_free_inodes(fs, g) || gd_free_inodes(fs, g) < avg)
			continue;
		if (best == fs->groups_count ||
		    gd_free_blocks(fs, g) > gd_free_blocks(fs, best))
			best = g;
	}
	if (best == fs->groups_count)
		best = 0;
	fs->last_dir_group = best;
	return best;
}

static u32 group_for_file(struct ext2_fs *fs, u32 parent_group)
{
	u32 g, step;

	if (gd_free_inodes(fs, parent_group) && gd_free_blocks(fs, parent_group))
		return parent_group;
	/* Groups ever farther away, for one with room for data too. */
	for (step = 1; step < fs->groups_count; step <<= 1) {
		g = (parent_group + step) % fs->groups_count;
		if (gd_free_inodes(fs, g) && gd_free_blocks(fs, g))
			return g;
	}
	return parent_group;
}

/* A free inode in group: 0 and *ino, -ENOSPC or -EIO. */
static int alloc_in_group(struct ext2_fs *fs, u32 group, bool is_dir, u32 *ino)
{
	struct ext2_group_desc *gd = ext2_group(fs, group);
	u32 i = 0, nbits = fs->inodes_per_group;
	struct buffer *b;
	u8 *map;

	if (!le16_to_cpu(gd->bg_free_inodes_count))
		return -ENOSPC;
	b = ext2_bread(fs, le32_to_cpu(gd->bg_inode_bitmap));
	if (!b)
		return -EIO;
	map = b->data;
	if (group == 0)
		i = fs->first_ino - 1;		/* the reserved inodes */
	for (; i < nbits; i++)
		if (!(map[i / 8] & (1U << (i % 8))))
			break;
	if (i >= nbits) {
		buffer_put(b);
		ext2_corrupt(fs, "group %u counts %u free inodes, its bitmap "
			     "none", group, le16_to_cpu(gd->bg_free_inodes_count));
		return -ENOSPC;
	}
	map[i / 8] |= (u8)(1U << (i % 8));
	buffer_mark_dirty(b);
	buffer_put(b);
	gd->bg_free_inodes_count =
		cpu_to_le16(le16_to_cpu(gd->bg_free_inodes_count) - 1);
	if (is_dir)
		gd->bg_used_dirs_count =
			cpu_to_le16(le16_to_cpu(gd->bg_used_dirs_count) + 1);
	fs->sb->s_free_inodes_count =
		cpu_to_le32(le32_to_cpu(fs->sb->s_free_inodes_count) - 1);
	ext2_group_dirty(fs, group);
	ext2_super_dirty(fs);
	*ino = group * fs->inodes_per_group + i + 1;
	return 0;
}

int ext2_new_inode(struct ext2_fs *fs, struct ext2_inode *dir, bool is_dir,
		   u32 *ino)
{
	u32 first, i;
	int err;

	if (is_dir)
		first = group_for_dir(fs);
	else
		first = group_for_file(fs, (dir->ino - 1) / fs->inodes_per_group);
	for (i = 0; i < fs->groups_count; i++) {
		err = alloc_in_group(fs, (first + i) % fs->groups_count, is_dir,
				     ino);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

int ext2_free_inode(struct ext2_fs *fs, u32 ino, bool was_dir)
{
	u32 group = (ino - 1) / fs->inodes_per_group;
	u32 bit = (ino - 1) % fs->inodes_per_group;
	struct ext2_group_desc *gd;
	struct buffer *b;
	u8 *map;

	if (ino < fs->first_ino || ino > fs->inodes_count) {
		ext2_corrupt(fs, "freeing reserved or bad inode %u", ino);
		return -EUCLEAN;
	}
	gd = ext2_group(fs, group);
	b = ext2_bread(fs, le32_to_cpu(gd->bg_inode_bitmap));
	if (!b)
		return -EIO;
	map = b->data;
	if (!(map[bit / 8] & (1U << (bit % 8)))) {
		buffer_put(b);
		ext2_corrupt(fs, "freeing inode %u, already free", ino);
		return -EUCLEAN;
	}
	map[bit / 8] &= (u8)~(1U << (bit % 8));
	buffer_mark_dirty(b);
	buffer_put(b);
	gd->bg_free_inodes_count =
		cpu_to_le16(le16_to_cpu(gd->bg_free_inodes_count) + 1);
	if (was_dir && le16_to_cpu(gd->bg_used_dirs_count))
		gd->bg_used_dirs_count =
			cpu_to_le16(le16_to_cpu(gd->bg_used_dirs_count) - 1);
	fs->sb->s_free_inodes_count =
		cpu_to_le32(le32_to_cpu(fs->sb->s_free_inodes_count) + 1);
	ext2_group_dirty(fs, group);
	ext2_super_dirty(fs);
	return 0;
}
