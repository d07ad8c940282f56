/*
 * smp: user space on several CPUs at once. Affinity pins threads where they
 * are sent, pinned threads really run together, concurrent faults on one
 * mm lose nothing, munmap and mprotect reach the TLBs of the other CPUs
 * before they return, fork snapshots memory that other CPUs are writing,
 * futex wakeups cross CPUs, and /proc/stat charges user time to the CPU
 * that spent it. Every wait is bounded by a deadline.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <sys/futex.h>
#include <sys/syscall.h>
#include "ktap.h"

#define PAGE		4096UL
#define WORDS		(PAGE / sizeof(u64))
#define MAX_CPUS	64
/* Any one wait of a case; well inside the runner's case time-out. */
#define WAIT_MS		8000

typedef unsigned long long u64;

/* The CPUs this process may run on (sched_getaffinity), in order. */
static int ncpus;
static int cpu_ids[MAX_CPUS];

/* ---- CPUs and pinning ---- */

static void read_cpus(void)
{
	cpu_set_t set;
	int c;

	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	ncpus = 0;
	for (c = 0; c < CPU_SETSIZE && ncpus < MAX_CPUS; c++)
		if (CPU_ISSET(c, &set))
			cpu_ids[ncpus++] = c;
	if (ncpus == 0)
		ktap_fail("sched_getaffinity gave an empty mask");
}

/* Where the main thread of a case is, for the watchdog's report. */
static const char *volatile main_stage = "starting";
static volatile long main_progress;

/* Bumped whenever any thread of the case gets on: a case is stuck when
 * this stands still, however slow a loaded host makes it. */
static long heartbeat;

static void beat(void)
{
	__atomic_add_fetch(&heartbeat, 1, __ATOMIC_RELAXED);
}

static void set_stage(const char *stage, long progress)
{
	main_progress = progress;
	main_stage = stage;
	beat();
}

/* Whether nothing moved for WAIT_MS: call in a wait loop with the
 * heartbeat and time it last saw (both start at 0). */
static int no_progress(long *seen, long *since)
{
	long hb = __atomic_load_n(&heartbeat, __ATOMIC_RELAXED);
	long now = ktap_now_ms();

	if (hb != *seen || *since == 0) {
		*seen = hb;
		*since = now;
		return 0;
	}
	return now - *since > WAIT_MS;
}

static void start_watchdog(void);

/* The cases that are about several CPUs at once; they have a watchdog. */
static void need_two_cpus(void)
{
	read_cpus();
	if (ncpus < 2)
		ktap_skip("one CPU");
	start_watchdog();
}

static int this_cpu(void)
{
	int c = sched_getcpu();

	if (c < 0)
		ktap_fail("getcpu: %s", ktap_errname(errno));
	return c;
}

static void check_on(int cpu, const char *when)
{
	int c = this_cpu();

	if (c != cpu)
		ktap_fail("%s: pinned to cpu %d, getcpu says %d", when, cpu, c);
}

/* Pin the calling thread to cpu; it must be there when the call returns. */
static void pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		ktap_fail("sched_setaffinity({%d}): %s", cpu,
			  ktap_errname(errno));
	check_on(cpu, "right after sched_setaffinity");
}

/* The CPUs other than cpu, in out; returns how many. */
static int other_cpus(int cpu, int *out)
{
	int i, n = 0;

	for (i = 0; i < ncpus; i++)
		if (cpu_ids[i] != cpu)
			out[n++] = cpu_ids[i];
	return n;
}

static void spin(unsigned long n)
{
	volatile unsigned long i;

	for (i = 0; i < n; i++)
		;
}

/* A deadline test cheap enough for spin loops: reads the clock once in
 * 1024 calls. */
static int past(long end, unsigned long i)
{
	return (i & 1023) == 0 && ktap_now_ms() > end;
}

/* ---- worker threads, one pinned per CPU ---- */

struct worker {
	pthread_t thread;
	int index, cpu;
	volatile pid_t tid;
	void (*fn)(struct worker *);
	void *arg;
	/* shootdown cases: where the thread was and how its fault went */
	sigjmp_buf jb;
	volatile u64 *volatile addr;	/* the word it is touching */
	volatile long iters, after;	/* accesses, those after the flag */
	volatile int outcome, sig, code, state_at_fault;
	void *volatile fault_addr;
	volatile u64 bad;
	volatile long bad_word;
	/* fork_while_writing: the last value written to all its pages */
	volatile u64 last;
	/* where it is, for a report if it never comes back */
	const char *volatile stage;
	volatile long progress;
	int done;
};

static struct worker workers[MAX_CPUS];
static int nworkers;

static void *worker_main(void *p)
{
	struct worker *w = p;

	w->stage = "pinning itself";
	w->tid = gettid();
	pin_to(w->cpu);
	w->stage = "running";
	w->fn(w);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* n threads, thread i pinned to cpus[i], each running fn with arg. */
static void start_workers(int n, const int *cpus,
			  void (*fn)(struct worker *), void *arg)
{
	int i, err;

	memset((void *)workers, 0, sizeof(workers));
	nworkers = n;
	for (i = 0; i < n; i++) {
		workers[i].index = i;
		workers[i].cpu = cpus[i];
		workers[i].fn = fn;
		workers[i].arg = arg;
	}
	for (i = 0; i < n; i++) {
		err = pthread_create(&workers[i].thread, NULL, worker_main,
				     &workers[i]);
		if (err)
			ktap_fail("pthread_create: %s", ktap_errname(err));
	}
}

/* Join every worker; one that is not done by the deadline fails the case
 * with where it was (its own deadlines came and went: it is stuck where
 * it cannot look at the clock, in the kernel or in a fault loop). */
static void join_workers(void)
{
	long seen = 0, since = 0;
	struct worker *w;
	int i;

	for (i = 0; i < nworkers; i++) {
		w = &workers[i];
		while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
			if (no_progress(&seen, &since))
				ktap_fail("worker %d (cpu %d, tid %d) stuck %s "
					  "(progress %ld, %ld accesses)", i,
					  w->cpu, (int)w->tid, w->stage,
					  w->progress, w->iters);
			ktap_sleep_ms(1);
		}
		pthread_join(w->thread, NULL);
	}
}

/* The worker the calling thread is, or NULL (the main thread). */
static struct worker *worker_self(void)
{
	pid_t tid = gettid();
	int i;

	for (i = 0; i < nworkers; i++)
		if (workers[i].tid == tid)
			return &workers[i];
	return NULL;
}

/*
 * A thread that fails the case, saying where every thread is, when no
 * thread got on for longer than any of their own waits: some thread is
 * stuck where it cannot look at the clock.
 */
#define WATCHDOG_MS	(WAIT_MS + 3000)

static void *watchdog(void *arg)
{
	long seen = -1, since = ktap_now_ms(), hb;
	char buf[200];
	size_t len = 0;
	int i;

	(void)arg;
	for (;; ktap_sleep_ms(20)) {
		hb = __atomic_load_n(&heartbeat, __ATOMIC_RELAXED);
		if (hb != seen) {
			seen = hb;
			since = ktap_now_ms();
		} else if (ktap_now_ms() - since > WATCHDOG_MS) {
			break;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < nworkers && len < sizeof(buf) - 1; i++)
		if (!__atomic_load_n(&workers[i].done, __ATOMIC_ACQUIRE))
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
					" cpu %d: %s (%ld);", workers[i].cpu,
					workers[i].stage, workers[i].progress);
	ktap_fail("nothing moved for %d s: main thread %s (%ld);%s",
		  WATCHDOG_MS / 1000, main_stage, main_progress,
		  len ? buf : " no worker");
}

static void start_watchdog(void)
{
	pthread_t t;
	int err = pthread_create(&t, NULL, watchdog, NULL);

	if (err)
		ktap_fail("pthread_create: %s", ktap_errname(err));
}

/* A sense-reversing spin barrier for n threads: no system calls, so the
 * threads pass it only by running at the same time. */
struct barrier {
	int n, count, round;
};

static void barrier_init(struct barrier *b, int n)
{
	b->n = n;
	b->count = 0;
	b->round = 0;
}

static void barrier_wait(struct barrier *b, const char *what)
{
	int round = __atomic_load_n(&b->round, __ATOMIC_ACQUIRE);
	long end = ktap_now_ms() + WAIT_MS;
	struct worker *w = worker_self();
	unsigned long i;

	if (w)
		w->stage = what;

	beat();
	if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == b->n) {
		__atomic_store_n(&b->count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&b->round, round + 1, __ATOMIC_RELEASE);
		return;
	}
	for (i = 0; __atomic_load_n(&b->round, __ATOMIC_ACQUIRE) == round;
	     i++)
		if (past(end, i))
			ktap_fail("%s: barrier %d: %d of %d threads there "
				  "after %d s (cpu %d waiting)", what, round,
				  __atomic_load_n(&b->count, __ATOMIC_RELAXED),
				  b->n, WAIT_MS / 1000, sched_getcpu());
}

static void *map_anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		ktap_fail("mmap %zu bytes: %s", len, ktap_errname(errno));
	return p;
}

/* ---- 1: cpus ---- */

/* The whole of a /proc file, in a buffer the next call reuses. */
static char *read_proc(const char *path)
{
	static char buf[65536];
	int fd = CHECK_SYS(open(path, O_RDONLY));

	buf[ktap_read_all(fd, buf, sizeof(buf) - 1)] = '\0';
	close(fd);
	return buf;
}

/* Step to the next line of text. */
#define for_each_line(line, text) \
	for ((line) = (text); *(line); \
	     (line) += strcspn((line), "\n"), (line) += *(line) == '\n')

/* The "processor" lines of /proc/cpuinfo. */
static int cpuinfo_processors(void)
{
	char *line;
	int n = 0;

	for_each_line(line, read_proc("/proc/cpuinfo"))
		n += !strncmp(line, "processor", 9);
	return n;
}

static void cpus(void)
{
	cpu_set_t set;
	long r;
	int cur, info;

	/* The raw call returns the size of the kernel's mask in bytes. */
	memset(&set, 0, sizeof(set));
	r = CHECK_SYS(syscall(__NR_sched_getaffinity, 0, sizeof(set), &set));
	if (r <= 0 || r % (long)sizeof(long) || r > (long)sizeof(set))
		ktap_fail("sched_getaffinity returned %ld", r);
	read_cpus();
	ktap_diag("smp: %d cpus", ncpus);
	CHECK_EQ(CPU_COUNT(&set), ncpus);
	info = cpuinfo_processors();
	if (info != ncpus)
		ktap_fail("%d CPUs in the affinity mask, %d processor lines "
			  "in /proc/cpuinfo", ncpus, info);
	cur = this_cpu();
	if (!CPU_ISSET(cur, &set))
		ktap_fail("getcpu says %d, not in the affinity mask", cur);
}

/* ---- 2: affinity_pins ---- */

#define PIN_CHECKS	200

static void check_mask_is(int cpu)
{
	cpu_set_t set;

	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	if (CPU_COUNT(&set) != 1 || !CPU_ISSET(cpu, &set))
		ktap_fail("pinned to %d, sched_getaffinity gives %d CPUs "
			  "(first word 0x%lx)", cpu, CPU_COUNT(&set),
			  set.__bits[0]);
}

/* Stay pinned to cpu across spinning, yields and PIN_CHECKS looks. */
static void stays_on(int cpu)
{
	char when[64];
	int i;

	pin_to(cpu);
	check_mask_is(cpu);
	for (i = 0; i < PIN_CHECKS; i++) {
		spin(2000);
		if (i % 16 == 0)
			sched_yield();
		snprintf(when, sizeof(when), "check %d", i);
		check_on(cpu, when);
	}
}

static void affinity_errors(void)
{
	cpu_set_t set, all;
	int i;

	CPU_ZERO(&all);
	for (i = 0; i < ncpus; i++)
		CPU_SET(cpu_ids[i], &all);
	CPU_ZERO(&set);
	CHECK_ERR(sched_setaffinity(0, sizeof(set), &set), EINVAL);
	/* A mask naming only a CPU that is not there is as empty. */
	CPU_SET(CPU_SETSIZE - 1, &set);
	CHECK_ERR(sched_setaffinity(0, sizeof(set), &set), EINVAL);
	CHECK_ERR(sched_setaffinity(0, sizeof(set), ktap_ptr(8)), EFAULT);
	CHECK_ERR(sched_setaffinity(INT_MAX, sizeof(all), &all), ESRCH);
	CHECK_ERR(sched_getaffinity(0, 1, &set), EINVAL);
	CHECK_ERR(sched_getaffinity(0, sizeof(set), ktap_ptr(8)), EFAULT);
	CHECK_ERR(sched_getaffinity(INT_MAX, sizeof(set), &set), ESRCH);
	/* The failed calls changed nothing. */
	CHECK_SYS(sched_setaffinity(0, sizeof(all), &all));
	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	CHECK_EQ(CPU_COUNT(&set), ncpus);
}

static void affinity_pins(void)
{
	int i;

	read_cpus();
	for (i = 0; i < ncpus; i++)
		stays_on(cpu_ids[i]);
	/* And back down the list, so every move is to another CPU. */
	for (i = ncpus - 1; i >= 0; i--)
		stays_on(cpu_ids[i]);
	affinity_errors();
}

/* ---- 3: threads_on_all_cpus ---- */

#define TOGETHER_ROUNDS	10

static void together_worker(struct worker *w)
{
	struct barrier *b = w->arg;
	int r;

	for (r = 0; r < TOGETHER_ROUNDS; r++) {
		w->progress = r;
		check_on(w->cpu, "at the barrier");
		barrier_wait(b, "threads_on_all_cpus");
	}
}

static void threads_on_all_cpus(void)
{
	static struct barrier b;

	need_two_cpus();
	barrier_init(&b, ncpus);
	start_workers(ncpus, cpu_ids, together_worker, &b);
	set_stage("joining", 0);
	join_workers();
	CHECK_EQ(b.round, TOGETHER_ROUNDS);
}

/* ---- 4: fault_disjoint, fault_shared ---- */

#define FAULT_PAGES_PER_CPU	64
#define SHARED_PAGES		64
#define SHARED_ROUNDS		3

struct fault_area {
	volatile u64 *base;
	int npages;
	struct barrier bar;
};

static volatile u64 *page_at(struct fault_area *a, int p)
{
	return a->base + (size_t)p * WORDS;
}

/* fault_disjoint: every word of page p says where it is. */
static u64 disjoint_word(int p, unsigned long j)
{
	return 0x5a00000000000000ULL | (u64)p << 16 | j;
}

/* fault_shared: thread t's word in page p (word t * 8: its own line). */
static u64 shared_word(int t, int p)
{
	return 0xc000000000000000ULL | (u64)t << 32 | (u64)(p + 1);
}

static void check_disjoint_page(struct fault_area *a, int p, const char *who)
{
	volatile u64 *pg = page_at(a, p);
	unsigned long j;

	for (j = 0; j < WORDS; j++)
		if (pg[j] != disjoint_word(p, j))
			ktap_fail("%s: page %d word %lu is 0x%llx, want 0x%llx",
				  who, p, j, pg[j], disjoint_word(p, j));
}

static void check_shared_page(struct fault_area *a, int p, int nthreads,
			      const char *who)
{
	volatile u64 *pg = page_at(a, p);
	unsigned long j;
	u64 want;

	for (j = 0; j < WORDS; j++) {
		want = j % 8 == 0 && j / 8 < (unsigned long)nthreads ?
		       shared_word((int)(j / 8), p) : 0;
		if (pg[j] != want)
			ktap_fail("%s: page %d word %lu is 0x%llx, want 0x%llx"
				  " (%s)", who, p, j, pg[j], want, want ?
				  "a write was lost" : "stray data");
	}
}

/* Pages index, index + n, ...: neighbours belong to different threads,
 * so the threads share page tables while each faults its own pages. */
static void disjoint_worker(struct worker *w)
{
	struct fault_area *a = w->arg;
	volatile u64 *pg;
	unsigned long j;
	int p;

	barrier_wait(&a->bar, "fault_disjoint start");
	w->stage = "writing its pages";
	for (p = w->index; p < a->npages; p += nworkers) {
		w->progress = p;
		beat();
		pg = page_at(a, p);
		for (j = 0; j < WORDS; j++)
			pg[j] = disjoint_word(p, j);
	}
	barrier_wait(&a->bar, "fault_disjoint written");
	/* Everybody's pages, as this CPU sees them. */
	w->stage = "checking all pages";
	for (p = 0; p < a->npages; p++) {
		w->progress = p;
		beat();
		check_disjoint_page(a, p, "seen by a worker");
	}
}

/* All threads fault the same pages in the same order, odd ones reading
 * first (a zero-page mapping that a write then replaces). */
static void shared_worker(struct worker *w)
{
	struct fault_area *a = w->arg;
	volatile u64 *pg;
	u64 v;
	int p, slot = w->index * 8;

	barrier_wait(&a->bar, "fault_shared start");
	w->stage = "touching the shared pages";
	for (p = 0; p < a->npages; p++) {
		w->progress = p;
		beat();
		pg = page_at(a, p);
		if (w->index & 1) {
			v = pg[slot];
			if (v != 0)
				ktap_fail("page %d: thread %d's word is 0x%llx "
					  "before it wrote it", p, w->index, v);
		}
		pg[slot] = shared_word(w->index, p);
		if (pg[slot] != shared_word(w->index, p))
			ktap_fail("page %d: thread %d read back 0x%llx", p,
				  w->index, pg[slot]);
	}
	barrier_wait(&a->bar, "fault_shared written");
	w->stage = "checking the shared pages";
	for (p = 0; p < a->npages; p++) {
		w->progress = p;
		beat();
		check_shared_page(a, p, nworkers, "seen by a worker");
	}
}

/* The number after the n-th space that follows the last `from` character
 * of a /proc file (its start if from is 0), or -1: a figure the kernel
 * keeps for the whole process. */
static long proc_number(const char *path, char from, int n)
{
	char buf[1024], *p;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	p = from ? strrchr(buf, from) : buf;
	for (i = 0; p && i < n; i++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

/* Minor faults (field 10 of /proc/self/stat): a figure to print, not to
 * judge. */
static long min_faults(void)
{
	return proc_number("/proc/self/stat", ')', 8);
}

static void fault_disjoint(void)
{
	static struct fault_area a;
	long before, after;
	int p;

	need_two_cpus();
	a.npages = FAULT_PAGES_PER_CPU * ncpus;
	a.base = map_anon((size_t)a.npages * PAGE);
	barrier_init(&a.bar, ncpus);
	before = min_faults();
	start_workers(ncpus, cpu_ids, disjoint_worker, &a);
	join_workers();
	after = min_faults();
	for (p = 0; p < a.npages; p++)
		check_disjoint_page(&a, p, "after join");
	if (before >= 0 && after >= 0)
		ktap_diag("fault_disjoint: %ld minor faults for %d pages",
			  after - before, a.npages);
	CHECK_SYS(munmap((void *)a.base, (size_t)a.npages * PAGE));
}

/* Resident pages (field 2 of /proc/self/statm). */
static long resident_pages(void)
{
	return proc_number("/proc/self/statm", 0, 1);
}

/*
 * Every page is mapped once: faults racing on one page must not both
 * install a frame (the second would leak the first and count it twice).
 * From the second round on the threads' stacks are already resident (the
 * C library keeps them), so the resident count grows by the mapping alone.
 */
static void fault_shared(void)
{
	static struct fault_area a;
	long before, grew;
	int r, p;

	need_two_cpus();
	a.npages = SHARED_PAGES;
	for (r = 0; r < SHARED_ROUNDS; r++) {
		a.base = map_anon((size_t)a.npages * PAGE);
		barrier_init(&a.bar, ncpus);
		before = resident_pages();
		start_workers(ncpus, cpu_ids, shared_worker, &a);
		join_workers();
		grew = resident_pages() - before;
		for (p = 0; p < a.npages; p++)
			check_shared_page(&a, p, ncpus, "after join");
		ktap_diag("fault_shared round %d: resident grew by %ld pages "
			  "for %d pages faulted by %d threads", r, grew,
			  a.npages, ncpus);
		if (r > 0 && before >= 0 && grew != a.npages)
			ktap_fail("resident pages grew by %ld, not %d: a page "
				  "was mapped %s", grew, a.npages,
				  grew > a.npages ? "twice" : "not at all");
		CHECK_SYS(munmap((void *)a.base, (size_t)a.npages * PAGE));
	}
}

/* ---- 5, 6: munmap_shootdown, mprotect_shootdown ---- */

#define SHOOT_ROUNDS	4
/* Accesses a toucher makes before the main thread acts. */
#define SHOOT_WARMUP	2000
/* Accesses a toucher may still complete after it saw that the call had
 * returned: none. The call returns after every CPU dropped the old
 * translation (so Linux, natively and under qemu-user). */
#define SHOOT_SLACK	0
#define REUSE_PAGES	64

enum { BEFORE_CALL, IN_CALL, CALL_RETURNED };
enum { RUNNING, FAULTED, NO_FAULT, BAD_DATA, NEVER_DONE };

struct shoot {
	volatile u64 *page;
	int write;		/* mprotect (writers) or munmap (readers) */
	u64 pattern;
	int state;		/* BEFORE_CALL .. CALL_RETURNED */
	int ready;		/* touchers past their warm-up */
};

static struct shoot *cur_shoot;

static void shoot_handler(int sig, siginfo_t *si, void *uc)
{
	struct worker *w = worker_self();

	(void)uc;
	if (!w)
		ktap_fail("signal %d (code %d, addr %p) in the main thread",
			  sig, si->si_code, si->si_addr);
	w->sig = sig;
	w->code = si->si_code;
	w->fault_addr = si->si_addr;
	w->state_at_fault = __atomic_load_n(&cur_shoot->state,
					    __ATOMIC_ACQUIRE);
	w->outcome = FAULTED;
	siglongjmp(w->jb, 1);
}

static void catch_segv(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = shoot_handler;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGSEGV, &sa, NULL));
	CHECK_SYS(sigaction(SIGBUS, &sa, NULL));
}

/* Read (munmap) or write (mprotect) the page word by word until it
 * faults, checking every word read is the page's own. */
static void shoot_worker(struct worker *w)
{
	struct shoot *s = w->arg;
	volatile u64 *page = s->page;
	long end = ktap_now_ms() + WAIT_MS;
	unsigned long i, j;
	int returned;
	u64 v;

	if (sigsetjmp(w->jb, 1))
		return;
	w->stage = s->write ? "writing the page" : "reading the page";
	for (i = 0;; i++) {
		j = i % WORDS;
		returned = __atomic_load_n(&s->state, __ATOMIC_ACQUIRE) ==
			   CALL_RETURNED;
		if (returned && w->after > SHOOT_SLACK) {
			w->outcome = NO_FAULT;
			return;
		}
		w->addr = &page[j];
		if (s->write) {
			page[j] = s->pattern + i;
		} else {
			v = page[j];
			if (v != s->pattern + j) {
				w->bad = v;
				w->bad_word = (long)j;
				w->outcome = BAD_DATA;
				return;
			}
		}
		w->iters = (long)i + 1;
		w->after += returned;
		if (i == SHOOT_WARMUP)
			__atomic_add_fetch(&s->ready, 1, __ATOMIC_RELEASE);
		if (past(end, i + 1)) {
			w->outcome = NEVER_DONE;
			return;
		}
	}
}

static void wait_ready(struct shoot *s, int n)
{
	long end = ktap_now_ms() + WAIT_MS;
	unsigned long i;

	for (i = 0; __atomic_load_n(&s->ready, __ATOMIC_ACQUIRE) < n; i++)
		if (past(end, i))
			ktap_fail("%d of %d touchers started in %d s",
				  s->ready, n, WAIT_MS / 1000);
}

/* Fill len bytes at p with pattern + word index. */
static void fill_words(volatile u64 *p, size_t len, u64 pattern)
{
	size_t j;

	for (j = 0; j < len / sizeof(u64); j++)
		p[j] = pattern + j;
}

/* What one toucher did, judged: the call's fault, at the word it was
 * touching, soon after the call returned, never before it began. */
static void check_toucher(struct worker *w, int round, int want_code,
			  const char *call)
{
	static const char *const what[] = {
		[RUNNING] = "still running", [FAULTED] = "faulted",
		[NO_FAULT] = "no fault", [BAD_DATA] = "bad data",
		[NEVER_DONE] = "no fault in time",
	};

	if (w->outcome == BAD_DATA)
		ktap_fail("round %d cpu %d: read 0x%llx from word %ld, want "
			  "0x%llx (%s)", round, w->cpu, w->bad, w->bad_word,
			  cur_shoot->pattern + (u64)w->bad_word,
			  (w->bad >> 32) == 0xdeaddeadULL ?
			  "a recycled frame after munmap" : "garbage");
	if (w->outcome != FAULTED)
		ktap_fail("round %d cpu %d: %s: %ld accesses, %ld of them "
			  "after %s returned", round, w->cpu, what[w->outcome],
			  w->iters, w->after, call);
	if (w->sig != SIGSEGV || w->code != want_code)
		ktap_fail("round %d cpu %d: signal %d code %d, want SIGSEGV "
			  "code %d", round, w->cpu, w->sig, w->code, want_code);
	if (w->fault_addr != (void *)w->addr)
		ktap_fail("round %d cpu %d: si_addr %p, touching %p", round,
			  w->cpu, w->fault_addr, (void *)w->addr);
	if (w->state_at_fault == BEFORE_CALL)
		ktap_fail("round %d cpu %d: fault before %s was called", round,
			  w->cpu, call);
}

/*
 * One round: the main thread on main_cpu, a toucher on every other CPU.
 * munmap: the page has a mapped page on either side, so nothing mapped
 * later can land in its hole; right after munmap returns the main thread
 * fills fresh pages, to give the freed frame a new owner and contents.
 * mprotect: the page after the call returns must stay as it was then.
 */
static void shoot_round(int round, int main_cpu, int write)
{
	static u64 snap[WORDS];
	static struct shoot s;
	int cpus[MAX_CPUS], n, i;
	volatile u64 *area, *reuse = NULL;
	const char *call = write ? "mprotect" : "munmap";

	pin_to(main_cpu);
	n = other_cpus(main_cpu, cpus);
	area = map_anon(3 * PAGE);
	memset(&s, 0, sizeof(s));
	s.page = area + WORDS;
	s.write = write;
	s.pattern = 0xa5a5000000000000ULL | (u64)round << 24;
	fill_words(area, 3 * PAGE, s.pattern - WORDS);
	cur_shoot = &s;
	set_stage("starting touchers", round);
	start_workers(n, cpus, shoot_worker, &s);
	set_stage("waiting for the touchers", round);
	wait_ready(&s, n);
	__atomic_store_n(&s.state, IN_CALL, __ATOMIC_RELEASE);
	set_stage(write ? "in mprotect" : "in munmap", round);
	if (write)
		CHECK_SYS(mprotect((void *)s.page, PAGE, PROT_READ));
	else
		CHECK_SYS(munmap((void *)s.page, PAGE));
	if (write)
		memcpy(snap, (const void *)s.page, PAGE);
	__atomic_store_n(&s.state, CALL_RETURNED, __ATOMIC_RELEASE);
	if (!write) {
		set_stage("filling fresh pages", round);
		reuse = map_anon(REUSE_PAGES * PAGE);
		fill_words(reuse, REUSE_PAGES * PAGE, 0xdeaddead00000000ULL);
	}
	set_stage("joining the touchers", round);
	join_workers();
	set_stage("checking", round);
	for (i = 0; i < n; i++)
		check_toucher(&workers[i], round, write ? SEGV_ACCERR :
			      SEGV_MAPERR, call);
	if (write && memcmp(snap, (const void *)s.page, PAGE))
		ktap_fail("round %d: the page changed after mprotect(PROT_READ)"
			  " returned", round);
	if (reuse)
		CHECK_SYS(munmap((void *)reuse, REUSE_PAGES * PAGE));
	CHECK_SYS(munmap((void *)area, 3 * PAGE));
}

static void shootdown(int write)
{
	int r;

	need_two_cpus();
	catch_segv();
	for (r = 0; r < SHOOT_ROUNDS; r++)
		shoot_round(r, cpu_ids[r % ncpus], write);
}

static void munmap_shootdown(void)
{
	shootdown(0);
}

static void mprotect_shootdown(void)
{
	shootdown(1);
}

/* ---- 7: fork_while_writing ---- */

#define FORK_PAGES_PER_WRITER	4
#define FORKS			4

struct fork_area {
	volatile u64 *base;
	int pages_per;		/* each writer's pages, one after another */
	int stop;
	struct barrier started;
};

/* Value v in every word of each of its pages, in order, then v + 1. */
static void fork_writer(struct worker *w)
{
	struct fork_area *a = w->arg;
	volatile u64 *pg = a->base + (size_t)w->index * a->pages_per * WORDS;
	size_t j, words = (size_t)a->pages_per * WORDS;
	u64 v;

	barrier_wait(&a->started, "fork_while_writing start");
	w->stage = "writing its pages";
	for (v = 1; !__atomic_load_n(&a->stop, __ATOMIC_ACQUIRE); v++) {
		w->progress = (long)v;
		beat();
		for (j = 0; j < words; j++)
			pg[j] = v;
		w->last = v;
	}
}

/*
 * A page caught while its writer was going through it: words 0..k-1
 * hold x and the rest x - 1 (k is WORDS if none do). Anything else is
 * torn. Returns k, x in *x.
 */
static unsigned long page_split(volatile u64 *pg, u64 *x, int fork_no, int p)
{
	unsigned long j, k;

	*x = pg[0];
	for (k = 1; k < WORDS && pg[k] == *x; k++)
		;
	for (j = k; j < WORDS; j++)
		if (pg[j] != *x - 1)
			ktap_fail("fork %d: child's page %d torn: word 0 is "
				  "%llu, word %lu is %llu, word %lu is %llu",
				  fork_no, p, *x, k, pg[k], j, pg[j]);
	return k;
}

/* In the child: every page is one snapshot, and stays that snapshot. */
static void check_fork_copy(struct fork_area *a, int npages, int fork_no)
{
	static u64 x[MAX_CPUS * FORK_PAGES_PER_WRITER];
	static unsigned long k[MAX_CPUS * FORK_PAGES_PER_WRITER];
	u64 x2;
	int p;

	for (p = 0; p < npages; p++)
		k[p] = page_split(a->base + (size_t)p * WORDS, &x[p],
				  fork_no, p);
	/* Long enough for a writer with a stale TLB entry to show. */
	spin(50000);
	ktap_sleep_ms(5);
	for (p = 0; p < npages; p++)
		if (page_split(a->base + (size_t)p * WORDS, &x2, fork_no,
			       p) != k[p] || x2 != x[p])
			ktap_fail("fork %d: child's page %d changed under it: "
				  "%lu words of %llu, now of %llu", fork_no, p,
				  k[p], x[p], x2);
}

/* In the parent, once writer w stopped: all its pages hold its last value. */
static void check_writer_pages(struct fork_area *a, struct worker *w)
{
	volatile u64 *pg = a->base + (size_t)w->index * a->pages_per * WORDS;
	size_t j, words = (size_t)a->pages_per * WORDS;

	for (j = 0; j < words; j++)
		if (pg[j] != w->last)
			ktap_fail("parent's page %zu word %zu is %llu, its "
				  "writer ended at %llu", w->index *
				  (size_t)a->pages_per + j / WORDS, j % WORDS,
				  pg[j], w->last);
}

static void fork_while_writing(void)
{
	static struct fork_area a;
	int cpus[MAX_CPUS], n, npages, f, i, st;
	pid_t pid;

	need_two_cpus();
	pin_to(cpu_ids[0]);
	n = other_cpus(cpu_ids[0], cpus);
	a.pages_per = FORK_PAGES_PER_WRITER;
	npages = n * a.pages_per;
	a.base = map_anon((size_t)npages * PAGE);
	a.stop = 0;
	barrier_init(&a.started, n + 1);
	start_workers(n, cpus, fork_writer, &a);
	barrier_wait(&a.started, "fork_while_writing start");
	for (f = 0; f < FORKS; f++) {
		spin(5000 + 7919 * (unsigned long)f);
		set_stage("in fork", f);
		pid = fork();
		if (pid < 0)
			ktap_fail("fork %d: %s", f, ktap_errname(errno));
		if (pid == 0) {
			check_fork_copy(&a, npages, f);
			_exit(0);
		}
		set_stage("waiting for the child", f);
		st = WAIT_CHILD(pid);
		/* A child that failed left its reason: keep it. */
		if (WIFEXITED(st) && WEXITSTATUS(st) == 1 && ktap_reason &&
		    ktap_reason[0])
			_exit(1);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			ktap_fail("fork %d: child %s", f, ktap_status(st));
	}
	__atomic_store_n(&a.stop, 1, __ATOMIC_RELEASE);
	set_stage("joining the writers", FORKS);
	join_workers();
	/* And the parent lost none of its own writes. */
	for (i = 0; i < n; i++)
		check_writer_pages(&a, &workers[i]);
	CHECK_SYS(munmap((void *)a.base, (size_t)npages * PAGE));
}

/* ---- 8: futex_wake_across_cpus ---- */

#define PINGPONG_ROUNDS	100
/* A wait that lasts this long means a wakeup was lost. */
#define FUTEX_WAIT_S	2

struct pingpong {
	int word;		/* 2r + 1: the main thread's turn is over */
	int woken;		/* wakes that found a sleeper */
};

/* Private futex ops on odd rounds, shared ones on even rounds. */
static int futex_op(int op, int round)
{
	return round & 1 ? op | FUTEX_PRIVATE_FLAG : op;
}

static void futex_wait_for(int *word, int want, int round, const char *who)
{
	struct timespec ts = { FUTEX_WAIT_S, 0 };
	long end = ktap_now_ms() + WAIT_MS;
	int v;

	while ((v = __atomic_load_n(word, __ATOMIC_ACQUIRE)) != want) {
		if (futex(word, futex_op(FUTEX_WAIT, round), v, &ts, NULL,
			  0) < 0 && errno == ETIMEDOUT)
			ktap_fail("%s, round %d: FUTEX_WAIT timed out after "
				  "%d s; word is %d, want %d%s", who, round,
				  FUTEX_WAIT_S, *word, want, *word == want ?
				  " (the wakeup was lost)" : "");
		if (ktap_now_ms() > end)
			ktap_fail("%s, round %d: word stayed %d, want %d", who,
				  round, *word, want);
	}
}

static void futex_set_wake(struct pingpong *pp, int v, int round)
{
	long r;

	__atomic_store_n(&pp->word, v, __ATOMIC_RELEASE);
	r = futex(&pp->word, futex_op(FUTEX_WAKE, round), 1, NULL, NULL, 0);
	if (r < 0)
		ktap_fail("FUTEX_WAKE: %s", ktap_errname(errno));
	if (r > 0)
		__atomic_add_fetch(&pp->woken, 1, __ATOMIC_RELAXED);
}

static void pong_worker(struct worker *w)
{
	struct pingpong *pp = w->arg;
	int r;

	w->stage = "in the ping-pong";
	for (r = 0; r < PINGPONG_ROUNDS; r++) {
		w->progress = r;
		beat();
		futex_wait_for(&pp->word, 2 * r + 1, r, "waiter");
		check_on(w->cpu, "woken");
		futex_set_wake(pp, 2 * r + 2, r);
	}
}

static void pingpong(int cpu_a, int cpu_b)
{
	static struct pingpong pp;
	int r;

	memset(&pp, 0, sizeof(pp));
	pin_to(cpu_b);
	start_workers(1, &cpu_a, pong_worker, &pp);
	for (r = 0; r < PINGPONG_ROUNDS; r++) {
		set_stage("in the ping-pong", r);
		futex_set_wake(&pp, 2 * r + 1, r);
		futex_wait_for(&pp.word, 2 * r + 2, r, "main");
		check_on(cpu_b, "woken");
	}
	join_workers();
	if (pp.woken == 0)
		ktap_fail("cpus %d and %d: no FUTEX_WAKE found a sleeper in "
			  "%d rounds", cpu_a, cpu_b, 2 * PINGPONG_ROUNDS);
}

static void futex_wake_across_cpus(void)
{
	int i;

	need_two_cpus();
	for (i = 1; i < ncpus; i++)
		pingpong(cpu_ids[i], cpu_ids[0]);
}

/* ---- 10: proc_stat_per_cpu ---- */

/*
 * The user ticks of each CPU in /proc/stat ("cpuN user nice system idle
 * ..."), in cpu_ids[] order; returns how many "cpuN " lines there were.
 */
static int proc_stat_user_ticks(unsigned long *user)
{
	char *buf = read_proc("/proc/stat"), *line;
	int n = 0;

	if (strncmp(buf, "cpu  ", 5))
		ktap_fail("/proc/stat does not start with the total line");
	for_each_line(line, buf) {
		char *end;
		long id;

		if (strncmp(line, "cpu", 3) || line[3] < '0' || line[3] > '9')
			continue;
		id = strtol(line + 3, &end, 10);
		if (n >= ncpus || id != cpu_ids[n])
			ktap_fail("/proc/stat line %d is cpu%ld, want cpu%d", n,
				  id, n < ncpus ? cpu_ids[n] : -1);
		user[n++] = strtoul(end, NULL, 10);
	}
	return n;
}

/* Spinning in user mode on CPU k shows as user time of cpuk. */
static void proc_stat_per_cpu(void)
{
	unsigned long before[MAX_CPUS], now[MAX_CPUS];
	int i, n;

	read_cpus();
	n = proc_stat_user_ticks(before);
	if (n != ncpus)
		ktap_fail("%d cpuN lines in /proc/stat, %d CPUs", n, ncpus);
	for (i = 0; i < ncpus; i++) {
		long end = ktap_now_ms() + WAIT_MS;

		pin_to(cpu_ids[i]);
		set_stage("spinning for user ticks", i);
		proc_stat_user_ticks(before);
		do {
			spin(100000);
			beat();
			proc_stat_user_ticks(now);
			if (ktap_now_ms() > end)
				ktap_fail("cpu%d: user ticks %lu -> %lu after "
					  "%d s of spinning there", cpu_ids[i],
					  before[i], now[i], WAIT_MS / 1000);
		} while (now[i] < before[i] + 3);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(cpus),
	KTAP_CASE(affinity_pins),
	KTAP_CASE(threads_on_all_cpus),
	KTAP_CASE(fault_disjoint),
	KTAP_CASE(fault_shared),
	KTAP_CASE(munmap_shootdown),
	KTAP_CASE(mprotect_shootdown),
	KTAP_CASE(fork_while_writing),
	KTAP_CASE(futex_wake_across_cpus),
	KTAP_CASE(proc_stat_per_cpu),
};

int main(void)
{
	return ktap_run("smp", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
