/*
 * faultdemo: walks through the page faults a process meets, printing what
 * happened and the fault counters after each step: demand-zero pages from
 * mmap, copy-on-write after fork, a write to read-only memory caught as
 * SIGSEGV (SEGV_ACCERR, with the address), and stack growth by recursion.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE	4096UL
#define NPAGES	64UL

struct faults {
	long minor, major;
	int valid;
};

/* Minor and major fault counts: fields 10 and 12 of /proc/self/stat. */
static struct faults read_faults(void)
{
	struct faults f = { 0, 0, 0 };
	char buf[1024], *p;
	ssize_t n;
	int fd, field;

	fd = open("/proc/self/stat", O_RDONLY);
	if (fd < 0)
		return f;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return f;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the name may hold spaces */
	if (!p)
		return f;
	/* After ") " comes field 3 (state); walk to field 10. */
	for (field = 2; *p && field < 10; p++)
		if (*p == ' ')
			field++;
	f.minor = strtol(p, &p, 10);
	strtol(p, &p, 10);			/* field 11: children's */
	f.major = strtol(p, NULL, 10);
	f.valid = 1;
	return f;
}

static struct faults before;

static void start(void)
{
	before = read_faults();
}

static void report(const char *what)
{
	struct faults now = read_faults();

	if (now.valid && before.valid)
		printf("   faults: %ld minor, %ld major during %s\n",
		       now.minor - before.minor, now.major - before.major, what);
}

static void demand_zero(void)
{
	unsigned char *mem;
	unsigned long i, nonzero = 0;

	printf("1. demand-zero: mmap %lu pages of anonymous memory\n", NPAGES);
	mem = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("   mmap");
		return;
	}
	start();
	for (i = 0; i < NPAGES; i++) {
		nonzero += mem[i * PAGE] != 0;	/* first touch: a read */
		mem[i * PAGE] = (unsigned char)i;	/* then a write */
	}
	printf("   touched each page: %lu read back nonzero before writing\n",
	       nonzero);
	report("the touches");
	munmap(mem, NPAGES * PAGE);
}

static void cow_after_fork(void)
{
	volatile int *shared;
	int status;
	pid_t pid;

	printf("2. copy-on-write: parent writes 1, child writes 2 after fork\n");
	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		perror("   mmap");
		return;
	}
	*shared = 1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("   fork");
		return;
	}
	if (pid == 0) {
		start();
		*shared = 2;	/* a private copy of the page is made here */
		printf("   child sees %d after its write\n", *shared);
		report("the child's write");
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("   parent still sees %d: %s\n", *shared,
	       *shared == 1 ? "the pages were copied on write" :
	       "BROKEN: the child's write leaked");
	munmap((void *)shared, PAGE);
}

static sigjmp_buf recover;
static volatile void *fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(recover, 1);
}

static void write_readonly(void)
{
	struct sigaction sa, old;
	volatile char *ro;

	printf("3. write to read-only memory (mmap with PROT_READ)\n");
	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED) {
		perror("   mmap");
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, &old);
	if (sigsetjmp(recover, 1) == 0) {
		ro[42] = 'x';
		printf("   the write went through: BROKEN\n");
	} else {
		printf("   caught SIGSEGV: si_code %d (%s), si_addr %p "
		       "(the page + 42 is %p)\n", fault_code,
		       fault_code == SEGV_ACCERR ? "SEGV_ACCERR" :
		       fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : "?",
		       fault_addr, (void *)(ro + 42));
	}
	sigaction(SIGSEGV, &old, NULL);
	munmap((void *)ro, PAGE);
}

/* Each frame holds a page-sized buffer it touches, so the stack grows by
 * about a page per level. */
static unsigned long deepest;

static int recurse(int depth)
{
	volatile char frame[PAGE];

	frame[0] = (char)depth;
	frame[PAGE - 1] = (char)depth;
	if (depth == 0) {
		deepest = (unsigned long)frame;
		return 0;
	}
	return recurse(depth - 1) + (frame[0] != (char)depth);
}

static void stack_growth(void)
{
	char here;
	const int depth = 256;
	int broken;

	printf("4. stack growth: %d nested calls with a 4 KiB frame each\n",
	       depth);
	start();
	broken = recurse(depth);
	printf("   the stack grew down by %lu KiB%s\n",
	       ((unsigned long)&here - deepest) / 1024,
	       broken ? ", BROKEN: frames lost their contents" : "");
	report("the recursion");
}

/* Faultline may offer its own per-process counters; show them if so. */
static int show_kernel_counters(void)
{
	char buf[2048];
	ssize_t n;
	int fd = open("/proc/self/faults", O_RDONLY);

	if (fd < 0)
		return 0;
	printf("/proc/self/faults:\n");
	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, (size_t)n);
	close(fd);
	return 1;
}

int main(void)
{
	struct faults f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	demand_zero();
	cow_after_fork();
	write_readonly();
	stack_growth();
	f = read_faults();
	if (f.valid)
		printf("total for this process: %ld minor faults, %ld major\n",
		       f.minor, f.major);
	else
		printf("(no /proc/self/stat: fault counters not shown)\n");
	show_kernel_counters();
	return 0;
}
