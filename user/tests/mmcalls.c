/*
 * mmcalls: the memory calls beyond mmap/munmap/mprotect: mlock, mlock2,
 * munlock, mlockall, munlockall, MAP_LOCKED and MAP_POPULATE (pages are
 * there at once: mincore says so), msync's and mincore's checks,
 * MAP_SHARED_VALIDATE refusing flags it does not know, and mremap growing,
 * shrinking and moving memory with its contents. Every expected
 * value is Linux's: the suite passes when run natively on Linux x86_64.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include "ktap.h"

#define PAGE 4096UL

static long msync(void *addr, size_t len, int flags)
{
	return syscall(__NR_msync, addr, len, flags);
}

static char *map_anon(size_t len, int prot, int flags)
{
	char *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags,
		       -1, 0);

	CHECK(p != MAP_FAILED);
	return p;
}

/* How many of the n pages at p mincore says are resident. */
static int resident(char *p, unsigned long n)
{
	unsigned char v[64];
	unsigned long i;
	int count = 0;

	CHECK(n <= sizeof(v));
	CHECK_SYS(syscall(__NR_mincore, p, n * PAGE, v));
	for (i = 0; i < n; i++)
		count += v[i] & 1;
	return count;
}

static void mincore_sees_touched_pages(void)
{
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE, 0);

	CHECK_EQ(resident(p, 4), 0);
	p[0] = 1;
	p[2 * PAGE] = 1;
	CHECK_EQ(resident(p, 4), 2);
	CHECK_SYS(madvise(p, PAGE, MADV_DONTNEED));
	CHECK_EQ(resident(p, 4), 1);
	/* A length that ends inside a page counts that page. */
	CHECK_EQ(resident(p + 2 * PAGE, 1), 1);
}

static void mincore_bad_input(void)
{
	char *p = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, 0);
	unsigned char v[3];

	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_ERR(syscall(__NR_mincore, p, 3 * PAGE, v), ENOMEM);
	CHECK_ERR(syscall(__NR_mincore, p + 1, PAGE, v), EINVAL);
	CHECK_ERR(syscall(__NR_mincore, p, PAGE, (void *)8), EFAULT);
	CHECK_EQ(syscall(__NR_mincore, p, 0, v), 0);
}

static void mlock_faults_pages_in(void)
{
	char *p = map_anon(8 * PAGE, PROT_READ | PROT_WRITE, 0);

	CHECK_EQ(resident(p, 8), 0);
	/* Rounded out to whole pages: 1 byte into page 1 to page 3. */
	CHECK_SYS(syscall(__NR_mlock, p + PAGE + 1, 2 * PAGE));
	CHECK_EQ(resident(p, 8), 3);
	CHECK_EQ(resident(p + PAGE, 3), 3);
	CHECK_SYS(syscall(__NR_munlock, p, 8 * PAGE));
	CHECK_EQ(syscall(__NR_mlock, p, 0), 0);
	/* MLOCK_ONFAULT locks without faulting in. */
	CHECK_SYS(syscall(__NR_mlock2, p + 5 * PAGE, PAGE, 1));
	CHECK_EQ(resident(p + 5 * PAGE, 1), 0);
}

/* The pages mlock faults in are the process's own: a write after fork
 * in the child does not show in the parent, and the child's memory is not
 * locked (locks are not inherited). */
static void mlock_then_fork(void)
{
	char *p = map_anon(2 * PAGE, PROT_READ | PROT_WRITE, 0);
	pid_t pid;

	p[0] = 'a';
	CHECK_SYS(syscall(__NR_mlock, p, 2 * PAGE));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		p[0] = 'b';
		/* Not locked in the child: MS_INVALIDATE is allowed. */
		_exit(msync(p, PAGE, MS_INVALIDATE) == 0 ? 0 : 1);
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(p[0], 'a');
	CHECK_ERR(msync(p, PAGE, MS_INVALIDATE), EBUSY);
	CHECK_SYS(syscall(__NR_munlock, p, 2 * PAGE));
	CHECK_SYS(msync(p, PAGE, MS_INVALIDATE));
}

static void mlock_bad_input(void)
{
	char *p = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, 0);
	char *none = map_anon(PAGE, PROT_NONE, 0);

	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_ERR(syscall(__NR_mlock, p, 3 * PAGE), ENOMEM);
	CHECK_ERR(syscall(__NR_munlock, p, 3 * PAGE), ENOMEM);
	CHECK_ERR(syscall(__NR_mlock, none, PAGE), ENOMEM);
	CHECK_ERR(syscall(__NR_mlock2, p, PAGE, 2), EINVAL);
	CHECK_ERR(syscall(__NR_mlockall, 0), EINVAL);
	CHECK_ERR(syscall(__NR_mlockall, 4), EINVAL);	/* ONFAULT alone */
	CHECK_ERR(syscall(__NR_mlockall, 8), EINVAL);
}

/* mlockall(MCL_CURRENT | MCL_FUTURE): everything now, and every later
 * mapping, is faulted in; munlockall ends both. */
static void mlockall_current_and_future(void)
{
	char *before = map_anon(2 * PAGE, PROT_READ | PROT_WRITE, 0);
	char *after;

	CHECK_SYS(syscall(__NR_mlockall, 3));
	CHECK_EQ(resident(before, 2), 2);
	after = map_anon(2 * PAGE, PROT_READ | PROT_WRITE, 0);
	CHECK_EQ(resident(after, 2), 2);
	CHECK_SYS(syscall(__NR_munlockall));
	after = map_anon(2 * PAGE, PROT_READ | PROT_WRITE, 0);
	CHECK_EQ(resident(after, 2), 0);
}

static void map_locked_and_populate(void)
{
	char *l = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, MAP_LOCKED);
	char *p = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, MAP_POPULATE);

	CHECK_EQ(resident(l, 3), 3);
	CHECK_EQ(resident(p, 3), 3);
	CHECK_ERR(msync(l, PAGE, MS_INVALIDATE), EBUSY);
	CHECK_SYS(msync(p, PAGE, MS_INVALIDATE));
}

static void msync_checks(void)
{
	char *p = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, 0);

	CHECK_SYS(msync(p, 3 * PAGE, MS_SYNC));
	CHECK_SYS(msync(p, PAGE + 1, MS_ASYNC | MS_INVALIDATE));
	CHECK_SYS(msync(p, 0, MS_SYNC));
	CHECK_ERR(msync(p, PAGE, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR(msync(p, PAGE, 8), EINVAL);
	CHECK_ERR(msync(p + 1, PAGE, MS_SYNC), EINVAL);
	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_ERR(msync(p, 3 * PAGE, MS_SYNC), ENOMEM);
	CHECK_ERR(msync(p + PAGE, PAGE, MS_SYNC), ENOMEM);
}

/* MAP_SHARED_VALIDATE: a file mapping with a flag the kernel does not
 * know fails with EOPNOTSUPP (MAP_SHARED ignores it); anonymous memory
 * cannot be mapped with it at all. */
static void map_shared_validate(void)
{
	char path[64];
	void *m;
	int fd;

	mkdir("/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/mmcalls.%d", getpid());
	fd = CHECK_SYS(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
	unlink(path);
	CHECK_SYS(ftruncate(fd, PAGE));
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED_VALIDATE | 0x800000,
		       fd, 0), EOPNOTSUPP);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED | 0x800000, fd, 0);
	CHECK(m != MAP_FAILED);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_POPULATE |
		 MAP_NORESERVE, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL);
}

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

static char *mremap_(void *old, size_t old_len, size_t new_len, int flags,
		     void *new_addr)
{
	return (char *)syscall(__NR_mremap, old, old_len, new_len, flags,
			       new_addr);
}

static void fill(char *p, unsigned long pages, char seed)
{
	unsigned long i;

	for (i = 0; i < pages; i++)
		memset(p + i * PAGE, seed + (char)i, PAGE);
}

static void check_fill(char *p, unsigned long pages, char seed)
{
	unsigned long i;

	for (i = 0; i < pages; i++) {
		CHECK_EQ(p[i * PAGE], (char)(seed + (char)i));
		CHECK_EQ(p[i * PAGE + PAGE - 1], (char)(seed + (char)i));
	}
}

/* Is the page at p mapped at all (mincore: ENOMEM where it is not)? */
static int mapped(char *p)
{
	unsigned char v;

	return syscall(__NR_mincore, p, PAGE, &v) == 0;
}

static void mremap_grows_in_place(void)
{
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE, 0), *q;

	CHECK_SYS(munmap(p + 2 * PAGE, 2 * PAGE));
	fill(p, 2, 'a');
	q = mremap_(p, 2 * PAGE, 4 * PAGE, 0, NULL);
	CHECK(q == p);
	check_fill(p, 2, 'a');
	CHECK_EQ(p[3 * PAGE], 0);	/* the new part is zero-filled */
	/* Shrinking unmaps the tail. */
	q = mremap_(p, 4 * PAGE, PAGE + 1, 0, NULL);
	CHECK(q == p);
	CHECK(mapped(p + PAGE));
	CHECK(!mapped(p + 2 * PAGE));
	CHECK(!mapped(p + 3 * PAGE));
	check_fill(p, 2, 'a');
}

/* Blocked by the next mapping: without MREMAP_MAYMOVE ENOMEM, with it
 * the pages move to a new address and the old one is gone. */
static void mremap_moves_contents(void)
{
	char *p = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, 0), *q;

	fill(p, 2, 'k');
	CHECK_SYS(mprotect(p + 2 * PAGE, PAGE, PROT_READ));	/* a wall */
	CHECK_ERR(mremap_(p, 2 * PAGE, 4 * PAGE, 0, NULL), ENOMEM);
	q = mremap_(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL);
	CHECK(q != MAP_FAILED && q != p);
	check_fill(q, 2, 'k');
	CHECK_EQ(q[3 * PAGE], 0);
	q[3 * PAGE] = 1;
	CHECK(!mapped(p));
	CHECK(!mapped(p + PAGE));
	CHECK(mapped(p + 2 * PAGE));
	/* Moved private memory stays private across fork. */
	{
		pid_t pid = CHECK_SYS(fork());

		if (pid == 0) {
			q[0] = 'z';
			_exit(q[0] == 'z' ? 0 : 1);
		}
		CHECK_EXITED(pid, 0);
		CHECK_EQ(q[0], 'k');
	}
}

static void mremap_fixed_and_dontunmap(void)
{
	char *p = map_anon(2 * PAGE, PROT_READ | PROT_WRITE, 0);
	char *target = map_anon(3 * PAGE, PROT_READ, 0), *q;

	fill(p, 2, 'f');
	/* MREMAP_FIXED replaces whatever was at the target. */
	q = mremap_(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		    target + PAGE);
	CHECK(q == target + PAGE);
	check_fill(q, 2, 'f');
	q[0] = 'w';			/* writable now: p's protection */
	CHECK(!mapped(p));
	/* MREMAP_DONTUNMAP: the old range stays, empty (zero-filled). */
	p = mremap_(q, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	CHECK(p != MAP_FAILED && p != q);
	CHECK_EQ(p[0], 'w');
	CHECK(mapped(q));
	CHECK_EQ(q[0], 0);
}

/* old_len 0 on shared memory: a second mapping of the same pages. */
static void mremap_shared_second_mapping(void)
{
	char *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0), *t;

	CHECK(s != MAP_FAILED);
	t = mremap_(s, 0, PAGE, MREMAP_MAYMOVE, NULL);
	CHECK(t != MAP_FAILED && t != s);
	s[10] = 'x';
	CHECK_EQ(t[10], 'x');
	t[11] = 'y';
	CHECK_EQ(s[11], 'y');
	CHECK_ERR(mremap_(s, 0, PAGE, 0, NULL), ENOMEM);
}

static void mremap_bad_input(void)
{
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE, 0);

	CHECK_ERR(mremap_(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
			  NULL), EINVAL);
	CHECK_ERR(mremap_(p, PAGE, PAGE, MREMAP_DONTUNMAP, NULL), EINVAL);
	CHECK_ERR(mremap_(p, PAGE, PAGE, MREMAP_FIXED, p + 2 * PAGE), EINVAL);
	CHECK_ERR(mremap_(p, PAGE, PAGE, 8, NULL), EINVAL);
	CHECK_ERR(mremap_(p + 1, PAGE, PAGE, 0, NULL), EINVAL);
	CHECK_ERR(mremap_(p, PAGE, 0, 0, NULL), EINVAL);
	CHECK_ERR(mremap_(p, 0, PAGE, MREMAP_MAYMOVE, NULL), EINVAL);
	CHECK_ERR(mremap_(p, 8 * PAGE, 9 * PAGE, MREMAP_MAYMOVE, NULL),
		  EFAULT);
	CHECK_ERR(mremap_((void *)0x10000, PAGE, 2 * PAGE, MREMAP_MAYMOVE,
			  NULL), EFAULT);
	CHECK_ERR(mremap_(p, 2 * PAGE, 2 * PAGE,
			  MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE), EINVAL);
	CHECK_ERR(mremap_(p, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
			  p + 2 * PAGE + 1), EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(mincore_sees_touched_pages),
	KTAP_CASE(mincore_bad_input),
	KTAP_CASE(mlock_faults_pages_in),
	KTAP_CASE(mlock_then_fork),
	KTAP_CASE(mlock_bad_input),
	KTAP_CASE(mlockall_current_and_future),
	KTAP_CASE(map_locked_and_populate),
	KTAP_CASE(msync_checks),
	KTAP_CASE(map_shared_validate),
	KTAP_CASE(mremap_grows_in_place),
	KTAP_CASE(mremap_moves_contents),
	KTAP_CASE(mremap_fixed_and_dontunmap),
	KTAP_CASE(mremap_shared_second_mapping),
	KTAP_CASE(mremap_bad_input),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("mmcalls", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
