/* The kernel command line: known options and what they set (kernel/cmdline.c). */
#ifndef FAULTLINE_CMDLINE_H
#define FAULTLINE_CMDLINE_H

#include <types.h>

#define INIT_ARGS_MAX 8

struct boot_options {
	bool selftest;			/* run the KTAP self-tests, power off */
	char selftest_only[64];		/* selftest=<suite>: just that suite */
	bool quiet;			/* fewer boot messages */
	char selftest_input[64];	/* selftest_input=<text>: expect it on the UART */
	bool bench;			/* run the fault benchmarks, power off */
	bool faulttrace;		/* print every page fault as it happens */
	char crashtest[16];		/* crashtest=<kind>: oops on purpose after boot */
	bool crashdev;			/* /dev/crash: oops a process on demand */
	char init[128];			/* init=<path>: the first program (pid 1) */
	/* What follows a lone "--": init's arguments, as on Linux. */
	const char *init_args[INIT_ARGS_MAX];
	int nr_init_args;
	bool strace;			/* print every system call and its result */
	bool monitor;			/* the kernel monitor instead of init */
	bool nosmp;			/* start no secondary CPU */
};

extern struct boot_options boot_options;

/* Parse cmdline into boot_options; unknown options are reported and
 * ignored (everything after "--" is init's arguments, not options).
 * Returns the number of unknown options. */
int cmdline_parse(const char *cmdline);

#endif
