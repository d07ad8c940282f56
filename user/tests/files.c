/*
 * files: pipes (data, EOF, EPIPE/SIGPIPE), regular files in /tmp (create,
 * read, write, lseek, fstat, unlink), directories and getdents64,
 * dup/dup2/dup3, O_CLOEXEC across exec, /dev/null and /dev/zero, and the
 * errno Linux gives for each kind of bad argument.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "ktap.h"

#ifndef F_GETPIPE_SZ
#define F_GETPIPE_SZ	1032
#endif

/* linux_dirent64, as getdents64 fills it (called directly: glibc and our
 * libc name its struct differently). */
struct dent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct io_vec {
	void *base;
	size_t len;
};

static char scratch[64];	/* this case's directory under /tmp */

/* A fresh directory for the case: /tmp/files.<pid>. */
static const char *tmp_path(const char *name)
{
	static char buf[2][128];
	static int which;

	which ^= 1;
	if (!scratch[0]) {
		mkdir("/tmp", 01777);	/* the initramfs may lack one */
		snprintf(scratch, sizeof(scratch), "/tmp/files.%d", getpid());
		if (mkdir(scratch, 0755) < 0)
			ktap_fail("mkdir %s: %s", scratch, ktap_errname(errno));
	}
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", scratch, name);
	return buf[which];
}

/* Remove the case's directory: it must be empty by now. */
static void tmp_done(void)
{
	if (scratch[0] && rmdir(scratch) < 0)
		ktap_fail("rmdir %s: %s", scratch, ktap_errname(errno));
}

static void pipe_data_through(void)
{
	int p[2];
	char buf[32];

	CHECK_SYS(pipe(p));
	CHECK(p[0] > 2 && p[1] > 2 && p[0] != p[1]);
	CHECK_EQ(write(p[1], "hello, pipe", 11), 11);
	CHECK_EQ(write(p[1], "!", 1), 1);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 12);	/* what is there */
	CHECK(!memcmp(buf, "hello, pipe!", 12));
	CHECK_EQ(write(p[1], "xy", 2), 2);
	CHECK_EQ(read(p[0], buf, 1), 1);	/* short reads keep the rest */
	CHECK_EQ(buf[0], 'x');
	CHECK_EQ(read(p[0], buf, 5), 1);
	CHECK_EQ(buf[0], 'y');
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

static void pipe_eof_after_writer_closes(void)
{
	int p[2];
	char buf[8];

	CHECK_SYS(pipe(p));
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_SYS(close(p[1]));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 2);	/* data first */
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);	/* then EOF */
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
}

/* EOF reaches a reader already asleep in read() when the last writer,
 * another process, exits. */
static void pipe_eof_wakes_blocked_reader(void)
{
	int p[2];
	char buf[8];
	pid_t pid;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		close(p[0]);
		ktap_sleep_ms(30);
		_exit(write(p[1], "z", 1) == 1 ? 0 : 1);
	}
	close(p[1]);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 1);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EXITED(pid, 0);
}

static void pipe_no_reader_sigpipe(void)
{
	int p[2];
	pid_t pid;

	CHECK_SYS(pipe(p));
	CHECK_SYS(close(p[0]));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	CHECK_KILLED(pid, SIGPIPE);
}

static void pipe_no_reader_epipe(void)
{
	int p[2];

	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	CHECK_SYS(pipe(p));
	CHECK_SYS(close(p[0]));
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
}

/* 256 KiB through a pipe: the writer blocks whenever the pipe is full and
 * the reader sees every byte in order. */
static void pipe_large_transfer(void)
{
	static unsigned char buf[8192];
	unsigned long total = 0, sum = 0, want = 0;
	unsigned int i, j;
	int p[2];
	ssize_t r;
	pid_t pid;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		close(p[0]);
		for (i = 0; i < 32; i++) {
			for (j = 0; j < sizeof(buf); j++)
				buf[j] = (unsigned char)(i * 7 + j);
			if (write(p[1], buf, sizeof(buf)) !=
			    (ssize_t)sizeof(buf))
				_exit(1);
		}
		_exit(0);
	}
	close(p[1]);
	for (i = 0; i < 32; i++)
		for (j = 0; j < sizeof(buf); j++)
			want += (unsigned long)(unsigned char)(i * 7 + j) *
				((i * sizeof(buf) + j) % 13 + 1);
	while ((r = read(p[0], buf, 5000)) > 0) {
		for (j = 0; j < (unsigned int)r; j++)
			sum += (unsigned long)buf[j] * ((total + j) % 13 + 1);
		total += (unsigned long)r;
	}
	CHECK_EQ(r, 0);
	CHECK_EQ(total, 32 * sizeof(buf));
	CHECK_EQ(sum, want);
	CHECK_EXITED(pid, 0);
}

static void pipe2_cloexec_flag(void)
{
	int p[2], q[2];

	CHECK_SYS(pipe2(p, O_CLOEXEC));
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	CHECK_SYS(pipe(q));
	CHECK_EQ(fcntl(q[0], F_GETFD), 0);
	CHECK_EQ(fcntl(q[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(q[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_ERR(pipe2(p, O_TRUNC), EINVAL);
}

static void file_create_write_read(void)
{
	const char *path = tmp_path("a");
	struct stat st;
	char buf[64];
	int fd;

	fd = CHECK_SYS(open(path, O_CREAT | O_EXCL | O_RDWR, 0640));
	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 16);
	CHECK_EQ(st.st_mode & 0777, 0640);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);	/* at the end */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 16);
	CHECK(!memcmp(buf, "0123456789abcdef", 16));
	CHECK_SYS(close(fd));

	/* a second open sees the same bytes; O_TRUNC empties the file */
	fd = CHECK_SYS(open(path, O_RDONLY));
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK(!memcmp(buf, "0123", 4));
	CHECK_SYS(close(fd));
	CHECK_SYS(stat(path, &st));
	CHECK_EQ(st.st_size, 16);
	fd = CHECK_SYS(open(path, O_WRONLY | O_TRUNC));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
	CHECK_ERR(stat(path, &st), ENOENT);
	tmp_done();
}

static void lseek_whence_and_holes(void)
{
	const char *path = tmp_path("b");
	char buf[16];
	int fd, i;

	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	CHECK_EQ(write(fd, "abcdefgh", 8), 8);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8);
	CHECK_EQ(lseek(fd, -3, SEEK_END), 5);
	CHECK_EQ(read(fd, buf, 8), 3);
	CHECK(!memcmp(buf, "fgh", 3));
	CHECK_EQ(lseek(fd, -6, SEEK_CUR), 2);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(!memcmp(buf, "cd", 2));
	/* past the end: a write leaves a hole that reads as zeros */
	CHECK_EQ(lseek(fd, 12, SEEK_SET), 12);
	CHECK_EQ(write(fd, "Z", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 13);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 6), 7);
	CHECK(!memcmp(buf, "gh", 2));
	for (i = 2; i < 6; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(buf[6], 'Z');
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
	tmp_done();
}

static void pread_pwrite_keep_offset(void)
{
	const char *path = tmp_path("c");
	char buf[8];
	int fd;

	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
	CHECK_EQ(pwrite(fd, "XY", 2, 3), 2);
	CHECK_EQ(pread(fd, buf, 6, 0), 6);
	CHECK(!memcmp(buf, "abcXYf", 6));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(!memcmp(buf, "bc", 2));
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
	tmp_done();
}

static void append_writes_at_end(void)
{
	const char *path = tmp_path("d");
	char buf[16];
	int fd, fd2;

	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	CHECK_EQ(write(fd, "1234", 4), 4);
	fd2 = CHECK_SYS(open(path, O_WRONLY | O_APPEND));
	CHECK_EQ(lseek(fd2, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd2, "ab", 2), 2);	/* still at the end */
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 6);
	CHECK(!memcmp(buf, "1234ab", 6));
	CHECK_SYS(close(fd2));
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
	tmp_done();
}

/* An unlinked file lives on while it is open. */
static void unlinked_file_stays_open(void)
{
	const char *path = tmp_path("e");
	char buf[8];
	int fd;

	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	CHECK_EQ(write(fd, "keep", 4), 4);
	CHECK_SYS(unlink(path));
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	CHECK_EQ(pread(fd, buf, 8, 0), 4);
	CHECK(!memcmp(buf, "keep", 4));
	CHECK_SYS(close(fd));
	tmp_done();
}

static void ftruncate_grows_and_shrinks(void)
{
	const char *path = tmp_path("f");
	struct stat st;
	char buf[8];
	int fd;

	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_SYS(ftruncate(fd, 3));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 3);
	CHECK_SYS(ftruncate(fd, 5));
	CHECK_EQ(pread(fd, buf, 8, 0), 5);
	CHECK(!memcmp(buf, "abc\0\0", 5));
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
	tmp_done();
}

/* getdents64 on a directory we fill: exactly ".", "..", and our names,
 * with the right d_type. */
static void mkdir_getdents64(void)
{
	const char *dir = tmp_path("dir");
	static const char *const names[] = { "one", "two", "three", "sub" };
	int seen[6] = { 0 }, fd, i, total = 0;
	char path[160], buf[1024];
	long n;

	CHECK_SYS(mkdir(dir, 0755));
	CHECK_ERR(mkdir(dir, 0755), EEXIST);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		CHECK_SYS(close(CHECK_SYS(open(path, O_CREAT | O_WRONLY,
					       0644))));
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	CHECK_SYS(mkdir(path, 0700));
	fd = CHECK_SYS(open(dir, O_RDONLY | O_DIRECTORY));
	/* a small buffer: several calls, each continuing the last */
	while ((n = syscall(__NR_getdents64, fd, buf, 80)) > 0) {
		long off = 0;

		while (off < n) {
			struct dent64 *d = (struct dent64 *)(buf + off);

			CHECK(d->d_reclen > 0 && d->d_reclen % 8 == 0);
			CHECK(d->d_ino != 0);
			total++;
			if (!strcmp(d->d_name, ".") ||
			    !strcmp(d->d_name, "..")) {
				CHECK_EQ(d->d_type, DT_DIR);
				seen[d->d_name[1] ? 5 : 4]++;
			} else {
				for (i = 0; i < 4 && strcmp(d->d_name,
							    names[i]); i++)
					;
				if (i == 4)
					ktap_fail("unexpected entry \"%s\"",
						  d->d_name);
				CHECK_EQ(d->d_type, i == 3 ? DT_DIR : DT_REG);
				seen[i]++;
			}
			off += d->d_reclen;
		}
		CHECK_EQ(off, n);
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(total, 6);
	for (i = 0; i < 6; i++)
		CHECK_EQ(seen[i], 1);
	/* too small for one entry */
	CHECK_SYS(lseek(fd, 0, SEEK_SET));
	CHECK_ERR(syscall(__NR_getdents64, fd, buf, 8), EINVAL);
	CHECK_SYS(close(fd));
	CHECK_ERR(rmdir(dir), ENOTEMPTY);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		CHECK_SYS(unlink(path));
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	CHECK_SYS(rmdir(path));
	CHECK_SYS(rmdir(dir));
	tmp_done();
}

static void chdir_getcwd_relative(void)
{
	char cwd[256], buf[8];
	struct stat st;
	int fd;

	tmp_path("x");
	CHECK_SYS(chdir(scratch));
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd);
	CHECK(!strcmp(cwd, scratch));
	fd = CHECK_SYS(open("rel", O_CREAT | O_RDWR, 0644));
	CHECK_EQ(write(fd, "r", 1), 1);
	CHECK_SYS(close(fd));
	CHECK_SYS(stat(tmp_path("rel"), &st));
	CHECK_EQ(st.st_size, 1);
	CHECK_SYS(chdir(".."));
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd);
	CHECK(!strcmp(cwd, "/tmp"));
	CHECK(getcwd(buf, 3) == NULL && errno == ERANGE);
	CHECK_SYS(unlink(tmp_path("rel")));
	tmp_done();
}

static void dup_shares_offset(void)
{
	const char *path = tmp_path("g");
	char buf[8];
	int fd, fd2;

	fd = CHECK_SYS(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_SYS(lseek(fd, 0, SEEK_SET));
	fd2 = CHECK_SYS(dup(fd));
	CHECK(fd2 != fd);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK_EQ(read(fd2, buf, 2), 2);		/* same open file */
	CHECK(!memcmp(buf, "cd", 2));
	CHECK_SYS(close(fd));
	CHECK_EQ(read(fd2, buf, 2), 2);		/* still open as fd2 */
	CHECK(!memcmp(buf, "ef", 2));
	CHECK_SYS(close(fd2));
	CHECK_SYS(unlink(path));
	tmp_done();
}

static void dup_lowest_free(void)
{
	int p[2], fd;

	CHECK_SYS(pipe(p));
	CHECK_SYS(close(p[0]));
	fd = CHECK_SYS(dup(p[1]));
	CHECK_EQ(fd, p[0]);	/* the lowest free number */
	CHECK_EQ(fcntl(fd, F_GETFD), 0);	/* dup clears FD_CLOEXEC */
	CHECK_EQ(fcntl(p[1], F_DUPFD, 40), 40);
	CHECK_EQ(fcntl(p[1], F_DUPFD_CLOEXEC, 40), 41);
	CHECK_EQ(fcntl(41, F_GETFD), FD_CLOEXEC);
}

static void dup2_dup3(void)
{
	int p[2], q[2];
	char c;

	CHECK_SYS(pipe(p));
	CHECK_SYS(pipe(q));
	CHECK_EQ(dup2(p[1], q[1]), q[1]);	/* closes q's write end */
	CHECK_EQ(read(q[0], &c, 1), 0);		/* q has no writer now */
	CHECK_EQ(write(q[1], "w", 1), 1);	/* it writes into p */
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'w');
	CHECK_EQ(dup2(p[0], p[0]), p[0]);	/* same fd: a no-op */
	CHECK_EQ(dup2(p[0], 50), 50);
	CHECK_EQ(fcntl(50, F_GETFD), 0);
	CHECK_EQ(dup3(p[0], 51, O_CLOEXEC), 51);
	CHECK_EQ(fcntl(51, F_GETFD), FD_CLOEXEC);
	CHECK_ERR(dup3(p[0], p[0], 0), EINVAL);
	CHECK_ERR(dup3(p[0], 52, 0x40), EINVAL);
	CHECK_ERR(dup2(60, 61), EBADF);
	CHECK_ERR(dup2(p[0], -1), EBADF);
	CHECK_ERR(dup2(p[0], 0x7fffffff), EBADF);
}

/* Exec ourselves with two fds open, one O_CLOEXEC: the helper reports
 * which survived. */
static void cloexec_across_exec(void)
{
	char a[16], b[16], out[64];
	char *argv[] = { (char *)ktap_argv0, (char *)"--fds", a, b, NULL };
	char *envp[] = { NULL };
	int keep, drop, st;

	keep = CHECK_SYS(open("/", O_RDONLY | O_DIRECTORY));
	drop = CHECK_SYS(open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	snprintf(a, sizeof(a), "%d", keep);
	snprintf(b, sizeof(b), "%d", drop);
	st = ktap_capture(ktap_argv0, argv, envp, out, sizeof(out));
	CHECK_EQ(st, 0);
	if (strcmp(out, "open closed\n"))
		ktap_fail("after exec: \"%s\", want \"open closed\"", out);
}

static void dev_null_and_zero(void)
{
	char buf[64];
	int fd, i;
	struct stat st;

	fd = CHECK_SYS(open("/dev/null", O_RDWR));
	CHECK_EQ(write(fd, "gone", 4), 4);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISCHR(st.st_mode));
	CHECK_SYS(close(fd));
	fd = CHECK_SYS(open("/dev/zero", O_RDONLY));
	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		CHECK_EQ(buf[i], 0);
	CHECK_SYS(close(fd));
}

static void fstat_kinds(void)
{
	struct stat st;
	int p[2];

	CHECK_SYS(pipe(p));
	CHECK_SYS(fstat(p[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_SYS(stat("/", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_SYS(stat(tmp_path("."), &st));
	CHECK(S_ISDIR(st.st_mode));
	tmp_done();
}

static void readv_writev(void)
{
	char a[3] = "abc", b[1] = { 'd' }, c[4] = "efgh", r1[2], r2[8];
	struct io_vec w[3] = { { a, 3 }, { b, 1 }, { c, 4 } };
	struct io_vec r[2] = { { r1, 2 }, { r2, 8 } };
	int p[2];

	CHECK_SYS(pipe(p));
	CHECK_EQ(syscall(__NR_writev, p[1], w, 3), 8);
	CHECK_EQ(syscall(__NR_readv, p[0], r, 2), 8);
	CHECK(!memcmp(r1, "ab", 2));
	CHECK(!memcmp(r2, "cdefgh", 6));
	CHECK_ERR(syscall(__NR_writev, p[1], w, -1), EINVAL);
}

static void errno_ebadf(void)
{
	char buf[4];
	int p[2], fd;
	struct stat st;

	CHECK_SYS(pipe(p));
	CHECK_SYS(close(p[0]));
	CHECK_ERR(read(p[0], buf, 1), EBADF);		/* closed */
	CHECK_ERR(close(p[0]), EBADF);
	CHECK_ERR(fstat(p[0], &st), EBADF);
	CHECK_ERR(read(-1, buf, 1), EBADF);
	CHECK_ERR(write(1000, buf, 1), EBADF);
	CHECK_ERR(lseek(999, 0, SEEK_SET), EBADF);
	CHECK_ERR(write(p[0] + 200, buf, 1), EBADF);
	CHECK_ERR(read(p[1], buf, 1), EBADF);		/* write end */
	fd = CHECK_SYS(open("/", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(write(fd, buf, 1), EBADF);
	CHECK_ERR(fcntl(77, F_GETFD), EBADF);
}

static void errno_paths(void)
{
	char file[128], path[160];
	struct stat st;
	int fd;

	snprintf(file, sizeof(file), "%s", tmp_path("h"));
	CHECK_SYS(close(CHECK_SYS(open(file, O_CREAT | O_WRONLY, 0644))));
	CHECK_ERR(open("/no/such/file", O_RDONLY), ENOENT);
	CHECK_ERR(open(tmp_path("missing"), O_RDONLY), ENOENT);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	CHECK_ERR(stat(tmp_path("missing"), &st), ENOENT);
	CHECK_ERR(unlink(tmp_path("missing")), ENOENT);
	snprintf(path, sizeof(path), "%s/x", file);
	CHECK_ERR(open(path, O_RDONLY), ENOTDIR);	/* file as a dir */
	CHECK_ERR(open(path, O_CREAT | O_WRONLY, 0644), ENOTDIR);
	CHECK_ERR(mkdir(path, 0755), ENOTDIR);
	CHECK_ERR(chdir(file), ENOTDIR);
	CHECK_ERR(open(file, O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(rmdir(file), ENOTDIR);
	CHECK_ERR(open(scratch, O_WRONLY), EISDIR);
	CHECK_ERR(open(scratch, O_RDWR), EISDIR);
	CHECK_ERR(unlink(scratch), EISDIR);
	CHECK_ERR(open(file, O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	CHECK_ERR(mkdir(file, 0755), EEXIST);
	CHECK_ERR(mkdir("/", 0755), EEXIST);
	fd = CHECK_SYS(open(file, O_RDONLY));
	CHECK_ERR(write(fd, "x", 1), EBADF);	/* opened read-only */
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(file));
	tmp_done();
}

static void errno_lseek(void)
{
	int p[2], fd;

	fd = CHECK_SYS(open(tmp_path("i"), O_CREAT | O_RDWR, 0644));
	CHECK_ERR(lseek(fd, 0, 99), EINVAL);		/* bad whence */
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);	/* before 0 */
	CHECK_ERR(lseek(fd, -10, SEEK_CUR), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);		/* unchanged */
	CHECK_SYS(pipe(p));
	CHECK_ERR(lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERR(lseek(p[1], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(p[0], &fd, 1, 0), ESPIPE);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(tmp_path("i")));
	tmp_done();
}

static void errno_einval_args(void)
{
	int fd;

	fd = CHECK_SYS(open(tmp_path("j"), O_CREAT | O_RDWR, 0644));
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(fcntl(fd, 12345), EINVAL);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(tmp_path("j")));
	tmp_done();
}

/* O_NONBLOCK pipes: EAGAIN instead of sleeping; 64 KiB of room as on
 * Linux; a write of up to PIPE_BUF goes in whole or not at all. */
static void pipe_nonblock_and_capacity(void)
{
	static char buf[4096];
	long total = 0;
	int p[2];
	ssize_t r;

	CHECK_SYS(pipe2(p, O_NONBLOCK));
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536);
	memset(buf, 'p', sizeof(buf));
	while ((r = write(p[1], buf, sizeof(buf))) > 0 && total < 1 << 20)
		total += r;
	CHECK_EQ(r, -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(total, 65536);
	CHECK_EQ(read(p[0], buf, 100), 100);
	CHECK_ERR(write(p[1], buf, 200), EAGAIN);	/* 100 bytes free */
	CHECK_EQ(read(p[0], buf, 4000), 4000);
	CHECK_EQ(write(p[1], buf, 4096), 4096);		/* 4096 free */
	/* blocking again: read what is there */
	CHECK_SYS(fcntl(p[0], F_SETFL, 0));
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), sizeof(buf));
}

/* Terminal ioctls on things that are not terminals. */
static void tty_ioctls_enotty(void)
{
	char t[256];
	int p[2], fd;

	CHECK_SYS(pipe(p));
	CHECK_ERR(ioctl(p[0], TCGETS, t), ENOTTY);
	CHECK_ERR(ioctl(p[1], TIOCGWINSZ, t), ENOTTY);
	CHECK_EQ(isatty(p[0]), 0);
	fd = CHECK_SYS(open("/dev/null", O_RDWR));
	CHECK_ERR(ioctl(fd, TCGETS, t), ENOTTY);
	CHECK_SYS(close(fd));
	fd = CHECK_SYS(open(tmp_path("k"), O_CREAT | O_RDWR, 0644));
	CHECK_ERR(ioctl(fd, TCGETS, t), ENOTTY);
	CHECK_ERR(ioctl(fd, 0x12345678, t), ENOTTY);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(tmp_path("k")));
	tmp_done();
	CHECK_ERR(ioctl(99, TCGETS, t), EBADF);
}

/* memfd_create: a file in no directory, read, written, truncated and
 * mapped shared; gone with its last descriptor and mapping. */
static void memfd_is_an_anonymous_file(void)
{
	int fd = (int)CHECK_SYS(syscall(__NR_memfd_create, "test", 1));
	char buf[16], link[64], path[32];
	struct stat st;
	char *m;
	long n;

	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_SYS(ftruncate(fd, 8192));
	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 8192);
	CHECK_EQ(st.st_nlink, 0);
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(!memcmp(m, "hello", 5));
	memcpy(m + 4096, "world", 5);
	CHECK_EQ(pread(fd, buf, 5, 4096), 5);
	CHECK(!memcmp(buf, "world", 5));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = syscall(__NR_readlinkat, AT_FDCWD, path, link, sizeof(link) - 1);
	CHECK(n > 0);
	link[n] = 0;
	CHECK(!strcmp(link, "/memfd:test (deleted)"));
	CHECK_SYS(close(fd));
	CHECK(!memcmp(m + 4096, "world", 5));	/* the mapping holds it */
	CHECK_ERR(syscall(__NR_memfd_create, "x", 0x100), EINVAL);
	CHECK_ERR(syscall(__NR_memfd_create, (char *)8, 0), EFAULT);
	{
		char longname[300];

		memset(longname, 'a', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = 0;
		CHECK_ERR(syscall(__NR_memfd_create, longname, 0), EINVAL);
	}
	fd = (int)CHECK_SYS(syscall(__NR_memfd_create, "", 2));
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
}

/* sendfile: file to pipe and to file, with and without an offset
 * pointer, and Linux's refusals. */
static void sendfile_copies(void)
{
	char path[64], buf[64];
	int in, out, p[2];
	long off = 2;

	mkdir("/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/sendfile.%d", getpid());
	in = CHECK_SYS(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
	unlink(path);
	CHECK_EQ(write(in, "0123456789", 10), 10);
	CHECK_SYS(pipe(p));
	/* With an offset: the file's own position (10) stays. */
	CHECK_EQ(syscall(__NR_sendfile, p[1], in, &off, 5), 5);
	CHECK_EQ(off, 7);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 10);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "23456", 5));
	/* Without: from the position, which moves; short at the end. */
	CHECK_SYS(lseek(in, 6, SEEK_SET));
	CHECK_EQ(syscall(__NR_sendfile, p[1], in, NULL, 100), 4);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 10);
	CHECK_EQ(syscall(__NR_sendfile, p[1], in, NULL, 100), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 4);
	CHECK(!memcmp(buf, "6789", 4));
	/* File to file. */
	snprintf(path, sizeof(path), "/tmp/sendfile2.%d", getpid());
	out = CHECK_SYS(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
	off = 0;
	CHECK_EQ(syscall(__NR_sendfile, out, in, &off, 10), 10);
	CHECK_EQ(pread(out, buf, sizeof(buf), 0), 10);
	CHECK(!memcmp(buf, "0123456789", 10));
	/* Refusals: a pipe as the source, an O_APPEND target, bad fds,
	 * a bad offset pointer, a negative offset. */
	CHECK_ERR(syscall(__NR_sendfile, out, p[0], NULL, 1), EINVAL);
	CHECK_SYS(close(out));
	out = CHECK_SYS(open(path, O_WRONLY | O_APPEND));
	unlink(path);
	CHECK_ERR(syscall(__NR_sendfile, out, in, &off, 1), EINVAL);
	CHECK_ERR(syscall(__NR_sendfile, 999, in, NULL, 1), EBADF);
	CHECK_ERR(syscall(__NR_sendfile, p[1], 999, NULL, 1), EBADF);
	CHECK_ERR(syscall(__NR_sendfile, in, p[1], NULL, 1), EBADF);
	CHECK_ERR(syscall(__NR_sendfile, p[1], in, (long *)8, 1), EFAULT);
	off = -1;
	CHECK_ERR(syscall(__NR_sendfile, p[1], in, &off, 1), EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sendfile_copies),
	KTAP_CASE(memfd_is_an_anonymous_file),
	KTAP_CASE(pipe_data_through),
	KTAP_CASE(pipe_eof_after_writer_closes),
	KTAP_CASE(pipe_eof_wakes_blocked_reader),
	KTAP_CASE(pipe_no_reader_sigpipe),
	KTAP_CASE(pipe_no_reader_epipe),
	KTAP_CASE(pipe_large_transfer),
	KTAP_CASE(pipe2_cloexec_flag),
	KTAP_CASE(pipe_nonblock_and_capacity),
	KTAP_CASE(file_create_write_read),
	KTAP_CASE(lseek_whence_and_holes),
	KTAP_CASE(pread_pwrite_keep_offset),
	KTAP_CASE(append_writes_at_end),
	KTAP_CASE(unlinked_file_stays_open),
	KTAP_CASE(ftruncate_grows_and_shrinks),
	KTAP_CASE(mkdir_getdents64),
	KTAP_CASE(chdir_getcwd_relative),
	KTAP_CASE(dup_shares_offset),
	KTAP_CASE(dup_lowest_free),
	KTAP_CASE(dup2_dup3),
	KTAP_CASE(cloexec_across_exec),
	KTAP_CASE(dev_null_and_zero),
	KTAP_CASE(fstat_kinds),
	KTAP_CASE(readv_writev),
	KTAP_CASE(errno_ebadf),
	KTAP_CASE(errno_paths),
	KTAP_CASE(errno_lseek),
	KTAP_CASE(errno_einval_args),
	KTAP_CASE(tty_ioctls_enotty),
};

/* --fds A B: print for each fd whether it is open. */
static int helper(int argc, char **argv)
{
	char out[64];
	int n;

	if (strcmp(argv[1], "--fds") || argc != 4)
		return 100;
	n = snprintf(out, sizeof(out), "%s %s\n",
		     fcntl(atoi(argv[2]), F_GETFD) >= 0 ? "open" : "closed",
		     fcntl(atoi(argv[3]), F_GETFD) >= 0 ? "open" : "closed");
	ktap_write_all(1, out, (size_t)n);
	return 0;
}

int main(int argc, char **argv)
{
	ktap_argv0 = argv[0];
	if (argc > 1 && !strncmp(argv[1], "--", 2))
		return helper(argc, argv);
	return ktap_run("files", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
