/* The working directory and umask syscalls: chdir, fchdir, getcwd, umask. */
#include <fs.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscalls.h>
#include <uaccess.h>

long sys_chdir(unsigned long upath)
{
	struct inode *base, *dir;
	char *path;
	long err = getname(upath, &path);

	if (err < 0)
		return err;
	err = at_base(AT_FDCWD, path, &base);
	if (!err) {
		err = path_walk(base, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
				&dir);
		iput(base);
	}
	kfree(path);
	if (err)
		return err;
	if (!current->fs) {
		iput(dir);
		return -ENOENT;
	}
	iput(current->fs->cwd);
	current->fs->cwd = dir;
	return 0;
}

long sys_fchdir(int fd)
{
	struct file *f = fget(fd);
	long err = 0;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode))
		err = -ENOTDIR;
	else if (!current->fs)
		err = -ENOENT;
	if (!err) {
		iget(f->inode);
		iput(current->fs->cwd);
		current->fs->cwd = f->inode;
	}
	file_put(f);
	return err;
}

long sys_getcwd(unsigned long buf, size_t size)
{
	struct inode *cwd = current_cwd();
	char *kbuf = kmalloc(PATH_MAX);
	long n;

	if (!kbuf) {
		iput(cwd);
		return -ENOMEM;
	}
	n = inode_path(cwd, kbuf, MIN(size, (size_t)PATH_MAX));
	iput(cwd);
	if (n >= 0) {
		n++;			/* Linux counts the NUL */
		if (copy_to_user((void __user *)buf, kbuf, (size_t)n))
			n = -EFAULT;
	}
	kfree(kbuf);
	return n;
}

long sys_umask(unsigned int mask)
{
	unsigned int old;

	if (!current->fs)
		return 022;
	old = current->fs->umask;
	current->fs->umask = mask & 0777;
	return old;
}
