/*
 * Files that are not in any directory: the eventfd, timerfd and the like.
 * Each gets an inode of its own that dies with its last file (ephemeral),
 * named "[kind]" as Linux's /proc/<pid>/fd shows "anon_inode:[kind]",
 * and goes straight into the caller's descriptor table.
 */
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

/* No file came to own priv: release it as the file would have. */
static void release_unowned(const struct file_operations *fops, void *priv)
{
	struct file stand_in = { .priv = priv, .ops = fops };

	if (fops->release)
		fops->release(&stand_in);
}

int anon_file_install(const char *kind, const struct file_operations *fops,
		      void *priv, unsigned int flags)
{
	struct inode *inode = inode_alloc(ANON_INODE_DEV, 0600);
	struct file *f;
	long err;
	int fd;

	if (!inode) {
		release_unowned(fops, priv);
		return -ENFILE;
	}
	inode->ephemeral = true;
	inode->nlink = 1;
	inode->fop = fops;
	inode->name = kmalloc(strlen(kind) + 3);
	if (inode->name)
		snprintf(inode->name, strlen(kind) + 3, "[%s]", kind);
	err = file_alloc(inode, O_RDWR | (flags & O_NONBLOCK), &f);
	iput(inode);		/* the file holds it now */
	if (err) {
		release_unowned(fops, priv);
		return (int)err;
	}
	f->priv = priv;
	fd = files_install(current->files, f, 0, flags & O_CLOEXEC);
	file_put(f);		/* the table holds it, or it goes */
	return fd;
}
