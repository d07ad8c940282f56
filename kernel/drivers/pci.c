/*
 * PCI enumeration (include/pci.h): configuration space through the arch's
 * ECAM windows, mapped one bus (1 MiB) at a time as the walk reaches it;
 * the walk over every bus, device and function behind them, following
 * PCI-PCI bridges to the buses the firmware numbered behind them; BARs as
 * the firmware assigned them; the capability list; MSI-X; and handing each
 * function to its driver. Runs once at boot.
 */
#include <pci.h>
#include <arch.h>
#include <cmdline.h>
#include <kernel_map.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>
#include <asm/io.h>
#include <uapi/errno.h>

/* The defaults for an arch without PCI (arm64 and riscv64 virt today:
 * their firmware leaves the BARs unassigned and their virtio devices are
 * on virtio-mmio). x86_64 defines both (acpi.c, apic.c). */
__weak bool arch_pci_ecam(unsigned int index, struct pci_ecam *out)
{
	(void)index, (void)out;
	return false;
}

__weak int arch_msi_alloc(u64 *addr, u32 *data)
{
	(void)addr, (void)data;
	return -ENODEV;
}

#define PCI_MAX_BUSES		256
#define PCI_SLOTS		32
#define PCI_FUNCS		8
#define ECAM_BUS_SIZE		(1UL << 20)
#define ECAM_FUNC_OFFSET(slot, func)	((unsigned long)(slot) << 15 | \
					 (unsigned long)(func) << 12)

/* MSI-X capability (PCI Local Bus 3.0, 6.8.2) */
#define MSIX_CTRL		2	/* 16: message control */
#define  MSIX_CTRL_TABLE_SIZE	0x07ff	/* entries - 1 */
#define  MSIX_CTRL_MASKALL	0x4000	/* function mask: every entry held */
#define  MSIX_CTRL_ENABLE	0x8000
#define MSIX_TABLE		4	/* 32: BAR (bits 2:0) and offset */
#define  MSIX_BIR		0x7
#define MSIX_ENTRY_SIZE		16	/* address low, high, data, control */
#define MSIX_ENTRY_ADDR_LO	0
#define MSIX_ENTRY_ADDR_HI	4
#define MSIX_ENTRY_DATA		8
#define MSIX_ENTRY_CTRL		12
#define  MSIX_ENTRY_MASKED	0x1

/* Capabilities start after the 64-byte header; a list longer than fits
 * in the rest of the 256 bytes is a loop. */
#define PCI_CAP_MIN		0x40
#define PCI_CAP_MAX_WALK	48

/* One ECAM window while the walk runs: the buses mapped so far. */
struct pci_host {
	struct pci_ecam ecam;
	void *bus_cfg[PCI_MAX_BUSES];	/* by bus - bus_start; NULL: unmapped */
};

/* Every function found, in the order found. Written only by
 * pci_probe_all() at boot, then only read: no lock. */
static LIST_HEAD_DECLARE(pci_devices);

static const struct pci_driver *const pci_drivers[] = {
	&virtio_pci_driver,
};

u8 pci_read8(const struct pci_dev *d, unsigned int off)
{
	return readb((u8 *)d->cfg + off);
}

u16 pci_read16(const struct pci_dev *d, unsigned int off)
{
	return readw((u8 *)d->cfg + off);
}

u32 pci_read32(const struct pci_dev *d, unsigned int off)
{
	return readl((u8 *)d->cfg + off);
}

void pci_write8(const struct pci_dev *d, unsigned int off, u8 val)
{
	writeb(val, (u8 *)d->cfg + off);
}

void pci_write16(const struct pci_dev *d, unsigned int off, u16 val)
{
	writew(val, (u8 *)d->cfg + off);
}

void pci_write32(const struct pci_dev *d, unsigned int off, u32 val)
{
	writel(val, (u8 *)d->cfg + off);
}

unsigned int pci_find_capability(const struct pci_dev *d, u8 id,
				 unsigned int after)
{
	unsigned int pos, n;

	if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = after ? pci_read8(d, after + 1) : pci_read8(d,
							  PCI_CAPABILITY_LIST);
	for (n = 0; n < PCI_CAP_MAX_WALK; n++) {
		pos &= ~3U;		/* the low two bits are reserved */
		if (pos < PCI_CAP_MIN)
			return 0;	/* 0 ends the list */
		if (pci_read8(d, pos) == id)
			return pos;
		pos = pci_read8(d, pos + 1);
	}
	printk("pci %s: the capability list loops\n", d->name);
	return 0;
}

static void set_command(struct pci_dev *d, u16 bits)
{
	u16 cmd = pci_read16(d, PCI_COMMAND);

	if ((cmd & bits) != bits)
		pci_write16(d, PCI_COMMAND, cmd | bits);
}

void pci_enable_device(struct pci_dev *d)
{
	set_command(d, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

void *pci_map_bar(struct pci_dev *d, unsigned int bar, u64 offset, u64 len,
		  const char *what)
{
	const struct pci_bar *b = bar < PCI_NR_BARS ? &d->bar[bar] : NULL;

	if (!b || !b->size || b->io || !b->base) {
		printk("pci %s: %s is in BAR%u, which is not an assigned "
		       "memory BAR\n", d->name, what, bar);
		return NULL;
	}
	if (!len || offset > b->size || len > b->size - offset) {
		printk("pci %s: %s (%#llx bytes at %#llx) does not fit in "
		       "BAR%u (%#llx bytes)\n", d->name, what, len, offset,
		       bar, b->size);
		return NULL;
	}
	return ioremap(b->base + offset, len, what);
}

/*
 * Once per function: the table mapped, MSI-X enabled with the function
 * mask on and every entry masked, so nothing fires before its entry is
 * programmed; INTx off for good (a function in MSI-X mode does not use
 * it, but the command bit says so to everyone).
 */
int pci_msix_enable(struct pci_dev *d)
{
	unsigned int cap, i, entries;
	u32 table;
	u16 ctrl;
	void *t;

	if (d->msix_cap)
		return (int)d->msix_entries;
	cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);
	if (!cap)
		return -ENODEV;
	ctrl = pci_read16(d, cap + MSIX_CTRL);
	table = pci_read32(d, cap + MSIX_TABLE);
	entries = (ctrl & MSIX_CTRL_TABLE_SIZE) + 1;
	t = pci_map_bar(d, table & MSIX_BIR, table & ~(u32)MSIX_BIR,
			entries * MSIX_ENTRY_SIZE, "MSI-X table");
	if (!t)
		return -ENODEV;
	/* Decoding the table needs memory space; the interrupt is a write
	 * the function makes, which needs bus mastering. */
	set_command(d, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
		       PCI_COMMAND_INTX_OFF);
	pci_write16(d, cap + MSIX_CTRL,
		    ctrl | MSIX_CTRL_ENABLE | MSIX_CTRL_MASKALL);
	for (i = 0; i < entries; i++) {
		u8 *e = (u8 *)t + i * MSIX_ENTRY_SIZE;

		writel(readl(e + MSIX_ENTRY_CTRL) | MSIX_ENTRY_MASKED,
		       e + MSIX_ENTRY_CTRL);
	}
	d->msix_table = t;
	d->msix_entries = entries;
	d->msix_cap = cap;
	return (int)entries;
}

int pci_msix_route(struct pci_dev *d, unsigned int entry,
		   irq_handler_t handler, void *data, const char *name)
{
	u64 msg_addr;
	u32 msg_data;
	u8 *e;
	int irq, err;

	err = pci_msix_enable(d);
	if (err < 0)
		return err;
	if (entry >= d->msix_entries)
		return -EINVAL;
	irq = arch_msi_alloc(&msg_addr, &msg_data);
	if (irq < 0)
		return irq;
	err = request_irq((unsigned int)irq, handler, data, name);
	if (err)
		return err;
	e = (u8 *)d->msix_table + entry * MSIX_ENTRY_SIZE;
	writel((u32)msg_addr, e + MSIX_ENTRY_ADDR_LO);
	writel((u32)(msg_addr >> 32), e + MSIX_ENTRY_ADDR_HI);
	writel(msg_data, e + MSIX_ENTRY_DATA);
	writel(readl(e + MSIX_ENTRY_CTRL) & ~(u32)MSIX_ENTRY_MASKED,
	       e + MSIX_ENTRY_CTRL);
	/* Entries still unprogrammed stay masked one by one. */
	pci_write16(d, d->msix_cap + MSIX_CTRL,
		    (pci_read16(d, d->msix_cap + MSIX_CTRL) | MSIX_CTRL_ENABLE) &
		    ~MSIX_CTRL_MASKALL);
	return irq;
}

/*
 * Size the BARs the usual way: write all ones, read back which address
 * bits stick (the low ones are the size's and read 0), put the address
 * back. Decoding is off meanwhile, or the function would answer at the
 * all-ones address for a moment. Bridges (class 06) are left alone: their
 * BARs are not for a driver of ours, and switching a host or ISA bridge's
 * decoding off would cut off what is behind it.
 */
static void read_bars(struct pci_dev *d)
{
	u16 cmd = pci_read16(d, PCI_COMMAND);
	unsigned int i;

	pci_write16(d, PCI_COMMAND,
		    cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < PCI_NR_BARS; i++) {
		unsigned int off = PCI_BAR0 + 4 * i;
		u32 orig = pci_read32(d, off), hi = 0, hi_mask = 0, mask;
		struct pci_bar *b = &d->bar[i];
		u64 addr_mask;

		pci_write32(d, off, ~0U);
		mask = pci_read32(d, off);
		pci_write32(d, off, orig);
		if (!mask)
			continue;		/* not implemented */
		b->io = orig & PCI_BAR_IO;
		if (b->io) {
			b->base = orig & ~3U;
			addr_mask = mask & ~3U;
		} else {
			b->mem64 = (orig & PCI_BAR_MEM_TYPE) == PCI_BAR_MEM_64;
			b->prefetch = orig & PCI_BAR_PREFETCH;
			if (b->mem64 && i + 1 < PCI_NR_BARS) {
				hi = pci_read32(d, off + 4);
				pci_write32(d, off + 4, ~0U);
				hi_mask = pci_read32(d, off + 4);
				pci_write32(d, off + 4, hi);
			}
			b->base = ((u64)hi << 32) | (orig & ~0xfU);
			addr_mask = ((u64)hi_mask << 32) | (mask & ~0xfU);
		}
		/* The lowest address bit that sticks is the size. */
		b->size = addr_mask & -addr_mask;
		if (b->mem64)
			i++;			/* the upper half's slot */
	}
	pci_write16(d, PCI_COMMAND, cmd);
}

/* A BAR's size in the largest unit that divides it: "16 KiB". */
static void format_size(char *buf, size_t len, u64 size)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB" };
	unsigned int u = 0;

	while (u + 1 < ARRAY_SIZE(units) && size >= 1024 && !(size & 1023)) {
		size >>= 10;
		u++;
	}
	snprintf(buf, len, "%llu %s", size, units[u]);
}

static const char *bar_kind(const struct pci_bar *b)
{
	if (b->io)
		return "I/O";
	if (b->mem64)
		return b->prefetch ? "64-bit prefetchable memory" :
				     "64-bit memory";
	return b->prefetch ? "prefetchable memory" : "memory";
}

static void print_bars(const struct pci_dev *d)
{
	unsigned int i;
	char size[24];

	for (i = 0; i < PCI_NR_BARS; i++) {
		const struct pci_bar *b = &d->bar[i];

		if (!b->size)
			continue;
		format_size(size, sizeof(size), b->size);
		if (b->base)
			printk("pci %s:   BAR%u %s at %#llx, %s\n", d->name, i,
			       bar_kind(b), (u64)b->base, size);
		else
			printk("pci %s:   BAR%u %s, %s, unassigned\n", d->name,
			       i, bar_kind(b), size);
	}
}

/* Names for the boot line by class and subclass (PCI Code and ID
 * Assignment 1.x); 0xff matches any subclass. */
static const struct {
	u8 class, subclass;
	const char *name;
} class_names[] = {
	{ 0x01, 0x01, "IDE controller" },
	{ 0x01, 0x06, "SATA controller" },
	{ 0x01, 0x08, "NVMe controller" },
	{ 0x01, 0xff, "storage controller" },
	{ 0x02, 0xff, "network controller" },
	{ 0x03, 0x00, "VGA controller" },
	{ 0x03, 0xff, "display controller" },
	{ 0x04, 0xff, "multimedia controller" },
	{ 0x05, 0xff, "memory controller" },
	{ 0x06, 0x00, "host bridge" },
	{ 0x06, 0x01, "ISA bridge" },
	{ 0x06, 0x04, "PCI bridge" },
	{ 0x06, 0xff, "bridge" },
	{ 0x07, 0xff, "communication controller" },
	{ 0x08, 0xff, "system peripheral" },
	{ 0x0c, 0x03, "USB controller" },
	{ 0x0c, 0x05, "SMBus controller" },
	{ 0x0c, 0xff, "serial bus controller" },
};

static const struct pci_driver *driver_for(const struct pci_dev *d)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pci_drivers); i++) {
		const struct pci_driver *drv = pci_drivers[i];

		if (d->vendor == drv->vendor && d->device >= drv->device_first &&
		    d->device <= drv->device_last)
			return drv;
	}
	return NULL;
}

static const char *describe(const struct pci_dev *d)
{
	const struct pci_driver *drv = driver_for(d);
	u8 class = d->class >> 16, subclass = d->class >> 8;
	unsigned int i;

	if (drv && drv->describe)
		return drv->describe(d);
	for (i = 0; i < ARRAY_SIZE(class_names); i++)
		if (class_names[i].class == class &&
		    (class_names[i].subclass == subclass ||
		     class_names[i].subclass == 0xff))
			return class_names[i].name;
	return "device";
}

/* The config space of bus, mapped on first use; NULL past the window. */
static void *bus_cfg(struct pci_host *h, unsigned int bus)
{
	unsigned int i = bus - h->ecam.bus_start;

	if (bus < h->ecam.bus_start || bus > h->ecam.bus_end)
		return NULL;
	if (!h->bus_cfg[i])
		h->bus_cfg[i] = ioremap(h->ecam.base + i * ECAM_BUS_SIZE,
					ECAM_BUS_SIZE, "PCI ECAM");
	return h->bus_cfg[i];
}

/* The function at bus/slot/func if one answers (a read of the vendor id
 * of an empty slot returns all ones); added to pci_devices. */
static struct pci_dev *add_function(struct pci_host *h, unsigned int bus,
				    unsigned int slot, unsigned int func)
{
	void *cfg = (u8 *)bus_cfg(h, bus) + ECAM_FUNC_OFFSET(slot, func);
	struct pci_dev *d;

	if (readw((u8 *)cfg + PCI_VENDOR_ID) == 0xffff)
		return NULL;
	d = kzalloc(sizeof(*d));
	if (!d) {
		printk("pci: out of memory at %04x:%02x:%02x.%u\n",
		       h->ecam.segment, bus, slot, func);
		return NULL;
	}
	d->cfg = cfg;
	d->segment = h->ecam.segment;
	d->bus = bus;
	d->slot = slot;
	d->func = func;
	snprintf(d->name, sizeof(d->name), "%04x:%02x:%02x.%u", d->segment,
		 bus, slot, func);
	d->vendor = pci_read16(d, PCI_VENDOR_ID);
	d->device = pci_read16(d, PCI_DEVICE_ID);
	d->class = pci_read32(d, PCI_CLASS_REVISION) >> 8;
	d->header_type = pci_read8(d, PCI_HEADER_TYPE) & PCI_HEADER_LAYOUT;
	if (d->header_type == 0) {
		d->subsys_vendor = pci_read16(d, PCI_SUBSYSTEM_VENDOR_ID);
		d->subsys_device = pci_read16(d, PCI_SUBSYSTEM_ID);
		if (d->class >> 16 != 0x06)
			read_bars(d);
	}
	list_add_tail(&d->node, &pci_devices);
	return d;
}

/*
 * Every bus reachable from the window's first: breadth first, with a
 * worklist instead of recursion (a deep bridge tree would otherwise be
 * as deep on the kernel stack), and each bus taken once (a misprogrammed
 * bridge could name a bus twice, or its own).
 */
static void scan_window(struct pci_host *h)
{
	u8 queue[PCI_MAX_BUSES];
	bool seen[PCI_MAX_BUSES] = { false };
	unsigned int head = 0, tail = 0;

	queue[tail++] = h->ecam.bus_start;
	seen[h->ecam.bus_start] = true;
	while (head < tail) {
		unsigned int bus = queue[head++], slot, func;

		for (slot = 0; slot < PCI_SLOTS; slot++) {
			for (func = 0; func < PCI_FUNCS; func++) {
				struct pci_dev *d = add_function(h, bus, slot,
								 func);
				unsigned int sec;

				if (!d) {
					if (func == 0)
						break;	/* no function 0: empty */
					continue;
				}
				if (d->header_type != 1) {
					printk("pci %s: %04x:%04x %s\n", d->name,
					       d->vendor, d->device,
					       describe(d));
				} else {
					sec = pci_read8(d, PCI_SECONDARY_BUS);
					printk("pci %s: %04x:%04x %s to bus "
					       "%02x\n", d->name, d->vendor,
					       d->device, describe(d), sec);
					if (sec > h->ecam.bus_start &&
					    sec <= h->ecam.bus_end &&
					    !seen[sec]) {
						seen[sec] = true;
						queue[tail++] = sec;
					}
				}
				if (!boot_options.quiet)
					print_bars(d);
				if (func == 0 &&
				    !(pci_read8(d, PCI_HEADER_TYPE) &
				      PCI_HEADER_MULTI_FN))
					break;
			}
		}
	}
}

void pci_probe_all(void)
{
	static bool done;
	struct pci_host *h;
	struct list_head *pos;
	unsigned int i;

	if (done)
		return;
	done = true;
	h = kzalloc(sizeof(*h));
	if (!h) {
		printk("pci: out of memory\n");
		return;
	}
	for (i = 0; arch_pci_ecam(i, &h->ecam); i++) {
		printk("pci: segment %04x buses %02x-%02x, configuration space "
		       "at %#lx\n", h->ecam.segment, h->ecam.bus_start,
		       h->ecam.bus_end, h->ecam.base);
		scan_window(h);
		/* The mappings stay (the functions point into them); only
		 * the bookkeeping is per window. */
		memset(h->bus_cfg, 0, sizeof(h->bus_cfg));
	}
	kfree(h);

	list_for_each(pos, &pci_devices) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, node);
		const struct pci_driver *drv = driver_for(d);

		if (drv)
			drv->probe(d);
	}
}
