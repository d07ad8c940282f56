/* A fresh fake machine for host tests: RAM with a firmware hole and a
 * "kernel image", handed to the real page allocator. */
#include "host.h"
#include <page.h>
#include <string.h>

void host_boot_machine(struct boot_info *bi, unsigned long ram_mib)
{
	memset(bi, 0, sizeof(*bi));
	host_alloc_ram(ram_mib << 20);
	bi->source = "host test";
	boot_add_ram(bi, fake_ram_base, ram_mib << 20);
	/* A "kernel image" and a "firmware" hole, as on real boards. */
	boot_add_reserved(bi, fake_ram_base, 0x200000, "firmware");
	boot_add_reserved(bi, fake_ram_base + 0x400000, 0x123456, "kernel");
	page_alloc_init(bi, ~0UL);
}
