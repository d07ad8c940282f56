/*
 * /tests/run: the user-space test driver, run as pid 1 (init=/tests/run).
 * Runs every suite program in a fixed order, checks the glibc program's
 * output and the faultabi suite's lines against Linux's (one case per
 * scenario), runs everything again silently and checks that
 * the free memory came back, then exits (and the kernel powers off).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include "ktap.h"

/* The suite programs, in the order they run (each prints one suite). */
static const char *const suites[] = {
	"libc_selftest", "proc", "threads", "smp", "files", "efault",
	"signals", "elf", "faults", "filemap", "retry", "oom", "waits",
	"mmcalls", "rusage", "sysinfo", "fscalls",
};
#define NSUITES		((int)(sizeof(suites) / sizeof(suites[0])))
/* A hang detector, not a speed limit: oom and smp at -smp 4 under TCG on a
 * loaded 2-core host take minutes. */
#define SUITE_TIMEOUT_MS	240000

static char dir[256];
static char **env;

/*
 * Wait for pid while reaping whatever else dies (as pid 1 we inherit the
 * suites' orphans). Returns 0 with *status (-1 if waitpid failed), 1 on
 * time-out (pid killed).
 */
static int wait_reaping(pid_t pid, int *status, long timeout_ms)
{
	int w = ktap_wait_reaping(pid, status, timeout_ms, 1);

	if (w < 0) {
		*status = -1;
		return 0;
	}
	return w;
}

/* Reap every child left (bounded), then give the kernel a moment to
 * finish freeing what exited tasks held. */
static void settle(void)
{
	long deadline = ktap_now_ms() + 10000;
	pid_t r;

	for (;;) {
		r = waitpid(-1, NULL, WNOHANG);
		if (r > 0)
			continue;
		if (r < 0 && errno == ECHILD)
			break;
		if (ktap_now_ms() > deadline) {
			ktap_print("# usertest: children still running after "
				   "10 s");
			break;
		}
		ktap_sleep_ms(10);
	}
	ktap_sleep_ms(100);
}

static void quiet_output(void)
{
	int fd = open("/dev/null", O_WRONLY);

	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

/* Run one suite program; report it if it did not end normally. */
static void run_suite(const char *name, int quiet)
{
	char path[512];
	char *argv[2];
	int st = 0, w;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	argv[0] = path;
	argv[1] = NULL;
	pid = fork();
	if (pid < 0) {
		ktap_print("# suite %s: fork failed: %s", name,
			   ktap_errname(errno));
		return;
	}
	if (pid == 0) {
		if (quiet)
			quiet_output();
		ktap_execve(path, argv, env);
		ktap_print("# suite %s: execve %s: %s", name, path,
			   ktap_errname(errno));
		_exit(127);
	}
	w = wait_reaping(pid, &st, SUITE_TIMEOUT_MS);
	/* 0: all passed, 1: some failed (the suite said which) */
	if (w == 0 && WIFEXITED(st) && WEXITSTATUS(st) <= 1)
		return;
	if (quiet) {
		ktap_print("# round 2: suite %s %s", name,
			   w ? "timed out" : ktap_status(st));
		return;
	}
	/* Its own plan (if it printed one) stays short; this makes the
	 * failure explicit even if it died after its last result. */
	ktap_print("# suite %s died: %s", name,
		   w ? "timed out, killed" : ktap_status(st));
	ktap_print("KTAP version 1");
	ktap_print("# Subtest: %s_exit", name);
	ktap_print("1..1");
	ktap_print("not ok 1 exited_normally # %s",
		   w ? "timed out, killed" : ktap_status(st));
}

/* A glibc program, with the arguments its expected output was made
 * with: glibc-hello (static) or glibc-hello-pie (static-pie). */
static int glibc_run(const char *prog, char *out, size_t size)
{
	char path[512];
	char *argv[] = { path, (char *)"one", (char *)"two words", NULL };

	snprintf(path, sizeof(path), "%s/%s", dir, prog);
	return ktap_capture(path, argv, env, out, size);
}

static void glibc_exits_0(const char *prog)
{
	static char out[8192];
	int st = glibc_run(prog, out, sizeof(out));

	if (st != 0)
		ktap_fail("%s %s", prog, ktap_status(st));
}

static void glibc_matches_linux(const char *prog)
{
	static char out[8192], want[8192];
	char path[512];
	int st, fd, line = 1;
	size_t i;

	snprintf(path, sizeof(path), "%s/glibc-hello.expected", dir);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		ktap_fail("open %s: %s", path, ktap_errname(errno));
	ktap_read_all(fd, want, sizeof(want));
	close(fd);
	st = glibc_run(prog, out, sizeof(out));
	for (i = 0; out[i] && out[i] == want[i]; i++)
		if (out[i] == '\n')
			line++;
	if (out[i] != want[i]) {
		char got_line[80], want_line[80];
		size_t s = i;

		while (s > 0 && out[s - 1] != '\n')
			s--;
		snprintf(got_line, sizeof(got_line), "%.*s",
			 (int)strcspn(out + s, "\n"), out + s);
		snprintf(want_line, sizeof(want_line), "%.*s",
			 (int)strcspn(want + s, "\n"), want + s);
		ktap_fail("line %d differs: got \"%s\", want \"%s\" (%s)",
			  line, got_line, want_line, ktap_status(st));
	}
}

/* Debian's riscv64 glibc has no static-pie start file (rcrt1.o). */
static void need_static_pie(void)
{
#ifdef __riscv
	ktap_skip("no static-pie glibc for riscv64 in Debian");
#endif
}

static void static_exits_0(void)
{
	glibc_exits_0("glibc-hello");
}

static void static_output_matches_linux(void)
{
	glibc_matches_linux("glibc-hello");
}

static void static_pie_exits_0(void)
{
	need_static_pie();
	glibc_exits_0("glibc-hello-pie");
}

static void static_pie_output_matches_linux(void)
{
	need_static_pie();
	glibc_matches_linux("glibc-hello-pie");
}

static const struct ktap_case glibc_cases[] = {
	KTAP_CASE(static_exits_0),
	KTAP_CASE(static_output_matches_linux),
	KTAP_CASE(static_pie_exits_0),
	KTAP_CASE(static_pie_output_matches_linux),
};

static void glibc_suite(void)
{
	ktap_run("glibc_hello", glibc_cases, KTAP_NCASES(glibc_cases));
}

/*
 * Run a suite that lives in this program (suite() prints it) in a child of
 * its own: its cases may end processes. Reports a runner that did not
 * exit 0 in time.
 */
static void run_in_child(const char *name, void (*suite)(void), int quiet)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return;
	if (pid == 0) {
		if (quiet)
			quiet_output();
		suite();
		_exit(0);
	}
	if (wait_reaping(pid, &st, SUITE_TIMEOUT_MS) || st != 0)
		ktap_print("# %s runner %s", name, ktap_status(st));
}

/* "faultabi: <scenario> <outcome>" lines of text: the scenario of each
 * (NUL-terminated in place) and the whole line, at most max. */
static int faultabi_lines(char *text, char **names, char **lines, int max)
{
	char *line, *next;
	int n = 0;

	for (line = text; *line && n < max; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		if (strncmp(line, "faultabi: ", 10) || !line[10])
			continue;
		lines[n] = line;
		names[n] = strndup(line + 10, strcspn(line + 10, " "));
		if (names[n])
			n++;
	}
	return n;
}

/* A line without its "faultabi: <scenario> " prefix. */
static const char *faultabi_outcome(const char *line, const char *name)
{
	return line + 10 + strlen(name) + (line[10 + strlen(name)] == ' ');
}

static int faultabi_find(char **names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/*
 * The fault-ABI suite: /tests/faultabi prints one line per scenario; each
 * is a case, ok when it equals the line in /tests/faultabi.expected (what
 * Linux gives on this arch, less the differences docs/fault-abi.md lists).
 */
static void faultabi_cases(void)
{
	static char out[16384], want[16384];
	static char *got_name[256], *got[256], *want_name[256], *wanted[256];
	char path[512], *argv[2];
	int st, fd, ngot, nwant, n, i, j, k;

	snprintf(path, sizeof(path), "%s/faultabi.expected", dir);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		ktap_print("1..1");
		ktap_print("not ok 1 expected_results # open %s: %s", path,
			   ktap_errname(errno));
		return;
	}
	ktap_read_all(fd, want, sizeof(want));
	close(fd);
	snprintf(path, sizeof(path), "%s/faultabi", dir);
	argv[0] = path;
	argv[1] = NULL;
	st = ktap_capture(path, argv, env, out, sizeof(out));
	if (st != 0)
		ktap_print("# faultabi %s", ktap_status(st));
	nwant = faultabi_lines(want, want_name, wanted, 256);
	ngot = faultabi_lines(out, got_name, got, 256);
	/* Every expected scenario, then any the program has beyond them. */
	for (n = nwant, i = 0; i < ngot; i++)
		n += faultabi_find(want_name, nwant, got_name[i]) < 0;
	ktap_print("1..%d", n);
	for (k = 1, i = 0; i < nwant; i++, k++) {
		j = faultabi_find(got_name, ngot, want_name[i]);
		if (j >= 0 && !strcmp(got[j], wanted[i]))
			ktap_print("ok %d %s", k, want_name[i]);
		else
			ktap_print("not ok %d %s # got \"%s\", want \"%s\"", k,
				   want_name[i], j >= 0 ?
				   faultabi_outcome(got[j], got_name[j]) :
				   "(nothing)",
				   faultabi_outcome(wanted[i], want_name[i]));
	}
	for (i = 0; i < ngot; i++)
		if (faultabi_find(want_name, nwant, got_name[i]) < 0)
			ktap_print("not ok %d %s # got \"%s\", nothing "
				   "expected", k++, got_name[i],
				   faultabi_outcome(got[i], got_name[i]));
}

/* The faultabi suite: its header, then a case per scenario. */
static void faultabi_suite(void)
{
	ktap_print("KTAP version 1");
	ktap_print("# Subtest: faultabi");
	faultabi_cases();
}

static void run_all(int quiet)
{
	int i;

	for (i = 0; i < NSUITES; i++) {
		/* oom fills memory ten times over and checks what comes
		 * back itself: once is enough (and slow under TCG). */
		if (quiet && !strcmp(suites[i], "oom"))
			continue;
		run_suite(suites[i], quiet);
	}
	run_in_child("glibc_hello", glibc_suite, quiet);
	run_in_child("faultabi", faultabi_suite, quiet);
}

/* Free memory, counting frames retired by memory failure (madvise
 * MADV_HWPOISON in a suite) as free: they are gone on purpose, not
 * leaked. */
static long mem_free_kb(void)
{
	long free = ktap_meminfo_kb("MemFree:");
	long poisoned = ktap_meminfo_kb("HardwareCorrupted:");

	return free < 0 || poisoned < 0 ? -1 : free + poisoned;
}

int main(int argc, char **argv, char **envp)
{
	long before, after;
	int err;

	(void)argc;
	env = envp;
	if (argv[0] && strchr(argv[0], '/'))
		ktap_dir_of(argv[0], dir, sizeof(dir));
	else
		snprintf(dir, sizeof(dir), "/tests");

	ktap_print("# usertest: %d suites", NSUITES + 3);
	run_all(0);

	/* The first round warmed the kernel's caches: a second, silent one
	 * must give back all the memory it takes. */
	settle();
	before = mem_free_kb();
	err = errno;
	run_all(1);
	settle();
	after = mem_free_kb();
	if (before >= 0 && after >= 0)
		ktap_print("# MemFree: %ld kB after round 1, %ld kB after "
			   "round 2", before, after);
	ktap_print("KTAP version 1");
	ktap_print("# Subtest: leaks");
	ktap_print("1..1");
	if (before < 0 || after < 0)
		ktap_print("not ok 1 free_memory_back_after_second_round # "
			   "cannot read MemFree from /proc/meminfo: %s",
			   ktap_errname(before < 0 ? err : errno));
	else if (after < before)
		ktap_print("not ok 1 free_memory_back_after_second_round # "
			   "MemFree %ld kB after round 1, %ld kB after round "
			   "2: %ld kB lost", before, after, before - after);
	else
		ktap_print("ok 1 free_memory_back_after_second_round");
	ktap_print("# leaks: %d of 1 failed",
		   before < 0 || after < 0 || after < before);
	ktap_print("# usertest: done");
	return 0;
}
