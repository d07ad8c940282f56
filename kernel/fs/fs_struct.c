/* fs_struct: a process's working directory and umask, shared by CLONE_FS
 * threads, copied by fork. */
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <sched.h>

struct fs_struct *fs_create(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refcount = 1;
	fs->umask = 022;
	fs->cwd = fs_root;	/* NULL before fs_init: means the root */
	if (fs->cwd)
		iget(fs->cwd);
	return fs;
}

struct fs_struct *fs_copy(struct fs_struct *old)
{
	struct fs_struct *fs = fs_create();

	if (!fs || !old)
		return fs;
	fs->umask = old->umask;
	if (old->cwd)
		iget(old->cwd);
	iput(fs->cwd);
	fs->cwd = old->cwd;
	return fs;
}

void fs_get(struct fs_struct *fs)
{
	fs->refcount++;
}

void fs_put(struct fs_struct *fs)
{
	if (!fs)
		return;
	BUG_ON(fs->refcount <= 0);
	if (--fs->refcount > 0)
		return;
	iput(fs->cwd);
	kfree(fs);
}

struct inode *current_cwd(void)
{
	struct inode *cwd = fs_root;

	if (current && current->fs && current->fs->cwd)
		cwd = current->fs->cwd;
	iget(cwd);
	return cwd;
}

unsigned int current_umask(void)
{
	return current && current->fs ? current->fs->umask : 022;
}
