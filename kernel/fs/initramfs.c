/* Unpacking the initramfs: a cpio "newc" archive (magic 070701, or 070702
 * with checksums) copied into the root ramfs. Every header is checked
 * before it is used; a malformed archive stops the unpacking with a
 * message, never a crash. */
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <string.h>

#define CPIO_HDR_LEN 110		/* magic + 13 eight-digit hex fields */
#define CPIO_TRAILER "TRAILER!!!"

enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS
};

static bool parse_hex8(const char *s, u32 *out)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = s[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = (u32)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (u32)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (u32)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Make every directory leading to the last component of path. */
static int make_parents(const char *path)
{
	struct inode *dir = fs_root, *next;
	const char *p = path;
	int err = 0;

	iget(dir);
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len;

		if (!slash)
			break;
		len = (size_t)(slash - p);
		if (len) {
			err = dir->iop->lookup(dir, p, len, &next);
			if (err == -ENOENT) {
				err = dir->iop->mkdir(dir, p, len, 0755);
				if (!err)
					err = dir->iop->lookup(dir, p, len,
							       &next);
			}
			if (err)
				break;
			iput(dir);
			dir = next;
			if (!S_ISDIR(dir->mode) || !dir->iop->lookup) {
				err = -ENOTDIR;
				break;
			}
		}
		p = slash + 1;
	}
	iput(dir);
	return err;
}

static void set_times(struct inode *inode, u32 mtime)
{
	inode->mtime.sec = mtime;
	inode->mtime.nsec = 0;
	inode->atime = inode->ctime = inode->mtime;
}

/* A directory's time is set once the archive is in: its later members
 * would change it. */
struct dir_time {
	struct dir_time *next;
	struct inode *dir;
	u32 mtime;
};
static struct dir_time *dir_times;

static void defer_dir_time(struct inode *dir, u32 mtime)
{
	struct dir_time *d = kmalloc(sizeof(*d));

	if (!d)
		return;
	iget(dir);
	d->dir = dir;
	d->mtime = mtime;
	d->next = dir_times;
	dir_times = d;
}

static void apply_dir_times(void)
{
	while (dir_times) {
		struct dir_time *d = dir_times;

		dir_times = d->next;
		set_times(d->dir, d->mtime);
		iput(d->dir);
		kfree(d);
	}
}

static int write_data(struct inode *inode, const char *data, u32 size)
{
	struct file *f;
	u64 pos = 0;
	long err = file_alloc(inode, O_WRONLY, &f);

	if (err)
		return (int)err;
	if (size)
		err = file_write(f, (struct io_buf){ (char *)data, false },
				 size, &pos);
	file_put(f);
	if (err >= 0 && (u32)err != size)
		err = -ENOSPC;
	return err < 0 ? (int)err : 0;
}

/* One archive member; errors here are reported and skipped, since the
 * archive itself is sound. */
static int unpack_one(const char *name, const u32 *h, const char *data)
{
	u32 mode = h[F_MODE], size = h[F_FILESIZE];
	struct inode *dir, *inode;
	const char *last;
	size_t len;
	bool must_dir;
	int err;

	err = make_parents(name);
	if (err)
		return err;
	err = path_parent(fs_root, name, &dir, &last, &len, &must_dir);
	if (err)
		return err;
	if (!len || !dir->iop->mkdir || !dir->iop->mknod ||
	    !dir->iop->symlink || !dir->iop->unlink) {
		iput(dir);
		return len ? -EPERM : 0;	/* e.g. inside /proc */
	}
	/* A later member replaces an earlier file of the same name. */
	if (!S_ISDIR(mode) && dir->iop->lookup(dir, last, len, &inode) == 0) {
		bool isdir = S_ISDIR(inode->mode);

		iput(inode);
		if (!isdir)
			dir->iop->unlink(dir, last, len);
	}
	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = dir->iop->mkdir(dir, last, len, mode & 07777);
		if (err == -EEXIST)
			err = 0;
		if (!err && !dir->iop->lookup(dir, last, len, &inode)) {
			if (S_ISDIR(inode->mode)) {
				inode->mode = S_IFDIR | (mode & 07777);
				defer_dir_time(inode, h[F_MTIME]);
			} else {
				err = -EEXIST;
			}
			iput(inode);
		}
		break;
	case S_IFREG:
		err = dir->iop->mknod(dir, last, len, S_IFREG | (mode & 07777),
				      0, &inode);
		if (err)
			break;
		err = write_data(inode, data, size);
		set_times(inode, h[F_MTIME]);
		iput(inode);
		break;
	case S_IFLNK: {
		char target[256];

		if (!size || size >= sizeof(target)) {
			err = -ENAMETOOLONG;
			break;
		}
		memcpy(target, data, size);
		target[size] = '\0';
		if (strlen(target) != size) {
			err = -EINVAL;
			break;
		}
		err = dir->iop->symlink(dir, last, len, target);
		break;
	}
	case S_IFCHR:
		err = dir->iop->mknod(dir, last, len, mode,
				      mkdev(h[F_RDEVMAJOR], h[F_RDEVMINOR]),
				      NULL);
		if (err == -EEXIST)
			err = 0;	/* /dev/console and friends exist */
		break;
	default:
		err = -EPERM;		/* fifos, sockets, block devices */
		break;
	}
	iput(dir);
	return err;
}

static bool all_zero(const char *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static int unpack(const char *base, size_t len)
{
	size_t off = 0;
	unsigned int files = 0;

	while (off < len) {
		const char *hdr = base + off, *name;
		size_t name_off, data_off, next;
		u32 h[NR_FIELDS];
		int i, err;

		/* Archives may be padded with zeros, and may follow one
		 * another (each with its own trailer). */
		if (all_zero(hdr, MIN(len - off, (size_t)CPIO_HDR_LEN))) {
			if (all_zero(hdr, len - off))
				break;
			off += 4;
			continue;
		}
		if (len - off < CPIO_HDR_LEN) {
			printk("initramfs: truncated header at offset %lu\n",
			       off);
			return -EINVAL;
		}
		if (memcmp(hdr, "070701", 6) && memcmp(hdr, "070702", 6)) {
			printk("initramfs: bad magic at offset %lu (not a "
			       "cpio newc archive)\n", off);
			return -EINVAL;
		}
		for (i = 0; i < NR_FIELDS; i++) {
			if (!parse_hex8(hdr + 6 + 8 * i, &h[i])) {
				printk("initramfs: bad header field %d at "
				       "offset %lu\n", i, off);
				return -EINVAL;
			}
		}
		name_off = off + CPIO_HDR_LEN;
		if (h[F_NAMESIZE] < 2 || h[F_NAMESIZE] > PATH_MAX) {
			printk("initramfs: name size %u at offset %lu is "
			       "out of range\n", h[F_NAMESIZE], off);
			return -EINVAL;
		}
		if (h[F_NAMESIZE] > len - name_off) {
			printk("initramfs: truncated name at offset %lu\n",
			       off);
			return -EINVAL;
		}
		name = base + name_off;
		if (name[h[F_NAMESIZE] - 1] != '\0' ||
		    strlen(name) != h[F_NAMESIZE] - 1) {
			printk("initramfs: malformed name at offset %lu\n",
			       off);
			return -EINVAL;
		}
		data_off = ALIGN_UP(name_off + h[F_NAMESIZE], 4);
		if (data_off > len || h[F_FILESIZE] > len - data_off) {
			printk("initramfs: truncated data of %s at offset "
			       "%lu\n", name, off);
			return -EINVAL;
		}
		next = ALIGN_UP(data_off + h[F_FILESIZE], 4);
		if (!strcmp(name, CPIO_TRAILER)) {
			off = next;
			continue;
		}
		while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
			name += name[0] == '/' ? 1 : 2;
		if (name[0] && strcmp(name, ".")) {
			err = unpack_one(name, h, base + data_off);
			if (err)
				printk("initramfs: %s: error %d, skipped\n",
				       name, err);
			else
				files++;
		}
		off = next;
	}
	printk("initramfs: %u entries unpacked\n", files);
	return 0;
}

int initramfs_unpack(const void *data, size_t len)
{
	int err;

	if (!fs_root) {
		printk("initramfs: no root file system yet\n");
		return -EINVAL;
	}
	err = unpack(data, len);
	apply_dir_times();
	return err;
}
