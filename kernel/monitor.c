/* The kernel monitor: a line-oriented prompt on the console that shows
 * interrupt-driven input works before user space exists. */
#include <selftest.h>
#include <arch.h>
#include <console.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <cmdline.h>
#include <fault.h>

static void read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c = console_getc();

		if (c == '\r' || c == '\n') {
			printk("\n");
			break;
		}
		if ((c == 0x7f || c == '\b') && n) {
			n--;
			printk("\b \b");
		} else if (c >= ' ' && n + 1 < size) {
			buf[n++] = (char)c;
			printk("%c", c);
		}
	}
	buf[n] = '\0';
}

static void cmd_help(void)
{
	printk("commands: help, mem, uptime, faults, selftest, bench, "
	       "crash <kind>, poweroff\n");
}

void __noreturn monitor_run(void)
{
	char line[80];

	printk("Faultline monitor (no init program, or `monitor` on the command line); type 'help'.\n");
	for (;;) {
		printk("faultline> ");
		read_line(line, sizeof(line));
		if (!line[0])
			continue;
		if (!strcmp(line, "help")) {
			cmd_help();
		} else if (!strcmp(line, "mem")) {
			printk("%lu KiB free of %lu KiB\n",
			       nr_free_pages() * 4, nr_total_pages() * 4);
		} else if (!strcmp(line, "uptime")) {
			printk("%llu ms, %llu ticks\n",
			       ktime_get_ns() / 1000000, jiffies);
		} else if (!strcmp(line, "faults")) {
			fault_trace_dump();
		} else if (!strcmp(line, "bench")) {
			run_benchmarks();
		} else if (!strcmp(line, "selftest")) {
			run_selftests(NULL);
		} else if (!strncmp(line, "crash ", 6)) {
			crashtest(line + 6);
		} else if (!strcmp(line, "poweroff")) {
			printk("Powering off.\n");
			arch_poweroff(0);
		} else {
			printk("unknown command '%s'\n", line);
			cmd_help();
		}
	}
}
