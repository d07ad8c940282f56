/* Inodes: allocation, reference counting and timestamps. An inode lives
 * while something refers to it: a directory entry (nlink) or a reference. */
#include <fs.h>
#include <kmalloc.h>
#include <string.h>
#include <time.h>
#include <printk.h>
#include <uapi/dirent.h>

static u64 next_ino = 2;	/* ramfs's root gets 2, as tmpfs roots do */
unsigned long nr_inodes;

void fs_now(struct fs_time *t)
{
	u64 ns = ktime_get_ns();

	t->sec = (s64)(ns / NSEC_PER_SEC);
	t->nsec = (long)(ns % NSEC_PER_SEC);
}

struct inode *inode_alloc(u32 dev, unsigned int mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));

	if (!inode)
		return NULL;
	inode->ino = next_ino++;
	inode->mode = mode;
	inode->dev = dev;
	inode->refcount = 1;
	nr_inodes++;
	fs_now(&inode->mtime);
	inode->atime = inode->ctime = inode->mtime;
	return inode;
}

void iget(struct inode *inode)
{
	inode->refcount++;
}

void iput(struct inode *inode)
{
	struct inode *parent;

	if (!inode)
		return;
	BUG_ON(inode->refcount <= 0);
	if (--inode->refcount > 0)
		return;
	if (inode->nlink && !inode->ephemeral)
		return;		/* still named in a directory */
	if (inode->iop && inode->iop->evict)
		inode->iop->evict(inode);
	parent = inode->parent;
	kfree(inode->name);
	kfree(inode);
	nr_inodes--;
	if (parent && parent != inode)
		iput(parent);
}

void inode_touch_data(struct inode *inode)
{
	fs_now(&inode->mtime);
	inode->ctime = inode->mtime;
}

void inode_touch_meta(struct inode *inode)
{
	fs_now(&inode->ctime);
}

unsigned int inode_dtype(const struct inode *inode)
{
	switch (inode->mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFREG:
		return DT_REG;
	case S_IFLNK:
		return DT_LNK;
	case S_IFCHR:
		return DT_CHR;
	case S_IFBLK:
		return DT_BLK;
	case S_IFIFO:
		return DT_FIFO;
	case S_IFSOCK:
		return DT_SOCK;
	}
	return DT_UNKNOWN;
}

int inode_set_dir_link(struct inode *dir, struct inode *parent,
		       const char *name, size_t len)
{
	char *copy = kmalloc(len + 1);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	inode_adopt_dir_link(dir, parent, copy);
	return 0;
}

void inode_adopt_dir_link(struct inode *dir, struct inode *parent,
			  char *name)
{
	kfree(dir->name);
	dir->name = name;
	if (parent != dir)
		iget(parent);
	if (dir->parent && dir->parent != dir)
		iput(dir->parent);
	dir->parent = parent;
}
