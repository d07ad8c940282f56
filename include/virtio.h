/*
 * Virtio 1.x devices (kernel/drivers/virtio.c): what a device driver
 * (virtio-blk) sees, and the contract a transport (virtio-mmio from the
 * device tree, virtio-pci found by enumerating PCI) fulfils. The core does
 * the status handshake, feature negotiation and split virtqueues; a
 * transport only reaches the device's registers and its interrupt.
 */
#ifndef FAULTLINE_VIRTIO_H
#define FAULTLINE_VIRTIO_H

#include <types.h>
#include <spinlock.h>

/* Device status bits (virtio 1.x, 2.1) */
#define VIRTIO_STATUS_ACKNOWLEDGE	1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8
#define VIRTIO_STATUS_NEEDS_RESET	64
#define VIRTIO_STATUS_FAILED		128

/* Feature bits every device may offer (6) */
#define VIRTIO_F_VERSION_1		32	/* a modern (1.x) device */

/* Device types (5) */
#define VIRTIO_ID_BLOCK			2

struct virtio_device;

/*
 * A transport. Register offsets and widths are the transport's business;
 * every call here is from process context during probe, except notify and
 * the interrupt path.
 */
struct virtio_transport {
	const char *name;			/* "virtio-mmio", "virtio-pci" */
	u8 (*get_status)(struct virtio_device *vd);
	/* Writing 0 resets the device; the transport waits for the reset to
	 * finish where the specification asks it to. */
	void (*set_status)(struct virtio_device *vd, u8 status);
	u64 (*get_features)(struct virtio_device *vd);
	void (*set_features)(struct virtio_device *vd, u64 features);
	/* The device-specific configuration space (virtio-blk's capacity). */
	void (*read_config)(struct virtio_device *vd, unsigned int offset,
			    void *buf, unsigned int len);
	/* Largest size queue q may have; 0 when the device has no queue q. */
	u16 (*queue_max_size)(struct virtio_device *vd, u16 q);
	/* Give queue q its size and the physical addresses of its three
	 * rings, then enable it. 0 or -errno. */
	int (*queue_enable)(struct virtio_device *vd, u16 q, u16 size,
			    phys_addr_t desc, phys_addr_t avail,
			    phys_addr_t used);
	/* Tell the device that queue q has new available buffers. */
	void (*queue_notify)(struct virtio_device *vd, u16 q);
	/* Route the device's interrupt (all queues, and configuration
	 * changes) to virtio_interrupt(vd). 0 or -errno. */
	int (*enable_interrupt)(struct virtio_device *vd);
};

/* One device, as a transport found it. */
struct virtio_device {
	const struct virtio_transport *transport;
	void *transport_data;		/* the transport's own */
	u32 device_id;			/* VIRTIO_ID_* */
	char where[40];			/* for messages: "virtio-mmio@a003e00",
					 * "pci 0000:00:03.0" */
	u64 features;			/* negotiated */
	/* Called by virtio_interrupt(): the driver's handler. */
	void (*interrupt)(struct virtio_device *vd);
	void *driver_data;
};

/*
 * A split virtqueue (2.7): descriptors, the ring the driver fills and the
 * ring the device fills. The driver owns the locking: virtqueue_* calls
 * on one queue are made under one lock of the driver's, with interrupts
 * off (the driver's interrupt handler reaps under it).
 */
struct virtqueue {
	struct virtio_device *vd;
	u16 index;			/* queue number on the device */
	u16 size;			/* descriptors (a power of two) */
	u16 free_head;			/* first free descriptor, chained */
	u16 nr_free;
	u16 last_used;			/* used-ring entries reaped so far */
	u16 avail_idx;			/* the driver's copy of avail->idx */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	void **cookie;			/* per head descriptor: the caller's */
	void *rings;			/* the pages holding all three */
	unsigned int rings_order;
};

/* One buffer of a request: physically contiguous kernel memory. */
struct virtio_buf {
	void *addr;			/* in the direct map (kmalloc, pages) */
	u32 len;
	bool device_writes;		/* the device fills it (a read) */
};

/* Reset the device, acknowledge it, offer wanted & what it offers (plus
 * VIRTIO_F_VERSION_1, which is required) and check FEATURES_OK. Sets
 * vd->features. 0, or -ENODEV with a message naming vd->where. */
int virtio_negotiate(struct virtio_device *vd, u64 wanted);
/* Set up queue q with at most max_size descriptors. 0 or -errno. */
int virtqueue_create(struct virtio_device *vd, u16 q, u16 max_size,
		     struct virtqueue *vq);
/* Tell the device the driver is ready (DRIVER_OK). */
void virtio_device_ready(struct virtio_device *vd);
/* Mark the device FAILED after a probe error. */
void virtio_device_failed(struct virtio_device *vd);

/* Chain n buffers as one request, make it available and notify the
 * device. 0, or -ENOSPC when fewer than n descriptors are free. */
int virtqueue_add(struct virtqueue *vq, const struct virtio_buf *bufs,
		  unsigned int n, void *cookie);
/* The next request the device has finished (its cookie), or NULL; *len
 * is how many bytes it wrote. Frees its descriptors. */
void *virtqueue_get_used(struct virtqueue *vq, u32 *len);
void virtqueue_destroy(struct virtqueue *vq);

/* Transports: a device was found; the core hands it to the driver for
 * its type (or says there is none). */
void virtio_device_found(struct virtio_device *vd);
/* Transports' interrupt handlers: the device has news. */
void virtio_interrupt(struct virtio_device *vd);

/* Drivers (kernel/drivers/virtio_blk.c, ...) */
int virtio_blk_probe(struct virtio_device *vd);

/* Transports, called once at boot (kernel/drivers/drivers.c). */
void virtio_mmio_probe_all(const void *fdt);

#endif
