/*
 * PCI (kernel/drivers/pci.c): configuration space through ECAM windows the
 * arch names (arch_pci_ecam(): ACPI MCFG on x86_64), the walk over buses,
 * devices and functions that finds what is plugged in, BARs as the
 * firmware assigned them, the capability list, MSI-X, and the drivers of
 * PCI devices (virtio-pci, kernel/drivers/virtio_pci.c).
 *
 * Only x86_64 enumerates today: there SeaBIOS has numbered the bridges
 * and given every BAR an address before the kernel runs, and the kernel
 * keeps what it finds. A device-tree machine (QEMU arm64/riscv64 virt) has
 * a "pci-host-ecam-generic" node whose reg could feed arch_pci_ecam() the
 * same way, but its firmware leaves the BARs unassigned: enumerating there
 * needs an allocator for the bridge windows first, so those arches report
 * no window and their virtio devices come on virtio-mmio instead.
 */
#ifndef FAULTLINE_PCI_H
#define FAULTLINE_PCI_H

#include <types.h>
#include <list.h>
#include <irq.h>

/*
 * One ECAM window: the configuration space of buses bus_start..bus_end of
 * one PCI segment, 4 KiB per function, 1 MiB per bus, at base + ((bus -
 * bus_start) << 20 | device << 15 | function << 12). base is bus_start's
 * space (MCFG gives bus 0's address even when a window starts later; the
 * arch converts).
 */
struct pci_ecam {
	phys_addr_t base;
	u16 segment;
	u8 bus_start, bus_end;
};

/* Type 0 and type 1 header registers the kernel uses (PCI Local Bus 3.0,
 * 6.1; PCI-to-PCI Bridge 1.2, 3.2). */
#define PCI_VENDOR_ID		0x00	/* 16: 0xffff when nothing answers */
#define PCI_DEVICE_ID		0x02	/* 16 */
#define PCI_COMMAND		0x04	/* 16 */
#define  PCI_COMMAND_IO		0x0001	/* decode its I/O BARs */
#define  PCI_COMMAND_MEMORY	0x0002	/* decode its memory BARs */
#define  PCI_COMMAND_MASTER	0x0004	/* may start DMA (and MSI writes) */
#define  PCI_COMMAND_INTX_OFF	0x0400	/* never assert INTx */
#define PCI_STATUS		0x06	/* 16 */
#define  PCI_STATUS_CAP_LIST	0x0010	/* PCI_CAPABILITY_LIST is valid */
#define PCI_CLASS_REVISION	0x08	/* 32: class, subclass, prog-if, rev */
#define PCI_HEADER_TYPE		0x0e	/* 8 */
#define  PCI_HEADER_MULTI_FN	0x80	/* functions 1-7 may exist */
#define  PCI_HEADER_LAYOUT	0x7f	/* 0 endpoint, 1 PCI-PCI bridge */
#define PCI_BAR0		0x10	/* 32 each; type 0 has six */
#define  PCI_BAR_IO		0x1	/* bit 0: I/O space, else memory */
#define  PCI_BAR_MEM_TYPE	0x6	/* memory: 0 = 32-bit, 4 = 64-bit */
#define  PCI_BAR_MEM_64		0x4
#define  PCI_BAR_PREFETCH	0x8
#define PCI_SECONDARY_BUS	0x19	/* 8, type 1: the bus behind it */
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c	/* 16, type 0 */
#define PCI_SUBSYSTEM_ID	0x2e	/* 16, type 0 */
#define PCI_CAPABILITY_LIST	0x34	/* 8: offset of the first capability */

/* Capability ids (PCI Local Bus 3.0, appendix H) */
#define PCI_CAP_ID_VNDR		0x09	/* vendor-specific: virtio's */
#define PCI_CAP_ID_MSIX		0x11

#define PCI_NR_BARS		6

/* A base address register as the firmware left it. */
struct pci_bar {
	phys_addr_t base;	/* 0: not assigned */
	u64 size;		/* 0: no BAR here (or the upper half of one) */
	bool io;		/* I/O ports; else memory */
	bool mem64;		/* takes this slot and the next */
	bool prefetch;
};

/*
 * One function found by pci_probe_all(). Filled in at boot and read-only
 * afterwards, but for the MSI-X fields, which only the function's driver
 * touches while it probes: no lock.
 */
struct pci_dev {
	struct list_head node;		/* on pci.c's list of all functions */
	void *cfg;			/* its 4 KiB of ECAM, mapped */
	u16 segment;
	u8 bus, slot, func;
	u8 header_type;			/* PCI_HEADER_LAYOUT bits */
	u16 vendor, device;
	u16 subsys_vendor, subsys_device;	/* type 0 only */
	u32 class;			/* class << 16 | subclass << 8 | prog-if */
	char name[16];			/* "0000:00:02.0" */
	struct pci_bar bar[PCI_NR_BARS];	/* type 0 endpoints only */
	/* MSI-X (pci_msix_enable): the table, once mapped */
	unsigned int msix_cap;		/* capability offset; 0: not set up */
	unsigned int msix_entries;
	void *msix_table;
};

/* A driver of PCI functions: those of vendor with a device id in
 * [device_first, device_last]. */
struct pci_driver {
	const char *name;
	u16 vendor, device_first, device_last;
	/* What the function is, for its boot line ("virtio-blk"), or NULL
	 * for the class's name. */
	const char *(*describe)(const struct pci_dev *d);
	/* Take the function; 0 or -errno (the driver has said why). */
	int (*probe)(struct pci_dev *d);
};

extern const struct pci_driver virtio_pci_driver;

/*
 * Find every function behind the arch's ECAM windows, print one line for
 * each ("pci 0000:00:02.0: 1af4:1001 virtio-blk"), then hand each to the
 * driver that matches it. Once, at boot, from process context.
 */
void pci_probe_all(void);

/* Configuration space access, at naturally aligned offsets below 4096. */
u8 pci_read8(const struct pci_dev *d, unsigned int off);
u16 pci_read16(const struct pci_dev *d, unsigned int off);
u32 pci_read32(const struct pci_dev *d, unsigned int off);
void pci_write8(const struct pci_dev *d, unsigned int off, u8 val);
void pci_write16(const struct pci_dev *d, unsigned int off, u16 val);
void pci_write32(const struct pci_dev *d, unsigned int off, u32 val);

/* The offset of the next capability with this id after the one at after
 * (0: from the start of the list); 0 when there is none. */
unsigned int pci_find_capability(const struct pci_dev *d, u8 id,
				 unsigned int after);

/* Let the function decode its memory BARs and master the bus (DMA, MSI). */
void pci_enable_device(struct pci_dev *d);

/* Map len bytes at offset into memory BAR bar; NULL (with a message
 * naming the device and what) when the BAR is not an assigned memory BAR
 * that holds the whole range. */
void *pci_map_bar(struct pci_dev *d, unsigned int bar, u64 offset, u64 len,
		  const char *what);

/*
 * MSI-X. pci_msix_enable() maps the table and turns MSI-X on with every
 * entry masked (and INTx off); the number of entries, or -ENODEV with no
 * capability or a table that cannot be mapped. Idempotent. A device that
 * wants vectors chosen "while MSI-X is enabled" (virtio) calls it early.
 * pci_msix_route() routes entry `entry` to handler: an interrupt number
 * and its message from the arch (arch_msi_alloc), the handler installed
 * with request_irq(), the entry programmed and unmasked, the function
 * mask off. The irq number, or -ENODEV (no MSI-X, or no MSI on this
 * arch), -EINVAL (no such entry) or request_irq's error.
 */
int pci_msix_enable(struct pci_dev *d);
int pci_msix_route(struct pci_dev *d, unsigned int entry,
		   irq_handler_t handler, void *data, const char *name);

#endif
