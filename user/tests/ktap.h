/*
 * ktap.h - what every user-space suite in user/tests shares: KTAP output, a
 * runner that forks each case (a crash fails only that case), CHECK macros
 * and small helpers for waiting, errno names and exec.
 */
#ifndef USER_TESTS_KTAP_H
#define USER_TESTS_KTAP_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

struct ktap_case {
	const char *name;
	void (*fn)(void);
};

#define KTAP_CASE(f)		{ #f, f }
#define KTAP_NCASES(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define KTAP_REASON_MAX		300
/* A case that takes longer is killed and fails; a suite whose cases are
 * slow by nature (oom: zeroing more memory than the machine has, in TCG on
 * a loaded host) defines a larger one before including this file. */
#ifndef KTAP_CASE_TIMEOUT_MS
#define KTAP_CASE_TIMEOUT_MS	15000
#endif

/* The failure reason a forked case leaves for the runner: a shared page, so
 * it survives the child's exit (a static buffer if mmap fails). */
static char *ktap_reason;
static char ktap_reason_fallback[KTAP_REASON_MAX];
/* argv[0] of the suite: the path the exec helpers re-run. */
static const char *ktap_argv0 __attribute__((unused)) = "";

static inline void ktap_write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t r = write(fd, s, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		s += r;
		n -= (size_t)r;
	}
}

/* One line to stdout, unbuffered: nothing is lost or duplicated by fork,
 * and a case that crashes cannot take earlier output with it. */
static inline __attribute__((format(printf, 1, 2)))
void ktap_print(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	ktap_write_all(1, buf, (size_t)n);
}

static inline const char *ktap_errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" },
		{ ESRCH, "ESRCH" }, { EINTR, "EINTR" }, { EIO, "EIO" },
		{ ENXIO, "ENXIO" }, { E2BIG, "E2BIG" },
		{ ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
		{ ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
		{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { ENFILE, "ENFILE" },
		{ EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
		{ ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" },
		{ ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" }, { EROFS, "EROFS" },
		{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
		{ ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { EOVERFLOW, "EOVERFLOW" },
	};
	static char other[16];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/* "exited 3", "killed by signal 11 (SIGSEGV)": a wait status in words. */
static inline const char *ktap_status(int st)
{
	static const char *const sig[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT",
		[SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
		[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
		[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1",
		[SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
		[SIGSYS] = "SIGSYS",
	};
	static char buf[64];
	int s = WTERMSIG(st);

	if (WIFEXITED(st))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sizeof(buf), "killed by signal %d (%s)%s", s,
			 s < (int)(sizeof(sig) / sizeof(sig[0])) && sig[s] ?
			 sig[s] : "?", WCOREDUMP(st) ? ", core" : "");
	else
		snprintf(buf, sizeof(buf), "wait status 0x%x", st);
	return buf;
}

static inline long ktap_now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void ktap_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * Wait for child pid at most timeout_ms; on time-out kill it with SIGKILL
 * and reap it. With reap_others, any other child that has died meanwhile is
 * reaped too (as pid 1 the test driver inherits orphans). Returns 0 with
 * *status filled, 1 on time-out (*status is then the SIGKILL status), -1 if
 * waitpid failed (errno says why).
 */
static inline int ktap_wait_reaping(pid_t pid, int *status, long timeout_ms,
				    int reap_others)
{
	long deadline = ktap_now_ms() + timeout_ms, delay = 1;
	int st;
	pid_t r;

	for (;;) {
		r = waitpid(reap_others ? -1 : pid, &st, WNOHANG);
		if (r == pid) {
			*status = st;
			return 0;
		}
		if (r > 0)
			continue;	/* another child, reaped */
		if (r < 0 && errno != EINTR)
			return -1;
		if (ktap_now_ms() > deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			return 1;
		}
		ktap_sleep_ms(delay);
		if (delay < 16)
			delay *= 2;
	}
}

/* Wait for child pid at most timeout_ms, as ktap_wait_reaping. */
static inline int ktap_wait_timeout(pid_t pid, int *status, long timeout_ms)
{
	return ktap_wait_reaping(pid, status, timeout_ms, 0);
}

/* Inside a case: record why it failed and end the case's process. */
static inline __attribute__((format(printf, 2, 0), noreturn))
void ktap_vend(int code, const char *fmt, va_list ap)
{
	char *r = ktap_reason ? ktap_reason : ktap_reason_fallback;
	int i;

	vsnprintf(r, KTAP_REASON_MAX, fmt, ap);
	for (i = 0; r[i]; i++)
		if (r[i] == '\n' || r[i] == '\r')
			r[i] = ' ';
	_exit(code);
}

static inline __attribute__((format(printf, 1, 2), noreturn))
void ktap_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vend(1, fmt, ap);
}

static inline __attribute__((format(printf, 1, 2), noreturn))
void ktap_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vend(2, fmt, ap);
}

/* A "# ..." line a case may print before its result (facts worth seeing,
 * such as which of two Linux-compatible answers the kernel gave). */
#define ktap_diag(...)	ktap_print("# " __VA_ARGS__)

#define CHECK(c) do {							\
	if (!(c))							\
		ktap_fail("line %d: %s", __LINE__, #c);		\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long _a = (long)(a), _b = (long)(b);				\
	if (_a != _b)							\
		ktap_fail("line %d: %s is %ld (0x%lx), want %ld (0x%lx)", \
			  __LINE__, #a, _a, _a, _b, _b);		\
} while (0)

/* call must fail with -1 and errno err. */
#define CHECK_ERR(call, err) do {					\
	long _r;							\
	int _e;								\
	errno = 0;							\
	_r = (long)(call);						\
	_e = errno;							\
	if (_r != -1 || _e != (err))					\
		ktap_fail("line %d: %s = %ld (%s), want -1 (%s)",	\
			  __LINE__, #call, _r, ktap_errname(_e),	\
			  ktap_errname(err));				\
} while (0)

/* call must not return -1; evaluates to its result. */
#define CHECK_SYS(call) ({						\
	long _r = (long)(call);						\
	if (_r == -1)							\
		ktap_fail("line %d: %s failed: %s", __LINE__, #call,	\
			  ktap_errname(errno));				\
	_r;								\
})

/* Reap child pid (bounded) and return its wait status. */
#define WAIT_CHILD(pid) ({						\
	int _st = 0, _w = ktap_wait_timeout((pid), &_st, 10000);	\
	if (_w < 0)							\
		ktap_fail("line %d: waitpid(%d): %s", __LINE__,	\
			  (int)(pid), ktap_errname(errno));		\
	if (_w > 0)							\
		ktap_fail("line %d: child %d did not finish in 10 s",	\
			  __LINE__, (int)(pid));			\
	_st;								\
})

#define CHECK_EXITED(pid, code) do {					\
	int _s = WAIT_CHILD(pid);					\
	if (!WIFEXITED(_s) || WEXITSTATUS(_s) != (code))		\
		ktap_fail("line %d: child %s, want exited %d",		\
			  __LINE__, ktap_status(_s), (code));		\
} while (0)

#define CHECK_KILLED(pid, sig) do {					\
	int _s = WAIT_CHILD(pid);					\
	if (!WIFSIGNALED(_s) || WTERMSIG(_s) != (sig))			\
		ktap_fail("line %d: child %s, want killed by signal %d", \
			  __LINE__, ktap_status(_s), (sig));		\
} while (0)

/*
 * execve, or, when FAULTLINE_TEST_EXEC_VIA names a qemu-user binary (only
 * when the suites are checked on a Linux host with qemu-aarch64 or
 * qemu-riscv64, which cannot execve a foreign binary themselves), execve
 * of that emulator with the program and argv[0] kept.
 */
static inline int ktap_execve(const char *path, char *const argv[],
			      char *const envp[])
{
	const char *via = getenv("FAULTLINE_TEST_EXEC_VIA");
	char *v[64];
	int i, n = 0;

	if (!via || !*via)
		return execve(path, argv, envp);
	v[n++] = (char *)via;
	v[n++] = (char *)"-0";
	v[n++] = argv[0] ? argv[0] : (char *)path;
	v[n++] = (char *)path;
	for (i = 1; argv[0] && argv[i] && n < 63; i++)
		v[n++] = argv[i];
	v[n] = NULL;
	return execve(via, v, envp);
}

/* Read fd until EOF (or size-1 bytes); returns the count, NUL-terminated. */
static inline size_t ktap_read_all(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < size) {
		r = read(fd, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	return n;
}

/*
 * Run path with argv/envp in a child whose stdout is a pipe; put what it
 * printed in out (NUL-terminated) and return its wait status. Fails the
 * case if the plumbing does.
 */
static inline int ktap_capture(const char *path, char *const argv[],
			       char *const envp[], char *out, size_t size)
{
	int p[2], st;
	pid_t pid;

	if (pipe(p) < 0)
		ktap_fail("pipe: %s", ktap_errname(errno));
	pid = fork();
	if (pid < 0)
		ktap_fail("fork: %s", ktap_errname(errno));
	if (pid == 0) {
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		ktap_execve(path, argv, envp);
		_exit(127);
	}
	close(p[1]);
	ktap_read_all(p[0], out, size);
	close(p[0]);
	if (ktap_wait_timeout(pid, &st, 10000) != 0)
		ktap_fail("%s did not finish in 10 s", path);
	return st;
}

/* A /proc/meminfo figure in kB (name with its colon, "MemFree:"), or -1
 * with errno set. */
static inline long ktap_meminfo_kb(const char *name)
{
	char buf[4096], *p;
	int fd = open("/proc/meminfo", O_RDONLY);

	if (fd < 0)
		return -1;
	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	p = strstr(buf, name);
	if (!p) {
		errno = ENODATA;
		return -1;
	}
	return strtol(p + strlen(name), NULL, 10);
}

/* Make instructions just written to p..p+len visible to instruction fetch
 * (x86_64 keeps the caches coherent itself). */
static inline void ktap_sync_icache(void *p, size_t len)
{
#if defined(__aarch64__)
	unsigned long a;

	for (a = (unsigned long)p & ~63UL; a < (unsigned long)p + len; a += 64)
		__asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb ish" : : : "memory");
	for (a = (unsigned long)p & ~63UL; a < (unsigned long)p + len; a += 64)
		__asm__ volatile("ic ivau, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb ish\n\tisb" : : : "memory");
#elif defined(__riscv)
	(void)p;
	(void)len;
	__asm__ volatile("fence.i" : : : "memory");
#else
	(void)p;
	(void)len;
#endif
}

/* An address the compiler must not see for what it is (it would warn
 * about a bad pointer, or turn the access into a trap): laundered through
 * an empty asm. */
static inline void *ktap_ptr(unsigned long a)
{
	__asm__("" : "+r"(a));
	return (void *)a;
}

/* The directory of argv[0] ("/tests" when run by /tests/run). */
static inline void ktap_dir_of(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	if (!slash) {
		snprintf(out, size, ".");
		return;
	}
	if (n == 0)
		n = 1;		/* "/prog" */
	if (n >= size)
		n = size - 1;
	memcpy(out, path, n);
	out[n] = '\0';
}

/*
 * Run every case in its own child and print one KTAP suite. A case passes
 * by returning, fails through ktap_fail/CHECK, skips through ktap_skip; a
 * child that dies or hangs fails with its wait status. Returns the number
 * of failed cases.
 */
static inline int ktap_run(const char *suite, const struct ktap_case *cases,
			   int n)
{
	int i, failed = 0;
	void *page;

	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ktap_reason = page == MAP_FAILED ? NULL : (char *)page;

	ktap_print("KTAP version 1");
	ktap_print("# Subtest: %s", suite);
	ktap_print("1..%d", n);
	for (i = 0; i < n; i++) {
		char *reason = ktap_reason ? ktap_reason : ktap_reason_fallback;
		int st = 0, w;
		pid_t pid;

		memset(reason, 0, KTAP_REASON_MAX);
		pid = fork();
		if (pid == 0) {
			cases[i].fn();
			_exit(0);
		}
		if (pid < 0) {
			failed++;
			ktap_print("not ok %d %s # fork failed: %s", i + 1,
				   cases[i].name, ktap_errname(errno));
			continue;
		}
		w = ktap_wait_timeout(pid, &st, KTAP_CASE_TIMEOUT_MS);
		reason[KTAP_REASON_MAX - 1] = '\0';
		if (w < 0) {
			failed++;
			ktap_print("not ok %d %s # waitpid failed: %s", i + 1,
				   cases[i].name, ktap_errname(errno));
		} else if (w > 0) {
			failed++;
			ktap_print("not ok %d %s # timed out after %d s, "
				   "killed", i + 1, cases[i].name,
				   KTAP_CASE_TIMEOUT_MS / 1000);
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			ktap_print("ok %d %s", i + 1, cases[i].name);
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == 2) {
			ktap_print("ok %d %s # SKIP %s", i + 1, cases[i].name,
				   reason);
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == 1 && reason[0]) {
			failed++;
			ktap_print("not ok %d %s # %s", i + 1, cases[i].name,
				   reason);
		} else {
			failed++;
			ktap_print("not ok %d %s # case process %s%s%s", i + 1,
				   cases[i].name, ktap_status(st),
				   reason[0] ? ": " : "", reason);
		}
	}
	ktap_print("# %s: %d of %d failed", suite, failed, n);
	if (page != MAP_FAILED)
		munmap(page, 4096);
	ktap_reason = NULL;
	return failed;
}

#endif
