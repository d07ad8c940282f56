/*
 * oom: running out of memory. A process touching more memory than the
 * machine has is killed with SIGKILL by the out-of-memory path (the
 * largest resident set, never init), its parent goes on, and the free
 * memory comes back to what it was, every time; a smaller process that
 * runs out while a bigger one sleeps gets the memory of the bigger one
 * and finishes; a system call filling a huge buffer ends short, never
 * with a panic; a request that could never be backed is refused at once.
 */
#define _GNU_SOURCE
#include <fcntl.h>
/* Each case zeroes about 256 MiB: tens of seconds under TCG when the
 * host is busy. */
#define KTAP_CASE_TIMEOUT_MS	180000
#include "ktap.h"

#define PAGE		4096UL
#define MiB		(1024UL * 1024)
/* More than the 256 MiB machine (and address space to spare). */
#define TOO_MUCH	(1024 * MiB)

static long mem_free_kb(void)
{
	long kb = ktap_meminfo_kb("MemFree:");

	CHECK(kb >= 0);
	return kb;
}

/* MAP_NORESERVE: the hogs ask for more than the machine has on purpose,
 * which the heuristic overcommit (as Linux's default) refuses otherwise. */
static char *map_anon(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		_exit(100);
	return p;
}

/*
 * Everything the case's processes took is free again: MemFree is not
 * below what it was before. It may be above: a page the kernel held when
 * the case began (a kmalloc slab whose last object went with the case's
 * process) can come back with it, and that is no leak.
 */
static void check_memory_back(long before, const char *when)
{
	long after = mem_free_kb();

	if (after < before)
		ktap_fail("MemFree %ld kB before, %ld kB after %s: %ld kB lost",
			  before, after, when, before - after);
	if (after > before)
		ktap_diag("MemFree %ld kB before, %ld kB after %s", before,
			  after, when);
}

/* Touch len bytes, one write per page. */
static void touch(char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += PAGE)
		p[i] = (char)i | 1;
}

/* Reap pid: a hang detector, not a speed limit. Touching all of memory
 * takes tens of seconds under TCG with four CPUs on a busy 2-core host. */
#define REAP_TIMEOUT_S	150

static int reap(pid_t pid)
{
	int st = 0, w = ktap_wait_timeout(pid, &st, REAP_TIMEOUT_S * 1000);

	if (w > 0)
		ktap_fail("child %d did not finish in %d s", (int)pid,
			  REAP_TIMEOUT_S);
	if (w)
		ktap_fail("child %d could not be waited for", (int)pid);
	return st;
}

/* One hog: it must die by SIGKILL and all its memory come back. */
static void one_hog(void)
{
	long before = mem_free_kb();
	pid_t pid = CHECK_SYS(fork());
	int st;

	if (pid == 0) {
		touch(map_anon(TOO_MUCH), TOO_MUCH);
		_exit(3);	/* it all fit: the test is wrong */
	}
	st = reap(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		ktap_fail("the hog %s, want killed by SIGKILL",
			  ktap_status(st));
	check_memory_back(before, "the hog died");
}

/* Ten times in a row (one case each: each takes a while under TCG). */
#define HOG_CASE(n) static void hog_killed_memory_back_##n(void) { one_hog(); }
HOG_CASE(1) HOG_CASE(2) HOG_CASE(3) HOG_CASE(4) HOG_CASE(5)
HOG_CASE(6) HOG_CASE(7) HOG_CASE(8) HOG_CASE(9) HOG_CASE(10)

/*
 * A big process sleeps; a smaller one grows until memory runs out. The
 * victim is the big one (largest resident set), not the one faulting:
 * the faulting process retries and finishes once the victim is gone.
 */
static void faulting_process_retries_after_victim_dies(void)
{
	long before = mem_free_kb(), total_kb;
	size_t big, grow;
	int ready[2], hold[2], st;
	pid_t hog, grower;
	char c;

	total_kb = before;
	big = (size_t)total_kb * 1024 / 10 * 6;		/* 60% of free */
	grow = (size_t)total_kb * 1024 / 10 * 6;	/* 60% again */
	big &= ~(PAGE - 1);
	grow &= ~(PAGE - 1);
	CHECK_SYS(pipe(ready));
	CHECK_SYS(pipe(hold));
	hog = CHECK_SYS(fork());
	if (hog == 0) {
		close(ready[0]);
		close(hold[1]);
		touch(map_anon(big), big);
		(void)!write(ready[1], "r", 1);
		(void)!read(hold[0], &c, 1);	/* sleep until killed */
		_exit(8);
	}
	close(ready[1]);
	close(hold[0]);
	if (read(ready[0], &c, 1) != 1)
		ktap_fail("the big process did not get its memory");
	grower = CHECK_SYS(fork());
	if (grower == 0) {
		touch(map_anon(grow), grow);
		_exit(0);
	}
	st = reap(grower);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		ktap_fail("the growing process %s, want exited 0",
			  ktap_status(st));
	st = reap(hog);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		ktap_fail("the big process %s, want killed by SIGKILL",
			  ktap_status(st));
	close(ready[0]);
	close(hold[1]);
	check_memory_back(before, "both processes ended");
}

/*
 * read() into a mapping larger than memory: the copy faults in kernel
 * mode, and when no page is left the fault is EFAULT through the
 * exception table (no panic, no kill): the call returns what it copied.
 */
static void syscall_into_too_much_memory_is_short(void)
{
	long before = mem_free_kb();
	pid_t pid = CHECK_SYS(fork());
	int st;

	if (pid == 0) {
		int fd = open("/dev/zero", O_RDONLY);
		char *p = map_anon(TOO_MUCH);
		long n = read(fd, p, TOO_MUCH);

		_exit(n > 0 && (unsigned long)n < TOO_MUCH ? 0 : 9);
	}
	st = reap(pid);
	/* Linux's allocator would OOM-kill the reader instead; either way
	 * the kernel lives on and the memory comes back. */
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0) &&
	    !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL))
		ktap_fail("the reader %s", ktap_status(st));
	check_memory_back(before, "the reader ended");
}

/*
 * Heuristic overcommit, as Linux's default (overcommit_memory 0): a
 * request for more private writable (or shared anonymous) memory than the
 * machine has is refused at once with ENOMEM, whichever way it comes
 * (mmap, mprotect to writable, brk); read-only or MAP_NORESERVE mappings
 * commit nothing and are allowed; less than RAM is allowed even if it is
 * not free now.
 */
#define NEVER_FITS	(64UL << 30)	/* inside riscv64's 256 GiB too */

static void overcommit_heuristic(void)
{
	long total_kb = ktap_meminfo_kb("MemTotal:");
	size_t half = (size_t)total_kb * 1024 / 2 & ~(PAGE - 1);
	void *p, *brk0;

	CHECK(total_kb > 0);
	CHECK(mmap(NULL, NEVER_FITS, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == ENOMEM);
	CHECK(mmap(NULL, NEVER_FITS, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == ENOMEM);
	p = mmap(NULL, NEVER_FITS, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_SYS(munmap(p, NEVER_FITS));
	p = mmap(NULL, NEVER_FITS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_ERR(mprotect(p, NEVER_FITS, PROT_READ | PROT_WRITE), ENOMEM);
	CHECK_SYS(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
	CHECK_SYS(munmap(p, NEVER_FITS));
	p = mmap(NULL, half, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_SYS(munmap(p, half));
	brk0 = sbrk(0);
	CHECK(sbrk((long)NEVER_FITS) == (void *)-1 && errno == ENOMEM);
	CHECK(sbrk(0) == brk0);
}

static void warm_up(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		touch(map_anon(4 * MiB), 4 * MiB);
		_exit(0);
	}
	(void)reap(pid);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(hog_killed_memory_back_1),
	KTAP_CASE(hog_killed_memory_back_2),
	KTAP_CASE(hog_killed_memory_back_3),
	KTAP_CASE(hog_killed_memory_back_4),
	KTAP_CASE(hog_killed_memory_back_5),
	KTAP_CASE(hog_killed_memory_back_6),
	KTAP_CASE(hog_killed_memory_back_7),
	KTAP_CASE(hog_killed_memory_back_8),
	KTAP_CASE(hog_killed_memory_back_9),
	KTAP_CASE(hog_killed_memory_back_10),
	KTAP_CASE(faulting_process_retries_after_victim_dies),
	KTAP_CASE(syscall_into_too_much_memory_is_short),
	KTAP_CASE(overcommit_heuristic),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	warm_up();
	return ktap_run("oom", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
