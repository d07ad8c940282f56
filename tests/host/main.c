/* Host unit tests: the kernel's arch-independent suites plus host-only ones,
 * each printed as KTAP; the exit status is the number of failed cases. */
#include "host.h"
#include <selftest.h>
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

int main(void)
{
	static const struct ktap_suite *const suites[] = {
		&vsprintf_suite, &page_alloc_suite, &kmalloc_suite,
		&pgtable_suite, &host_fdt_suite, &host_bootinfo_suite,
		&host_cmdline_suite, &host_panic_suite,
	};
	static struct boot_info bi;
	unsigned int i;
	int failed = 0;

	host_boot_machine(&bi, 16);
	for (i = 0; i < ARRAY_SIZE(suites); i++)
		failed += ktap_run_suite(suites[i]);
	return failed ? 1 : 0;
}
