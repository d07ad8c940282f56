/*
 * The virtio core (virtio 1.x): what every virtio device shares whatever
 * its transport. The start-up handshake and feature negotiation (3.1),
 * and split virtqueues (2.7): a table of descriptors, the "available"
 * ring where the driver offers chains of them, and the "used" ring where
 * the device hands them back. Drivers lock; the core only keeps the
 * rings consistent.
 */
#include <virtio.h>
#include <kmalloc.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

/* The rings' layout, as the device reads and writes them (little-endian
 * on every arch Faultline runs on). */
#define VIRTQ_DESC_F_NEXT	1	/* the chain goes on at next */
#define VIRTQ_DESC_F_WRITE	2	/* the device writes this buffer */

struct virtq_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct virtq_avail {
	u16 flags;
	u16 idx;			/* where the driver puts the next */
	u16 ring[];
};

struct virtq_used_elem {
	u32 id;				/* head descriptor of the chain */
	u32 len;			/* bytes the device wrote */
};

struct virtq_used {
	u16 flags;
	u16 idx;			/* where the device puts the next */
	struct virtq_used_elem ring[];
};

int virtio_negotiate(struct virtio_device *vd, u64 wanted)
{
	const struct virtio_transport *t = vd->transport;
	u64 offered;

	t->set_status(vd, 0);
	t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE);
	t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	offered = t->get_features(vd);
	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		printk("%s: a legacy (pre-1.0) virtio device; only virtio 1.x "
		       "is supported\n", vd->where);
		virtio_device_failed(vd);
		return -ENODEV;
	}
	vd->features = (offered & wanted) | (1ULL << VIRTIO_F_VERSION_1);
	t->set_features(vd, vd->features);
	t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
			  VIRTIO_STATUS_FEATURES_OK);
	if (!(t->get_status(vd) & VIRTIO_STATUS_FEATURES_OK)) {
		printk("%s: the device refused features %#llx\n", vd->where,
		       (unsigned long long)vd->features);
		virtio_device_failed(vd);
		return -ENODEV;
	}
	return 0;
}

void virtio_device_ready(struct virtio_device *vd)
{
	vd->transport->set_status(vd, vd->transport->get_status(vd) |
				      VIRTIO_STATUS_DRIVER_OK);
}

void virtio_device_failed(struct virtio_device *vd)
{
	vd->transport->set_status(vd, vd->transport->get_status(vd) |
				      VIRTIO_STATUS_FAILED);
}

/* Bytes of each part for n descriptors, and where each starts in one
 * allocation: the descriptor table aligned to 16, the available ring to
 * 2, the used ring to 4 (2.7, "Virtqueue alignment"). */
static size_t avail_offset(u16 n)
{
	return (size_t)n * sizeof(struct virtq_desc);
}

static size_t used_offset(u16 n)
{
	return ALIGN_UP(avail_offset(n) + sizeof(struct virtq_avail) +
			(n + 1) * sizeof(u16), 4);
}

static size_t rings_size(u16 n)
{
	return used_offset(n) + sizeof(struct virtq_used) +
	       n * sizeof(struct virtq_used_elem) + sizeof(u16);
}

int virtqueue_create(struct virtio_device *vd, u16 q, u16 max_size,
		     struct virtqueue *vq)
{
	u16 size = vd->transport->queue_max_size(vd, q);
	unsigned int order = 0;
	struct page *pages;
	u16 i;
	int err;

	if (!size) {
		printk("%s: no queue %u\n", vd->where, q);
		return -ENODEV;
	}
	if (size > max_size)
		size = max_size;
	/* Split queues may have any size up to the maximum; a power of two
	 * keeps the ring arithmetic obvious. */
	while (size & (size - 1))
		size &= size - 1;
	while ((PAGE_SIZE << order) < rings_size(size))
		order++;
	pages = alloc_pages(order);
	if (!pages)
		return -ENOMEM;
	memset(vq, 0, sizeof(*vq));
	vq->cookie = kzalloc(size * sizeof(void *));
	if (!vq->cookie) {
		free_pages(pages, order);
		return -ENOMEM;
	}
	vq->vd = vd;
	vq->index = q;
	vq->size = size;
	vq->rings = page_to_virt(pages);
	vq->rings_order = order;
	memset(vq->rings, 0, PAGE_SIZE << order);
	vq->desc = vq->rings;
	vq->avail = (void *)((char *)vq->rings + avail_offset(size));
	vq->used = (void *)((char *)vq->rings + used_offset(size));
	/* Every descriptor free, chained through next. */
	for (i = 0; i < size; i++)
		vq->desc[i].next = i + 1;
	vq->free_head = 0;
	vq->nr_free = size;
	err = vd->transport->queue_enable(vd, q, size, __pa(vq->desc),
					  __pa(vq->avail), __pa(vq->used));
	if (err) {
		virtqueue_destroy(vq);
		return err;
	}
	return 0;
}

void virtqueue_destroy(struct virtqueue *vq)
{
	if (vq->rings)
		free_pages(virt_to_page(vq->rings), vq->rings_order);
	kfree(vq->cookie);
	vq->rings = NULL;
	vq->cookie = NULL;
}

int virtqueue_add(struct virtqueue *vq, const struct virtio_buf *bufs,
		  unsigned int n, void *cookie)
{
	u16 head = vq->free_head, d = head, last = head;
	unsigned int i;

	if (!n || n > vq->nr_free)
		return -ENOSPC;
	for (i = 0; i < n; i++) {
		struct virtq_desc *desc = &vq->desc[d];

		desc->addr = __pa(bufs[i].addr);
		desc->len = bufs[i].len;
		desc->flags = (bufs[i].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
			      (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		last = d;
		d = desc->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->nr_free -= n;
	vq->cookie[head] = cookie;
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = head;
	/* The device must see the descriptors and the ring entry before the
	 * new index, and the index before the notification. */
	smp_wmb();
	WRITE_ONCE(vq->avail->idx, ++vq->avail_idx);
	smp_mb();
	vq->vd->transport->queue_notify(vq->vd, vq->index);
	return 0;
}

void *virtqueue_get_used(struct virtqueue *vq, u32 *len)
{
	struct virtq_used_elem *e;
	u16 head, d;
	void *cookie;

	if (vq->last_used == READ_ONCE(vq->used->idx))
		return NULL;
	/* The entry is valid once its index is: read it after. */
	smp_rmb();
	e = &vq->used->ring[vq->last_used & (vq->size - 1)];
	head = (u16)e->id;
	if (head >= vq->size || !vq->cookie[head]) {
		printk("%s: queue %u: the device used descriptor %u, which "
		       "is not in flight\n", vq->vd->where, vq->index, head);
		vq->last_used++;
		return NULL;
	}
	if (len)
		*len = e->len;
	vq->last_used++;
	cookie = vq->cookie[head];
	vq->cookie[head] = NULL;
	/* Give the chain back to the free list. */
	for (d = head;; d = vq->desc[d].next) {
		vq->nr_free++;
		if (!(vq->desc[d].flags & VIRTQ_DESC_F_NEXT))
			break;
	}
	vq->desc[d].next = vq->free_head;
	vq->free_head = head;
	return cookie;
}

/* The drivers, by device type. */
static const struct {
	u32 device_id;
	const char *name;
	int (*probe)(struct virtio_device *vd);
} virtio_drivers[] = {
	{ VIRTIO_ID_BLOCK, "virtio-blk", virtio_blk_probe },
};

void virtio_device_found(struct virtio_device *vd)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(virtio_drivers); i++) {
		if (virtio_drivers[i].device_id != vd->device_id)
			continue;
		err = virtio_drivers[i].probe(vd);
		if (err)
			printk("%s: %s: probe failed (error %d)\n", vd->where,
			       virtio_drivers[i].name, err);
		return;
	}
	printk("%s: virtio device type %u has no driver; left alone\n",
	       vd->where, vd->device_id);
}

void virtio_interrupt(struct virtio_device *vd)
{
	if (vd->interrupt)
		vd->interrupt(vd);
}
