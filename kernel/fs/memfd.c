/*
 * memfd_create: an anonymous file, a ramfs regular file that no directory
 * names, so it lives as long as a descriptor or a mapping holds it. It is
 * read, written, truncated and mapped (MAP_SHARED included) like any ramfs
 * file; /proc shows it as "/memfd:<name> (deleted)" as Linux does.
 * MFD_ALLOW_SEALING is accepted, but the seals themselves (F_ADD_SEALS,
 * F_GET_SEALS) are not there yet: fcntl says EINVAL for them.
 */
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_HUGETLB		0x0004U
#define MEMFD_NAME_MAX		249	/* NAME_MAX less "memfd:" */

long sys_memfd_create(unsigned long uname, unsigned int flags)
{
	char name[MEMFD_NAME_MAX + 1];
	struct inode *inode;
	struct file *f;
	long len, err;
	int fd;

	/* No huge pages to back it (MFD_HUGETLB: EINVAL, as a Linux without
	 * hugetlbfs says). */
	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;
	len = strncpy_from_user(name, (const char __user *)uname,
				sizeof(name));
	if (len < 0)
		return len;
	if ((size_t)len >= sizeof(name))
		return -EINVAL;
	inode = ramfs_new_file();
	if (!inode)
		return -ENOMEM;
	inode->name = kmalloc(strlen(name) + sizeof("memfd:"));
	if (inode->name)
		snprintf(inode->name, strlen(name) + sizeof("memfd:"),
			 "memfd:%s", name);
	err = file_alloc(inode, O_RDWR, &f);
	iput(inode);			/* the file holds it now */
	if (err)
		return err;
	fd = files_install(current->files, f, 0, flags & MFD_CLOEXEC);
	file_put(f);
	return fd;
}
