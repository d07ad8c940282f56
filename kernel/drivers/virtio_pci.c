/*
 * The virtio-pci transport, modern interface (virtio 1.x, 4.1): the PCI
 * function's vendor capabilities point into its BARs at the common
 * configuration (status, features, queue setup), the notification area,
 * the ISR byte and the device-specific configuration; this file maps
 * them, implements struct virtio_transport (include/virtio.h) on them and
 * routes the device's interrupt through MSI-X, one vector for the
 * configuration and every queue. Legacy-only devices (no modern
 * capabilities) and devices without MSI-X are named and left alone.
 */
#include <virtio.h>
#include <pci.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <asm/io.h>
#include <uapi/errno.h>

#define VIRTIO_PCI_VENDOR		0x1af4
/* Device ids (4.1.2.1): 0x1040 + virtio type for a modern-only device;
 * below that, 0x1000-0x103f, a transitional one, whose type is its
 * subsystem id. */
#define VIRTIO_PCI_TRANSITIONAL_FIRST	0x1000
#define VIRTIO_PCI_MODERN_BASE		0x1040
#define VIRTIO_PCI_MODERN_LAST		0x107f

/* struct virtio_pci_cap (4.1.4): a vendor capability naming a structure */
#define VPCI_CAP_LEN		2	/* 8: this capability's length */
#define VPCI_CAP_CFG_TYPE	3	/* 8: which structure */
#define VPCI_CAP_BAR		4	/* 8: in which BAR */
#define VPCI_CAP_OFFSET		8	/* 32: where in the BAR */
#define VPCI_CAP_LENGTH		12	/* 32: its length in bytes */
#define VPCI_CAP_SIZE		16
#define VPCI_NOTIFY_MULTIPLIER	16	/* 32, notify capability only */
#define VPCI_NOTIFY_CAP_SIZE	20

#define VIRTIO_PCI_CAP_COMMON_CFG	1
#define VIRTIO_PCI_CAP_NOTIFY_CFG	2
#define VIRTIO_PCI_CAP_ISR_CFG		3
#define VIRTIO_PCI_CAP_DEVICE_CFG	4

/* struct virtio_pci_common_cfg (4.1.4.3): offsets and widths */
#define VPCI_DEVICE_FEATURE_SELECT	0x00	/* 32 */
#define VPCI_DEVICE_FEATURE		0x04	/* 32, read-only */
#define VPCI_DRIVER_FEATURE_SELECT	0x08	/* 32 */
#define VPCI_DRIVER_FEATURE		0x0c	/* 32 */
#define VPCI_MSIX_CONFIG		0x10	/* 16 */
#define VPCI_NUM_QUEUES			0x12	/* 16, read-only */
#define VPCI_DEVICE_STATUS		0x14	/* 8 */
#define VPCI_CONFIG_GENERATION		0x15	/* 8, read-only */
#define VPCI_QUEUE_SELECT		0x16	/* 16: the queue the rest are of */
#define VPCI_QUEUE_SIZE			0x18	/* 16 */
#define VPCI_QUEUE_MSIX_VECTOR		0x1a	/* 16 */
#define VPCI_QUEUE_ENABLE		0x1c	/* 16 */
#define VPCI_QUEUE_NOTIFY_OFF		0x1e	/* 16, read-only */
#define VPCI_QUEUE_DESC			0x20	/* 64 */
#define VPCI_QUEUE_DRIVER		0x28	/* 64: the available ring */
#define VPCI_QUEUE_DEVICE		0x30	/* 64: the used ring */
#define VPCI_COMMON_CFG_SIZE		0x38

#define VIRTIO_MSI_NO_VECTOR		0xffff
/* The one MSI-X table entry everything is routed to. */
#define VPCI_VECTOR			0

/* How long a reset may take before the device is given up on. */
#define VPCI_RESET_TIMEOUT_NS		(100 * 1000 * 1000ULL)

/* Where one structure is: its BAR, offset and length (from its
 * capability). length 0: the device has none. */
struct vpci_region {
	unsigned int bar;
	u32 offset, length;
};

/*
 * One device. The select registers (feature and queue) make the common
 * configuration stateful; only probe uses them, from one thread at boot,
 * and queue_notify and the interrupt path never do: no lock.
 */
struct virtio_pci {
	struct virtio_device vd;
	struct pci_dev *pdev;
	u8 *common;			/* struct virtio_pci_common_cfg */
	u8 *notify;			/* the notification area */
	u32 notify_len;
	u32 notify_multiplier;		/* bytes per queue_notify_off */
	u8 *device_cfg;			/* NULL when the device has none */
	u32 device_cfg_len;
	u16 num_queues;
	u16 **queue_notify;		/* per queue, once enabled */
	int irq;			/* < 0 until enable_interrupt */
};

static struct virtio_pci *to_vpci(struct virtio_device *vd)
{
	return vd->transport_data;
}

static u8 vpci_get_status(struct virtio_device *vd)
{
	return readb(to_vpci(vd)->common + VPCI_DEVICE_STATUS);
}

/* A reset (status 0) is over when the status reads 0 again (4.1.4.3.2). */
static void vpci_set_status(struct virtio_device *vd, u8 status)
{
	struct virtio_pci *vp = to_vpci(vd);
	u64 start;

	writeb(status, vp->common + VPCI_DEVICE_STATUS);
	if (status)
		return;
	start = ktime_get_ns();
	while (readb(vp->common + VPCI_DEVICE_STATUS)) {
		if (ktime_get_ns() - start > VPCI_RESET_TIMEOUT_NS) {
			printk("%s: the device did not finish its reset\n",
			       vd->where);
			return;
		}
	}
}

static u64 vpci_get_features(struct virtio_device *vd)
{
	struct virtio_pci *vp = to_vpci(vd);
	u32 lo, hi;

	writel(0, vp->common + VPCI_DEVICE_FEATURE_SELECT);
	lo = readl(vp->common + VPCI_DEVICE_FEATURE);
	writel(1, vp->common + VPCI_DEVICE_FEATURE_SELECT);
	hi = readl(vp->common + VPCI_DEVICE_FEATURE);
	return ((u64)hi << 32) | lo;
}

static void vpci_set_features(struct virtio_device *vd, u64 features)
{
	struct virtio_pci *vp = to_vpci(vd);

	writel(0, vp->common + VPCI_DRIVER_FEATURE_SELECT);
	writel((u32)features, vp->common + VPCI_DRIVER_FEATURE);
	writel(1, vp->common + VPCI_DRIVER_FEATURE_SELECT);
	writel((u32)(features >> 32), vp->common + VPCI_DRIVER_FEATURE);
}

/*
 * Fields are read at their own width (4.1.3.1: 8, 16 or 32 bits, a 64-bit
 * field as two 32-bit halves), which aligned chunks of the caller's range
 * give. A field wider than one access could change between the halves:
 * the device bumps config_generation when it changes anything, so read
 * until the generation is the same before and after (4.1.4.3.1).
 */
static void vpci_read_config(struct virtio_device *vd, unsigned int offset,
			     void *buf, unsigned int len)
{
	struct virtio_pci *vp = to_vpci(vd);
	u8 gen, *out = buf;

	if (!vp->device_cfg || offset > vp->device_cfg_len ||
	    len > vp->device_cfg_len - offset) {
		printk("%s: configuration bytes %u-%u are past the device's "
		       "%u\n", vd->where, offset, offset + len,
		       vp->device_cfg_len);
		memset(buf, 0, len);
		return;
	}
	do {
		unsigned int pos = offset, end = offset + len;

		gen = readb(vp->common + VPCI_CONFIG_GENERATION);
		while (pos < end) {
			u8 *src = vp->device_cfg + pos;

			if (!(pos & 3) && end - pos >= 4) {
				u32 v = readl(src);

				memcpy(out + pos - offset, &v, 4);
				pos += 4;
			} else if (!(pos & 1) && end - pos >= 2) {
				u16 v = readw(src);

				memcpy(out + pos - offset, &v, 2);
				pos += 2;
			} else {
				out[pos - offset] = readb(src);
				pos++;
			}
		}
	} while (readb(vp->common + VPCI_CONFIG_GENERATION) != gen);
}

static u16 vpci_queue_max_size(struct virtio_device *vd, u16 q)
{
	struct virtio_pci *vp = to_vpci(vd);

	if (q >= vp->num_queues)
		return 0;
	writew(q, vp->common + VPCI_QUEUE_SELECT);
	return readw(vp->common + VPCI_QUEUE_SIZE);
}

static void write64(u8 *reg, u64 val)
{
	writel((u32)val, reg);
	writel((u32)(val >> 32), reg + 4);
}

static int vpci_queue_enable(struct virtio_device *vd, u16 q, u16 size,
			     phys_addr_t desc, phys_addr_t avail,
			     phys_addr_t used)
{
	struct virtio_pci *vp = to_vpci(vd);
	u8 *c = vp->common;
	u64 off;

	if (q >= vp->num_queues)
		return -EINVAL;
	writew(q, c + VPCI_QUEUE_SELECT);
	/* Where this queue's notifications go: queue_notify_off units of
	 * notify_off_multiplier bytes into the notification area (4.1.4.4). */
	off = (u64)readw(c + VPCI_QUEUE_NOTIFY_OFF) * vp->notify_multiplier;
	if (off + 2 > vp->notify_len) {
		printk("%s: queue %u's notification address (offset %#llx) is "
		       "past the notification area (%#x bytes)\n", vd->where,
		       q, off, vp->notify_len);
		return -EIO;
	}
	vp->queue_notify[q] = (u16 *)(vp->notify + off);

	writew(size, c + VPCI_QUEUE_SIZE);
	/* Every queue on the one vector; the device says NO_VECTOR when it
	 * cannot map it (4.1.5.1.2). */
	writew(VPCI_VECTOR, c + VPCI_QUEUE_MSIX_VECTOR);
	if (readw(c + VPCI_QUEUE_MSIX_VECTOR) != VPCI_VECTOR) {
		printk("%s: the device refused MSI-X vector %u for queue %u\n",
		       vd->where, VPCI_VECTOR, q);
		return -EIO;
	}
	write64(c + VPCI_QUEUE_DESC, desc);
	write64(c + VPCI_QUEUE_DRIVER, avail);
	write64(c + VPCI_QUEUE_DEVICE, used);
	writew(1, c + VPCI_QUEUE_ENABLE);
	return 0;
}

/* Without VIRTIO_F_NOTIFICATION_DATA the notification is the queue's
 * index, written as 16 bits to the queue's address (4.1.5.2). */
static void vpci_queue_notify(struct virtio_device *vd, u16 q)
{
	struct virtio_pci *vp = to_vpci(vd);

	if (q < vp->num_queues && vp->queue_notify[q])
		writew(q, vp->queue_notify[q]);
}

/* With MSI-X on, the ISR byte is not used (4.1.4.5): the vector alone
 * says the device has news, and the core finds out which. */
static void vpci_irq(unsigned int irq, void *data)
{
	struct virtio_pci *vp = data;

	(void)irq;
	virtio_interrupt(&vp->vd);
}

static int vpci_enable_interrupt(struct virtio_device *vd)
{
	struct virtio_pci *vp = to_vpci(vd);

	if (vp->irq < 0) {
		int irq = pci_msix_route(vp->pdev, VPCI_VECTOR, vpci_irq, vp,
					 "virtio-pci");

		if (irq < 0) {
			printk("%s: cannot route MSI-X entry %u: error %d\n",
			       vd->where, VPCI_VECTOR, irq);
			return irq;
		}
		vp->irq = irq;
	}
	writew(VPCI_VECTOR, vp->common + VPCI_MSIX_CONFIG);
	if (readw(vp->common + VPCI_MSIX_CONFIG) != VPCI_VECTOR) {
		printk("%s: the device refused MSI-X vector %u for "
		       "configuration changes\n", vd->where, VPCI_VECTOR);
		return -EIO;
	}
	return 0;
}

static const struct virtio_transport virtio_pci_transport = {
	.name = "virtio-pci",
	.get_status = vpci_get_status,
	.set_status = vpci_set_status,
	.get_features = vpci_get_features,
	.set_features = vpci_set_features,
	.read_config = vpci_read_config,
	.queue_max_size = vpci_queue_max_size,
	.queue_enable = vpci_queue_enable,
	.queue_notify = vpci_queue_notify,
	.enable_interrupt = vpci_enable_interrupt,
};

/* The virtio type (VIRTIO_ID_*) of a matching function. */
static u32 virtio_type(const struct pci_dev *d)
{
	if (d->device >= VIRTIO_PCI_MODERN_BASE)
		return d->device - VIRTIO_PCI_MODERN_BASE;
	return d->subsys_device;
}

static const char *vpci_describe(const struct pci_dev *d)
{
	static const char *const names[] = {
		[1] = "virtio-net", [2] = "virtio-blk", [3] = "virtio-console",
		[4] = "virtio-rng", [5] = "virtio-balloon", [8] = "virtio-scsi",
		[9] = "virtio-9p", [16] = "virtio-gpu", [18] = "virtio-input",
		[19] = "virtio-vsock",
	};
	u32 type = virtio_type(d);

	if (type < ARRAY_SIZE(names) && names[type])
		return names[type];
	return "virtio device";
}

/*
 * The first capability of each structure type wins (4.1.4: a device may
 * list alternatives after it); capabilities naming a reserved BAR are
 * skipped, as the specification asks.
 */
static void find_regions(struct pci_dev *d, struct vpci_region *r,
			 unsigned int nr, u32 *notify_multiplier)
{
	unsigned int cap = 0;

	while ((cap = pci_find_capability(d, PCI_CAP_ID_VNDR, cap))) {
		u8 type = pci_read8(d, cap + VPCI_CAP_CFG_TYPE);
		u8 bar = pci_read8(d, cap + VPCI_CAP_BAR);

		if (pci_read8(d, cap + VPCI_CAP_LEN) < VPCI_CAP_SIZE ||
		    bar >= PCI_NR_BARS || !type || type >= nr ||
		    r[type].length)
			continue;
		if (type == VIRTIO_PCI_CAP_NOTIFY_CFG) {
			if (pci_read8(d, cap + VPCI_CAP_LEN) <
			    VPCI_NOTIFY_CAP_SIZE)
				continue;
			*notify_multiplier =
				pci_read32(d, cap + VPCI_NOTIFY_MULTIPLIER);
		}
		r[type].bar = bar;
		r[type].offset = pci_read32(d, cap + VPCI_CAP_OFFSET);
		r[type].length = pci_read32(d, cap + VPCI_CAP_LENGTH);
	}
}

static void *map_region(struct pci_dev *d, const struct vpci_region *r,
			const char *what)
{
	return pci_map_bar(d, r->bar, r->offset, r->length, what);
}

static int vpci_probe(struct pci_dev *d)
{
	struct vpci_region r[VIRTIO_PCI_CAP_DEVICE_CFG + 1];
	const char *what = vpci_describe(d);
	struct virtio_pci *vp;
	u32 multiplier = 0;

	memset(r, 0, sizeof(r));
	find_regions(d, r, ARRAY_SIZE(r), &multiplier);
	if (!r[VIRTIO_PCI_CAP_COMMON_CFG].length) {
		printk("pci %s: %s has no virtio 1.x capabilities (a legacy "
		       "device): not used\n", d->name, what);
		return -ENODEV;
	}
	if (r[VIRTIO_PCI_CAP_COMMON_CFG].length < VPCI_COMMON_CFG_SIZE ||
	    !r[VIRTIO_PCI_CAP_NOTIFY_CFG].length) {
		printk("pci %s: %s lacks a usable common configuration or "
		       "notification capability: not used\n", d->name, what);
		return -ENODEV;
	}
	/* INTx would need the ACPI _PRT (AML) to know which IOAPIC pin the
	 * function's pin reaches, which the kernel does not interpret. */
	if (!pci_find_capability(d, PCI_CAP_ID_MSIX, 0)) {
		printk("pci %s: %s has no MSI-X, and INTx routing (ACPI _PRT) "
		       "is not supported: not used\n", d->name, what);
		return -ENODEV;
	}

	vp = kzalloc(sizeof(*vp));
	if (!vp)
		return -ENOMEM;
	pci_enable_device(d);
	/* On now, all masked: the vectors are chosen with MSI-X enabled
	 * (4.1.5.1.3), in queue_enable and enable_interrupt. */
	if (pci_msix_enable(d) < 0)
		goto fail;
	vp->pdev = d;
	vp->irq = -1;
	vp->common = map_region(d, &r[VIRTIO_PCI_CAP_COMMON_CFG],
				"virtio common configuration");
	vp->notify = map_region(d, &r[VIRTIO_PCI_CAP_NOTIFY_CFG],
				"virtio notifications");
	vp->notify_len = r[VIRTIO_PCI_CAP_NOTIFY_CFG].length;
	vp->notify_multiplier = multiplier;
	if (r[VIRTIO_PCI_CAP_DEVICE_CFG].length) {
		vp->device_cfg = map_region(d, &r[VIRTIO_PCI_CAP_DEVICE_CFG],
					    "virtio device configuration");
		vp->device_cfg_len = vp->device_cfg ?
			r[VIRTIO_PCI_CAP_DEVICE_CFG].length : 0;
	}
	if (!vp->common || !vp->notify)
		goto fail;	/* pci_map_bar said why */
	vp->num_queues = readw(vp->common + VPCI_NUM_QUEUES);
	vp->queue_notify = kzalloc((vp->num_queues ? vp->num_queues : 1) *
				   sizeof(*vp->queue_notify));
	if (!vp->queue_notify)
		goto fail;

	vp->vd.transport = &virtio_pci_transport;
	vp->vd.transport_data = vp;
	vp->vd.device_id = virtio_type(d);
	snprintf(vp->vd.where, sizeof(vp->vd.where), "pci %s", d->name);
	virtio_device_found(&vp->vd);
	return 0;

fail:
	/* The mappings stay: there is no iounmap, and they are small. */
	kfree(vp);
	return -ENODEV;
}

const struct pci_driver virtio_pci_driver = {
	.name = "virtio-pci",
	.vendor = VIRTIO_PCI_VENDOR,
	.device_first = VIRTIO_PCI_TRANSITIONAL_FIRST,
	.device_last = VIRTIO_PCI_MODERN_LAST,
	.describe = vpci_describe,
	.probe = vpci_probe,
};
