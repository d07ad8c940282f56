/* Host unit tests: the kernel's arch-independent suites plus host-only ones,
 * each printed as KTAP; the exit status is the number of failed cases. */
#include "host.h"
#include <selftest.h>
#include <page.h>
#include <string.h>

/* The main program has no exception table entries. */
__asm__(".data\n.globl __start___ex_table\n__start___ex_table:\n"
	".globl __stop___ex_table\n__stop___ex_table:\n.text\n");

int main(void)
{
	static const struct ktap_suite *const suites[] = {
		&vsprintf_suite, &page_alloc_suite, &kmalloc_suite,
		&pgtable_suite, &host_fdt_suite, &host_bootinfo_suite,
		&host_cmdline_suite, &host_panic_suite, &host_mm_suite,
		&host_ad_suite, &host_vmobj_suite, &host_lockcheck_suite,
	};
	static struct boot_info bi;
	unsigned int i;
	int failed = 0;

	host_boot_machine(&bi, 16);
	for (i = 0; i < ARRAY_SIZE(suites); i++)
		failed += ktap_run_suite(suites[i]);
	return failed ? 1 : 0;
}
