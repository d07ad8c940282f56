/*
 * filemap: mappings of files and what memory failure does to mappings.
 * mmap of ramfs files (MAP_SHARED: the file's own pages; MAP_PRIVATE: copied
 * on write), offsets, SIGBUS beyond the end, the errno values Linux gives,
 * /proc/self/maps columns, /dev/zero; then madvise(MADV_HWPOISON): SIGBUS
 * with BUS_MCEERR_AR and si_addr_lsb 12, frames counted and never reused.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <sys/stat.h>
#include "ktap.h"
#include "testlib.h"

#define PAGE	4096UL
#ifndef BUS_ADRERR
#define BUS_ADRERR	2
#endif
#ifndef BUS_MCEERR_AR
#define BUS_MCEERR_AR	4
#endif

/* stmt must raise sig with si_code code at si_addr addr, si_addr_lsb lsb. */
#define EXPECT_FAULT(stmt, sig, code, addr, lsb) do {			\
	void *volatile _want = (void *)(addr);				\
	catch_faults();							\
	fault_count = 0;						\
	if (sigsetjmp(fault_jb, 1) == 0) {				\
		stmt;							\
		ktap_fail("line %d: %s did not fault", __LINE__, #stmt); \
	}								\
	if (fault_info.si_signo != (sig) ||				\
	    fault_info.si_code != (code) ||				\
	    fault_info.si_addr != _want ||				\
	    fault_info.si_addr_lsb != (lsb))				\
		ktap_fail("line %d: %s: signal %d si_code %d si_addr %p " \
			  "lsb %d, want %d/%d at %p lsb %d", __LINE__,	\
			  #stmt, fault_info.si_signo, fault_info.si_code, \
			  fault_info.si_addr, fault_info.si_addr_lsb,	\
			  (sig), (code), _want, (lsb));			\
} while (0)

#define READ(p)		((void)*(volatile char *)(p))
#define WRITE(p)	(*(volatile char *)(p) = 1)

/* ---- helpers ---- */

/* A new file in /tmp holding n bytes: byte i is (i * 7 + seed) & 0xff. */
static int make_file(const char *path, size_t n, int seed)
{
	static unsigned char buf[PAGE];
	size_t done = 0, i;
	int fd;

	unlink(path);
	fd = CHECK_SYS(open(path, O_RDWR | O_CREAT | O_TRUNC, 0644));
	while (done < n) {
		size_t chunk = n - done < PAGE ? n - done : PAGE;

		for (i = 0; i < chunk; i++)
			buf[i] = (unsigned char)((done + i) * 7 + seed);
		CHECK_EQ(write(fd, buf, chunk), (long)chunk);
		done += chunk;
	}
	return fd;
}

static unsigned char pattern(size_t i, int seed)
{
	return (unsigned char)(i * 7 + seed);
}

static void *map_file(size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = mmap(NULL, len, prot, flags, fd, off);

	if (p == MAP_FAILED)
		ktap_fail("mmap fd %d off %ld: %s", fd, (long)off,
			  ktap_errname(errno));
	return p;
}

static unsigned char file_byte(int fd, off_t off)
{
	unsigned char c = 0;

	CHECK_EQ(pread(fd, &c, 1, off), 1);
	return c;
}

/* A kB figure from /proc/meminfo ("MemFree", "HardwareCorrupted"). */
static long meminfo_kb(const char *name)
{
	long kb = ktap_meminfo_kb(name);

	if (kb < 0)
		ktap_fail("no %s in /proc/meminfo", name);
	return kb;
}

/* ---- file mappings ---- */

static void shared_mapping_is_the_file(void)
{
	int fd = make_file("/tmp/fm_shared", 2 * PAGE, 1);
	unsigned char *p = map_file(2 * PAGE, PROT_READ | PROT_WRITE,
				    MAP_SHARED, fd, 0);
	unsigned char *q = map_file(2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	unsigned char c = 0x99;

	CHECK_EQ(p[0], pattern(0, 1));
	CHECK_EQ(p[PAGE + 5], pattern(PAGE + 5, 1));
	p[10] = 0xab;				/* mapping -> read() */
	CHECK_EQ(file_byte(fd, 10), 0xab);
	CHECK_EQ(q[10], 0xab);			/* and the other mapper */
	CHECK_EQ(pwrite(fd, &c, 1, PAGE + 1), 1);	/* write() -> maps */
	CHECK_EQ(p[PAGE + 1], 0x99);
	CHECK_EQ(q[PAGE + 1], 0x99);
	CHECK_SYS(munmap(p, 2 * PAGE));
	CHECK_SYS(munmap(q, 2 * PAGE));
	close(fd);
	unlink("/tmp/fm_shared");
}

static void private_mapping_copies_on_write(void)
{
	int fd = make_file("/tmp/fm_private", 2 * PAGE, 2);
	unsigned char *p = map_file(2 * PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE, fd, 0);
	unsigned char c = 0x77;

	CHECK_EQ(p[3], pattern(3, 2));
	p[3] = 0x11;				/* never reaches the file */
	CHECK_EQ(p[3], 0x11);
	CHECK_EQ(file_byte(fd, 3), pattern(3, 2));
	/* A page not yet written still shows the file, as on Linux. */
	CHECK_EQ(p[PAGE], pattern(PAGE, 2));
	CHECK_EQ(pwrite(fd, &c, 1, PAGE), 1);
	CHECK_EQ(p[PAGE], 0x77);
	/* ... and a page that was copied does not. */
	CHECK_EQ(pwrite(fd, &c, 1, 3), 1);
	CHECK_EQ(p[3], 0x11);
	/* A private writable mapping of a read-only file is fine. */
	close(fd);
	fd = CHECK_SYS(open("/tmp/fm_private", O_RDONLY));
	CHECK_SYS(munmap(p, 2 * PAGE));
	p = map_file(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	p[0] = 0;
	CHECK_EQ(file_byte(fd, 0), pattern(0, 2));
	close(fd);
	unlink("/tmp/fm_private");
}

static void offsets_are_in_pages(void)
{
	int fd = make_file("/tmp/fm_off", 4 * PAGE, 3);
	unsigned char *p = map_file(2 * PAGE, PROT_READ, MAP_SHARED, fd,
				    2 * PAGE);

	CHECK_EQ(p[0], pattern(2 * PAGE, 3));
	CHECK_EQ(p[PAGE + 9], pattern(3 * PAGE + 9, 3));
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
	close(fd);
	unlink("/tmp/fm_off");
}

/* Beyond the end of the file (rounded up to a page) there is no page:
 * SIGBUS/BUS_ADRERR at the address, as on Linux; the tail of the last
 * page reads zeros. */
static void beyond_eof_is_sigbus(void)
{
	int fd = make_file("/tmp/fm_eof", 100, 4);
	unsigned char *p = map_file(3 * PAGE, PROT_READ | PROT_WRITE,
				    MAP_SHARED, fd, 0);

	CHECK_EQ(p[99], pattern(99, 4));
	CHECK_EQ(p[100], 0);
	CHECK_EQ(p[PAGE - 1], 0);
	EXPECT_FAULT(READ(p + PAGE + 8), SIGBUS, BUS_ADRERR, p + PAGE + 8, 0);
	EXPECT_FAULT(WRITE(p + 2 * PAGE), SIGBUS, BUS_ADRERR, p + 2 * PAGE, 0);
	/* Growing the file makes the page appear. */
	CHECK_SYS(ftruncate(fd, 2 * PAGE));
	CHECK_EQ(p[PAGE + 8], 0);
	/* Shrinking takes it away again, from every mapping. */
	p[PAGE] = 5;
	CHECK_SYS(ftruncate(fd, 50));
	EXPECT_FAULT(READ(p + PAGE), SIGBUS, BUS_ADRERR, p + PAGE, 0);
	CHECK_EQ(p[60], 0);		/* cut, and zero past the new end */
	close(fd);
	unlink("/tmp/fm_eof");
}

static void linux_errnos(void)
{
	int rd, wr, p[2];
	unsigned char *m;

	close(make_file("/tmp/fm_err", PAGE, 5));
	rd = CHECK_SYS(open("/tmp/fm_err", O_RDONLY));
	wr = CHECK_SYS(open("/tmp/fm_err", O_WRONLY));
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0),
		  EACCES);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wr, 0), EACCES);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wr, 0), EACCES);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, 999, 0), EBADF);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, -1, 0), EBADF);
	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_SHARED, rd, 0), EINVAL);
	CHECK_SYS(pipe(p));
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, p[0], 0), ENODEV);
	close(p[0]);
	close(p[1]);
	/* A read-only shared mapping may never become writable. */
	m = map_file(PAGE, PROT_READ, MAP_SHARED, rd, 0);
	CHECK_ERR(mprotect(m, PAGE, PROT_READ | PROT_WRITE), EACCES);
	CHECK_SYS(mprotect(m, PAGE, PROT_NONE));
	CHECK_SYS(mprotect(m, PAGE, PROT_READ));
	CHECK_EQ(m[1], pattern(1, 5));
	close(rd);
	close(wr);
	unlink("/tmp/fm_err");
}

static void fork_shares_the_file(void)
{
	int fd = make_file("/tmp/fm_fork", PAGE, 6);
	unsigned char *s = map_file(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
				    fd, 0);
	unsigned char *v = map_file(PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE, fd, 0);
	pid_t pid;

	CHECK_EQ(v[0], pattern(0, 6));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		s[1] = 0xc1;		/* the parent sees this */
		v[2] = 0xc2;		/* and not this */
		_exit(s[0] == pattern(0, 6) ? 0 : 3);
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(s[1], 0xc1);
	CHECK_EQ(file_byte(fd, 1), 0xc1);
	CHECK_EQ(v[2], pattern(2, 6));
	close(fd);
	unlink("/tmp/fm_fork");
}

/* The mapping holds the file: closing and unlinking it changes nothing
 * until munmap. */
static void mapping_keeps_the_file(void)
{
	int fd = make_file("/tmp/fm_keep", PAGE, 7);
	unsigned char *p = map_file(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
				    fd, 0);

	close(fd);
	CHECK_SYS(unlink("/tmp/fm_keep"));
	CHECK_EQ(p[33], pattern(33, 7));
	p[33] = 1;
	CHECK_EQ(p[33], 1);
	CHECK_SYS(munmap(p, PAGE));
}

static void maps_shows_offset_device_inode_path(void)
{
	char buf[8192], want[128], *line;
	struct stat st;
	int fd = make_file("/tmp/fm_maps", 3 * PAGE, 8), m;
	unsigned char *p = map_file(PAGE, PROT_READ, MAP_SHARED, fd, PAGE);

	CHECK_SYS(fstat(fd, &st));
	m = CHECK_SYS(open("/proc/self/maps", O_RDONLY));
	ktap_read_all(m, buf, sizeof(buf));
	close(m);
	snprintf(want, sizeof(want), "%08lx-%08lx r--s 00001000 00:01 %lu ",
		 (unsigned long)p, (unsigned long)p + PAGE,
		 (unsigned long)st.st_ino);
	line = strstr(buf, want);
	if (!line)
		ktap_fail("no line starting \"%s\" in maps", want);
	line += strcspn(line, "/");
	if (strncmp(line, "/tmp/fm_maps\n", 13))
		ktap_fail("maps names it \"%.*s\"", (int)strcspn(line, "\n"),
			  line);
	close(fd);
	unlink("/tmp/fm_maps");
}

/* /dev/zero: private is plain anonymous memory, shared is shared. */
static void dev_zero_is_anonymous(void)
{
	int fd = CHECK_SYS(open("/dev/zero", O_RDWR));
	unsigned char *p = map_file(2 * PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE, fd, 0);
	unsigned char *s = map_file(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
				    fd, 0);
	pid_t pid;

	CHECK_EQ(p[PAGE + 3], 0);
	p[PAGE + 3] = 4;
	CHECK_EQ(p[PAGE + 3], 4);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		s[0] = 42;
		p[0] = 42;
		_exit(0);
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(s[0], 42);
	CHECK_EQ(p[0], 0);
	close(fd);
}

/* ---- memory failure ---- */

/* A written page: madvise returns 0 and sends nothing (as Linux 6.1);
 * every access then gets SIGBUS/BUS_MCEERR_AR at its address with lsb 12,
 * and the frame is counted in HardwareCorrupted and never free again. */
static void hwpoison_dirty_anon_page(void)
{
	long hw = meminfo_kb("HardwareCorrupted:");
	unsigned char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	p[PAGE] = 1;
	p[0] = 1;
	CHECK_SYS(madvise(p, PAGE, MADV_HWPOISON));
	EXPECT_FAULT(READ(p + 123), SIGBUS, BUS_MCEERR_AR, p + 123, 12);
	EXPECT_FAULT(WRITE(p + 8), SIGBUS, BUS_MCEERR_AR, p + 8, 12);
	CHECK_EQ(p[PAGE], 1);			/* the next page is fine */
	CHECK_EQ(meminfo_kb("HardwareCorrupted:"), hw + 4);
	/* munmap takes the poison with it; the range maps afresh. */
	CHECK_SYS(munmap(p, PAGE));
	CHECK(mmap(p, PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == p);
	CHECK_EQ(p[0], 0);
}

/* Never written: the page is faulted in (a frame of its own, not the
 * shared zero page) and poisoned; nothing was lost, so no signal until
 * the access. MADV_DONTNEED drops the poison, as on Linux. */
static void hwpoison_untouched_anon_page(void)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *z = mmap(NULL, PAGE, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED && z != MAP_FAILED);
	CHECK_EQ(z[0], 0);			/* the zero page */
	CHECK_SYS(madvise(p, PAGE, MADV_HWPOISON));
	CHECK_SYS(madvise(z, PAGE, MADV_HWPOISON));
	EXPECT_FAULT(READ(p), SIGBUS, BUS_MCEERR_AR, p, 12);
	EXPECT_FAULT(READ(z + 1), SIGBUS, BUS_MCEERR_AR, z + 1, 12);
	CHECK_SYS(madvise(p, PAGE, MADV_DONTNEED));
	CHECK_EQ(p[0], 0);
	p[0] = 3;
	CHECK_EQ(p[0], 3);
}

/* A page of a file: the mapping, a second mapping and read() all find it
 * poisoned (read: EIO, as tmpfs). */
static void hwpoison_file_page(void)
{
	int fd = make_file("/tmp/fm_hwp", 2 * PAGE, 9);
	unsigned char *p = map_file(2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	unsigned char *q;
	char c;

	CHECK_EQ(p[PAGE], pattern(PAGE, 9));
	CHECK_SYS(madvise(p + PAGE, PAGE, MADV_HWPOISON));
	EXPECT_FAULT(READ(p + PAGE + 1), SIGBUS, BUS_MCEERR_AR, p + PAGE + 1,
		     12);
	q = map_file(2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	EXPECT_FAULT(READ(q + PAGE), SIGBUS, BUS_MCEERR_AR, q + PAGE, 12);
	CHECK_EQ(q[0], pattern(0, 9));
	CHECK_ERR(pread(fd, &c, 1, PAGE + 2), EIO);
	CHECK_EQ(file_byte(fd, 2), pattern(2, 9));
	close(fd);
	unlink("/tmp/fm_hwp");
}

/* fork copies the poison marker: the child's access gets SIGBUS too. */
static void hwpoison_inherited_by_fork(void)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(p != MAP_FAILED);
	CHECK_SYS(madvise(p, PAGE, MADV_HWPOISON));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		READ(p);
		_exit(0);
	}
	CHECK_KILLED(pid, SIGBUS);
}

static void hwpoison_errnos(void)
{
	unsigned char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK_ERR(madvise(p + 1, PAGE, MADV_HWPOISON), EINVAL);
	CHECK_SYS(munmap(p + PAGE, PAGE));
	/* Linux goes page by page: the first is poisoned, the hole is
	 * EFAULT (get_user_pages finds nothing). */
	CHECK_ERR(madvise(p, 2 * PAGE, MADV_HWPOISON), EFAULT);
	EXPECT_FAULT(READ(p), SIGBUS, BUS_MCEERR_AR, p, 12);
	CHECK_SYS(mprotect(p + 2 * PAGE, PAGE, PROT_NONE));
	CHECK_ERR(madvise(p + 2 * PAGE, PAGE, MADV_HWPOISON), EFAULT);
	CHECK_SYS(madvise(p, 0, MADV_HWPOISON));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(shared_mapping_is_the_file),
	KTAP_CASE(private_mapping_copies_on_write),
	KTAP_CASE(offsets_are_in_pages),
	KTAP_CASE(beyond_eof_is_sigbus),
	KTAP_CASE(linux_errnos),
	KTAP_CASE(fork_shares_the_file),
	KTAP_CASE(mapping_keeps_the_file),
	KTAP_CASE(maps_shows_offset_device_inode_path),
	KTAP_CASE(dev_zero_is_anonymous),
	KTAP_CASE(hwpoison_dirty_anon_page),
	KTAP_CASE(hwpoison_untouched_anon_page),
	KTAP_CASE(hwpoison_file_page),
	KTAP_CASE(hwpoison_inherited_by_fork),
	KTAP_CASE(hwpoison_errnos),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("filemap", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
