/*
 * The kernel command line: space-separated "name" or "name=value" options.
 * Every known option is in the table below with what it does; anything else
 * is reported and ignored, as Linux does. The words after a lone "--" are
 * passed to init as its arguments, as Linux passes them.
 */
#include <cmdline.h>
#include <printk.h>
#include <string.h>
#include <bootinfo.h>

struct boot_options boot_options;

static void opt_selftest(const char *value)
{
	boot_options.selftest = true;
	if (value)
		strlcpy(boot_options.selftest_only, value,
			sizeof(boot_options.selftest_only));
}

static void opt_selftest_input(const char *value)
{
	strlcpy(boot_options.selftest_input, value ? value : "",
		sizeof(boot_options.selftest_input));
}

static void opt_crashtest(const char *value)
{
	strlcpy(boot_options.crashtest, value ? value : "",
		sizeof(boot_options.crashtest));
}

static void opt_crashdev(const char *value)
{
	(void)value;
	boot_options.crashdev = true;
}

static void opt_faulttrace(const char *value)
{
	(void)value;
	boot_options.faulttrace = true;
}

static void opt_bench(const char *value)
{
	(void)value;
	boot_options.bench = true;
}

static void opt_init(const char *value)
{
	strlcpy(boot_options.init, value ? value : "",
		sizeof(boot_options.init));
}

static void opt_strace(const char *value)
{
	(void)value;
	boot_options.strace = true;
}

static void opt_monitor(const char *value)
{
	(void)value;
	boot_options.monitor = true;
}

static void opt_quiet(const char *value)
{
	(void)value;
	boot_options.quiet = true;
}

static void opt_nosmp(const char *value)
{
	(void)value;
	boot_options.nosmp = true;
}

static const struct {
	const char *name;
	void (*set)(const char *value);	/* value is NULL for a bare name */
	const char *help;
} known_options[] = {
	{ "selftest", opt_selftest,
	  "run the in-kernel KTAP self-tests (or =suite for one) and power off" },
	{ "selftest_input", opt_selftest_input,
	  "text the console self-test expects to receive on the UART" },
	{ "crashtest", opt_crashtest,
	  "after boot, crash on purpose (null, wtext, trap) to show an oops" },
	{ "crashdev", opt_crashdev,
	  "make /dev/crash: a process writing null, wtext, uaccess, stack, "
	  "trap, mmap_write or mmap_read to it oopses and is killed (tests)" },
	{ "quiet", opt_quiet, "fewer boot messages" },
	{ "nosmp", opt_nosmp, "run on the boot CPU only; the others stay parked" },
	{ "bench", opt_bench,
	  "print fault-cost figures (ratios to zeroing a page), power off" },
	{ "faulttrace", opt_faulttrace,
	  "print every page fault: address, access, result, cause" },
	{ "init", opt_init, "the program to run as pid 1 (default /init)" },
	{ "strace", opt_strace, "print every system call with its result" },
	{ "monitor", opt_monitor,
	  "run the kernel monitor on the console instead of init" },
	/* Passed by boot loaders and QEMU habitually; harmless here. */
	{ "console", NULL, "accepted for compatibility; the console is the UART" },
};

static int apply_option(const char *word, size_t len)
{
	char name[64];
	const char *value = NULL;
	const char *eq = memchr_n(word, '=', len);
	size_t name_len = eq ? (size_t)(eq - word) : len;
	static char values[BOOT_CMDLINE_MAX];
	static size_t values_used;
	size_t i;

	if (name_len >= sizeof(name))
		name_len = sizeof(name) - 1;
	memcpy(name, word, name_len);
	name[name_len] = '\0';
	if (eq) {
		/* Values live in a static arena so options can keep pointers. */
		size_t vlen = len - name_len - 1;
		char *v = &values[values_used];

		if (values_used + vlen + 1 > sizeof(values))
			vlen = 0;
		memcpy(v, eq + 1, vlen);
		v[vlen] = '\0';
		values_used += vlen + 1;
		value = v;
	}
	for (i = 0; i < ARRAY_SIZE(known_options); i++) {
		if (strcmp(known_options[i].name, name))
			continue;
		if (known_options[i].set)
			known_options[i].set(value);
		return 0;
	}
	printk("cmdline: unknown option '%s' ignored\n", name);
	return 1;
}

/* Keep one of init's arguments (a copy: the command line may go). */
static void add_init_arg(const char *word, size_t len)
{
	static char arena[BOOT_CMDLINE_MAX];
	static size_t used;
	char *copy = &arena[used];

	if (boot_options.nr_init_args == INIT_ARGS_MAX ||
	    used + len + 1 > sizeof(arena)) {
		printk("cmdline: too many arguments for init; '%.*s' dropped\n",
		       (int)len, word);
		return;
	}
	memcpy(copy, word, len);
	copy[len] = '\0';
	used += len + 1;
	boot_options.init_args[boot_options.nr_init_args++] = copy;
}

int cmdline_parse(const char *cmdline)
{
	const char *p = cmdline;
	bool for_init = false;
	int unknown = 0;

	while (*p) {
		const char *start;

		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p == start)
			continue;
		if (for_init)
			add_init_arg(start, p - start);
		else if (p - start == 2 && !memcmp(start, "--", 2))
			for_init = true;
		else
			unknown += apply_option(start, p - start);
	}
	return unknown;
}
