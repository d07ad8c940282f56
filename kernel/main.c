/*
 * The boot sequence every arch shares. The arch's entry code gets here on a
 * boot stack with the MMU on (boot page tables) and BSS cleared; from here
 * on everything is generic and in this order: this CPU's per-CPU data
 * (the boot context becomes cpu0's idle task), traps, boot information,
 * command line, page allocator, final page tables, interrupts, console,
 * timer, file system, devices (disks) and initramfs, the other CPUs. Then a crash test or
 * the self-tests (if asked for), else the first process: /init (or init=)
 * as pid 1, with the boot context staying behind as the idle task.
 */
#include <arch.h>
#include <bootinfo.h>
#include <cmdline.h>
#include <string.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <selftest.h>
#include <time.h>
#include <irq.h>
#include <extable.h>
#include <mm.h>
#include <sched.h>
#include <smp.h>
#include <fs.h>
#include <console.h>
#include <oops.h>
#include <asm/memory.h>

long kernel_execve(const char *path, const char *const *argv,
		   const char *const *envp);	/* kernel/exec.c */

static void unpack_initramfs(void)
{
	const struct boot_info *bi = &boot_info;

	if (bi->initrd_end <= bi->initrd_start) {
		printk("initramfs: none given\n");
		return;
	}
	if (initramfs_unpack(__va(bi->initrd_start),
			     bi->initrd_end - bi->initrd_start))
		printk("initramfs: unpacking failed; the root is incomplete\n");
}

/*
 * Pid 1 starts as a kernel thread with the console as its stdin, stdout
 * and stderr, and becomes the init program by exec. Without one (no
 * initramfs, or `monitor` on the command line) it runs the kernel monitor.
 */
static int init_thread(void *unused)
{
	const char *path = boot_options.init[0] ? boot_options.init : "/init";
	const char *argv[INIT_ARGS_MAX + 2] = { path };
	const char *envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };
	long err;

	(void)unused;
	memcpy(&argv[1], boot_options.init_args,
	       boot_options.nr_init_args * sizeof(argv[0]));
	if (files_open_console(current->files))
		printk("init: cannot open /dev/console\n");
	if (!boot_options.monitor) {
		err = kernel_execve(path, argv, envp);
		printk("init: cannot run %s (error %ld); starting the kernel monitor\n",
		       path, err);
	}
	monitor_run();
}

static void report_memory(void)
{
	printk("memory: %lu KiB free of %lu KiB managed\n",
	       nr_free_pages() * (PAGE_SIZE >> 10),
	       nr_total_pages() * (PAGE_SIZE >> 10));
}

void __noreturn start_kernel(void)
{
	u64 t0;

	/* First: `current` and this CPU's per-CPU data work from here on. */
	sched_boot_init();
	t0 = ktime_get_ns();
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

	if (boot_options.bench) {
		run_benchmarks();
		arch_poweroff(0);
	}
	fs_init();
	drivers_init();
	if (boot_options.crashdev)
		crashdev_init();
	unpack_initramfs();
	smp_init();
	/* After smp_init, with every CPU running: crashtest=stack overflows a
	 * kernel thread's stack. The other kinds crash the boot context. */
	if (boot_options.crashtest[0])
		crashtest(boot_options.crashtest);
	if (boot_options.selftest) {
		int failed = run_selftests(boot_options.selftest_only);

		arch_poweroff(failed ? 1 : 0);
	}
	init_process = kthread_create("init", init_thread, NULL);
	if (!init_process)
		panic("out of memory creating the init task");
	cpu_idle();
}
