/*
 * ext2: a disk image made by the host's mke2fs -d (tools/test) mounted
 * with mount(2) and used as a file system: files the host put there read
 * back, files written, renamed, linked and removed here, unmount and
 * mount again. Afterwards the runner checks the image with e2fsck -fn
 * and reads what this suite wrote with debugfs. Run as init=/tests/ext2
 * with the image as /dev/vda.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "ktap.h"

#define MNT		"/mnt"
#define BIG_BYTES	300000		/* host's /big: double indirect blocks */
#define OUT_BYTES	100000
#define EXT2_MAGIC	0xef53
#define MS_RDONLY	1

struct kstatfs {
	long f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags, f_spare[4];
};

static long do_mount(const char *src, const char *dst, const char *type,
		     unsigned long flags)
{
	return syscall(__NR_mount, src, dst, type, flags, NULL);
}

/* The *at forms every arch has (the libc has no wrappers for these). */
static long xreadlink(const char *path, char *buf, size_t n)
{
	return syscall(__NR_readlinkat, AT_FDCWD, path, buf, n);
}

static long xrename(const char *from, const char *to)
{
	return syscall(__NR_renameat2, AT_FDCWD, from, AT_FDCWD, to, 0);
}

static long xlink(const char *from, const char *to)
{
	return syscall(__NR_linkat, AT_FDCWD, from, AT_FDCWD, to, 0);
}

static long xsymlink(const char *target, const char *path)
{
	return syscall(__NR_symlinkat, target, AT_FDCWD, path);
}

static long xchmod(const char *path, unsigned int mode)
{
	return syscall(__NR_fchmodat, AT_FDCWD, path, mode);
}

static long do_umount(const char *dst)
{
	return syscall(__NR_umount2, dst, 0);
}

/* Keep in step with tools/test (the image's /big). */
static unsigned char big_byte(unsigned long o)
{
	return (unsigned char)((o * 7 + (o >> 10)) ^ 0x3c);
}

static unsigned char out_byte(unsigned long o)
{
	return (unsigned char)(o * 3 + 1);
}

static char *slurp(const char *path, long *len)
{
	int fd = CHECK_SYS(open(path, O_RDONLY));
	char *buf = malloc(1 << 20);
	long n, got = 0;

	CHECK(buf != NULL);
	while ((n = read(fd, buf + got, (1 << 20) - got)) > 0)
		got += n;
	CHECK(n == 0);
	close(fd);
	*len = got;
	return buf;
}

static void mount_refuses_bad_requests(void)
{
	mkdir(MNT, 0755);
	CHECK_ERR(do_mount("/dev/vda", MNT, "nosuchfs", 0), ENODEV);
	CHECK_ERR(do_mount("/dev/null", MNT, "ext2", 0), ENOTBLK);
	CHECK_ERR(do_mount("/dev/nowhere", MNT, "ext2", 0), ENOENT);
	CHECK_ERR(do_mount("/dev/vda", "/dev/null", "ext2", 0), ENOTDIR);
	CHECK_ERR(do_mount("/dev/vda", MNT, "ext2", 0x20 /* MS_REMOUNT */),
		  EINVAL);
	CHECK_ERR(do_mount("/dev/vda", MNT, (char *)8, 0), EFAULT);
	CHECK_ERR(do_umount("/tmp"), EINVAL);
	CHECK_ERR(syscall(__NR_umount2, MNT, 0x100), EINVAL);
}

static void host_files_read_back(void)
{
	struct kstatfs st;
	char buf[64] = { 0 };
	long len, i;
	char *big;

	CHECK_SYS(do_mount("/dev/vda", MNT, "ext2", 0));
	big = slurp(MNT "/hello.txt", &len);
	CHECK_EQ(len, 16L);
	CHECK(memcmp(big, "hello-from-host\n", 16) == 0);
	free(big);
	CHECK_EQ(xreadlink(MNT "/link", buf, sizeof(buf)), 9L);
	CHECK(strcmp(buf, "hello.txt") == 0);
	big = slurp(MNT "/link", &len);		/* through the symlink */
	CHECK_EQ(len, 16L);
	free(big);
	big = slurp(MNT "/big", &len);
	CHECK_EQ(len, (long)BIG_BYTES);
	for (i = 0; i < len; i++)
		if ((unsigned char)big[i] != big_byte(i))
			ktap_fail("/big byte %ld is %#x, not %#x", i,
				  (unsigned char)big[i], big_byte(i));
	free(big);
	CHECK_SYS(syscall(__NR_statfs, MNT, &st));
	CHECK_EQ(st.f_type, (long)EXT2_MAGIC);
	CHECK_EQ(st.f_bsize, 1024L);
	CHECK(st.f_bfree > 0 && st.f_bfree < st.f_blocks);
}

static void mounted_twice_or_in_use_is_busy(void)
{
	CHECK_ERR(do_mount("/dev/vda", "/tmp", "ext2", 0), EBUSY);
	CHECK_SYS(chdir(MNT));
	CHECK_ERR(do_umount(MNT), EBUSY);
	CHECK_SYS(chdir("/"));
}

static void write_rename_link_remove(void)
{
	unsigned char *buf = malloc(OUT_BYTES);
	struct stat st;
	long i, len;
	int fd;
	char *back;

	CHECK(buf != NULL);
	for (i = 0; i < OUT_BYTES; i++)
		buf[i] = out_byte(i);
	CHECK_SYS(mkdir(MNT "/out", 0750));
	fd = CHECK_SYS(open(MNT "/out/data.tmp", O_CREAT | O_WRONLY, 0640));
	CHECK_EQ(write(fd, buf, 40000), 40000L);
	CHECK_EQ(write(fd, buf + 40000, OUT_BYTES - 40000),
		 (long)(OUT_BYTES - 40000));
	CHECK_SYS(syscall(__NR_fsync, fd));
	close(fd);
	CHECK_SYS(xrename(MNT "/out/data.tmp", MNT "/out/data"));
	CHECK_SYS(xlink(MNT "/out/data", MNT "/out/data.link"));
	CHECK_SYS(stat(MNT "/out/data", &st));
	CHECK_EQ((long)st.st_nlink, 2L);
	CHECK_EQ((long)st.st_size, (long)OUT_BYTES);
	CHECK_EQ((long)(st.st_mode & 07777), 0640L);
	CHECK_SYS(unlink(MNT "/out/data.link"));
	CHECK_SYS(stat(MNT "/out/data", &st));
	CHECK_EQ((long)st.st_nlink, 1L);
	CHECK_SYS(xsymlink("data", MNT "/out/sym"));
	back = slurp(MNT "/out/sym", &len);
	CHECK_EQ(len, (long)OUT_BYTES);
	CHECK(memcmp(back, buf, OUT_BYTES) == 0);
	free(back);
	/* A file made, grown, cut and removed leaves nothing behind. */
	fd = CHECK_SYS(open(MNT "/out/gone", O_CREAT | O_RDWR, 0600));
	CHECK_EQ(pwrite(fd, buf, 5000, 70000), 5000L);
	CHECK_SYS(ftruncate(fd, 100));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ((long)st.st_size, 100L);
	close(fd);
	CHECK_SYS(unlink(MNT "/out/gone"));
	CHECK_ERR(open(MNT "/out/gone", O_RDONLY), ENOENT);
	CHECK_SYS(mkdir(MNT "/out/emptydir", 0700));
	CHECK_ERR(rmdir(MNT "/out"), ENOTEMPTY);
	CHECK_SYS(rmdir(MNT "/out/emptydir"));
	CHECK_SYS(xchmod(MNT "/out/data", 0604));
	fd = CHECK_SYS(open(MNT "/out/result.txt", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(write(fd, "written by the guest\n", 21), 21L);
	close(fd);
	free(buf);
}

static void listing_shows_the_entries(void)
{
	DIR *d = opendir(MNT "/out");
	struct dirent *e;
	int seen = 0;

	CHECK(d != NULL);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, "data"))
			seen |= 1;
		else if (!strcmp(e->d_name, "sym"))
			seen |= 2;
		else if (!strcmp(e->d_name, "result.txt"))
			seen |= 4;
		else if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			ktap_fail("unexpected entry %s", e->d_name);
	}
	closedir(d);
	CHECK_EQ(seen, 7);
}

/* Unmount, mount read-only: everything is still there and nothing may
 * change; then mount read-write again for the host's check. */
static void survives_a_remount(void)
{
	struct stat st;
	char buf[32] = { 0 };
	int fd;

	CHECK_SYS(do_umount(MNT));
	CHECK_ERR(stat(MNT "/out", &st), ENOENT);
	CHECK_SYS(do_mount("/dev/vda", MNT, "ext2", MS_RDONLY));
	fd = CHECK_SYS(open(MNT "/out/result.txt", O_RDONLY));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 21L);
	CHECK(strcmp(buf, "written by the guest\n") == 0);
	close(fd);
	CHECK_SYS(stat(MNT "/out/data", &st));
	CHECK_EQ((long)(st.st_mode & 07777), 0604L);
	CHECK_ERR(open(MNT "/out/new", O_CREAT | O_WRONLY, 0644), EROFS);
	CHECK_ERR(mkdir(MNT "/out/d", 0755), EROFS);
	CHECK_SYS(do_umount(MNT));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(mount_refuses_bad_requests),
	KTAP_CASE(host_files_read_back),
	KTAP_CASE(mounted_twice_or_in_use_is_busy),
	KTAP_CASE(write_rename_link_remove),
	KTAP_CASE(listing_shows_the_entries),
	KTAP_CASE(survives_a_remount),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("ext2", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
