/* ramfs: the in-memory file system at the root. Directories are lists of
 * named entries, regular files arrays of pages filled on first write (or
 * first fault of a mapping, which maps those very pages). */
#include <block.h>
#include <fs.h>
#include <kmalloc.h>
#include <page.h>
#include <mm.h>
#include <fault.h>
#include <printk.h>
#include <string.h>
#include <uapi/dirent.h>

/* Positions 0 and 1 are "." and ".."; entries get increasing positions
 * from 2, so a listing resumes correctly after entries come and go. */
struct ramfs_dirent {
	struct list_head node;
	struct inode *inode;
	u64 pos;
	size_t len;
	char name[];
};

#define RAMFS_MAX_FILE_SIZE (1ULL << 32)

static const struct inode_operations ramfs_dir_iops, ramfs_file_iops,
	ramfs_link_iops, ramfs_dev_iops;
static const struct file_operations ramfs_file_fops, ramfs_dir_fops;

static struct ramfs_dirent *find_entry(struct inode *dir, const char *name,
				       size_t len)
{
	struct list_head *pos;

	list_for_each(pos, &dir->u.dir.entries) {
		struct ramfs_dirent *d = list_entry(pos, struct ramfs_dirent,
						    node);

		if (d->len == len && !memcmp(d->name, name, len))
			return d;
	}
	return NULL;
}

static int ramfs_lookup(struct inode *dir, const char *name, size_t len,
			struct inode **out)
{
	struct ramfs_dirent *d = find_entry(dir, name, len);

	if (!d)
		return -ENOENT;
	iget(d->inode);
	*out = d->inode;
	return 0;
}

/* Name inode in dir: the entry counts as one link. */
static int add_entry(struct inode *dir, const char *name, size_t len,
		     struct inode *inode)
{
	struct ramfs_dirent *d;

	if (!len || len > NAME_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	if (find_entry(dir, name, len))
		return -EEXIST;
	d = kmalloc(sizeof(*d) + len + 1);
	if (!d)
		return -ENOMEM;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->len = len;
	d->inode = inode;
	d->pos = dir->u.dir.next_pos++;
	list_add_tail(&d->node, &dir->u.dir.entries);
	inode->nlink++;
	inode_touch_data(dir);
	return 0;
}

static void remove_entry(struct inode *dir, struct ramfs_dirent *d)
{
	list_del(&d->node);
	inode_touch_data(dir);
	kfree(d);
}

/* inode lost the entry that named it in dir. A directory goes whole: its
 * "." and its ".." in dir go with the entry. */
static void drop_link(struct inode *dir, struct inode *inode)
{
	if (S_ISDIR(inode->mode)) {
		inode->nlink = 0;
		dir->nlink--;
	} else {
		inode->nlink--;
	}
	inode_touch_meta(inode);
}

/* Creating in a directory that has been removed (someone's cwd) fails as
 * on Linux. */
static int check_new(struct inode *dir, const char *name, size_t len)
{
	if (!dir->nlink)
		return -ENOENT;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (find_entry(dir, name, len))
		return -EEXIST;
	return 0;
}

static struct inode *new_inode(unsigned int mode)
{
	struct inode *inode = inode_alloc(RAMFS_DEV, mode);

	if (!inode)
		return NULL;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		inode->iop = &ramfs_dir_iops;
		inode->fop = &ramfs_dir_fops;
		list_init(&inode->u.dir.entries);
		inode->u.dir.next_pos = 2;
		break;
	case S_IFREG:
		inode->iop = &ramfs_file_iops;
		inode->fop = &ramfs_file_fops;
		break;
	case S_IFLNK:
		inode->iop = &ramfs_link_iops;
		break;
	case S_IFIFO:
		inode->iop = &ramfs_dev_iops;
		inode->fop = &fifo_fops;	/* a pipe while open (pipe.c) */
		break;
	default:
		inode->iop = &ramfs_dev_iops;
		inode->fop = &device_node_fops;
		break;
	}
	return inode;
}

/*
 * Device nodes and sockets find what they are at open: a character
 * device by its number in the device table (devices.c), so a node may be
 * made before its driver registers; a block device by its number among
 * the registered disks (kernel/block/). Sockets and unknown numbers have
 * nothing behind them: ENXIO, as Linux answers for a device without a
 * driver.
 */
static int node_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops = NULL;

	if (S_ISCHR(inode->mode))
		fops = chrdev_fops(inode->rdev);
	else if (S_ISBLK(inode->mode) && block_device_by_devnum(inode->rdev))
		fops = &blkdev_fops;
	if (!fops)
		return -ENXIO;
	f->ops = fops;
	return fops->open ? fops->open(inode, f) : 0;
}

/* Regular files, device nodes, FIFOs and sockets (directories and
 * symlinks have their own calls). */
static int ramfs_mknod(struct inode *dir, const char *name, size_t len,
		       unsigned int mode, u32 rdev, struct inode **out)
{
	struct inode *inode;
	int err = check_new(dir, name, len);

	if (err)
		return err;
	switch (mode & S_IFMT) {
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	default:
		return -EPERM;
	}
	inode = new_inode(mode);
	if (!inode)
		return -ENOMEM;
	if (S_ISCHR(mode) || S_ISBLK(mode))
		inode->rdev = rdev;
	err = add_entry(dir, name, len, inode);
	if (err) {
		iput(inode);
		return err;
	}
	if (out)
		*out = inode;		/* the allocation's reference */
	else
		iput(inode);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, const char *name, size_t len,
		       unsigned int mode)
{
	struct inode *inode;
	int err = check_new(dir, name, len);

	if (err)
		return err;
	inode = new_inode(S_IFDIR | (mode & 07777));
	if (!inode)
		return -ENOMEM;
	err = inode_set_dir_link(inode, dir, name, len);
	if (!err)
		err = add_entry(dir, name, len, inode);
	if (err) {
		iput(inode);
		return err;
	}
	inode->nlink++;		/* its own "." */
	dir->nlink++;		/* its ".." */
	iput(inode);
	return 0;
}

static int ramfs_symlink(struct inode *dir, const char *name, size_t len,
			 const char *target)
{
	size_t tlen = strnlen(target, PATH_MAX);
	struct inode *inode;
	int err = check_new(dir, name, len);

	if (err)
		return err;
	if (!tlen)
		return -ENOENT;
	if (tlen >= PATH_MAX)
		return -ENAMETOOLONG;
	inode = new_inode(S_IFLNK | 0777);
	if (!inode)
		return -ENOMEM;
	inode->u.link = kmalloc(tlen + 1);
	if (!inode->u.link) {
		iput(inode);
		return -ENOMEM;
	}
	memcpy(inode->u.link, target, tlen + 1);
	inode->size = tlen;
	err = add_entry(dir, name, len, inode);
	iput(inode);
	return err;
}

static int ramfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *d = find_entry(dir, name, len);
	struct inode *inode;

	if (!d)
		return -ENOENT;
	inode = d->inode;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	iget(inode);
	remove_entry(dir, d);
	inode->nlink--;
	inode_touch_meta(inode);
	iput(inode);		/* frees it unless it is still open */
	return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *d = find_entry(dir, name, len);
	struct inode *inode;

	if (!d)
		return -ENOENT;
	inode = d->inode;
	if (!S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (inode->iop != &ramfs_dir_iops)
		return -EBUSY;	/* another file system hangs here */
	if (!list_empty(&inode->u.dir.entries))
		return -ENOTEMPTY;
	iget(inode);
	remove_entry(dir, d);
	inode->nlink = 0;
	dir->nlink--;
	inode_touch_meta(inode);
	iput(inode);
	return 0;
}

static int ramfs_link(struct inode *dir, const char *name, size_t len,
		      struct inode *inode)
{
	int err = check_new(dir, name, len);

	if (!err)
		err = add_entry(dir, name, len, inode);
	if (!err)
		inode_touch_meta(inode);
	return err;
}

/* A copy of name for a directory's own record of it (getcwd). */
static char *dir_name_copy(const char *name, size_t len)
{
	char *copy = kmalloc(len + 1);

	if (copy) {
		memcpy(copy, name, len);
		copy[len] = '\0';
	}
	return copy;
}

/* RENAME_EXCHANGE: the two entries trade inodes, keeping their names and
 * places in the listings. */
static int exchange(struct inode *old_dir, struct ramfs_dirent *from,
		    struct inode *new_dir, struct ramfs_dirent *to)
{
	struct inode *a = from->inode, *b = to->inode;
	char *a_name = NULL, *b_name = NULL;

	if (S_ISDIR(a->mode))
		a_name = dir_name_copy(to->name, to->len);
	if (S_ISDIR(b->mode))
		b_name = dir_name_copy(from->name, from->len);
	if ((S_ISDIR(a->mode) && !a_name) || (S_ISDIR(b->mode) && !b_name)) {
		kfree(a_name);
		kfree(b_name);
		return -ENOMEM;
	}
	from->inode = b;
	to->inode = a;
	/* A directory's ".." moves with it. */
	if (S_ISDIR(a->mode) != S_ISDIR(b->mode)) {
		struct inode *gains = S_ISDIR(a->mode) ? new_dir : old_dir;
		struct inode *loses = S_ISDIR(a->mode) ? old_dir : new_dir;

		gains->nlink++;
		loses->nlink--;
	}
	if (a_name)
		inode_adopt_dir_link(a, new_dir, a_name);
	if (b_name)
		inode_adopt_dir_link(b, old_dir, b_name);
	inode_touch_data(old_dir);
	inode_touch_data(new_dir);
	inode_touch_meta(a);
	inode_touch_meta(b);
	return 0;
}

/*
 * The entry moves: a new one in new_dir (replacing what was there), the
 * old one goes. What can fail, the entry and a directory's copy of its
 * name, is allocated before anything changes, and nothing here sleeps:
 * under the big kernel lock no one sees the name space half way.
 */
static int ramfs_rename(struct inode *old_dir, const char *old_name,
			size_t old_len, struct inode *new_dir,
			const char *new_name, size_t new_len,
			unsigned int flags)
{
	struct ramfs_dirent *from = find_entry(old_dir, old_name, old_len);
	struct ramfs_dirent *to, *moved;
	struct inode *inode, *victim;
	char *name = NULL;

	/* No whiteouts: there are no layers over a ramfs. */
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (!from)
		return -ENOENT;
	if (!new_dir->nlink)
		return -ENOENT;		/* the directory has been removed */
	to = find_entry(new_dir, new_name, new_len);
	if (flags & RENAME_EXCHANGE)
		return to ? exchange(old_dir, from, new_dir, to) : -ENOENT;
	if (to && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	inode = from->inode;
	victim = to ? to->inode : NULL;
	if (victim && S_ISDIR(victim->mode) &&
	    !list_empty(&victim->u.dir.entries))
		return -ENOTEMPTY;
	moved = kmalloc(sizeof(*moved) + new_len + 1);
	if (S_ISDIR(inode->mode))
		name = dir_name_copy(new_name, new_len);
	if (!moved || (S_ISDIR(inode->mode) && !name)) {
		kfree(moved);
		kfree(name);
		return -ENOMEM;
	}
	if (victim) {
		iget(victim);
		remove_entry(new_dir, to);
		drop_link(new_dir, victim);
	}
	remove_entry(old_dir, from);
	memcpy(moved->name, new_name, new_len);
	moved->name[new_len] = '\0';
	moved->len = new_len;
	moved->inode = inode;
	moved->pos = new_dir->u.dir.next_pos++;
	list_add_tail(&moved->node, &new_dir->u.dir.entries);
	inode_touch_data(new_dir);
	if (name) {
		old_dir->nlink--;	/* its ".." moves */
		new_dir->nlink++;
		inode_adopt_dir_link(inode, new_dir, name);
	}
	inode_touch_meta(inode);
	iput(victim);		/* frees it unless it is still open */
	return 0;
}

static int ramfs_readdir(struct inode *dir, u64 *pos, filldir_t fill,
			 void *ctx)
{
	struct list_head *p;

	if (*pos == 0) {
		if (!fill(ctx, ".", 1, dir->ino, DT_DIR, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		struct inode *parent = dir->parent ? dir->parent : dir;

		if (!fill(ctx, "..", 2, parent->ino, DT_DIR, 2))
			return 0;
		*pos = 2;
	}
	list_for_each(p, &dir->u.dir.entries) {
		struct ramfs_dirent *d = list_entry(p, struct ramfs_dirent,
						    node);
		u64 next = p->next == &dir->u.dir.entries ?
			   dir->u.dir.next_pos :
			   list_entry(p->next, struct ramfs_dirent, node)->pos;

		if (d->pos < *pos)
			continue;
		if (!fill(ctx, d->name, d->len, d->inode->ino,
			  inode_dtype(d->inode), next))
			return 0;
		*pos = next;
	}
	/* Past the end: stay past anything added later in this listing. */
	*pos = dir->u.dir.next_pos;
	return 0;
}

static void ramfs_dir_evict(struct inode *dir)
{
	struct list_head *p, *n;

	/* Only an unlinked, hence empty, directory dies; be safe anyway. */
	list_for_each_safe(p, n, &dir->u.dir.entries) {
		struct ramfs_dirent *d = list_entry(p, struct ramfs_dirent,
						    node);
		list_del(&d->node);
		kfree(d);
	}
}

/* ---- regular files ---- */

static void *page_of(struct inode *inode, u64 off)
{
	unsigned long idx = off >> PAGE_SHIFT;

	return idx < inode->u.file.nr_slots ? inode->u.file.pages[idx] : NULL;
}

/* Make room for slots up to idx (exclusive of growth policy). */
static int grow_slots(struct inode *inode, unsigned long need)
{
	unsigned long n = inode->u.file.nr_slots ? inode->u.file.nr_slots : 4;
	void **slots;

	if (need <= inode->u.file.nr_slots)
		return 0;
	while (n < need)
		n *= 2;
	slots = kzalloc(n * sizeof(void *));
	if (!slots)
		return -ENOSPC;
	if (inode->u.file.nr_slots)
		memcpy(slots, inode->u.file.pages,
		       inode->u.file.nr_slots * sizeof(void *));
	kfree(inode->u.file.pages);
	inode->u.file.pages = slots;
	inode->u.file.nr_slots = n;
	return 0;
}

static const char zeros[256];

/* A page lost to memory failure (madvise MADV_HWPOISON on a mapping of
 * it): its data is gone, and reads and writes say so, as Linux's tmpfs. */
static bool poisoned(const void *page)
{
	return page && (virt_to_page(page)->flags & PG_HWPOISON);
}

static long ramfs_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;
	long err = -EFAULT;

	down_read(&inode->lock);
	if (*pos >= inode->size)
		n = 0;
	else if (n > inode->size - *pos)
		n = inode->size - *pos;
	while (done < n) {
		u64 off = *pos + done;
		size_t in_page = PAGE_SIZE - (off & (PAGE_SIZE - 1));
		size_t chunk = MIN(n - done, in_page), got;
		char *page = page_of(inode, off);

		if (poisoned(page)) {
			err = -EIO;
			break;
		}
		if (page) {
			got = io_copy_to(buf, done, page +
					 (off & (PAGE_SIZE - 1)), chunk);
		} else {
			chunk = MIN(chunk, sizeof(zeros));
			got = io_copy_to(buf, done, zeros, chunk);
		}
		done += got;
		if (got < chunk)
			break;
	}
	up_read(&inode->lock);
	*pos += done;
	if (!done && n)
		return err;
	return (long)done;
}

static long ramfs_write(struct file *f, struct io_buf buf, size_t n,
			u64 *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;
	long err = 0;

	down_write(&inode->lock);
	if (f->flags & O_APPEND)
		*pos = inode->size;
	if (*pos >= RAMFS_MAX_FILE_SIZE) {
		err = -EFBIG;
		goto out;
	}
	if (n > RAMFS_MAX_FILE_SIZE - *pos)
		n = RAMFS_MAX_FILE_SIZE - *pos;
	if (n && grow_slots(inode, (unsigned long)((*pos + n - 1) >>
						   PAGE_SHIFT) + 1)) {
		err = -ENOSPC;
		goto out;
	}
	while (done < n) {
		u64 off = *pos + done;
		size_t in_page = PAGE_SIZE - (off & (PAGE_SIZE - 1));
		size_t chunk = MIN(n - done, in_page), got;
		void **slot = &inode->u.file.pages[off >> PAGE_SHIFT];

		if (!*slot && !(*slot = get_zeroed_page())) {
			err = -ENOSPC;
			break;
		}
		if (poisoned(*slot)) {
			err = -EIO;
			break;
		}
		got = io_copy_from((char *)*slot + (off & (PAGE_SIZE - 1)),
				   buf, done, chunk);
		done += got;
		if (got < chunk) {
			err = -EFAULT;
			break;
		}
	}
	if (done) {
		*pos += done;
		if (*pos > inode->size)
			inode->size = *pos;
		inode_touch_data(inode);
	}
out:
	up_write(&inode->lock);
	return done ? (long)done : err;
}

/* Drop the data past size; a partial last page keeps zeros past the end
 * so that growing the file again reads zeros. Called with the lock held.
 * A page still mapped somewhere lives on until it is unmapped. */
static void cut_pages(struct inode *inode, u64 size)
{
	unsigned long first = (unsigned long)(PAGE_ALIGN(size) >> PAGE_SHIFT);
	unsigned long i;
	char *last;

	for (i = first; i < inode->u.file.nr_slots; i++) {
		if (inode->u.file.pages[i]) {
			put_page(virt_to_page(inode->u.file.pages[i]));
			inode->u.file.pages[i] = NULL;
		}
	}
	last = (size & (PAGE_SIZE - 1)) ? page_of(inode, size) : NULL;
	if (last)
		memset(last + (size & (PAGE_SIZE - 1)), 0,
		       PAGE_SIZE - (size & (PAGE_SIZE - 1)));
}

static const struct vm_operations ramfs_vm_ops;

static int ramfs_truncate(struct inode *inode, u64 size)
{
	if (size > RAMFS_MAX_FILE_SIZE)
		return -EFBIG;
	down_write(&inode->lock);
	if (size < inode->size) {
		/* Mappings lose what is gone: an access there is SIGBUS. */
		unmap_object_pages(&ramfs_vm_ops, inode,
				   (unsigned long)(PAGE_ALIGN(size) >>
						   PAGE_SHIFT), ~0UL);
		cut_pages(inode, size);
	}
	inode->size = size;
	inode_touch_data(inode);
	up_write(&inode->lock);
	return 0;
}

static void ramfs_file_evict(struct inode *inode)
{
	cut_pages(inode, 0);
	kfree(inode->u.file.pages);
}

/*
 * fallocate: mode 0 or FALLOC_FL_KEEP_SIZE (no holes punched, no ranges
 * moved). Every missing page in the range is taken before any goes in,
 * chained through its first word, so that running out of memory leaves
 * the file as it was (ENOSPC, as tmpfs says).
 */
static int ramfs_fallocate(struct inode *inode, int mode, u64 off, u64 len)
{
	unsigned long first = (unsigned long)(off >> PAGE_SHIFT);
	unsigned long last = (unsigned long)((off + len - 1) >> PAGE_SHIFT);
	unsigned long i, missing = 0;
	void *chain = NULL, *page;
	int err = 0;

	if (mode & ~FALLOC_FL_KEEP_SIZE)
		return -EOPNOTSUPP;
	if (off + len > RAMFS_MAX_FILE_SIZE)
		return -EFBIG;
	down_write(&inode->lock);
	for (i = first; i <= last; i++)
		missing += !page_of(inode, (u64)i << PAGE_SHIFT);
	if (missing > nr_free_pages() || grow_slots(inode, last + 1)) {
		err = -ENOSPC;
		goto out;
	}
	for (i = 0; i < missing; i++) {
		page = get_zeroed_page();
		if (!page) {
			err = -ENOSPC;
			break;
		}
		*(void **)page = chain;
		chain = page;
	}
	for (i = first; !err && i <= last; i++) {
		if (inode->u.file.pages[i])
			continue;
		page = chain;
		chain = *(void **)page;
		*(void **)page = NULL;
		inode->u.file.pages[i] = page;
	}
	while (chain) {			/* only after a failure */
		page = chain;
		chain = *(void **)page;
		put_page(virt_to_page(page));
	}
	if (!err) {
		if (!(mode & FALLOC_FL_KEEP_SIZE) && off + len > inode->size)
			inode->size = off + len;
		inode_touch_data(inode);
	}
out:
	up_write(&inode->lock);
	return err;
}

/* ramfs's data lives only in memory: there is nowhere more durable to
 * write it, so a sync has nothing to wait for. */
static int ramfs_fsync(struct file *f, bool datasync)
{
	(void)f, (void)datasync;
	return 0;
}

/* ---- mappings: the file's own pages, shared or copied on write ---- */

/*
 * Needs no lock: it does not sleep, and a read or write sleeping in a user
 * copy (holding inode->lock) only ever finds the page it copies still in
 * place. Pages within the size are made on demand, as a write would.
 */
static unsigned int ramfs_vm_fault(struct vm_area_struct *vma,
				   unsigned long pgoff, unsigned int flags,
				   struct page **page)
{
	struct inode *inode = vma->vm_private;
	void **slot;

	(void)flags;
	if (pgoff >= PAGE_ALIGN(inode->size) >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS;		/* beyond the end of the file */
	if (grow_slots(inode, pgoff + 1))
		return VM_FAULT_OOM;
	slot = &inode->u.file.pages[pgoff];
	if (!*slot && !(*slot = get_zeroed_page()))
		return VM_FAULT_OOM;
	*page = virt_to_page(*slot);
	get_page(*page);
	return 0;
}

static const struct vm_operations ramfs_vm_ops = {
	.fault = ramfs_vm_fault,
	.open = file_vma_open,
	.close = file_vma_close,
};

/* Every open file of the inode maps the same pages: the inode is the
 * object (truncation finds the mappings by it). */
static int ramfs_mmap(struct file *f, struct vm_backing *b)
{
	b->ops = &ramfs_vm_ops;
	b->private = f->inode;
	return 0;
}

/* Depth-first through the ramfs directories under dir (path in buf[0,
 * len)) for the entry naming inode. */
static long find_path(struct inode *dir, struct inode *inode, char *buf,
		      size_t size, size_t len, int depth)
{
	struct list_head *p;

	list_for_each(p, &dir->u.dir.entries) {
		struct ramfs_dirent *d = list_entry(p, struct ramfs_dirent,
						    node);
		long r;

		if (len + 1 + d->len + 1 > size)
			continue;
		buf[len] = '/';
		memcpy(buf + len + 1, d->name, d->len + 1);
		if (d->inode == inode)
			return (long)(len + 1 + d->len);
		if (d->inode->iop != &ramfs_dir_iops || depth >= 64)
			continue;
		r = find_path(d->inode, inode, buf, size, len + 1 + d->len,
			      depth + 1);
		if (r >= 0)
			return r;
	}
	return -ENOENT;
}

long ramfs_path_of(struct inode *inode, char *buf, size_t size)
{
	if (!fs_root || size < 2 || fs_root->iop != &ramfs_dir_iops)
		return -ENOENT;
	return find_path(fs_root, inode, buf, size, 0, 0);
}

static long ramfs_readlink(struct inode *link, char *buf, size_t size)
{
	size_t n = MIN(size, (size_t)link->size);

	memcpy(buf, link->u.link, n);
	return (long)n;
}

static void ramfs_link_evict(struct inode *link)
{
	kfree(link->u.link);
}

int ramfs_attach(struct inode *dir, const char *name, struct inode *inode)
{
	int err = add_entry(dir, name, strlen(name), inode);

	if (!err && S_ISDIR(inode->mode))
		dir->nlink++;
	return err;
}

struct inode *ramfs_new_file(void)
{
	struct inode *inode = new_inode(S_IFREG | 0777);

	if (inode)
		inode->nlink = 0;	/* named nowhere: dies with its files */
	return inode;
}

struct inode *ramfs_create_root(void)
{
	struct inode *root = new_inode(S_IFDIR | 0755);

	if (!root)
		return NULL;
	root->nlink = 2;
	root->parent = root;
	root->name = NULL;
	return root;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.mknod = ramfs_mknod,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.link = ramfs_link,
	.rename = ramfs_rename,
	.readdir = ramfs_readdir,
	.evict = ramfs_dir_evict,
};

static const struct inode_operations ramfs_file_iops = {
	.truncate = ramfs_truncate,
	.fallocate = ramfs_fallocate,
	.evict = ramfs_file_evict,
};

static const struct inode_operations ramfs_link_iops = {
	.readlink = ramfs_readlink,
	.evict = ramfs_link_evict,
};

static const struct inode_operations ramfs_dev_iops = { 0 };

static const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.mmap = ramfs_mmap,
	.fsync = ramfs_fsync,
};

/* Listing goes through the inode (getdents64, readdir.c). */
static const struct file_operations ramfs_dir_fops = {
	.fsync = ramfs_fsync,
};

const struct file_operations device_node_fops = {
	.open = node_open,
};
