/*
 * The virtio-mmio transport (virtio 1.x, 4.2): a virtio device as a page
 * of registers at an address the device tree gives ("virtio,mmio" nodes,
 * one interrupt each). QEMU's virt machines have a row of such slots;
 * empty ones read device id 0 and are skipped.
 *
 * Only the modern register layout (version 2) is spoken. QEMU 7.2 gives
 * the legacy one (version 1) unless told otherwise: tools/qemu passes
 * -global virtio-mmio.force-legacy=false.
 */
#include <virtio.h>
#include <arch.h>
#include <fdt.h>
#include <irq.h>
#include <kernel_map.h>
#include <kmalloc.h>
#include <printk.h>
#include <uapi/errno.h>
#include <asm/io.h>

#define VIRTIO_MMIO_MAGIC		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC_VALUE		0x74726976

struct virtio_mmio {
	struct virtio_device vd;
	void *regs;
	unsigned int irq;
};

static void *regs_of(struct virtio_device *vd)
{
	return ((struct virtio_mmio *)vd->transport_data)->regs;
}

static u32 rd(struct virtio_device *vd, unsigned int reg)
{
	return readl((char *)regs_of(vd) + reg);
}

static void wr(struct virtio_device *vd, unsigned int reg, u32 val)
{
	writel(val, (char *)regs_of(vd) + reg);
}

static u8 mmio_get_status(struct virtio_device *vd)
{
	return (u8)rd(vd, VIRTIO_MMIO_STATUS);
}

static void mmio_set_status(struct virtio_device *vd, u8 status)
{
	wr(vd, VIRTIO_MMIO_STATUS, status);
}

/* 64 feature bits, read and written 32 at a time through a selector. */
static u64 mmio_get_features(struct virtio_device *vd)
{
	u64 f;

	wr(vd, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	f = (u64)rd(vd, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	wr(vd, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	return f | rd(vd, VIRTIO_MMIO_DEVICE_FEATURES);
}

static void mmio_set_features(struct virtio_device *vd, u64 features)
{
	wr(vd, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(vd, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(features >> 32));
	wr(vd, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(vd, VIRTIO_MMIO_DRIVER_FEATURES, (u32)features);
}

/* Configuration space, a byte at a time: any width is allowed there, and
 * bytes need no care for alignment. */
static void mmio_read_config(struct virtio_device *vd, unsigned int offset,
			     void *buf, unsigned int len)
{
	u8 *out = buf;
	unsigned int i;

	for (i = 0; i < len; i++)
		out[i] = readb((char *)regs_of(vd) + VIRTIO_MMIO_CONFIG +
			       offset + i);
}

static u16 mmio_queue_max_size(struct virtio_device *vd, u16 q)
{
	wr(vd, VIRTIO_MMIO_QUEUE_SEL, q);
	if (rd(vd, VIRTIO_MMIO_QUEUE_READY))
		return 0;		/* already in use: not ours to take */
	return (u16)MIN(rd(vd, VIRTIO_MMIO_QUEUE_NUM_MAX), 32768U);
}

static int mmio_queue_enable(struct virtio_device *vd, u16 q, u16 size,
			     phys_addr_t desc, phys_addr_t avail,
			     phys_addr_t used)
{
	wr(vd, VIRTIO_MMIO_QUEUE_SEL, q);
	wr(vd, VIRTIO_MMIO_QUEUE_NUM, size);
	wr(vd, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)desc);
	wr(vd, VIRTIO_MMIO_QUEUE_DESC_HIGH, (u32)((u64)desc >> 32));
	wr(vd, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (u32)avail);
	wr(vd, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, (u32)((u64)avail >> 32));
	wr(vd, VIRTIO_MMIO_QUEUE_USED_LOW, (u32)used);
	wr(vd, VIRTIO_MMIO_QUEUE_USED_HIGH, (u32)((u64)used >> 32));
	wr(vd, VIRTIO_MMIO_QUEUE_READY, 1);
	return rd(vd, VIRTIO_MMIO_QUEUE_READY) ? 0 : -EIO;
}

static void mmio_queue_notify(struct virtio_device *vd, u16 q)
{
	wr(vd, VIRTIO_MMIO_QUEUE_NOTIFY, q);
}

/* The interrupt line is the device's own: acknowledge what it says it
 * has (used buffers, a configuration change) and let the driver look. */
static void mmio_irq(unsigned int irq, void *data)
{
	struct virtio_device *vd = data;
	u32 status = rd(vd, VIRTIO_MMIO_INTERRUPT_STATUS);

	(void)irq;
	if (!status)
		return;
	wr(vd, VIRTIO_MMIO_INTERRUPT_ACK, status);
	virtio_interrupt(vd);
}

static int mmio_enable_interrupt(struct virtio_device *vd)
{
	struct virtio_mmio *vm = vd->transport_data;

	return request_irq(vm->irq, mmio_irq, vd, vd->where);
}

static const struct virtio_transport virtio_mmio_transport = {
	.name = "virtio-mmio",
	.get_status = mmio_get_status,
	.set_status = mmio_set_status,
	.get_features = mmio_get_features,
	.set_features = mmio_set_features,
	.read_config = mmio_read_config,
	.queue_max_size = mmio_queue_max_size,
	.queue_enable = mmio_queue_enable,
	.queue_notify = mmio_queue_notify,
	.enable_interrupt = mmio_enable_interrupt,
};

static void probe_node(const void *fdt, int node)
{
	struct virtio_mmio *vm;
	u64 base, size;
	u32 version, id;
	void *regs;
	int irq;

	if (!fdt_get_reg(fdt, node, 0, &base, &size) || size < 0x100) {
		printk("virtio-mmio: node %s has no usable reg\n",
		       fdt_node_name(fdt, node));
		return;
	}
	regs = ioremap(base, size, "virtio-mmio");
	if (!regs)
		return;
	if (readl((char *)regs + VIRTIO_MMIO_MAGIC) != VIRTIO_MMIO_MAGIC_VALUE) {
		printk("virtio-mmio@%llx: no virtio magic\n",
		       (unsigned long long)base);
		return;
	}
	id = readl((char *)regs + VIRTIO_MMIO_DEVICE_ID);
	if (!id)
		return;			/* an empty slot */
	version = readl((char *)regs + VIRTIO_MMIO_VERSION);
	if (version != 2) {
		printk("virtio-mmio@%llx: device type %u speaks register "
		       "layout version %u; only version 2 (virtio 1.x) is "
		       "supported (QEMU: -global "
		       "virtio-mmio.force-legacy=false)\n",
		       (unsigned long long)base, id, version);
		return;
	}
	irq = arch_fdt_irq(fdt, node, 0);
	if (irq < 0) {
		printk("virtio-mmio@%llx: no interrupt in the device tree\n",
		       (unsigned long long)base);
		return;
	}
	vm = kzalloc(sizeof(*vm));
	if (!vm)
		return;
	vm->regs = regs;
	vm->irq = (unsigned int)irq;
	vm->vd.transport = &virtio_mmio_transport;
	vm->vd.transport_data = vm;
	vm->vd.device_id = id;
	snprintf(vm->vd.where, sizeof(vm->vd.where), "virtio-mmio@%llx",
		 (unsigned long long)base);
	virtio_device_found(&vm->vd);
}

void virtio_mmio_probe_all(const void *fdt)
{
	int node = -1;

	if (!fdt)
		return;
	while ((node = fdt_find_compatible(fdt, node, "virtio,mmio")) >= 0)
		probe_node(fdt, node);
}
