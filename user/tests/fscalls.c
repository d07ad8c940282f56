/*
 * fscalls: the file-system calls beyond open/read/write, each against
 * Linux's answers: rename/renameat2, link, chmod, chown, utimensat,
 * statfs, mknod (FIFOs and device nodes), the sync family, fallocate,
 * creat and what stat reports. Every case runs in a scratch directory
 * under /tmp (or $FSCALLS_DIR: on a Linux host, a tmpfs such as /dev/shm
 * gives the same answers as Faultline's ramfs).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "ktap.h"

#define BAD_PTR		ktap_ptr(16)	/* nothing is ever mapped there */

/* Linux's dev_t as the 64-bit stat and mknod carry it. */
static unsigned int dev_of(unsigned int major, unsigned int minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

/* ---- the calls, as raw system calls (the *at forms exist everywhere) ---- */

static long xrename2(const char *from, const char *to, unsigned int flags)
{
	return syscall(__NR_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
}

static long xrename(const char *from, const char *to)
{
	return xrename2(from, to, 0);
}

static long xlinkat(int ofd, const char *from, int nfd, const char *to,
		    int flags)
{
	return syscall(__NR_linkat, ofd, from, nfd, to, flags);
}

static long xlink(const char *from, const char *to)
{
	return xlinkat(AT_FDCWD, from, AT_FDCWD, to, 0);
}

static long xsymlink(const char *target, const char *path)
{
	return syscall(__NR_symlinkat, target, AT_FDCWD, path);
}

static long xmknod(const char *path, unsigned int mode, unsigned int dev)
{
	return syscall(__NR_mknodat, AT_FDCWD, path, mode, dev);
}

static long xchmod(const char *path, unsigned int mode)
{
	return syscall(__NR_fchmodat, AT_FDCWD, path, mode);
}

static long xchown(const char *path, unsigned int uid, unsigned int gid,
		   int flags)
{
	return syscall(__NR_fchownat, AT_FDCWD, path, uid, gid, flags);
}

static long xutimens(int dirfd, const char *path, const struct timespec *t,
		     int flags)
{
	return syscall(__NR_utimensat, dirfd, path, t, flags);
}

static long xstatfs(const char *path, struct statfs *st)
{
	return syscall(__NR_statfs, path, st);
}

static long xfstatfs(int fd, struct statfs *st)
{
	return syscall(__NR_fstatfs, fd, st);
}

static long xfallocate(int fd, int mode, long off, long len)
{
	return syscall(__NR_fallocate, fd, mode, off, len);
}

static long xfsync(int fd)
{
	return syscall(__NR_fsync, fd);
}

static long xreadlink(const char *path, char *buf, size_t size)
{
	return syscall(__NR_readlinkat, AT_FDCWD, path, buf, size);
}

/* ---- the scratch directory ---- */

static char base[128] = "/tmp";
static char scratch_dir[192];

/* A fresh directory for the case, made the cwd. */
static void scratch(void)
{
	mkdir(base, 01777);		/* the initramfs may lack /tmp */
	snprintf(scratch_dir, sizeof(scratch_dir), "%s/fscalls.%d", base,
		 getpid());
	if (mkdir(scratch_dir, 0755) < 0)
		ktap_fail("mkdir %s: %s", scratch_dir, ktap_errname(errno));
	if (chdir(scratch_dir) < 0)
		ktap_fail("chdir %s: %s", scratch_dir, ktap_errname(errno));
}

/* rm -r path: what a case leaves behind, even when it failed. */
static void remove_tree(const char *path)
{
	struct stat st;
	struct dirent *e;
	char sub[512];
	DIR *d;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		remove_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* The case's directory goes; rmdir checks the case's own removals. */
static void scratch_done(void)
{
	if (chdir("/") < 0)
		ktap_fail("chdir /: %s", ktap_errname(errno));
	remove_tree(scratch_dir);
}

static void make_file(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0)
		ktap_fail("create %s: %s", path, ktap_errname(errno));
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		ktap_fail("write %s: %s", path, ktap_errname(errno));
	close(fd);
}

/* The file's text (at most 63 bytes), "" if it cannot be read. */
static const char *text_of(const char *path)
{
	static char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static struct stat stat_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		ktap_fail("lstat %s: %s", path, ktap_errname(errno));
	return st;
}

static struct stat fstat_of(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		ktap_fail("fstat %d: %s", fd, ktap_errname(errno));
	return st;
}

/* a strictly before b */
static int time_before(unsigned long as, unsigned long ans, unsigned long bs,
		       unsigned long bns)
{
	return as < bs || (as == bs && ans < bns);
}

/* A name of n bytes ("aaa..."), n < 600. */
static const char *long_name(size_t n)
{
	static char buf[600];

	memset(buf, 'a', n);
	buf[n] = '\0';
	return buf;
}

/* A path longer than PATH_MAX: "a/a/a/..." */
static const char *huge_path(void)
{
	static char buf[4200];
	size_t i;

	for (i = 0; i + 1 < sizeof(buf); i++)
		buf[i] = (i & 1) ? '/' : 'a';
	buf[sizeof(buf) - 1] = '\0';
	return buf;
}

/* A failed case ends before scratch_done(): take its directory away so
 * that nothing stays in memory (the runner checks that none is lost). */
static void remove_leftovers(void)
{
	struct dirent *e;
	char path[512];
	DIR *d = opendir(base);

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "fscalls.", 8))
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, e->d_name);
		remove_tree(path);
	}
	if (d)
		closedir(d);
}

/* ---- rename ---- */

static void rename_replaces_file(void)
{
	struct stat a, st;
	int fd;

	scratch();
	make_file("a", "new");
	make_file("b", "old");
	a = stat_of("a");
	fd = CHECK_SYS(open("b", O_RDONLY));
	CHECK_SYS(xrename("a", "b"));
	CHECK_ERR(access("a", F_OK), ENOENT);
	CHECK(!strcmp(text_of("b"), "new"));
	st = stat_of("b");
	CHECK_EQ(st.st_ino, a.st_ino);
	CHECK_EQ(st.st_nlink, 1);
	/* The replaced file lives on for whoever has it open. */
	st = fstat_of(fd);
	CHECK_EQ(st.st_nlink, 0);
	{
		char buf[8] = "";

		CHECK_EQ(read(fd, buf, sizeof(buf)), 3);
		CHECK(!memcmp(buf, "old", 3));
	}
	close(fd);
	scratch_done();
}

/* Renaming a file onto itself, or onto another name of it, does nothing. */
static void rename_same_file_noop(void)
{
	scratch();
	make_file("a", "x");
	CHECK_SYS(xrename("a", "a"));
	CHECK_SYS(xlink("a", "b"));
	CHECK_SYS(xrename("a", "b"));
	CHECK_SYS(access("a", F_OK));
	CHECK_SYS(access("b", F_OK));
	CHECK_EQ(stat_of("a").st_nlink, 2);
	CHECK_ERR(xrename2("a", "a", RENAME_NOREPLACE), EEXIST);
	CHECK_SYS(xrename2("a", "a", RENAME_EXCHANGE));
	scratch_done();
}

static void rename_dir_onto_empty_dir(void)
{
	struct stat st;
	int fd;

	scratch();
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(mkdir("e", 0755));
	make_file("d/f", "in d");
	CHECK_EQ(stat_of(".").st_nlink, 4);
	fd = CHECK_SYS(open("e", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(xrename("d", "e"));
	CHECK(!strcmp(text_of("e/f"), "in d"));
	CHECK_ERR(access("d", F_OK), ENOENT);
	CHECK_EQ(stat_of(".").st_nlink, 3);	/* one ".." fewer */
	CHECK_EQ(stat_of("e").st_nlink, 2);
	/* The replaced directory is gone: nothing can be made in it. */
	st = fstat_of(fd);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_ERR(syscall(__NR_mkdirat, fd, "x", 0755), ENOENT);
	CHECK_ERR(openat(fd, "y", O_CREAT | O_WRONLY, 0644), ENOENT);
	close(fd);
	scratch_done();
}

static void rename_dir_onto_nonempty_dir(void)
{
	scratch();
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(mkdir("e", 0755));
	make_file("e/keep", "k");
	CHECK_ERR(xrename("d", "e"), ENOTEMPTY);
	CHECK_SYS(access("d", F_OK));
	CHECK(!strcmp(text_of("e/keep"), "k"));
	scratch_done();
}

/* A directory replaces only a directory; trailing slashes ask for one. */
static void rename_type_rules(void)
{
	scratch();
	CHECK_SYS(mkdir("d", 0755));
	make_file("f", "f");
	CHECK_ERR(xrename("d", "f"), ENOTDIR);
	CHECK_ERR(xrename("f", "d"), EISDIR);
	CHECK_ERR(xrename("f/", "g"), ENOTDIR);
	CHECK_ERR(xrename("f", "g/"), ENOTDIR);
	CHECK_ERR(xrename("f", "d/"), ENOTDIR);
	CHECK_ERR(access("g", F_OK), ENOENT);
	CHECK_SYS(xrename("d/", "e/"));		/* a directory may have them */
	CHECK(S_ISDIR(stat_of("e").st_mode));
	CHECK_SYS(xrename("e", "e/"));
	CHECK(S_ISREG(stat_of("f").st_mode));
	scratch_done();
}

static void rename_into_own_subtree(void)
{
	scratch();
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(mkdir("d/sub", 0755));
	CHECK_ERR(xrename("d", "d/sub/x"), EINVAL);
	CHECK_ERR(xrename("d", "d/x"), EINVAL);
	CHECK_ERR(xrename("d/sub", "d"), ENOTEMPTY);	/* onto an ancestor */
	CHECK_ERR(xrename2("d", "d/sub", RENAME_EXCHANGE), EINVAL);
	CHECK_ERR(xrename2("d/sub", "d", RENAME_EXCHANGE), EINVAL);
	CHECK_SYS(xrename2("d", "d", RENAME_EXCHANGE));
	CHECK(S_ISDIR(stat_of("d/sub").st_mode));
	scratch_done();
}

/* "." and ".." are never renamed or replaced: EBUSY (EEXIST with
 * RENAME_NOREPLACE for the new name); nor is the root. */
static void rename_dot_dotdot_root(void)
{
	scratch();
	CHECK_SYS(mkdir("d", 0755));
	make_file("f", "f");
	CHECK_ERR(xrename("d/.", "x"), EBUSY);
	CHECK_ERR(xrename("d/..", "x"), EBUSY);
	CHECK_ERR(xrename(".", "x"), EBUSY);
	CHECK_ERR(xrename("f", "d/."), EBUSY);
	CHECK_ERR(xrename("f", "d/.."), EBUSY);
	CHECK_ERR(xrename2("f", "d/.", RENAME_NOREPLACE), EEXIST);
	CHECK_ERR(xrename2("d/.", "x", RENAME_NOREPLACE), EBUSY);
	CHECK_ERR(xrename("/", "/fscalls-root"), EBUSY);
	CHECK_SYS(access("f", F_OK));
	scratch_done();
}

/* /proc is another file system: nothing moves in or out (EXDEV), and
 * where it is attached cannot be renamed (EBUSY). */
static void rename_cross_fs(void)
{
	scratch();
	make_file("f", "f");
	CHECK_ERR(xrename("/proc/meminfo", "x"), EXDEV);
	CHECK_ERR(xrename("f", "/proc/x"), EXDEV);
	CHECK_ERR(xrename("/proc", "/fscalls-proc"), EBUSY);
	CHECK_ERR(xlink("/proc/meminfo", "x"), EXDEV);
	CHECK_SYS(access("/proc/meminfo", F_OK));
	scratch_done();
}

static void renameat2_noreplace_exchange(void)
{
	scratch();
	make_file("a", "A");
	make_file("b", "B");
	CHECK_ERR(xrename2("a", "b", RENAME_NOREPLACE), EEXIST);
	CHECK(!strcmp(text_of("a"), "A"));
	CHECK_SYS(xrename2("a", "c", RENAME_NOREPLACE));
	CHECK(!strcmp(text_of("c"), "A"));
	CHECK_SYS(xrename2("b", "c", RENAME_EXCHANGE));
	CHECK(!strcmp(text_of("c"), "B"));
	CHECK(!strcmp(text_of("b"), "A"));
	CHECK_ERR(xrename2("b", "nope", RENAME_EXCHANGE), ENOENT);
	CHECK_ERR(xrename2("nope", "b", RENAME_EXCHANGE), ENOENT);
	CHECK_ERR(xrename2("b", "c", RENAME_EXCHANGE | RENAME_NOREPLACE),
		  EINVAL);
	CHECK_ERR(xrename2("b", "c", RENAME_EXCHANGE | RENAME_WHITEOUT),
		  EINVAL);
	CHECK_ERR(xrename2("b", "c", 8), EINVAL);
	CHECK_ERR(xrename2("b", "c", 0x1000), EINVAL);
	CHECK(!strcmp(text_of("b"), "A"));
	scratch_done();
}

/* Faultline's ramfs, like Linux's, has no whiteouts (tmpfs has). */
static void renameat2_whiteout_einval(void)
{
	scratch();
	make_file("a", "A");
	make_file("b", "B");
	CHECK_ERR(xrename2("a", "b", RENAME_WHITEOUT), EINVAL);
	CHECK(!strcmp(text_of("a"), "A"));
	scratch_done();
}

/* A directory and a file trade places across directories: the link
 * counts follow the ".." that moves, getcwd follows the directory. */
static void renameat2_exchange_dir_and_file(void)
{
	char cwd[512], want[512];
	struct stat d;

	scratch();
	CHECK_SYS(mkdir("p1", 0755));
	CHECK_SYS(mkdir("p2", 0755));
	CHECK_SYS(mkdir("p1/d", 0755));
	make_file("p2/f", "file");
	d = stat_of("p1/d");
	CHECK_EQ(stat_of("p1").st_nlink, 3);
	CHECK_EQ(stat_of("p2").st_nlink, 2);
	CHECK_SYS(xrename2("p1/d", "p2/f", RENAME_EXCHANGE));
	CHECK(S_ISREG(stat_of("p1/d").st_mode));
	CHECK(!strcmp(text_of("p1/d"), "file"));
	CHECK_EQ(stat_of("p2/f").st_ino, d.st_ino);
	CHECK_EQ(stat_of("p1").st_nlink, 2);
	CHECK_EQ(stat_of("p2").st_nlink, 3);
	CHECK_EQ(stat_of("p2/f/..").st_ino, stat_of("p2").st_ino);
	CHECK_SYS(chdir("p2/f"));
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(want, sizeof(want), "%s/p2/f", scratch_dir);
	CHECK(!strcmp(cwd, want));
	scratch_done();
}

/* A moved directory takes its ".." (and the cwd inside it) along. */
static void rename_dir_moves_dotdot_and_cwd(void)
{
	char cwd[512], want[512];

	scratch();
	CHECK_SYS(mkdir("p1", 0755));
	CHECK_SYS(mkdir("p2", 0755));
	CHECK_SYS(mkdir("p1/d", 0755));
	CHECK_SYS(mkdir("p1/d/sub", 0755));
	CHECK_SYS(chdir("p1/d/sub"));
	CHECK_SYS(xrename("../../d", "../../../p2/moved"));
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(want, sizeof(want), "%s/p2/moved/sub", scratch_dir);
	CHECK(!strcmp(cwd, want));
	snprintf(want, sizeof(want), "%s/p2", scratch_dir);
	CHECK_EQ(stat_of("../..").st_ino, stat_of(want).st_ino);
	CHECK_SYS(chdir(scratch_dir));
	CHECK_EQ(stat_of("p1").st_nlink, 2);
	CHECK_EQ(stat_of("p2").st_nlink, 3);
	CHECK_EQ(stat_of("p2/moved/..").st_ino, stat_of("p2").st_ino);
	scratch_done();
}

/* The names change the directories' times and the file's ctime; a
 * symlink moves as itself. */
static void rename_times_and_symlinks(void)
{
	struct timespec old[2] = { { 0, 0 }, { 0, 0 } };
	struct stat before, after;
	char buf[16];

	scratch();
	CHECK_SYS(mkdir("d", 0755));
	make_file("f", "f");
	CHECK_SYS(xutimens(AT_FDCWD, "d", old, 0));
	CHECK_SYS(xutimens(AT_FDCWD, ".", old, 0));
	before = stat_of("f");
	ktap_sleep_ms(20);
	CHECK_SYS(xrename("f", "d/g"));
	after = stat_of("d/g");
	CHECK(time_before(before.st_ctime, before.st_ctime_nsec,
			  after.st_ctime, after.st_ctime_nsec));
	CHECK_EQ(after.st_mtime, before.st_mtime);
	CHECK(stat_of("d").st_mtime > 0 || stat_of("d").st_mtime_nsec > 0);
	CHECK(stat_of(".").st_mtime > 0 || stat_of(".").st_mtime_nsec > 0);
	CHECK_SYS(xsymlink("d/g", "link"));
	CHECK_SYS(xrename("link", "link2"));
	CHECK(S_ISLNK(stat_of("link2").st_mode));
	CHECK_EQ(xreadlink("link2", buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "d/g", 3));
	CHECK(S_ISREG(stat_of("d/g").st_mode));
	scratch_done();
}

static void rename_errors(void)
{
	char name[300];
	int fd;

	scratch();
	make_file("f", "f");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(xrename("nope", "x"), ENOENT);
	CHECK_ERR(xrename("f", "nope/x"), ENOENT);
	CHECK_ERR(xrename("nope/x", "y"), ENOENT);
	CHECK_ERR(xrename("f/x", "y"), ENOTDIR);
	CHECK_ERR(xrename("d", "f/x"), ENOTDIR);
	CHECK_SYS(xsymlink("l1", "l2"));
	CHECK_SYS(xsymlink("l2", "l1"));
	CHECK_ERR(xrename("l1/x", "y"), ELOOP);
	CHECK_ERR(xrename("f", "l1/x"), ELOOP);
	snprintf(name, sizeof(name), "%s", long_name(256));
	CHECK_ERR(xrename("f", name), ENAMETOOLONG);
	CHECK_ERR(xrename(name, "x"), ENAMETOOLONG);
	CHECK_ERR(xrename("f", huge_path()), ENAMETOOLONG);
	CHECK_SYS(xrename("f", long_name(255)));
	CHECK_SYS(xrename(long_name(255), "f"));
	CHECK_ERR(xrename(BAD_PTR, "x"), EFAULT);
	CHECK_ERR(xrename("f", BAD_PTR), EFAULT);
	CHECK_ERR(syscall(__NR_renameat2, 99, "f", AT_FDCWD, "x", 0), EBADF);
	CHECK_ERR(syscall(__NR_renameat2, AT_FDCWD, "f", 99, "x", 0), EBADF);
	fd = CHECK_SYS(open("f", O_RDONLY));
	CHECK_ERR(syscall(__NR_renameat2, fd, "x", AT_FDCWD, "y", 0), ENOTDIR);
	close(fd);
	/* dirfd-relative on both sides */
	fd = CHECK_SYS(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(syscall(__NR_renameat2, AT_FDCWD, "f", fd, "g", 0));
	CHECK_SYS(syscall(__NR_renameat2, fd, "g", fd, "h", 0));
	CHECK(!strcmp(text_of("d/h"), "f"));
	close(fd);
	scratch_done();
}

/* The older entry points: renameat (x86_64, arm64) and rename (x86_64). */
static void rename_legacy_calls(void)
{
#if !defined(__NR_renameat)
	ktap_skip("no renameat on this arch (renameat2 only)");
#else
	scratch();
	make_file("a", "A");
	CHECK_SYS(syscall(__NR_renameat, AT_FDCWD, "a", AT_FDCWD, "b"));
	CHECK(!strcmp(text_of("b"), "A"));
	CHECK_ERR(syscall(__NR_renameat, AT_FDCWD, "a", AT_FDCWD, "b"),
		  ENOENT);
#ifdef __NR_rename
	CHECK_SYS(syscall(__NR_rename, "b", "c"));
	CHECK(!strcmp(text_of("c"), "A"));
	CHECK_ERR(syscall(__NR_rename, "b", "c"), ENOENT);
#endif
	scratch_done();
#endif
}

/* ---- link ---- */

static void link_counts_and_shared_data(void)
{
	struct stat a, b;
	char buf[16] = "";
	int fd;

	scratch();
	make_file("a", "one");
	CHECK_SYS(xlink("a", "b"));
	a = stat_of("a");
	b = stat_of("b");
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_nlink, 2);
	CHECK_EQ(b.st_nlink, 2);
	make_file("b", "two");		/* through the other name */
	CHECK(!strcmp(text_of("a"), "two"));
	fd = CHECK_SYS(open("a", O_RDONLY));
	CHECK_EQ(fstat_of(fd).st_nlink, 2);
	CHECK_SYS(unlink("a"));
	CHECK_EQ(fstat_of(fd).st_nlink, 1);
	CHECK(!strcmp(text_of("b"), "two"));	/* the data stays */
	CHECK_SYS(unlink("b"));
	CHECK_EQ(fstat_of(fd).st_nlink, 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "two", 3));
	close(fd);
	/* A link in another directory; ctime moves. */
	make_file("c", "c");
	CHECK_SYS(mkdir("d", 0755));
	a = stat_of("c");
	ktap_sleep_ms(20);
	CHECK_SYS(xlink("c", "d/c2"));
	b = stat_of("d/c2");
	CHECK(time_before(a.st_ctime, a.st_ctime_nsec, b.st_ctime,
			  b.st_ctime_nsec));
	CHECK_EQ(stat_of("d").st_nlink, 2);	/* files add no ".." */
	scratch_done();
}

static void link_errors(void)
{
	scratch();
	make_file("f", "f");
	make_file("g", "g");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(xlink("d", "d2"), EPERM);
	CHECK_ERR(xlink("d/", "d2"), EPERM);
	CHECK_ERR(xlink("f", "g"), EEXIST);
	CHECK_ERR(xlink("f", "g/"), EEXIST);
	CHECK_ERR(xlink("f", "d"), EEXIST);
	CHECK_ERR(xlink("f", "."), EEXIST);
	CHECK_ERR(xlink("f", "d/.."), EEXIST);
	CHECK_ERR(xlink("f", "h/"), ENOENT);
	CHECK_ERR(xlink("nope", "h"), ENOENT);
	CHECK_ERR(xlink("f", "nope/h"), ENOENT);
	CHECK_ERR(xlink("f/", "h"), ENOTDIR);
	CHECK_ERR(xlink("f/x", "h"), ENOTDIR);
	CHECK_ERR(xlink("/proc/meminfo", "h"), EXDEV);
	CHECK_ERR(xlink("/proc", "h"), EXDEV);
	CHECK_ERR(xlink("f", long_name(256)), ENAMETOOLONG);
	CHECK_ERR(xlink(huge_path(), "h"), ENAMETOOLONG);
	CHECK_ERR(xlink(BAD_PTR, "h"), EFAULT);
	CHECK_ERR(xlink("f", BAD_PTR), EFAULT);
	CHECK_ERR(xlinkat(AT_FDCWD, "f", AT_FDCWD, "h", 0x8000), EINVAL);
	CHECK_ERR(xlinkat(AT_FDCWD, "f", AT_FDCWD, "h", AT_SYMLINK_NOFOLLOW),
		  EINVAL);
	CHECK_ERR(xlinkat(99, "f", AT_FDCWD, "h", 0), EBADF);
	CHECK_ERR(xlinkat(AT_FDCWD, "f", 99, "h", 0), EBADF);
	CHECK_SYS(xsymlink("l1", "l2"));
	CHECK_SYS(xsymlink("l2", "l1"));
	CHECK_ERR(xlinkat(AT_FDCWD, "l1", AT_FDCWD, "h", AT_SYMLINK_FOLLOW),
		  ELOOP);
	CHECK_ERR(xlink("l1/x", "h"), ELOOP);
	CHECK_ERR(access("h", F_OK), ENOENT);
	CHECK_EQ(stat_of("f").st_nlink, 1);
	scratch_done();
}

/* Without AT_SYMLINK_FOLLOW the symlink itself gets the new name. */
static void linkat_symlink_follow(void)
{
	struct stat st;

	scratch();
	make_file("f", "f");
	CHECK_SYS(xsymlink("f", "sl"));
	CHECK_SYS(xsymlink("nowhere", "dangling"));
	CHECK_SYS(xlinkat(AT_FDCWD, "sl", AT_FDCWD, "sl2", 0));
	st = stat_of("sl2");
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(stat_of("f").st_nlink, 1);
	CHECK_SYS(xlinkat(AT_FDCWD, "sl", AT_FDCWD, "f2", AT_SYMLINK_FOLLOW));
	st = stat_of("f2");
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_ino, stat_of("f").st_ino);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_ERR(xlinkat(AT_FDCWD, "dangling", AT_FDCWD, "x",
			  AT_SYMLINK_FOLLOW), ENOENT);
	CHECK_SYS(xlinkat(AT_FDCWD, "dangling", AT_FDCWD, "x", 0));
	CHECK(S_ISLNK(stat_of("x").st_mode));
	scratch_done();
}

/* AT_EMPTY_PATH: the file open at olddirfd (root may; O_PATH too). */
static void linkat_empty_path(void)
{
	int fd, dfd, ofd, gone;

	scratch();
	make_file("f", "f");
	CHECK_SYS(mkdir("d", 0755));
	fd = CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(xlinkat(fd, "", AT_FDCWD, "e1", AT_EMPTY_PATH));
	CHECK_EQ(stat_of("e1").st_ino, stat_of("f").st_ino);
	CHECK_EQ(stat_of("f").st_nlink, 2);
	CHECK_ERR(xlinkat(fd, "", AT_FDCWD, "e2", 0), ENOENT);
	CHECK_ERR(xlinkat(fd, "x", AT_FDCWD, "e2", 0), ENOTDIR);
	ofd = CHECK_SYS(open("f", O_PATH));
	CHECK_SYS(xlinkat(ofd, "", AT_FDCWD, "e3", AT_EMPTY_PATH));
	CHECK_EQ(stat_of("f").st_nlink, 3);
	dfd = CHECK_SYS(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(xlinkat(dfd, "", AT_FDCWD, "e4", AT_EMPTY_PATH), EPERM);
	CHECK_ERR(xlinkat(AT_FDCWD, "", AT_FDCWD, "e4", AT_EMPTY_PATH), EPERM);
	CHECK_ERR(xlinkat(99, "", AT_FDCWD, "e4", AT_EMPTY_PATH), EBADF);
	/* A file without names cannot get one back. */
	gone = CHECK_SYS(open("tmp", O_CREAT | O_RDWR, 0644));
	CHECK_SYS(unlink("tmp"));
	CHECK_ERR(xlinkat(gone, "", AT_FDCWD, "e4", AT_EMPTY_PATH), ENOENT);
	CHECK_ERR(access("e4", F_OK), ENOENT);
	close(gone);
	close(dfd);
	close(ofd);
	close(fd);
	scratch_done();
}

/* The x86_64 entry point. */
static void link_legacy_call(void)
{
#ifndef __NR_link
	ktap_skip("no link on this arch (linkat only)");
#else
	scratch();
	make_file("a", "A");
	CHECK_SYS(syscall(__NR_link, "a", "b"));
	CHECK_EQ(stat_of("b").st_nlink, 2);
	CHECK_ERR(syscall(__NR_link, "a", "b"), EEXIST);
	scratch_done();
#endif
}

/* ---- chmod and chown ---- */

static void chmod_keeps_type(void)
{
	struct stat before, after;
	int fd, p[2];

	scratch();
	make_file("f", "f");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(xsymlink("f", "sl"));
	before = stat_of("f");
	ktap_sleep_ms(20);
	CHECK_SYS(xchmod("f", 07777));
	after = stat_of("f");
	CHECK_EQ(after.st_mode, S_IFREG | 07777);
	CHECK(time_before(before.st_ctime, before.st_ctime_nsec,
			  after.st_ctime, after.st_ctime_nsec));
	CHECK_EQ(after.st_mtime, before.st_mtime);
	CHECK_SYS(xchmod("f", 0170644));	/* type bits are ignored */
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 0644);
	CHECK_SYS(xchmod("d", 0700));
	CHECK_EQ(stat_of("d").st_mode, S_IFDIR | 0700);
	/* Through a symlink: the target changes, the link stays 0777. */
	CHECK_SYS(xchmod("sl", 0600));
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 0600);
	CHECK_EQ(stat_of("sl").st_mode, S_IFLNK | 0777);
	fd = CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(syscall(__NR_fchmod, fd, 0640));
	CHECK_EQ(fstat_of(fd).st_mode, S_IFREG | 0640);
	close(fd);
	CHECK_SYS(pipe(p));
	CHECK_SYS(syscall(__NR_fchmod, p[0], 0640));
	CHECK_EQ(fstat_of(p[0]).st_mode & 07777, 0640);
	CHECK(S_ISFIFO(fstat_of(p[0]).st_mode));
#ifdef __NR_chmod
	CHECK_SYS(syscall(__NR_chmod, "f", 0604));
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 0604);
#endif
	scratch_done();
}

static void chmod_errors(void)
{
	int fd;

	scratch();
	make_file("f", "f");
	CHECK_SYS(xsymlink("nowhere", "dangling"));
	CHECK_SYS(xsymlink("l2", "l1"));
	CHECK_SYS(xsymlink("l1", "l2"));
	CHECK_ERR(xchmod("nope", 0644), ENOENT);
	CHECK_ERR(xchmod("dangling", 0644), ENOENT);
	CHECK_ERR(xchmod("", 0644), ENOENT);
	CHECK_ERR(xchmod("f/", 0644), ENOTDIR);
	CHECK_ERR(xchmod("l1", 0644), ELOOP);
	CHECK_ERR(xchmod(long_name(256), 0644), ENAMETOOLONG);
	CHECK_ERR(xchmod(BAD_PTR, 0644), EFAULT);
	CHECK_ERR(syscall(__NR_fchmodat, 99, "f", 0644), EBADF);
	CHECK_ERR(syscall(__NR_fchmod, 99, 0644), EBADF);
	CHECK_ERR(syscall(__NR_fchmod, -1, 0644), EBADF);
	fd = CHECK_SYS(open("f", O_PATH));
	CHECK_ERR(syscall(__NR_fchmod, fd, 0600), EBADF);
	close(fd);
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 0644);
	scratch_done();
}

static void chown_sets_ids(void)
{
	struct stat st;
	int fd;

	scratch();
	make_file("f", "f");
	CHECK_SYS(xsymlink("f", "sl"));
	CHECK_SYS(xchown("f", 12, 34, 0));
	st = stat_of("f");
	CHECK_EQ(st.st_uid, 12);
	CHECK_EQ(st.st_gid, 34);
	CHECK_SYS(xchown("f", (unsigned int)-1, 56, 0));
	st = stat_of("f");
	CHECK_EQ(st.st_uid, 12);
	CHECK_EQ(st.st_gid, 56);
	CHECK_SYS(xchown("f", 0xfffffffe, (unsigned int)-1, 0));
	CHECK_EQ(stat_of("f").st_uid, 0xfffffffe);
	/* The link itself with AT_SYMLINK_NOFOLLOW, else its target. */
	CHECK_SYS(xchown("sl", 7, 8, AT_SYMLINK_NOFOLLOW));
	CHECK_EQ(stat_of("sl").st_uid, 7);
	CHECK_EQ(stat_of("f").st_uid, 0xfffffffe);
	CHECK_SYS(xchown("sl", 9, 9, 0));
	CHECK_EQ(stat_of("f").st_uid, 9);
	CHECK_EQ(stat_of("sl").st_uid, 7);
	fd = CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(syscall(__NR_fchown, fd, 1, 2));
	CHECK_EQ(fstat_of(fd).st_gid, 2);
	CHECK_SYS(syscall(__NR_fchownat, fd, "", 3, 4, AT_EMPTY_PATH));
	CHECK_EQ(fstat_of(fd).st_uid, 3);
	close(fd);
#ifdef __NR_lchown
	CHECK_SYS(syscall(__NR_lchown, "sl", 20, 21));
	CHECK_EQ(stat_of("sl").st_gid, 21);
	CHECK_SYS(syscall(__NR_chown, "sl", 22, 23));
	CHECK_EQ(stat_of("f").st_gid, 23);
#endif
	scratch_done();
}

/* chown takes set-user-ID away from files, and set-group-ID when group
 * execute is on; even for root, even with no id changed; never from
 * directories. */
static void chown_clears_setid(void)
{
	scratch();
	make_file("f", "f");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(xchmod("f", 06755));
	CHECK_SYS(xchown("f", 5, (unsigned int)-1, 0));
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 0755);
	CHECK_SYS(xchmod("f", 06745));
	CHECK_SYS(xchown("f", (unsigned int)-1, 7, 0));
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 02745);
	CHECK_SYS(xchmod("f", 07777));
	CHECK_SYS(xchown("f", (unsigned int)-1, (unsigned int)-1, 0));
	CHECK_EQ(stat_of("f").st_mode, S_IFREG | 01777);
	CHECK_SYS(xchmod("d", 06755));
	CHECK_SYS(xchown("d", 3, 3, 0));
	CHECK_EQ(stat_of("d").st_mode, S_IFDIR | 06755);
	scratch_done();
}

static void chown_errors(void)
{
	int fd;

	scratch();
	make_file("f", "f");
	CHECK_ERR(xchown("f", 1, 1, 0x4), EINVAL);
	CHECK_ERR(xchown("f", 1, 1, AT_SYMLINK_FOLLOW), EINVAL);
	CHECK_ERR(xchown("nope", 1, 1, 0), ENOENT);
	CHECK_ERR(xchown("f/", 1, 1, 0), ENOTDIR);
	CHECK_ERR(xchown("", 1, 1, 0), ENOENT);
	CHECK_ERR(xchown(BAD_PTR, 1, 1, 0), EFAULT);
	CHECK_ERR(syscall(__NR_fchownat, 99, "f", 1, 1, 0), EBADF);
	CHECK_ERR(syscall(__NR_fchownat, 99, "", 1, 1, AT_EMPTY_PATH),
		  EBADF);
	CHECK_ERR(syscall(__NR_fchown, 99, 1, 1), EBADF);
	fd = CHECK_SYS(open("f", O_PATH));
	CHECK_ERR(syscall(__NR_fchown, fd, 1, 1), EBADF);
	CHECK_SYS(syscall(__NR_fchownat, fd, "", 6, 6, AT_EMPTY_PATH));
	CHECK_EQ(stat_of("f").st_uid, 6);
	close(fd);
	CHECK_SYS(xsymlink("l2", "l1"));
	CHECK_SYS(xsymlink("l1", "l2"));
	CHECK_ERR(xchown("l1", 1, 1, 0), ELOOP);
	CHECK_SYS(xchown("l1", 1, 1, AT_SYMLINK_NOFOLLOW));
	scratch_done();
}

/* ---- utimensat ---- */

static void utimensat_sets_times(void)
{
	struct timespec t[2] = { { 100, 5 }, { 200, 7 } }, now;
	struct stat st, st2;

	scratch();
	make_file("f", "f");
	CHECK_SYS(clock_gettime(CLOCK_REALTIME, &now));
	CHECK_SYS(xutimens(AT_FDCWD, "f", t, 0));
	st = stat_of("f");
	CHECK_EQ(st.st_atime, 100);
	CHECK_EQ(st.st_atime_nsec, 5);
	CHECK_EQ(st.st_mtime, 200);
	CHECK_EQ(st.st_mtime_nsec, 7);
	/* The change is now (Linux's file clock may lag a tick behind). */
	CHECK((long)st.st_ctime >= now.tv_sec - 1);
	/* UTIME_OMIT keeps one, UTIME_NOW makes the other now. */
	t[0].tv_nsec = UTIME_OMIT;
	t[1].tv_nsec = UTIME_NOW;
	CHECK_SYS(xutimens(AT_FDCWD, "f", t, 0));
	st2 = stat_of("f");
	CHECK_EQ(st2.st_atime, 100);
	CHECK_EQ(st2.st_atime_nsec, 5);
	CHECK(st2.st_mtime >= st.st_ctime);
	CHECK(st2.st_mtime == st2.st_ctime &&
	      st2.st_mtime_nsec == st2.st_ctime_nsec);
	/* NULL: both now. */
	CHECK_SYS(xutimens(AT_FDCWD, "f", NULL, 0));
	st = stat_of("f");
	CHECK(st.st_atime >= st2.st_mtime);
	CHECK(st.st_atime == st.st_mtime &&
	      st.st_atime_nsec == st.st_mtime_nsec);
	CHECK(st.st_ctime == st.st_mtime &&
	      st.st_ctime_nsec == st.st_mtime_nsec);
	/* Times before 1970 are times too. */
	t[0] = (struct timespec){ -5, 0 };
	t[1] = (struct timespec){ 0, 999999999 };
	CHECK_SYS(xutimens(AT_FDCWD, "f", t, 0));
	st = stat_of("f");
	CHECK_EQ((long)st.st_atime, -5);
	CHECK_EQ(st.st_mtime_nsec, 999999999);
	scratch_done();
}

/* The link itself, the file at an fd (glibc's futimens passes a NULL
 * path), AT_EMPTY_PATH. */
static void utimensat_nofollow_and_fd(void)
{
	struct timespec t[2] = { { 3000000, 0 }, { 4000000, 0 } };
	int fd, ofd;

	scratch();
	make_file("f", "f");
	CHECK_SYS(xsymlink("f", "sl"));
	CHECK_SYS(xutimens(AT_FDCWD, "sl", t, AT_SYMLINK_NOFOLLOW));
	CHECK_EQ(stat_of("sl").st_mtime, 4000000);
	CHECK(stat_of("f").st_mtime != 4000000);
	CHECK_SYS(xutimens(AT_FDCWD, "sl", t, 0));
	CHECK_EQ(stat_of("f").st_mtime, 4000000);
	fd = CHECK_SYS(open("f", O_RDONLY));
	t[1].tv_sec = 5000000;
	CHECK_SYS(xutimens(fd, NULL, t, 0));
	CHECK_EQ(fstat_of(fd).st_mtime, 5000000);
	CHECK_ERR(xutimens(fd, NULL, t, AT_SYMLINK_NOFOLLOW), EINVAL);
	CHECK_ERR(xutimens(AT_FDCWD, NULL, t, 0), EFAULT);
	CHECK_ERR(xutimens(99, NULL, t, 0), EBADF);
	t[1].tv_sec = 6000000;
	CHECK_SYS(xutimens(fd, "", t, AT_EMPTY_PATH));
	CHECK_EQ(fstat_of(fd).st_mtime, 6000000);
	CHECK_ERR(xutimens(fd, "", t, 0), ENOENT);
	ofd = CHECK_SYS(open("f", O_PATH));
	CHECK_ERR(xutimens(ofd, NULL, t, 0), EBADF);
	t[1].tv_sec = 7000000;
	CHECK_SYS(xutimens(ofd, "", t, AT_EMPTY_PATH));
	CHECK_EQ(stat_of("f").st_mtime, 7000000);
	close(ofd);
	close(fd);
	scratch_done();
}

static void utimensat_errors(void)
{
	struct timespec t[2] = { { 7777777, 0 }, { 7777777, 0 } };
	struct timespec omit[2] = { { 1, UTIME_OMIT }, { 2, UTIME_OMIT } };

	scratch();
	make_file("f", "f");
	t[0].tv_nsec = 1000000000;
	CHECK_ERR(xutimens(AT_FDCWD, "f", t, 0), EINVAL);
	t[0].tv_nsec = -1;
	CHECK_ERR(xutimens(AT_FDCWD, "f", t, 0), EINVAL);
	t[0].tv_nsec = 0;
	t[1].tv_nsec = UTIME_NOW + 1;
	CHECK_ERR(xutimens(AT_FDCWD, "f", t, 0), EINVAL);
	CHECK_ERR(xutimens(AT_FDCWD, "nope", t, 0), ENOENT); /* path first */
	CHECK(stat_of("f").st_mtime != 7777777);
	CHECK_ERR(xutimens(AT_FDCWD, "f", NULL, 0x8000), EINVAL);
	CHECK_ERR(xutimens(AT_FDCWD, "f", BAD_PTR, 0), EFAULT);
	CHECK_ERR(xutimens(AT_FDCWD, BAD_PTR, NULL, 0), EFAULT);
	CHECK_ERR(xutimens(AT_FDCWD, "nope", NULL, 0), ENOENT);
	CHECK_ERR(xutimens(AT_FDCWD, "f/", NULL, 0), ENOTDIR);
	CHECK_ERR(xutimens(99, "f", NULL, 0), EBADF);
	CHECK_ERR(xutimens(AT_FDCWD, long_name(256), NULL, 0), ENAMETOOLONG);
	/* Nothing to change: Linux does not even look at the rest. */
	CHECK_SYS(xutimens(AT_FDCWD, "nope", omit, 0));
	CHECK_SYS(xutimens(99, "nope", omit, 0x8000));
	scratch_done();
}

/* x86_64's utime and utimes: seconds, and microseconds within one. */
static void utime_utimes_legacy(void)
{
#ifndef __NR_utimes
	ktap_skip("no utime/utimes on this arch (utimensat only)");
#else
	struct { long actime, modtime; } ub = { 1111, 2222 };
	struct { long sec, usec; } tv[2] = { { 10, 1 }, { 20, 999999 } };
	struct stat st;

	scratch();
	make_file("f", "f");
	CHECK_SYS(syscall(__NR_utime, "f", &ub));
	st = stat_of("f");
	CHECK_EQ(st.st_atime, 1111);
	CHECK_EQ(st.st_mtime, 2222);
	CHECK_EQ(st.st_mtime_nsec, 0);
	CHECK_SYS(syscall(__NR_utimes, "f", tv));
	st = stat_of("f");
	CHECK_EQ(st.st_atime_nsec, 1000);
	CHECK_EQ(st.st_mtime_nsec, 999999000);
	tv[1].usec = 1000000;
	CHECK_ERR(syscall(__NR_utimes, "f", tv), EINVAL);
	tv[1].usec = -1;
	CHECK_ERR(syscall(__NR_utimes, "f", tv), EINVAL);
	CHECK_ERR(syscall(__NR_utime, "f", BAD_PTR), EFAULT);
	CHECK_ERR(syscall(__NR_utime, "nope", NULL), ENOENT);
	CHECK_SYS(syscall(__NR_utimes, "f", NULL));	/* all three now */
	st = stat_of("f");
	CHECK(st.st_mtime == st.st_ctime &&
	      st.st_mtime_nsec == st.st_ctime_nsec);
	CHECK(st.st_atime == st.st_ctime &&
	      st.st_atime_nsec == st.st_ctime_nsec);
	scratch_done();
#endif
}

/* ---- statfs ---- */

static void statfs_figures(void)
{
	struct statfs st, st2;
	int p[2], fd;

	scratch();
	CHECK_SYS(xstatfs(".", &st));
	CHECK_EQ(st.f_type, TMPFS_MAGIC);
	CHECK_EQ(st.f_bsize, 4096);
	CHECK_EQ(st.f_frsize, 4096);
	CHECK_EQ(st.f_namelen, 255);
	CHECK(st.f_flags & ST_VALID);
	CHECK(st.f_blocks > 0);
	CHECK(st.f_bfree > 0 && st.f_bfree <= st.f_blocks);
	CHECK(st.f_bavail <= st.f_bfree);
	CHECK(st.f_files > 0 && st.f_ffree <= st.f_files);
	fd = CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(xfstatfs(fd, &st2));
	CHECK_EQ(st2.f_type, st.f_type);
	CHECK_EQ(st2.f_blocks, st.f_blocks);
	close(fd);
	CHECK_SYS(xstatfs("/proc", &st));
	CHECK_EQ(st.f_type, PROC_SUPER_MAGIC);
	CHECK_EQ(st.f_bsize, 4096);
	CHECK_EQ(st.f_blocks, 0);
	CHECK_SYS(xstatfs("/proc/self/stat", &st));	/* through a symlink */
	CHECK_EQ(st.f_type, PROC_SUPER_MAGIC);
	CHECK_SYS(pipe(p));
	CHECK_SYS(xfstatfs(p[0], &st));
	CHECK_EQ(st.f_type, PIPEFS_MAGIC);
	CHECK_EQ(st.f_bsize, 4096);
	fd = CHECK_SYS(open("/proc/meminfo", O_PATH));
	CHECK_SYS(xfstatfs(fd, &st));		/* O_PATH will do */
	CHECK_EQ(st.f_type, PROC_SUPER_MAGIC);
	close(fd);
	scratch_done();
}

static void statfs_errors(void)
{
	struct statfs st;

	scratch();
	make_file("f", "f");
	CHECK_SYS(xsymlink("nowhere", "dangling"));
	CHECK_SYS(xsymlink("l2", "l1"));
	CHECK_SYS(xsymlink("l1", "l2"));
	CHECK_ERR(xstatfs("nope", &st), ENOENT);
	CHECK_ERR(xstatfs("dangling", &st), ENOENT);
	CHECK_ERR(xstatfs("f/", &st), ENOTDIR);
	CHECK_ERR(xstatfs("l1", &st), ELOOP);
	CHECK_ERR(xstatfs(long_name(256), &st), ENAMETOOLONG);
	CHECK_ERR(xstatfs(BAD_PTR, &st), EFAULT);
	CHECK_ERR(xstatfs("f", BAD_PTR), EFAULT);
	CHECK_ERR(xfstatfs(99, &st), EBADF);
	CHECK_ERR(xfstatfs(0, BAD_PTR), EFAULT);
	scratch_done();
}

/* ---- mknod ---- */

static void mknod_kinds(void)
{
	struct stat st;
	char buf[4];
	int fd;

	scratch();
	umask(022);
	CHECK_SYS(xmknod("fifo", S_IFIFO | 0666, 0));
	st = stat_of("fifo");
	CHECK_EQ(st.st_mode, S_IFIFO | 0644);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_rdev, 0);
	CHECK_SYS(xmknod("reg", S_IFREG | 0600, 5));
	st = stat_of("reg");
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_rdev, 0);
	CHECK_SYS(xmknod("reg0", 0640, 0));		/* no type: regular */
	CHECK_EQ(stat_of("reg0").st_mode, S_IFREG | 0640);
	/* A known device number opens the device: this is /dev/null. */
	CHECK_SYS(xmknod("null", S_IFCHR | 0666, dev_of(1, 3)));
	st = stat_of("null");
	CHECK_EQ(st.st_mode, S_IFCHR | 0644);
	CHECK_EQ(st.st_rdev, dev_of(1, 3));
	fd = CHECK_SYS(open("null", O_RDWR));
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	/* Unknown numbers, block devices and sockets: made, not opened. */
	CHECK_SYS(xmknod("chr", S_IFCHR | 0600, dev_of(200, 300)));
	CHECK_EQ(stat_of("chr").st_rdev, dev_of(200, 300));
	CHECK_ERR(open("chr", O_RDONLY), ENXIO);
	fd = CHECK_SYS(open("chr", O_PATH));
	close(fd);
	CHECK_SYS(xmknod("blk", S_IFBLK | 0600, dev_of(8, 1)));
	st = stat_of("blk");
	CHECK(S_ISBLK(st.st_mode));
	CHECK_EQ(st.st_rdev, dev_of(8, 1));
	CHECK_ERR(open("blk", O_RDONLY), ENXIO);
	CHECK_SYS(xmknod("sock", S_IFSOCK | 0755, 0));
	CHECK_EQ(stat_of("sock").st_mode, S_IFSOCK | 0755);
	CHECK_ERR(open("sock", O_RDONLY), ENXIO);
	CHECK_SYS(xmknod("big", S_IFCHR | 0600, 0xffffffffu));
	CHECK_EQ(stat_of("big").st_rdev, 0xffffffffUL);
#ifdef __NR_mknod
	CHECK_SYS(syscall(__NR_mknod, "fifo2", S_IFIFO | 0600, 0));
	CHECK(S_ISFIFO(stat_of("fifo2").st_mode));
#endif
	scratch_done();
}

static void mknod_errors(void)
{
	scratch();
	make_file("f", "f");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(xsymlink("nowhere", "dangling"));
	CHECK_ERR(xmknod("x", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR(xmknod("nope/x", S_IFDIR | 0755, 0), EPERM); /* type first */
	CHECK_ERR(xmknod("x", 0150000, 0), EINVAL);
	CHECK_ERR(xmknod("x", S_IFLNK | 0777, 0), EINVAL);
	CHECK_ERR(xmknod("f", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR(xmknod("d", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR(xmknod("dangling", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR(xmknod("f/", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR(xmknod("new/", S_IFIFO | 0644, 0), ENOENT);
	CHECK_ERR(xmknod("nope/x", S_IFIFO | 0644, 0), ENOENT);
	CHECK_ERR(xmknod("f/x", S_IFIFO | 0644, 0), ENOTDIR);
	CHECK_ERR(xmknod(long_name(256), S_IFIFO | 0644, 0), ENAMETOOLONG);
	CHECK_ERR(xmknod(huge_path(), S_IFIFO | 0644, 0), ENAMETOOLONG);
	CHECK_ERR(xmknod(BAD_PTR, S_IFIFO | 0644, 0), EFAULT);
	CHECK_ERR(syscall(__NR_mknodat, 99, "x", S_IFIFO | 0644, 0), EBADF);
	CHECK_ERR(access("x", F_OK), ENOENT);
	scratch_done();
}

/* ---- FIFOs ---- */

/* O_NONBLOCK: a reader opens at once (and sees EOF while there is no
 * writer), a writer without a reader is ENXIO. */
static void fifo_nonblocking_opens(void)
{
	struct stat st;
	char buf[8];
	int r, w;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	CHECK_ERR(open("p", O_WRONLY | O_NONBLOCK), ENXIO);
	r = CHECK_SYS(open("p", O_RDONLY | O_NONBLOCK));
	CHECK_EQ(read(r, buf, sizeof(buf)), 0);
	/* No writer yet: a reader waits for one, so poll says nothing, not
	 * POLLHUP (which only comes once a writer has come and gone). */
	{
		struct { int fd; short events, revents; } pf = { r, 1, 0 };

		CHECK_EQ(syscall(__NR_ppoll, &pf, 1,
				 &(struct timespec){ 0, 0 }, NULL, 8), 0);
	}
	w = CHECK_SYS(open("p", O_WRONLY | O_NONBLOCK));
	CHECK_ERR(read(r, buf, sizeof(buf)), EAGAIN);
	CHECK_EQ(write(w, "abc", 3), 3);
	CHECK_EQ(read(r, buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "abc", 3));
	st = fstat_of(r);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_ino, stat_of("p").st_ino);
	CHECK_EQ(st.st_size, 0);
	CHECK_ERR(lseek(r, 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(r, buf, 1, 0), ESPIPE);
	CHECK_SYS(close(w));
	CHECK_EQ(read(r, buf, sizeof(buf)), 0);		/* EOF */
	{
		struct { int fd; short events, revents; } pf = { r, 1, 0 };

		CHECK_EQ(syscall(__NR_ppoll, &pf, 1,
				 &(struct timespec){ 0, 0 }, NULL, 8), 1);
		CHECK_EQ(pf.revents, 0x10);		/* POLLHUP */
	}
	CHECK_SYS(close(r));
	scratch_done();
}

/* A shared flag a child raises just before it opens the FIFO. */
static volatile int *shared_flag(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		ktap_fail("mmap: %s", ktap_errname(errno));
	return p;
}

/* Without O_NONBLOCK each end waits for the other to be opened. */
static void fifo_blocking_opens_wait(void)
{
	volatile int *opening = shared_flag();
	char buf[8];
	pid_t pid;
	int fd;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(100);
		*opening = 1;
		fd = open("p", O_WRONLY);
		_exit(fd >= 0 && write(fd, "hi", 2) == 2 ? 0 : 1);
	}
	fd = CHECK_SYS(open("p", O_RDONLY));
	CHECK_EQ(*opening, 1);		/* it waited for the writer */
	CHECK_EQ(read(fd, buf, sizeof(buf)), 2);
	CHECK(!memcmp(buf, "hi", 2));
	CHECK_EXITED(pid, 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	/* And a writer waits for a reader. */
	*opening = 0;
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(100);
		*opening = 1;
		fd = open("p", O_RDONLY);
		_exit(fd >= 0 && read(fd, buf, sizeof(buf)) == 3 ? 0 : 1);
	}
	fd = CHECK_SYS(open("p", O_WRONLY));
	CHECK_EQ(*opening, 1);
	CHECK_EQ(write(fd, "hey", 3), 3);
	CHECK_EXITED(pid, 0);
	close(fd);
	scratch_done();
}

/* A reader's open completes when a writer opens, even one gone again. */
static void fifo_open_sees_writer_that_left(void)
{
	volatile int *opening = shared_flag();
	char buf[8];
	pid_t pid;
	int fd;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(100);
		*opening = 1;
		fd = open("p", O_WRONLY);
		_exit(fd >= 0 ? 0 : 1);
	}
	fd = CHECK_SYS(open("p", O_RDONLY));
	CHECK_EQ(*opening, 1);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	scratch_done();
}

/* O_RDWR never waits; the data lives while any end is open, and goes
 * with the last one. */
static void fifo_rdwr_and_data_lifetime(void)
{
	char buf[8];
	int rw, r;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	rw = CHECK_SYS(open("p", O_RDWR));
	CHECK_EQ(write(rw, "abc", 3), 3);
	r = CHECK_SYS(open("p", O_RDONLY | O_NONBLOCK));
	CHECK_SYS(close(rw));
	CHECK_EQ(read(r, buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "abc", 3));
	CHECK_EQ(read(r, buf, sizeof(buf)), 0);		/* no writer left */
	CHECK_SYS(close(r));
	rw = CHECK_SYS(open("p", O_RDWR));
	CHECK_EQ(write(rw, "zz", 2), 2);
	CHECK_SYS(close(rw));
	rw = CHECK_SYS(open("p", O_RDWR | O_NONBLOCK));
	CHECK_ERR(read(rw, buf, sizeof(buf)), EAGAIN);	/* that data went */
	CHECK_SYS(close(rw));
	scratch_done();
}

/* A reader that saw EOF reads again once a new writer comes; a writer
 * whose readers have gone gets EPIPE (and SIGPIPE). */
static void fifo_writers_and_readers_come_and_go(void)
{
	char buf[8];
	pid_t pid;
	int r, w;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	r = CHECK_SYS(open("p", O_RDONLY | O_NONBLOCK));
	w = CHECK_SYS(open("p", O_WRONLY | O_NONBLOCK));
	CHECK_EQ(write(w, "1", 1), 1);
	CHECK_SYS(close(w));
	CHECK_EQ(read(r, buf, sizeof(buf)), 1);
	CHECK_EQ(read(r, buf, sizeof(buf)), 0);
	w = CHECK_SYS(open("p", O_WRONLY));	/* a reader is there */
	CHECK_EQ(write(w, "22", 2), 2);
	CHECK_EQ(read(r, buf, sizeof(buf)), 2);
	CHECK_SYS(close(r));
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(w, "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		write(w, "x", 1);
		_exit(0);
	}
	CHECK_KILLED(pid, SIGPIPE);
	/* A new reader makes the writer useful again. */
	r = CHECK_SYS(open("p", O_RDONLY | O_NONBLOCK));
	CHECK_EQ(write(w, "3", 1), 1);
	CHECK_EQ(read(r, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], '3');
	close(w);
	close(r);
	scratch_done();
}

static volatile int got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* A signal ends a waiting open with EINTR (no SA_RESTART), and the
 * interrupted open leaves no reader behind. */
static void fifo_open_interrupted(void)
{
	struct sigaction sa;
	pid_t parent = getpid(), pid;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		for (;;) {		/* until the open is interrupted */
			ktap_sleep_ms(50);
			kill(parent, SIGUSR1);
		}
	}
	CHECK_ERR(open("p", O_RDONLY), EINTR);
	kill(pid, SIGKILL);
	WAIT_CHILD(pid);
	CHECK_EQ(got_usr1, 1);
	CHECK_ERR(open("p", O_WRONLY | O_NONBLOCK), ENXIO);
	scratch_done();
}

/* Unlinked while open, the FIFO still carries data; fsync, fallocate and
 * ftruncate answer as for pipes. */
static void fifo_unlinked_and_other_calls(void)
{
	char buf[8];
	int r, w;

	scratch();
	CHECK_SYS(xmknod("p", S_IFIFO | 0600, 0));
	r = CHECK_SYS(open("p", O_RDONLY | O_NONBLOCK));
	w = CHECK_SYS(open("p", O_WRONLY));
	CHECK_SYS(unlink("p"));
	CHECK_EQ(fstat_of(w).st_nlink, 0);
	CHECK_EQ(write(w, "ok", 2), 2);
	CHECK_EQ(read(r, buf, sizeof(buf)), 2);
	CHECK_ERR(xfsync(w), EINVAL);
	CHECK_ERR(syscall(__NR_fdatasync, r), EINVAL);
	CHECK_ERR(xfallocate(w, 0, 0, 1), ESPIPE);
	CHECK_ERR(ftruncate(w, 0), EINVAL);
	close(r);
	close(w);
	scratch_done();
}

/* ---- sync, fsync, fallocate ---- */

static void sync_family(void)
{
	int fd, dfd, ofd, nul, p[2];

	scratch();
	make_file("f", "data");
	CHECK_EQ(syscall(__NR_sync), 0);
	fd = CHECK_SYS(open("f", O_RDONLY));
	dfd = CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(xfsync(fd));
	CHECK_SYS(syscall(__NR_fdatasync, fd));
	CHECK_SYS(xfsync(dfd));
	CHECK_SYS(syscall(__NR_syncfs, fd));
	CHECK_SYS(pipe(p));
	CHECK_ERR(xfsync(p[0]), EINVAL);
	CHECK_ERR(syscall(__NR_fdatasync, p[1]), EINVAL);
	CHECK_SYS(syscall(__NR_syncfs, p[0]));
	nul = CHECK_SYS(open("/dev/null", O_RDWR));
	CHECK_ERR(xfsync(nul), EINVAL);
	CHECK_SYS(syscall(__NR_syncfs, nul));
	CHECK_ERR(xfsync(99), EBADF);
	CHECK_ERR(syscall(__NR_fdatasync, 99), EBADF);
	CHECK_ERR(syscall(__NR_syncfs, 99), EBADF);
	CHECK_ERR(xfsync(-1), EBADF);
	ofd = CHECK_SYS(open("f", O_PATH));
	CHECK_ERR(xfsync(ofd), EBADF);
	CHECK_ERR(syscall(__NR_syncfs, ofd), EBADF);
	close(ofd);
	close(nul);
	close(dfd);
	close(fd);
	scratch_done();
}

static void fallocate_grows_and_keeps_size(void)
{
	char buf[64], zero[64];
	struct stat st;
	int fd;

	scratch();
	fd = CHECK_SYS(open("f", O_CREAT | O_RDWR, 0644));
	CHECK_EQ(write(fd, "head", 4), 4);
	CHECK_SYS(xfallocate(fd, 0, 100, 5000));
	st = fstat_of(fd);
	CHECK_EQ(st.st_size, 5100);
	CHECK(st.st_blocks >= 16);		/* two pages, 512-byte units */
	memset(zero, 0, sizeof(zero));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 4), sizeof(buf));
	CHECK(!memcmp(buf, zero, sizeof(buf)));
	CHECK_EQ(pread(fd, buf, 4, 0), 4);
	CHECK(!memcmp(buf, "head", 4));
	CHECK_SYS(xfallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 20000));
	st = fstat_of(fd);
	CHECK_EQ(st.st_size, 5100);
	CHECK(st.st_blocks >= 40);
	CHECK_SYS(xfallocate(fd, 0, 0, 1));	/* inside: no change */
	CHECK_EQ(fstat_of(fd).st_size, 5100);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 5100), 0);
	CHECK_SYS(ftruncate(fd, 10000));	/* reserved pages read zeros */
	CHECK_EQ(pread(fd, buf, sizeof(buf), 9000), sizeof(buf));
	CHECK(!memcmp(buf, zero, sizeof(buf)));
	close(fd);
	scratch_done();
}

static void fallocate_errors(void)
{
	int fd, rd, ofd, nul, dfd, p[2];

	scratch();
	fd = CHECK_SYS(open("f", O_CREAT | O_RDWR, 0644));
	CHECK_ERR(xfallocate(99, 0, 0, 1), EBADF);
	CHECK_ERR(xfallocate(99, 0, 0, 0), EBADF);	/* the fd first */
	CHECK_ERR(xfallocate(fd, 0, 0, 0), EINVAL);
	CHECK_ERR(xfallocate(fd, 0, 0, -1), EINVAL);
	CHECK_ERR(xfallocate(fd, 0, -1, 10), EINVAL);
	CHECK_ERR(xfallocate(fd, 0x100, 0, 10), EOPNOTSUPP);
	CHECK_ERR(xfallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10), EOPNOTSUPP);
	CHECK_ERR(xfallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE |
			     FALLOC_FL_KEEP_SIZE, 0, 10), EOPNOTSUPP);
	CHECK_ERR(xfallocate(fd, FALLOC_FL_COLLAPSE_RANGE |
			     FALLOC_FL_KEEP_SIZE, 0, 4096), EOPNOTSUPP);
	CHECK_ERR(xfallocate(fd, 0, 0x7fffffffffffffffL, 10), EFBIG);
	CHECK_EQ(fstat_of(fd).st_size, 0);
	rd = CHECK_SYS(open("f", O_RDONLY));
	CHECK_ERR(xfallocate(rd, 0, 0, 10), EBADF);
	ofd = CHECK_SYS(open("f", O_PATH));
	CHECK_ERR(xfallocate(ofd, 0, 0, 10), EBADF);
	dfd = CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(xfallocate(dfd, 0, 0, 10), EBADF);
	CHECK_SYS(pipe(p));
	CHECK_ERR(xfallocate(p[1], 0, 0, 10), ESPIPE);
	CHECK_ERR(xfallocate(p[0], 0, 0, 10), EBADF);	/* not writable */
	nul = CHECK_SYS(open("/dev/null", O_RDWR));
	CHECK_ERR(xfallocate(nul, 0, 0, 10), ENODEV);
	close(nul);
	close(dfd);
	close(ofd);
	close(rd);
	close(fd);
	scratch_done();
}

/* x86_64's creat: O_CREAT | O_WRONLY | O_TRUNC. */
static void creat_truncates(void)
{
#ifndef __NR_creat
	ktap_skip("no creat on this arch (openat only)");
#else
	char buf[4];
	int fd;

	scratch();
	umask(022);
	make_file("f", "hello");
	fd = CHECK_SYS(syscall(__NR_creat, "f", 0600));
	CHECK_EQ(fstat_of(fd).st_size, 0);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK_EQ(fstat_of(fd).st_mode, S_IFREG | 0644);	/* kept */
	close(fd);
	fd = CHECK_SYS(syscall(__NR_creat, "g", 0666));
	CHECK_EQ(fstat_of(fd).st_mode, S_IFREG | 0644);
	close(fd);
	CHECK_ERR(syscall(__NR_creat, ".", 0644), EISDIR);
	CHECK_ERR(syscall(__NR_creat, "nope/g", 0644), ENOENT);
	CHECK_ERR(syscall(__NR_creat, BAD_PTR, 0644), EFAULT);
	scratch_done();
#endif
}

/* ---- what stat shows ---- */

static void stat_fields(void)
{
	struct stat st, st2;
	char target[] = "some/target";
	int fd;

	scratch();
	fd = CHECK_SYS(open("f", O_CREAT | O_RDWR, 0600));
	st = fstat_of(fd);
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, 0);
	CHECK_EQ(st.st_gid, 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_blocks, 0);
	CHECK_EQ(st.st_blksize, 4096);
	ktap_sleep_ms(20);
	CHECK_EQ(write(fd, "x", 1), 1);
	st2 = fstat_of(fd);
	CHECK_EQ(st2.st_size, 1);
	CHECK_EQ(st2.st_blocks, 8);		/* one page */
	CHECK(time_before(st.st_mtime, st.st_mtime_nsec, st2.st_mtime,
			  st2.st_mtime_nsec));
	CHECK_EQ(st2.st_ctime, st2.st_mtime);
	CHECK_EQ(st2.st_ctime_nsec, st2.st_mtime_nsec);
	/* fstatat with AT_EMPTY_PATH is fstat; an O_PATH fd will do. */
	CHECK_SYS(fstatat(fd, "", &st, AT_EMPTY_PATH));
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_ERR(fstatat(fd, "", &st, 0), ENOENT);
	CHECK_SYS(unlink("f"));
	CHECK_EQ(fstat_of(fd).st_nlink, 0);	/* open, without a name */
	close(fd);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_EQ(stat_of("d").st_nlink, 2);
	CHECK_SYS(mkdir("d/e", 0755));
	CHECK_EQ(stat_of("d").st_nlink, 3);
	CHECK_SYS(xsymlink(target, "sl"));
	st = stat_of("sl");
	CHECK_EQ(st.st_mode, S_IFLNK | 0777);
	CHECK_EQ(st.st_size, (long)strlen(target));
	fd = CHECK_SYS(open("sl", O_PATH | O_NOFOLLOW));
	CHECK_SYS(fstatat(fd, "", &st2, AT_EMPTY_PATH));
	CHECK_EQ(st2.st_ino, st.st_ino);
	close(fd);
	scratch_done();
}

/* ---- memory ---- */

static int on_faultline(void)
{
	char buf[256];
	int fd = open("/proc/version", O_RDONLY);

	if (fd < 0)
		return 0;
	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	return strstr(buf, "faultline") != NULL;
}

/* One of everything that allocates: names, links, a replaced directory,
 * a FIFO's pipe, reserved pages, attributes; then all of it removed. */
static void workload(void)
{
	struct timespec t[2] = { { 1, 0 }, { 2, 0 } };
	struct statfs sfs;
	char buf[128];
	int fd, r;

	memset(buf, 'w', sizeof(buf));
	CHECK_SYS(mkdir("w", 0755));
	CHECK_SYS(mkdir("w/d1", 0755));
	CHECK_SYS(mkdir("w/d2", 0755));
	make_file("w/d1/a", "a");
	make_file("w/b", "b");
	CHECK_SYS(xlink("w/d1/a", "w/a2"));
	CHECK_SYS(xrename("w/a2", "w/b"));
	CHECK_SYS(xrename("w/d1", "w/d2"));
	CHECK_SYS(xrename2("w/d2", "w/b", RENAME_EXCHANGE));
	CHECK_SYS(xmknod("w/p", S_IFIFO | 0600, 0));
	r = CHECK_SYS(open("w/p", O_RDWR));
	CHECK_EQ(write(r, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(read(r, buf, sizeof(buf)), sizeof(buf));
	close(r);
	fd = CHECK_SYS(open("w/big", O_CREAT | O_RDWR, 0644));
	CHECK_SYS(xfallocate(fd, 0, 0, 3 * 4096));
	CHECK_SYS(xfallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 5 * 4096));
	CHECK_SYS(unlink("w/big"));
	close(fd);
	CHECK_SYS(xchmod("w/b", 0700));
	CHECK_SYS(xchown("w/b", 1, 1, 0));
	CHECK_SYS(xutimens(AT_FDCWD, "w/b", t, 0));
	CHECK_SYS(xstatfs("w", &sfs));
	CHECK_SYS(xmknod("w/null", S_IFCHR | 0600, dev_of(1, 3)));
	fd = CHECK_SYS(open("w/null", O_WRONLY));
	close(fd);
	remove_tree("w");
	CHECK_ERR(access("w", F_OK), ENOENT);
}

/* The kernel gives back what these calls took (Linux's MemFree moves
 * with everything else on the machine, so only Faultline is asked). */
static void no_memory_lost(void)
{
	long before, after;
	int i;

	if (!on_faultline())
		ktap_skip("not Faultline: MemFree is the whole machine's");
	scratch();
	workload();		/* the first round fills the kernel's caches */
	before = ktap_meminfo_kb("MemFree:");
	for (i = 0; i < 100; i++)
		workload();
	after = ktap_meminfo_kb("MemFree:");
	CHECK(before > 0);
	if (after < before)
		ktap_fail("MemFree %ld kB before 100 rounds, %ld kB after",
			  before, after);
	scratch_done();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(rename_replaces_file),
	KTAP_CASE(rename_same_file_noop),
	KTAP_CASE(rename_dir_onto_empty_dir),
	KTAP_CASE(rename_dir_onto_nonempty_dir),
	KTAP_CASE(rename_type_rules),
	KTAP_CASE(rename_into_own_subtree),
	KTAP_CASE(rename_dot_dotdot_root),
	KTAP_CASE(rename_cross_fs),
	KTAP_CASE(renameat2_noreplace_exchange),
	KTAP_CASE(renameat2_whiteout_einval),
	KTAP_CASE(renameat2_exchange_dir_and_file),
	KTAP_CASE(rename_dir_moves_dotdot_and_cwd),
	KTAP_CASE(rename_times_and_symlinks),
	KTAP_CASE(rename_errors),
	KTAP_CASE(rename_legacy_calls),
	KTAP_CASE(link_counts_and_shared_data),
	KTAP_CASE(link_errors),
	KTAP_CASE(linkat_symlink_follow),
	KTAP_CASE(linkat_empty_path),
	KTAP_CASE(link_legacy_call),
	KTAP_CASE(chmod_keeps_type),
	KTAP_CASE(chmod_errors),
	KTAP_CASE(chown_sets_ids),
	KTAP_CASE(chown_clears_setid),
	KTAP_CASE(chown_errors),
	KTAP_CASE(utimensat_sets_times),
	KTAP_CASE(utimensat_nofollow_and_fd),
	KTAP_CASE(utimensat_errors),
	KTAP_CASE(utime_utimes_legacy),
	KTAP_CASE(statfs_figures),
	KTAP_CASE(statfs_errors),
	KTAP_CASE(mknod_kinds),
	KTAP_CASE(mknod_errors),
	KTAP_CASE(fifo_nonblocking_opens),
	KTAP_CASE(fifo_blocking_opens_wait),
	KTAP_CASE(fifo_open_sees_writer_that_left),
	KTAP_CASE(fifo_rdwr_and_data_lifetime),
	KTAP_CASE(fifo_writers_and_readers_come_and_go),
	KTAP_CASE(fifo_open_interrupted),
	KTAP_CASE(fifo_unlinked_and_other_calls),
	KTAP_CASE(sync_family),
	KTAP_CASE(fallocate_grows_and_keeps_size),
	KTAP_CASE(fallocate_errors),
	KTAP_CASE(creat_truncates),
	KTAP_CASE(stat_fields),
	KTAP_CASE(no_memory_lost),
};

int main(int argc, char **argv)
{
	const char *dir = getenv("FSCALLS_DIR");
	int failed;

	(void)argc;
	ktap_argv0 = argv[0];
	if (dir && *dir)
		snprintf(base, sizeof(base), "%s", dir);
	failed = ktap_run("fscalls", cases, KTAP_NCASES(cases));
	remove_leftovers();
	return failed ? 1 : 0;
}
