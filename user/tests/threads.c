/*
 * threads: pthread create/join, a futex mutex under contention, futex
 * wait/wake/timeouts, CLONE_CHILD_CLEARTID, tids, shared memory, and which
 * exits end one thread or the whole process.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include "ktap.h"

#ifndef FUTEX_WAIT
#define FUTEX_WAIT	0
#define FUTEX_WAKE	1
#endif

static long futex_wait(int *addr, int val, const struct timespec *ts)
{
	return syscall(__NR_futex, addr, FUTEX_WAIT, val, ts, NULL, 0);
}

static long futex_wake(int *addr, int n)
{
	return syscall(__NR_futex, addr, FUTEX_WAKE, n, NULL, NULL, 0);
}

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* Wait (yielding) until *p == v, at most 5 s. */
static int spin_until(int *p, int v)
{
	long deadline = ktap_now_ms() + 5000;

	while (load(p) != v) {
		if (ktap_now_ms() > deadline)
			return -1;
		sched_yield();
	}
	return 0;
}

static void *times3(void *arg)
{
	return (void *)((long)arg * 3 + 1);
}

static void create_join_8_threads(void)
{
	pthread_t t[8];
	void *ret;
	long i;

	for (i = 0; i < 8; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, times3, (void *)i), 0);
	for (i = 0; i < 8; i++) {
		CHECK_EQ(pthread_join(t[i], &ret), 0);
		CHECK_EQ((long)ret, i * 3 + 1);
	}
}

/* Threads come and go: a hundred in turn (their stacks and tasks are
 * given back, or this runs out). */
static void create_join_100_in_turn(void)
{
	pthread_t t;
	void *ret;
	long i;

	for (i = 0; i < 100; i++) {
		CHECK_EQ(pthread_create(&t, NULL, times3, (void *)i), 0);
		CHECK_EQ(pthread_join(t, &ret), 0);
		CHECK_EQ((long)ret, i * 3 + 1);
	}
}

/*
 * A mutex on futex(2): 0 free, 1 locked, 2 locked with waiters. The
 * critical section yields now and then, so on one CPU the other threads
 * find the lock taken and sleep in FUTEX_WAIT.
 */
static int fmutex, counter, contended;

static void flock(int *m)
{
	int c = 0;

	if (__atomic_compare_exchange_n(m, &c, 1, 0, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return;
	__atomic_add_fetch(&contended, 1, __ATOMIC_RELAXED);
	if (c != 2)
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		futex_wait(m, 2, NULL);
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	}
}

static void funlock(int *m)
{
	if (__atomic_fetch_sub(m, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(m, 0, __ATOMIC_RELEASE);
		futex_wake(m, 1);
	}
}

#define ROUNDS 3000

static void *futex_adder(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		flock(&fmutex);
		v = *(volatile int *)&counter;
		if (i % 32 == 0)
			sched_yield();	/* unlocked, updates get lost */
		*(volatile int *)&counter = v + 1;
		funlock(&fmutex);
	}
	return NULL;
}

static void futex_mutex_counter(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, futex_adder, NULL), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(counter, 4 * ROUNDS);
	CHECK_EQ(fmutex, 0);
	if (contended == 0)
		ktap_fail("the lock was never contended: nothing tested");
}

static pthread_mutex_t pmutex = PTHREAD_MUTEX_INITIALIZER;

static void *pthread_adder(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&pmutex);
		v = *(volatile int *)&counter;
		if (i % 32 == 0)
			sched_yield();
		*(volatile int *)&counter = v + 1;
		pthread_mutex_unlock(&pmutex);
	}
	return NULL;
}

static void pthread_mutex_counter(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, pthread_adder, NULL), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(counter, 4 * ROUNDS);
}

static int fword, fstate;

static void *futex_waiter(void *arg)
{
	(void)arg;
	store(&fstate, 1);
	while (load(&fword) == 0)
		futex_wait(&fword, 0, NULL);
	store(&fstate, 2);
	return NULL;
}

static void futex_wait_wake(void)
{
	pthread_t t;
	long woken = 0;
	int i;

	CHECK_EQ(pthread_create(&t, NULL, futex_waiter, NULL), 0);
	CHECK_EQ(spin_until(&fstate, 1), 0);
	ktap_sleep_ms(30);	/* most likely asleep in FUTEX_WAIT by now */
	CHECK_EQ(fstate, 1);	/* and not woken by anything */
	store(&fword, 1);
	for (i = 0; i < 100 && load(&fstate) != 2; i++) {
		woken += CHECK_SYS(futex_wake(&fword, 1));
		ktap_sleep_ms(5);
	}
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(fstate, 2);
	CHECK(woken <= 1);
	CHECK_EQ(futex_wake(&fword, 1), 0);	/* nobody waits now */
}

static void futex_wait_wrong_value_eagain(void)
{
	int word = 5;

	CHECK_ERR(futex_wait(&word, 4, NULL), EAGAIN);
}

static void futex_wait_timeout(void)
{
	struct timespec ts = { 0, 30 * 1000000 };
	int word = 0;
	long t0 = ktap_now_ms(), dt;

	CHECK_ERR(futex_wait(&word, 0, &ts), ETIMEDOUT);
	dt = ktap_now_ms() - t0;
	if (dt < 20)	/* never early (ms clock granularity aside) */
		ktap_fail("a 30 ms futex timeout returned after %ld ms", dt);
}

static void futex_bad_op_enosys(void)
{
	int word = 0;

	/* An op number no kernel knows: Linux says ENOSYS. */
	CHECK_ERR(syscall(__NR_futex, &word, 127, 0, NULL, NULL, 0), ENOSYS);
}

/* A thread made by hand with the flags glibc uses; its exit clears ctid
 * and wakes the futex on it: that is how pthread_join waits. */
static pid_t ctid, ptid;
static int shared_word;

static int raw_thread(void *arg)
{
	int i;

	for (i = 0; i < 3; i++)
		sched_yield();
	shared_word = (int)(long)arg + (int)syscall(__NR_gettid);
	return 0;
}

static void clone_child_cleartid_join(void)
{
	static char stack[65536] __attribute__((aligned(16)));
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
		    CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
		    CLONE_CHILD_CLEARTID;
	long deadline = ktap_now_ms() + 5000;
	pid_t tid, v;

	ctid = -1;
	tid = CHECK_SYS(clone(raw_thread, stack + sizeof(stack), flags,
			      (void *)1000L, &ptid, NULL, &ctid));
	CHECK(tid > 0);
	CHECK(tid != getpid());
	CHECK_EQ(ptid, tid);	/* CLONE_PARENT_SETTID */
	while ((v = load(&ctid)) != 0) {
		if (ktap_now_ms() > deadline)
			ktap_fail("ctid still %d 5 s after clone", v);
		futex_wait(&ctid, v, NULL);
	}
	CHECK_EQ(shared_word, 1000 + tid);
	/* The thread is gone: it was not our child, and tgkill finds nothing
	 * (give the kernel a moment to finish freeing it). */
	CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
	ktap_sleep_ms(20);
	CHECK_ERR(syscall(__NR_tgkill, getpid(), tid, 0), ESRCH);
}

static int ids[2][4];

static void *report_ids(void *arg)
{
	long i = (long)arg;

	ids[0][i] = getpid();
	ids[1][i] = gettid();
	return NULL;
}

static void gettid_differs_pid_same(void)
{
	pthread_t t[4];
	int i, j;

	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, report_ids,
					(void *)(long)i), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(ids[0][i], getpid());
		CHECK(ids[1][i] > 0);
		CHECK(ids[1][i] != gettid());
		for (j = 0; j < i; j++)
			CHECK(ids[1][i] != ids[1][j]);
	}
	CHECK_EQ(gettid(), getpid());
}

static int sm_global, sm_go;

static void *share_memory(void *arg)
{
	int *stack_var = arg;
	int *heap;

	*stack_var = 11;		/* the main thread's stack */
	sm_global = 22;
	heap = malloc(sizeof(*heap));
	if (heap)
		*heap = 33;
	/* and see what the main thread writes from now on */
	if (spin_until(&sm_go, 1) < 0)
		return NULL;
	if (sm_global != 44)
		return NULL;
	return heap;
}

static void threads_share_memory(void)
{
	pthread_t t;
	int on_stack = 0;
	void *ret;

	CHECK_EQ(pthread_create(&t, NULL, share_memory, &on_stack), 0);
	while (load(&sm_global) != 22)
		sched_yield();
	sm_global = 44;
	store(&sm_go, 1);
	CHECK_EQ(pthread_join(t, &ret), 0);
	CHECK(ret != NULL);
	CHECK_EQ(*(int *)ret, 33);	/* its heap is ours */
	CHECK_EQ(on_stack, 11);
	free(ret);
}

static void *call_exit_group(void *arg)
{
	(void)arg;
	ktap_sleep_ms(10);
	_exit(42);		/* exit_group: every thread ends */
}

static void exit_group_from_thread(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		pthread_t t;
		int word = 0;

		if (pthread_create(&t, NULL, call_exit_group, NULL) != 0)
			_exit(1);
		for (;;)	/* only the other thread can end this */
			futex_wait(&word, 0, NULL);
	}
	CHECK_EXITED(pid, 42);
}

static void *call_pthread_exit(void *arg)
{
	(void)arg;
	pthread_exit((void *)7L);
}

/* A thread's own exit (SYS_exit) ends that thread only. */
static void thread_exit_keeps_process(void)
{
	pthread_t t;
	void *ret;
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		if (pthread_create(&t, NULL, call_pthread_exit, NULL) != 0)
			_exit(1);
		if (pthread_join(t, &ret) != 0 || ret != (void *)7L)
			_exit(2);
		ktap_sleep_ms(10);
		_exit(9);
	}
	CHECK_EXITED(pid, 9);
}

static volatile int handler_tid;
static int target_ready, target_done;

static void record_tid(int sig)
{
	(void)sig;
	handler_tid = (int)syscall(__NR_gettid);
}

static void *signal_target(void *arg)
{
	(void)arg;
	ids[0][0] = gettid();
	store(&target_ready, 1);
	spin_until(&target_done, 1);
	return NULL;
}

static void tgkill_targets_thread(void)
{
	struct sigaction sa;
	pthread_t t;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_tid;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	CHECK_EQ(pthread_create(&t, NULL, signal_target, NULL), 0);
	CHECK_EQ(spin_until(&target_ready, 1), 0);
	CHECK_SYS(tgkill(getpid(), ids[0][0], SIGUSR1));
	for (i = 0; i < 500 && handler_tid == 0; i++)
		ktap_sleep_ms(2);
	store(&target_done, 1);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(handler_tid, ids[0][0]);
	CHECK(handler_tid != gettid());
}

static void *fail_in_thread(void *arg)
{
	(void)arg;
	errno = 0;
	if (close(-1) == 0)
		return (void *)1L;
	return (void *)(long)errno;
}

static void errno_per_thread(void)
{
	pthread_t t;
	void *ret;

	errno = 0;
	CHECK_EQ(pthread_create(&t, NULL, fail_in_thread, NULL), 0);
	CHECK_EQ(pthread_join(t, &ret), 0);
	CHECK_EQ((long)ret, EBADF);
	CHECK_EQ(errno, 0);
}

static void *fork_from_thread(void *arg)
{
	pid_t pid;
	int st;

	(void)arg;
	pid = fork();
	if (pid == 0)
		_exit(gettid() == getpid() ? 5 : 6);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return (void *)-1L;
	return (void *)(long)st;
}

static void fork_in_thread(void)
{
	pthread_t t;
	void *ret;

	CHECK_EQ(pthread_create(&t, NULL, fork_from_thread, NULL), 0);
	CHECK_EQ(pthread_join(t, &ret), 0);
	CHECK_EQ((long)ret, 5 << 8);
}

/* One CPU and a thread that never enters the kernel: only a preemptive
 * scheduler lets the other thread run and stop it. */
static int spin_stop;
static volatile long spins;

static void *spinner(void *arg)
{
	(void)arg;
	while (!load(&spin_stop))
		spins++;
	return NULL;
}

static void spinning_thread_is_preempted(void)
{
	pthread_t t;

	CHECK_EQ(pthread_create(&t, NULL, spinner, NULL), 0);
	while (spins == 0)
		sched_yield();
	store(&spin_stop, 1);
	CHECK_EQ(pthread_join(t, NULL), 0);
}

/* A thread that sleeps until the process ends; it reports its tid. */
static int sleeper_tid;

static void *sleeper(void *arg)
{
	(void)arg;
	store(&sleeper_tid, (int)syscall(__NR_gettid));
	for (;;)
		ktap_sleep_ms(1000);
	return NULL;
}

/* execve ends every other thread of the process (Linux's de_thread): the
 * new image (the --tid-gone helper) finds the old thread gone. */
static void exec_ends_other_threads(void)
{
	pid_t pid = CHECK_SYS(fork());
	int st;

	if (pid == 0) {
		char tid[16];
		char *argv[] = { (char *)ktap_argv0, (char *)"--tid-gone", tid,
				 NULL };
		char *envp[] = { NULL };
		pthread_t t;

		if (pthread_create(&t, NULL, sleeper, NULL) != 0)
			_exit(10);
		while (!load(&sleeper_tid))
			sched_yield();
		snprintf(tid, sizeof(tid), "%d", load(&sleeper_tid));
		ktap_execve(ktap_argv0, argv, envp);
		_exit(11);
	}
	st = WAIT_CHILD(pid);
	if (st == 1 << 8)
		ktap_fail("the other thread still exists after execve");
	if (st != 0)
		ktap_fail("child %s", ktap_status(st));
}

/* A thread that is not the leader calls execve: the new image has the
 * process's pid, and as its only thread, tid == pid. */
static void *exec_from_thread(void *arg)
{
	char *argv[] = { (char *)ktap_argv0, (char *)"--ids", NULL };
	char *envp[] = { NULL };

	(void)arg;
	ktap_execve(ktap_argv0, argv, envp);
	_exit(12);
}

static void exec_from_non_leader_thread(void)
{
	char out[128], want[64];
	int p[2], st;
	pid_t pid;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		pthread_t t;
		int word = 0;

		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		if (pthread_create(&t, NULL, exec_from_thread, NULL) != 0)
			_exit(10);
		for (;;)	/* the leader waits to be ended by the exec */
			futex_wait(&word, 0, NULL);
	}
	close(p[1]);
	ktap_read_all(p[0], out, sizeof(out));
	st = WAIT_CHILD(pid);
	CHECK_EQ(st, 0);
	snprintf(want, sizeof(want), "pid=%d tid=%d\n", pid, pid);
	if (strcmp(out, want))
		ktap_fail("new image printed \"%s\", want \"%s\"", out, want);
}

static int helper(int argc, char **argv)
{
	char out[64];
	int n;

	if (argc == 3 && !strcmp(argv[1], "--tid-gone")) {
		if (syscall(__NR_tgkill, getpid(), atoi(argv[2]), 0) == 0)
			return 1;
		return errno == ESRCH ? 0 : 2;
	}
	if (argc == 2 && !strcmp(argv[1], "--ids")) {
		n = snprintf(out, sizeof(out), "pid=%d tid=%d\n", getpid(),
			     (int)syscall(__NR_gettid));
		ktap_write_all(1, out, (size_t)n);
		return 0;
	}
	return 100;
}

static const struct ktap_case cases[] = {
	KTAP_CASE(create_join_8_threads),
	KTAP_CASE(create_join_100_in_turn),
	KTAP_CASE(futex_mutex_counter),
	KTAP_CASE(pthread_mutex_counter),
	KTAP_CASE(futex_wait_wake),
	KTAP_CASE(futex_wait_wrong_value_eagain),
	KTAP_CASE(futex_wait_timeout),
	KTAP_CASE(futex_bad_op_enosys),
	KTAP_CASE(clone_child_cleartid_join),
	KTAP_CASE(gettid_differs_pid_same),
	KTAP_CASE(threads_share_memory),
	KTAP_CASE(exit_group_from_thread),
	KTAP_CASE(thread_exit_keeps_process),
	KTAP_CASE(tgkill_targets_thread),
	KTAP_CASE(errno_per_thread),
	KTAP_CASE(fork_in_thread),
	KTAP_CASE(spinning_thread_is_preempted),
	KTAP_CASE(exec_ends_other_threads),
	KTAP_CASE(exec_from_non_leader_thread),
};

int main(int argc, char **argv)
{
	ktap_argv0 = argv[0];
	if (argc > 1 && !strncmp(argv[1], "--", 2))
		return helper(argc, argv);
	return ktap_run("threads", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
