/*
 * virtio-blk (virtio 1.x, 5.2): a disk behind one virtqueue, on any
 * transport. Each block request becomes a chain of three kinds of
 * buffer: a header the device reads (operation, sector), the data, and a
 * status byte the device writes. The interrupt hands finished chains back;
 * requests that find the queue full wait on a list for room.
 */
#include <block.h>
#include <fs.h>
#include <virtio.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

/* Feature bits (5.2.3) */
#define VIRTIO_BLK_F_SIZE_MAX	1	/* size_max: bytes per data buffer */
#define VIRTIO_BLK_F_SEG_MAX	2	/* seg_max: data buffers per request */
#define VIRTIO_BLK_F_RO		5	/* read-only */
#define VIRTIO_BLK_F_BLK_SIZE	6	/* blk_size: logical block size */
#define VIRTIO_BLK_F_FLUSH	9	/* a write cache that FLUSH empties */

/* Configuration space offsets (5.2.4) */
#define VIRTIO_BLK_CFG_CAPACITY	0	/* le64, 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX	8	/* le32 */
#define VIRTIO_BLK_CFG_SEG_MAX	12	/* le32 */
#define VIRTIO_BLK_CFG_BLK_SIZE	20	/* le32 */

/* Request types and status (5.2.6) */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0

#define QUEUE_SIZE	128
/* Header, data buffers, status: at most this many descriptors. */
#define MAX_SEGMENTS	16

/* One disk. lock guards vq and pending; it is taken with interrupts off
 * (the interrupt handler takes it). */
struct virtblk {
	struct virtio_device *vd;
	struct block_device bd;
	spinlock_t lock;
	struct virtqueue vq;
	struct list_head pending;	/* block_request.queue, waiting for
					 * descriptors, oldest first */
	u32 size_max;			/* bytes per data buffer */
	u32 seg_max;			/* data buffers per request */
	bool has_flush;
};

/* What the device reads and writes besides the data: in kmalloc memory,
 * which is in the direct map as the device needs. */
struct virtblk_req {
	struct {
		u32 type;
		u32 reserved;
		u64 sector;
	} header;
	u8 status;
	struct block_request *r;
};

static unsigned int nr_disks;

/* Offer r to the device; false when the queue has no room for it now. */
static bool start(struct virtblk *vb, struct block_request *r)
{
	struct virtblk_req *req = r->driver_data;
	struct virtio_buf bufs[MAX_SEGMENTS];
	unsigned int n = 0;
	u32 len = r->nr_sectors << SECTOR_SHIFT, off = 0;

	bufs[n++] = (struct virtio_buf){ &req->header, sizeof(req->header),
					 false };
	while (off < len) {
		u32 chunk = MIN(len - off, vb->size_max);

		bufs[n++] = (struct virtio_buf){ (char *)r->buf + off, chunk,
						 r->op == BLOCK_READ };
		off += chunk;
	}
	bufs[n++] = (struct virtio_buf){ &req->status, 1, true };
	return virtqueue_add(&vb->vq, bufs, n, r) == 0;
}

static void virtblk_submit(struct block_device *bd, struct block_request *r)
{
	struct virtblk *vb = bd->driver_data;
	struct virtblk_req *req;
	u32 segments = 0;
	unsigned long flags;

	if (r->op == BLOCK_FLUSH && !vb->has_flush) {
		/* No write cache: every write was stable when it completed. */
		block_request_done(r, 0);
		return;
	}
	if (r->op != BLOCK_FLUSH)
		segments = ((r->nr_sectors << SECTOR_SHIFT) + vb->size_max - 1) /
			   vb->size_max;
	req = kmalloc(sizeof(*req));
	if (!req || segments > vb->seg_max || segments + 2 > MAX_SEGMENTS) {
		printk("%s: request of %u sectors: %s\n", bd->name,
		       r->nr_sectors, req ? "too many segments" : "no memory");
		kfree(req);
		block_request_done(r, -EIO);
		return;
	}
	req->header.type = r->op == BLOCK_READ ? VIRTIO_BLK_T_IN :
			   r->op == BLOCK_WRITE ? VIRTIO_BLK_T_OUT :
			   VIRTIO_BLK_T_FLUSH;
	req->header.reserved = 0;
	req->header.sector = r->op == BLOCK_FLUSH ? 0 : r->sector;
	req->status = 0xff;
	req->r = r;
	r->driver_data = req;
	flags = spin_lock_irqsave(&vb->lock);
	/* Behind the ones already waiting, so requests start in order. */
	if (!list_empty(&vb->pending) || !start(vb, r))
		list_add_tail(&r->queue, &vb->pending);
	spin_unlock_irqrestore(&vb->lock, flags);
}

static const struct block_device_ops virtblk_ops = {
	.submit = virtblk_submit,
};

/* The device finished some chains: complete their requests, then start
 * waiting ones in the descriptors that came free. */
static void virtblk_interrupt(struct virtio_device *vd)
{
	struct virtblk *vb = vd->driver_data;
	struct block_request *r;
	LIST_HEAD_DECLARE(finished);
	unsigned long flags = spin_lock_irqsave(&vb->lock);

	while ((r = virtqueue_get_used(&vb->vq, NULL)))
		list_add_tail(&r->queue, &finished);
	while (!list_empty(&vb->pending)) {
		r = list_first_entry(&vb->pending, struct block_request, queue);
		list_del(&r->queue);
		if (!start(vb, r)) {
			list_add(&r->queue, &vb->pending);
			break;
		}
	}
	spin_unlock_irqrestore(&vb->lock, flags);

	while (!list_empty(&finished)) {
		struct virtblk_req *req;
		int status;

		r = list_first_entry(&finished, struct block_request, queue);
		list_del(&r->queue);
		req = r->driver_data;
		status = READ_ONCE(req->status) == VIRTIO_BLK_S_OK ? 0 : -EIO;
		if (status)
			printk("%s: the device failed a request at sector %llu "
			       "(status %u)\n", vb->bd.name,
			       (unsigned long long)r->sector, req->status);
		kfree(req);
		block_request_done(r, status);
	}
}

static u32 config32(struct virtio_device *vd, unsigned int off)
{
	u32 v;

	vd->transport->read_config(vd, off, &v, sizeof(v));
	return v;
}

int virtio_blk_probe(struct virtio_device *vd)
{
	u64 wanted = (1ULL << VIRTIO_BLK_F_SIZE_MAX) |
		     (1ULL << VIRTIO_BLK_F_SEG_MAX) | (1ULL << VIRTIO_BLK_F_RO) |
		     (1ULL << VIRTIO_BLK_F_BLK_SIZE) |
		     (1ULL << VIRTIO_BLK_F_FLUSH);
	struct virtblk *vb;
	u64 capacity;
	int err;

	err = virtio_negotiate(vd, wanted);
	if (err)
		return err;
	vb = kzalloc(sizeof(*vb));
	if (!vb) {
		virtio_device_failed(vd);
		return -ENOMEM;
	}
	vb->vd = vd;
	spin_lock_init(&vb->lock, "virtblk.lock");
	list_init(&vb->pending);
	vb->size_max = 1U << 30;
	vb->seg_max = MAX_SEGMENTS - 2;
	if (vd->features & (1ULL << VIRTIO_BLK_F_SIZE_MAX) &&
	    config32(vd, VIRTIO_BLK_CFG_SIZE_MAX) >= SECTOR_SIZE)
		vb->size_max = config32(vd, VIRTIO_BLK_CFG_SIZE_MAX) &
			       ~(SECTOR_SIZE - 1);
	if (vd->features & (1ULL << VIRTIO_BLK_F_SEG_MAX) &&
	    config32(vd, VIRTIO_BLK_CFG_SEG_MAX) &&
	    config32(vd, VIRTIO_BLK_CFG_SEG_MAX) < vb->seg_max)
		vb->seg_max = config32(vd, VIRTIO_BLK_CFG_SEG_MAX);
	vb->has_flush = vd->features & (1ULL << VIRTIO_BLK_F_FLUSH);
	vd->transport->read_config(vd, VIRTIO_BLK_CFG_CAPACITY, &capacity,
				   sizeof(capacity));

	snprintf(vb->bd.name, sizeof(vb->bd.name), "vd%c", 'a' + nr_disks);
	vb->bd.devnum = mkdev(VIRTBLK_MAJOR, nr_disks * 16);
	vb->bd.nr_sectors = capacity;
	vb->bd.block_size = SECTOR_SIZE;
	if (vd->features & (1ULL << VIRTIO_BLK_F_BLK_SIZE)) {
		u32 bs = config32(vd, VIRTIO_BLK_CFG_BLK_SIZE);

		if (bs >= SECTOR_SIZE && bs <= 4096 && !(bs & (bs - 1)))
			vb->bd.block_size = bs;
	}
	vb->bd.read_only = vd->features & (1ULL << VIRTIO_BLK_F_RO);
	vb->bd.ops = &virtblk_ops;
	vb->bd.driver_data = vb;

	err = virtqueue_create(vd, 0, QUEUE_SIZE, &vb->vq);
	if (err)
		goto fail;
	vd->driver_data = vb;
	vd->interrupt = virtblk_interrupt;
	err = vd->transport->enable_interrupt(vd);
	if (err)
		goto fail_queue;
	virtio_device_ready(vd);
	err = block_device_register(&vb->bd);
	if (err)
		goto fail_queue;
	printk("%s: virtio-blk on %s%s\n", vb->bd.name, vd->where,
	       vb->has_flush ? ", write cache flushed on sync" : "");
	nr_disks++;
	return 0;

fail_queue:
	vd->interrupt = NULL;
	virtio_device_failed(vd);
	virtqueue_destroy(&vb->vq);
	kfree(vb);
	return err;
fail:
	virtio_device_failed(vd);
	kfree(vb);
	return err;
}
