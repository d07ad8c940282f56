/* Character devices by number: /dev/null, zero, full, random, urandom and
 * tty live here, the console's tty in tty.c, /dev/slow in slow.c; a device
 * inode gets its file operations here. */
#include <fs.h>
#include <mm.h>
#include <random.h>
#include <sched.h>

static long null_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static long null_write(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)pos;
	return (long)n;
}

static long zero_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	static const char zeros[512];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(zeros));
		size_t got = io_copy_to(buf, done, zeros, chunk);

		done += got;
		if (got < chunk)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/* Mapping /dev/zero is mapping anonymous memory, private or shared, as
 * on Linux (glibc and old programs get zeroed memory this way). */
static int zero_mmap(struct file *f, struct vm_backing *b)
{
	(void)f;
	b->ops = NULL;
	b->file = NULL;
	return 0;
}

/* /dev/full: a disk that is always full. Reads give zeros. */
static long full_write(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -ENOSPC;
}

/* /dev/random and /dev/urandom are one generator (kernel/random.c); as on
 * Linux since 5.6, neither blocks once the generator is up, which it
 * always is here. */
static long random_read(struct file *f, struct io_buf buf, size_t n,
			u64 *pos)
{
	unsigned char chunk[64];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t want = MIN(n - done, sizeof(chunk));
		size_t got;

		get_random_bytes(chunk, want);
		got = io_copy_to(buf, done, chunk, want);
		done += got;
		if (got < want)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/* Writes are taken and stirred into the generator, as Linux mixes them
 * into its pool (crediting no entropy). */
static long random_write(struct file *f, struct io_buf buf, size_t n,
			 u64 *pos)
{
	unsigned char chunk[64];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t want = MIN(n - done, sizeof(chunk));
		size_t got = io_copy_from(chunk, buf, done, want);

		add_random_bytes(chunk, got);
		done += got;
		if (got < want)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/*
 * /dev/tty is the caller's controlling terminal: the console if the
 * caller's session is the one it controls (kernel/fs/tty.c), else ENXIO,
 * as Linux answers a process without one. Once open it is the console's
 * own file: the operations become tty_fops.
 */
static int devtty_open(struct inode *inode, struct file *f)
{
	if (!current || !current->group || !current->group->sid ||
	    current->group->sid != tty_session())
		return -ENXIO;
	f->ops = &tty_fops;
	return tty_fops.open ? tty_fops.open(inode, f) : 0;
}

static const struct file_operations devtty_fops = {
	.open = devtty_open,
};

static const struct file_operations full_fops = {
	.read = zero_read,
	.write = full_write,
};

static const struct file_operations random_fops = {
	.read = random_read,
	.write = random_write,
};

const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
};

const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.mmap = zero_mmap,
};

static const struct {
	u32 major, minor;
	const struct file_operations *fops;
} chrdevs[] = {
	{ 1, 3, &null_fops },
	{ 1, 5, &zero_fops },
	{ 1, 7, &full_fops },
	{ 1, 8, &random_fops },		/* /dev/random */
	{ 1, 9, &random_fops },		/* /dev/urandom */
	{ 1, 250, &slow_fops },		/* /dev/slow: Faultline's own */
	{ 5, 0, &devtty_fops },		/* /dev/tty: the controlling tty */
	{ 5, 1, &tty_fops },		/* /dev/console */
};

/* The one device registered at boot (kernel/crashdev.c), if any. */
static u32 extra_rdev;
static const struct file_operations *extra_fops;

void chrdev_register(u32 major, u32 minor,
		     const struct file_operations *fops)
{
	extra_rdev = mkdev(major, minor);
	extra_fops = fops;
}

const struct file_operations *chrdev_fops(u32 rdev)
{
	unsigned int i;

	if (extra_fops && rdev == extra_rdev)
		return extra_fops;
	for (i = 0; i < ARRAY_SIZE(chrdevs); i++)
		if (mkdev(chrdevs[i].major, chrdevs[i].minor) == rdev)
			return chrdevs[i].fops;
	return NULL;
}
