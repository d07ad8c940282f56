/* Descriptor control: dup/dup2/dup3, fcntl and the ioctl entry point
 * (device ioctls go to the file's driver). */
#include <fs.h>
#include <sched.h>
#include <syscalls.h>
#include <uaccess.h>

#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIONBIO		0x5421

/* The status flags F_SETFL may change; the rest are fixed at open. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

long sys_dup(int fd)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = files_install(current->files, f, 0, false);
	file_put(f);
	return ret;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	struct file *f;
	long ret;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	ret = files_install_at(current->files, f, newfd, flags & O_CLOEXEC);
	file_put(f);
	return ret;
}

long sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget(oldfd);

		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

long sys_fcntl(int fd, int cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	struct file *f = fget(fd);
	long ret = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= NR_OPEN ? -EINVAL :
		      files_install(files, f, (int)arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		ret = files->cloexec[fd] ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		files->cloexec[fd] = arg & FD_CLOEXEC;
		break;
	case F_GETFL:
		ret = f->flags;
		break;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | ((unsigned int)arg &
						       SETFL_MASK);
		break;
	case F_GETLK: {
		/* Record locks are not kept: report every range unlocked
		 * (struct flock starts with short l_type). */
		short unlocked = 2;	/* F_UNLCK */

		if (put_user(unlocked, (short __user *)arg))
			ret = -EFAULT;
		break;
	}
	case F_SETLK:
	case F_SETLKW:
		break;		/* granted: one machine, no sharing */
	case F_GETOWN:
	case F_SETOWN:
		break;
	case F_GETPIPE_SZ:
		ret = S_ISFIFO(f->inode->mode) ? PIPE_CAPACITY : -EBADF;
		break;
	default:
		ret = -EINVAL;
		break;
	}
	file_put(f);
	return ret;
}

long sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret = 0;
	int on;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		current->files->cloexec[fd] = cmd == FIOCLEX;
		break;
	case FIONBIO:
		if (get_user(on, (int __user *)arg)) {
			ret = -EFAULT;
			break;
		}
		if (on)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~O_NONBLOCK;
		break;
	default:
		ret = (f->ops && f->ops->ioctl && !(f->flags & O_PATH)) ?
		      f->ops->ioctl(f, cmd, arg) : -ENOTTY;
		break;
	}
	file_put(f);
	return ret;
}
