/*
 * faults: user-mode memory faults - demand-zero pages, copy-on-write
 * after fork, stack growth, and the SIGSEGV every bad access gets with
 * the si_code and si_addr Linux gives it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include "ktap.h"
#include "testlib.h"

#define PAGE	4096UL

#if defined(__x86_64__)
#define KERNEL_IMAGE	0xffffffff80200000UL
static const unsigned char ret_insn[] = { 0xc3 };		/* ret */
#elif defined(__aarch64__)
#define KERNEL_IMAGE	0xffff000040200000UL
static const unsigned char ret_insn[] = { 0xc0, 0x03, 0x5f, 0xd6 };
#elif defined(__riscv)
#define KERNEL_IMAGE	0xffffffc080200000UL
static const unsigned char ret_insn[] = { 0x67, 0x80, 0x00, 0x00 };
#endif

/*
 * Instructions that trap, each at a label so the expected si_addr is
 * known: trap_ill (an undefined instruction), trap_brk (a breakpoint) and,
 * on x86_64, trap_div_insn (a division by zero; the other arches do not
 * trap on it).
 */
void trap_ill(void);
void trap_brk(void);
void trap_div(void);
extern const char trap_div_insn[];
#if defined(__x86_64__)
__asm__(
"	.text\n"
"	.globl trap_ill, trap_brk, trap_div, trap_div_insn\n"
"trap_ill:\n"
"	ud2\n"
"	ret\n"
"trap_brk:\n"
"	int3\n"
"	ret\n"
"trap_div:\n"
"	xor %ecx, %ecx\n"
"	mov $1, %eax\n"
"	cqo\n"
"trap_div_insn:\n"
"	idiv %rcx\n"
"	ret\n");
#elif defined(__aarch64__)
__asm__(
"	.text\n"
"	.globl trap_ill, trap_brk\n"
"trap_ill:\n"
"	udf #0\n"
"	ret\n"
"trap_brk:\n"
"	brk #0\n"
"	ret\n");
#elif defined(__riscv)
__asm__(
"	.text\n"
"	.globl trap_ill, trap_brk\n"
"trap_ill:\n"
"	.4byte 0\n"		/* all zeros: defined to be illegal */
"	ret\n"
"trap_brk:\n"
"	ebreak\n"
"	ret\n");
#endif

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		ktap_fail("mmap: %s", ktap_errname(errno));
	return p;
}

static const char *code_name(int code)
{
	return code == SEGV_MAPERR ? "SEGV_MAPERR" :
	       code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

/* stmt must fault with SIGSEGV, si_code code and si_addr addr. */
#define EXPECT_SEGV(stmt, code, addr) do {				\
	void *volatile _want = (void *)(addr);				\
	catch_faults();							\
	fault_count = 0;						\
	if (sigsetjmp(fault_jb, 1) == 0) {				\
		stmt;							\
		ktap_fail("line %d: %s did not fault", __LINE__, #stmt); \
	}								\
	if (fault_info.si_signo != SIGSEGV ||				\
	    fault_info.si_code != (code) ||				\
	    fault_info.si_addr != _want)				\
		ktap_fail("line %d: %s: signal %d si_code %d (%s) "	\
			  "si_addr %p, want SIGSEGV %s at %p",		\
			  __LINE__, #stmt, fault_info.si_signo,		\
			  fault_info.si_code,				\
			  code_name(fault_info.si_code),		\
			  fault_info.si_addr, code_name(code), _want);	\
} while (0)

#define READ(p)		((void)*(volatile char *)(p))
#define WRITE(p)	(*(volatile char *)(p) = 1)
#define CALL(p)		(((void (*)(void))(p))())

static void demand_zero_read(void)
{
	unsigned char *p = map(64 * PAGE, PROT_READ | PROT_WRITE);
	unsigned long i, sum = 0;

	for (i = 0; i < 64 * PAGE; i += 8)
		sum |= *(volatile unsigned long *)(p + i);
	CHECK_EQ(sum, 0);
	/* then writable, and still zero around what was written */
	p[5 * PAGE + 7] = 0x5a;
	CHECK_EQ(p[5 * PAGE + 7], 0x5a);
	CHECK_EQ(p[5 * PAGE + 6], 0);
	CHECK_EQ(p[6 * PAGE], 0);
}

static void demand_zero_write(void)
{
	unsigned long *p = map(64 * PAGE, PROT_READ | PROT_WRITE);
	unsigned long i, n = 64 * PAGE / sizeof(long);

	for (i = 0; i < n; i += 64)
		p[i] = i * 2654435761UL;
	for (i = 0; i < n; i++)
		if (p[i] != (i % 64 ? 0 : i * 2654435761UL))
			ktap_fail("word %lu is 0x%lx", i, p[i]);
}

static char big_bss[256 * 1024];

static void bss_is_zero(void)
{
	unsigned long i;

	for (i = 0; i < sizeof(big_bss); i++)
		if (big_bss[i])
			ktap_fail("bss byte %lu is %d", i, big_bss[i]);
	big_bss[sizeof(big_bss) - 1] = 1;
	CHECK_EQ(big_bss[sizeof(big_bss) - 1], 1);
}

static void brk_memory_is_zero(void)
{
	char *old = sbrk(0), *p;
	unsigned long i;

	CHECK(old != (char *)-1);
	p = sbrk(64 * 1024);
	CHECK(p == old);
	for (i = 0; i < 64 * 1024; i++)
		if (p[i])
			ktap_fail("brk byte %lu is %d", i, p[i]);
	memset(p, 0x77, 64 * 1024);
	CHECK_EQ(p[64 * 1024 - 1], 0x77);
}

/*
 * Parent and child both write memory they shared before fork: each sees
 * only its own writes (anonymous mmap, heap, stack, data, and a page never
 * touched before fork).
 */
static char data_page[64] = "data: before fork";

static void cow_isolation_after_fork(void)
{
	char *m = map(PAGE, PROT_READ | PROT_WRITE);
	char *z = map(PAGE, PROT_READ | PROT_WRITE);
	char *h = malloc(64);
	char stack[64];
	int to_child[2], to_parent[2];
	char c;
	pid_t pid;

	CHECK(h != NULL);
	strcpy(m, "mmap: before fork");
	strcpy(h, "heap: before fork");
	strcpy(stack, "stack: before fork");
	CHECK_SYS(pipe(to_child));
	CHECK_SYS(pipe(to_parent));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		int bad = 0;

		bad |= strcmp(m, "mmap: before fork") ? 1 : 0;
		bad |= strcmp(h, "heap: before fork") ? 2 : 0;
		bad |= strcmp(stack, "stack: before fork") ? 4 : 0;
		bad |= strcmp(data_page, "data: before fork") ? 8 : 0;
		bad |= z[100] ? 16 : 0;
		strcpy(m, "mmap: child");
		strcpy(h, "heap: child");
		strcpy(stack, "stack: child");
		strcpy(data_page, "data: child");
		z[100] = 'c';
		/* let the parent write, then check we do not see it */
		if (write(to_parent[1], "w", 1) != 1 ||
		    read(to_child[0], &c, 1) != 1)
			_exit(100);
		bad |= strcmp(m, "mmap: child") ? 32 : 0;
		bad |= strcmp(h, "heap: child") ? 64 : 0;
		bad |= strcmp(stack, "stack: child") ? 128 : 0;
		bad |= strcmp(data_page, "data: child") || z[100] != 'c' ?
			1 : 0;
		_exit(bad);
	}
	CHECK_EQ(read(to_parent[0], &c, 1), 1);	/* the child wrote */
	CHECK(!strcmp(m, "mmap: before fork"));
	CHECK(!strcmp(h, "heap: before fork"));
	CHECK(!strcmp(stack, "stack: before fork"));
	CHECK(!strcmp(data_page, "data: before fork"));
	CHECK_EQ(z[100], 0);
	strcpy(m, "mmap: parent");
	strcpy(h, "heap: parent");
	strcpy(stack, "stack: parent");
	strcpy(data_page, "data: parent");
	z[100] = 'p';
	CHECK_EQ(write(to_child[1], "g", 1), 1);
	CHECK_EXITED(pid, 0);
	CHECK(!strcmp(m, "mmap: parent"));
	CHECK_EQ(z[100], 'p');
}

/* A kernel write into a page shared copy-on-write (read() into it in
 * the child) must copy it first too. */
static void cow_kernel_write_after_fork(void)
{
	char *m = map(PAGE, PROT_READ | PROT_WRITE);
	int p[2];
	pid_t pid;

	strcpy(m, "parent's bytes");
	CHECK_SYS(pipe(p));
	CHECK_EQ(write(p[1], "CHILD", 5), 5);
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(read(p[0], m, 5) == 5 && !memcmp(m, "CHILD", 5) ? 0 : 1);
	CHECK_EXITED(pid, 0);
	CHECK(!strcmp(m, "parent's bytes"));
}

static void write_readonly_accerr(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE);

	p[0] = 'x';
	CHECK_SYS(mprotect(p, 2 * PAGE, PROT_READ));
	EXPECT_SEGV(WRITE(p + 123), SEGV_ACCERR, p + 123);
	EXPECT_SEGV(WRITE(p + PAGE + 5), SEGV_ACCERR, p + PAGE + 5);
	CHECK_EQ(p[0], 'x');
	CHECK_EQ(p[123], 0);
	/* and writable again */
	CHECK_SYS(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE));
	p[123] = 'y';
	CHECK_EQ(p[123], 'y');
}

static const char rodata_string[] = "in .rodata, never writable";

static void write_rodata_and_text_accerr(void)
{
	const char *r = rodata_string + 3;
	const char *t = (const char *)(uintptr_t)write_readonly_accerr + 1;

	EXPECT_SEGV(WRITE(r), SEGV_ACCERR, r);
	EXPECT_SEGV(WRITE(t), SEGV_ACCERR, t);
	CHECK_EQ(rodata_string[3], '.');
}

static void prot_none_accerr(void)
{
	char *p = map(PAGE, PROT_NONE);

	EXPECT_SEGV(READ(p + 9), SEGV_ACCERR, p + 9);
	EXPECT_SEGV(WRITE(p + 10), SEGV_ACCERR, p + 10);
}

static void unmapped_maperr(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE);

	CHECK_SYS(munmap(p, PAGE));
	EXPECT_SEGV(READ(p + 5), SEGV_MAPERR, p + 5);
	EXPECT_SEGV(WRITE(p + PAGE - 1), SEGV_MAPERR, p + PAGE - 1);
}

static void null_maperr(void)
{
	EXPECT_SEGV(READ(ktap_ptr(0)), SEGV_MAPERR, 0);
	EXPECT_SEGV(WRITE(ktap_ptr(0)), SEGV_MAPERR, 0);
	EXPECT_SEGV(READ(ktap_ptr(0x10)), SEGV_MAPERR, 0x10);
	EXPECT_SEGV(CALL(ktap_ptr(0)), SEGV_MAPERR, 0);
}

static void munmap_hole_maperr(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE);

	memset(p, 'a', 3 * PAGE);
	CHECK_SYS(munmap(p + PAGE, PAGE));
	EXPECT_SEGV(READ(p + PAGE + 77), SEGV_MAPERR, p + PAGE + 77);
	EXPECT_SEGV(WRITE(p + PAGE), SEGV_MAPERR, p + PAGE);
	CHECK_EQ(p[PAGE - 1], 'a');
	CHECK_EQ(p[2 * PAGE], 'a');
	/* mapping it again gives a fresh zero page */
	CHECK(mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == p + PAGE);
	CHECK_EQ(p[PAGE + 77], 0);
}

static void user_access_to_kernel_segv(void)
{
	catch_faults();
	fault_count = 0;
	if (sigsetjmp(fault_jb, 1) == 0) {
		READ(ktap_ptr(KERNEL_IMAGE));
		ktap_fail("reading the kernel image from user mode worked");
	}
	CHECK_EQ(fault_info.si_signo, SIGSEGV);
	ktap_diag("user read of kernel address: si_code %d si_addr %p",
		  fault_info.si_code, fault_info.si_addr);
}

/* 2 MiB of stack frames, each touched: the stack grows on demand. */
static __attribute__((noinline)) unsigned long deep(int n)
{
	volatile unsigned char frame[1024];
	unsigned long r;

	frame[0] = (unsigned char)n;
	frame[1023] = (unsigned char)(n >> 8);
	if (n == 0)
		return 0;
	r = deep(n - 1);
	return r + frame[0] + frame[1023];
}

static void stack_growth_deep_recursion(void)
{
	unsigned long want = 0;
	int i;

	for (i = 1; i <= 2048; i++)
		want += (unsigned char)i + (unsigned char)(i >> 8);
	CHECK_EQ(deep(2048), want);
}

/* One frame of 512 KiB whose far end is touched first. */
static __attribute__((noinline)) int big_frame(void)
{
	volatile char big[512 * 1024];

	big[0] = 1;
	big[sizeof(big) - 1] = 2;
	big[sizeof(big) / 2] = 3;
	return big[0] + big[sizeof(big) - 1] + big[sizeof(big) / 2];
}

static void stack_growth_big_frame(void)
{
	CHECK_EQ(big_frame(), 6);
}

/* A return instruction in memory without PROT_EXEC: fetching it faults
 * with SEGV_ACCERR at its address; after mprotect(PROT_EXEC) it runs. */
static void exec_nx_page_accerr(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE);

	memcpy(p, ret_insn, sizeof(ret_insn));
	EXPECT_SEGV(CALL(p), SEGV_ACCERR, p);
	CHECK_SYS(mprotect(p, PAGE, PROT_READ | PROT_EXEC));
	ktap_sync_icache(p, sizeof(ret_insn));
	CALL(p);
}

static unsigned char data_code[64] __attribute__((aligned(16)));

/* Data, heap and stack are never executable. */
static void exec_data_stack_heap_accerr(void)
{
	unsigned char stack_code[16] __attribute__((aligned(16)));
	unsigned char *heap_code = malloc(64);

	memcpy(data_code, ret_insn, sizeof(ret_insn));
	memcpy(stack_code, ret_insn, sizeof(ret_insn));
	CHECK(heap_code != NULL);
	memcpy(heap_code, ret_insn, sizeof(ret_insn));
	EXPECT_SEGV(CALL(data_code), SEGV_ACCERR, data_code);
	EXPECT_SEGV(CALL(stack_code), SEGV_ACCERR, stack_code);
	EXPECT_SEGV(CALL(heap_code), SEGV_ACCERR, heap_code);
}

static void madvise_dontneed_zeroes(void)
{
	char *p = map(4 * PAGE, PROT_READ | PROT_WRITE);
	unsigned long i;

	memset(p, 0x33, 4 * PAGE);
	CHECK_SYS(madvise(p + PAGE, 2 * PAGE, MADV_DONTNEED));
	CHECK_EQ(p[PAGE - 1], 0x33);
	CHECK_EQ(p[3 * PAGE], 0x33);
	for (i = PAGE; i < 3 * PAGE; i++)
		if (p[i])
			ktap_fail("byte %lu after MADV_DONTNEED is 0x%x", i,
				  p[i]);
	p[PAGE + 1] = 9;
	CHECK_EQ(p[PAGE + 1], 9);
}

/* Our mapping appears in /proc/self/maps with its protection. */
static void proc_self_maps_shows_mapping(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE);
	char buf[16384], want[64];
	int fd;

	CHECK_SYS(mprotect(p, PAGE, PROT_READ));
	fd = CHECK_SYS(open("/proc/self/maps", O_RDONLY));
	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	snprintf(want, sizeof(want), "%lx-%lx r--p ", (unsigned long)p,
		 (unsigned long)p + PAGE);
	if (!strstr(buf, want))
		ktap_fail("no \"%s\" line in /proc/self/maps", want);
	CHECK(strstr(buf, "[stack]") != NULL);
}

/* Run fn expecting signal sig with si_code code and si_addr addr. */
static void expect_trap(void (*fn)(void), const char *what, int sig,
			int code, const void *addr)
{
	static const int sigs[] = { SIGILL, SIGTRAP, SIGFPE, SIGSEGV, SIGBUS };
	struct sigaction sa;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		CHECK_SYS(sigaction(sigs[i], &sa, NULL));
	fault_count = 0;
	if (sigsetjmp(fault_jb, 1) == 0) {
		fn();
		ktap_fail("%s did not trap", what);
	}
	if (fault_info.si_signo != sig || fault_info.si_code != code ||
	    fault_info.si_addr != addr)
		ktap_fail("%s: signal %d si_code %d si_addr %p, want signal %d "
			  "si_code %d si_addr %p", what, fault_info.si_signo,
			  fault_info.si_code, fault_info.si_addr, sig, code,
			  addr);
}

static void illegal_instruction_sigill(void)
{
#ifdef __x86_64__
	/* x86_64 Linux reports ud2 as an illegal operand */
	expect_trap(trap_ill, "ud2", SIGILL, ILL_ILLOPN, (void *)trap_ill);
#else
	expect_trap(trap_ill, "undefined instruction", SIGILL, ILL_ILLOPC,
		    (void *)trap_ill);
#endif
}

static void breakpoint_sigtrap(void)
{
#ifdef __x86_64__
	/* x86_64 Linux: int3 is SI_KERNEL, without an address */
	expect_trap(trap_brk, "int3", SIGTRAP, SI_KERNEL, NULL);
#else
	expect_trap(trap_brk, "breakpoint", SIGTRAP, TRAP_BRKPT,
		    (void *)trap_brk);
#endif
}

static void divide_error_sigfpe(void)
{
#ifdef __x86_64__
	expect_trap(trap_div, "idiv by 0", SIGFPE, FPE_INTDIV, trap_div_insn);
#else
	ktap_skip("integer division by zero does not trap on this arch");
#endif
}

/*
 * Where the interrupted pc sits in the ucontext a SA_SIGINFO handler is
 * given (Linux's layouts: uc_mcontext.gregs[REG_RIP], uc_mcontext.pc,
 * uc_mcontext.__gregs[0]), and the length of trap_ill's instruction.
 */
#if defined(__x86_64__)
#define UC_PC_OFFSET	168
#define ILL_LEN		2
#elif defined(__aarch64__)
#define UC_PC_OFFSET	440
#define ILL_LEN		4
#else
#define UC_PC_OFFSET	176
#define ILL_LEN		4
#endif

static volatile unsigned long seen_pc;
static volatile int skips;

static void skip_handler(int sig, siginfo_t *si, void *uc)
{
	unsigned long *pc = (unsigned long *)((char *)uc + UC_PC_OFFSET);

	(void)sig;
	(void)si;
	seen_pc = *pc;
	*pc += ILL_LEN;
	skips++;
}

/* The handler finds the faulting pc in its ucontext and moves it past the
 * instruction; sigreturn resumes there, so trap_ill returns normally. */
static void handler_moves_pc_past_sigill(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = skip_handler;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGILL, &sa, NULL));
	trap_ill();
	CHECK_EQ(skips, 1);
	CHECK_EQ(seen_pc, (unsigned long)(uintptr_t)trap_ill);
	trap_ill();
	CHECK_EQ(skips, 2);
}

/* MAP_SHARED memory stays shared after fork: no copy-on-write. */
static void shared_anon_visible_across_fork(void)
{
	volatile int *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(p != MAP_FAILED);
	p[0] = 1;
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		int ok = p[0] == 1;

		p[0] = 2;
		p[PAGE / sizeof(int)] = 3;	/* a page no one touched */
		_exit(ok ? 0 : 1);
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(p[0], 2);
	CHECK_EQ(p[PAGE / sizeof(int)], 3);
}

/* mprotect of the middle page of three: only that page changes. */
static void mprotect_splits_mapping(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE);

	CHECK_SYS(mprotect(p + PAGE, PAGE, PROT_READ));
	p[0] = 1;
	p[2 * PAGE] = 3;
	EXPECT_SEGV(WRITE(p + PAGE + 1), SEGV_ACCERR, p + PAGE + 1);
	CHECK_EQ(p[PAGE + 1], 0);
	CHECK_SYS(munmap(p, PAGE));
	EXPECT_SEGV(READ(p), SEGV_MAPERR, p);
	CHECK_EQ(p[2 * PAGE], 3);
}

static void mm_syscall_errno(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE);

	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		  EINVAL);
	CHECK_ERR(mmap(p + 1, PAGE, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERR(mmap(NULL, 1UL << 62, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	CHECK_ERR(munmap(p + 1, PAGE), EINVAL);
	CHECK_ERR(munmap(p, 0), EINVAL);
	CHECK_ERR(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_ERR(mprotect(p, 2 * PAGE, PROT_READ), ENOMEM);	/* a hole */
	CHECK_ERR(madvise(p, PAGE, 12345), EINVAL);
	CHECK_EQ(munmap(p + PAGE, PAGE), 0);	/* nothing there: fine */
}

static const struct ktap_case cases[] = {
	KTAP_CASE(demand_zero_read),
	KTAP_CASE(demand_zero_write),
	KTAP_CASE(bss_is_zero),
	KTAP_CASE(brk_memory_is_zero),
	KTAP_CASE(cow_isolation_after_fork),
	KTAP_CASE(cow_kernel_write_after_fork),
	KTAP_CASE(write_readonly_accerr),
	KTAP_CASE(write_rodata_and_text_accerr),
	KTAP_CASE(prot_none_accerr),
	KTAP_CASE(unmapped_maperr),
	KTAP_CASE(null_maperr),
	KTAP_CASE(munmap_hole_maperr),
	KTAP_CASE(user_access_to_kernel_segv),
	KTAP_CASE(stack_growth_deep_recursion),
	KTAP_CASE(stack_growth_big_frame),
	KTAP_CASE(exec_nx_page_accerr),
	KTAP_CASE(exec_data_stack_heap_accerr),
	KTAP_CASE(madvise_dontneed_zeroes),
	KTAP_CASE(proc_self_maps_shows_mapping),
	KTAP_CASE(illegal_instruction_sigill),
	KTAP_CASE(breakpoint_sigtrap),
	KTAP_CASE(divide_error_sigfpe),
	KTAP_CASE(handler_moves_pc_past_sigill),
	KTAP_CASE(shared_anon_visible_across_fork),
	KTAP_CASE(mprotect_splits_mapping),
	KTAP_CASE(mm_syscall_errno),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("faults", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
