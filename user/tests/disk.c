/*
 * disk: the first virtio-blk disk as user space sees it, /dev/vda. The
 * test runner (tools/test) attaches an image it filled with a known
 * pattern (the byte at offset o is pattern_byte(o)); this suite reads it
 * back at aligned and unaligned offsets, from several processes at once,
 * writes a region with the second pattern (written_byte(o)), which the
 * runner checks in the image after the run, and makes the device fail
 * through /sys/block/vda/make-it-fail. Run as init=/tests/disk.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"

#define DISK		"/dev/vda"
#define DISK_BYTES	(8UL << 20)	/* the image tools/test makes */
#define WRITE_AT	(4UL << 20) + 100	/* the region this suite writes */
#define WRITE_LEN	300000UL
#define BLKGETSIZE	0x1260
#define BLKSSZGET	0x1268
#define BLKGETSIZE64	0x80081272UL
#define MIN(a, b)	((a) < (b) ? (a) : (b))

/* Keep in step with tools/test (disk image and its check). */
static unsigned char pattern_byte(unsigned long o)
{
	return (unsigned char)(((o >> 9) * 31 + (o & 511)) ^ 0x5a);
}

static unsigned char written_byte(unsigned long o)
{
	return (unsigned char)((o * 13 + 7) ^ 0xa5);
}

static int open_disk(int flags)
{
	return CHECK_SYS(open(DISK, flags));
}

/* Read n bytes at off and check them against pattern_byte. */
static void check_read(int fd, unsigned long off, size_t n)
{
	unsigned char *buf = malloc(n);
	size_t i;

	CHECK(buf != NULL);
	CHECK_EQ(pread(fd, buf, n, off), (long)n);
	for (i = 0; i < n; i++)
		if (buf[i] != pattern_byte(off + i))
			ktap_fail("byte %lu of the disk reads %#x, not %#x",
				  off + i, buf[i], pattern_byte(off + i));
	free(buf);
}

static void it_is_a_block_device(void)
{
	struct stat st;

	CHECK_SYS(stat(DISK, &st));
	CHECK(S_ISBLK(st.st_mode));
	CHECK_EQ((long)(st.st_rdev >> 8), 254L);	/* virtio-blk's major */
	CHECK_EQ((long)(st.st_rdev & 0xff), 0L);
}

static void size_by_ioctl_and_lseek(void)
{
	int fd = open_disk(O_RDONLY);
	unsigned long long bytes = 0;
	unsigned long sectors = 0;
	int ssz = 0;

	CHECK_SYS(ioctl(fd, BLKGETSIZE64, &bytes));
	CHECK_EQ((long)bytes, (long)DISK_BYTES);
	CHECK_SYS(ioctl(fd, BLKGETSIZE, &sectors));
	CHECK_EQ((long)sectors, (long)(DISK_BYTES / 512));
	CHECK_SYS(ioctl(fd, BLKSSZGET, &ssz));
	CHECK_EQ(ssz, 512);
	CHECK_EQ(lseek(fd, 0, SEEK_END), (long)DISK_BYTES);
	CHECK_ERR(ioctl(fd, 0x5401 /* TCGETS */, &ssz), ENOTTY);
	CHECK_ERR(ioctl(fd, BLKGETSIZE64, (void *)8), EFAULT);
	close(fd);
}

static void reads_match_the_image(void)
{
	int fd = open_disk(O_RDONLY);
	unsigned char c;

	check_read(fd, 0, 512);
	check_read(fd, 511, 2);			/* across a sector */
	check_read(fd, 4095, 4099);		/* across pages */
	check_read(fd, 12345, 70000);		/* several bounce buffers */
	check_read(fd, DISK_BYTES - 1000, 1000);	/* the last sector */
	check_read(fd, 1UL << 20, 1UL << 20);	/* a megabyte at once */
	/* Plain read() moves the position. */
	CHECK_EQ(lseek(fd, 1000, SEEK_SET), 1000L);
	CHECK_EQ(read(fd, &c, 1), 1L);
	CHECK_EQ(c, pattern_byte(1000));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1001L);
	close(fd);
}

static void reads_at_and_past_the_end(void)
{
	int fd = open_disk(O_RDWR);
	char buf[200];

	CHECK_EQ(pread(fd, buf, sizeof(buf), DISK_BYTES - 100), 100L);
	CHECK_EQ(pread(fd, buf, sizeof(buf), DISK_BYTES), 0L);
	CHECK_EQ(pread(fd, buf, sizeof(buf), DISK_BYTES + 4096), 0L);
	CHECK_ERR(pwrite(fd, buf, sizeof(buf), DISK_BYTES), ENOSPC);
	CHECK_ERR(pread(fd, (void *)8, 10, 0), EFAULT);
	close(fd);
}

static void read_only_open_cannot_write(void)
{
	int fd = open_disk(O_RDONLY);

	CHECK_ERR(pwrite(fd, "x", 1, 0), EBADF);
	close(fd);
}

/* Writes the region the runner checks afterwards: unaligned at both
 * ends, in pieces of odd sizes, then read back here. */
static void writes_reach_the_disk(void)
{
	int fd = open_disk(O_RDWR);
	unsigned char *buf = malloc(WRITE_LEN), *back = malloc(WRITE_LEN);
	unsigned long done = 0, i;

	CHECK(buf && back);
	for (i = 0; i < WRITE_LEN; i++)
		buf[i] = written_byte(WRITE_AT + i);
	while (done < WRITE_LEN) {
		unsigned long piece = MIN(WRITE_LEN - done, 777 + done % 50000);

		CHECK_EQ(pwrite(fd, buf + done, piece, WRITE_AT + done),
			 (long)piece);
		done += piece;
	}
	CHECK_SYS(syscall(__NR_fsync, fd));
	CHECK_EQ(pread(fd, back, WRITE_LEN, WRITE_AT), (long)WRITE_LEN);
	CHECK(memcmp(buf, back, WRITE_LEN) == 0);
	/* The bytes on either side kept the image's pattern. */
	check_read(fd, WRITE_AT - 612, 612);
	check_read(fd, WRITE_AT + WRITE_LEN, 1000);
	free(buf);
	free(back);
	close(fd);
}

/* Four processes read disjoint quarters at once (on -smp 4, from four
 * CPUs): requests in flight together complete to the right readers. */
static void concurrent_readers(void)
{
	pid_t pids[4];
	int i, st;

	for (i = 0; i < 4; i++) {
		pids[i] = CHECK_SYS(fork());
		if (!pids[i]) {
			int fd = open(DISK, O_RDONLY), round;

			for (round = 0; round < 8; round++) {
				unsigned long off = (unsigned long)i * (1UL << 20) +
						    round * 65536 + i * 3;

				check_read(fd, off, 65536);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++) {
		CHECK_EQ(waitpid(pids[i], &st, 0), pids[i]);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
}

static void set_make_it_fail(const char *value)
{
	int fd = CHECK_SYS(open("/sys/block/vda/make-it-fail", O_WRONLY));

	CHECK_EQ(write(fd, value, strlen(value)), (long)strlen(value));
	close(fd);
}

/* Fault injection: while make-it-fail is 1 every request fails with EIO
 * (nothing reaches the device); at 0 the disk works again. */
static void failing_device_gives_eio(void)
{
	int fd = open_disk(O_RDWR);
	char buf[512], state[4] = { 0 };
	int sfd;

	set_make_it_fail("1\n");
	sfd = CHECK_SYS(open("/sys/block/vda/make-it-fail", O_RDONLY));
	CHECK_EQ(read(sfd, state, 3), 2L);
	CHECK(state[0] == '1');
	close(sfd);
	CHECK_ERR(pread(fd, buf, sizeof(buf), 0), EIO);
	CHECK_ERR(pwrite(fd, buf, sizeof(buf), 0), EIO);
	set_make_it_fail("0\n");
	check_read(fd, 0, 512);
	close(fd);
}

static void sysfs_and_proc_describe_the_disk(void)
{
	char buf[256] = { 0 };
	int fd = CHECK_SYS(open("/sys/block/vda/size", O_RDONLY));

	CHECK(read(fd, buf, sizeof(buf) - 1) > 0);
	CHECK_EQ(strtol(buf, NULL, 10), (long)(DISK_BYTES / 512));
	close(fd);
	memset(buf, 0, sizeof(buf));
	fd = CHECK_SYS(open("/proc/partitions", O_RDONLY));
	CHECK(read(fd, buf, sizeof(buf) - 1) > 0);
	/* "major minor  #blocks  name", then the disk in 1 KiB blocks. */
	CHECK(strstr(buf, " 254        0       8192 vda") != NULL);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(it_is_a_block_device),
	KTAP_CASE(size_by_ioctl_and_lseek),
	KTAP_CASE(reads_match_the_image),
	KTAP_CASE(reads_at_and_past_the_end),
	KTAP_CASE(read_only_open_cannot_write),
	KTAP_CASE(writes_reach_the_disk),
	KTAP_CASE(concurrent_readers),
	KTAP_CASE(failing_device_gives_eio),
	KTAP_CASE(sysfs_and_proc_describe_the_disk),
};

int main(int argc, char **argv)
{
	(void)argc;
	ktap_argv0 = argv[0];
	return ktap_run("disk", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
