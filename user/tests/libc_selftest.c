/*
 * libc_selftest: checks our libc against the kernel it runs on (Linux or
 * Faultline) and prints KTAP. Each case returns NULL on success or the
 * reason it failed; a reason starting with "SKIP" marks a skipped case.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static char why[256];

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			snprintf(why, sizeof(why), __VA_ARGS__);	\
			return why;					\
		}							\
	} while (0)

/* snprintf into a buffer and compare with what glibc prints. */
#define FMT(expect, ...)						\
	do {								\
		char b_[128];						\
		int n_ = snprintf(b_, sizeof(b_), __VA_ARGS__);		\
		CHECK(!strcmp(b_, expect) && n_ == (int)strlen(expect),	\
		      "%s gave \"%s\" (%d), want \"%s\"", #__VA_ARGS__,	\
		      b_, n_, expect);					\
	} while (0)

static const char *test_printf(void)
{
	char *volatile null_str = NULL;
	volatile int byte = 255, half = 32768;
	char small[6];
	int n;

	FMT("42 -7 +3  5", "%d %i %+d % d", 42, -7, 3, 5);
	FMT("4294967295 ff FF 17", "%u %x %X %o", -1u, 255, 255, 15);
	FMT("[   42] [42   ] [00042] [-0042]", "[%5d] [%-5d] [%05d] [%05d]",
	    42, 42, 42, -42);
	FMT("[  042] [0x1f] [0X1F] [017]", "[%5.3d] [%#x] [%#X] [%#o]", 42,
	    31, 31, 15);
	FMT("-9223372036854775808 18446744073709551615",
	    "%ld %lu", LONG_MIN, ULONG_MAX);
	FMT("ffffffffffffffff 123456789012 -5", "%lx %lld %zd", -1UL,
	    123456789012LL, (ssize_t)-5);
	FMT("18446744073709551615 7", "%llu %zu", ULLONG_MAX, sizeof(char[7]));
	FMT("[abc] [  abc] [abc  ] [ab]", "[%s] [%5s] [%-5s] [%.2s]", "abc",
	    "abc", "abc", "abc");
	FMT("[x] [  y] 100%", "[%c] [%3c] 100%%", 'x', 'y');
	FMT("(null) (nil) 0x1000", "%s %p %p", null_str, (void *)0,
	    (void *)0x1000);
	FMT("[   7] [7   ] [  3.14]", "[%*d] [%-*d] [%6.2f]", 4, 7, 4, 7,
	    3.14159);
	FMT("0 [] 1.500000 -2", "%d [%.0d] %f %.0f", 0, 0, 1.5, -2.0);
	FMT("-1 255 -32768", "%hhd %hhu %hd", (signed char)byte,
	    (unsigned char)byte, (short)half);
	n = snprintf(small, sizeof(small), "%s", "truncated");
	CHECK(n == 9 && !strcmp(small, "trunc"), "truncation: %d \"%s\"", n,
	      small);
	return NULL;
}

static const char *test_string(void)
{
	char buf[64], tok[] = "  a,b;;c  ", *save, *t;
	const char *s = "hello, world";

	CHECK(strlen(s) == 12 && strlen("") == 0, "strlen");
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 &&
	      !strcmp("x", "x") && strcmp("ab", "abc") < 0, "strcmp");
	CHECK(strcmp("\xff", "a") > 0, "strcmp is unsigned");
	CHECK(!strncmp("abcd", "abce", 3) && strncmp("abcd", "abce", 4) < 0,
	      "strncmp");
	CHECK(!strcasecmp("HeLLo", "hello") && strncasecmp("ab", "AC", 2) < 0,
	      "strcasecmp");
	CHECK(strchr(s, 'o') == s + 4 && strrchr(s, 'o') == s + 8 &&
	      !strchr(s, 'z') && strchr(s, '\0') == s + 12, "strchr/strrchr");
	CHECK(strstr(s, "world") == s + 7 && !strstr(s, "worlds") &&
	      strstr(s, "") == s, "strstr");
	CHECK(strspn("aabbc", "ab") == 4 && strcspn("abc,d", ",") == 3 &&
	      strpbrk(s, " ,") == s + 5, "strspn/strcspn/strpbrk");
	strcpy(buf, "foo");
	strcat(buf, "bar");
	strncat(buf, "bazzz", 3);
	CHECK(!strcmp(buf, "foobarbaz"), "strcpy/strcat: %s", buf);
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK(!memcmp(buf, "ab\0\0\0x", 6), "strncpy pads with NUL");
	memcpy(buf, "0123456789", 10);
	memmove(buf + 2, buf, 8);
	CHECK(!memcmp(buf, "0101234567", 10), "memmove up");
	memmove(buf, buf + 2, 8);
	CHECK(!memcmp(buf, "0123456767", 10), "memmove down");
	CHECK(memchr(buf, '5', 10) == buf + 5 && memcmp("a", "b", 1) < 0,
	      "memchr/memcmp");
	t = strtok_r(tok, " ,;", &save);
	CHECK(t && !strcmp(t, "a"), "strtok 1");
	t = strtok_r(NULL, " ,;", &save);
	CHECK(t && !strcmp(t, "b"), "strtok 2");
	t = strtok_r(NULL, " ,;", &save);
	CHECK(t && !strcmp(t, "c"), "strtok 3");
	CHECK(!strtok_r(NULL, " ,;", &save), "strtok end");
	t = strdup(s);
	CHECK(t && !strcmp(t, s) && t != s, "strdup");
	free(t);
	CHECK(!strcmp(strerror(ENOENT), "No such file or directory") &&
	      !strcmp(strerror(EFAULT), "Bad address"), "strerror");
	CHECK(!strcmp(strsignal(SIGSEGV), "Segmentation fault"), "strsignal");
	return NULL;
}

static const char *test_strtol(void)
{
	char *end;

	CHECK(strtol("  -123xyz", &end, 10) == -123 && *end == 'x', "strtol");
	CHECK(strtol("0x1F", NULL, 0) == 31 && strtol("017", NULL, 0) == 15 &&
	      strtol("z", NULL, 36) == 35, "strtol bases");
	errno = 0;
	CHECK(strtol("99999999999999999999", NULL, 10) == LONG_MAX &&
	      errno == ERANGE, "strtol overflow");
	CHECK(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX,
	      "strtoul max");
	CHECK(strtol("abc", &end, 10) == 0 && !strcmp(end, "abc"),
	      "strtol no digits");
	errno = 0;
	CHECK(strtoull("-99999999999999999999", NULL, 10) == ULLONG_MAX &&
	      errno == ERANGE, "strtoull overflow with a sign");
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX, "strtoul(\"-1\")");
	CHECK(atoi("42") == 42 && atoi("-7") == -7, "atoi");
	return NULL;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static const char *test_qsort(void)
{
	int v[200], i;

	srand(7);
	for (i = 0; i < 200; i++)
		v[i] = rand() % 1000 - 500;
	qsort(v, 200, sizeof(int), cmp_int);
	for (i = 1; i < 200; i++)
		CHECK(v[i - 1] <= v[i], "unsorted at %d", i);
	i = v[57];
	CHECK(*(int *)bsearch(&i, v, 200, sizeof(int), cmp_int) == i,
	      "bsearch");
	return NULL;
}

/* Many live blocks of random sizes, each filled with its own pattern,
 * freed and reallocated in random order; then large ones. */
static const char *test_malloc(void)
{
	enum { SLOTS = 512 };
	static unsigned char *p[SLOTS];
	static size_t len[SLOTS];
	unsigned seed = 12345;
	size_t j, n;
	int round, i;
	unsigned char *q;

	for (round = 0; round < 20000; round++) {
		seed = seed * 1103515245 + 12345;
		i = (int)((seed >> 8) % SLOTS);
		if (p[i]) {
			for (j = 0; j < len[i]; j++)
				CHECK(p[i][j] == (unsigned char)(i + j),
				      "block %d corrupted at %zu", i, j);
			if (seed & 0x10000) {
				n = len[i] < 40000 ? len[i] * 2 + 1 :
						    len[i] / 3;
				q = realloc(p[i], n);
				CHECK(q, "realloc %zu failed", n);
				for (j = 0; j < len[i] && j < n; j++)
					CHECK(q[j] == (unsigned char)(i + j),
					      "realloc lost data");
				for (; j < n; j++)
					q[j] = (unsigned char)(i + j);
				p[i] = q;
				len[i] = n;
				continue;
			}
			free(p[i]);
			p[i] = NULL;
			continue;
		}
		n = (seed >> 12) % (seed & 0x20000 ? 100000 : 300);
		p[i] = malloc(n);
		CHECK(p[i], "malloc %zu failed", n);
		CHECK(((unsigned long)p[i] & 15) == 0, "misaligned %p", p[i]);
		len[i] = n;
		for (j = 0; j < n; j++)
			p[i][j] = (unsigned char)(i + j);
	}
	for (i = 0; i < SLOTS; i++) {
		free(p[i]);
		p[i] = NULL;
	}
	q = calloc(1000, 1000);
	CHECK(q, "calloc 1 MB");
	for (j = 0; j < 1000000; j++)
		CHECK(!q[j], "calloc not zero at %zu", j);
	free(q);
	errno = 0;
	CHECK(!calloc((size_t)-1 / 2, 4) && errno == ENOMEM,
	      "calloc overflow not caught");
	return NULL;
}

static jmp_buf jb;
static volatile int jumps;

static void jump_back(int depth)
{
	if (depth < 0)
		return;
	if (depth > 0)
		jump_back(depth - 1);
	longjmp(jb, 0);		/* 0 becomes 1 */
}

static const char *test_setjmp(void)
{
	volatile int local = 5;
	int r;

	r = setjmp(jb);
	if (r == 0) {
		local = 6;
		jump_back(10);
		return "longjmp returned";
	}
	CHECK(r == 1 && local == 6, "setjmp gave %d, local %d", r, local);
	r = setjmp(jb);
	if (jumps++ < 3)
		longjmp(jb, 40 + jumps);
	CHECK(r == 43, "third longjmp gave %d", r);
	return NULL;
}

static volatile int got_sig;
static siginfo_t got_info;
static volatile void *got_ctx;
static char *altstack;
static volatile int on_altstack;

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
	char here;

	got_sig = sig;
	got_info = *si;
	got_ctx = ctx;
	on_altstack = altstack && &here >= altstack &&
		      &here < altstack + SIGSTKSZ;
}

static const char *test_siginfo(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s",
	      strerror(errno));
	got_sig = 0;
	CHECK(raise(SIGUSR1) == 0, "raise failed");
	CHECK(got_sig == SIGUSR1, "handler not run (got %d)", got_sig);
	CHECK(got_info.si_signo == SIGUSR1 && got_info.si_code == SI_TKILL &&
	      got_info.si_pid == getpid() && got_ctx,
	      "siginfo signo %d code %d pid %d", got_info.si_signo,
	      got_info.si_code, got_info.si_pid);
	got_sig = 0;
	kill(getpid(), SIGUSR1);
	CHECK(got_sig == SIGUSR1 && got_info.si_code == SI_USER,
	      "kill: code %d", got_info.si_code);
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 &&
	      old.sa_sigaction == info_handler && (old.sa_flags & SA_SIGINFO),
	      "old action not read back");
	signal(SIGUSR1, SIG_DFL);
	return NULL;
}

static const char *test_sigaltstack(void)
{
	struct sigaction sa;
	stack_t ss, old;

	altstack = malloc(SIGSTKSZ);
	ss.ss_sp = altstack;
	ss.ss_size = SIGSTKSZ;
	ss.ss_flags = 0;
	CHECK(sigaltstack(&ss, &old) == 0, "sigaltstack: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	on_altstack = 0;
	raise(SIGUSR2);
	CHECK(on_altstack, "handler did not run on the alternate stack");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGUSR2, SIG_DFL);
	free(altstack);
	altstack = NULL;
	return NULL;
}

static void plain_handler(int sig)
{
	got_sig = sig;
}

static const char *test_sigmask(void)
{
	sigset_t set, pend, old;

	signal(SIGUSR1, plain_handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0, "sigprocmask");
	got_sig = 0;
	raise(SIGUSR1);
	CHECK(got_sig == 0, "blocked signal was delivered");
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGUSR1) == 1, "not pending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK(got_sig == SIGUSR1, "not delivered on unblock");
	signal(SIGUSR1, SIG_DFL);
	return NULL;
}

static sigjmp_buf sjb;
static volatile void *fault_addr;
static volatile int fault_code;

static void segv_handler(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(sjb, 1);
}

/* Write to a read-only page and read an unmapped one: the handler gets
 * SEGV_ACCERR / SEGV_MAPERR with the address, and siglongjmp restores the
 * mask the handler ran with (SIGSEGV blocked) to the one saved. */
static const char *test_segv(void)
{
	struct sigaction sa;
	volatile char *page;
	sigset_t mask;

	page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED, "mmap");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = segv_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	fault_addr = NULL;
	if (sigsetjmp(sjb, 1) == 0) {
		page[100] = 1;
		return "write to a read-only page did not fault";
	}
	CHECK(fault_code == SEGV_ACCERR && fault_addr == page + 100,
	      "code %d addr %p, want %d %p", fault_code, fault_addr,
	      SEGV_ACCERR, (void *)(page + 100));
	sigprocmask(SIG_BLOCK, NULL, &mask);
	CHECK(!sigismember(&mask, SIGSEGV), "siglongjmp kept SIGSEGV blocked");
	munmap((void *)page, 4096);
	if (sigsetjmp(sjb, 1) == 0) {
		(void)page[8];
		return "read of an unmapped page did not fault";
	}
	CHECK(fault_code == SEGV_MAPERR && fault_addr == page + 8,
	      "unmapped: code %d addr %p", fault_code, fault_addr);
	signal(SIGSEGV, SIG_DFL);
	return NULL;
}

static const char *test_fork_wait(void)
{
	static int shared = 1;
	int status;
	pid_t pid;

	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		shared = 2;	/* the parent's copy must not change */
		_exit(shared == 2 && getppid() > 0 ? 42 : 1);
	}
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "status %#x", status);
	CHECK(shared == 1, "child's write seen by the parent");
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	CHECK(wait(&status) == pid, "wait");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "status %#x after SIGKILL", status);
	CHECK(wait(&status) < 0 && errno == ECHILD, "no child: errno %d", errno);
	return NULL;
}

static const char *test_exec(void)
{
	char *argv[] = { "sh", "-c", "exit 3", NULL };
	int status;
	pid_t pid;

	if (access("/bin/sh", X_OK) != 0)
		return "SKIP no /bin/sh";
	pid = fork();
	if (pid == 0) {
		execve("/bin/sh", argv, environ);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x",
	      status);
	errno = 0;
	CHECK(execve("/nonexistent", argv, environ) < 0 && errno == ENOENT,
	      "exec of a missing file: errno %d", errno);
	return NULL;
}

static const char *test_pipe(void)
{
	char buf[32];
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		write(fds[1], "through the pipe", 16);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf));
	CHECK(n == 16 && !memcmp(buf, "through the pipe", 16), "read %zd", n);
	CHECK(read(fds[0], buf, sizeof(buf)) == 0, "no EOF after the writer");
	close(fds[0]);
	waitpid(pid, &status, 0);
	return NULL;
}

static const char *test_errno(void)
{
	char c;

	errno = 0;
	CHECK(read(-1, &c, 1) < 0 && errno == EBADF, "read(-1): %d", errno);
	CHECK(close(12345) < 0 && errno == EBADF, "close: %d", errno);
	CHECK(open("/no/such/file", O_RDONLY) < 0 && errno == ENOENT,
	      "open: %d", errno);
	CHECK(write(1, (void *)8, 1) < 0 && errno == EFAULT,
	      "write from a bad pointer: %d", errno);
	CHECK(dup2(1, 1) == 1, "dup2 to itself");
	errno = 0;
	CHECK(dup2(1, -1) < 0 && errno == EBADF, "dup2 to -1: %d", errno);
	return NULL;
}

/* A file written with stdio, read back with fgets and raw read. */
static const char *test_files(void)
{
	const char *dir = access("/tmp", W_OK) == 0 ? "/tmp" : ".";
	char path[64], line[64];
	struct stat st;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/selftest.%d", dir, getpid());
	f = fopen(path, "w");
	CHECK(f, "fopen %s: %s", path, strerror(errno));
	fprintf(f, "line %d\n", 1);
	fputs("second\n", f);
	CHECK(fclose(f) == 0, "fclose");
	CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 14,
	      "stat: size %ld", (long)st.st_size);
	f = fopen(path, "r");
	CHECK(f && fgets(line, sizeof(line), f) && !strcmp(line, "line 1\n"),
	      "fgets 1");
	CHECK(fgets(line, sizeof(line), f) && !strcmp(line, "second\n"),
	      "fgets 2");
	CHECK(!fgets(line, sizeof(line), f) && feof(f), "EOF");
	fclose(f);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0 && lseek(fd, 5, SEEK_SET) == 5 &&
	      read(fd, line, 1) == 1 && line[0] == '1', "lseek/read");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 14, "fstat");
	close(fd);
	CHECK(unlink(path) == 0 && access(path, F_OK) < 0, "unlink");
	return NULL;
}

enum { THREADS = 4, ROUNDS = 20000 };
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *worker(void *arg)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
		if (i % 1000 == 0)
			errno = (int)(long)arg;	/* errno is per thread */
	}
	return (void *)((long)arg * 10 + (errno == (int)(long)arg));
}

static const char *test_pthread(void)
{
	pthread_t t[THREADS];
	void *ret;
	int i, r;

	counter = 0;
	errno = 0;
	for (i = 0; i < THREADS; i++) {
		r = pthread_create(&t[i], NULL, worker, (void *)(long)(i + 1));
		CHECK(r == 0, "pthread_create: %s", strerror(r));
	}
	for (i = 0; i < THREADS; i++) {
		CHECK(pthread_join(t[i], &ret) == 0, "join");
		CHECK((long)ret == (i + 1) * 10 + 1, "thread %d returned %ld",
		      i, (long)ret);
	}
	CHECK(counter == (long)THREADS * ROUNDS, "counter %ld", counter);
	CHECK(errno == 0, "main thread's errno changed to %d", errno);
	return NULL;
}

static const char *test_env(void)
{
	CHECK(setenv("SELFTEST_VAR", "one", 1) == 0 &&
	      !strcmp(getenv("SELFTEST_VAR"), "one"), "setenv");
	setenv("SELFTEST_VAR", "two", 0);
	CHECK(!strcmp(getenv("SELFTEST_VAR"), "one"), "setenv overwrote");
	setenv("SELFTEST_VAR", "three", 1);
	CHECK(!strcmp(getenv("SELFTEST_VAR"), "three"), "setenv overwrite");
	unsetenv("SELFTEST_VAR");
	CHECK(!getenv("SELFTEST_VAR"), "unsetenv");
	return NULL;
}

static const char *test_time(void)
{
	struct timespec a, b, d = { 0, 20 * 1000 * 1000 };
	struct utsname u;
	char *cwd;
	long ns;

	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "clock_gettime");
	CHECK(nanosleep(&d, NULL) == 0, "nanosleep: %s", strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &b);
	ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	CHECK(ns >= 20 * 1000 * 1000, "slept only %ld ns", ns);
	CHECK(time(NULL) > 0, "time");
	CHECK(uname(&u) == 0 && u.sysname[0] && u.machine[0], "uname");
	cwd = getcwd(NULL, 0);
	CHECK(cwd && cwd[0] == '/', "getcwd(NULL, 0)");
	free(cwd);
	return NULL;
}

static const struct {
	const char *name;
	const char *(*fn)(void);
} tests[] = {
	{ "printf", test_printf },
	{ "string", test_string },
	{ "strtol", test_strtol },
	{ "qsort", test_qsort },
	{ "malloc", test_malloc },
	{ "setjmp", test_setjmp },
	{ "siginfo", test_siginfo },
	{ "sigaltstack", test_sigaltstack },
	{ "sigmask", test_sigmask },
	{ "segv_siginfo", test_segv },
	{ "fork_wait", test_fork_wait },
	{ "exec", test_exec },
	{ "pipe", test_pipe },
	{ "errno", test_errno },
	{ "files", test_files },
	{ "pthread", test_pthread },
	{ "env", test_env },
	{ "time", test_time },
};

int main(void)
{
	int n = (int)(sizeof(tests) / sizeof(tests[0])), i, failed = 0;
	const char *r;

	printf("KTAP version 1\n# Subtest: libc\n1..%d\n", n);
	for (i = 0; i < n; i++) {
		fflush(stdout);		/* nothing buffered twice by fork */
		r = tests[i].fn();
		if (!r)
			printf("ok %d %s\n", i + 1, tests[i].name);
		else if (!strncmp(r, "SKIP", 4))
			printf("ok %d %s # %s\n", i + 1, tests[i].name, r);
		else {
			printf("not ok %d %s # %s\n", i + 1, tests[i].name, r);
			failed++;
		}
	}
	fflush(stdout);
	return failed ? 1 : 0;
}
