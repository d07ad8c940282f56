/* In-kernel self-tests (kernel/selftest/), the crash injector used to show
 * and test oopses, and the kernel monitor (the console before user space). */
#ifndef FAULTLINE_SELFTEST_H
#define FAULTLINE_SELFTEST_H

#include <ktap.h>

extern const struct ktap_suite page_alloc_suite, kmalloc_suite,
	pgtable_suite, kernel_map_suite, timer_suite, fdt_suite,
	console_suite, vsprintf_suite, uaccess_suite, sched_suite,
	accessed_dirty_suite, fault_retry_suite, vmap_suite, smp_suite;

/* Run every suite (or only the one named); returns the failed case count. */
int run_selftests(const char *only);

/* Crash on purpose: "null", "wtext", "trap" or "stack" (a kernel thread
 * overflows its stack). Never returns if it works. */
void crashtest(const char *kind);

/* Fault-cost benchmarks, as ratios to zeroing a page (kernel/bench.c). */
void run_benchmarks(void);

/* Read commands from the console until "poweroff". */
void __noreturn monitor_run(void);

#endif
