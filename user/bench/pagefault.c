/*
 * pagefault: anonymous write faults per second with N workers, as threads
 * of one process or as separate processes (will-it-scale's page_fault1).
 * The same static binary runs on Faultline and on Linux (make bench-smp).
 *
 *   pagefault                          the matrix: both shapes, 1, 2, 4
 *   pagefault threads|processes N [MS] one run (MS: the window, in ms)
 *
 * Each worker maps a private anonymous region, writes one byte per page,
 * unmaps it, and again, until told to stop; the main thread counts the
 * pages written during a fixed window of CLOCK_MONOTONIC time. One line
 * per run: "bench-smp: threads 2 faults_per_s 12345 ...". As pid 1 it
 * powers the machine off at the end (Linux needs that, Faultline too).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define REGION		(16UL << 20)	/* per worker and round: 4096 pages */
#define MAX_WORKERS	16
#define MAX_CPUS	64
#define WARMUP_MS	300		/* first faults and page tables: not counted */
#define WINDOW_MS	2000
#ifndef MADV_NOHUGEPAGE
#define MADV_NOHUGEPAGE	14		/* Linux's value on every arch */
#endif

/*
 * State shared by the main thread and the workers, in a MAP_SHARED page
 * so that forked workers see it too. Each worker's counter has a cache
 * line of its own: the benchmark measures the kernel, not false sharing.
 */
struct slot {
	volatile unsigned long pages;	/* pages written so far */
	volatile unsigned long unmap_ns; /* time spent in munmap so far */
	volatile int ready;		/* pinned, waiting for go */
	volatile int cpu;		/* where it ran (getcpu), -1 if unknown */
	volatile int error;		/* errno of a failed mmap/munmap */
	char pad[64 - 2 * sizeof(unsigned long) - 3 * sizeof(int)];
};

struct shared {
	volatile int go;
	volatile int stop;
	char pad[64 - 2 * sizeof(int)];
	struct slot slot[MAX_WORKERS];
};

static struct shared *sh;
static int ncpus;
static int cpu_ids[MAX_CPUS];
static cpu_set_t all_cpus;	/* the affinity the program started with */
static int pin;			/* pin worker i to cpu_ids[i] */

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void read_cpus(void)
{
	cpu_set_t set;
	int c;

	ncpus = 0;
	CPU_ZERO(&all_cpus);
	if (sched_getaffinity(0, sizeof(set), &set) < 0) {
		dprintf(1, "bench-smp: # sched_getaffinity failed (errno %d)\n",
			errno);
		return;
	}
	all_cpus = set;
	for (c = 0; c < CPU_SETSIZE && ncpus < MAX_CPUS; c++)
		if (CPU_ISSET(c, &set))
			cpu_ids[ncpus++] = c;
}

/*
 * Keep the counting thread off the workers' CPUs when a CPU is left over:
 * it sleeps nearly all the time, but where the kernel puts it when it
 * wakes must not decide the figure (a kernel that wakes it on worker 0's
 * CPU makes the two take turns there). Returns its CPU, or -1.
 */
static int place_main(int n)
{
	cpu_set_t set;
	int cpu = -1;

	set = all_cpus;
	if (pin && n < ncpus) {
		cpu = cpu_ids[ncpus - 1];
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
	}
	if (ncpus && sched_setaffinity(0, sizeof(set), &set) < 0)
		cpu = -1;
	return cpu;
}

/* The worker loop; the same for a thread and for a process. */
static void work(int id)
{
	struct slot *s = &sh->slot[id];
	unsigned int cpu = 0;
	unsigned long off;
	long t;
	char *p;

	if (pin) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu_ids[id], &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			s->error = errno;
	}
	s->cpu = getcpu(&cpu, NULL) == 0 ? (int)cpu : -1;
	s->ready = 1;
	while (!sh->go)
		sched_yield();
	while (!sh->stop) {
		p = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			s->error = errno;
			sh->stop = 1;
			break;
		}
		/* Small pages on Linux whatever its THP setting (Debian's
		 * is "always"); Faultline has no huge pages and says EINVAL. */
		madvise(p, REGION, MADV_NOHUGEPAGE);
		for (off = 0; off < REGION; off += PAGE) {
			p[off] = 1;
			s->pages++;
		}
		t = now_ns();
		if (munmap(p, REGION) < 0) {
			s->error = errno;
			sh->stop = 1;
		}
		s->unmap_ns += now_ns() - t;
	}
}

static void *thread_main(void *arg)
{
	work((int)(long)arg);
	return NULL;
}

static unsigned long total_pages(int n, unsigned long *unmap_ns)
{
	unsigned long sum = 0;
	int i;

	*unmap_ns = 0;
	for (i = 0; i < n; i++) {
		sum += sh->slot[i].pages;
		*unmap_ns += sh->slot[i].unmap_ns;
	}
	return sum;
}

/* One run: n workers of a shape, counted over window_ms; 0 if it ran. */
static int run(const char *shape, int n, long window_ms)
{
	int threads = !strcmp(shape, "threads");
	pthread_t tid[MAX_WORKERS];
	pid_t pid[MAX_WORKERS];
	unsigned long p0 = 0, p1 = 0, u0 = 0, u1 = 0;
	long t0 = 0, t1 = 1, us, rate;
	char cpus[MAX_WORKERS * 4 + 1];
	int i, len, main_cpu, err = 0, started = 0;

	memset(sh, 0, sizeof(*sh));
	pin = n <= ncpus;
	main_cpu = place_main(n);
	for (i = 0; i < n; i++) {
		if (threads) {
			if (pthread_create(&tid[i], NULL, thread_main,
					   (void *)(long)i) != 0)
				break;
		} else {
			pid[i] = fork();
			if (pid[i] < 0)
				break;
			if (pid[i] == 0) {
				work(i);
				_exit(0);
			}
		}
		started++;
	}
	if (started == n) {
		for (i = 0; i < n; i++)
			while (!sh->slot[i].ready)
				sched_yield();
		sh->go = 1;
		sleep_ms(WARMUP_MS);
		t0 = now_ns();
		p0 = total_pages(n, &u0);
		sleep_ms(window_ms);
		p1 = total_pages(n, &u1);
		t1 = now_ns();
	}
	sh->go = 1;
	sh->stop = 1;
	for (i = 0; i < started; i++) {
		if (threads) {
			pthread_join(tid[i], NULL);
		} else {
			int status;

			while (waitpid(pid[i], &status, 0) < 0 &&
			       errno == EINTR)
				;
		}
	}
	if (started < n) {
		dprintf(1, "bench-smp: %s %d error could not start worker %d "
			"(errno %d)\n", shape, n, started, errno);
		return -1;
	}
	len = 0;
	cpus[0] = 0;
	for (i = 0; i < n; i++) {
		if (sh->slot[i].error)
			err = sh->slot[i].error;
		len += snprintf(cpus + len, sizeof(cpus) - len, "%s%d",
				i ? "," : "", sh->slot[i].cpu);
	}
	if (err) {
		dprintf(1, "bench-smp: %s %d error errno %d\n", shape, n, err);
		return -1;
	}
	us = (t1 - t0) / 1000;
	rate = us > 0 ? (long)((p1 - p0) * 1000000UL / (unsigned long)us) : 0;
	/* Of the workers' time in the window, the share munmap took (the
	 * munmaps that ended in it): where a slow figure comes from. */
	dprintf(1, "bench-smp: %s %d faults_per_s %ld pages %lu ms %ld "
		"pinned %d cpus %s unmap_pct %lu main %d\n", shape, n, rate,
		p1 - p0, (t1 - t0) / 1000000, pin, cpus,
		us > 0 ? (u1 - u0) / 10 / (unsigned long)us / n : 0, main_cpu);
	return 0;
}

int main(int argc, char **argv)
{
	static const int counts[] = { 1, 2, 4 };
	static const char *const shapes[] = { "threads", "processes" };
	long window = WINDOW_MS;
	int failed = 0;
	unsigned int s, c;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		dprintf(1, "bench-smp: error mmap of the shared page (errno "
			"%d)\n", errno);
		return 1;
	}
	read_cpus();
	dprintf(1, "bench-smp: cpus %d region_kib %lu warmup_ms %d\n", ncpus,
		REGION >> 10, WARMUP_MS);
	if (argc >= 3) {
		int n = atoi(argv[2]);

		if (argc >= 4)
			window = atol(argv[3]);
		if ((strcmp(argv[1], "threads") &&
		     strcmp(argv[1], "processes")) || n < 1 ||
		    n > MAX_WORKERS || window < 1) {
			dprintf(2, "usage: %s [threads|processes N [MS]]\n",
				argv[0]);
			return 2;
		}
		failed = run(argv[1], n, window) < 0;
	} else {
		for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
			for (c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
				failed |= run(shapes[s], counts[c], window) < 0;
	}
	dprintf(1, "bench-smp: done\n");
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return failed;
}
