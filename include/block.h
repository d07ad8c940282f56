/*
 * Block devices (kernel/block/): disks seen as numbered sectors, the
 * requests that move sectors between a disk and memory, and the block
 * buffers file systems keep their metadata in.
 *
 * A driver (virtio-blk, the SD host controller) registers a block_device
 * and implements submit(): start the transfer and return; when the
 * device's interrupt says it is finished, call block_request_done().
 * Callers sleep until then (block_rw); nothing on this path polls.
 *
 * Sectors are 512 bytes whatever the device's own logical block size
 * (which a request must respect: offsets and lengths multiples of it).
 */
#ifndef FAULTLINE_BLOCK_H
#define FAULTLINE_BLOCK_H

#include <types.h>
#include <list.h>
#include <spinlock.h>
#include <sched.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1U << SECTOR_SHIFT)

enum block_op {
	BLOCK_READ,
	BLOCK_WRITE,
	BLOCK_FLUSH,		/* the device's write cache to stable storage */
};

struct block_device;

/*
 * One transfer. The buffer is physically contiguous kernel memory in the
 * direct map (kmalloc, the page allocator), since devices reach it by
 * physical address. Owned by its submitter until done is set.
 */
struct block_request {
	struct block_device *bdev;
	enum block_op op;
	u64 sector;			/* first sector */
	u32 nr_sectors;
	void *buf;
	/* Set by block_request_done(): the outcome (0 or -EIO), then done. */
	int status;
	bool done;
	struct wait_queue wait;		/* the submitter sleeps here */
	struct list_head queue;		/* the driver's, while in flight */
	void *driver_data;		/* the driver's, while in flight */
};

struct block_device_ops {
	/* Start r (interrupts may be on or off); complete it later with
	 * block_request_done(), from the device's interrupt or, for a
	 * request the driver cannot even start, at once. */
	void (*submit)(struct block_device *bd, struct block_request *r);
};

/*
 * A disk. Set by the driver before block_device_register() and constant
 * after: name, devnum, nr_sectors, block_size, read_only, ops,
 * driver_data. The rest belongs to kernel/block/ and is guarded by lock.
 */
struct block_device {
	char name[16];			/* "vda", "mmcblk0" */
	u32 devnum;			/* mkdev(major, minor) of /dev/<name> */
	u64 nr_sectors;			/* capacity */
	u32 block_size;			/* logical block size, bytes (>= 512) */
	bool read_only;
	const struct block_device_ops *ops;
	void *driver_data;

	spinlock_t lock;		/* guards the fields below */
	/* Fault injection (/sys/block/<name>/make-it-fail, the name Linux
	 * uses): while set, every new request fails with -EIO without
	 * reaching the device. */
	bool make_it_fail;
	/* Counts of completed requests and sectors, as /proc/diskstats
	 * and /sys/block/<name>/stat report them. */
	u64 reads, read_sectors, writes, write_sectors, flushes, errors;
	struct list_head node;		/* in the list of block devices,
					 * guarded by block_devices_lock */
};

/* Major numbers: Linux gives virtio-blk a dynamic one (often 254) and
 * MMC 179; ours are fixed to those. */
#define VIRTBLK_MAJOR	254
#define MMC_MAJOR	179

/* Make bd known (and /dev/<name> once the file system is up). 0 or
 * -errno (-EEXIST for a name already taken). */
int block_device_register(struct block_device *bd);
/* The registered device of that number or name; NULL if none. */
struct block_device *block_device_by_devnum(u32 devnum);
struct block_device *block_device_by_name(const char *name);
/* Visit every registered device, in registration order. */
void block_device_for_each(void (*fn)(struct block_device *bd, void *arg),
			   void *arg);

/* Drivers: r is finished with status (0 or -EIO). Any context. */
void block_request_done(struct block_request *r, int status);

/* Start r (its bdev, op, sector, nr_sectors, buf filled in) and return;
 * wait with block_request_wait(). Checks the range (-EIO past the end
 * and, for writes, -EROFS on a read-only device, both completed at once). */
void block_request_submit(struct block_request *r);
/* Sleep (uninterruptibly: the buffer is the device's until done) until
 * r is done; its status. */
int block_request_wait(struct block_request *r);
/* Both: move nr_sectors from sector to or from buf and wait. 0 or -EIO. */
int block_rw(struct block_device *bd, enum block_op op, u64 sector,
	     void *buf, u32 nr_sectors);

/* kernel/block/blkdev_file.c: /dev/<name> for every registered device
 * (called once the drivers have probed), the file operations behind a
 * block device node, and a device's size in bytes (0: no such device),
 * which is what lseek(SEEK_END) on the node finds. */
void blkdev_create_nodes(void);
struct file_operations;
extern const struct file_operations blkdev_fops;
u64 block_device_bytes(u32 devnum);

/*
 * Block buffers: one file-system block (1 KiB to 4 KiB) of a device, kept
 * in memory while anyone holds it and cached after (kernel/block/buffer.c).
 * A buffer is found by (device, block number, size); two holders of the
 * same block share one buffer. The data is valid when buffer_read()
 * returns; who may change it is the file system's business (ext2
 * serialises its changes under its own lock). The cache makes sure one
 * I/O at a time is in flight for a buffer: others wait for it.
 */
struct buffer {
	struct block_device *bdev;
	u64 blocknr;			/* in units of size */
	u32 size;
	void *data;			/* size bytes, in the direct map */
	/* Guarded by the buffer cache's lock (kernel/block/buffer.c): */
	int refcount;			/* holders */
	bool uptodate;			/* data matches (or supersedes) disk */
	bool dirty;			/* data must be written back */
	bool busy;			/* a read or write is in flight */
	struct wait_queue idle;		/* waiters for busy to clear */
	struct list_head hash_node;	/* in its hash chain */
	struct list_head lru_node;	/* in the unheld list, when unheld */
	struct list_head dirty_node;	/* in the dirty list, when dirty */
};

/* Hold block blocknr of bd (of size bytes) with its data read from the
 * disk: the buffer, or NULL when the read failed (-EIO) or no memory. */
struct buffer *buffer_read(struct block_device *bd, u64 blocknr, u32 size);
/* Hold it without reading (a block about to be overwritten whole, as a
 * newly allocated one): the data is zeroed unless already cached. */
struct buffer *buffer_get(struct block_device *bd, u64 blocknr, u32 size);
/* Let it go; dirty data stays cached until written back. */
void buffer_put(struct buffer *b);
/* The holder's data changes must reach the disk (at the next sync). */
void buffer_mark_dirty(struct buffer *b);
/* Write b now if dirty and wait. 0 or -EIO (the buffer stays dirty). */
int buffer_write(struct buffer *b);
/* Write every dirty buffer of bd and flush the device's cache; the first
 * error. */
int buffer_sync_device(struct block_device *bd);
/* Drop bd's unheld, clean buffers (unmount); dirty or held ones stay. */
void buffer_invalidate_device(struct block_device *bd);
/* Counts for /proc/meminfo's Buffers: bytes of block data cached. */
unsigned long buffer_cache_bytes(void);

#endif
