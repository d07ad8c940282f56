/*
 * rusage: getrusage and wait4's rusage count what Linux counts. Faults:
 * every fault that completes is one (demand-zero, the zero page then its
 * copy, copy-on-write after fork), per thread, per process and for waited
 * children; CPU time, context switches and the largest resident set.
 * The fault counts are exact (the same operations give the same numbers
 * on Linux, where this suite passes natively); times only have lower
 * bounds reached by working until they are, never by the clock.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <pthread.h>
#include "ktap.h"

#define PAGE 4096UL
#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

struct ktimeval {
	long sec, usec;
};

struct krusage {
	struct ktimeval utime, stime;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock,
	     oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

static struct krusage usage(int who)
{
	struct krusage ru;

	memset(&ru, 0xff, sizeof(ru));
	CHECK_SYS(syscall(__NR_getrusage, who, &ru));
	return ru;
}

static char *fresh(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	return p;
}

/* Touch pages with as little else as possible between the counts: the
 * loop itself and its stack are already resident. */
static long faults_writing(char *p, unsigned long pages)
{
	long before = usage(RUSAGE_THREAD).minflt, after;
	unsigned long i;

	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	after = usage(RUSAGE_THREAD).minflt;
	return after - before;
}

static long faults_reading(char *p, unsigned long pages)
{
	long before = usage(RUSAGE_THREAD).minflt, after;
	volatile char sink;
	unsigned long i;

	for (i = 0; i < pages; i++)
		sink = p[i * PAGE];
	(void)sink;
	after = usage(RUSAGE_THREAD).minflt;
	return after - before;
}

static void demand_zero_faults_are_minor(void)
{
	char *p = fresh(32);
	long majflt = usage(RUSAGE_SELF).majflt;

	CHECK_EQ(faults_writing(p, 32), 32);
	CHECK_EQ(faults_writing(p, 32), 0);	/* resident now */
	CHECK_EQ(usage(RUSAGE_SELF).majflt, majflt);
}

/* A read maps the zero page (one fault), the write after it copies it
 * (another): two per page, as on Linux. */
static void zero_page_then_copy(void)
{
	char *p = fresh(16);

	CHECK_EQ(faults_reading(p, 16), 16);
	CHECK_EQ(faults_reading(p, 16), 0);
	CHECK_EQ(faults_writing(p, 16), 16);
}

/* After fork a write to a shared page is a copy-on-write fault, counted
 * in the writer: the child here, then the parent for its own copy. */
static void copy_on_write_after_fork(void)
{
	char *p = fresh(24);
	pid_t pid;

	CHECK_EQ(faults_writing(p, 24), 24);
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(faults_writing(p, 24) == 24 ? 0 : 1);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(faults_writing(p, 24), 24);
}

/* wait4 reports what the child used, and RUSAGE_CHILDREN adds it up
 * (grandchildren the child waited for included). */
static void children_are_added_up(void)
{
	struct krusage before = usage(RUSAGE_CHILDREN), ru, after;
	int status;
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		char *p = fresh(40);
		pid_t grandchild;
		int st;

		faults_writing(p, 40);
		grandchild = fork();
		if (grandchild == 0) {
			faults_writing(fresh(30), 30);
			_exit(0);
		}
		if (grandchild < 0 || waitpid(grandchild, &st, 0) != grandchild)
			_exit(2);
		_exit(0);
	}
	memset(&ru, 0, sizeof(ru));
	CHECK_EQ(wait4(pid, &status, 0, (struct rusage *)&ru), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(ru.minflt >= 70);
	after = usage(RUSAGE_CHILDREN);
	CHECK(after.minflt - before.minflt >= 70);
	CHECK_EQ(after.minflt - before.minflt, ru.minflt);
	/* Our own count did not take the child's. */
	CHECK(usage(RUSAGE_SELF).minflt < after.minflt + 1000000);
}

/* The process's count is its threads' together, the one of a thread that
 * exited included. */
static void *thread_touches(void *arg)
{
	faults_writing(arg, 20);
	return NULL;
}

static void threads_count_for_the_process(void)
{
	char *p = fresh(20);
	long before = usage(RUSAGE_SELF).minflt;
	pthread_t t;

	CHECK_EQ(pthread_create(&t, NULL, thread_touches, p), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	/* The 20 faults, plus the thread's own stack and start-up. */
	CHECK(usage(RUSAGE_SELF).minflt - before >= 20);
	CHECK(usage(RUSAGE_THREAD).minflt < usage(RUSAGE_SELF).minflt);
}

/* Spin until the CPU time says so: no verdict on the machine's speed. */
static void cpu_time_and_switches(void)
{
	struct krusage ru;
	long t0 = ktap_now_ms(), vcsw;
	volatile unsigned long n = 0;
	int i;

	do {
		for (i = 0; i < 1000000; i++)
			n++;
		ru = usage(RUSAGE_SELF);
	} while (ru.utime.sec == 0 && ru.utime.usec < 50000 &&
		 ktap_now_ms() - t0 < 10000);
	CHECK(ru.utime.sec > 0 || ru.utime.usec >= 50000);
	CHECK(ru.utime.usec >= 0 && ru.utime.usec < 1000000);
	vcsw = usage(RUSAGE_THREAD).nvcsw;
	for (i = 0; i < 3; i++)
		ktap_sleep_ms(10);
	CHECK(usage(RUSAGE_THREAD).nvcsw - vcsw >= 3);
}

/* ru_maxrss is the largest resident set, in KiB. */
static void maxrss_grows(void)
{
	char *p = fresh(2048);		/* 8 MiB */

	faults_writing(p, 2048);
	CHECK(usage(RUSAGE_SELF).maxrss >= 8192);
	CHECK_SYS(munmap(p, 2048 * PAGE));
	CHECK(usage(RUSAGE_SELF).maxrss >= 8192);	/* the most, not now */
}

static void bad_input(void)
{
	struct krusage ru;

	CHECK_ERR(syscall(__NR_getrusage, 2, &ru), EINVAL);
	CHECK_ERR(syscall(__NR_getrusage, -2, &ru), EINVAL);
	CHECK_ERR(syscall(__NR_getrusage, RUSAGE_SELF, (void *)8), EFAULT);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(demand_zero_faults_are_minor),
	KTAP_CASE(zero_page_then_copy),
	KTAP_CASE(copy_on_write_after_fork),
	KTAP_CASE(children_are_added_up),
	KTAP_CASE(threads_count_for_the_process),
	KTAP_CASE(cpu_time_and_switches),
	KTAP_CASE(maxrss_grows),
	KTAP_CASE(bad_input),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("rusage", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
