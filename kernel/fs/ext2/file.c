/*
 * ext2 file data: reading and writing regular files a block at a time
 * through the block map and the buffer cache. Holes read as zeros; a
 * write allocates the blocks it lands in (and only those: what it skips
 * stays a hole) and moves the size past its end.
 */
#include "ext2.h"
#include <string.h>

static const char zero_block[EXT2_MAX_BLOCK_SIZE];

static long read_locked(struct ext2_inode *ei, struct io_buf buf, size_t n,
			u64 pos)
{
	struct ext2_fs *fs = ei->fs;
	size_t done = 0;

	if (S_ISDIR(ei->mode))
		return -EISDIR;
	if (!S_ISREG(ei->mode))
		return -EINVAL;
	if (pos >= ei->size)
		return 0;
	n = MIN(n, ei->size - pos);
	while (done < n) {
		u64 at = pos + done;
		u32 off = at & (fs->block_size - 1), blk;
		size_t chunk = MIN(n - done, (size_t)(fs->block_size - off));
		size_t got;
		int err;

		err = ext2_map_block(ei, (u32)(at >> fs->block_shift), false,
				     &blk, NULL);
		if (err)
			return done ? (long)done : err;
		if (!blk) {
			got = io_copy_to(buf, done, zero_block, chunk);
		} else {
			struct buffer *b = ext2_bread(fs, blk);

			if (!b)
				return done ? (long)done : -EIO;
			got = io_copy_to(buf, done, (char *)b->data + off, chunk);
			buffer_put(b);
		}
		done += got;
		if (got < chunk)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

long ext2_read(struct ext2_inode *ei, struct io_buf buf, size_t n, u64 pos)
{
	long r;

	down_read(&ei->fs->lock);
	r = read_locked(ei, buf, n, pos);
	up_read(&ei->fs->lock);
	return r;
}

/* One block's part of a write: 0, or -errno with nothing of it done.
 * *copied says how much came from buf. */
static int write_block(struct ext2_inode *ei, struct io_buf buf, size_t done,
		       u64 at, size_t chunk, size_t *copied)
{
	struct ext2_fs *fs = ei->fs;
	u32 off = at & (fs->block_size - 1), blk;
	struct buffer *b;
	bool fresh;
	int err;

	*copied = 0;
	err = ext2_map_block(ei, (u32)(at >> fs->block_shift), true, &blk,
			     &fresh);
	if (err)
		return err;
	if (fresh || chunk == fs->block_size) {
		/* Nothing on the disk worth reading. */
		b = buffer_get(fs->bdev, blk, fs->block_size);
		if (b && fresh)
			memset(b->data, 0, fs->block_size);
	} else {
		b = ext2_bread(fs, blk);
	}
	if (!b)
		return fresh ? -ENOMEM : -EIO;
	*copied = io_copy_from((char *)b->data + off, buf, done, chunk);
	buffer_mark_dirty(b);
	buffer_put(b);
	return 0;
}

static long write_locked(struct ext2_inode *ei, struct io_buf buf, size_t n,
			 u64 pos)
{
	struct ext2_fs *fs = ei->fs;
	u64 old_size = ei->size;
	size_t done = 0;
	int err = 0;

	if (fs->read_only)
		return -EROFS;
	if (S_ISDIR(ei->mode))
		return -EISDIR;
	if (!S_ISREG(ei->mode))
		return -EINVAL;
	if (!n)
		return 0;
	if (pos >= fs->max_file_size)
		return -EFBIG;
	n = MIN(n, fs->max_file_size - pos);
	/* Bytes past the old end in its last block become file data now
	 * (zeros, if the write starts beyond them). */
	if (pos > old_size) {
		err = ext2_zero_tail(ei, old_size);
		if (err)
			return err;
	}
	while (done < n) {
		u64 at = pos + done;
		u32 off = at & (fs->block_size - 1);
		size_t chunk = MIN(n - done, (size_t)(fs->block_size - off));
		size_t copied;

		err = write_block(ei, buf, done, at, chunk, &copied);
		done += copied;
		if (err)
			break;
		if (copied < chunk) {
			err = -EFAULT;
			break;
		}
	}
	/* Only what was written extends the file: a write that copied
	 * nothing leaves the size alone, however far out it began. */
	if (done && pos + done > ei->size)
		ei->size = pos + done;
	if (done)
		ext2_touch(ei, true);
	if (err) {
		/* The failed part may have been given a block: none may lie
		 * past the end of a file. */
		ext2_free_blocks_from(ei, (u32)((ei->size + fs->block_size - 1)
						>> fs->block_shift));
	}
	ext2_write_inode(ei);
	return done ? (long)done : err;
}

long ext2_write(struct ext2_inode *ei, struct io_buf buf, size_t n, u64 pos)
{
	long r;

	down_write(&ei->fs->lock);
	r = write_locked(ei, buf, n, pos);
	up_write(&ei->fs->lock);
	return r;
}
