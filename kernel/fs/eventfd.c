/*
 * eventfd: a 64-bit counter behind a file descriptor, for one thread or
 * process to signal another. write adds to the counter, read takes it all
 * and leaves 0 (EFD_SEMAPHORE: takes 1); a read of 0 waits, and so does a
 * write that would bring the counter to 2^64 - 1. poll and select see it
 * readable while the counter is not zero. Linux's semantics and errnos.
 */
#include <fs.h>
#include <poll.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK
#define COUNT_MAX	(~0ULL - 1)	/* the counter never goes above */

/* Guarded by the big kernel lock. */
struct eventfd {
	u64 count;
	bool semaphore;
	struct wait_queue wq;		/* readers and writers waiting */
};

static long eventfd_read(struct file *f, struct io_buf buf, size_t n,
			 u64 *pos)
{
	struct eventfd *e = f->priv;
	u64 value;
	int err;

	(void)pos;
	if (n < sizeof(value))
		return -EINVAL;
	if (!e->count) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(e->wq, e->count != 0);
		if (err)
			return err;
	}
	value = e->semaphore ? 1 : e->count;
	e->count -= value;
	wake_up(&e->wq);
	/* Linux too has taken the value when the copy faults. */
	if (io_copy_to(buf, 0, &value, sizeof(value)) < sizeof(value))
		return -EFAULT;
	return sizeof(value);
}

static long eventfd_write(struct file *f, struct io_buf buf, size_t n,
			  u64 *pos)
{
	struct eventfd *e = f->priv;
	u64 value;
	int err;

	(void)pos;
	if (n < sizeof(value))
		return -EINVAL;
	if (io_copy_from(&value, buf, 0, sizeof(value)) < sizeof(value))
		return -EFAULT;
	if (value == ~0ULL)
		return -EINVAL;
	if (COUNT_MAX - e->count < value) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(e->wq,
					       COUNT_MAX - e->count >= value);
		if (err)
			return err;
	}
	e->count += value;
	wake_up(&e->wq);
	return sizeof(value);
}

static unsigned int eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd *e = f->priv;
	unsigned int mask = 0;

	poll_wait(&e->wq, pt);
	if (e->count)
		mask |= POLLIN | POLLRDNORM;
	if (e->count < COUNT_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static void eventfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

long sys_eventfd2(unsigned int initval, int flags)
{
	struct eventfd *e;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	e = kzalloc(sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->count = initval;
	e->semaphore = flags & EFD_SEMAPHORE;
	wait_queue_init(&e->wq);
	return anon_file_install("eventfd", &eventfd_fops, e,
				 (unsigned int)flags);
}

long sys_eventfd(unsigned int initval)
{
	return sys_eventfd2(initval, 0);
}
