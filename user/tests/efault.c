/*
 * efault: system calls handed bad user pointers (NULL, unmapped, kernel,
 * read-only, past the end of user space) fail with EFAULT and the process
 * lives on; good pointers to memory not yet faulted in still work.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "ktap.h"

/*
 * Per arch: the first kernel-half address, an address inside Faultline's
 * kernel image (mapped while we run: only access_ok stands in the way),
 * and the first address past the user half (non-canonical on x86_64 and
 * on riscv64 Sv39).
 */
#if defined(__x86_64__)
#define KERNEL_HALF	0xffff800000000000UL
#define KERNEL_IMAGE	0xffffffff80200000UL
#define PAST_USER	0x0000800000000000UL
#elif defined(__aarch64__)
#define KERNEL_HALF	0xffff000000000000UL
#define KERNEL_IMAGE	0xffff000040200000UL
#define PAST_USER	0x0001000000000000UL
#elif defined(__riscv)
#define KERNEL_HALF	0xffffffc000000000UL
#define KERNEL_IMAGE	0xffffffc080200000UL
#define PAST_USER	0x0000004000000000UL
#else
#error "unknown arch"
#endif

#define PAGE		4096UL
#define bad(a)		ktap_ptr(a)

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		ktap_fail("mmap: %s", ktap_errname(errno));
	return p;
}

/* An address with nothing mapped around it. */
static void *unmapped(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE);

	CHECK_SYS(munmap(p, 3 * PAGE));
	return p + PAGE;
}

static void *ro_page(void)
{
	return map(PAGE, PROT_READ);
}

/* A pipe holding n bytes ("0123..."); returns the read end. */
static int pipe_with(size_t n)
{
	static char buf[8192];
	int p[2];
	size_t i;

	for (i = 0; i < n && i < sizeof(buf); i++)
		buf[i] = (char)('0' + i % 10);
	CHECK_SYS(pipe(p));
	CHECK_EQ(write(p[1], buf, n), n);
	return p[0];
}

static int pipe_write_end(void)
{
	int p[2];

	CHECK_SYS(pipe(p));
	return p[1];
}

static void read_into_null(void)
{
	int fd = pipe_with(16);

	CHECK_ERR(read(fd, bad(0), 16), EFAULT);
	CHECK_ERR(read(fd, bad(8), 8), EFAULT);
}

static void read_into_unmapped(void)
{
	CHECK_ERR(read(pipe_with(16), unmapped(), 16), EFAULT);
}

static void read_into_kernel_half(void)
{
	int fd = pipe_with(16);

	CHECK_ERR(read(fd, bad(KERNEL_HALF), 16), EFAULT);
	CHECK_ERR(read(fd, bad(-PAGE), 16), EFAULT);
	CHECK_ERR(read(fd, bad(-16UL), 16), EFAULT);
}

static void read_past_user_space(void)
{
	int fd = pipe_with(16);

	CHECK_ERR(read(fd, bad(PAST_USER), 16), EFAULT);
	/* starts in user space, ends past it */
	CHECK_ERR(read(fd, bad(PAST_USER - 8), 16), EFAULT);
}

/* A count so large the buffer would wrap past the end of user space:
 * EFAULT, although the pipe holds only 16 bytes. */
static void read_huge_count(void)
{
	char buf[16];
	int fd = pipe_with(16);

	CHECK_ERR(read(fd, buf, (size_t)bad(-1UL / 2)), EFAULT);
	CHECK_ERR(read(fd, buf, (size_t)bad(-1UL - (uintptr_t)buf)), EFAULT);
}

static void read_into_readonly_page(void)
{
	char *ro = ro_page();

	CHECK_ERR(read(pipe_with(16), ro, 16), EFAULT);
	CHECK_EQ(ro[0], 0);
}

static void read_into_program_text(void)
{
	CHECK_ERR(read(pipe_with(16), (void *)(uintptr_t)read_into_null, 16),
		  EFAULT);
}

static void write_from_null_and_unmapped(void)
{
	int fd = pipe_write_end();

	CHECK_ERR(write(fd, bad(0), 16), EFAULT);
	CHECK_ERR(write(fd, unmapped(), 16), EFAULT);
}

/* Kernel memory never leaks out through write(). */
static void write_from_kernel(void)
{
	int fd = pipe_write_end();

	CHECK_ERR(write(fd, bad(KERNEL_IMAGE), 16), EFAULT);
	CHECK_ERR(write(fd, bad(KERNEL_HALF), 16), EFAULT);
	CHECK_ERR(write(fd, bad(PAST_USER), 16), EFAULT);
}

static void open_bad_path(void)
{
	char *page = map(2 * PAGE, PROT_READ | PROT_WRITE);

	CHECK_ERR(open(bad(0), O_RDONLY), EFAULT);
	CHECK_ERR(open(bad(1), O_RDONLY), EFAULT);
	CHECK_ERR(open(unmapped(), O_RDONLY), EFAULT);
	CHECK_ERR(open(bad(KERNEL_IMAGE), O_RDONLY), EFAULT);
	/* "/////...": no NUL before the unmapped second page */
	memset(page, '/', PAGE);
	CHECK_SYS(munmap(page + PAGE, PAGE));
	CHECK_ERR(open(page + PAGE - 100, O_RDONLY), EFAULT);
	CHECK_ERR(mkdir(bad(KERNEL_HALF), 0755), EFAULT);
	CHECK_ERR(unlink(unmapped()), EFAULT);
	CHECK_ERR(chdir(bad(0)), EFAULT);
}

static void stat_into_bad_buffer(void)
{
	CHECK_ERR(stat("/", unmapped()), EFAULT);
	CHECK_ERR(stat("/", ro_page()), EFAULT);
	CHECK_ERR(stat("/", bad(KERNEL_HALF)), EFAULT);
	CHECK_ERR(fstat(0, bad(0)), EFAULT);
	CHECK_ERR(stat(unmapped(), (struct stat *)map(PAGE, PROT_READ |
						       PROT_WRITE)), EFAULT);
}

/* The raw system calls: glibc would answer these from the vDSO. */
static void clock_gettime_into_readonly_page(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE);

	p[0] = 1;
	CHECK_SYS(mprotect(p, PAGE, PROT_READ));
	CHECK_ERR(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, p), EFAULT);
	CHECK_ERR(syscall(__NR_clock_gettime, CLOCK_REALTIME, NULL), EFAULT);
	CHECK_ERR(syscall(__NR_gettimeofday, p, NULL), EFAULT);
	CHECK_EQ(p[0], 1);
}

static void rt_sigaction_bad_pointers(void)
{
	struct sigaction old;

	CHECK_ERR(syscall(__NR_rt_sigaction, SIGUSR1, unmapped(), NULL, 8),
		  EFAULT);
	CHECK_ERR(syscall(__NR_rt_sigaction, SIGUSR1, bad(KERNEL_HALF),
			  NULL, 8), EFAULT);
	CHECK_ERR(syscall(__NR_rt_sigaction, SIGUSR1, NULL, ro_page(), 8),
		  EFAULT);
	/* nothing changed */
	CHECK_SYS(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
	CHECK_ERR(syscall(__NR_rt_sigprocmask, SIG_BLOCK, unmapped(), NULL, 8),
		  EFAULT);
	CHECK_ERR(syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL, ro_page(), 8),
		  EFAULT);
	CHECK_ERR(syscall(__NR_rt_sigpending, unmapped(), 8), EFAULT);
	CHECK_ERR(syscall(__NR_sigaltstack, unmapped(), NULL), EFAULT);
}

static void execve_bad_pointers(void)
{
	char *good[] = { (char *)ktap_argv0, NULL };
	char *bad_elem[] = { (char *)ktap_argv0, (char *)unmapped(), NULL };
	char *envp[] = { NULL };

	CHECK_ERR(execve(ktap_argv0, (char **)unmapped(), envp), EFAULT);
	CHECK_ERR(execve(ktap_argv0, bad(KERNEL_HALF), envp), EFAULT);
	CHECK_ERR(execve(ktap_argv0, bad_elem, envp), EFAULT);
	CHECK_ERR(execve(ktap_argv0, good, (char **)unmapped()), EFAULT);
	CHECK_ERR(execve(ktap_argv0, good, bad_elem), EFAULT);
	CHECK_ERR(execve((char *)unmapped(), good, envp), EFAULT);
}

static void more_syscalls_bad_pointers(void)
{
	int st, word = 0;
	pid_t pid;

	CHECK_ERR(pipe((int *)unmapped()), EFAULT);
	CHECK_ERR(pipe((int *)ro_page()), EFAULT);
	CHECK_ERR(syscall(__NR_uname, unmapped()), EFAULT);
	CHECK_ERR(syscall(__NR_getcwd, unmapped(), 256), EFAULT);
	CHECK_ERR(syscall(__NR_nanosleep, unmapped(), NULL), EFAULT);
	CHECK_ERR(syscall(__NR_getrandom, ro_page(), 16, 0), EFAULT);
	CHECK_ERR(syscall(__NR_futex, unmapped(), 0 /* WAIT */, 0, NULL,
			  NULL, 0), EFAULT);
	CHECK_ERR(syscall(__NR_getdents64, open("/", O_RDONLY | O_DIRECTORY),
			  unmapped(), 4096), EFAULT);
	CHECK_ERR(syscall(__NR_writev, pipe_write_end(), unmapped(), 1),
		  EFAULT);
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(0);
	ktap_sleep_ms(20);
	CHECK_ERR(wait4(pid, (int *)unmapped(), 0, NULL), EFAULT);
	(void)word;
	waitpid(pid, &st, WNOHANG);	/* whether the failed wait reaped it
					 * or not is not checked here */
}

/* A pipe2 whose result cannot be stored must not leave fds behind. */
static void pipe_efault_leaks_no_fd(void)
{
	int fd, fd2;

	fd = CHECK_SYS(dup(0));
	CHECK_SYS(close(fd));
	CHECK_ERR(pipe((int *)unmapped()), EFAULT);
	fd2 = CHECK_SYS(dup(0));
	CHECK_EQ(fd2, fd);	/* the lowest free fd is still free */
}

/* writev: a good iovec array whose buffer is bad */
static void writev_bad_base(void)
{
	struct { void *base; size_t len; } iov[2] = {
		{ (void *)"ok", 2 }, { unmapped(), 8 },
	};
	long r;
	int fd = pipe_write_end();

	iov[0].base = (void *)"ok";
	r = syscall(__NR_writev, fd, iov, 2);
	/* Linux writes what it can and returns that (2) or fails if the
	 * first segment did not get through: either way not 10. */
	ktap_diag("writev with a bad second segment returned %ld (%s)", r,
		  r < 0 ? ktap_errname(errno) : "short count");
	CHECK(r == 2 || (r == -1 && errno == EFAULT));
	iov[0].base = unmapped();
	CHECK_ERR(syscall(__NR_writev, fd, iov, 2), EFAULT);
}

/*
 * A buffer whose second page is unmapped. Linux copies up to the hole and
 * returns the short count for a regular file (EFAULT only when nothing was
 * copied); each answer is printed so the kernels can be compared.
 */
static void read_partly_bad_buffer(void)
{
	static char data[2 * PAGE];
	char *buf = map(2 * PAGE, PROT_READ | PROT_WRITE);
	char path[64];
	unsigned long i;
	long r;
	int fd;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 13 + 1);
	mkdir("/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/efault.%d", getpid());
	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0600));
	CHECK_SYS(unlink(path));
	CHECK_EQ(write(fd, data, sizeof(data)), sizeof(data));
	CHECK_SYS(munmap(buf + PAGE, PAGE));

	CHECK_SYS(lseek(fd, 0, SEEK_SET));
	r = read(fd, buf + PAGE - 100, 1000);
	ktap_diag("file read of 1000 bytes, 100 before the hole: %ld (%s)",
		  r, r < 0 ? ktap_errname(errno) : "count");
	CHECK(r == 100 || (r == -1 && errno == EFAULT));
	if (r == 100)
		CHECK(!memcmp(buf + PAGE - 100, data, 100));

	r = read(pipe_with(1000), buf + PAGE - 100, 1000);
	ktap_diag("pipe read of 1000 bytes, 100 before the hole: %ld (%s)",
		  r, r < 0 ? ktap_errname(errno) : "count");
	CHECK(r == 100 || (r == -1 && errno == EFAULT));
}

static void write_partly_bad_buffer(void)
{
	char *buf = map(2 * PAGE, PROT_READ | PROT_WRITE);
	char path[64];
	struct stat st;
	long r;
	int fd;

	memset(buf, 'w', PAGE);
	CHECK_SYS(munmap(buf + PAGE, PAGE));
	mkdir("/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/efault.%d", getpid());
	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0600));
	CHECK_SYS(unlink(path));
	r = write(fd, buf + PAGE - 100, 1000);
	CHECK_SYS(fstat(fd, &st));
	ktap_diag("file write of 1000 bytes, 100 before the hole: %ld (%s), "
		  "size %ld", r, r < 0 ? ktap_errname(errno) : "count",
		  (long)st.st_size);
	CHECK(r == 100 || (r == -1 && errno == EFAULT));
	if (r == 100)
		CHECK_EQ(st.st_size, 100);
}

/* Good pointers to memory no one has touched: the kernel's copy faults
 * the pages in instead of failing. */
static void read_into_untouched_memory(void)
{
	char *p = map(4 * PAGE, PROT_READ | PROT_WRITE);
	int fd = pipe_with(8192);

	CHECK_EQ(read(fd, p + PAGE - 10, 8192), 8192);
	CHECK(!memcmp(p + PAGE - 10, "0123456789", 10));
	CHECK_EQ(p[0], 0);
	CHECK_EQ(p[PAGE - 11], 0);
}

static void write_from_untouched_memory(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE), buf[2 * PAGE];
	int q[2];
	unsigned long i;

	CHECK_SYS(pipe(q));
	memset(buf, 1, sizeof(buf));
	CHECK_EQ(write(q[1], p, 2 * PAGE), 2 * PAGE);
	CHECK_EQ(ktap_read_all(q[0], buf, 2 * PAGE + 1) , 2 * PAGE);
	for (i = 0; i < 2 * PAGE; i++)
		CHECK_EQ(buf[i], 0);
}

/* A big local array below the stack pages touched so far: read() into it
 * must grow the stack like a user access would. */
static __attribute__((noinline)) long read_into_deep_stack(int fd)
{
	volatile char big[256 * 1024];
	long r = read(fd, (char *)big, 100);

	return r == 100 && big[99] == '9' ? 0 : r;
}

static void read_into_unfaulted_stack(void)
{
	CHECK_EQ(read_into_deep_stack(pipe_with(100)), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(read_into_null),
	KTAP_CASE(read_into_unmapped),
	KTAP_CASE(read_into_kernel_half),
	KTAP_CASE(read_past_user_space),
	KTAP_CASE(read_huge_count),
	KTAP_CASE(read_into_readonly_page),
	KTAP_CASE(read_into_program_text),
	KTAP_CASE(write_from_null_and_unmapped),
	KTAP_CASE(write_from_kernel),
	KTAP_CASE(open_bad_path),
	KTAP_CASE(stat_into_bad_buffer),
	KTAP_CASE(clock_gettime_into_readonly_page),
	KTAP_CASE(rt_sigaction_bad_pointers),
	KTAP_CASE(execve_bad_pointers),
	KTAP_CASE(more_syscalls_bad_pointers),
	KTAP_CASE(pipe_efault_leaks_no_fd),
	KTAP_CASE(writev_bad_base),
	KTAP_CASE(read_partly_bad_buffer),
	KTAP_CASE(write_partly_bad_buffer),
	KTAP_CASE(read_into_untouched_memory),
	KTAP_CASE(write_from_untouched_memory),
	KTAP_CASE(read_into_unfaulted_stack),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("efault", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
