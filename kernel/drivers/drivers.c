/*
 * Finding the machine's devices at boot, once the file system is up: the
 * transports look where the machine says its devices are (the device
 * tree's virtio-mmio nodes, the PCI buses ACPI names) and hand what they
 * find to the drivers; then every disk gets its /dev node.
 */
#include <arch.h>
#include <block.h>
#include <pci.h>
#include <virtio.h>

void drivers_init(void)
{
	virtio_mmio_probe_all(arch_device_tree());
	pci_probe_all();
	blkdev_create_nodes();
}
