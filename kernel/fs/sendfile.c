/*
 * sendfile: copy from one file to another inside the kernel, through a
 * page-sized bounce buffer, with Linux's rules: the source must be a file
 * with positions (not a pipe or a tty: EINVAL), the target may be any
 * writable file but not one opened O_APPEND (EINVAL); with an offset
 * pointer the source's own position is left alone and the pointer is
 * moved on instead. Short counts come from the end of the source or a
 * full target; an error after some bytes went through is not reported.
 */
#include <fs.h>
#include <kmalloc.h>
#include <page.h>
#include <sched.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

static long copy_between(struct file *in, struct file *out, u64 *in_pos,
			 size_t count)
{
	char *bounce = kmalloc(PAGE_SIZE);
	struct io_buf b = { bounce, false };
	size_t done = 0;
	long ret = 0;

	if (!bounce)
		return -ENOMEM;
	while (done < count) {
		size_t chunk = MIN(count - done, (size_t)PAGE_SIZE);
		long got = file_read(in, b, chunk, in_pos);
		long put;

		if (got <= 0) {
			ret = got;
			break;
		}
		put = file_write(out, b, (size_t)got, &out->pos);
		if (put < 0) {
			ret = put;
			*in_pos -= (u64)got;	/* not sent: not consumed */
			break;
		}
		done += (size_t)put;
		if (put < got) {
			*in_pos -= (u64)(got - put);
			break;
		}
		if (signal_pending_current())
			break;
	}
	kfree(bounce);
	return done ? (long)done : ret;
}

long sys_sendfile(int out_fd, int in_fd, unsigned long uoffset,
		  size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	long ret = 0;
	long off;
	u64 pos;

	if (!in || !out || !file_readable(in) || !file_writable(out)) {
		ret = -EBADF;
		goto done;
	}
	if ((in->ops && in->ops->stream) || S_ISDIR(in->inode->mode) ||
	    (out->flags & O_APPEND)) {
		ret = -EINVAL;
		goto done;
	}
	if (uoffset) {
		if (get_user(off, (long __user *)uoffset)) {
			ret = -EFAULT;
			goto done;
		}
		if (off < 0) {
			ret = -EINVAL;
			goto done;
		}
		pos = (u64)off;
	} else {
		pos = in->pos;
	}
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	ret = copy_between(in, out, &pos, count);
	if (uoffset) {
		if (put_user((long)pos, (long __user *)uoffset))
			ret = -EFAULT;
	} else {
		in->pos = pos;
	}
done:
	file_put(in);
	file_put(out);
	return ret;
}
