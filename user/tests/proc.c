/*
 * proc: processes - fork, exec, wait4 status words, pids, orphans handed to
 * init, zombies kept until reaped, argv/envp through execve, vfork.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include "ktap.h"

/* Output of the --echo-args helper for the argv/envp the case passes. */
static const char echo_expected[] =
	"argc=5\n"
	"argv[1]=--echo-args\n"
	"argv[2]=two words\n"
	"argv[3]=\n"
	"argv[4]=last\n"
	"envp[0]=FOO=bar\n"
	"envp[1]=EMPTY=\n"
	"envp[2]=Z=a=b\n";

static int helper(int argc, char **argv, char **envp)
{
	char buf[4096];
	int i, n = 0;

	if (!strcmp(argv[1], "--echo-args")) {
		n += snprintf(buf + n, sizeof(buf) - n, "argc=%d\n", argc);
		for (i = 1; i < argc && n < 3000; i++)
			n += snprintf(buf + n, sizeof(buf) - n, "argv[%d]=%s\n",
				      i, argv[i]);
		for (i = 0; envp[i] && n < 3000; i++)
			n += snprintf(buf + n, sizeof(buf) - n, "envp[%d]=%s\n",
				      i, envp[i]);
		ktap_write_all(1, buf, (size_t)n);
		return 0;
	}
	if (!strcmp(argv[1], "--print-ids")) {
		n = snprintf(buf, sizeof(buf), "pid=%d ppid=%d\n", getpid(),
			     getppid());
		ktap_write_all(1, buf, (size_t)n);
		return 0;
	}
	if (!strcmp(argv[1], "--exit") && argc > 2)
		return atoi(argv[2]);
	return 100;
}

static void fork_wait_exit_status(void)
{
	pid_t pid = CHECK_SYS(fork()), r;
	int st = -1;

	if (pid == 0)
		_exit(7);
	r = waitpid(pid, &st, 0);
	CHECK_EQ(r, pid);
	CHECK_EQ(st, 7 << 8);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

/* Only the low 8 bits of the exit code reach the parent, in bits 8-15. */
static void exit_status_encoding(void)
{
	static const int codes[] = { 0, 1, 42, 127, 128, 255, 256, 257, -1 };
	unsigned int i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		pid_t pid = CHECK_SYS(fork());
		int st;

		if (pid == 0)
			_exit(codes[i]);
		st = WAIT_CHILD(pid);
		if (st != (codes[i] & 0xff) << 8)
			ktap_fail("_exit(%d) gave status 0x%x, want 0x%x",
				  codes[i], st, (codes[i] & 0xff) << 8);
	}
}

static void wait_status_sigkill(void)
{
	int p[2], st;
	char c;
	pid_t pid;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		close(p[0]);
		ktap_write_all(p[1], "r", 1);
		for (;;)
			ktap_sleep_ms(1000);
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 1);		/* the child runs */
	CHECK_SYS(kill(pid, SIGKILL));
	st = WAIT_CHILD(pid);
	CHECK(WIFSIGNALED(st));
	CHECK(!WIFEXITED(st));
	CHECK_EQ(st, SIGKILL);
}

static void wait_status_sigsegv(void)
{
	pid_t pid = CHECK_SYS(fork());
	int st;

	if (pid == 0) {
		*(volatile int *)ktap_ptr(0) = 1;
		_exit(0);
	}
	st = WAIT_CHILD(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGSEGV);
	CHECK_EQ(st & ~0x80, SIGSEGV);	/* 0x80 is the core-dump flag */
}

static void getpid_getppid(void)
{
	int p[2], ids[3] = { 0, 0, 0 };
	pid_t pid;

	CHECK(getpid() > 0);
	CHECK_EQ(getpid(), getpid());
	CHECK_EQ(gettid(), getpid());	/* single-threaded: tid == pid */
	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ids[0] = getpid();
		ids[1] = getppid();
		ids[2] = gettid();
		ktap_write_all(p[1], (char *)ids, sizeof(ids));
		_exit(0);
	}
	close(p[1]);
	CHECK_EQ(ktap_read_all(p[0], (char *)ids, sizeof(ids) + 1),
		 sizeof(ids));
	CHECK_EXITED(pid, 0);
	CHECK_EQ(ids[0], pid);		/* fork's result */
	CHECK_EQ(ids[1], getpid());	/* its parent is us */
	CHECK_EQ(ids[2], pid);
	CHECK(pid != getpid());
}

/*
 * We fork a middle process, which forks a grandchild and exits. The
 * grandchild waits until its parent is gone and reports getppid(): init (1)
 * has adopted it.
 */
static void orphan_reparented_to_init(void)
{
	int p[2], q[2], ppid[2] = { -1, -1 };
	pid_t mid;
	char c;

	CHECK_SYS(pipe(p));
	CHECK_SYS(pipe(q));
	mid = CHECK_SYS(fork());
	if (mid == 0) {
		pid_t g = fork();

		if (g < 0)
			_exit(2);
		if (g == 0) {
			long deadline = ktap_now_ms() + 5000;
			pid_t first = getppid(), now;

			ktap_write_all(q[1], "r", 1);
			while ((now = getppid()) == first &&
			       ktap_now_ms() < deadline)
				ktap_sleep_ms(5);
			ppid[0] = first;
			ppid[1] = now;
			ktap_write_all(p[1], (char *)ppid, sizeof(ppid));
			_exit(0);
		}
		/* Exit once it has seen us as its parent. */
		_exit(read(q[0], &c, 1) == 1 ? 0 : 3);
	}
	close(p[1]);
	CHECK_EXITED(mid, 0);
	CHECK_EQ(ktap_read_all(p[0], (char *)ppid, sizeof(ppid) + 1),
		 sizeof(ppid));
	CHECK_EQ(ppid[0], mid);
	CHECK_EQ(ppid[1], 1);
}

/* A child that exited stays (a zombie: kill(pid, 0) finds it) until
 * wait4 collects it, exactly once. */
static void zombie_kept_until_reaped(void)
{
	int p[2], st = 0;
	char c;
	pid_t pid;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(3);
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 0);	/* its exit closed the pipe */
	ktap_sleep_ms(20);
	CHECK_EQ(kill(pid, 0), 0);		/* still there as a zombie */
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EQ(st, 3 << 8);
	CHECK_ERR(kill(pid, 0), ESRCH);		/* gone once reaped */
	CHECK_ERR(waitpid(pid, &st, 0), ECHILD);
}

static void many_children_reaped(void)
{
	pid_t pids[16];
	int seen[16] = { 0 }, i, j, st;

	for (i = 0; i < 16; i++) {
		pids[i] = CHECK_SYS(fork());
		if (pids[i] == 0)
			_exit(i + 10);
	}
	for (i = 0; i < 16; i++) {
		pid_t r = waitpid(-1, &st, 0);

		for (j = 0; j < 16 && pids[j] != r; j++)
			;
		if (j == 16)
			ktap_fail("wait #%d returned %d (%s)", i, r,
				  ktap_errname(errno));
		CHECK_EQ(seen[j]++, 0);
		CHECK_EQ(st, (j + 10) << 8);
	}
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
}

static void waitpid_specific_child(void)
{
	pid_t a, b;
	int st;

	a = CHECK_SYS(fork());
	if (a == 0)
		_exit(1);
	b = CHECK_SYS(fork());
	if (b == 0) {
		ktap_sleep_ms(50);
		_exit(2);
	}
	ktap_sleep_ms(20);	/* let a exit first: b must still be chosen */
	CHECK_EQ(waitpid(b, &st, 0), b);
	CHECK_EQ(st, 2 << 8);
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK_EQ(st, 1 << 8);
}

static void wnohang_running_child(void)
{
	int p[2], st = 12345;
	pid_t pid;
	char c;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 0 ? 0 : 1);	/* wait for EOF */
	}
	close(p[0]);
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &st, WNOHANG), 0);
	close(p[1]);
	CHECK_EXITED(pid, 0);
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
}

static void wait4_echild(void)
{
	int st;

	CHECK_ERR(wait4(-1, &st, 0, NULL), ECHILD);
	CHECK_ERR(wait4(getppid(), &st, 0, NULL), ECHILD);	/* not ours */
	CHECK_ERR(wait4(-1, &st, WNOHANG, NULL), ECHILD);
}

static void wait4_bad_options_einval(void)
{
	int st;
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0)
		_exit(0);
	CHECK_ERR(wait4(pid, &st, 0x10, NULL), EINVAL);
	CHECK_EXITED(pid, 0);
}

static void kill_esrch_and_einval(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0)
		_exit(0);
	CHECK_EXITED(pid, 0);
	CHECK_ERR(kill(pid, SIGTERM), ESRCH);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(getpid(), -1), EINVAL);
	CHECK_EQ(kill(getpid(), 0), 0);
}

static void execve_argv_envp(void)
{
	char *argv[] = { (char *)ktap_argv0, (char *)"--echo-args",
			 (char *)"two words", (char *)"", (char *)"last",
			 NULL };
	char *envp[] = { (char *)"FOO=bar", (char *)"EMPTY=",
			 (char *)"Z=a=b", NULL };
	char out[4096];
	int st = ktap_capture(ktap_argv0, argv, envp, out, sizeof(out));

	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		ktap_fail("helper %s", ktap_status(st));
	if (strcmp(out, echo_expected))
		ktap_fail("helper printed \"%s\"", out);
}

/* execve keeps the pid and the parent. */
static void execve_keeps_pid(void)
{
	char *argv[] = { (char *)ktap_argv0, (char *)"--print-ids", NULL };
	char *envp[] = { NULL };
	char out[256], want[64];
	int p[2], st;
	pid_t pid;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[1]);
		close(p[0]);
		ktap_execve(ktap_argv0, argv, envp);
		_exit(127);
	}
	close(p[1]);
	ktap_read_all(p[0], out, sizeof(out));
	st = WAIT_CHILD(pid);
	CHECK_EQ(st, 0);
	snprintf(want, sizeof(want), "pid=%d ppid=%d\n", pid, getpid());
	if (strcmp(out, want))
		ktap_fail("helper printed \"%s\", want \"%s\"", out, want);
}

static void exec_bin_echo(void)
{
	char *argv[] = { (char *)"echo", (char *)"hello", (char *)"world",
			 NULL };
	char *envp[] = { NULL };
	char out[256];
	int p[2], st;
	pid_t pid;

	/* /bin/echo is a program of its own: exec it directly, never
	 * through FAULTLINE_TEST_EXEC_VIA. */
	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[1]);
		close(p[0]);
		execve("/bin/echo", argv, envp);
		_exit(errno == ENOENT ? 126 : 127);
	}
	close(p[1]);
	ktap_read_all(p[0], out, sizeof(out));
	st = WAIT_CHILD(pid);
	if (st == 126 << 8)
		ktap_fail("execve(/bin/echo): ENOENT");
	CHECK_EQ(st, 0);
	if (strcmp(out, "hello world\n"))
		ktap_fail("/bin/echo printed \"%s\"", out);
}

/* 64 rounds of fork/exit/wait: what one round takes is given back. */
static void fork_exit_wait_64_times(void)
{
	int i;

	for (i = 0; i < 64; i++) {
		pid_t pid = CHECK_SYS(fork());

		if (pid == 0)
			_exit(i & 0x7f);
		CHECK_EXITED(pid, i & 0x7f);
	}
}

static volatile int vfork_word;

static int vfork_child(void *arg)
{
	int i;

	(void)arg;
	/* If the parent ran now, it would see vfork_word still 1. */
	for (i = 0; i < 5; i++)
		sched_yield();
	vfork_word = 2;
	return 5;
}

/* clone fn with CLONE_VM|CLONE_VFORK (glibc's vfork and posix_spawn): we
 * must sleep until it exits or execs, so at once see vfork_word as it left
 * it (word); then it must exit with code. */
static void vfork_run(int (*fn)(void *), int word, int code)
{
	static char stack[65536] __attribute__((aligned(16)));
	pid_t pid;

	vfork_word = 1;
	pid = CHECK_SYS(clone(fn, stack + sizeof(stack),
			      CLONE_VM | CLONE_VFORK | SIGCHLD, NULL));
	CHECK_EQ(vfork_word, word);
	CHECK_EXITED(pid, code);
}

/* The child runs in our memory and we sleep until it exits. */
static void vfork_shares_memory_and_waits(void)
{
	vfork_run(vfork_child, 2, 5);
}

static int vfork_exec_child(void *arg)
{
	char *argv[] = { (char *)ktap_argv0, (char *)"--exit", (char *)"9",
			 NULL };
	char *envp[] = { NULL };

	(void)arg;
	vfork_word = 3;
	ktap_execve(ktap_argv0, argv, envp);
	return 127;
}

static void vfork_exec(void)
{
	vfork_run(vfork_exec_child, 3, 9);
}

/* With SIGCHLD ignored, children are reaped as they exit: wait4 waits
 * for them all, then fails with ECHILD. */
static void sigchld_ignored_autoreaps(void)
{
	int st, i;
	pid_t pid[3];

	CHECK(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	for (i = 0; i < 3; i++) {
		pid[i] = CHECK_SYS(fork());
		if (pid[i] == 0) {
			ktap_sleep_ms(10 * i);
			_exit(1);
		}
	}
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	for (i = 0; i < 3; i++)
		CHECK_ERR(kill(pid[i], 0), ESRCH);	/* no zombies */
}

/* The auxiliary vector as the kernel left it past envp (getauxval may
 * answer from the libc's own idea: glibc does for AT_HWCAP on x86_64). */
static unsigned long *auxv;

static unsigned long aux(unsigned long type)
{
	unsigned long *a;

	for (a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

/* Read a 16-bit or 64-bit field of our own ELF header. */
static unsigned long elf_field(const unsigned char *h, int off, int size)
{
	unsigned long v = 0;
	int i;

	for (i = size - 1; i >= 0; i--)
		v = v << 8 | h[off + i];
	return v;
}

/*
 * The auxiliary vector exec gave us, against our own ELF file and what
 * Linux puts there on each arch.
 */
static void auxv_matches_linux(void)
{
	unsigned char h[4096];
	unsigned long phoff, phnum, base = 0, i, hwcap;
	const unsigned char *rnd;
	const char *execfn, *platform;
	int fd;

	fd = CHECK_SYS(open(ktap_argv0, O_RDONLY));
	CHECK_EQ(ktap_read_all(fd, (char *)h, sizeof(h)), sizeof(h) - 1);
	close(fd);
	CHECK_EQ(elf_field(h, 16, 2), 2);	/* ET_EXEC: fixed addresses */
	phoff = elf_field(h, 32, 8);
	phnum = elf_field(h, 56, 2);
	CHECK(phoff + phnum * 56 <= sizeof(h) - 1);
	for (i = 0; i < phnum; i++) {
		const unsigned char *ph = h + phoff + i * 56;

		if (elf_field(ph, 0, 4) == 1 && elf_field(ph, 8, 8) == 0) {
			base = elf_field(ph, 16, 8);	/* PT_LOAD at 0 */
			break;
		}
	}
	CHECK(base != 0);
	CHECK_EQ(aux(AT_PAGESZ), 4096);
	CHECK_EQ(aux(AT_PHDR), base + phoff);
	CHECK_EQ(aux(AT_PHENT), 56);
	CHECK_EQ(aux(AT_PHNUM), phnum);
	CHECK_EQ(aux(AT_ENTRY), elf_field(h, 24, 8));
	CHECK_EQ(aux(AT_UID), getuid());
	CHECK_EQ(aux(AT_EUID), geteuid());
	CHECK_EQ(aux(AT_GID), getgid());
	CHECK_EQ(aux(AT_EGID), getegid());
	CHECK_EQ(aux(AT_SECURE), 0);
	rnd = (const unsigned char *)aux(AT_RANDOM);
	CHECK(rnd != NULL);
	for (i = 0; i < 16 && !rnd[i]; i++)
		;
	CHECK(i < 16);			/* 16 bytes, not all zero */
	execfn = (const char *)aux(AT_EXECFN);
	CHECK(execfn != NULL);
	if (strcmp(execfn, ktap_argv0))
		ktap_fail("AT_EXECFN \"%s\", execve'd as \"%s\"", execfn,
			  ktap_argv0);
	platform = (const char *)aux(AT_PLATFORM);
	hwcap = aux(AT_HWCAP);
#if defined(__x86_64__)
	CHECK(platform && !strcmp(platform, "x86_64"));
	/* CPUID.1 EDX: FPU and SSE2 */
	CHECK((hwcap & 1) && (hwcap & 1UL << 26));
#elif defined(__aarch64__)
	CHECK(platform && !strcmp(platform, "aarch64"));
	CHECK((hwcap & 3) == 3);	/* HWCAP_FP, HWCAP_ASIMD */
#elif defined(__riscv)
	CHECK(platform == NULL);	/* Linux gives no AT_PLATFORM here */
	for (i = 0; i < 5; i++)		/* the letters I, M, A, F, D */
		CHECK(hwcap & 1UL << ("imafd"[i] - 'a'));
#endif
}

/* CLONE_CHILD_SETTID writes the child's tid into the child's memory (its
 * copy after a fork), not the parent's. */
static void clone_child_settid(void)
{
	volatile int tid = 0;
	long pid;

#ifdef __x86_64__
	/* x86_64: clone(flags, sp, parent_tid, child_tid, tls) */
	pid = syscall(__NR_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, NULL, &tid,
		      0);
#else
	/* asm-generic: clone(flags, sp, parent_tid, tls, child_tid) */
	pid = syscall(__NR_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, NULL, 0,
		      &tid);
#endif
	if (pid == 0)
		_exit(tid == getpid() ? 0 : 1);
	CHECK(pid > 0);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(tid, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(clone_child_settid),
	KTAP_CASE(fork_wait_exit_status),
	KTAP_CASE(exit_status_encoding),
	KTAP_CASE(wait_status_sigkill),
	KTAP_CASE(wait_status_sigsegv),
	KTAP_CASE(getpid_getppid),
	KTAP_CASE(orphan_reparented_to_init),
	KTAP_CASE(zombie_kept_until_reaped),
	KTAP_CASE(many_children_reaped),
	KTAP_CASE(waitpid_specific_child),
	KTAP_CASE(wnohang_running_child),
	KTAP_CASE(wait4_echild),
	KTAP_CASE(wait4_bad_options_einval),
	KTAP_CASE(kill_esrch_and_einval),
	KTAP_CASE(execve_argv_envp),
	KTAP_CASE(execve_keeps_pid),
	KTAP_CASE(exec_bin_echo),
	KTAP_CASE(fork_exit_wait_64_times),
	KTAP_CASE(vfork_shares_memory_and_waits),
	KTAP_CASE(vfork_exec),
	KTAP_CASE(sigchld_ignored_autoreaps),
	KTAP_CASE(auxv_matches_linux),
};

int main(int argc, char **argv, char **envp)
{
	char **e = envp;

	while (*e)
		e++;
	auxv = (unsigned long *)(e + 1);
	ktap_argv0 = argv[0];
	if (argc > 1 && !strncmp(argv[1], "--", 2))
		return helper(argc, argv, envp);
	return ktap_run("proc", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
