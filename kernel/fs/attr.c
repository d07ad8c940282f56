/* Changing what stat shows without touching the data: the mode (chmod),
 * the owner (chown) and the times (utimensat, utimes, utime). Every caller
 * is root here, so the kernel stores what it is asked to and checks no
 * permission; the inode keeps it, and a disk file system's write_inode
 * stores it on the disk too. */
#include <fs.h>
#include <syscalls.h>
#include <time.h>
#include <uaccess.h>

/* ---- mode ---- */

/* What changed in the inode reaches the file system's copy. */
static long write_back(struct inode *inode)
{
	return inode->iop && inode->iop->write_inode ?
	       inode->iop->write_inode(inode) : 0;
}

static long set_mode(struct inode *inode, unsigned int mode)
{
	inode->mode = (inode->mode & S_IFMT) | (mode & 07777);
	inode_touch_meta(inode);
	return write_back(inode);
}

/* chmod follows symlinks: a symlink's own mode is always 0777. */
long sys_fchmodat(int dirfd, unsigned long path, unsigned int mode)
{
	struct inode *inode;
	long err = path_lookup_at(dirfd, path, 0, LOOKUP_FOLLOW, &inode);

	if (err)
		return err;
	err = set_mode(inode, mode);
	iput(inode);
	return err;
}

long sys_fchmod(int fd, unsigned int mode)
{
	struct file *f = fget_no_path(fd);
	long err;

	if (!f)
		return -EBADF;
	err = set_mode(f->inode, mode);
	file_put(f);
	return err;
}

long sys_chmod(unsigned long path, unsigned int mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

/* ---- owner ---- */

/*
 * (u32)-1 leaves an id as it is. A chown of anything but a directory
 * takes the set-user-ID bit away, and the set-group-ID bit when group
 * execute is set too (without it the bit means mandatory locking, not
 * privilege) - even for root, and even when no id changes, as Linux does.
 */
static long set_owner(struct inode *inode, u32 uid, u32 gid)
{
	if (uid != (u32)-1)
		inode->uid = uid;
	if (gid != (u32)-1)
		inode->gid = gid;
	if (!S_ISDIR(inode->mode)) {
		inode->mode &= ~S_ISUID;
		if (inode->mode & S_IXGRP)
			inode->mode &= ~S_ISGID;
	}
	inode_touch_meta(inode);
	return write_back(inode);
}

long sys_fchownat(int dirfd, unsigned long path, unsigned int uid,
		  unsigned int gid, int flags)
{
	struct inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookup_at_flags(dirfd, path, flags, &inode);
	if (err)
		return err;
	err = set_owner(inode, uid, gid);
	iput(inode);
	return err;
}

long sys_fchown(int fd, unsigned int uid, unsigned int gid)
{
	struct file *f = fget_no_path(fd);
	long err;

	if (!f)
		return -EBADF;
	err = set_owner(f->inode, uid, gid);
	file_put(f);
	return err;
}

long sys_chown(unsigned long path, unsigned int uid, unsigned int gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(unsigned long path, unsigned int uid, unsigned int gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

/* ---- times ---- */

/* struct timespec, struct timeval and struct utimbuf as the 64-bit ABIs
 * lay them out. */
struct user_timespec {
	long tv_sec;
	long tv_nsec;
};

struct user_timeval {
	long tv_sec;
	long tv_usec;
};

struct user_utimbuf {
	long actime;
	long modtime;
};

static bool nsec_valid(long nsec)
{
	return (nsec >= 0 && nsec < (long)NSEC_PER_SEC) ||
	       nsec == UTIME_NOW || nsec == UTIME_OMIT;
}

/* Give inode the access and modification times t (NULL: both now); the
 * change time is always now. */
static long set_times(struct inode *inode, const struct user_timespec *t)
{
	struct fs_time now;
	int i;

	if (t && (!nsec_valid(t[0].tv_nsec) || !nsec_valid(t[1].tv_nsec)))
		return -EINVAL;
	fs_now(&now);
	for (i = 0; i < 2; i++) {
		struct fs_time *dst = i ? &inode->mtime : &inode->atime;

		if (!t || t[i].tv_nsec == UTIME_NOW) {
			*dst = now;
		} else if (t[i].tv_nsec != UTIME_OMIT) {
			dst->sec = t[i].tv_sec;
			dst->nsec = t[i].tv_nsec;
		}
	}
	inode->ctime = now;
	return write_back(inode);
}

/*
 * What utimensat and the older calls share. A NULL path with a real dirfd
 * is futimens: the file open at dirfd (glibc's futimens is exactly that
 * call), which takes no flags and no O_PATH descriptor.
 */
static long do_utimes(int dirfd, unsigned long path,
		      const struct user_timespec *t, int flags)
{
	struct inode *inode;
	long err;

	if (!path && dirfd != AT_FDCWD) {
		struct file *f;

		if (flags)
			return -EINVAL;
		f = fget_no_path(dirfd);
		if (!f)
			return -EBADF;
		err = set_times(f->inode, t);
		file_put(f);
		return err;
	}
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookup_at_flags(dirfd, path, flags, &inode);
	if (err)
		return err;
	err = set_times(inode, t);
	iput(inode);
	return err;
}

long sys_utimensat(int dirfd, unsigned long path, unsigned long times,
		   int flags)
{
	struct user_timespec t[2];

	if (!times)
		return do_utimes(dirfd, path, NULL, flags);
	if (copy_from_user(t, (const void __user *)times, sizeof(t)))
		return -EFAULT;
	/* Nothing to change: Linux does not even look at the path. */
	if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
		return 0;
	return do_utimes(dirfd, path, t, flags);
}

/* futimesat and utimes: microseconds, each within a second. */
long sys_futimesat(int dirfd, unsigned long path, unsigned long times)
{
	struct user_timeval tv[2];
	struct user_timespec t[2];
	int i;

	if (!times)
		return do_utimes(dirfd, path, NULL, 0);
	if (copy_from_user(tv, (const void __user *)times, sizeof(tv)))
		return -EFAULT;
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_utimes(dirfd, path, t, 0);
}

long sys_utimes(unsigned long path, unsigned long times)
{
	return sys_futimesat(AT_FDCWD, path, times);
}

long sys_utime(unsigned long path, unsigned long times)
{
	struct user_utimbuf b;
	struct user_timespec t[2];

	if (!times)
		return do_utimes(AT_FDCWD, path, NULL, 0);
	if (copy_from_user(&b, (const void __user *)times, sizeof(b)))
		return -EFAULT;
	t[0] = (struct user_timespec){ b.actime, 0 };
	t[1] = (struct user_timespec){ b.modtime, 0 };
	return do_utimes(AT_FDCWD, path, t, 0);
}
