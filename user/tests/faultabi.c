/*
 * faultabi: the fault-ABI conformance suite. Each scenario runs in a fresh
 * child and prints one normalized line, "faultabi: <scenario> <outcome>",
 * with no raw address or pid, so that one binary's output compares across
 * arches and kernels (tools/faultabi; /tests/run against faultabi.expected).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/futex.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "ktap.h"

#define PAGE		4096UL
#define STACK_LIMIT	(8UL << 20)	/* RLIMIT_STACK the suite runs with */
#define GUARD_GAP	(1UL << 20)	/* Linux's default stack_guard_gap */
#define MADV_HWPOISON_	100
#define RLIMIT_STACK_	3

/*
 * Per arch: an address in the kernel half (Faultline's kernel image, which
 * is mapped while user code runs), an address in neither half (above the
 * user half, below the kernel half, in every paging mode the arch has), and
 * a return instruction.
 */
#if defined(__x86_64__)
#define KERNEL_ADDR	0xffffffff80200000UL
#define NONCANONICAL	0x8000000000000000UL
#define NR_MOUNT	165
static const unsigned char ret_insn[] = { 0xc3 };
#elif defined(__aarch64__)
#define KERNEL_ADDR	0xffff000040200000UL
#define NONCANONICAL	0x0001000000000000UL	/* bits 55:48 set, top byte 0 */
#define NR_MOUNT	40
static const unsigned char ret_insn[] = { 0xc0, 0x03, 0x5f, 0xd6 };
#elif defined(__riscv)
#define KERNEL_ADDR	0xffffffc080200000UL
#define NONCANONICAL	0x8000000000000000UL
#define NR_MOUNT	40
static const unsigned char ret_insn[] = { 0x67, 0x80, 0x00, 0x00 };
#else
#error "unknown arch"
#endif

enum outcome { NOTHING, CAUGHT, RETURNED, OK, SETUP_FAILED };

/* What the child found, in a shared page the parent formats. */
struct report {
	int outcome;
	int nfaults;		/* faults the handlers saw */
	int signo, code, lsb;
	unsigned long addr;	/* si_addr */
	unsigned long expect;	/* where the scenario expected the fault */
	int slack_page;		/* anywhere in the page below expect is right */
	long ret;
	int err;
	char detail[64];	/* "value=x", "then=...", or the setup step */
};

static struct report *R;
static sigjmp_buf fault_jb;
static const char *self_path;	/* argv[0]: this program, to execve */

/* ---- recording ---- */

static void record_fault(const siginfo_t *si)
{
	R->outcome = CAUGHT;
	R->signo = si->si_signo;
	R->code = si->si_code;
	R->addr = (unsigned long)si->si_addr;
	R->lsb = si->si_addr_lsb;
	R->nfaults++;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	record_fault(si);
	siglongjmp(fault_jb, 1);
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void catch_faults(void)
{
	handle(SIGSEGV, on_fault, 0);
	handle(SIGBUS, on_fault, 0);
}

static __attribute__((noreturn)) void setup_failed(const char *step)
{
	R->outcome = SETUP_FAILED;
	R->err = errno;
	snprintf(R->detail, sizeof(R->detail), "%s", step);
	_exit(0);
}

/* call must not return -1 (MAP_FAILED is -1 too). */
#define SETUP(call, step) ({						\
	long _r = (long)(call);						\
	if (_r == -1)							\
		setup_failed(step);					\
	_r;								\
})

static __attribute__((format(printf, 1, 2))) void ok(const char *fmt, ...)
{
	va_list ap;

	R->outcome = OK;
	if (!fmt)
		return;
	va_start(ap, fmt);
	vsnprintf(R->detail, sizeof(R->detail), fmt, ap);
	va_end(ap);
}

static void returned(long r)
{
	R->outcome = RETURNED;
	R->ret = r;
	R->err = r == -1 ? errno : 0;
}

/* A byte as a value that reads the same everywhere: 'x' or 0x12. */
static const char *byte_str(unsigned char c)
{
	static char buf[8];

	if (c > ' ' && c < 127)
		snprintf(buf, sizeof(buf), "%c", c);
	else
		snprintf(buf, sizeof(buf), "0x%x", c);
	return buf;
}

/* ---- probes ---- */

enum access { READ, WRITE, EXEC };

/* Touch p once the way asked, recording the fault it takes (or "ok" and,
 * for a read, the byte read). */
static void probe(enum access how, const void *p)
{
	volatile unsigned char v = 0;

	R->expect = (unsigned long)p;
	catch_faults();
	if (sigsetjmp(fault_jb, 1))
		return;
	switch (how) {
	case READ:
		v = *(volatile const unsigned char *)p;
		ok("value=%s", byte_str(v));
		return;
	case WRITE:
		*(volatile unsigned char *)p = 'w';
		break;
	case EXEC:
		((void (*)(void))(uintptr_t)p)();
		break;
	}
	ok(NULL);
}

#define ptr(a)	ktap_ptr(a)

static char *map(size_t len, int prot, int flags)
{
	return (char *)SETUP(mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1,
				  0), "mmap");
}

static char *map_private(size_t len, int prot)
{
	return map(len, prot, MAP_PRIVATE);
}

/* A page with nothing mapped around it. */
static char *unmapped(void)
{
	char *p = map_private(3 * PAGE, PROT_READ | PROT_WRITE);

	SETUP(munmap(p, 3 * PAGE), "munmap");
	return p + PAGE;
}

/* n writable bytes (filled with fill) that run into an unmapped page. */
static char *before_hole(size_t n, char fill)
{
	char *p = map_private(2 * PAGE, PROT_READ | PROT_WRITE);

	SETUP(munmap(p + PAGE, PAGE), "munmap");
	memset(p + PAGE - n, fill, n);
	return p + PAGE - n;
}

/* A page holding a return instruction, then given prot. */
static char *code_page(int prot)
{
	char *p = map_private(PAGE, PROT_READ | PROT_WRITE);

	memcpy(p, ret_insn, sizeof(ret_insn));
	SETUP(mprotect(p, PAGE, prot), "mprotect");
	if (prot & PROT_EXEC)
		ktap_sync_icache(p, sizeof(ret_insn));
	return p;
}

/* ---- unmapped, PROT_NONE, read-only, non-executable memory ---- */

static void read_unmapped(void)
{
	probe(READ, unmapped() + 5);
}

static void write_unmapped(void)
{
	probe(WRITE, unmapped() + PAGE - 1);
}

static void exec_unmapped(void)
{
	probe(EXEC, unmapped());
}

static void read_prot_none(void)
{
	probe(READ, map_private(PAGE, PROT_NONE) + 9);
}

static void write_prot_none(void)
{
	probe(WRITE, map_private(PAGE, PROT_NONE) + 10);
}

static void exec_prot_none(void)
{
	probe(EXEC, code_page(PROT_NONE));
}

static void read_readonly(void)
{
	probe(READ, map_private(PAGE, PROT_READ) + 11);
}

static void write_readonly(void)
{
	char *p = map_private(2 * PAGE, PROT_READ | PROT_WRITE);

	p[PAGE] = 'x';
	SETUP(mprotect(p, 2 * PAGE, PROT_READ), "mprotect");
	probe(WRITE, p + PAGE + 12);
}

static void exec_readonly(void)
{
	probe(EXEC, code_page(PROT_READ));
}

static void exec_read_write(void)
{
	probe(EXEC, code_page(PROT_READ | PROT_WRITE));
}

static void exec_stack(void)
{
	unsigned char code[16] __attribute__((aligned(16)));

	memcpy(code, ret_insn, sizeof(ret_insn));
	probe(EXEC, code);
}

/* Execute-only memory (a page written, then made PROT_EXEC): readable
 * where the page tables cannot say otherwise (x86_64 without protection
 * keys), not on riscv64 or on arm64 with FEAT_EPAN. */
static void read_exec_only(void)
{
	probe(READ, code_page(PROT_EXEC) + 64);
}

/* Never touched: the read is the first access. */
static void read_exec_only_fresh(void)
{
	probe(READ, map_private(PAGE, PROT_EXEC) + 64);
}

/* Mapped by an instruction fetch: a private mapping of a file that holds
 * a return instruction, run, then read. */
static int temp_file(size_t size, char fill);

static void read_exec_only_after_exec(void)
{
	int fd = temp_file(PAGE, 0);
	char *p;

	if (pwrite(fd, ret_insn, sizeof(ret_insn), 0) != sizeof(ret_insn))
		setup_failed("pwrite");
	p = (char *)SETUP(mmap(NULL, PAGE, PROT_EXEC, MAP_PRIVATE, fd, 0),
			  "mmap");
	probe(EXEC, p);
	if (R->outcome != OK)
		return;
	probe(READ, p + 64);
}

/* ---- NULL, near NULL, kernel addresses, neither ---- */

static void read_null(void)
{
	probe(READ, ptr(0));
}

static void write_null(void)
{
	probe(WRITE, ptr(0));
}

static void exec_null(void)
{
	probe(EXEC, ptr(0));
}

static void read_near_null(void)
{
	probe(READ, ptr(0x10));
}

static void write_near_null(void)
{
	probe(WRITE, ptr(0xff8));
}

static void read_kernel(void)
{
	probe(READ, ptr(KERNEL_ADDR));
}

static void write_kernel(void)
{
	probe(WRITE, ptr(KERNEL_ADDR + 8));
}

static void exec_kernel(void)
{
	probe(EXEC, ptr(KERNEL_ADDR));
}

static void read_noncanonical(void)
{
	probe(READ, ptr(NONCANONICAL));
}

/* A good pointer with a tag in its top byte (arm64 ignores it: TBI). */
static void read_tagged_pointer(void)
{
	char *p = map_private(PAGE, PROT_READ | PROT_WRITE);

	p[8] = 't';
	probe(READ, ptr((unsigned long)p + 8 + (0x5aUL << 56)));
}

/* ---- the program's own image ---- */

static const char rodata_string[] = "read-only data";

static void write_text(void)
{
	probe(WRITE, (const char *)(uintptr_t)write_text + 2);
}

static void write_rodata(void)
{
	probe(WRITE, rodata_string + 4);
}

static void read_past_brk(void)
{
	unsigned long b = (unsigned long)sbrk(0);

	probe(READ, ptr(((b + PAGE - 1) & ~(PAGE - 1)) + 16));
}

/* ---- mprotect down and back up; munmap holes ---- */

static void mprotect_down_write(void)
{
	char *p = map_private(PAGE, PROT_READ | PROT_WRITE);

	p[0] = 'x';
	SETUP(mprotect(p, PAGE, PROT_READ), "mprotect");
	probe(WRITE, p + 1);
}

static void mprotect_down_none_read(void)
{
	char *p = map_private(PAGE, PROT_READ | PROT_WRITE);

	p[0] = 'x';
	SETUP(mprotect(p, PAGE, PROT_NONE), "mprotect");
	probe(READ, p);
}

/* The contents survive a trip through PROT_NONE; writable again after. */
static void mprotect_back_up(void)
{
	char *p = map_private(PAGE, PROT_READ | PROT_WRITE);

	p[0] = 'x';
	SETUP(mprotect(p, PAGE, PROT_NONE), "mprotect");
	SETUP(mprotect(p, PAGE, PROT_READ | PROT_WRITE), "mprotect");
	probe(WRITE, p + 1);
	if (R->outcome == OK)
		ok("value=%c%c", p[0], p[1]);
}

static void mprotect_up_exec(void)
{
	char *p = code_page(PROT_READ | PROT_WRITE);

	SETUP(mprotect(p, PAGE, PROT_READ | PROT_EXEC), "mprotect");
	ktap_sync_icache(p, sizeof(ret_insn));
	probe(EXEC, p);
}

static char *three_pages_middle_unmapped(void)
{
	char *p = map_private(3 * PAGE, PROT_READ | PROT_WRITE);

	memset(p, 'a', 3 * PAGE);
	SETUP(munmap(p + PAGE, PAGE), "munmap");
	return p;
}

static void munmap_hole_read(void)
{
	probe(READ, three_pages_middle_unmapped() + PAGE + 77);
}

static void munmap_hole_write(void)
{
	probe(WRITE, three_pages_middle_unmapped() + 2 * PAGE - 1);
}

static void munmap_hole_neighbours(void)
{
	char *p = three_pages_middle_unmapped();

	ok("value=%c%c", p[PAGE - 1], p[2 * PAGE]);
}

/* ---- the stack ---- */

/* The [stack] mapping from /proc/self/maps. */
static void stack_vma(unsigned long *start, unsigned long *end)
{
	static char buf[32768];
	char *line, *s;
	int fd = (int)SETUP(open("/proc/self/maps", O_RDONLY), "open maps");

	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	s = strstr(buf, "[stack]");
	if (!s) {
		errno = ENOENT;
		setup_failed("find [stack]");
	}
	for (line = s; line > buf && line[-1] != '\n'; line--)
		;
	*start = strtoul(line, &s, 16);
	*end = strtoul(s + 1, NULL, 16);
}

static void stack_growth(void)
{
	unsigned long start, end;

	stack_vma(&start, &end);
	probe(WRITE, ptr(start - 64 * 1024));
}

static __attribute__((noinline)) unsigned long recurse(unsigned long n,
						       unsigned long stop)
{
	volatile unsigned char frame[1000];

	frame[0] = (unsigned char)n;
	frame[sizeof(frame) - 1] = (unsigned char)(n >> 8);
	if (n == stop)
		return 0;
	return recurse(n + 1, stop) + frame[0] + frame[sizeof(frame) - 1];
}

/* 2 MiB of frames, each touched: the stack grows under the stack pointer. */
static void stack_growth_recursion(void)
{
	ok("sum=%lu", recurse(0, 2048));
}

/*
 * A mapping 2 MiB under the stack: growing to within the guard gap above it
 * fails; growing to exactly the gap's edge works.
 */
static char *below_stack_mapping(void)
{
	unsigned long start, end;
	char *want, *m;

	stack_vma(&start, &end);
	want = (char *)(start - 2 * 1024 * 1024 - PAGE);
	m = (char *)SETUP(mmap(want, PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), "mmap");
	if (m != want) {
		errno = EEXIST;
		setup_failed("mmap hint");
	}
	return m;
}

static void stack_guard_gap(void)
{
	probe(WRITE, below_stack_mapping() + PAGE + GUARD_GAP / 2);
}

static void stack_guard_gap_edge(void)
{
	probe(WRITE, below_stack_mapping() + PAGE + GUARD_GAP);
}

static void stack_at_limit(void)
{
	unsigned long start, end;

	stack_vma(&start, &end);
	probe(WRITE, ptr(end - STACK_LIMIT));
}

static void stack_past_limit(void)
{
	unsigned long start, end;

	stack_vma(&start, &end);
	probe(WRITE, ptr(end - STACK_LIMIT - PAGE));
}

static void on_alt_stack(size_t size)
{
	stack_t ss;

	ss.ss_sp = map_private(size, PROT_READ | PROT_WRITE);
	ss.ss_size = size;
	ss.ss_flags = 0;
	SETUP(sigaltstack(&ss, NULL), "sigaltstack");
}

/* Unbounded recursion: the fault lands in the page under the limit. */
static void stack_overflow_recursion(void)
{
	unsigned long start, end;

	stack_vma(&start, &end);
	on_alt_stack(64 * 1024);
	handle(SIGSEGV, on_fault, SA_ONSTACK);
	R->expect = end - STACK_LIMIT;
	R->slack_page = 1;
	if (sigsetjmp(fault_jb, 1))
		return;
	recurse(0, ~0UL);
	ok("recursion ended");
}

/* Without an alternate stack the handler has nowhere to run. */
static void stack_overflow_no_altstack(void)
{
	catch_faults();
	recurse(0, ~0UL);
	ok("recursion ended");
}

/* ---- file mappings ---- */

/* A file in /tmp of size bytes of fill, already unlinked. */
static int temp_file(size_t size, char fill)
{
	char path[64], buf[512];
	size_t n;
	int fd;

	snprintf(path, sizeof(path), "/tmp/faultabi.%d", (int)getpid());
	fd = (int)SETUP(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), "open");
	SETUP(unlink(path), "unlink");
	memset(buf, fill, sizeof(buf));
	for (; size > 0; size -= n) {
		n = size < sizeof(buf) ? size : sizeof(buf);
		if (write(fd, buf, n) != (ssize_t)n)
			setup_failed("write");
	}
	return fd;
}

static char *map_file(size_t len, int prot, int flags, int fd)
{
	return (char *)SETUP(mmap(NULL, len, prot, flags, fd, 0), "mmap");
}

/* Two pages of a one-page file: the second has no file behind it. */
static void file_shared_beyond_eof(void)
{
	int fd = temp_file(PAGE, 'f');
	char *p = map_file(2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd);

	probe(READ, p + PAGE + 8);
}

static void file_private_beyond_eof(void)
{
	int fd = temp_file(PAGE, 'f');
	char *p = map_file(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);

	probe(WRITE, p + PAGE);
}

/* The rest of a file's last page reads as zeros. */
static void file_tail_zeroed(void)
{
	int fd = temp_file(100, 'f');
	char *p = map_file(PAGE, PROT_READ, MAP_SHARED, fd);
	unsigned long i, nonzero = 0;

	for (i = 100; i < PAGE; i++)
		nonzero += p[i] != 0;
	ok("value=%c nonzero=%lu", p[99], nonzero);
}

/* What the parent sees, in memory and in the file, after its child wrote
 * 'c' to a page both had mapped (with flags) before fork. */
static void written_by_child(int flags, int fd)
{
	char *p = fd < 0 ? map(PAGE, PROT_READ | PROT_WRITE, flags) :
		map_file(PAGE, PROT_READ | PROT_WRITE, flags, fd);
	char file = '-';
	pid_t pid;
	int st;

	p[10] = 'p';
	pid = (pid_t)SETUP(fork(), "fork");
	if (pid == 0) {
		p[10] = 'c';
		_exit(0);
	}
	SETUP(waitpid(pid, &st, 0), "waitpid");
	if (fd >= 0 && pread(fd, &file, 1, 10) != 1)
		setup_failed("pread");
	if (fd < 0)
		ok("value=%c", p[10]);
	else
		ok("value=%c file=%c", p[10], file);
}

static void anon_shared_after_fork(void)
{
	written_by_child(MAP_SHARED, -1);
}

static void anon_private_after_fork(void)
{
	written_by_child(MAP_PRIVATE, -1);
}

static void file_shared_after_fork(void)
{
	written_by_child(MAP_SHARED, temp_file(PAGE, 'f'));
}

static void file_private_after_fork(void)
{
	written_by_child(MAP_PRIVATE, temp_file(PAGE, 'f'));
}

/* ---- madvise ---- */

static void dontneed_then_read(char *p)
{
	p[5] = 'x';
	SETUP(madvise(p, PAGE, MADV_DONTNEED), "madvise");
	ok("value=%s", byte_str((unsigned char)p[5]));
}

/* Private anonymous memory comes back as zeros. */
static void madvise_dontneed_private(void)
{
	dontneed_then_read(map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE));
}

/* Shared memory keeps its contents: only the mapping was dropped. */
static void madvise_dontneed_shared(void)
{
	dontneed_then_read(map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED));
}

/* A private copy of a file page reverts to the file. */
static void madvise_dontneed_file_private(void)
{
	int fd = temp_file(PAGE, 'f');

	dontneed_then_read(map_file(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
				    fd));
}

/* ---- hwpoison (MADV_HWPOISON needs CAP_SYS_ADMIN on Linux) ---- */

static char *poisoned_page(void)
{
	char *p = map_private(PAGE, PROT_READ | PROT_WRITE);

	p[0] = 'x';	/* a page of its own, not the zero page */
	SETUP(madvise(p, PAGE, MADV_HWPOISON_), "madvise");
	return p;
}

static void hwpoison_read(void)
{
	probe(READ, poisoned_page() + 0x123);
}

static void hwpoison_write(void)
{
	probe(WRITE, poisoned_page() + 0x456);
}

/* ---- faults and signal handling ---- */

static void usr1_reads_null(int sig)
{
	(void)sig;
	(void)*(volatile char *)ptr(8);
}

/* SIGSEGV in a SIGUSR1 handler is delivered like any other. */
static void fault_in_signal_handler(void)
{
	struct sigaction sa;

	catch_faults();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = usr1_reads_null;
	SETUP(sigaction(SIGUSR1, &sa, NULL), "sigaction");
	R->expect = 8;
	if (sigsetjmp(fault_jb, 1))
		return;
	raise(SIGUSR1);
	ok("no fault");
}

/* Faults again in its own handler, where SIGSEGV is blocked. */
static void segv_again(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	record_fault(si);
	if (R->nfaults == 1) {
		R->expect = 24;
		(void)*(volatile char *)ptr(24);
	}
	siglongjmp(fault_jb, 1);
}

static void fault_in_segv_handler(void)
{
	handle(SIGSEGV, segv_again, 0);
	R->expect = 16;
	if (sigsetjmp(fault_jb, 1))
		return;
	(void)*(volatile char *)ptr(16);
	ok("no fault");
}

/* With SA_NODEFER the second fault runs the handler again. */
static void fault_in_segv_handler_nodefer(void)
{
	handle(SIGSEGV, segv_again, SA_NODEFER);
	R->expect = 16;
	if (sigsetjmp(fault_jb, 1))
		return;
	(void)*(volatile char *)ptr(16);
	ok("no fault");
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	SETUP(sigprocmask(SIG_BLOCK, &set, NULL), "sigprocmask");
}

static void segv_blocked(void)
{
	catch_faults();
	block(SIGSEGV);
	probe(READ, ptr(0));
}

static void segv_ignored(void)
{
	signal(SIGSEGV, SIG_IGN);
	(void)*(volatile char *)ptr(0);
	ok("no fault");
}

static void sigbus_blocked(void)
{
	int fd = temp_file(PAGE, 'f');
	char *p = map_file(2 * PAGE, PROT_READ, MAP_SHARED, fd);

	catch_faults();
	block(SIGBUS);
	probe(READ, p + PAGE);
}

/* The signal frame cannot be written: the process is killed. */
static void signal_frame_unwritable(void)
{
	stack_t ss;

	ss.ss_sp = map_private(64 * 1024, PROT_READ);
	ss.ss_size = 64 * 1024;
	ss.ss_flags = 0;
	SETUP(sigaltstack(&ss, NULL), "sigaltstack");
	handle(SIGSEGV, on_fault, SA_ONSTACK);
	R->expect = 0;
	if (sigsetjmp(fault_jb, 1))
		return;
	(void)*(volatile char *)ptr(0);
	ok("no fault");
}

/* ---- system calls handed bad pointers ---- */

/* A pipe holding n bytes; returns the read end (non-blocking). */
static int pipe_with(size_t n, int *write_end)
{
	static char buf[PAGE];
	int p[2];

	SETUP(pipe2(p, O_NONBLOCK), "pipe2");
	memset(buf, 'd', sizeof(buf));
	if (n && write(p[1], buf, n) != (ssize_t)n)
		setup_failed("write");
	if (write_end)
		*write_end = p[1];
	return p[0];
}

/* "then=N" or "then=EAGAIN": the result of a later call. */
static void then(long r)
{
	size_t n = strlen(R->detail);

	if (r == -1)
		snprintf(R->detail + n, sizeof(R->detail) - n, "then=%s",
			 ktap_errname(errno));
	else
		snprintf(R->detail + n, sizeof(R->detail) - n, "then=%ld", r);
}

static long read_ret(int fd, void *buf, size_t n)
{
	long r = read(fd, buf, n);

	returned(r);
	return r;
}

static void sys_read_to_null(void)
{
	read_ret(pipe_with(16, NULL), ptr(0), 16);
}

static void sys_read_to_readonly(void)
{
	read_ret(pipe_with(16, NULL), map_private(PAGE, PROT_READ), 16);
}

static void sys_read_to_text(void)
{
	read_ret(pipe_with(16, NULL), (void *)(uintptr_t)sys_read_to_text,
		 16);
}

static void sys_read_to_kernel(void)
{
	read_ret(pipe_with(16, NULL), ptr(KERNEL_ADDR), 16);
}

static void sys_write_from_unmapped(void)
{
	int w;

	pipe_with(0, &w);
	returned(write(w, unmapped(), 16));
}

static void sys_write_from_kernel(void)
{
	int w;

	pipe_with(0, &w);
	returned(write(w, ptr(KERNEL_ADDR), 16));
}

static void sys_write_null_len0(void)
{
	int w;

	pipe_with(0, &w);
	returned(write(w, ptr(0), 0));
}

/* 256 bytes into a buffer whose second half is not mapped; then what a
 * read into good memory finds left in the pipe. */
static void sys_read_pipe_partly_bad(void)
{
	static char good[1024];
	int fd = pipe_with(256, NULL);

	read_ret(fd, before_hole(128, 'b'), 256);
	then(read(fd, good, sizeof(good)));
}

/* 256 bytes from a buffer whose second half is not mapped; then what the
 * pipe holds. */
static void sys_write_pipe_partly_bad(void)
{
	static char good[1024];
	int w, r = pipe_with(0, &w);

	returned(write(w, before_hole(128, 'b'), 256));
	then(read(r, good, sizeof(good)));
}

/* Regular files take what could be copied: a short count. */
static void sys_read_file_partly_bad(void)
{
	int fd = temp_file(256, 'f');

	SETUP(lseek(fd, 0, SEEK_SET), "lseek");
	read_ret(fd, before_hole(128, 'b'), 256);
	then(lseek(fd, 0, SEEK_CUR));
}

static void sys_write_file_partly_bad(void)
{
	int fd = temp_file(0, 'f');

	returned(write(fd, before_hole(128, 'b'), 256));
	then(lseek(fd, 0, SEEK_END));
}

static void sys_writev_second_bad(void)
{
	static char good[16] = "0123456789abcdef";
	struct iovec iov[2] = { { good, 16 }, { ptr(0), 16 } };
	int fd = temp_file(0, 'f');

	returned(writev(fd, iov, 2));
	then(lseek(fd, 0, SEEK_END));
}

static void sys_open_kernel_path(void)
{
	returned(open(ptr(KERNEL_ADDR), O_RDONLY));
}

/* A path with no NUL before an unmapped page. */
static void sys_open_path_into_hole(void)
{
	returned(open(before_hole(16, 'a'), O_RDONLY));
}

static void sys_clock_gettime_readonly(void)
{
	returned(syscall(__NR_clock_gettime, 1 /* CLOCK_MONOTONIC */,
			 map_private(PAGE, PROT_READ)));
}

static void sys_pipe_to_readonly(void)
{
	returned(syscall(__NR_pipe2, map_private(PAGE, PROT_READ), 0));
}

static void sys_sigaction_unmapped(void)
{
	returned(syscall(__NR_rt_sigaction, SIGUSR1, unmapped(), NULL, 8));
}

static void sys_futex_unmapped(void)
{
	returned(syscall(__NR_futex, unmapped(), FUTEX_WAIT, 0, NULL, NULL, 0));
}

/* This program again: a kernel that took the bad argv for an empty one
 * would run it with argc 0, and main() exits 42 at once. */
static void sys_execve_bad_argv(void)
{
	returned(syscall(__NR_execve, self_path, unmapped(), NULL));
}

/* ---- the runner ---- */

struct scenario {
	const char *name;
	void (*fn)(void);
};

#define S(f)	{ #f, f }

static const struct scenario scenarios[] = {
	S(read_unmapped), S(write_unmapped), S(exec_unmapped),
	S(read_prot_none), S(write_prot_none), S(exec_prot_none),
	S(read_readonly), S(write_readonly), S(exec_readonly),
	S(exec_read_write), S(exec_stack),
	S(read_exec_only), S(read_exec_only_fresh),
	S(read_exec_only_after_exec),
	S(read_null), S(write_null), S(exec_null),
	S(read_near_null), S(write_near_null),
	S(read_kernel), S(write_kernel), S(exec_kernel),
	S(read_noncanonical), S(read_tagged_pointer),
	S(write_text), S(write_rodata), S(read_past_brk),
	S(mprotect_down_write), S(mprotect_down_none_read),
	S(mprotect_back_up), S(mprotect_up_exec),
	S(munmap_hole_read), S(munmap_hole_write), S(munmap_hole_neighbours),
	S(stack_growth), S(stack_growth_recursion),
	S(stack_guard_gap), S(stack_guard_gap_edge),
	S(stack_at_limit), S(stack_past_limit),
	S(stack_overflow_recursion), S(stack_overflow_no_altstack),
	S(file_shared_beyond_eof), S(file_private_beyond_eof),
	S(file_tail_zeroed),
	S(anon_shared_after_fork), S(anon_private_after_fork),
	S(file_shared_after_fork), S(file_private_after_fork),
	S(madvise_dontneed_private), S(madvise_dontneed_shared),
	S(madvise_dontneed_file_private),
	S(hwpoison_read), S(hwpoison_write),
	S(fault_in_signal_handler), S(fault_in_segv_handler),
	S(fault_in_segv_handler_nodefer),
	S(segv_blocked), S(segv_ignored), S(sigbus_blocked),
	S(signal_frame_unwritable),
	S(sys_read_to_null), S(sys_read_to_readonly), S(sys_read_to_text),
	S(sys_read_to_kernel), S(sys_write_from_unmapped),
	S(sys_write_from_kernel), S(sys_write_null_len0),
	S(sys_read_pipe_partly_bad), S(sys_write_pipe_partly_bad),
	S(sys_read_file_partly_bad), S(sys_write_file_partly_bad),
	S(sys_writev_second_bad),
	S(sys_open_kernel_path), S(sys_open_path_into_hole),
	S(sys_clock_gettime_readonly), S(sys_pipe_to_readonly),
	S(sys_sigaction_unmapped), S(sys_futex_unmapped),
	S(sys_execve_bad_argv),
};
#define NSCENARIOS	((int)(sizeof(scenarios) / sizeof(scenarios[0])))

static const char *sig_name(int sig)
{
	static const char *const names[] = {
		[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP",
		[SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS",
		[SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
		[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM", [SIGSYS] = "SIGSYS",
	};
	static char other[16];

	if (sig > 0 && sig < (int)(sizeof(names) / sizeof(names[0])) &&
	    names[sig])
		return names[sig];
	snprintf(other, sizeof(other), "SIG%d", sig);
	return other;
}

static const char *code_name(int sig, int code)
{
	static const char *const segv[] = {
		[1] = "SEGV_MAPERR", [2] = "SEGV_ACCERR", [3] = "SEGV_BNDERR",
		[4] = "SEGV_PKUERR",
	};
	static const char *const bus[] = {
		[1] = "BUS_ADRALN", [2] = "BUS_ADRERR", [3] = "BUS_OBJERR",
		[4] = "BUS_MCEERR_AR", [5] = "BUS_MCEERR_AO",
	};
	static char other[16];

	if (code == SI_KERNEL)
		return "SI_KERNEL";
	if (code == SI_USER)
		return "SI_USER";
	if (code == SI_TKILL)
		return "SI_TKILL";
	if (sig == SIGSEGV && code > 0 && code < 5)
		return segv[code];
	if (sig == SIGBUS && code > 0 && code < 6)
		return bus[code];
	snprintf(other, sizeof(other), "%d", code);
	return other;
}

/* si_addr against where the fault was expected, without the address. */
static const char *addr_str(unsigned long a, unsigned long e, int slack)
{
	static char buf[40];
	long d = (long)(a - e);

	if (slack && a < e && e - a <= PAGE)
		return "-page";
	if (d == 0)
		return "+0";
	if (d > -(long)PAGE && d < (long)PAGE) {
		snprintf(buf, sizeof(buf), "%c0x%lx", d < 0 ? '-' : '+',
			 d < 0 ? (unsigned long)-d : (unsigned long)d);
		return buf;
	}
	if (a == 0)
		return "NULL";
	if (a == (e & ((1UL << 56) - 1)))
		return "untagged+0";
	return "far";
}

/*
 * The outcome, one of:
 *   sig=SIGSEGV code=SEGV_MAPERR addr=+0 lsb=0 [faults=N]
 *	a handler caught the signal (N times); addr is si_addr against where
 *	the scenario expected it: "+0", "-0x10", "NULL", "untagged+0",
 *	"-page" (anywhere in the page below, where the scenario allows it),
 *	"far" (anywhere else)
 *   ret=-1 errno=EFAULT [then=...]	a system call's result (then: a
 *					follow-up call's)
 *   ok [detail]			nothing faulted; what was read back
 *   killed=SIGSEGV [caught=N]		the child died of the signal
 *   setup=<step> errno=<E>		a step before the probe failed
 *   exit=N, timeout			none of those
 */
static void format(char *out, size_t size, int waited, int st)
{
	int n = 0;

	if (waited > 0)
		n = snprintf(out, size, "timeout");
	else if (WIFSIGNALED(st))
		n = snprintf(out, size, "killed=%s", sig_name(WTERMSIG(st)));
	else if (R->outcome == CAUGHT)
		n = snprintf(out, size, "sig=%s code=%s addr=%s lsb=%d",
			     sig_name(R->signo), code_name(R->signo, R->code),
			     addr_str(R->addr, R->expect, R->slack_page),
			     R->lsb);
	else if (R->outcome == RETURNED)
		n = snprintf(out, size, "ret=%ld%s%s", R->ret,
			     R->ret == -1 ? " errno=" : "",
			     R->ret == -1 ? ktap_errname(R->err) : "");
	else if (R->outcome == OK)
		n = snprintf(out, size, "ok");
	else if (R->outcome == SETUP_FAILED)
		n = snprintf(out, size, "setup=%s errno=%s", R->detail,
			     ktap_errname(R->err));
	else
		n = snprintf(out, size, "exit=%d", WEXITSTATUS(st));
	if (n < 0 || (size_t)n >= size)
		return;
	if (R->outcome == CAUGHT && R->nfaults > 1 && !WIFSIGNALED(st))
		n += snprintf(out + n, size - n, " faults=%d", R->nfaults);
	else if (WIFSIGNALED(st) && R->nfaults)
		n += snprintf(out + n, size - n, " caught=%d", R->nfaults);
	if ((R->outcome == OK || R->outcome == RETURNED) && R->detail[0] &&
	    !WIFSIGNALED(st) && (size_t)n < size)
		snprintf(out + n, size - n, " %s", R->detail);
}

static void run(const struct scenario *s)
{
	char line[160];
	int st = 0, w;
	pid_t pid;

	memset(R, 0, sizeof(*R));
	pid = fork();
	if (pid < 0) {
		ktap_print("faultabi: %s fork failed: %s", s->name,
			   ktap_errname(errno));
		return;
	}
	if (pid == 0) {
		s->fn();
		_exit(0);
	}
	w = ktap_wait_timeout(pid, &st, 10000);
	if (w < 0) {
		ktap_print("faultabi: %s waitpid failed: %s", s->name,
			   ktap_errname(errno));
		return;
	}
	format(line, sizeof(line), w, st);
	ktap_print("faultabi: %s %s", s->name, line);
}

/* The stack limit every kernel should apply (Faultline's fixed one). */
static void set_stack_limit(void)
{
	unsigned long lim[2];

	if (syscall(__NR_prlimit64, 0, RLIMIT_STACK_, NULL, lim) == 0 &&
	    lim[1] >= STACK_LIMIT) {
		lim[0] = STACK_LIMIT;
		syscall(__NR_prlimit64, 0, RLIMIT_STACK_, lim, NULL);
	}
}

/* As /init of a bare Linux initramfs nothing has mounted /proc yet (the
 * stack scenarios read /proc/self/maps); Faultline always has it. */
static void need_proc(void)
{
	if (access("/proc/self/maps", R_OK) == 0)
		return;
	mkdir("/proc", 0555);
	syscall(NR_MOUNT, "proc", "/proc", "proc", 0UL, NULL);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 1)
		return 42;	/* see sys_execve_bad_argv */
	self_path = argv[0];
	R = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (R == MAP_FAILED) {
		ktap_print("# faultabi: mmap: %s", ktap_errname(errno));
		return 1;
	}
	set_stack_limit();
	mkdir("/tmp", 01777);
	need_proc();
	ktap_print("# faultabi: %d scenarios", NSCENARIOS);
	for (i = 0; i < NSCENARIOS; i++)
		run(&scenarios[i]);
	ktap_print("# faultabi: done");
	/* As pid 1 (init=/tests/faultabi, or /init on Linux) power off
	 * rather than leave the kernel to panic. */
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
