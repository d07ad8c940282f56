/*
 * elf: execve of broken files (bad magic, truncated headers, wrong
 * machine, class, byte order or type, bad program header tables), of a
 * file without execute permission, of a missing file, of a bss no
 * machine here could back: each fails with the errno Linux gives and the
 * caller carries on.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include "ktap.h"

/* ELF64 header fields, by byte offset. */
#define EI_CLASS	4
#define EI_DATA		5
#define E_TYPE		16
#define E_MACHINE	18
#define E_PHOFF		32
#define E_PHENTSIZE	54
#define E_PHNUM		56
#define EHDR_SIZE	64

#define EM_386		3
#define EM_ARM		40
#define EM_X86_64	62
#define EM_AARCH64	183
#define EM_RISCV	243

static const unsigned long canary = 0x600dcafe;
static volatile unsigned long canary_copy = 0x600dcafe;

static char dir[64];
static unsigned char *self;	/* our own executable, read at start */
static size_t self_len;

static void load_self(void)
{
	struct stat st;
	int fd = CHECK_SYS(open(ktap_argv0, O_RDONLY));

	CHECK_SYS(fstat(fd, &st));
	self_len = (size_t)st.st_size;
	self = malloc(self_len);
	CHECK(self != NULL);
	CHECK_EQ(ktap_read_all(fd, (char *)self, self_len + 1), self_len);
	CHECK_SYS(close(fd));
	CHECK(!memcmp(self, "\177ELF", 4));
	CHECK_EQ(self[EI_CLASS], 2);
}

/* Write a file (mode exactly as given) into the case's directory. */
static const char *make_file(const char *name, const void *data, size_t len,
			     mode_t mode)
{
	static char path[128];
	int fd;

	if (!dir[0]) {
		mkdir("/tmp", 01777);
		snprintf(dir, sizeof(dir), "/tmp/elf.%d", getpid());
		CHECK_SYS(mkdir(dir, 0755));
	}
	umask(0);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = CHECK_SYS(open(path, O_CREAT | O_TRUNC | O_WRONLY, mode));
	CHECK_EQ(write(fd, data, len), len);
	CHECK_SYS(close(fd));
	return path;
}

/* A copy of ourselves with one 16-bit or 8-bit field changed. */
static const char *make_variant(const char *name, int off, unsigned value,
				int size)
{
	unsigned char *copy = malloc(self_len);

	CHECK(copy != NULL);
	memcpy(copy, self, self_len);
	copy[off] = (unsigned char)value;
	if (size == 2)
		copy[off + 1] = (unsigned char)(value >> 8);
	return make_file(name, copy, self_len, 0755);
}

/* execve must fail with err, and we must still be here, intact. A
 * successful exec would run the copy's "--exit 42" and end the case
 * process with 42. */
#define CHECK_EXEC_FAILS(path, err) do {				\
	char *_argv[] = { (char *)"elf-test", (char *)"--exit",	\
			  (char *)"42", NULL };				\
	char *_envp[] = { NULL };					\
	CHECK_ERR(execve((path), _argv, _envp), (err));		\
	CHECK_EQ(canary_copy, canary);					\
} while (0)

static void cleanup(const char *const *names, int n)
{
	char path[128];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		CHECK_SYS(unlink(path));
	}
	CHECK_SYS(rmdir(dir));
}

static void exec_valid_copy_runs(void)
{
	char *argv[] = { (char *)"elf-test", (char *)"--exit", (char *)"42",
			 NULL };
	char *envp[] = { NULL };
	const char *path;
	pid_t pid;

	load_self();
	path = make_file("good", self, self_len, 0755);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_execve(path, argv, envp);
		_exit(errno == 0 ? 126 : errno);
	}
	CHECK_EXITED(pid, 42);	/* it ran: the files we write are sound */
	cleanup((const char *const[]){ "good" }, 1);
}

static void exec_bad_magic(void)
{
	static const char text[] = "hello, this is not a program\n";
	unsigned char hdr[EHDR_SIZE];

	CHECK_EXEC_FAILS(make_file("text", text, sizeof(text) - 1, 0755),
			 ENOEXEC);
	load_self();
	memcpy(hdr, self, sizeof(hdr));
	hdr[3] = 'G';			/* "\177ELG" */
	CHECK_EXEC_FAILS(make_file("magic", hdr, sizeof(hdr), 0755),
			 ENOEXEC);
	CHECK_EXEC_FAILS(make_variant("magic0", 0, 0x7e, 1), ENOEXEC);
	cleanup((const char *const[]){ "text", "magic", "magic0" }, 3);
}

static void exec_empty_file(void)
{
	CHECK_EXEC_FAILS(make_file("empty", "", 0, 0755), ENOEXEC);
	cleanup((const char *const[]){ "empty" }, 1);
}

static void exec_truncated_header(void)
{
	load_self();
	CHECK_EXEC_FAILS(make_file("t4", self, 4, 0755), ENOEXEC);
	CHECK_EXEC_FAILS(make_file("t20", self, 20, 0755), ENOEXEC);
	CHECK_EXEC_FAILS(make_file("t63", self, 63, 0755), ENOEXEC);
	cleanup((const char *const[]){ "t4", "t20", "t63" }, 3);
}

/* The whole header, but the program headers it points to are cut off. */
static void exec_truncated_program_headers(void)
{
	unsigned long phoff;

	load_self();
	memcpy(&phoff, self + E_PHOFF, sizeof(phoff));
	CHECK_EXEC_FAILS(make_file("ph0", self, EHDR_SIZE, 0755), ENOEXEC);
	CHECK_EXEC_FAILS(make_file("ph1", self, phoff + 10, 0755), ENOEXEC);
	cleanup((const char *const[]){ "ph0", "ph1" }, 2);
}

static void exec_wrong_machine(void)
{
	static const unsigned machines[] = {
#if defined(__x86_64__)
		EM_AARCH64, EM_RISCV,
#elif defined(__aarch64__)
		EM_X86_64, EM_RISCV,
#else
		EM_X86_64, EM_AARCH64,
#endif
		EM_386, EM_ARM, 0, 0xffff,
	};
	static const char *const names[] = { "m0", "m1", "m2", "m3", "m4",
					     "m5" };
	unsigned int i;

	load_self();
	for (i = 0; i < 6; i++)
		CHECK_EXEC_FAILS(make_variant(names[i], E_MACHINE, machines[i],
					      2), ENOEXEC);
	cleanup(names, 6);
}

/*
 * Linux's loader checks neither EI_CLASS nor EI_DATA: it runs these (the
 * fields it does check are fine). Refusing them with ENOEXEC is as good;
 * the case takes either answer, prints which, and fails on anything else.
 */
static void exec_wrong_class_or_byte_order(void)
{
	static const char *const names[] = { "c32", "c0", "msb" };
	static const int off[] = { EI_CLASS, EI_CLASS, EI_DATA };
	static const unsigned val[] = { 1, 0, 2 };
	char *argv[] = { (char *)"elf-test", (char *)"--exit", (char *)"42",
			 NULL };
	char *envp[] = { NULL };
	const char *path;
	int i, st;
	pid_t pid;

	load_self();
	for (i = 0; i < 3; i++) {
		path = make_variant(names[i], off[i], val[i], 1);
		pid = CHECK_SYS(fork());
		if (pid == 0) {
			ktap_execve(path, argv, envp);
			_exit(errno == ENOEXEC ? 43 : 44);
		}
		st = WAIT_CHILD(pid);
		ktap_diag("exec with %s: %s", names[i],
			  st == 42 << 8 ? "ran" : st == 43 << 8 ? "ENOEXEC" :
			  ktap_status(st));
		if (st != 42 << 8 && st != 43 << 8)
			ktap_fail("exec of %s: %s (44: another errno)",
				  names[i], ktap_status(st));
	}
	cleanup(names, 3);
}

static void exec_wrong_type(void)
{
	load_self();
	CHECK_EXEC_FAILS(make_variant("rel", E_TYPE, 1, 2), ENOEXEC);
	CHECK_EXEC_FAILS(make_variant("core", E_TYPE, 4, 2), ENOEXEC);
	CHECK_EXEC_FAILS(make_variant("none", E_TYPE, 0, 2), ENOEXEC);
	cleanup((const char *const[]){ "rel", "core", "none" }, 3);
}

static void exec_bad_program_header_table(void)
{
	load_self();
	CHECK_EXEC_FAILS(make_variant("phent", E_PHENTSIZE, 32, 2), ENOEXEC);
	CHECK_EXEC_FAILS(make_variant("phnum0", E_PHNUM, 0, 2), ENOEXEC);
	CHECK_EXEC_FAILS(make_variant("phnumx", E_PHNUM, 0xffff, 2), ENOEXEC);
	cleanup((const char *const[]){ "phent", "phnum0", "phnumx" }, 3);
}

/*
 * A copy of ourselves whose last PT_LOAD has 1 TiB more bss: no machine
 * here can back it, so exec refuses with ENOMEM (heuristic overcommit, on
 * every arch) and the caller is still intact.
 */
static void exec_huge_bss_enomem(void)
{
	unsigned char *copy;
	unsigned long long phoff, memsz;
	unsigned int i, phentsize, phnum, last = ~0U;

	load_self();
	copy = malloc(self_len);
	CHECK(copy != NULL);
	memcpy(copy, self, self_len);
	memcpy(&phoff, copy + 32, sizeof(phoff));
	phentsize = copy[54] | copy[55] << 8;
	phnum = copy[E_PHNUM] | copy[E_PHNUM + 1] << 8;
	CHECK(phentsize == 56 && phoff + (unsigned long long)phnum * 56 <= self_len);
	for (i = 0; i < phnum; i++)
		if (copy[phoff + i * 56] == 1)		/* PT_LOAD */
			last = i;
	CHECK(last != ~0U);
	memcpy(&memsz, copy + phoff + last * 56 + 40, sizeof(memsz));
	memsz += 1ULL << 40;
	memcpy(copy + phoff + last * 56 + 40, &memsz, sizeof(memsz));
	CHECK_EXEC_FAILS(make_file("hugebss", copy, self_len, 0755), ENOMEM);
	free(copy);
	cleanup((const char *const[]){ "hugebss" }, 1);
}

static void exec_not_executable_eacces(void)
{
	load_self();
	CHECK_EXEC_FAILS(make_file("noexec", self, self_len, 0644), EACCES);
	CHECK_EXEC_FAILS(make_file("noexec2", self, self_len, 0600), EACCES);
	cleanup((const char *const[]){ "noexec", "noexec2" }, 2);
}

static void exec_directory_eacces(void)
{
	CHECK_EXEC_FAILS("/", EACCES);
	CHECK_EXEC_FAILS("/tmp", EACCES);
}

static void exec_missing_file_enoent(void)
{
	CHECK_EXEC_FAILS("/no/such/program", ENOENT);
	CHECK_EXEC_FAILS("/tmp/no-such-program", ENOENT);
	CHECK_EXEC_FAILS("", ENOENT);
}

static void exec_path_through_file_enotdir(void)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/x", ktap_argv0);
	CHECK_EXEC_FAILS(path, ENOTDIR);
}

/* execve with no argv at all: the program still gets argc 1, argv[0] ""
 * (Linux since 5.18), and its environment where it belongs. */
static void exec_empty_argv(void)
{
	char *envp[] = { "FAULTLINE_EMPTY_ARGV=1", NULL };
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		execve(ktap_argv0, NULL, envp);
		_exit(99);
	}
	CHECK_EXITED(pid, 42);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(exec_valid_copy_runs),
	KTAP_CASE(exec_empty_argv),
	KTAP_CASE(exec_bad_magic),
	KTAP_CASE(exec_empty_file),
	KTAP_CASE(exec_truncated_header),
	KTAP_CASE(exec_truncated_program_headers),
	KTAP_CASE(exec_wrong_machine),
	KTAP_CASE(exec_wrong_class_or_byte_order),
	KTAP_CASE(exec_wrong_type),
	KTAP_CASE(exec_bad_program_header_table),
	KTAP_CASE(exec_huge_bss_enomem),
	KTAP_CASE(exec_not_executable_eacces),
	KTAP_CASE(exec_directory_eacces),
	KTAP_CASE(exec_missing_file_enoent),
	KTAP_CASE(exec_path_through_file_enotdir),
};

int main(int argc, char **argv)
{
	if (argc == 1 && argv[0] && !argv[0][0] && !argv[1])
		return getenv("FAULTLINE_EMPTY_ARGV") ? 42 : 43;
	ktap_argv0 = argv[0];
	if (argc > 2 && !strcmp(argv[1], "--exit"))
		return atoi(argv[2]);
	return ktap_run("elf", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
