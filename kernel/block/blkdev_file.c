/*
 * A disk as a file: /dev/<name> nodes and the file operations behind
 * them, so that user space (dd, mkfs, a test) reads and writes a disk at
 * any byte offset and asks its size with Linux's ioctls. Unaligned ends
 * are read, patched and written back in whole blocks.
 *
 * The file goes straight to the device: it does not share the buffer
 * cache a mounted file system uses, so writing a mounted disk through
 * its node is as unwise here as it is on Linux.
 */
#include <block.h>
#include <fs.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/errno.h>

/* Linux's block ioctls (<linux/fs.h>) */
#define BLKROGET	0x125e
#define BLKGETSIZE	0x1260
#define BLKFLSBUF	0x1261
#define BLKSSZGET	0x1268
#define BLKBSZGET	0x80081270
#define BLKGETSIZE64	0x80081272
#define BLKPBSZGET	0x127b

/* Transfers go through a bounce buffer of this many pages. */
#define BOUNCE_ORDER	2
#define BOUNCE_SIZE	(PAGE_SIZE << BOUNCE_ORDER)

static struct block_device *bdev_of(struct file *f)
{
	return f->priv;
}

static u64 bytes_of(const struct block_device *bd)
{
	return bd->nr_sectors << SECTOR_SHIFT;
}

u64 block_device_bytes(u32 devnum)
{
	struct block_device *bd = block_device_by_devnum(devnum);

	return bd ? bytes_of(bd) : 0;
}

static int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *bd = block_device_by_devnum(inode->rdev);

	if (!bd)
		return -ENXIO;
	if (file_writable(f) && bd->read_only)
		return -EROFS;
	f->priv = bd;
	return 0;
}

/*
 * Move n bytes at *pos between buf and the disk, one bounce buffer at a
 * time. A write whose ends are not block-aligned reads those blocks
 * first. Returns the bytes moved, or -errno when nothing moved.
 */
static long transfer(struct file *f, struct io_buf buf, size_t n, u64 *pos,
		     bool write)
{
	struct block_device *bd = bdev_of(f);
	u64 size = bytes_of(bd), bs = bd->block_size;
	struct page *bounce;
	size_t done = 0;
	char *kbuf;
	long err = 0;

	if (*pos >= size)
		return write && n ? -ENOSPC : 0;
	if (n > size - *pos)
		n = size - *pos;
	bounce = alloc_pages(BOUNCE_ORDER);
	if (!bounce)
		return -ENOMEM;
	kbuf = page_to_virt(bounce);
	while (done < n) {
		u64 at = *pos + done;
		u64 start = at & ~(bs - 1);
		size_t skip = at - start;
		size_t chunk = MIN(n - done, BOUNCE_SIZE - skip);
		u64 span = (skip + chunk + bs - 1) & ~(bs - 1);
		u32 sectors = span >> SECTOR_SHIFT;
		u64 sector = start >> SECTOR_SHIFT;
		size_t copied;

		if (!write || skip || (skip + chunk) % bs) {
			err = block_rw(bd, BLOCK_READ, sector, kbuf, sectors);
			if (err)
				break;
		}
		if (write) {
			copied = io_copy_from(kbuf + skip, buf, done, chunk);
			if (copied < chunk) {
				err = -EFAULT;
				break;
			}
			err = block_rw(bd, BLOCK_WRITE, sector, kbuf, sectors);
			if (err)
				break;
		} else {
			copied = io_copy_to(buf, done, kbuf + skip, chunk);
			if (copied < chunk) {
				done += copied;
				err = -EFAULT;
				break;
			}
		}
		done += chunk;
	}
	free_pages(bounce, BOUNCE_ORDER);
	*pos += done;
	return done ? (long)done : err;
}

static long blkdev_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	return transfer(f, buf, n, pos, false);
}

static long blkdev_write(struct file *f, struct io_buf buf, size_t n,
			 u64 *pos)
{
	return transfer(f, buf, n, pos, true);
}

static long put_value(unsigned long arg, const void *val, size_t size)
{
	return put_user_sized((void __user *)arg, val, size) ? -EFAULT : 0;
}

static long blkdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *bd = bdev_of(f);
	u64 bytes = bytes_of(bd);
	unsigned long sectors = bd->nr_sectors;
	int i;

	switch (cmd) {
	case BLKGETSIZE64:
		return put_value(arg, &bytes, sizeof(bytes));
	case BLKGETSIZE:
		return put_value(arg, &sectors, sizeof(sectors));
	case BLKSSZGET:
	case BLKPBSZGET:
	case BLKBSZGET:
		i = (int)bd->block_size;
		return put_value(arg, &i, sizeof(i));
	case BLKROGET:
		i = bd->read_only;
		return put_value(arg, &i, sizeof(i));
	case BLKFLSBUF:
		return buffer_sync_device(bd);
	}
	return -ENOTTY;
}

static int blkdev_fsync(struct file *f, bool datasync)
{
	(void)datasync;
	return buffer_sync_device(bdev_of(f));
}

const struct file_operations blkdev_fops = {
	.open = blkdev_open,
	.read = blkdev_read,
	.write = blkdev_write,
	.ioctl = blkdev_ioctl,
	.fsync = blkdev_fsync,
};

static void make_node(struct block_device *bd, void *dev_dir)
{
	struct inode *dev = dev_dir;
	int err = dev->iop->mknod(dev, bd->name, strlen(bd->name),
				  S_IFBLK | 0660, bd->devnum, NULL);

	if (err && err != -EEXIST)
		printk("%s: cannot make /dev/%s: error %d\n", bd->name,
		       bd->name, err);
}

void blkdev_create_nodes(void)
{
	struct inode *dev;

	if (!fs_root || path_walk(fs_root, "/dev", 0, &dev))
		return;
	block_device_for_each(make_node, dev);
	iput(dev);
}
