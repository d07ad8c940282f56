/* Runs the in-kernel KTAP suites (command line "selftest") and the crash
 * injector ("crashtest=<kind>") that lets make test check the oops path. */
#include <selftest.h>
#include <printk.h>
#include <string.h>
#include <kernel_map.h>
#include <page.h>

static const struct ktap_suite *const suites[] = {
	&vsprintf_suite,
	&page_alloc_suite,
	&kmalloc_suite,
	&pgtable_suite,
	&kernel_map_suite,
	&timer_suite,
	&fdt_suite,
	&console_suite,
	&uaccess_suite,
	&accessed_dirty_suite,
	&fault_retry_suite,
	&sched_suite,
};

int run_selftests(const char *only)
{
	int failed = 0, run = 0;
	unsigned int i;
	unsigned long free_before = nr_free_pages();

	printk("# selftest: %u suites\n", only && only[0] ? 1 :
	       (unsigned int)ARRAY_SIZE(suites));
	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		if (only && only[0] && strcmp(only, suites[i]->name))
			continue;
		failed += ktap_run_suite(suites[i]);
		run++;
	}
	if (!run)
		printk("# selftest: no suite is called '%s'\n", only);
	printk("# selftest: done, %d failed, free pages %lu before, %lu after\n",
	       failed, free_before, nr_free_pages());
	return failed + !run;
}

/* Each kind is a different oops the arch trap code must decode: a NULL
 * dereference, a write to read-only kernel text, a trap instruction. */
void crashtest(const char *kind)
{
	printk("crashtest: %s\n", kind);
	if (!strcmp(kind, "null")) {
		unsigned long near_null = 16;

		/* Hide the constant so the compiler cannot see the bug. */
		__asm__ volatile("" : "+r"(near_null));
		WRITE_ONCE(*(volatile int *)near_null, 1);
	} else if (!strcmp(kind, "wtext")) {
		WRITE_ONCE(*(volatile char *)__text_start, 0);
	} else if (!strcmp(kind, "trap")) {
		__builtin_trap();	/* ebreak, brk or ud2 */
	} else {
		printk("crashtest: unknown kind '%s' (null, wtext, trap)\n",
		       kind);
		return;
	}
	printk("crashtest: %s did not crash\n", kind);
}
