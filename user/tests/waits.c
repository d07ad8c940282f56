/*
 * waits: sleeping on several files and on time. poll, ppoll, select and
 * pselect6 on pipes (readable, writable, end of file, no reader, closed
 * fds, bad pointers, timeouts, signals and temporary masks), and the
 * timers: nanosleep, setitimer/getitimer/alarm with SIGALRM, one-shot and
 * periodic, not inherited by fork; futexes shared between processes
 * through a MAP_SHARED mapping; eventfd and timerfd, read and polled;
 * epoll, level- and edge-triggered, one-shot, nested, and files leaving
 * the set when closed; signalfd reading blocked signals; POSIX timers
 * with their siginfo and overruns. Every expected value is Linux's (the
 * suite passes when run natively on Linux x86_64). Timing checks have
 * lower bounds only: a slow machine may wake late, never early.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>
#include "ktap.h"

#define POLLIN		0x0001
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLWRNORM	0x0100

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1

struct pollfd {
	int fd;
	short events;
	short revents;
};

struct ktimeval {
	long sec, usec;
};

struct kitimerval {
	struct ktimeval interval, value;
};

static long sys_ppoll(struct pollfd *fds, unsigned long n,
		      struct timespec *ts, const sigset_t *mask)
{
	return syscall(__NR_ppoll, fds, n, ts, mask, sizeof(sigset_t));
}

/* poll(2) by its asm-generic form where there is no poll syscall. */
static long poll_ms(struct pollfd *fds, unsigned long n, int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	return sys_ppoll(fds, n, ms < 0 ? NULL : &ts, NULL);
}

/* pselect6's sixth argument. */
struct sigmask_arg {
	const sigset_t *mask;
	unsigned long size;
};

static long sys_pselect6(int n, unsigned long *in, unsigned long *out,
			 unsigned long *ex, struct timespec *ts,
			 const sigset_t *mask)
{
	struct sigmask_arg sig = { mask, sizeof(sigset_t) };

	return syscall(__NR_pselect6, n, in, out, ex, ts, mask ? &sig : NULL);
}

static long setitimer_(int which, const struct kitimerval *v,
		       struct kitimerval *old)
{
	return syscall(__NR_setitimer, which, v, old);
}

static long getitimer_(int which, struct kitimerval *v)
{
	return syscall(__NR_getitimer, which, v);
}

static volatile int signals_seen;

static void count_signal(int sig)
{
	(void)sig;
	signals_seen++;
}

static void on_signal(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

/* A pipe; with `bytes` bytes written into it. */
static void pipe_with(int p[2], int bytes)
{
	CHECK_SYS(pipe(p));
	while (bytes-- > 0)
		CHECK_EQ(write(p[1], "x", 1), 1);
}

/* A child that sleeps ms, writes one byte to fd and exits. */
static pid_t write_later(int fd, int ms)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		ktap_sleep_ms(ms);
		_exit(write(fd, "w", 1) == 1 ? 0 : 1);
	}
	return pid;
}

static void poll_pipe_readable(void)
{
	int p[2];
	struct pollfd f[2];

	pipe_with(p, 1);
	f[0] = (struct pollfd){ p[0], POLLIN, 0x7777 };
	f[1] = (struct pollfd){ p[1], POLLOUT, 0x7777 };
	CHECK_EQ(poll_ms(f, 2, 1000), 2);
	CHECK_EQ(f[0].revents, POLLIN);
	CHECK_EQ(f[1].revents, POLLOUT);
	/* Only what was asked for (and the always-reported bits). */
	f[0].events = POLLOUT;
	CHECK_EQ(poll_ms(f, 1, 0), 0);
	CHECK_EQ(f[0].revents, 0);
	f[0].events = POLLIN | POLLRDNORM;
	CHECK_EQ(poll_ms(f, 1, 0), 1);
	CHECK_EQ(f[0].revents, POLLIN | POLLRDNORM);
}

static void poll_empty_pipe_times_out(void)
{
	int p[2];
	struct pollfd f;
	long t0;

	pipe_with(p, 0);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	t0 = ktap_now_ms();
	CHECK_EQ(poll_ms(&f, 1, 100), 0);
	CHECK(ktap_now_ms() - t0 >= 90);
	CHECK_EQ(f.revents, 0);
}

static void poll_wakes_on_write(void)
{
	int p[2];
	struct pollfd f;
	pid_t pid;

	pipe_with(p, 0);
	pid = write_later(p[1], 200);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(poll_ms(&f, 1, -1), 1);
	CHECK_EQ(f.revents, POLLIN);
	CHECK_EXITED(pid, 0);
}

/* Many fds, one becomes ready: the wake-up reaches a waiter that is on
 * every pipe's queue at once. */
static void poll_many_pipes_one_ready(void)
{
	enum { N = 64 };
	int p[N][2], i, ready = 0;
	struct pollfd f[N];
	pid_t pid;

	for (i = 0; i < N; i++) {
		pipe_with(p[i], 0);
		f[i] = (struct pollfd){ p[i][0], POLLIN, 0 };
	}
	pid = write_later(p[N / 2][1], 200);
	CHECK_EQ(poll_ms(f, N, 10000), 1);
	for (i = 0; i < N; i++)
		if (f[i].revents)
			ready = i;
	CHECK_EQ(ready, N / 2);
	CHECK_EQ(f[N / 2].revents, POLLIN);
	CHECK_EXITED(pid, 0);
}

static void poll_hup_when_writer_gone(void)
{
	int p[2];
	struct pollfd f;

	pipe_with(p, 1);
	CHECK_SYS(close(p[1]));
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_EQ(f.revents, POLLIN | POLLHUP);
	/* POLLHUP comes even when not asked for. */
	f.events = 0;
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_EQ(f.revents, POLLHUP);
}

static void poll_err_when_reader_gone(void)
{
	int p[2];
	struct pollfd f;

	pipe_with(p, 0);
	CHECK_SYS(close(p[0]));
	f = (struct pollfd){ p[1], POLLOUT, 0 };
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_EQ(f.revents, POLLOUT | POLLERR);
}

/* A full pipe is not writable; reading makes it so. */
static void poll_full_pipe_not_writable(void)
{
	static char buf[65536];
	int p[2];
	struct pollfd f;

	pipe_with(p, 0);
	CHECK_EQ(write(p[1], buf, sizeof(buf)), (long)sizeof(buf));
	f = (struct pollfd){ p[1], POLLOUT, 0 };
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	CHECK_EQ(read(p[0], buf, 8192), 8192);
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_EQ(f.revents, POLLOUT);
}

static void poll_closed_and_negative_fds(void)
{
	int p[2];
	struct pollfd f[3];

	pipe_with(p, 0);
	CHECK_SYS(close(p[1]));
	CHECK_SYS(close(p[0]));
	f[0] = (struct pollfd){ p[0], POLLIN, 0 };
	f[1] = (struct pollfd){ -1, POLLIN, 0x55 };
	f[2] = (struct pollfd){ 1000, 0, 0 };
	CHECK_EQ(poll_ms(f, 3, 0), 2);
	CHECK_EQ(f[0].revents, POLLNVAL);
	CHECK_EQ(f[1].revents, 0);
	CHECK_EQ(f[2].revents, POLLNVAL);
	/* Nothing to wait for at all: just the timeout. */
	CHECK_EQ(poll_ms(NULL, 0, 50), 0);
}

static void poll_bad_input(void)
{
	int p[2];
	struct pollfd f;
	struct timespec bad = { 0, 1000000000L };

	pipe_with(p, 1);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_ERR(sys_ppoll((struct pollfd *)8, 1, NULL, NULL), EFAULT);
	CHECK_ERR(sys_ppoll(&f, 1, (struct timespec *)8, NULL), EFAULT);
	CHECK_ERR(sys_ppoll(&f, 1, &bad, NULL), EINVAL);
	bad.tv_sec = -1;
	bad.tv_nsec = 0;
	CHECK_ERR(sys_ppoll(&f, 1, &bad, NULL), EINVAL);
	CHECK_ERR(sys_ppoll(&f, 0x7fffffff, NULL, NULL), EINVAL);
	CHECK_ERR(syscall(__NR_ppoll, &f, 1, NULL, &bad, 4), EINVAL);
	CHECK_ERR(syscall(__NR_ppoll, &f, 1, NULL, (void *)8, 8), EFAULT);
	/* revents cannot be written back: the answer is lost, EFAULT. */
	CHECK_ERR(sys_ppoll((struct pollfd *)"\1\0\0\0\4\0\0", 1, NULL, NULL),
		  EFAULT);
}

/* A signal with a handler ends the wait with EINTR, SA_RESTART or not. */
static void poll_interrupted_by_signal(void)
{
	int p[2];
	struct pollfd f;
	struct kitimerval v = { { 0, 0 }, { 0, 100000 } };

	pipe_with(p, 0);
	on_signal(SIGALRM, count_signal, SA_RESTART);
	CHECK_SYS(setitimer_(ITIMER_REAL, &v, NULL));
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_ERR(poll_ms(&f, 1, -1), EINTR);
	CHECK_EQ(signals_seen, 1);
}

/* ppoll's mask is in force while it waits, and the old one afterwards:
 * a blocked pending signal is delivered inside ppoll. */
static void ppoll_temporary_mask(void)
{
	int p[2];
	struct pollfd f;
	sigset_t block, none, now;

	pipe_with(p, 0);
	on_signal(SIGUSR1, count_signal, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_EQ(signals_seen, 0);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_ERR(sys_ppoll(&f, 1, NULL, &none), EINTR);
	CHECK_EQ(signals_seen, 1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(sigismember(&now, SIGUSR1));
	/* Blocked by the temporary mask: the wait just times out. */
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &block, NULL));
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(!sigismember(&now, SIGUSR1));
	{
		struct timespec ts = { 0, 50000000L };
		pid_t pid = CHECK_SYS(fork());

		if (pid == 0) {
			ktap_sleep_ms(10);
			kill(getppid(), SIGUSR1);
			_exit(0);
		}
		/* Timing out proves it was blocked while ppoll waited;
		 * it is delivered on the way out, once the old mask is
		 * back. */
		CHECK_EQ(sys_ppoll(&f, 1, &ts, &block), 0);
		CHECK_EQ(signals_seen, 2);
		CHECK_EXITED(pid, 0);
	}
}

/* ppoll writes back what is left of its timeout. */
static void ppoll_updates_timeout(void)
{
	int p[2];
	struct pollfd f;
	struct timespec ts = { 0, 100000000L };

	pipe_with(p, 0);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(sys_ppoll(&f, 1, &ts, NULL), 0);
	CHECK_EQ(ts.tv_sec, 0);
	CHECK_EQ(ts.tv_nsec, 0);
	CHECK_SYS(write(p[1], "x", 1));
	ts = (struct timespec){ 10, 0 };
	CHECK_EQ(sys_ppoll(&f, 1, &ts, NULL), 1);
	CHECK(ts.tv_sec >= 8 && ts.tv_sec <= 10);
}

#define LONG_BITS (8 * sizeof(unsigned long))
#define SET(s, fd) ((s)[(fd) / LONG_BITS] |= 1UL << ((fd) % LONG_BITS))
#define ISSET(s, fd) (((s)[(fd) / LONG_BITS] >> ((fd) % LONG_BITS)) & 1)

static void pselect_pipe_sets(void)
{
	unsigned long in[2] = { 0, 0 }, out[2] = { 0, 0 }, ex[2] = { 0, 0 };
	struct timespec ts = { 0, 0 };
	int p[2], q[2];

	pipe_with(p, 1);
	pipe_with(q, 0);
	SET(in, p[0]);
	SET(in, q[0]);
	SET(out, p[1]);
	SET(ex, p[0]);
	/* p[0] readable, q[0] not, p[1] writable, no exceptions: 2 bits. */
	CHECK_EQ(sys_pselect6(q[1] + 1, in, out, ex, &ts, NULL), 2);
	CHECK(ISSET(in, p[0]));
	CHECK(!ISSET(in, q[0]));
	CHECK(ISSET(out, p[1]));
	CHECK_EQ(ex[0] | ex[1], 0);
	/* An fd in both sets counts twice. */
	memset(in, 0, sizeof(in));
	memset(out, 0, sizeof(out));
	SET(in, p[0]);
	SET(out, p[1]);
	SET(in, p[1]);
	CHECK_EQ(sys_pselect6(p[1] + 1, in, out, NULL, &ts, NULL), 2);
	CHECK(!ISSET(in, p[1]));
	/* Reader gone: the write end is "writable" (the write will fail
	 * with EPIPE) and is not reported readable. */
	CHECK_SYS(close(q[0]));
	memset(in, 0, sizeof(in));
	memset(out, 0, sizeof(out));
	SET(out, q[1]);
	CHECK_EQ(sys_pselect6(q[1] + 1, in, out, NULL, &ts, NULL), 1);
	CHECK(ISSET(out, q[1]));
	CHECK_EQ(in[0] | in[1], 0);
}

static void pselect_waits_and_times_out(void)
{
	unsigned long in[2];
	struct timespec ts = { 0, 100000000L };
	int p[2];
	long t0;
	pid_t pid;

	pipe_with(p, 0);
	memset(in, 0, sizeof(in));
	SET(in, p[0]);
	t0 = ktap_now_ms();
	CHECK_EQ(sys_pselect6(p[0] + 1, in, NULL, NULL, &ts, NULL), 0);
	CHECK(ktap_now_ms() - t0 >= 90);
	CHECK_EQ(in[0] | in[1], 0);
	CHECK_EQ(ts.tv_sec, 0);
	CHECK_EQ(ts.tv_nsec, 0);
	pid = write_later(p[1], 200);
	SET(in, p[0]);
	CHECK_EQ(sys_pselect6(p[0] + 1, in, NULL, NULL, NULL, NULL), 1);
	CHECK(ISSET(in, p[0]));
	CHECK_EXITED(pid, 0);
	/* No fds at all: a plain sleep. */
	ts = (struct timespec){ 0, 50000000L };
	CHECK_EQ(sys_pselect6(0, NULL, NULL, NULL, &ts, NULL), 0);
}

static void pselect_bad_input(void)
{
	unsigned long in[2] = { 0, 0 };
	struct timespec ts = { 0, 0 }, bad = { 0, -1 };
	int p[2];

	pipe_with(p, 0);
	SET(in, p[0]);
	CHECK_ERR(sys_pselect6(-1, in, NULL, NULL, &ts, NULL), EINVAL);
	CHECK_ERR(sys_pselect6(p[0] + 1, in, NULL, NULL, &bad, NULL), EINVAL);
	CHECK_ERR(sys_pselect6(p[0] + 1, (unsigned long *)8, NULL, NULL, &ts,
			       NULL), EFAULT);
	CHECK_SYS(close(p[0]));
	CHECK_ERR(sys_pselect6(p[0] + 1, in, NULL, NULL, &ts, NULL), EBADF);
	{
		struct sigmask_arg sig = { (sigset_t *)&ts, 3 };

		CHECK_ERR(syscall(__NR_pselect6, 0, NULL, NULL, NULL, &ts, &sig),
			  EINVAL);
	}
}

#ifdef __NR_select
/* x86_64's select(2): a timeval, written back with what is left. */
static void select_timeval(void)
{
	unsigned long in[2] = { 0, 0 };
	struct ktimeval tv = { 0, 100000 };
	int p[2];

	pipe_with(p, 0);
	SET(in, p[0]);
	CHECK_EQ(syscall(__NR_select, p[0] + 1, in, NULL, NULL, &tv), 0);
	CHECK_EQ(tv.sec, 0);
	CHECK_EQ(tv.usec, 0);
	/* Negative parts are refused; a usec of a second or more is not
	 * (Linux carries it into seconds). */
	tv.usec = -1;
	CHECK_ERR(syscall(__NR_select, p[0] + 1, in, NULL, NULL, &tv), EINVAL);
	tv = (struct ktimeval){ 0, 1000000 };
	SET(in, p[0]);
	CHECK_EQ(syscall(__NR_select, p[0] + 1, in, NULL, NULL, &tv), 0);
	CHECK_SYS(write(p[1], "x", 1));
	tv = (struct ktimeval){ 5, 0 };
	SET(in, p[0]);
	CHECK_EQ(syscall(__NR_select, p[0] + 1, in, NULL, NULL, &tv), 1);
	CHECK(tv.sec >= 3 && tv.sec <= 5);
}

static void poll_x86_syscall(void)
{
	int p[2];
	struct pollfd f;
	char c;

	pipe_with(p, 1);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(syscall(__NR_poll, &f, 1, -1), 1);
	CHECK_EQ(f.revents, POLLIN);
	CHECK_SYS(read(p[0], &c, 1));
	CHECK_EQ(syscall(__NR_poll, &f, 1, 30), 0);
}
#endif

static void nanosleep_lasts(void)
{
	struct timespec ts = { 0, 150000000L };
	long t0 = ktap_now_ms();

	CHECK_SYS(nanosleep(&ts, NULL));
	CHECK(ktap_now_ms() - t0 >= 145);
}

/* A one-shot ITIMER_REAL: SIGALRM once, then getitimer reads zero. */
static void itimer_real_once(void)
{
	struct kitimerval v = { { 0, 0 }, { 0, 150000 } }, now;
	sigset_t none;
	long t0 = ktap_now_ms();

	on_signal(SIGALRM, count_signal, 0);
	CHECK_SYS(setitimer_(ITIMER_REAL, &v, NULL));
	CHECK_SYS(getitimer_(ITIMER_REAL, &now));
	CHECK(now.value.sec == 0 && now.value.usec > 0 &&
	      now.value.usec <= 150000);
	CHECK_EQ(now.interval.sec | now.interval.usec, 0);
	sigemptyset(&none);
	CHECK_ERR(sigsuspend(&none), EINTR);
	CHECK_EQ(signals_seen, 1);
	CHECK(ktap_now_ms() - t0 >= 140);
	CHECK_SYS(getitimer_(ITIMER_REAL, &now));
	CHECK_EQ(now.value.sec | now.value.usec, 0);
	ktap_sleep_ms(300);
	CHECK_EQ(signals_seen, 1);
}

/* With an interval it fires again and again, until disarmed. */
static void itimer_real_periodic(void)
{
	struct kitimerval v = { { 0, 50000 }, { 0, 50000 } }, old;
	sigset_t none;

	on_signal(SIGALRM, count_signal, 0);
	CHECK_SYS(setitimer_(ITIMER_REAL, &v, NULL));
	sigemptyset(&none);
	while (signals_seen < 3)
		CHECK_ERR(sigsuspend(&none), EINTR);
	memset(&v, 0, sizeof(v));
	CHECK_SYS(setitimer_(ITIMER_REAL, &v, &old));
	CHECK_EQ(old.interval.sec, 0);
	CHECK_EQ(old.interval.usec, 50000);
	CHECK(old.value.sec == 0 && old.value.usec <= 50000);
	ktap_sleep_ms(200);
	CHECK_EQ(signals_seen, 3);
}

/* The default action of SIGALRM ends the process. */
static void itimer_default_kills(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		struct kitimerval v = { { 0, 0 }, { 0, 50000 } };

		setitimer_(ITIMER_REAL, &v, NULL);
		for (;;)
			ktap_sleep_ms(1000);
	}
	CHECK_KILLED(pid, SIGALRM);
}

static void itimer_not_inherited(void)
{
	struct kitimerval v = { { 1, 0 }, { 10, 0 } }, old;
	pid_t pid;

	CHECK_SYS(setitimer_(ITIMER_REAL, &v, NULL));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		struct kitimerval c;

		if (getitimer_(ITIMER_REAL, &c))
			_exit(2);
		_exit(c.value.sec || c.value.usec || c.interval.sec ? 1 : 0);
	}
	CHECK_EXITED(pid, 0);
	memset(&v, 0, sizeof(v));
	CHECK_SYS(setitimer_(ITIMER_REAL, &v, &old));
	CHECK(old.value.sec >= 8 && old.value.sec <= 10);
	CHECK_EQ(old.interval.sec, 1);
	CHECK_EQ(old.interval.usec, 0);
}

static void itimer_bad_input(void)
{
	struct kitimerval v = { { 0, 0 }, { 0, 1000000 } };

	CHECK_ERR(setitimer_(ITIMER_REAL, &v, NULL), EINVAL);
	v.value.usec = -1;
	CHECK_ERR(setitimer_(ITIMER_REAL, &v, NULL), EINVAL);
	v.value = (struct ktimeval){ -1, 0 };
	CHECK_ERR(setitimer_(ITIMER_REAL, &v, NULL), EINVAL);
	CHECK_ERR(setitimer_(7, &v, NULL), EINVAL);
	CHECK_ERR(getitimer_(-1, &v), EINVAL);
	CHECK_ERR(getitimer_(ITIMER_REAL, (struct kitimerval *)8), EFAULT);
	CHECK_ERR(setitimer_(ITIMER_REAL, (struct kitimerval *)8, NULL),
		  EFAULT);
	/* A NULL new value disarms (Linux) and still reports the old. */
	v = (struct kitimerval){ { 0, 0 }, { 5, 0 } };
	CHECK_SYS(setitimer_(ITIMER_REAL, &v, NULL));
	CHECK_SYS(setitimer_(ITIMER_REAL, NULL, &v));
	CHECK(v.value.sec >= 3 && v.value.sec <= 5);
	CHECK_SYS(getitimer_(ITIMER_REAL, &v));
	CHECK_EQ(v.value.sec | v.value.usec, 0);
}

#ifdef __NR_alarm
/* alarm(2) on x86_64: seconds left of the previous alarm, rounded. */
static void alarm_returns_what_is_left(void)
{
	CHECK_EQ(syscall(__NR_alarm, 10), 0);
	CHECK_EQ(syscall(__NR_alarm, 20), 10);
	CHECK_EQ(syscall(__NR_alarm, 0), 20);
	CHECK_EQ(syscall(__NR_alarm, 0), 0);
	on_signal(SIGALRM, count_signal, 0);
	CHECK_EQ(syscall(__NR_alarm, 1), 0);
	CHECK_ERR(syscall(__NR_pause), EINTR);
	CHECK_EQ(signals_seen, 1);
}

static void time_matches_gettimeofday(void)
{
	struct timespec ts;
	long t, stored = -1;

	t = syscall(__NR_time, &stored);
	CHECK_SYS(clock_gettime(CLOCK_REALTIME, &ts));
	CHECK_EQ(stored, t);
	CHECK(ts.tv_sec - t >= 0 && ts.tv_sec - t <= 1);
	CHECK_EQ(syscall(__NR_time, NULL) >= t, 1);
	CHECK_ERR(syscall(__NR_time, (long *)8), EFAULT);
}
#endif

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_PRIVATE_FLAG	128

static long futex_(volatile int *addr, int op, int val, struct timespec *ts)
{
	return syscall(__NR_futex, addr, op, val, ts, NULL, 0);
}

/*
 * A child that waits on the futex at addr (op: FUTEX_WAIT with or without
 * the private flag) for up to ms; exits 0 if woken, 1 on timeout, 2 else.
 */
static pid_t futex_waiter(volatile int *addr, int op, int ms)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
		long r = futex_(addr, op, 0, &ts);

		_exit(r == 0 ? 0 : errno == ETIMEDOUT ? 1 : 2);
	}
	return pid;
}

/* Wake addr until one waiter is woken (the child may not be asleep yet);
 * gives up after ms. Returns how many the last wake woke. */
static long wake_one(volatile int *addr, int op, int ms)
{
	long t0 = ktap_now_ms(), n;

	while ((n = futex_(addr, op, 1, NULL)) == 0 && ktap_now_ms() - t0 < ms)
		ktap_sleep_ms(10);
	return n;
}

/* A shared futex in MAP_SHARED memory is one futex for every process
 * mapping it: the parent's wake reaches the child's wait. */
static void futex_shared_between_processes(void)
{
	volatile int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(w != MAP_FAILED);
	*w = 0;
	pid = futex_waiter(w, FUTEX_WAIT, 10000);
	CHECK_EQ(wake_one(w, FUTEX_WAKE, 5000), 1);
	CHECK_EXITED(pid, 0);
}

/* The key is the object and offset, not the address: two mappings of one
 * file at different addresses meet at the same futex. */
static void futex_shared_file_two_addresses(void)
{
	char path[64];
	volatile int *a, *b;
	int fd;
	pid_t pid;

	mkdir("/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/waits.%d", getpid());
	fd = CHECK_SYS(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
	CHECK_SYS(ftruncate(fd, 8192));
	unlink(path);
	a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);
	CHECK(a != MAP_FAILED && b != MAP_FAILED);
	a[1024] = 0;
	pid = futex_waiter(b, FUTEX_WAIT, 10000);
	CHECK_EQ(wake_one(&a[1024], FUTEX_WAKE, 5000), 1);
	CHECK_EXITED(pid, 0);
	/* Another word of the same page is another futex. */
	pid = futex_waiter(b, FUTEX_WAIT, 300);
	ktap_sleep_ms(50);
	CHECK_EQ(futex_(&a[1025], FUTEX_WAKE, 1, NULL), 0);
	CHECK_EXITED(pid, 1);
}

/* FUTEX_PRIVATE_FLAG keys by address space: another process's private
 * futex on the same shared page is not the same futex. */
static void futex_private_stays_in_process(void)
{
	volatile int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(w != MAP_FAILED);
	*w = 0;
	pid = futex_waiter(w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 300);
	ktap_sleep_ms(50);
	CHECK_EQ(futex_(w, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL), 0);
	CHECK_EXITED(pid, 1);
}

/* A shared futex must be mapped and readable; a private one's address is
 * not looked at by FUTEX_WAKE (Linux). */
static void futex_bad_addresses(void)
{
	char *p = mmap(NULL, 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	int word = 0;

	CHECK(p != MAP_FAILED);
	CHECK_SYS(munmap(p + 4096, 4096));
	CHECK_ERR(futex_((int *)(p + 4096), FUTEX_WAKE, 1, NULL), EFAULT);
	CHECK_ERR(futex_((int *)p, FUTEX_WAKE, 1, NULL), EFAULT);
	CHECK_EQ(futex_((int *)(p + 4096), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1,
			NULL), 0);
	CHECK_ERR(futex_((int *)(p + 4096), FUTEX_WAIT | FUTEX_PRIVATE_FLAG,
			 0, NULL), EFAULT);
	CHECK_ERR(futex_((int *)((char *)&word + 1), FUTEX_WAKE, 1, NULL),
		  EINVAL);
	CHECK_ERR(syscall(__NR_futex, &word, FUTEX_CMP_REQUEUE, 1, 1,
			  (int *)(p + 4096), 0), EFAULT);
	CHECK_ERR(syscall(__NR_futex, &word, FUTEX_CMP_REQUEUE, 1, 1, &word,
			  1), EAGAIN);
}

#define EFD_SEMAPHORE	1
#define EFD_NONBLOCK	O_NONBLOCK
#define TFD_TIMER_ABSTIME 1

static unsigned long long read8(int fd)
{
	unsigned long long v = 0;

	CHECK_EQ(read(fd, &v, 8), 8);
	return v;
}

static void write8(int fd, unsigned long long v)
{
	CHECK_EQ(write(fd, &v, 8), 8);
}

static void eventfd_counts(void)
{
	int fd = CHECK_SYS(syscall(__NR_eventfd2, 3, EFD_NONBLOCK));
	struct pollfd f = { fd, POLLIN | POLLOUT, 0 };
	unsigned long long v = ~0ULL;
	char small[4];

	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_EQ(f.revents, POLLIN | POLLOUT);
	write8(fd, 4);
	CHECK_EQ(read8(fd), 7);
	CHECK_ERR(read(fd, &v, 8), EAGAIN);
	f.events = POLLIN;
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	CHECK_ERR(read(fd, small, 4), EINVAL);
	CHECK_ERR(write(fd, small, 4), EINVAL);
	CHECK_ERR(write(fd, &v, 8), EINVAL);		/* 2^64 - 1 */
	write8(fd, ~0ULL - 1);				/* the most it holds */
	CHECK_ERR(write(fd, "\1\0\0\0\0\0\0\0", 8), EAGAIN);
	f.events = POLLOUT;
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	CHECK_ERR(read(fd, (void *)8, 8), EFAULT);
	CHECK_ERR(syscall(__NR_eventfd2, 0, 0x10), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);	/* Linux: a no-op */
	{
		char path[32], link[64];
		long n;

		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = syscall(__NR_readlinkat, AT_FDCWD, path, link,
			    sizeof(link) - 1);
		CHECK(n > 0);
		link[n > 0 ? n : 0] = 0;
		CHECK(!strcmp(link, "anon_inode:[eventfd]"));
	}
}

/* EFD_SEMAPHORE: each read takes one; a blocked reader wakes on write. */
static void eventfd_semaphore_wakes(void)
{
	int fd = CHECK_SYS(syscall(__NR_eventfd2, 2, EFD_SEMAPHORE));
	pid_t pid;

	CHECK_EQ(read8(fd), 1);
	CHECK_EQ(read8(fd), 1);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(100);
		write8(fd, 5);
		_exit(0);
	}
	CHECK_EQ(read8(fd), 1);		/* waited for the child's write */
	CHECK_EXITED(pid, 0);
	CHECK_EQ(read8(fd), 1);
}

static void timerfd_one_shot_and_interval(void)
{
	int fd = CHECK_SYS(syscall(__NR_timerfd_create, CLOCK_MONOTONIC, 0));
	struct { struct timespec interval, value; } v, cur;
	struct pollfd f = { fd, POLLIN, 0 };
	unsigned long long n;
	long t0 = ktap_now_ms();

	memset(&v, 0, sizeof(v));
	v.value.tv_nsec = 100000000L;
	CHECK_SYS(syscall(__NR_timerfd_settime, fd, 0, &v, NULL));
	CHECK_SYS(syscall(__NR_timerfd_gettime, fd, &cur));
	CHECK(cur.value.tv_sec == 0 && cur.value.tv_nsec > 0 &&
	      cur.value.tv_nsec <= 100000000L);
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	CHECK_EQ(read8(fd), 1);			/* waits for the expiry */
	CHECK(ktap_now_ms() - t0 >= 95);
	CHECK_SYS(syscall(__NR_timerfd_gettime, fd, &cur));
	CHECK_EQ(cur.value.tv_sec | cur.value.tv_nsec, 0);
	/* Every 50 ms: after 300 ms, several expiries in one read. */
	v.interval.tv_nsec = 50000000L;
	v.value.tv_nsec = 50000000L;
	CHECK_SYS(syscall(__NR_timerfd_settime, fd, 0, &v, NULL));
	ktap_sleep_ms(300);
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	n = read8(fd);
	CHECK(n >= 4);
	memset(&v, 0, sizeof(v));
	CHECK_SYS(syscall(__NR_timerfd_settime, fd, 0, &v, &cur));
	CHECK_EQ(cur.interval.tv_nsec, 50000000L);
	CHECK_SYS(fcntl(fd, F_SETFL, O_NONBLOCK));
	ktap_sleep_ms(100);
	CHECK_ERR(read(fd, &n, 8), EAGAIN);
}

/* An absolute deadline already past fires at once. */
static void timerfd_absolute_and_bad_input(void)
{
	int fd = CHECK_SYS(syscall(__NR_timerfd_create, CLOCK_MONOTONIC, 0));
	struct { struct timespec interval, value; } v;
	int p[2];

	memset(&v, 0, sizeof(v));
	CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &v.value));
	CHECK_SYS(syscall(__NR_timerfd_settime, fd, TFD_TIMER_ABSTIME, &v,
			  NULL));
	CHECK_EQ(read8(fd), 1);
	CHECK_ERR(syscall(__NR_timerfd_create, 42, 0), EINVAL);
	CHECK_ERR(syscall(__NR_timerfd_create, CLOCK_MONOTONIC, 0x10), EINVAL);
	CHECK_ERR(syscall(__NR_timerfd_settime, fd, 4, &v, NULL), EINVAL);
	/* CANCEL_ON_SET only matters for real-time clocks; others take it. */
	CHECK_SYS(syscall(__NR_timerfd_settime, fd, 2 | TFD_TIMER_ABSTIME, &v,
			  NULL));
	v.value.tv_nsec = 1000000000L;
	CHECK_ERR(syscall(__NR_timerfd_settime, fd, 0, &v, NULL), EINVAL);
	CHECK_ERR(syscall(__NR_timerfd_settime, fd, 0, (void *)8, NULL),
		  EFAULT);
	CHECK_ERR(syscall(__NR_timerfd_gettime, fd, (void *)8), EFAULT);
	CHECK_SYS(pipe(p));
	CHECK_ERR(syscall(__NR_timerfd_gettime, p[0], &v), EINVAL);
	CHECK_ERR(syscall(__NR_timerfd_gettime, 999, &v), EBADF);
	CHECK_ERR(read(fd, p, 4), EINVAL);
}

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3
#define EPOLLIN		0x001
#define EPOLLOUT	0x004
#define EPOLLERR	0x008
#define EPOLLHUP	0x010
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)

struct epoll_event {
	unsigned int events;
	unsigned long long data;
}
#ifdef __x86_64__
__attribute__((packed))
#endif
;

static int epoll_new(void)
{
	return (int)CHECK_SYS(syscall(__NR_epoll_create1, 0));
}

static long epoll_add(int ep, int op, int fd, unsigned int events,
		      unsigned long long data)
{
	struct epoll_event ev = { events, data };

	return syscall(__NR_epoll_ctl, ep, op, fd, &ev);
}

static long epoll_wait_ms(int ep, struct epoll_event *ev, int max, int ms)
{
	return syscall(__NR_epoll_pwait, ep, ev, max, ms, NULL, 8);
}

static void epoll_level_triggered(void)
{
	int ep = epoll_new(), p[2], q[2];
	struct epoll_event ev[4];
	pid_t pid;
	long t0;

	pipe_with(p, 0);
	pipe_with(q, 0);
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 100));
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, q[0], EPOLLIN, 200));
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, 0), 0);
	t0 = ktap_now_ms();
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, 100), 0);
	CHECK(ktap_now_ms() - t0 >= 90);
	pid = write_later(q[1], 100);
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, -1), 1);
	CHECK_EQ(ev[0].events, EPOLLIN);
	CHECK_EQ(ev[0].data, 200);
	CHECK_EXITED(pid, 0);
	/* Still ready: reported again, until read. */
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, 0), 1);
	CHECK_EQ(read(q[0], ev, 1), 1);
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, 0), 0);
	/* Both ready, room for one: one per call. */
	CHECK_EQ(write(p[1], "a", 1), 1);
	CHECK_EQ(write(q[1], "b", 1), 1);
	CHECK_EQ(epoll_wait_ms(ep, ev, 1, 0), 1);
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, 0), 2);
	/* Writer gone: EPOLLHUP without asking. */
	CHECK_SYS(close(p[1]));
	CHECK_EQ(read(p[0], ev, 1), 1);
	CHECK_EQ(epoll_wait_ms(ep, ev, 4, 0), 2);
	CHECK(ev[0].events == EPOLLHUP || ev[1].events == EPOLLHUP);
}

static void epoll_edge_triggered_and_oneshot(void)
{
	int ep = epoll_new(), p[2], q[2];
	struct epoll_event ev[2];

	pipe_with(p, 1);
	pipe_with(q, 1);
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLET, 1));
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, q[0], EPOLLIN | EPOLLONESHOT,
			    2));
	/* Ready when added: both reported once. */
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 2);
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 0);
	/* New data: the edge-triggered one again, the one-shot not. */
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(write(q[1], "x", 1), 1);
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 1);
	CHECK_EQ(ev[0].data, 1);
	/* EPOLL_CTL_MOD re-arms the one-shot. */
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_MOD, q[0], EPOLLIN | EPOLLONESHOT,
			    3));
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 1);
	CHECK_EQ(ev[0].data, 3);
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 0);
}

/* A closed file leaves the set; a dup keeps it in. */
static void epoll_close_removes(void)
{
	int ep = epoll_new(), p[2], d;
	struct epoll_event ev[2];

	pipe_with(p, 1);
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 7));
	d = CHECK_SYS(dup(p[0]));
	CHECK_SYS(close(p[0]));
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 1);	/* d keeps it open */
	CHECK_SYS(close(d));
	CHECK_EQ(epoll_wait_ms(ep, ev, 2, 0), 0);
	/* Its writer sees no reader: the file really was released. */
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
}

static void epoll_nested_and_polled(void)
{
	int outer = epoll_new(), inner = epoll_new(), p[2];
	struct epoll_event ev[2];
	struct pollfd f = { inner, POLLIN, 0 };

	pipe_with(p, 0);
	CHECK_SYS(epoll_add(inner, EPOLL_CTL_ADD, p[0], EPOLLIN, 1));
	CHECK_SYS(epoll_add(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 2));
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	CHECK_EQ(epoll_wait_ms(outer, ev, 2, 0), 0);
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_EQ(epoll_wait_ms(outer, ev, 2, 1000), 1);
	CHECK_EQ(ev[0].data, 2);
	CHECK_ERR(epoll_add(inner, EPOLL_CTL_ADD, outer, EPOLLIN, 3), ELOOP);
	CHECK_ERR(epoll_add(inner, EPOLL_CTL_ADD, inner, EPOLLIN, 3), EINVAL);
}

/* Chains of epoll instances: five deep at most, built either way, and a
 * file's readiness reaches the top of the longest. */
static void epoll_chain_limit(void)
{
	int e[6], f[6], i, p[2];
	struct epoll_event ev[1];

	for (i = 0; i < 6; i++) {
		e[i] = epoll_new();
		f[i] = epoll_new();
	}
	for (i = 0; i < 4; i++)
		CHECK_SYS(epoll_add(e[i], EPOLL_CTL_ADD, e[i + 1], EPOLLIN, 0));
	CHECK_ERR(epoll_add(e[4], EPOLL_CTL_ADD, e[5], EPOLLIN, 0), ELOOP);
	for (i = 4; i > 0; i--)
		CHECK_SYS(epoll_add(f[i], EPOLL_CTL_ADD, f[i + 1], EPOLLIN, 0));
	CHECK_ERR(epoll_add(f[0], EPOLL_CTL_ADD, f[1], EPOLLIN, 0), ELOOP);
	pipe_with(p, 0);
	CHECK_SYS(epoll_add(e[4], EPOLL_CTL_ADD, p[0], EPOLLIN, 9));
	CHECK_EQ(epoll_wait_ms(e[0], ev, 1, 0), 0);
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(epoll_wait_ms(e[0], ev, 1, 1000), 1);
}

static void epoll_bad_input(void)
{
	int ep = epoll_new(), p[2], fd;
	struct epoll_event ev[1];
	char path[64];

	pipe_with(p, 0);
	CHECK_ERR(syscall(__NR_epoll_create1, 1), EINVAL);
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0));
	CHECK_ERR(epoll_add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EEXIST);
	CHECK_ERR(epoll_add(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 0), ENOENT);
	CHECK_ERR(epoll_add(ep, EPOLL_CTL_DEL, p[1], 0, 0), ENOENT);
	CHECK_ERR(epoll_add(ep, 9, p[0], 0, 0), EINVAL);
	CHECK_ERR(epoll_add(ep, EPOLL_CTL_ADD, 999, EPOLLIN, 0), EBADF);
	CHECK_ERR(epoll_add(999, EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EBADF);
	CHECK_ERR(epoll_add(p[1], EPOLL_CTL_ADD, p[0], EPOLLIN, 0), EINVAL);
	CHECK_ERR(syscall(__NR_epoll_ctl, ep, EPOLL_CTL_MOD, p[0], (void *)8),
		  EFAULT);
	CHECK_SYS(syscall(__NR_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], NULL));
	/* A regular file is always ready: epoll refuses it. */
	mkdir("/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/waits-ep.%d", getpid());
	fd = CHECK_SYS(open(path, O_RDWR | O_CREAT, 0600));
	unlink(path);
	CHECK_ERR(epoll_add(ep, EPOLL_CTL_ADD, fd, EPOLLIN, 0), EPERM);
	CHECK_ERR(epoll_wait_ms(ep, ev, 0, 0), EINVAL);
	CHECK_ERR(epoll_wait_ms(p[0], ev, 1, 0), EINVAL);
	CHECK_ERR(epoll_wait_ms(999, ev, 1, 0), EBADF);
	/* Only a range outside user space is refused up front. */
	CHECK_ERR(epoll_wait_ms(ep, (void *)-4096L, 1, 0), EFAULT);
	CHECK_EQ(epoll_wait_ms(ep, (void *)8, 1, 0), 0);
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 0));
	CHECK_ERR(epoll_wait_ms(ep, (void *)8, 1, 0), EFAULT);
	CHECK_ERR(syscall(__NR_epoll_pwait, ep, ev, 1, 0, &ev, 4), EINVAL);
}

struct ksignalfd_siginfo {
	unsigned int signo;
	int errno_, code;
	unsigned int pid, uid;
	int fd;
	unsigned int tid, band, overrun, trapno;
	int status, int_;
	unsigned long long ptr, utime, stime, addr;
	unsigned short addr_lsb;
	unsigned char pad[46];
};

/* Blocked signals wait for the signalfd, which reads them with who sent
 * them; poll and epoll see it readable while one is pending. */
static void signalfd_reads_blocked_signals(void)
{
	struct ksignalfd_siginfo si[2];
	sigset_t set, pend;
	struct pollfd f;
	int fd, ep;
	struct epoll_event ev[1];
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &set, NULL));
	fd = (int)CHECK_SYS(syscall(__NR_signalfd4, -1, &set, 8, O_NONBLOCK));
	f = (struct pollfd){ fd, POLLIN, 0 };
	CHECK_EQ(poll_ms(&f, 1, 0), 0);
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_SYS(kill(getpid(), SIGUSR2));
	CHECK_EQ(poll_ms(&f, 1, 0), 1);
	CHECK_ERR(read(fd, si, 64), EINVAL);
	/* Both in one read, lowest number first. */
	CHECK_EQ(read(fd, si, sizeof(si)), 2 * 128);
	CHECK_EQ(si[0].signo, SIGUSR1);
	CHECK_EQ(si[1].signo, SIGUSR2);
	CHECK_EQ(si[0].code, SI_USER);
	CHECK_EQ(si[0].pid, getpid());
	CHECK_SYS(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR1));
	/* A blocking read waits for a signal from another process. */
	CHECK_SYS(fcntl(fd, F_SETFL, 0));
	ep = epoll_new();
	CHECK_SYS(epoll_add(ep, EPOLL_CTL_ADD, fd, EPOLLIN, 5));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(100);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	CHECK_EQ(epoll_wait_ms(ep, ev, 1, 5000), 1);
	CHECK_EQ(read(fd, si, sizeof(si)), 128);
	CHECK_EQ(si[0].signo, SIGUSR2);
	CHECK_EQ(si[0].pid, pid);
	CHECK_EXITED(pid, 0);
	/* A new mask for the same descriptor; bad input. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(syscall(__NR_signalfd4, fd, &set, 8, 0), fd);
	CHECK_ERR(syscall(__NR_signalfd4, -1, &set, 4, 0), EINVAL);
	CHECK_ERR(syscall(__NR_signalfd4, -1, &set, 8, 0x10), EINVAL);
	CHECK_ERR(syscall(__NR_signalfd4, -1, (void *)8, 8, 0), EFAULT);
	CHECK_ERR(syscall(__NR_signalfd4, ep, &set, 8, 0), EINVAL);
	CHECK_ERR(syscall(__NR_signalfd4, 999, &set, 8, 0), EBADF);
}

/* The CPU-time clocks count CPU time: they grow while spinning (spin
 * until they have), hardly while asleep. */
static void cpu_time_clocks(void)
{
	struct timespec a, b, t0;
	volatile unsigned long n = 0;
	long ms;
	int i;

	CHECK_SYS(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0));
	CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &a));
	do {
		for (i = 0; i < 1000000; i++)
			n++;
		CHECK_SYS(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b));
		CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &a));
	} while (b.tv_sec == 0 && b.tv_nsec < 50000000L && a.tv_sec < 1000000);
	CHECK(b.tv_sec > 0 || b.tv_nsec >= 50000000L);
	CHECK_SYS(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
	ktap_sleep_ms(300);
	CHECK_SYS(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b));
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	CHECK(ms >= 0 && ms < 200);
	/* Refused: EINVAL on Linux 6.1, EOPNOTSUPP on newer ones. */
	errno = 0;
	CHECK_EQ(syscall(__NR_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0,
			 &(struct timespec){ 0, 1000 }, NULL), -1);
	CHECK(errno == EINVAL || errno == EOPNOTSUPP);
}

struct ksigevent {
	unsigned long value;
	int signo, notify, tid;
	int pad[11];
};

static volatile int timer_sig_count, timer_sig_code, timer_sig_id;
static volatile unsigned long timer_sig_value;

static void timer_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	timer_sig_count++;
	timer_sig_code = si->si_code;
	/* si_timerid, si_overrun, si_value sit at bytes 16, 20, 24. */
	timer_sig_id = *(int *)((char *)si + 16);
	timer_sig_value = *(unsigned long *)((char *)si + 24);
}

/* A POSIX timer sends its signal with SI_TIMER, its id and sigev_value;
 * periodic, read back, deleted; SIGEV_NONE only counts down. */
static void posix_timers(void)
{
	struct ksigevent ev = { 0x1234, SIGUSR1, 0, 0, { 0 } };
	struct { struct timespec interval, value; } v, cur;
	struct sigaction sa;
	sigset_t none;
	int id, quiet;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = timer_handler;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	CHECK_SYS(syscall(__NR_timer_create, CLOCK_MONOTONIC, &ev, &id));
	memset(&v, 0, sizeof(v));
	v.value.tv_nsec = 100000000L;
	CHECK_SYS(syscall(__NR_timer_settime, id, 0, &v, NULL));
	CHECK_SYS(syscall(__NR_timer_gettime, id, &cur));
	CHECK(cur.value.tv_sec == 0 && cur.value.tv_nsec > 0);
	sigemptyset(&none);
	while (!timer_sig_count)
		CHECK_ERR(sigsuspend(&none), EINTR);
	CHECK_EQ(timer_sig_code, SI_TIMER);
	CHECK_EQ(timer_sig_id, id);
	CHECK_EQ(timer_sig_value, 0x1234);
	CHECK_EQ(syscall(__NR_timer_getoverrun, id), 0);
	/* Periodic: several signals, then deleted: no more. */
	v.interval.tv_nsec = 30000000L;
	v.value.tv_nsec = 30000000L;
	CHECK_SYS(syscall(__NR_timer_settime, id, 0, &v, NULL));
	while (timer_sig_count < 4)
		CHECK_ERR(sigsuspend(&none), EINTR);
	CHECK_SYS(syscall(__NR_timer_delete, id));
	quiet = timer_sig_count;
	ktap_sleep_ms(150);
	CHECK_EQ(timer_sig_count, quiet);
	CHECK_ERR(syscall(__NR_timer_delete, id), EINVAL);
	CHECK_ERR(syscall(__NR_timer_gettime, id, &cur), EINVAL);
	/* SIGEV_NONE: nothing is sent; the time left still counts down. */
	ev.notify = 1;
	CHECK_SYS(syscall(__NR_timer_create, CLOCK_REALTIME, &ev, &id));
	v.interval.tv_nsec = 0;
	v.value.tv_sec = 5;
	v.value.tv_nsec = 0;
	CHECK_SYS(syscall(__NR_timer_settime, id, 0, &v, NULL));
	CHECK_SYS(syscall(__NR_timer_gettime, id, &cur));
	CHECK(cur.value.tv_sec >= 3 && cur.value.tv_sec <= 5);
	/* Bad input. */
	ev.notify = 77;
	CHECK_ERR(syscall(__NR_timer_create, CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.notify = 0;
	ev.signo = 999;
	CHECK_ERR(syscall(__NR_timer_create, CLOCK_MONOTONIC, &ev, &id), EINVAL);
	CHECK_ERR(syscall(__NR_timer_create, 42, NULL, &id), EINVAL);
	CHECK_ERR(syscall(__NR_timer_create, CLOCK_MONOTONIC, (void *)8, &id),
		  EFAULT);
	v.value.tv_nsec = -1;
	CHECK_ERR(syscall(__NR_timer_settime, id, 0, &v, NULL), EINVAL);
	CHECK_ERR(syscall(__NR_timer_settime, 4242, 0, &v, NULL), EINVAL);
}

/* Without a sigevent: SIGALRM, whose default action ends the process. */
static void posix_timer_default_sigalrm(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		struct { struct timespec interval, value; } v =
			{ { 0, 0 }, { 0, 50000000L } };
		int id;

		if (syscall(__NR_timer_create, CLOCK_MONOTONIC, NULL, &id) ||
		    syscall(__NR_timer_settime, id, 0, &v, NULL))
			_exit(1);
		for (;;)
			ktap_sleep_ms(1000);
	}
	CHECK_KILLED(pid, SIGALRM);
}

#define ITIMER_PROF	2

static volatile int vtalrm_seen, prof_seen;

static void cpu_timer_handler(int sig)
{
	if (sig == SIGVTALRM)
		vtalrm_seen++;
	else
		prof_seen++;
}

/* ITIMER_VIRTUAL and ITIMER_PROF count CPU time: spinning runs them out
 * (spin until they do); sleeping does not. */
static void itimer_cpu_time(void)
{
	struct kitimerval v = { { 0, 0 }, { 0, 50000 } }, cur;
	volatile unsigned long n = 0;
	long t0;

	on_signal(SIGVTALRM, cpu_timer_handler, 0);
	on_signal(SIGPROF, cpu_timer_handler, 0);
	CHECK_SYS(setitimer_(ITIMER_VIRTUAL, &v, NULL));
	v.interval.usec = 50000;
	CHECK_SYS(setitimer_(ITIMER_PROF, &v, NULL));
	CHECK_SYS(getitimer_(ITIMER_PROF, &cur));
	/* Counted in ticks: Linux rounds up by up to one (54000 at 250 Hz). */
	CHECK(cur.value.sec == 0 && cur.value.usec > 0 &&
	      cur.value.usec <= 70000);
	CHECK_EQ(cur.interval.usec, 50000);
	/* Asleep: no CPU time passes, nothing fires. */
	ktap_sleep_ms(300);
	CHECK_EQ(vtalrm_seen, 0);
	CHECK_EQ(prof_seen, 0);
	t0 = ktap_now_ms();
	while ((!vtalrm_seen || prof_seen < 2) && ktap_now_ms() - t0 < 20000)
		n++;
	CHECK_EQ(vtalrm_seen, 1);		/* one-shot */
	CHECK(prof_seen >= 2);			/* periodic */
	memset(&v, 0, sizeof(v));
	CHECK_SYS(setitimer_(ITIMER_PROF, &v, &cur));
	CHECK_EQ(cur.interval.usec, 50000);
	CHECK_SYS(getitimer_(ITIMER_VIRTUAL, &cur));
	CHECK_EQ(cur.value.sec | cur.value.usec, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(poll_pipe_readable),
	KTAP_CASE(poll_empty_pipe_times_out),
	KTAP_CASE(poll_wakes_on_write),
	KTAP_CASE(poll_many_pipes_one_ready),
	KTAP_CASE(poll_hup_when_writer_gone),
	KTAP_CASE(poll_err_when_reader_gone),
	KTAP_CASE(poll_full_pipe_not_writable),
	KTAP_CASE(poll_closed_and_negative_fds),
	KTAP_CASE(poll_bad_input),
	KTAP_CASE(poll_interrupted_by_signal),
	KTAP_CASE(ppoll_temporary_mask),
	KTAP_CASE(ppoll_updates_timeout),
	KTAP_CASE(pselect_pipe_sets),
	KTAP_CASE(pselect_waits_and_times_out),
	KTAP_CASE(pselect_bad_input),
#ifdef __NR_select
	KTAP_CASE(select_timeval),
	KTAP_CASE(poll_x86_syscall),
#endif
	KTAP_CASE(nanosleep_lasts),
	KTAP_CASE(cpu_time_clocks),
	KTAP_CASE(itimer_real_once),
	KTAP_CASE(itimer_real_periodic),
	KTAP_CASE(itimer_default_kills),
	KTAP_CASE(itimer_not_inherited),
	KTAP_CASE(itimer_bad_input),
	KTAP_CASE(itimer_cpu_time),
	KTAP_CASE(futex_shared_between_processes),
	KTAP_CASE(futex_shared_file_two_addresses),
	KTAP_CASE(futex_private_stays_in_process),
	KTAP_CASE(futex_bad_addresses),
	KTAP_CASE(eventfd_counts),
	KTAP_CASE(eventfd_semaphore_wakes),
	KTAP_CASE(timerfd_one_shot_and_interval),
	KTAP_CASE(timerfd_absolute_and_bad_input),
	KTAP_CASE(epoll_level_triggered),
	KTAP_CASE(epoll_edge_triggered_and_oneshot),
	KTAP_CASE(epoll_close_removes),
	KTAP_CASE(epoll_nested_and_polled),
	KTAP_CASE(epoll_chain_limit),
	KTAP_CASE(signalfd_reads_blocked_signals),
	KTAP_CASE(posix_timers),
	KTAP_CASE(posix_timer_default_sigalrm),
	KTAP_CASE(epoll_bad_input),
#ifdef __NR_alarm
	KTAP_CASE(alarm_returns_what_is_left),
	KTAP_CASE(time_matches_gettimeofday),
#endif
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("waits", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
