/*
 * crash: kernel oopses in process context kill only the offending process.
 * Needs a kernel booted with `crashdev` (/dev/crash), so it is not in
 * /tests/run: tools/test boots `quiet crashdev init=/tests/crash`. For each
 * kind a child writes the kind to /dev/crash and must die by SIGSEGV while
 * the kernel goes on; afterwards fork, exec and pipes still work. A second,
 * silent round must give back all the memory it takes. The runner checks
 * the oops text on the serial line.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include "ktap.h"

#define CRASHDEV "/dev/crash"

/* Write kind to /dev/crash; only returns if the kernel did not crash. */
static void ask_for_oops(const char *kind)
{
	int fd = open(CRASHDEV, O_WRONLY);

	if (fd < 0)
		_exit(100);
	if (write(fd, kind, strlen(kind)) < 0)
		_exit(errno & 0x7f);
	_exit(101);
}

/* fork+exec /bin/echo with its output through a pipe. */
static void system_still_works(void)
{
	char *argv[] = { "echo", "still", "alive", NULL };
	char *envp[] = { NULL };
	char out[64];
	int st = ktap_capture("/bin/echo", argv, envp, out, sizeof(out));

	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		ktap_fail("after the oops, /bin/echo %s", ktap_status(st));
	if (strcmp(out, "still alive\n"))
		ktap_fail("after the oops, /bin/echo printed '%s'", out);
}

/*
 * A child asks for kind: it must be killed by SIGSEGV (the kernel's
 * W_EXITCODE(0, SIGSEGV) after an oops), and we must go on. A child that
 * comes back with ENOSYS or EOPNOTSUPP was told the kernel cannot crash
 * that way here (no stack guard pages, no user-access guard): a skip,
 * which the runner accepts only where it expects one.
 */
static void crash_kind(const char *kind)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		ktap_fail("fork: %s", ktap_errname(errno));
	if (pid == 0)
		ask_for_oops(kind);
	st = WAIT_CHILD(pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == ENOSYS)
		ktap_skip("%s: the kernel says ENOSYS (no kernel stack guard "
			  "pages yet)", kind);
	if (WIFEXITED(st) && WEXITSTATUS(st) == EOPNOTSUPP)
		ktap_skip("%s: the kernel says EOPNOTSUPP (no hardware guard "
			  "against kernel access to user memory)", kind);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 100)
		ktap_fail("cannot open " CRASHDEV " (boot with crashdev)");
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		ktap_fail("child %d asking for '%s': %s, want killed by "
			  "signal 11", (int)pid, kind, ktap_status(st));
	ktap_diag("%s: pid %d killed by SIGSEGV", kind, (int)pid);
	system_still_works();
}

static void null_dereference(void)
{
	crash_kind("null");
}

static void write_to_kernel_text(void)
{
	crash_kind("wtext");
}

static void user_memory_outside_uaccess(void)
{
	crash_kind("uaccess");
}

static void kernel_stack_overflow(void)
{
	crash_kind("stack");
}

static void trap_instruction(void)
{
	crash_kind("trap");
}

/* The kernel's lock checker: two spinlocks taken in both orders, a sleep
 * with one held, and a wait for the big kernel lock with one held, each an
 * oops naming the locks. */
static void lock_order_inversion(void)
{
	crash_kind("lock_order");
}

static void sleep_holding_spinlock(void)
{
	crash_kind("lock_sleep");
}

static void bkl_under_spinlock(void)
{
	crash_kind("lock_bkl");
}

/* The oops of one thread, holding the mmap lock for reading, ends that
 * thread only (as on Linux); the lock is released, so the other thread
 * can join it and still mmap (which takes the lock for writing). */
static void *oops_thread(void *kind)
{
	ask_for_oops(kind);
	return NULL;
}

static void thread_oops_with_mmap_read_lock(void)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		ktap_fail("fork: %s", ktap_errname(errno));
	if (pid == 0) {
		pthread_t t;
		void *p;

		if (pthread_create(&t, NULL, oops_thread, "mmap_read"))
			_exit(10);
		if (pthread_join(t, NULL))
			_exit(11);
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(12);
		*(volatile char *)p = 1;
		_exit(munmap(p, 4096) ? 13 : 0);
	}
	st = WAIT_CHILD(pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		ktap_fail("process whose thread oopsed: %s, want exited 0 "
			  "(10-13: pthread_create, join, mmap, munmap failed)",
			  ktap_status(st));
	system_still_works();
}

/* An oops with the mmap lock held for writing may leave the address space
 * half-changed: the whole process dies by SIGSEGV, other threads too,
 * even one busy in mmap/munmap (which needs that very lock). */
static void thread_oops_with_mmap_write_lock(void)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		ktap_fail("fork: %s", ktap_errname(errno));
	if (pid == 0) {
		long deadline = ktap_now_ms() + 5000;
		pthread_t t;

		if (pthread_create(&t, NULL, oops_thread, "mmap_write"))
			_exit(10);
		while (ktap_now_ms() < deadline) {
			void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				_exit(12);
			*(volatile char *)p = 1;
			munmap(p, 4096);
		}
		_exit(14);
	}
	st = WAIT_CHILD(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		ktap_fail("process whose thread oopsed with the mmap lock "
			  "held: %s, want killed by signal 11 (14: still "
			  "running after 5 s)", ktap_status(st));
	system_still_works();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(null_dereference),
	KTAP_CASE(write_to_kernel_text),
	KTAP_CASE(user_memory_outside_uaccess),
	KTAP_CASE(kernel_stack_overflow),
	KTAP_CASE(trap_instruction),
	KTAP_CASE(lock_order_inversion),
	KTAP_CASE(bkl_under_spinlock),
	KTAP_CASE(sleep_holding_spinlock),
	KTAP_CASE(thread_oops_with_mmap_read_lock),
	KTAP_CASE(thread_oops_with_mmap_write_lock),
};

/* Reap whatever is left (we may be pid 1), then let exits finish. */
static void settle(void)
{
	long deadline = ktap_now_ms() + 10000;

	while (ktap_now_ms() < deadline) {
		pid_t r = waitpid(-1, NULL, WNOHANG);

		if (r < 0 && errno == ECHILD)
			break;
		if (r <= 0)
			ktap_sleep_ms(10);
	}
	ktap_sleep_ms(100);
}

static void quiet_stdout(int *saved)
{
	int fd = open("/dev/null", O_WRONLY);

	*saved = dup(1);
	if (fd >= 0) {
		dup2(fd, 1);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	long before, after;
	int failed, again, saved;

	(void)argc;
	ktap_argv0 = argv[0];
	ktap_print("# crash: start");
	failed = ktap_run("crash", cases, KTAP_NCASES(cases));

	/* Round 1 warmed the kernel's caches: every oops of round 2 must
	 * give back what its process took (task, stack, mm, files). */
	settle();
	before = ktap_meminfo_kb("MemFree:");
	quiet_stdout(&saved);
	again = ktap_run("crash", cases, KTAP_NCASES(cases));
	dup2(saved, 1);
	close(saved);
	settle();
	after = ktap_meminfo_kb("MemFree:");

	ktap_print("KTAP version 1");
	ktap_print("# Subtest: crash_after");
	ktap_print("1..2");
	ktap_print("%s 1 second_round_same_results%s", again == failed ?
		   "ok" : "not ok", again == failed ? "" :
		   " # a different number of cases failed");
	ktap_print("# MemFree: %ld kB before round 2, %ld kB after", before,
		   after);
	if (before < 0 || after < 0)
		ktap_print("not ok 2 memory_back_after_oopses # cannot read "
			   "MemFree");
	else if (after < before)
		ktap_print("not ok 2 memory_back_after_oopses # %ld kB lost",
			   before - after);
	else
		ktap_print("ok 2 memory_back_after_oopses");
	ktap_print("# crash: done");
	return 0;
}
