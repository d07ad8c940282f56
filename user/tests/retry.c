/*
 * retry: faults that must wait for their page, on /dev/slow (pages that are
 * produced a few ticks after the first fault, or only when released). Such
 * a fault drops the mmap lock, sleeps, and is retried (VM_FAULT_RETRY):
 * other threads take the lock meanwhile, a signal ends a user wait (and
 * the access runs again after the handler), only a fatal one ends a
 * kernel-mode wait, and SIGKILL during any wait leaves nothing behind.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <sys/ioctl.h>
#include "../../include/uapi/slowdev.h"
#include "ktap.h"

#define PAGE	4096UL
#ifndef BUS_ADRERR
#define BUS_ADRERR	2
#endif

typedef unsigned long long u64;

static int open_slow(void)
{
	return CHECK_SYS(open("/dev/slow", O_RDWR));
}

static void *map_slow(int fd, size_t len, int prot, int flags)
{
	void *p = mmap(NULL, len, prot, flags, fd, 0);

	if (p == MAP_FAILED)
		ktap_fail("mmap /dev/slow: %s", ktap_errname(errno));
	return p;
}

static long slow_ioctl(int fd, unsigned long req, unsigned long arg)
{
	return ioctl(fd, req, arg);
}

/* Wait (bounded) until n faults sleep on fd's pages. */
static void wait_for_waiters(int fd, long n)
{
	long deadline = ktap_now_ms() + 10000;

	while (slow_ioctl(fd, SLOW_IOC_WAITERS, 0) != n) {
		if (ktap_now_ms() > deadline)
			ktap_fail("waiters stayed %ld, want %ld",
				  slow_ioctl(fd, SLOW_IOC_WAITERS, 0), n);
		ktap_sleep_ms(1);
	}
}

static u64 word(const void *p, size_t off)
{
	return *(volatile const u64 *)((const char *)p + off);
}

static long mem_free_kb(void)
{
	long kb = ktap_meminfo_kb("MemFree:");

	CHECK(kb >= 0);
	return kb;
}

/* A shared page for what a child tells its parent. */
static volatile int *shared_flags(void)
{
	void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	return p;
}

/* The first access to each page waits, then sees the produced data; the
 * next access to the same page does not wait again. */
static void fault_waits_then_sees_data(void)
{
	int fd = open_slow();
	unsigned char *s = map_slow(fd, 4 * PAGE, PROT_READ, MAP_SHARED);
	unsigned char *v = map_slow(fd, 4 * PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE);
	long t0 = ktap_now_ms();

	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_DELAY, 5));	/* 50 ms */
	CHECK_EQ(word(s, 0), SLOW_WORD(0));
	/* Five ticks are 50 ms only on average: under TCG with four CPUs a
	 * late tick can be followed by ones closer together (seen: 28 ms).
	 * A fault that did not wait takes well under a tick. */
	if (ktap_now_ms() - t0 < 15)
		ktap_fail("the first fault took only %ld ms",
			  ktap_now_ms() - t0);
	CHECK_EQ(word(s, 2 * PAGE + 16), SLOW_WORD(2 * PAGE + 16));
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_PRODUCED, 0), 2);
	/* The private mapping copies the produced page on write. */
	CHECK_EQ(word(v, 8), SLOW_WORD(8));
	*(volatile u64 *)(v + 8) = 5;
	CHECK_EQ(word(v, 8), 5);
	CHECK_EQ(word(s, 8), SLOW_WORD(8));
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_PRODUCED, 0), 2);
	close(fd);
}

struct reader {
	const unsigned char *p;
	size_t off;
	u64 seen;
	volatile int done;
};

static void *read_word(void *arg)
{
	struct reader *r = arg;

	r->seen = word(r->p, r->off);
	r->done = 1;
	return NULL;
}

/*
 * While one thread sleeps in a fault on a held page, another thread of
 * the same process takes the mmap lock for writing (mmap, mprotect,
 * munmap) and succeeds: the sleeping fault had dropped it. The page is
 * only released afterwards, so all of it happened during the wait.
 */
static void mmap_lock_free_while_a_fault_waits(void)
{
	int fd = open_slow();
	unsigned char *s = map_slow(fd, 2 * PAGE, PROT_READ, MAP_SHARED);
	struct reader r = { s, PAGE + 24, 0, 0 };
	pthread_t th;
	void *m;

	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 1));
	CHECK_EQ(pthread_create(&th, NULL, read_word, &r), 0);
	wait_for_waiters(fd, 1);
	m = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	((volatile char *)m)[3 * PAGE] = 1;
	CHECK_SYS(mprotect(m, PAGE, PROT_READ));
	CHECK_SYS(munmap(m, 8 * PAGE));
	CHECK_EQ(r.done, 0);
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_WAITERS, 0), 1);
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 0));
	CHECK_EQ(pthread_join(th, NULL), 0);
	CHECK_EQ(r.done, 1);
	CHECK_EQ(r.seen, SLOW_WORD(PAGE + 24));
	close(fd);
}

/* Two threads wait for two pages at once; both get theirs. */
static void two_faults_wait_together(void)
{
	int fd = open_slow();
	unsigned char *s = map_slow(fd, 8 * PAGE, PROT_READ, MAP_SHARED);
	struct reader a = { s, 3 * PAGE, 0, 0 }, b = { s, 7 * PAGE + 8, 0, 0 };
	pthread_t ta, tb;

	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 1));
	CHECK_EQ(pthread_create(&ta, NULL, read_word, &a), 0);
	CHECK_EQ(pthread_create(&tb, NULL, read_word, &b), 0);
	wait_for_waiters(fd, 2);
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 0));
	CHECK_EQ(pthread_join(ta, NULL), 0);
	CHECK_EQ(pthread_join(tb, NULL), 0);
	CHECK_EQ(a.seen, SLOW_WORD(3 * PAGE));
	CHECK_EQ(b.seen, SLOW_WORD(7 * PAGE + 8));
	close(fd);
}

static volatile int *handled;

static void count_signal(int sig)
{
	(void)sig;
	(*handled)++;
}

/*
 * A signal ends a user-mode wait: the handler runs while the page is
 * still held, then the access is made again (and waits again) and
 * completes once the page is released.
 */
static void signal_ends_user_wait_then_access_retries(void)
{
	int fd = open_slow();
	unsigned char *s = map_slow(fd, PAGE, PROT_READ, MAP_SHARED);
	struct sigaction sa;
	pid_t pid;

	handled = shared_flags();
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 1));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = count_signal;
		sigaction(SIGUSR1, &sa, NULL);
		handled[1] = 1;		/* handler installed */
		_exit(word(s, 40) == SLOW_WORD(40) && *handled == 1 ? 0 : 4);
	}
	while (!handled[1])
		ktap_sleep_ms(1);
	wait_for_waiters(fd, 1);
	CHECK_SYS(kill(pid, SIGUSR1));
	while (!*handled)
		ktap_sleep_ms(1);	/* ran during the hold */
	wait_for_waiters(fd, 1);	/* and the access waits again */
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 0));
	CHECK_EXITED(pid, 0);
	close(fd);
}

/*
 * SIGKILL during the wait ends the process (the fault returns "nothing
 * to do" and the task dies on its way out), and everything comes back:
 * the waiter count, and all the memory once the file is closed.
 */
static void sigkill_during_user_wait(void)
{
	long before;
	int round, fd;
	pid_t pid;

	for (round = 0; round < 2; round++) {	/* the first warms up */
		before = mem_free_kb();
		fd = open_slow();
		CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 1));
		pid = CHECK_SYS(fork());
		if (pid == 0) {
			unsigned char *s = map_slow(fd, 4 * PAGE, PROT_READ,
						    MAP_PRIVATE);

			(void)word(s, PAGE);
			_exit(5);
		}
		wait_for_waiters(fd, 1);
		CHECK_SYS(kill(pid, SIGKILL));
		CHECK_KILLED(pid, SIGKILL);
		CHECK_EQ(slow_ioctl(fd, SLOW_IOC_WAITERS, 0), 0);
		CHECK_EQ(slow_ioctl(fd, SLOW_IOC_PRODUCED, 0), 0);
		close(fd);
		if (round && mem_free_kb() != before)
			ktap_fail("MemFree %ld kB before, %ld kB after",
				  before, mem_free_kb());
	}
}

/*
 * A system call copying from a waiting page faults in kernel mode: a
 * non-fatal signal does not end that wait (the call completes once the
 * page is ready, then the handler runs), as Linux's killable waits.
 */
static void kernel_mode_wait_ignores_nonfatal_signals(void)
{
	int fd = open_slow(), p[2];
	unsigned char *s = map_slow(fd, PAGE, PROT_READ, MAP_SHARED);
	u64 got[2];
	struct sigaction sa;
	pid_t pid;

	handled = shared_flags();
	CHECK_SYS(pipe(p));
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 1));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		long n;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = count_signal;
		sigaction(SIGUSR1, &sa, NULL);
		handled[1] = 1;
		n = write(p[1], s + 64, 16);
		_exit(n == 16 && *handled == 1 ? 0 : 6);
	}
	close(p[1]);
	while (!handled[1])
		ktap_sleep_ms(1);
	wait_for_waiters(fd, 1);
	CHECK_SYS(kill(pid, SIGUSR1));
	ktap_sleep_ms(50);
	CHECK_EQ(*handled, 0);
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_WAITERS, 0), 1);
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 0));
	CHECK_EXITED(pid, 0);
	CHECK_EQ(read(p[0], got, sizeof(got)), 16);
	CHECK_EQ(got[0], SLOW_WORD(64));
	CHECK_EQ(got[1], SLOW_WORD(72));
	close(p[0]);
	close(fd);
}

/*
 * SIGKILL ends the kernel-mode wait: the fault is given up (generic_fault
 * answers KERN, the uaccess fixup makes the copy fail), the write moves
 * nothing, and the task dies on its way out.
 */
static void sigkill_during_kernel_mode_wait(void)
{
	int fd = open_slow(), p[2];
	unsigned char *s = map_slow(fd, PAGE, PROT_READ, MAP_SHARED);
	char c;
	pid_t pid;

	CHECK_SYS(pipe(p));
	CHECK_SYS(slow_ioctl(fd, SLOW_IOC_HOLD, 1));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		close(p[0]);
		(void)!write(p[1], s, 16);
		_exit(7);
	}
	close(p[1]);
	wait_for_waiters(fd, 1);
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_KILLED(pid, SIGKILL);
	CHECK_EQ(read(p[0], &c, 1), 0);		/* nothing was written */
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_WAITERS, 0), 0);
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_PRODUCED, 0), 0);
	close(p[0]);
	close(fd);
}

static sigjmp_buf bus_jb;
static volatile siginfo_t bus_info;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	bus_info = *si;
	siglongjmp(bus_jb, 1);
}

/* The device has SLOW_PAGES pages; past them there is no page. */
static void beyond_the_device_is_sigbus(void)
{
	int fd = open_slow();
	unsigned char *s = map_slow(fd, (SLOW_PAGES + 1) * PAGE, PROT_READ,
				    MAP_SHARED);
	unsigned char *volatile want = s + SLOW_PAGES * PAGE + 8;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGBUS, &sa, NULL));
	if (sigsetjmp(bus_jb, 1) == 0) {
		(void)word(want, 0);
		ktap_fail("no SIGBUS past the device's end");
	}
	CHECK_EQ(bus_info.si_code, BUS_ADRERR);
	CHECK(bus_info.si_addr == want);
	CHECK_EQ(slow_ioctl(fd, SLOW_IOC_PRODUCED, 0), 0);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(fault_waits_then_sees_data),
	KTAP_CASE(mmap_lock_free_while_a_fault_waits),
	KTAP_CASE(two_faults_wait_together),
	KTAP_CASE(signal_ends_user_wait_then_access_retries),
	KTAP_CASE(sigkill_during_user_wait),
	KTAP_CASE(kernel_mode_wait_ignores_nonfatal_signals),
	KTAP_CASE(sigkill_during_kernel_mode_wait),
	KTAP_CASE(beyond_the_device_is_sigbus),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("retry", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
