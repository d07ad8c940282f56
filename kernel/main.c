/*
 * The boot sequence every arch shares. The arch's entry code gets here on a
 * boot stack with the MMU on (boot page tables) and BSS cleared; from here
 * on everything is generic and in this order: traps, boot information,
 * command line, page allocator, final page tables, interrupts, console,
 * timer. Then the self-tests (if asked for) or the kernel monitor.
 */
#include <arch.h>
#include <bootinfo.h>
#include <cmdline.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <selftest.h>
#include <time.h>
#include <irq.h>
#include <extable.h>
#include <mm.h>

static void report_memory(void)
{
	printk("memory: %lu KiB free of %lu KiB managed\n",
	       nr_free_pages() * (PAGE_SIZE >> 10),
	       nr_total_pages() * (PAGE_SIZE >> 10));
}

void __noreturn start_kernel(void)
{
	u64 t0 = ktime_get_ns();

	printk("Faultline (%s) booting\n", arch_name);
	arch_trap_init();
	/* Sorted while the boot tables still map everything writable: the
	 * final tables make the table read-only with the rest of rodata. */
	sort_exception_table();
	arch_discover_boot_info(&boot_info);
	cmdline_parse(boot_info.cmdline);
	if (!boot_options.quiet)
		boot_print_info(&boot_info);

	page_alloc_init(&boot_info, EARLY_MAP_LIMIT);
	paging_init(&boot_info);
	mm_init();
	report_memory();

	arch_irq_init();
	arch_console_init();
	arch_timer_init(HZ);
	arch_irq_enable();

	printk("kernel ready (%llu us after start_kernel)\n",
	       (ktime_get_ns() - t0) / 1000);

	if (boot_options.crashtest[0])
		crashtest(boot_options.crashtest);
	if (boot_options.bench) {
		run_benchmarks();
		arch_poweroff(0);
	}
	if (boot_options.selftest) {
		int failed = run_selftests(boot_options.selftest_only);

		arch_poweroff(failed ? 1 : 0);
	}
	monitor_run();
}
