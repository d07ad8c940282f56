/*
 * Host tests of kernel/fs/: path lookup, ramfs files and directories, the
 * descriptor table, getdents64 records, the cpio unpacker (malformed
 * archives included), pipes, the tty line discipline, /proc text and the
 * disks' files in /proc and /sys (on fake disks), all through the syscall
 * entry points with host memory as "user" memory.
 */
#include "fs_host.h"
#include <block.h>
#include <kmalloc.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/dirent.h>
#include <uapi/termios.h>
#include <uapi/uio.h>

#define U(p) ((unsigned long)(p))

static long open_path(const char *path, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, U(path), flags, mode);
}

static long write_str(int fd, const char *s)
{
	return sys_write(fd, U(s), strlen(s));
}

/* Create path with contents s; 0 or -errno. */
static long make_file(const char *path, const char *s)
{
	long fd = open_path(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fd;
	write_str((int)fd, s);
	sys_close((int)fd);
	return 0;
}

static long read_all(const char *path, char *buf, size_t size)
{
	long fd = open_path(path, O_RDONLY, 0), n, total = 0;

	if (fd < 0)
		return fd;
	while ((n = sys_read((int)fd, U(buf + total), size - 1 - total)) > 0)
		total += n;
	buf[total] = '\0';
	sys_close((int)fd);
	return n < 0 ? n : total;
}

/* Does text contain needle? (the kernel's string.h has no strstr) */
static bool contains(const char *text, const char *needle)
{
	size_t n = strlen(needle);

	for (; *text; text++)
		if (!strncmp(text, needle, n))
			return true;
	return false;
}

static void lookup_paths(struct ktap_case_state *t)
{
	char buf[64];
	struct stat st;

	fs_host_reset_task();
	EXPECT_EQ(t, sys_mkdir(U("/lk"), 0755), 0);
	EXPECT_EQ(t, sys_mkdir(U("/lk/a"), 0755), 0);
	EXPECT_EQ(t, sys_mkdir(U("/lk/a/b"), 0700), 0);
	EXPECT_EQ(t, make_file("/lk/a/b/f", "hello"), 0);
	EXPECT_EQ(t, read_all("//lk/./a/../a/b//f", buf, sizeof(buf)), 5);
	EXPECT(t, !strcmp(buf, "hello"));
	EXPECT_EQ(t, sys_chdir(U("/lk/a")), 0);
	EXPECT_EQ(t, read_all("b/f", buf, sizeof(buf)), 5);
	EXPECT_EQ(t, read_all("./b/../b/f", buf, sizeof(buf)), 5);
	EXPECT_EQ(t, read_all("../../../../lk/a/b/f", buf, sizeof(buf)), 5);
	EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), 6);
	EXPECT(t, !strcmp(buf, "/lk/a"));
	EXPECT_EQ(t, sys_getcwd(U(buf), 5), -ERANGE);
	EXPECT_EQ(t, open_path("b/f/", O_RDONLY, 0), -ENOTDIR);
	EXPECT_EQ(t, open_path("b/f/x", O_RDONLY, 0), -ENOTDIR);
	EXPECT_EQ(t, open_path("b/nope", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("nope/f", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("b", O_RDONLY | O_DIRECTORY, 0) >= 0, 1);
	EXPECT_EQ(t, open_path("b/f", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	EXPECT_EQ(t, open_path("b", O_WRONLY, 0), -EISDIR);
	EXPECT_EQ(t, sys_open(U((const char *)0), O_RDONLY, 0), -EFAULT);
	EXPECT_EQ(t, sys_open(U(fs_host_bad_page), O_RDONLY, 0), -EFAULT);
	{
		static char longname[NAME_MAX + 3];

		memset(longname, 'x', NAME_MAX + 1);
		EXPECT_EQ(t, open_path(longname, O_RDONLY, 0), -ENAMETOOLONG);
		EXPECT_EQ(t, sys_mkdir(U(longname), 0755), -ENAMETOOLONG);
	}
	{
		static char huge[PATH_MAX + 8];

		memset(huge, 'a', sizeof(huge) - 1);
		EXPECT_EQ(t, open_path(huge, O_RDONLY, 0), -ENAMETOOLONG);
	}
	/* ".." of the root is the root. */
	EXPECT_EQ(t, sys_stat(U("/../../lk"), U(&st)), 0);
	EXPECT(t, S_ISDIR(st.st_mode));
	EXPECT_EQ(t, st.st_nlink, 3);
	/* dirfd-relative */
	{
		long dfd = open_path("/lk/a", O_RDONLY | O_DIRECTORY, 0);
		long ffd = open_path("/lk/a/b/f", O_RDONLY, 0);

		EXPECT_EQ(t, sys_newfstatat((int)dfd, U("b/f"), U(&st), 0), 0);
		EXPECT_EQ(t, st.st_size, 5);
		EXPECT_EQ(t, sys_newfstatat((int)ffd, U("x"), U(&st), 0),
			  -ENOTDIR);
		EXPECT_EQ(t, sys_newfstatat(99, U("x"), U(&st), 0), -EBADF);
		EXPECT_EQ(t, sys_newfstatat(99, U("/lk"), U(&st), 0), 0);
		EXPECT_EQ(t, sys_newfstatat((int)ffd, U(""), U(&st),
					    AT_EMPTY_PATH), 0);
		EXPECT_EQ(t, st.st_size, 5);
		EXPECT_EQ(t, sys_newfstatat((int)ffd, U(""), U(&st), 0),
			  -ENOENT);
		EXPECT_EQ(t, sys_newfstatat((int)ffd, U(""), U(&st), 0x8000),
			  -EINVAL);
	}
	EXPECT_EQ(t, sys_chdir(U("b/f")), -ENOTDIR);
	EXPECT_EQ(t, sys_chdir(U("/")), 0);
}

static void symlinks(struct ktap_case_state *t)
{
	struct inode *dir;
	struct stat st;
	char buf[64];

	fs_host_reset_task();
	EXPECT_EQ(t, sys_mkdir(U("/sl"), 0755), 0);
	EXPECT_EQ(t, sys_mkdir(U("/sl/d"), 0755), 0);
	EXPECT_EQ(t, make_file("/sl/d/target", "T"), 0);
	REQUIRE(t, path_walk(fs_root, "/sl", 0, &dir) == 0);
	EXPECT_EQ(t, dir->iop->symlink(dir, "rel", 3, "d/target"), 0);
	EXPECT_EQ(t, dir->iop->symlink(dir, "abs", 3, "/sl/d"), 0);
	EXPECT_EQ(t, dir->iop->symlink(dir, "loop1", 5, "loop2"), 0);
	EXPECT_EQ(t, dir->iop->symlink(dir, "loop2", 5, "loop1"), 0);
	EXPECT_EQ(t, dir->iop->symlink(dir, "dangling", 8, "nowhere"), 0);
	EXPECT_EQ(t, read_all("/sl/rel", buf, sizeof(buf)), 1);
	EXPECT_EQ(t, read_all("/sl/abs/target", buf, sizeof(buf)), 1);
	EXPECT_EQ(t, read_all("/sl/abs/../d/target", buf, sizeof(buf)), 1);
	EXPECT_EQ(t, open_path("/sl/loop1", O_RDONLY, 0), -ELOOP);
	EXPECT_EQ(t, open_path("/sl/dangling", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("/sl/rel", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	EXPECT_EQ(t, sys_lstat(U("/sl/rel"), U(&st)), 0);
	EXPECT(t, S_ISLNK(st.st_mode));
	EXPECT_EQ(t, st.st_size, 8);
	EXPECT_EQ(t, sys_stat(U("/sl/rel"), U(&st)), 0);
	EXPECT(t, S_ISREG(st.st_mode));
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U("/sl/rel"), U(buf), 64), 8);
	EXPECT(t, !memcmp(buf, "d/target", 8));
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U("/sl/rel"), U(buf), 3), 3);
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U("/sl/d"), U(buf), 64),
		  -EINVAL);
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U("/sl/rel"), U(buf), 0),
		  -EINVAL);
	/* A trailing slash follows the link, which must lead to a dir. */
	EXPECT_EQ(t, sys_lstat(U("/sl/abs/"), U(&st)), 0);
	EXPECT(t, S_ISDIR(st.st_mode));
	EXPECT_EQ(t, sys_lstat(U("/sl/rel/"), U(&st)), -ENOTDIR);
	EXPECT_EQ(t, sys_unlink(U("/sl/abs")), 0);
	EXPECT_EQ(t, sys_stat(U("/sl/d/target"), U(&st)), 0);
	/* the syscalls */
	EXPECT_EQ(t, sys_symlink(U("d/target"), U("/sl/s2")), 0);
	EXPECT_EQ(t, sys_symlink(U("x"), U("/sl/s2")), -EEXIST);
	EXPECT_EQ(t, sys_symlink(U(""), U("/sl/s3")), -ENOENT);
	EXPECT_EQ(t, sys_symlink(U("x"), U("/sl/s3/")), -ENOENT);
	EXPECT_EQ(t, sys_symlink(U("x"), U("/proc/s3")), -EPERM);
	EXPECT_EQ(t, sys_symlink(U(fs_host_bad_page), U("/sl/s3")), -EFAULT);
	EXPECT_EQ(t, read_all("/sl/s2", buf, sizeof(buf)), 1);
	EXPECT_EQ(t, sys_readlink(U("/sl/s2"), U(buf), 64), 8);
	{
		long dfd = open_path("/sl/d", O_RDONLY, 0);

		EXPECT_EQ(t, sys_symlinkat(U("target"), (int)dfd, U("s4")),
			  0);
		EXPECT_EQ(t, read_all("/sl/d/s4", buf, sizeof(buf)), 1);
		EXPECT_EQ(t, sys_fchdir((int)dfd), 0);
		EXPECT_EQ(t, read_all("s4", buf, sizeof(buf)), 1);
		EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), 6);
		EXPECT_EQ(t, sys_fchdir(99), -EBADF);
		sys_close((int)dfd);
		dfd = open_path("/sl/d/target", O_RDONLY, 0);
		EXPECT_EQ(t, sys_fchdir((int)dfd), -ENOTDIR);
		EXPECT_EQ(t, sys_chdir(U("/")), 0);
	}
	iput(dir);
}

static void regular_files(struct ktap_case_state *t)
{
	unsigned long free_before;
	char buf[9000];
	struct stat st;
	long fd, fd2;
	int i;

	fs_host_reset_task();
	free_before = nr_free_pages();
	fd = open_path("/rf", O_RDWR | O_CREAT | O_EXCL, 0777);
	REQUIRE(t, fd >= 0);
	EXPECT_EQ(t, open_path("/rf", O_RDWR | O_CREAT | O_EXCL, 0), -EEXIST);
	EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFREG | 0755);	/* umask 022 */
	EXPECT_EQ(t, st.st_nlink, 1);
	EXPECT_EQ(t, write_str((int)fd, "abc"), 3);
	/* A hole from 3 to 8000, then data across a page boundary. */
	EXPECT_EQ(t, sys_lseek((int)fd, 8000, SEEK_SET), 8000);
	for (i = 0; i < 500; i++)
		buf[i] = (char)('a' + i % 26);
	EXPECT_EQ(t, sys_write((int)fd, U(buf), 500), 500);
	EXPECT_EQ(t, sys_lseek((int)fd, 0, SEEK_END), 8500);
	EXPECT_EQ(t, sys_lseek((int)fd, -1, SEEK_SET), -EINVAL);
	EXPECT_EQ(t, sys_lseek((int)fd, 0, 7), -EINVAL);
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), sizeof(buf), 0), 8500);
	EXPECT(t, !memcmp(buf, "abc\0\0", 5));
	EXPECT_EQ(t, buf[7999], 0);
	EXPECT_EQ(t, buf[8000], 'a');
	EXPECT_EQ(t, buf[8499], (char)('a' + 499 % 26));
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), 10, 8495), 5);
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), 10, 9000), 0);
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), 10, -1), -EINVAL);
	EXPECT_EQ(t, sys_pread64((int)fd, U(fs_host_bad_page), 10, 0),
		  -EFAULT);
	EXPECT_EQ(t, sys_write((int)fd, U(fs_host_bad_page), 10), -EFAULT);
	/* Truncate cuts, and growing again reads zeros. */
	EXPECT_EQ(t, sys_ftruncate((int)fd, 2), 0);
	EXPECT_EQ(t, sys_ftruncate((int)fd, 10), 0);
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), sizeof(buf), 0), 10);
	EXPECT(t, !memcmp(buf, "ab\0\0\0\0\0\0\0\0", 10));
	EXPECT_EQ(t, sys_ftruncate((int)fd, -1), -EINVAL);
	/* O_APPEND writes at the end whatever the position. */
	fd2 = open_path("/rf", O_WRONLY | O_APPEND, 0);
	EXPECT_EQ(t, sys_lseek((int)fd2, 0, SEEK_SET), 0);
	EXPECT_EQ(t, write_str((int)fd2, "Z"), 1);
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), sizeof(buf), 0), 11);
	EXPECT_EQ(t, buf[10], 'Z');
	EXPECT_EQ(t, sys_read((int)fd2, U(buf), 1), -EBADF);
	EXPECT_EQ(t, sys_ftruncate((int)open_path("/rf", O_RDONLY, 0), 0),
		  -EINVAL);
	/* O_TRUNC empties it. */
	EXPECT_EQ(t, sys_close((int)fd2), 0);
	fd2 = open_path("/rf", O_WRONLY | O_TRUNC, 0);
	EXPECT_EQ(t, sys_fstat((int)fd2, U(&st)), 0);
	EXPECT_EQ(t, st.st_size, 0);
	EXPECT_EQ(t, write_str((int)fd2, "still here"), 10);
	/* Unlinked while open: still readable, freed at the last close. */
	EXPECT_EQ(t, sys_unlink(U("/rf")), 0);
	EXPECT_EQ(t, sys_stat(U("/rf"), U(&st)), -ENOENT);
	EXPECT_EQ(t, sys_pread64((int)fd, U(buf), sizeof(buf), 0), 10);
	EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
	EXPECT_EQ(t, sys_close((int)fd), 0);
	EXPECT_EQ(t, sys_close((int)fd2), 0);
	EXPECT_EQ(t, sys_close((int)fd2), -EBADF);
	fs_host_reset_task();	/* drops the leaked read-only fd */
	EXPECT_EQ(t, nr_free_pages(), free_before);
	/* readv/writev */
	{
		struct iovec iov[3] = {
			{ "ab", 2 }, { "", 0 }, { "cde", 3 },
		};
		char x[2], y[8];
		struct iovec riov[2] = { { x, 2 }, { y, 8 } };

		fd = open_path("/rv", O_RDWR | O_CREAT, 0600);
		EXPECT_EQ(t, sys_writev((int)fd, U(iov), 3), 5);
		EXPECT_EQ(t, sys_lseek((int)fd, 0, SEEK_SET), 0);
		EXPECT_EQ(t, sys_readv((int)fd, U(riov), 2), 5);
		EXPECT(t, !memcmp(x, "ab", 2) && !memcmp(y, "cde", 3));
		EXPECT_EQ(t, sys_readv((int)fd, U(riov), -1), -EINVAL);
		EXPECT_EQ(t, sys_readv((int)fd, U(riov), UIO_MAXIOV + 1),
			  -EINVAL);
		EXPECT_EQ(t, sys_readv((int)fd, U(fs_host_bad_page), 1),
			  -EFAULT);
		iov[0].iov_len = (unsigned long)-1;
		EXPECT_EQ(t, sys_writev((int)fd, U(iov), 3), -EINVAL);
		sys_close((int)fd);
		EXPECT_EQ(t, sys_unlink(U("/rv")), 0);
	}
}

static void directories(struct ktap_case_state *t)
{
	struct stat st;

	fs_host_reset_task();
	EXPECT_EQ(t, sys_mkdir(U("/dd"), 0777), 0);
	EXPECT_EQ(t, sys_stat(U("/dd"), U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFDIR | 0755);
	EXPECT_EQ(t, sys_mkdir(U("/dd"), 0777), -EEXIST);
	EXPECT_EQ(t, sys_mkdir(U("/dd/"), 0777), -EEXIST);
	EXPECT_EQ(t, sys_mkdir(U("/"), 0777), -EEXIST);
	EXPECT_EQ(t, sys_mkdir(U("/dd/."), 0777), -EEXIST);
	EXPECT_EQ(t, sys_mkdir(U("/nope/x"), 0777), -ENOENT);
	EXPECT_EQ(t, sys_mkdir(U("/dd/sub/"), 0777), 0);
	EXPECT_EQ(t, make_file("/dd/f", ""), 0);
	EXPECT_EQ(t, sys_mkdir(U("/dd/f/x"), 0777), -ENOTDIR);
	EXPECT_EQ(t, sys_rmdir(U("/dd")), -ENOTEMPTY);
	EXPECT_EQ(t, sys_rmdir(U("/dd/f")), -ENOTDIR);
	EXPECT_EQ(t, sys_rmdir(U("/dd/.")), -EINVAL);
	EXPECT_EQ(t, sys_rmdir(U("/dd/sub/..")), -ENOTEMPTY);
	EXPECT_EQ(t, sys_rmdir(U("/")), -EBUSY);
	EXPECT_EQ(t, sys_rmdir(U("/proc")), -EBUSY);
	EXPECT_EQ(t, sys_unlink(U("/dd/sub")), -EISDIR);
	EXPECT_EQ(t, sys_unlink(U("/dd/f/")), -ENOTDIR);
	EXPECT_EQ(t, sys_unlinkat(AT_FDCWD, U("/dd/f"), 1), -EINVAL);
	EXPECT_EQ(t, sys_unlinkat(AT_FDCWD, U("/dd/sub"), AT_REMOVEDIR), 0);
	EXPECT_EQ(t, sys_unlink(U("/dd/f")), 0);
	EXPECT_EQ(t, sys_unlink(U("/dd/f")), -ENOENT);
	EXPECT_EQ(t, open_path("/dd/", O_CREAT | O_WRONLY, 0600), -EISDIR);
	EXPECT_EQ(t, open_path("/dd/new/", O_CREAT | O_WRONLY, 0600),
		  -EISDIR);
	/* A removed cwd: getcwd fails, nothing can be created in it. */
	EXPECT_EQ(t, sys_chdir(U("/dd")), 0);
	EXPECT_EQ(t, sys_rmdir(U("/dd")), 0);
	{
		char buf[32];

		EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), -ENOENT);
	}
	EXPECT_EQ(t, open_path("x", O_CREAT | O_WRONLY, 0600), -ENOENT);
	EXPECT_EQ(t, sys_mkdir(U("x"), 0700), -ENOENT);
	EXPECT_EQ(t, sys_chdir(U("/")), 0);
	EXPECT_EQ(t, sys_umask(077), 022);
	EXPECT_EQ(t, sys_umask(022), 077);
	EXPECT_EQ(t, sys_access(U("/tmp"), X_OK), 0);
	EXPECT_EQ(t, sys_access(U("/tmp"), 8), -EINVAL);
	EXPECT_EQ(t, make_file("/tmp/nox", ""), 0);
	EXPECT_EQ(t, sys_access(U("/tmp/nox"), R_OK | W_OK), 0);
	EXPECT_EQ(t, sys_access(U("/tmp/nox"), X_OK), -EACCES);
	EXPECT_EQ(t, sys_access(U("/tmp/none"), F_OK), -ENOENT);
}

/* Every record of a getdents64 buffer: sane lengths, names, d_off. */
static int check_dirents(struct ktap_case_state *t, const char *buf, long n,
			 char names[][16], int max)
{
	long off = 0;
	int count = 0;

	while (off < n) {
		const struct linux_dirent64 *d = (const void *)(buf + off);
		size_t len = strlen(d->d_name);

		EXPECT_EQ(t, d->d_reclen % 8, 0);
		EXPECT(t, d->d_reclen >= 19 + len + 1);
		EXPECT(t, d->d_reclen < 19 + len + 1 + 8);
		EXPECT(t, d->d_ino != 0);
		if (count < max)
			strlcpy(names[count], d->d_name, 16);
		count++;
		off += d->d_reclen;
	}
	EXPECT_EQ(t, off, n);
	return count;
}

static void getdents_layout(struct ktap_case_state *t)
{
	char buf[512], names[16][16];
	const struct linux_dirent64 *d;
	long fd, n;
	int count;

	fs_host_reset_task();
	EXPECT_EQ(t, offsetof(struct linux_dirent64, d_name), 19);
	EXPECT_EQ(t, sys_mkdir(U("/gd"), 0755), 0);
	EXPECT_EQ(t, make_file("/gd/a", ""), 0);
	EXPECT_EQ(t, sys_mkdir(U("/gd/bb"), 0755), 0);
	EXPECT_EQ(t, make_file("/gd/ccc", ""), 0);
	fd = open_path("/gd", O_RDONLY | O_DIRECTORY, 0);
	REQUIRE(t, fd >= 0);
	n = sys_getdents64((int)fd, U(buf), sizeof(buf));
	count = check_dirents(t, buf, n, names, 16);
	EXPECT_EQ(t, count, 5);
	EXPECT(t, !strcmp(names[0], ".") && !strcmp(names[1], ".."));
	EXPECT(t, !strcmp(names[2], "a") && !strcmp(names[3], "bb") &&
		  !strcmp(names[4], "ccc"));
	d = (const void *)buf;
	EXPECT_EQ(t, d->d_type, DT_DIR);
	EXPECT_EQ(t, d->d_reclen, 24);
	d = (const void *)(buf + 24 + 24 + 24);		/* "bb" */
	EXPECT_EQ(t, d->d_type, DT_DIR);
	d = (const void *)(buf + 24 + 24);		/* "a" */
	EXPECT_EQ(t, d->d_type, DT_REG);
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), sizeof(buf)), 0);
	/* Rewind; a buffer for one record at a time resumes correctly even
	 * as entries go away. */
	EXPECT_EQ(t, sys_lseek((int)fd, 0, SEEK_SET), 0);
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), 10), -EINVAL);
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), 24), 24);	/* . */
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), 24), 24);	/* .. */
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), 24), 24);	/* a */
	EXPECT_EQ(t, sys_unlink(U("/gd/ccc")), 0);
	EXPECT_EQ(t, sys_unlink(U("/gd/a")), 0);
	n = sys_getdents64((int)fd, U(buf), sizeof(buf));
	count = check_dirents(t, buf, n, names, 16);
	EXPECT_EQ(t, count, 1);
	EXPECT(t, !strcmp(names[0], "bb"));
	EXPECT_EQ(t, sys_getdents64((int)fd, U(fs_host_bad_page), 100), 0);
	EXPECT_EQ(t, sys_lseek((int)fd, 0, SEEK_SET), 0);
	EXPECT_EQ(t, sys_getdents64((int)fd, U(fs_host_bad_page), 100),
		  -EFAULT);
	EXPECT_EQ(t, sys_read((int)fd, U(buf), 10), -EISDIR);
	EXPECT_EQ(t, sys_getdents64(77, U(buf), 100), -EBADF);
	sys_close((int)fd);
	fd = open_path("/gd/bb", O_RDONLY, 0);
	sys_rmdir(U("/gd/bb"));
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), sizeof(buf)), 48);
	sys_close((int)fd);
	fd = open_path("/tmp/nox", O_RDONLY, 0);
	EXPECT_EQ(t, sys_getdents64((int)fd, U(buf), sizeof(buf)), -ENOTDIR);
	sys_close((int)fd);
	/* /dev lists its devices with DT_CHR: . .. console tty null zero
	 * full random urandom slow */
	fd = open_path("/dev", O_RDONLY, 0);
	n = sys_getdents64((int)fd, U(buf), sizeof(buf));
	count = check_dirents(t, buf, n, names, 16);
	EXPECT_EQ(t, count, 10);
	EXPECT(t, !strcmp(names[2], "console"));
	sys_close((int)fd);
}

static void fd_table(struct ktap_case_state *t)
{
	struct files_struct *copy;
	long fd, fd2, i;

	fs_host_reset_task();
	fd = open_path("/dev/null", O_RDWR, 0);
	EXPECT_EQ(t, fd, 0);
	EXPECT_EQ(t, sys_dup((int)fd), 1);
	EXPECT_EQ(t, sys_dup2((int)fd, 5), 5);
	EXPECT_EQ(t, sys_dup2(5, 5), 5);
	EXPECT_EQ(t, sys_dup2(6, 6), -EBADF);
	EXPECT_EQ(t, sys_dup3(5, 5, 0), -EINVAL);
	EXPECT_EQ(t, sys_dup3(5, 6, O_NONBLOCK), -EINVAL);
	EXPECT_EQ(t, sys_dup3(5, 6, O_CLOEXEC), 6);
	EXPECT_EQ(t, sys_dup3(5, NR_OPEN, 0), -EBADF);
	EXPECT_EQ(t, sys_dup3(5, -1, 0), -EBADF);
	EXPECT_EQ(t, sys_fcntl(6, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(t, sys_fcntl(5, F_GETFD, 0), 0);
	EXPECT_EQ(t, sys_fcntl(5, F_DUPFD, 3), 2 + 1);
	EXPECT_EQ(t, sys_fcntl(5, F_DUPFD_CLOEXEC, 10), 10);
	EXPECT_EQ(t, sys_fcntl(10, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(t, sys_fcntl(5, F_DUPFD, NR_OPEN), -EINVAL);
	EXPECT_EQ(t, sys_fcntl(5, F_SETFD, FD_CLOEXEC), 0);
	EXPECT_EQ(t, sys_fcntl(5, F_GETFL, 0), O_RDWR | O_LARGEFILE);
	EXPECT_EQ(t, sys_fcntl(5, F_SETFL, O_NONBLOCK | O_APPEND | O_RDONLY),
		  0);
	/* the flags belong to the open file: every dup sees them */
	EXPECT_EQ(t, sys_fcntl(0, F_GETFL, 0),
		  O_RDWR | O_LARGEFILE | O_NONBLOCK | O_APPEND);
	EXPECT_EQ(t, sys_fcntl(5, 9999, 0), -EINVAL);
	EXPECT_EQ(t, sys_fcntl(50, F_GETFD, 0), -EBADF);
	/* fork's copy shares the open files, not the table */
	copy = files_copy(current->files);
	REQUIRE(t, copy != NULL);
	EXPECT(t, files_lookup(copy, 0) == files_lookup(current->files, 0));
	EXPECT_EQ(t, files_lookup(copy, 0)->refcount, 2 * 6);
	files_close_on_exec(copy);
	EXPECT(t, files_lookup(copy, 5) == NULL);
	EXPECT(t, files_lookup(copy, 6) == NULL);
	EXPECT(t, files_lookup(copy, 10) == NULL);
	EXPECT(t, files_lookup(copy, 1) != NULL);
	files_put(copy);
	EXPECT_EQ(t, files_lookup(current->files, 0)->refcount, 6);
	/* EMFILE at NR_OPEN */
	for (i = 0; i < NR_OPEN; i++) {
		fd2 = sys_dup(0);
		if (fd2 < 0)
			break;
	}
	EXPECT_EQ(t, fd2, -EMFILE);
	EXPECT_EQ(t, i, NR_OPEN - 6);
	EXPECT_EQ(t, open_path("/dev/zero", O_RDONLY, 0), -EMFILE);
	EXPECT_EQ(t, sys_close(NR_OPEN - 1), 0);
	EXPECT_EQ(t, open_path("/dev/zero", O_RDONLY, 0), NR_OPEN - 1);
	EXPECT_EQ(t, sys_close(-1), -EBADF);
	EXPECT_EQ(t, sys_close(NR_OPEN), -EBADF);
	fs_host_reset_task();
}

static void devices(struct ktap_case_state *t)
{
	char buf[700];
	long fd;

	fs_host_reset_task();
	fd = open_path("/dev/zero", O_RDWR, 0);
	memset(buf, 1, sizeof(buf));
	EXPECT_EQ(t, sys_read((int)fd, U(buf), sizeof(buf)), sizeof(buf));
	EXPECT_EQ(t, buf[0] | buf[699], 0);
	EXPECT_EQ(t, sys_write((int)fd, U(buf), 5), 5);
	sys_close((int)fd);
	fd = open_path("/dev/null", O_RDWR, 0);
	EXPECT_EQ(t, sys_read((int)fd, U(buf), sizeof(buf)), 0);
	EXPECT_EQ(t, sys_write((int)fd, U(buf), 700), 700);
	EXPECT_EQ(t, sys_ioctl((int)fd, TCGETS, U(buf)), -ENOTTY);
	sys_close((int)fd);
	{
		struct stat st;

		EXPECT_EQ(t, sys_stat(U("/dev/console"), U(&st)), 0);
		EXPECT(t, S_ISCHR(st.st_mode));
		EXPECT_EQ(t, st.st_rdev, 0x501);
		EXPECT_EQ(t, sys_stat(U("/dev/null"), U(&st)), 0);
		EXPECT_EQ(t, st.st_rdev, 0x103);
	}
}

/* ---- cpio ---- */

struct cpio {
	char buf[8192];
	size_t len;
};

static void cpio_add(struct cpio *c, const char *name, unsigned int mode,
		     const char *data, size_t size)
{
	size_t nlen = strlen(name) + 1;

	c->len += (size_t)snprintf(c->buf + c->len, sizeof(c->buf) - c->len,
		"070701%08X%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08lX%08X",
		1, mode, 0, 0, 1, 1000, (unsigned long)size, 0, 0, 0, 0,
		(unsigned long)nlen, 0);
	memcpy(c->buf + c->len, name, nlen);
	c->len = ALIGN_UP(c->len + nlen, 4);
	memcpy(c->buf + c->len, data, size);
	c->len = ALIGN_UP(c->len + size, 4);
}

static void cpio_sample(struct cpio *c, const char *top)
{
	char path[64];

	memset(c, 0, sizeof(*c));
	snprintf(path, sizeof(path), "%s", top);
	cpio_add(c, path, S_IFDIR | 0750, "", 0);
	snprintf(path, sizeof(path), "./%s/bin/prog", top);	/* parents */
	cpio_add(c, path, S_IFREG | 0755, "\177ELF....", 8);
	snprintf(path, sizeof(path), "%s/link", top);
	cpio_add(c, path, S_IFLNK | 0777, "bin/prog", 8);
	snprintf(path, sizeof(path), "%s/empty", top);
	cpio_add(c, path, S_IFREG | 0600, "", 0);
	cpio_add(c, "TRAILER!!!", 0, "", 0);
}

static void initramfs_good(struct ktap_case_state *t)
{
	static struct cpio c;
	char buf[32];
	struct stat st;
	struct file *f;

	fs_host_reset_task();
	cpio_sample(&c, "ir");
	EXPECT_EQ(t, initramfs_unpack(c.buf, c.len + 512), 0); /* zero pad */
	EXPECT_EQ(t, sys_stat(U("/ir"), U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFDIR | 0750);
	EXPECT_EQ(t, st.st_mtime, 1000);
	EXPECT_EQ(t, sys_stat(U("/ir/bin"), U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFDIR | 0755);
	EXPECT_EQ(t, read_all("/ir/link", buf, sizeof(buf)), 8);
	EXPECT(t, !memcmp(buf, "\177ELF", 4));
	EXPECT_EQ(t, sys_lstat(U("/ir/link"), U(&st)), 0);
	EXPECT(t, S_ISLNK(st.st_mode));
	EXPECT_EQ(t, sys_stat(U("/ir/empty"), U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFREG | 0600);
	EXPECT_EQ(t, st.st_size, 0);
	/* the lead's interface for exec */
	REQUIRE(t, file_open("/ir/bin/prog", O_RDONLY, 0, &f) == 0);
	EXPECT(t, file_is_executable(f));
	EXPECT_EQ(t, file_size(f), 8);
	EXPECT_EQ(t, file_read_at(f, buf, 4, 4), 4);
	EXPECT(t, !memcmp(buf, "....", 4));
	EXPECT_EQ(t, file_read_at(f, buf, 10, 6), 2);
	file_put(f);
	REQUIRE(t, file_open("/ir/empty", O_RDONLY, 0, &f) == 0);
	EXPECT(t, !file_is_executable(f));
	file_put(f);
	EXPECT_EQ(t, file_open("/ir/nope", O_RDONLY, 0, &f), -ENOENT);
	/* Unpacking again replaces files and keeps directories. */
	EXPECT_EQ(t, initramfs_unpack(c.buf, c.len), 0);
	EXPECT_EQ(t, read_all("/ir/bin/prog", buf, sizeof(buf)), 8);
	/* Two archives back to back. */
	{
		static struct cpio c2;

		cpio_sample(&c2, "ir2");
		memcpy(c.buf + c.len, c2.buf, c2.len);
		EXPECT_EQ(t, initramfs_unpack(c.buf, c.len + c2.len), 0);
		EXPECT_EQ(t, sys_stat(U("/ir2/bin/prog"), U(&st)), 0);
	}
}

static void initramfs_malformed(struct ktap_case_state *t)
{
	static struct cpio c, bad;
	struct stat st;
	unsigned int seed = 7;
	size_t cut;
	int i;

	fs_host_reset_task();
	cpio_sample(&c, "mf");
	fs_host_quiet(1);
	/* bad magic */
	bad = c;
	bad.buf[5] = '2' + 5;
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	EXPECT_EQ(t, sys_stat(U("/mf"), U(&st)), -ENOENT);
	/* a non-hex digit */
	bad = c;
	bad.buf[6 + 8 * 6 + 3] = 'g';
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	/* name size 0, 1, and beyond PATH_MAX */
	bad = c;
	memcpy(bad.buf + 6 + 8 * 11, "00000000", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	memcpy(bad.buf + 6 + 8 * 11, "00000001", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	memcpy(bad.buf + 6 + 8 * 11, "00100000", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	/* a name size that leaves out the NUL / runs past the end */
	memcpy(bad.buf + 6 + 8 * 11, "00000002", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	memcpy(bad.buf + 6 + 8 * 11, "00001000", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, 200), -EINVAL);
	/* a file size past the end */
	bad = c;
	memcpy(bad.buf + 6 + 8 * 6, "7fffffff", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	memcpy(bad.buf + 6 + 8 * 6, "ffffffff", 8);
	EXPECT_EQ(t, initramfs_unpack(bad.buf, bad.len), -EINVAL);
	/* every truncation: an error or a prefix, never a crash */
	for (cut = 0; cut < c.len; cut++) {
		int err = initramfs_unpack(c.buf, cut);

		EXPECT(t, err == 0 || err == -EINVAL);
	}
	EXPECT_EQ(t, initramfs_unpack(c.buf, 100), -EINVAL);
	/* random corruption, under ASan */
	for (i = 0; i < 3000; i++) {
		int j, flips = 1 + (int)(host_rand(&seed) % 4);

		bad = c;
		for (j = 0; j < flips; j++)
			bad.buf[host_rand(&seed) % c.len] =
				(char)host_rand(&seed);
		(void)initramfs_unpack(bad.buf, bad.len);
	}
	fs_host_quiet(0);
	/* still sound after all that */
	EXPECT_EQ(t, initramfs_unpack(c.buf, c.len), 0);
	EXPECT_EQ(t, sys_stat(U("/mf/link"), U(&st)), 0);
}

/* ---- pipes ---- */

static void pipes(struct ktap_case_state *t)
{
	int fds[2];
	static char buf[PIPE_CAPACITY + 1000];
	unsigned long free_before;

	fs_host_reset_task();
	/* One round first: kmalloc keeps the slab pages it carved. */
	REQUIRE(t, sys_pipe2(U(fds), 0) == 0);
	sys_close(fds[0]);
	sys_close(fds[1]);
	free_before = nr_free_pages();
	EXPECT_EQ(t, sys_pipe2(U(fds), O_NONBLOCK | 0x1), -EINVAL);
	EXPECT_EQ(t, sys_pipe2(U(fs_host_bad_page), 0), -EFAULT);
	REQUIRE(t, sys_pipe2(U(fds), O_CLOEXEC) == 0);
	EXPECT_EQ(t, fds[0], 0);
	EXPECT_EQ(t, fds[1], 1);
	EXPECT_EQ(t, sys_fcntl(fds[0], F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(t, sys_fcntl(fds[1], F_GETFL, 0), O_WRONLY);
	EXPECT_EQ(t, sys_lseek(fds[0], 0, SEEK_CUR), -ESPIPE);
	EXPECT_EQ(t, sys_pread64(fds[0], U(buf), 1, 0), -ESPIPE);
	EXPECT_EQ(t, sys_write(fds[0], U("x"), 1), -EBADF);
	EXPECT_EQ(t, sys_read(fds[1], U(buf), 1), -EBADF);
	EXPECT_EQ(t, write_str(fds[1], "hello"), 5);
	EXPECT_EQ(t, sys_ioctl(fds[0], 0x541B, U(buf)), 0);
	EXPECT_EQ(t, *(int *)buf, 5);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 3), 3);
	EXPECT(t, !memcmp(buf, "hel", 3));
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 100), 2);
	/* As on Linux, a fault part way through a page-sized piece takes
	 * nothing out of the pipe and puts nothing in: -EFAULT. */
	EXPECT_EQ(t, write_str(fds[1], "xyz"), 3);
	EXPECT_EQ(t, sys_read(fds[0], U(fs_host_bad_page), 3), -EFAULT);
	EXPECT_EQ(t, sys_read(fds[0], U(fs_host_bad_page - 1), 3), -EFAULT);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 3), 3);
	EXPECT(t, !memcmp(buf, "xyz", 3));
	EXPECT_EQ(t, sys_write(fds[1], U(fs_host_bad_page), 3), -EFAULT);
	EXPECT_EQ(t, sys_write(fds[1], U(fs_host_bad_page - 2), 3), -EFAULT);
	EXPECT_EQ(t, write_str(fds[1], "ab"), 2);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 3), 2);
	/* empty with a writer: a blocking read would sleep */
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 1), -ERESTARTSYS);
	EXPECT_EQ(t, fs_host.would_block, 1);
	fs_host.would_block = 0;
	EXPECT_EQ(t, sys_fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 1), -EAGAIN);
	/* fill: the ring holds 64 KiB, as on Linux */
	memset(buf, 'p', sizeof(buf));
	EXPECT_EQ(t, sys_fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	EXPECT_EQ(t, sys_fcntl(fds[1], F_GETPIPE_SZ, 0), PIPE_CAPACITY);
	EXPECT_EQ(t, sys_write(fds[1], U(buf), sizeof(buf)), PIPE_CAPACITY);
	EXPECT_EQ(t, sys_write(fds[1], U(buf), 1), -EAGAIN);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), 10), 10);
	/* an atomic write that does not fit waits (or EAGAIN) whole */
	EXPECT_EQ(t, sys_write(fds[1], U(buf), 11), -EAGAIN);
	EXPECT_EQ(t, sys_write(fds[1], U(buf), 10), 10);
	/* the writer goes: data, then EOF */
	EXPECT_EQ(t, sys_close(fds[1]), 0);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), sizeof(buf)), PIPE_CAPACITY);
	EXPECT_EQ(t, sys_read(fds[0], U(buf), sizeof(buf)), 0);
	EXPECT_EQ(t, sys_close(fds[0]), 0);
	/* the reader goes: EPIPE and SIGPIPE */
	REQUIRE(t, sys_pipe2(U(fds), 0) == 0);
	EXPECT_EQ(t, sys_close(fds[0]), 0);
	EXPECT_EQ(t, write_str(fds[1], "x"), -EPIPE);
	EXPECT_EQ(t, fs_host.last_thread_sig, SIGPIPE);
	EXPECT_EQ(t, sys_close(fds[1]), 0);
	EXPECT_EQ(t, nr_free_pages(), free_before);
}

/* ---- tty ---- */

static void type(const char *s)
{
	while (*s)
		tty_receive(*s++);
}

static void tty_line_discipline(struct ktap_case_state *t)
{
	struct termios tio, raw;
	struct winsize ws;
	char buf[64];
	int fd, pgrp;

	fs_host_reset_task();
	fd = (int)open_path("/dev/console", O_RDWR, 0);
	REQUIRE(t, fd >= 0);
	EXPECT_EQ(t, sys_ioctl(fd, TCGETS, U(&tio)), 0);
	EXPECT(t, tio.c_lflag & ICANON);
	EXPECT(t, tio.c_lflag & ECHO);
	EXPECT_EQ(t, tio.c_cc[VINTR], 3);
	EXPECT_EQ(t, sizeof(tio), 36);
	EXPECT_EQ(t, sys_ioctl(fd, TIOCGWINSZ, U(&ws)), 0);
	EXPECT_EQ(t, ws.ws_row, 24);
	EXPECT_EQ(t, ws.ws_col, 80);
	EXPECT_EQ(t, sys_ioctl(fd, 0x5499, 0), -ENOTTY);
	EXPECT_EQ(t, sys_ioctl(fd, TCGETS, U(fs_host_bad_page)), -EFAULT);
	EXPECT_EQ(t, sys_lseek(fd, 0, SEEK_SET), -ESPIPE);
	/* the first opener's session controls it */
	EXPECT_EQ(t, sys_ioctl(fd, TIOCGPGRP, U(&pgrp)), 0);
	EXPECT_EQ(t, pgrp, 1);
	EXPECT_EQ(t, sys_ioctl(fd, TIOCSPGRP, U(&(int){ 42 })), -ESRCH);
	/* canonical: edited line, \r -> \n, echo with erase */
	type("ab\177c\r");
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 3);
	EXPECT(t, !memcmp(buf, "ac\n", 3));
	EXPECT_EQ(t, fs_host.echo_len, 7);
	EXPECT(t, !memcmp(fs_host.echo, "ab\b \bc\n", 7));
	/* nothing yet: a read would sleep; a partial line is not enough */
	type("xy");
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), -ERESTARTSYS);
	EXPECT(t, fs_host.would_block > 0);
	fs_host.would_block = 0;
	/* ^U kills the line, two lines come one per read, short reads */
	type("\025one\ntwo\n");
	EXPECT_EQ(t, sys_read(fd, U(buf), 2), 2);
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 2);
	EXPECT(t, !memcmp(buf, "e\n", 2));
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 4);
	/* ^D: pending bytes without a newline, then EOF */
	type("abc\004\004");
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 3);
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 0);
	/* ^C: flush, echo ^C, SIGINT to the foreground group */
	fs_host.echo_len = 0;
	type("junk\003");
	EXPECT_EQ(t, fs_host.last_kill_pgrp, 1);
	EXPECT_EQ(t, fs_host.last_kill_sig, SIGINT);
	EXPECT(t, !memcmp(fs_host.echo, "junk^C", 6));
	type("\n");
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 1);
	/* turning echo off keeps a half-typed line editable */
	type("ha");
	raw = tio;
	raw.c_lflag &= ~ECHO;
	EXPECT_EQ(t, sys_ioctl(fd, TCSETS, U(&raw)), 0);
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), -ERESTARTSYS);
	fs_host.would_block = 0;
	type("\177i\n");
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 3);
	EXPECT(t, !memcmp(buf, "hi\n", 3));
	/* raw mode without echo: bytes at once, \r kept as is */
	raw = tio;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG);
	raw.c_iflag &= ~ICRNL;
	raw.c_cc[VMIN] = 1;
	EXPECT_EQ(t, sys_ioctl(fd, TCSETSF, U(&raw)), 0);
	fs_host.echo_len = 0;
	type("q\r\003");
	EXPECT_EQ(t, fs_host.echo_len, 0);
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 3);
	EXPECT(t, !memcmp(buf, "q\r\003", 3));
	EXPECT_EQ(t, sys_ioctl(fd, 0x541B, U(&pgrp)), 0);	/* FIONREAD */
	EXPECT_EQ(t, pgrp, 0);
	/* VMIN=0, VTIME=0: a poll */
	raw.c_cc[VMIN] = 0;
	EXPECT_EQ(t, sys_ioctl(fd, TCSETS, U(&raw)), 0);
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), 0);
	EXPECT_EQ(t, sys_fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	raw.c_cc[VMIN] = 1;
	EXPECT_EQ(t, sys_ioctl(fd, TCSETS, U(&raw)), 0);
	EXPECT_EQ(t, sys_read(fd, U(buf), sizeof(buf)), -EAGAIN);
	EXPECT_EQ(t, sys_ioctl(fd, TCSETS, U(&tio)), 0);
	/* writes go out as they are (the console adds the \r) */
	fs_host.echo_len = 0;
	EXPECT_EQ(t, write_str(fd, "out\n"), 4);
	EXPECT(t, !memcmp(fs_host.echo, "out\n", 4));
	sys_close(fd);
}

/* ---- /proc ---- */

static void procfs(struct ktap_case_state *t)
{
	static char buf[4096];
	struct mm_struct *mm;
	char link[16];
	long n;

	fs_host_reset_task();
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U("/proc/self"), U(link), 16),
		  1);
	EXPECT_EQ(t, link[0], '1');
	n = read_all("/proc/meminfo", buf, sizeof(buf));
	EXPECT(t, n > 0);
	EXPECT(t, !strncmp(buf, "MemTotal:       ", 16));
	EXPECT(t, !memcmp(buf + 24, " kB\nMemFree:        ", 20));
	n = read_all("/proc/self/stat", buf, sizeof(buf));
	EXPECT(t, !strncmp(buf, "1 (init) R 0 1 1 1281 1 ", 24));
	{
		int fields = 1;
		long i;

		for (i = 0; i < n; i++)
			fields += buf[i] == ' ';
		EXPECT_EQ(t, fields, 52);
		EXPECT_EQ(t, buf[n - 1], '\n');
	}
	n = read_all("/proc/1/comm", buf, sizeof(buf));
	EXPECT(t, !strcmp(buf, "init\n"));
	n = read_all("/proc/1/status", buf, sizeof(buf));
	EXPECT(t, !strncmp(buf, "Name:\tinit\nUmask:\t0022\nState:\tR "
			   "(running)\n", 37));
	EXPECT_EQ(t, open_path("/proc/2/stat", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("/proc/01/stat", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("/proc/x", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("/proc/new", O_CREAT | O_RDWR, 0), -EACCES);
	EXPECT_EQ(t, sys_mkdir(U("/proc/new"), 0), -EPERM);
	EXPECT_EQ(t, sys_mkdir(U("/proc/self"), 0), -EEXIST);
	EXPECT_EQ(t, sys_unlink(U("/proc/meminfo")), -EPERM);
	EXPECT_EQ(t, sys_chdir(U("/proc/self")), 0);
	EXPECT_EQ(t, sys_getcwd(U(buf), 64), 8);
	EXPECT(t, !strcmp(buf, "/proc/1"));
	EXPECT_EQ(t, read_all("../meminfo", buf, sizeof(buf)) > 0, 1);
	/* One CPU on the host: the total line, then cpu0's, as Linux. */
	EXPECT_EQ(t, read_all("../stat", buf, sizeof(buf)) > 0, 1);
	EXPECT(t, !strncmp(buf, "cpu  ", 5));
	EXPECT(t, contains(buf, "\ncpu0 "));
	EXPECT(t, !contains(buf, "\ncpu1 "));
	EXPECT(t, contains(buf, "\nprocesses 1\n"));
	EXPECT_EQ(t, sys_chdir(U("/")), 0);
	/* the listing: fixed names, then each process */
	{
		char dents[1024], names[16][16];
		long fd = open_path("/proc", O_RDONLY, 0);
		int count;

		n = sys_getdents64((int)fd, U(dents), sizeof(dents));
		count = check_dirents(t, dents, n, names, 16);
		EXPECT_EQ(t, count, 14);
		EXPECT(t, !strcmp(names[2], "self"));
		EXPECT(t, !strcmp(names[5], "cpuinfo"));
		EXPECT(t, !strcmp(names[6], "stat"));
		EXPECT(t, !strcmp(names[10], "partitions"));
		EXPECT(t, !strcmp(names[12], "sys"));
		EXPECT(t, !strcmp(names[13], "1"));
		EXPECT_EQ(t, sys_getdents64((int)fd, U(dents), sizeof(dents)),
			  0);
		sys_close((int)fd);
		fd = open_path("/proc/1", O_RDONLY, 0);
		n = sys_getdents64((int)fd, U(dents), sizeof(dents));
		EXPECT_EQ(t, check_dirents(t, dents, n, names, 16), 15);
		sys_close((int)fd);
	}
	/* maps, in Linux's exact columns */
	mm = kzalloc(sizeof(*mm));
	REQUIRE(t, mm != NULL);
	mm->start_brk = 0x20000;
	mm->brk = 0x23000;
	mm->stack_top = 0x3ffffff000UL;
	fs_host_vmas[0] = (struct vm_area_struct){
		.vm_start = 0x10000, .vm_end = 0x12000,
		.vm_flags = VM_READ | VM_EXEC };
	fs_host_vmas[1] = (struct vm_area_struct){
		.vm_start = 0x20000, .vm_end = 0x23000,
		.vm_flags = VM_READ | VM_WRITE };
	fs_host_vmas[2] = (struct vm_area_struct){
		.vm_start = 0x3fffdde000UL, .vm_end = 0x3ffffff000UL,
		.vm_flags = VM_READ | VM_WRITE | VM_GROWSDOWN };
	fs_host_nr_vmas = 3;
	current->mm = mm;
	n = read_all("/proc/self/maps", buf, sizeof(buf));
	current->mm = NULL;
	fs_host_nr_vmas = 0;
	kfree(mm);
	{
		char want[512];
		int w;

		/* Linux: anonymous maps end in "0 ", names start at
		 * column 73. */
		w = snprintf(want, sizeof(want), "%s\n%-73s%s\n%-73s%s\n",
			     "00010000-00012000 r-xp 00000000 00:00 0 ",
			     "00020000-00023000 rw-p 00000000 00:00 0",
			     "[heap]",
			     "3fffdde000-3ffffff000 rw-p 00000000 00:00 0",
			     "[stack]");
		EXPECT_EQ(t, n, w);
		EXPECT(t, !strcmp(buf, want));
	}
}

/* /proc's links, descriptors, threads, sysctls and writable files. */
static void procfs_more(struct ktap_case_state *t)
{
	static char buf[4096];
	char link[64], names[16][16], dents[1024];
	long fd, pfd[2] = { -1, -1 }, n;
	int fds[2];
	struct stat st;

	fs_host_reset_task();
	EXPECT_EQ(t, make_file("/tmp/pm", "x"), 0);
	fd = open_path("/tmp/pm", O_RDONLY | O_CLOEXEC, 0);
	REQUIRE(t, fd >= 0);
	EXPECT_EQ(t, sys_lseek((int)fd, 1, SEEK_SET), 1);
	snprintf(buf, sizeof(buf), "/proc/self/fd/%ld", fd);
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U(buf), U(link), 64), 7);
	EXPECT(t, !memcmp(link, "/tmp/pm", 7));
	EXPECT_EQ(t, sys_lstat(U(buf), U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFLNK | 0500);
	/* a shorter buffer gets the start, as readlink does */
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U(buf), U(link), 4), 4);
	snprintf(buf, sizeof(buf), "/proc/1/fdinfo/%ld", fd);
	EXPECT(t, read_all(buf, buf, sizeof(buf)) > 0);
	/* Linux's flags: open adds O_LARGEFILE, the slot's O_CLOEXEC */
	snprintf(link, sizeof(link), "pos:\t1\nflags:\t0%o\nmnt_id:\t1\n",
		 O_CLOEXEC | O_LARGEFILE);
	EXPECT(t, !strncmp(buf, link, strlen(link)));
	EXPECT(t, contains(buf, "\nino:\t"));
	EXPECT_EQ(t, sys_pipe2(U(fds), 0), 0);
	pfd[0] = fds[0];
	pfd[1] = fds[1];
	snprintf(buf, sizeof(buf), "/proc/self/fd/%ld", pfd[1]);
	n = sys_readlinkat(AT_FDCWD, U(buf), U(link), 63);
	REQUIRE(t, n > 0);
	link[n] = '\0';
	EXPECT(t, !strncmp(link, "pipe:[", 6) && link[n - 1] == ']');
	/* a /proc file open names its own path */
	sys_close((int)pfd[0]);
	pfd[0] = open_path("/proc/self/stat", O_RDONLY, 0);
	snprintf(buf, sizeof(buf), "/proc/self/fd/%ld", pfd[0]);
	n = sys_readlinkat(AT_FDCWD, U(buf), U(link), 63);
	REQUIRE(t, n > 0);
	link[n] = '\0';
	EXPECT(t, !strcmp(link, "/proc/1/stat"));
	snprintf(buf, sizeof(buf), "/proc/self/fd/%d", 99);
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U(buf), U(link), 63), -ENOENT);
	/* the fd listing: . .. and the four open */
	fd = open_path("/proc/1/fd", O_RDONLY, 0);
	n = sys_getdents64((int)fd, U(dents), sizeof(dents));
	EXPECT_EQ(t, check_dirents(t, dents, n, names, 16), 2 + 4);
	sys_close((int)fd);
	/* one thread in task/, with its own stat, status and comm */
	fd = open_path("/proc/1/task", O_RDONLY, 0);
	n = sys_getdents64((int)fd, U(dents), sizeof(dents));
	EXPECT_EQ(t, check_dirents(t, dents, n, names, 16), 3);
	EXPECT(t, !strcmp(names[2], "1"));
	sys_close((int)fd);
	EXPECT(t, read_all("/proc/1/task/1/stat", buf, sizeof(buf)) > 0);
	EXPECT(t, !strncmp(buf, "1 (init) R ", 11));
	EXPECT(t, read_all("/proc/self/status", buf, sizeof(buf)) > 0);
	EXPECT(t, contains(buf, "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"));
	EXPECT(t, contains(buf, "\nGroups:\t \n"));
	EXPECT_EQ(t, open_path("/proc/1/task/2/stat", O_RDONLY, 0), -ENOENT);
	/* comm is writable by the process itself */
	fd = open_path("/proc/self/comm", O_WRONLY, 0);
	EXPECT_EQ(t, write_str((int)fd, "a-name-longer-than-15"), 21);
	sys_close((int)fd);
	EXPECT(t, read_all("/proc/1/comm", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "a-name-longer-t\n"));
	fd = open_path("/proc/1/comm", O_WRONLY, 0);
	EXPECT_EQ(t, write_str((int)fd, "init"), 4);
	sys_close((int)fd);
	/* sysctls: text with a newline; hostname takes writes */
	EXPECT(t, read_all("/proc/sys/kernel/ostype", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "Linux\n"));
	EXPECT(t, read_all("/proc/sys/vm/overcommit_memory", buf,
			   sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "0\n"));
	EXPECT(t, read_all("/proc/sys/kernel/pid_max", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "32768\n"));
	fd = open_path("/proc/sys/kernel/hostname", O_WRONLY, 0);
	EXPECT_EQ(t, write_str((int)fd, "box\nrest"), 8);
	sys_close((int)fd);
	EXPECT(t, read_all("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "box\n"));
	fd = open_path("/proc/sys/kernel/hostname", O_WRONLY, 0);
	EXPECT_EQ(t, write_str((int)fd, "fault"), 5);
	EXPECT_EQ(t, write_str((int)fd, "line"), 4);
	sys_close((int)fd);
	EXPECT(t, read_all("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "faultline\n"));
	EXPECT_EQ(t, open_path("/proc/sys/kernel/ostype", O_WRONLY, 0),
		  -EACCES);
	/* mounts, through the self/mounts link */
	EXPECT_EQ(t, sys_readlinkat(AT_FDCWD, U("/proc/mounts"), U(link), 63),
		  11);
	EXPECT(t, read_all("/proc/mounts", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "ramfs / ramfs rw 0 0\n"
			   "proc /proc proc rw 0 0\n"
			   "sysfs /sys sysfs rw 0 0\n"));
	/* the version line and loadavg's shape */
	EXPECT(t, read_all("/proc/version", buf, sizeof(buf)) > 0);
	EXPECT(t, !strncmp(buf, "Linux version ", 14));
	EXPECT(t, read_all("/proc/loadavg", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "0.00 0.00 0.00 1/1 1\n"));
	EXPECT(t, read_all("/proc/uptime", buf, sizeof(buf)) > 0);
	EXPECT(t, !strcmp(buf, "1234.56 0.00\n"));
	sys_close((int)pfd[0]);
	sys_close((int)pfd[1]);
}

/* ---- disks in /proc and /sys ---- */

/* A disk that finishes every request at once; reads find zeros. */
static void fake_disk_submit(struct block_device *bd, struct block_request *r)
{
	(void)bd;
	if (r->op == BLOCK_READ)
		memset(r->buf, 0, (size_t)r->nr_sectors << SECTOR_SHIFT);
	block_request_done(r, 0);
}

static const struct block_device_ops fake_disk_ops = {
	.submit = fake_disk_submit,
};

/* vda: 8 MiB of 512-byte blocks; vdb: 2 MiB of 4 KiB ones, read-only. */
static struct block_device fake_vda = {
	.name = "vda", .nr_sectors = 16384, .block_size = 512,
	.ops = &fake_disk_ops,
};
static struct block_device fake_vdb = {
	.name = "vdb", .nr_sectors = 4096, .block_size = 4096,
	.read_only = true, .ops = &fake_disk_ops,
};

static long write_path(const char *path, const char *s)
{
	long fd = open_path(path, O_WRONLY, 0), n;

	if (fd < 0)
		return fd;
	n = write_str((int)fd, s);
	sys_close((int)fd);
	return n;
}

static bool file_is(const char *path, const char *want)
{
	static char buf[1024];

	return read_all(path, buf, sizeof(buf)) >= 0 && !strcmp(buf, want);
}

/* Linux's formats, exactly, with the counts the block layer keeps; the
 * fault switch, and who may throw it. */
static void disk_files(struct ktap_case_state *t)
{
	static char buf[4096], sector[8 * SECTOR_SIZE];
	char names[16][16], dents[1024];
	struct buffer *b;
	long fd, n;

	fs_host_reset_task();
	if (!block_device_by_name("vda")) {
		fake_vda.devnum = mkdev(VIRTBLK_MAJOR, 0);
		fake_vdb.devnum = mkdev(VIRTBLK_MAJOR, 16);
		REQUIRE(t, block_device_register(&fake_vda) == 0);
		REQUIRE(t, block_device_register(&fake_vdb) == 0);
	}
	EXPECT(t, file_is("/proc/partitions", "major minor  #blocks  name\n\n"
			  " 254        0       8192 vda\n"
			  " 254       16       2048 vdb\n"));
	EXPECT(t, file_is("/sys/block/vda/size", "16384\n"));
	EXPECT(t, file_is("/sys/block/vdb/size", "4096\n"));
	EXPECT(t, file_is("/sys/block/vda/ro", "0\n"));
	EXPECT(t, file_is("/sys/block/vdb/ro", "1\n"));
	EXPECT(t, file_is("/sys/block/vdb/dev", "254:16\n"));
	EXPECT(t, file_is("/sys/block/vda/queue/logical_block_size", "512\n"));
	EXPECT(t, file_is("/sys/block/vdb/queue/logical_block_size", "4096\n"));
	EXPECT(t, file_is("/sys/block/vdb/queue/hw_sector_size", "4096\n"));
	EXPECT_EQ(t, open_path("/sys/block/vdc/size", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(t, open_path("/sys/block/vda/nope", O_RDONLY, 0), -ENOENT);
	/* the listings: /sys has block, which has the disks in order */
	fd = open_path("/sys", O_RDONLY, 0);
	n = sys_getdents64((int)fd, U(dents), sizeof(dents));
	EXPECT_EQ(t, check_dirents(t, dents, n, names, 16), 4);
	EXPECT(t, !strcmp(names[2], "block"));
	sys_close((int)fd);
	fd = open_path("/sys/block", O_RDONLY, 0);
	n = sys_getdents64((int)fd, U(dents), sizeof(dents));
	EXPECT_EQ(t, check_dirents(t, dents, n, names, 16), 4);
	EXPECT(t, !strcmp(names[2], "vda") && !strcmp(names[3], "vdb"));
	EXPECT_EQ(t, sys_getdents64((int)fd, U(dents), sizeof(dents)), 0);
	sys_close((int)fd);
	fd = open_path("/sys/block/vdb", O_RDONLY, 0);
	n = sys_getdents64((int)fd, U(dents), sizeof(dents));
	EXPECT_EQ(t, check_dirents(t, dents, n, names, 16), 8);
	EXPECT(t, !strcmp(names[3], "make-it-fail"));
	sys_close((int)fd);
	/* one read of 8 sectors, one write of 2, one flush: counted */
	EXPECT_EQ(t, block_rw(&fake_vda, BLOCK_READ, 8, sector, 8), 0);
	EXPECT_EQ(t, block_rw(&fake_vda, BLOCK_WRITE, 0, sector, 2), 0);
	EXPECT_EQ(t, block_rw(&fake_vda, BLOCK_FLUSH, 0, NULL, 0), 0);
	EXPECT(t, file_is("/sys/block/vda/stat",
			  "       1        0        8        0"
			  "        1        0        2        0"
			  "        0        0        0"
			  "        0        0        0        0"
			  "        1        0\n"));
	EXPECT(t, file_is("/proc/diskstats",
			  " 254       0 vda 1 0 8 0 1 0 2 0 0 0 0 0 0 0 0 1 0\n"
			  " 254      16 vdb 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"));
	/* make-it-fail: "1" or "0" with or without a newline, root only */
	EXPECT(t, file_is("/sys/block/vda/make-it-fail", "0\n"));
	EXPECT_EQ(t, write_path("/sys/block/vda/make-it-fail", "1\n"), 2);
	EXPECT(t, file_is("/sys/block/vda/make-it-fail", "1\n"));
	EXPECT(t, file_is("/sys/block/vdb/make-it-fail", "0\n"));
	EXPECT_EQ(t, block_rw(&fake_vda, BLOCK_READ, 0, sector, 1), -EIO);
	EXPECT_EQ(t, write_path("/sys/block/vda/make-it-fail", "0"), 1);
	EXPECT(t, file_is("/sys/block/vda/make-it-fail", "0\n"));
	EXPECT_EQ(t, block_rw(&fake_vda, BLOCK_READ, 0, sector, 1), 0);
	EXPECT_EQ(t, write_path("/sys/block/vda/make-it-fail", "2"), -EINVAL);
	EXPECT_EQ(t, write_path("/sys/block/vda/make-it-fail", "1x"), -EINVAL);
	EXPECT_EQ(t, write_path("/sys/block/vda/make-it-fail", "1\n\n"),
		  -EINVAL);
	EXPECT(t, file_is("/sys/block/vda/make-it-fail", "0\n"));
	EXPECT_EQ(t, open_path("/sys/block/vda/size", O_WRONLY, 0), -EACCES);
	current->cred.euid = 1000;
	EXPECT_EQ(t, open_path("/sys/block/vda/make-it-fail", O_WRONLY, 0),
		  -EACCES);
	EXPECT(t, file_is("/sys/block/vda/make-it-fail", "0\n"));
	current->cred.euid = 0;
	/* Buffers: the block cache's data, in kB */
	EXPECT(t, read_all("/proc/meminfo", buf, sizeof(buf)) > 0);
	EXPECT(t, contains(buf, "\nBuffers:               0 kB\n"));
	b = buffer_read(&fake_vda, 3, 2048);
	REQUIRE(t, b != NULL);
	EXPECT(t, read_all("/proc/meminfo", buf, sizeof(buf)) > 0);
	EXPECT(t, contains(buf, "\nBuffers:               2 kB\n"));
	buffer_put(b);
	buffer_invalidate_device(&fake_vda);
	EXPECT(t, read_all("/proc/meminfo", buf, sizeof(buf)) > 0);
	EXPECT(t, contains(buf, "\nBuffers:               0 kB\n"));
	fs_host_reset_task();
}

#define RENAME(a, b, fl) sys_renameat2(AT_FDCWD, U(a), AT_FDCWD, U(b), fl)
#define LINK(a, b, fl) sys_linkat(AT_FDCWD, U(a), AT_FDCWD, U(b), fl)

static u64 ino_of(const char *path)
{
	struct stat st;

	return sys_newfstatat(AT_FDCWD, U(path), U(&st), AT_SYMLINK_NOFOLLOW) ?
	       0 : st.st_ino;
}

static long nlink_of(const char *path)
{
	struct stat st;

	return sys_newfstatat(AT_FDCWD, U(path), U(&st), AT_SYMLINK_NOFOLLOW) ?
	       -1 : (long)st.st_nlink;
}

/* rename and link through the syscall entry points: Linux's rules and the
 * bookkeeping behind them (link counts, "..", getcwd, pages freed). */
static void renames_and_links(struct ktap_case_state *t)
{
	unsigned long free_before;
	char buf[64];
	long fd;

	fs_host_reset_task();
	EXPECT_EQ(t, sys_mkdir(U("/rn"), 0755), 0);
	free_before = nr_free_pages();
	EXPECT_EQ(t, sys_mkdir(U("/rn/a"), 0755), 0);
	EXPECT_EQ(t, sys_mkdir(U("/rn/b"), 0755), 0);
	EXPECT_EQ(t, make_file("/rn/a/f", "data"), 0);
	/* Hard links share the inode; directories and /proc cannot. */
	EXPECT_EQ(t, LINK("/rn/a/f", "/rn/b/g", 0), 0);
	EXPECT_EQ(t, ino_of("/rn/b/g"), ino_of("/rn/a/f"));
	EXPECT_EQ(t, nlink_of("/rn/a/f"), 2);
	EXPECT_EQ(t, LINK("/rn/a", "/rn/c", 0), -EPERM);
	EXPECT_EQ(t, LINK("/proc/meminfo", "/rn/c", 0), -EXDEV);
	EXPECT_EQ(t, LINK("/rn/a/f", "/rn/b/g", 0), -EEXIST);
	EXPECT_EQ(t, LINK("/rn/a/f", "/rn/c/", 0), -ENOENT);
	EXPECT_EQ(t, LINK("/rn/a/f", "/rn/c", 0x8000), -EINVAL);
	EXPECT_EQ(t, LINK(fs_host_bad_page, "/rn/c", 0), -EFAULT);
	/* The same file under two names: rename does nothing. */
	EXPECT_EQ(t, RENAME("/rn/a/f", "/rn/b/g", 0), 0);
	EXPECT_EQ(t, nlink_of("/rn/a/f"), 2);
	/* An open file replaced by a rename lives on, without a name. */
	EXPECT_EQ(t, make_file("/rn/h", "other"), 0);
	fd = open_path("/rn/h", O_RDONLY, 0);
	EXPECT_EQ(t, RENAME("/rn/b/g", "/rn/h", 0), 0);
	EXPECT_EQ(t, nlink_of("/rn/a/f"), 2);
	EXPECT_EQ(t, ino_of("/rn/h"), ino_of("/rn/a/f"));
	{
		struct stat st;

		EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
		EXPECT_EQ(t, st.st_nlink, 0);
		EXPECT_EQ(t, sys_read((int)fd, U(buf), sizeof(buf)), 5);
	}
	EXPECT_EQ(t, sys_close((int)fd), 0);
	/* A directory moves with its "..": counts, lookups, getcwd. */
	EXPECT_EQ(t, sys_mkdir(U("/rn/a/sub"), 0755), 0);
	EXPECT_EQ(t, sys_chdir(U("/rn/a/sub")), 0);
	EXPECT_EQ(t, RENAME("/rn/a/sub", "/rn/b/moved", 0), 0);
	EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), 12);
	EXPECT(t, !strcmp(buf, "/rn/b/moved"));
	EXPECT_EQ(t, ino_of(".."), ino_of("/rn/b"));
	EXPECT_EQ(t, sys_chdir(U("/")), 0);
	EXPECT_EQ(t, nlink_of("/rn/a"), 2);
	EXPECT_EQ(t, nlink_of("/rn/b"), 3);
	/* Never under itself; onto an ancestor is onto a non-empty dir. */
	EXPECT_EQ(t, RENAME("/rn/b", "/rn/b/moved/x", 0), -EINVAL);
	EXPECT_EQ(t, RENAME("/rn/b/moved", "/rn/b", 0), -ENOTEMPTY);
	EXPECT_EQ(t, RENAME("/rn/b/moved", "/rn/b", RENAME_EXCHANGE),
		  -EINVAL);
	/* Types, trailing slashes, names that are not names. */
	EXPECT_EQ(t, RENAME("/rn/a", "/rn/h", 0), -ENOTDIR);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a", 0), -EISDIR);
	EXPECT_EQ(t, RENAME("/rn/h/", "/rn/x", 0), -ENOTDIR);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/x/", 0), -ENOTDIR);
	EXPECT_EQ(t, RENAME("/rn/a/", "/rn/x/", 0), 0);
	EXPECT_EQ(t, RENAME("/rn/x", "/rn/a", 0), 0);
	EXPECT_EQ(t, RENAME("/rn/a/.", "/rn/x", 0), -EBUSY);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a/..", 0), -EBUSY);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a/..", RENAME_NOREPLACE), -EEXIST);
	EXPECT_EQ(t, RENAME("/", "/rn/x", 0), -EBUSY);
	EXPECT_EQ(t, RENAME("/proc", "/rn/x", 0), -EBUSY);
	EXPECT_EQ(t, RENAME("/proc/meminfo", "/rn/x", 0), -EXDEV);
	EXPECT_EQ(t, RENAME("/rn/nope", "/rn/x", 0), -ENOENT);
	/* Flags. */
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a/f", RENAME_NOREPLACE), -EEXIST);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/x", RENAME_EXCHANGE), -ENOENT);
	EXPECT_EQ(t, make_file("/rn/w", "w"), 0);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/w", RENAME_WHITEOUT), -EINVAL);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a/f", RENAME_WHITEOUT), 0); /* same */
	EXPECT_EQ(t, sys_unlink(U("/rn/w")), 0);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a/f", RENAME_EXCHANGE |
			    RENAME_NOREPLACE), -EINVAL);
	EXPECT_EQ(t, RENAME("/rn/h", "/rn/a/f", 8), -EINVAL);
	/* A directory and a file trade places across directories. */
	EXPECT_EQ(t, make_file("/rn/a/plain", "p"), 0);
	EXPECT_EQ(t, RENAME("/rn/b/moved", "/rn/a/plain", RENAME_EXCHANGE),
		  0);
	EXPECT_EQ(t, nlink_of("/rn/a"), 3);
	EXPECT_EQ(t, nlink_of("/rn/b"), 2);
	EXPECT_EQ(t, ino_of("/rn/a/plain/.."), ino_of("/rn/a"));
	EXPECT_EQ(t, read_all("/rn/b/moved", buf, sizeof(buf)), 1);
	/* Onto an empty directory (it goes), never a full one. */
	EXPECT_EQ(t, sys_mkdir(U("/rn/b/full"), 0755), 0);
	EXPECT_EQ(t, make_file("/rn/b/full/x", "x"), 0);
	EXPECT_EQ(t, RENAME("/rn/a/plain", "/rn/b/full", 0), -ENOTEMPTY);
	EXPECT_EQ(t, sys_unlink(U("/rn/b/full/x")), 0);
	fd = open_path("/rn/b/full", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_EQ(t, RENAME("/rn/a/plain", "/rn/b/full", 0), 0);
	EXPECT_EQ(t, nlink_of("/rn/a"), 2);
	EXPECT_EQ(t, nlink_of("/rn/b"), 3);
	EXPECT_EQ(t, sys_mkdirat((int)fd, U("y"), 0755), -ENOENT);
	EXPECT_EQ(t, sys_close((int)fd), 0);
	/* Everything goes, and so does every page it took. */
	EXPECT_EQ(t, sys_rmdir(U("/rn/b/full")), 0);
	EXPECT_EQ(t, sys_unlink(U("/rn/b/moved")), 0);
	EXPECT_EQ(t, sys_unlink(U("/rn/a/f")), 0);
	EXPECT_EQ(t, sys_unlink(U("/rn/h")), 0);
	EXPECT_EQ(t, sys_rmdir(U("/rn/a")), 0);
	EXPECT_EQ(t, sys_rmdir(U("/rn/b")), 0);
	EXPECT_EQ(t, nlink_of("/rn"), 2);
	fs_host_reset_task();
	EXPECT_EQ(t, nr_free_pages(), free_before);
	EXPECT_EQ(t, sys_rmdir(U("/rn")), 0);
}

/* fallocate takes pages for the file or, short of memory, none at all;
 * statfs counts what is free; attributes are stored as given. */
static void space_and_attributes(struct ktap_case_state *t)
{
	unsigned long free_before, pages;
	struct statfs sfs;
	struct stat st;
	long fd;

	fs_host_reset_task();
	fd = open_path("/sp", O_RDWR | O_CREAT, 0644);
	REQUIRE(t, fd >= 0);
	free_before = nr_free_pages();
	pages = free_before + 10;
	EXPECT_EQ(t, sys_fallocate((int)fd, 0, 0, (long)(pages * PAGE_SIZE)),
		  -ENOSPC);
	EXPECT_EQ(t, nr_free_pages(), free_before);
	EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
	EXPECT_EQ(t, st.st_size, 0);
	EXPECT_EQ(t, st.st_blocks, 0);
	EXPECT_EQ(t, sys_fallocate((int)fd, FALLOC_FL_KEEP_SIZE, PAGE_SIZE,
				   2 * PAGE_SIZE), 0);
	EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
	EXPECT_EQ(t, st.st_size, 0);
	EXPECT_EQ(t, st.st_blocks, 2 * PAGE_SIZE / 512);
	EXPECT_EQ(t, sys_statfs(U("/sp"), U(&sfs)), 0);
	EXPECT_EQ(t, sfs.f_type, TMPFS_MAGIC);
	EXPECT_EQ(t, sfs.f_bfree, (long)nr_free_pages());
	EXPECT_EQ(t, sys_fallocate((int)fd, FALLOC_FL_PUNCH_HOLE |
				   FALLOC_FL_KEEP_SIZE, 0, 1), -EOPNOTSUPP);
	EXPECT_EQ(t, sys_fallocate((int)fd, 0, 1L << 32, 1), -EFBIG);
	/* chmod keeps the type; chown -1 keeps an id, drops set-user-ID. */
	EXPECT_EQ(t, sys_fchmod((int)fd, 0174755), 0);
	EXPECT_EQ(t, sys_fchown((int)fd, 5, (unsigned int)-1), 0);
	EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
	EXPECT_EQ(t, st.st_mode, S_IFREG | 0755);
	EXPECT_EQ(t, st.st_uid, 5);
	EXPECT_EQ(t, st.st_gid, 0);
	{
		long ts[4] = { 10, 20, 30, UTIME_OMIT };

		EXPECT_EQ(t, sys_utimensat((int)fd, 0, U(ts), 0), 0);
		EXPECT_EQ(t, sys_fstat((int)fd, U(&st)), 0);
		EXPECT_EQ(t, st.st_atime, 10);
		EXPECT_EQ(t, st.st_atime_nsec, 20);
		ts[1] = 1000000000;
		EXPECT_EQ(t, sys_utimensat((int)fd, 0, U(ts), 0), -EINVAL);
	}
	EXPECT_EQ(t, sys_close((int)fd), 0);
	EXPECT_EQ(t, sys_unlink(U("/sp")), 0);
	EXPECT_EQ(t, nr_free_pages(), free_before);
	/* FIFOs: a pipe while open, gone (with its pages) at the last close. */
	EXPECT_EQ(t, sys_mknodat(AT_FDCWD, U("/fifo"), S_IFIFO | 0600, 0), 0);
	EXPECT_EQ(t, open_path("/fifo", O_WRONLY | O_NONBLOCK, 0), -ENXIO);
	fd = open_path("/fifo", O_RDONLY | O_NONBLOCK, 0);
	REQUIRE(t, fd >= 0);
	{
		long w = open_path("/fifo", O_WRONLY | O_NONBLOCK, 0);
		char c;

		EXPECT_EQ(t, write_str((int)w, "f"), 1);
		EXPECT_EQ(t, sys_read((int)fd, U(&c), 1), 1);
		EXPECT_EQ(t, c, 'f');
		EXPECT_EQ(t, sys_fsync((int)w), -EINVAL);
		EXPECT_EQ(t, sys_close((int)w), 0);
	}
	EXPECT_EQ(t, sys_close((int)fd), 0);
	EXPECT_EQ(t, sys_unlink(U("/fifo")), 0);
	EXPECT_EQ(t, nr_free_pages(), free_before);
	fs_host_reset_task();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(lookup_paths),
	KTAP_CASE(symlinks),
	KTAP_CASE(regular_files),
	KTAP_CASE(renames_and_links),
	KTAP_CASE(space_and_attributes),
	KTAP_CASE(directories),
	KTAP_CASE(getdents_layout),
	KTAP_CASE(fd_table),
	KTAP_CASE(devices),
	KTAP_CASE(initramfs_good),
	KTAP_CASE(initramfs_malformed),
	KTAP_CASE(pipes),
	KTAP_CASE(tty_line_discipline),
	KTAP_CASE(procfs),
	KTAP_CASE(procfs_more),
	KTAP_CASE(disk_files),
};
KTAP_SUITE(host_fs_suite, "host_fs", cases);

/* The main program has no exception table entries. */
__asm__(".data\n.globl __start___ex_table\n__start___ex_table:\n"
	".globl __stop___ex_table\n__stop___ex_table:\n.text\n");

int main(void)
{
	static struct boot_info bi;

	host_boot_machine(&bi, 16);
	fs_init();
	return ktap_run_suite(&host_fs_suite) ? 1 : 0;
}
