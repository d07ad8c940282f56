/*
 * What kernel/fs/ext2/ and kernel/block/ need from the rest of the kernel,
 * for the host ext2 suite: disks whose requests are pread/pwrite on an
 * image file (or memcpy on a copy in memory) and complete at once, wait
 * queues nothing ever sleeps on (a request is done before anyone waits),
 * the clock, and io_buf copies where "user" memory is host memory that
 * may be told to fault from some address on.
 */
#include "ext2_test.h"
#include "ext2_host.h"
#include <fs.h>
#include <page.h>
#include <printk.h>
#include <rwsem.h>
#include <sched.h>
#include <string.h>
#include <time.h>

struct host_disk {
	struct block_device bd;
	int fd;				/* image file, or -1 */
	u8 *mem;			/* or the image in memory */
	bool registered, in_use;
};

#define NR_HOST_DISKS 8
static struct host_disk disks[NR_HOST_DISKS];

static const struct block_device_ops host_disk_ops;

static void host_submit(struct block_device *bd, struct block_request *r)
{
	struct host_disk *d = bd->driver_data;
	u64 off = r->sector << SECTOR_SHIFT;
	u64 len = (u64)r->nr_sectors << SECTOR_SHIFT;
	long n = (long)len;

	switch (r->op) {
	case BLOCK_READ:
		if (d->mem)
			memcpy(r->buf, d->mem + off, len);
		else
			n = eh_pread(d->fd, r->buf, len, off);
		break;
	case BLOCK_WRITE:
		if (d->mem)
			memcpy(d->mem + off, r->buf, len);
		else
			n = eh_pwrite(d->fd, r->buf, len, off);
		break;
	case BLOCK_FLUSH:
		break;
	}
	block_request_done(r, n == (long)len ? 0 : -EIO);
}

static const struct block_device_ops host_disk_ops = {
	.submit = host_submit,
};

/* A free slot, registered once: a device stays registered for good, so
 * each slot is one device serving image after image. Its size changes
 * with the image, which is fine while no file system is mounted on it. */
static struct host_disk *take_slot(u64 bytes)
{
	unsigned int i;

	for (i = 0; i < NR_HOST_DISKS; i++) {
		struct host_disk *d = &disks[i];

		if (d->in_use)
			continue;
		if (!d->registered) {
			snprintf(d->bd.name, sizeof(d->bd.name), "hd%u", i);
			d->bd.devnum = mkdev(240, i);
			d->bd.block_size = 512;
			d->bd.nr_sectors = bytes >> SECTOR_SHIFT;
			d->bd.ops = &host_disk_ops;
			d->bd.driver_data = d;
			if (block_device_register(&d->bd))
				return NULL;
			d->registered = true;
		}
		d->bd.nr_sectors = bytes >> SECTOR_SHIFT;
		d->bd.make_it_fail = false;
		d->bd.read_only = false;
		d->in_use = true;
		return d;
	}
	return NULL;
}

struct block_device *host_disk_file(const char *path)
{
	long long size = eh_file_size(path);
	struct host_disk *d;
	int fd;

	if (size < 0)
		return NULL;
	fd = eh_open(path);
	if (fd < 0)
		return NULL;
	d = take_slot((u64)size);
	if (!d) {
		eh_close(fd);
		return NULL;
	}
	d->fd = fd;
	d->mem = NULL;
	return &d->bd;
}

struct block_device *host_disk_mem(void *mem, u64 bytes)
{
	struct host_disk *d = take_slot(bytes);

	if (!d)
		return NULL;
	d->fd = -1;
	d->mem = mem;
	return &d->bd;
}

void host_disk_close(struct block_device *bd)
{
	struct host_disk *d = bd->driver_data;

	buffer_invalidate_device(bd);
	if (d->fd >= 0)
		eh_close(d->fd);
	d->fd = -1;
	d->mem = NULL;
	d->in_use = false;
}

/* ---- nothing sleeps: every request is done when submit returns ---- */

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

void wake_up(struct wait_queue *wq)
{
	(void)wq;
}

void prepare_to_wait(struct wait_queue *wq, bool interruptible)
{
	(void)wq, (void)interruptible;
}

void finish_wait(struct wait_queue *wq)
{
	(void)wq;
}

void schedule(void)
{
	panic("ext2 host test: a wait would sleep forever");
}

bool signal_pending_current(void)
{
	return false;
}

/* One task: an rwsem it cannot take is one it already holds. */
void sched_wait(void)
{
	panic("ext2 host test: an rwsem was taken twice");
}

void sched_wake_lock_waiters(void)
{
}

u64 ktime_get_ns(void)
{
	return eh_ms() * 1000000ULL;
}

/* ---- io_buf copies ---- */

char *host_user_fault_at;

/* Bytes of [p, p + n) before the fault address. */
static size_t user_ok(struct io_buf b, size_t off, size_t n)
{
	char *p = b.base + off;

	if (!b.user || !host_user_fault_at || p + n <= host_user_fault_at)
		return n;
	return p >= host_user_fault_at ? 0 : (size_t)(host_user_fault_at - p);
}

size_t io_copy_to(struct io_buf b, size_t off, const void *src, size_t n)
{
	n = user_ok(b, off, n);
	memcpy(b.base + off, src, n);
	return n;
}

size_t io_copy_from(void *dst, struct io_buf b, size_t off, size_t n)
{
	n = user_ok(b, off, n);
	memcpy(dst, b.base + off, n);
	return n;
}
