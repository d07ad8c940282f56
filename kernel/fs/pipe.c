/* Pipes: a 64 KiB ring (Linux's default capacity) between a read end and
 * a write end. Readers wait for data or for the last writer to go (EOF);
 * writers wait for room, and get SIGPIPE and -EPIPE once no reader is
 * left. The inode's lock is the pipe's mutex: it is held across the user
 * copy (which may sleep in a page fault) but never across a wait. */
#include <fs.h>
#include <kmalloc.h>
#include <page.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>

#define PIPE_ORDER 4
#define PIPE_SIZE (PAGE_SIZE << PIPE_ORDER)
_Static_assert(PIPE_SIZE == PIPE_CAPACITY, "fs.h's PIPE_CAPACITY");

struct pipe {
	char *buf;
	unsigned int head, tail;	/* free-running: bytes in = head-tail */
	int readers, writers;		/* open files of each end */
	struct wait_queue rwait, wwait;
};

static unsigned int used(const struct pipe *p)
{
	return p->head - p->tail;
}

/*
 * Linux keeps a pipe's data in page-sized buffers and copies a buffer to
 * or from the user whole or not at all: when the user buffer faults part
 * way, the bytes of that page-sized piece do not count. The ring copies in
 * pieces that end at page boundaries to give the same answers (e.g. read
 * or write with a buffer whose second half is unmapped: -EFAULT, and the
 * data stays in the pipe).
 */
static size_t piece(size_t left, unsigned int ring_pos)
{
	return MIN(left, (size_t)(PAGE_SIZE - ring_pos % PAGE_SIZE));
}

/* Copy up to n bytes out of the ring; only whole pieces that reached the
 * user leave it (a fault leaves the rest for the next read). */
static size_t ring_out(struct pipe *p, struct io_buf buf, size_t n)
{
	size_t done = 0;

	n = MIN(n, (size_t)used(p));
	while (done < n) {
		unsigned int off = p->tail % PIPE_SIZE;
		size_t chunk = piece(n - done, off);

		if (io_copy_to(buf, done, p->buf + off, chunk) < chunk)
			break;
		p->tail += chunk;
		done += chunk;
	}
	return done;
}

/* Copy up to n bytes (as many as there is room for) into the ring in
 * whole pieces; *fault says the user buffer ended the copy. */
static size_t ring_in(struct pipe *p, struct io_buf buf, size_t off,
		      size_t n, bool *fault)
{
	size_t done = 0;

	*fault = false;
	n = MIN(n, (size_t)(PIPE_SIZE - used(p)));
	while (done < n) {
		unsigned int at = p->head % PIPE_SIZE;
		size_t chunk = piece(n - done, at);

		if (io_copy_from(p->buf + at, buf, off + done, chunk) < chunk) {
			*fault = true;	/* the partial piece does not count */
			break;
		}
		p->head += chunk;
		done += chunk;
	}
	return done;
}

static long pipe_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	struct rw_semaphore *lock = &f->inode->lock;
	struct pipe *p = f->inode->u.priv;
	size_t got;
	int err;

	(void)pos;
	if (!n)
		return 0;
	for (;;) {
		down_write(lock);
		if (used(p))
			break;
		up_write(lock);
		if (!p->writers)
			return 0;		/* EOF */
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(p->rwait,
					       used(p) || !p->writers);
		if (err)
			return err;
	}
	got = ring_out(p, buf, n);
	up_write(lock);
	if (got)
		wake_up(&p->wwait);
	return got ? (long)got : -EFAULT;
}

static void sigpipe(void)
{
	struct kernel_siginfo info = {
		.signo = SIGPIPE,
		.code = SI_USER,
	};

	info.kill.pid = current->tgid;
	send_signal_to_thread(current, SIGPIPE, &info);
}

/* Room for what this round must put in at once: a write of up to PIPE_BUF
 * bytes goes in whole, a longer one a byte at a time if need be. */
static bool room_for(struct pipe *p, size_t left)
{
	size_t room = PIPE_SIZE - used(p);

	return left <= PIPE_BUF ? room >= left : room > 0;
}

static long pipe_write(struct file *f, struct io_buf buf, size_t n,
		       u64 *pos)
{
	struct rw_semaphore *lock = &f->inode->lock;
	struct pipe *p = f->inode->u.priv;
	size_t done = 0;
	long err = 0;

	(void)pos;
	if (!n)
		return 0;
	down_write(lock);
	while (done < n) {
		bool fault;
		size_t got;

		if (!p->readers) {
			sigpipe();
			err = -EPIPE;
			break;
		}
		if (!room_for(p, n - done)) {
			if (f->flags & O_NONBLOCK) {
				err = -EAGAIN;
				break;
			}
			up_write(lock);
			err = wait_event_interruptible(p->wwait,
				room_for(p, n - done) || !p->readers);
			down_write(lock);
			if (err)
				break;
			continue;
		}
		got = ring_in(p, buf, done, n - done, &fault);
		if (got)
			wake_up(&p->rwait);
		done += got;
		if (fault) {
			err = -EFAULT;
			break;
		}
	}
	up_write(lock);
	return done ? (long)done : err;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->inode->u.priv;
	int n = (int)used(p);

	if (cmd != 0x541B)		/* FIONREAD */
		return -ENOTTY;
	return put_user(n, (int __user *)arg);
}

/* Readable with data or at end of file (POLLHUP: no writer left); writable
 * while a PIPE_BUF-sized write would go in whole, POLLERR with no reader. */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->inode->u.priv;
	unsigned int mask = 0;

	if (file_readable(f)) {
		poll_wait(&p->rwait, pt);
		if (used(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (file_writable(f)) {
		poll_wait(&p->wwait, pt);
		if (PIPE_SIZE - used(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->inode->u.priv;

	if (file_readable(f))
		p->readers--;
	if (file_writable(f))
		p->writers--;
	wake_up(&p->rwait);
	wake_up(&p->wwait);
}

static void pipe_evict(struct inode *inode)
{
	struct pipe *p = inode->u.priv;

	free_pages(virt_to_page(p->buf), PIPE_ORDER);
	kfree(p);
}

static const struct inode_operations pipe_iops = {
	.evict = pipe_evict,
};

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
	.stream = true,
};

long pipe_create(unsigned int flags, struct file **rd, struct file **wr)
{
	struct inode *inode = inode_alloc(PIPEFS_DEV, S_IFIFO | 0600);
	struct pipe *p = kzalloc(sizeof(*p));
	struct page *pages = alloc_pages(PIPE_ORDER);
	long err;

	if (!inode || !p || !pages) {
		if (pages)
			free_pages(pages, PIPE_ORDER);
		kfree(p);
		kfree(inode);
		return -ENFILE;
	}
	p->buf = page_to_virt(pages);
	wait_queue_init(&p->rwait);
	wait_queue_init(&p->wwait);
	inode->ephemeral = true;
	inode->nlink = 1;
	inode->iop = &pipe_iops;
	inode->fop = &pipe_fops;
	inode->u.priv = p;
	p->readers = p->writers = 1;	/* before file_alloc can fail */
	flags &= O_NONBLOCK;
	err = file_alloc(inode, O_RDONLY | flags, rd);
	if (!err) {
		err = file_alloc(inode, O_WRONLY | flags, wr);
		if (err) {
			p->writers = 0;
			file_put(*rd);
		}
	}
	iput(inode);		/* the files hold it now (or it dies) */
	return err;
}

long sys_pipe2(unsigned long ufds, int flags)
{
	struct files_struct *files = current->files;
	struct file *rd, *wr;
	int fds[2];
	long err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = pipe_create((unsigned int)flags, &rd, &wr);
	if (err)
		return err;
	fds[0] = files_install(files, rd, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] :
		 files_install(files, wr, 0, flags & O_CLOEXEC);
	file_put(rd);
	file_put(wr);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			files_close(files, fds[0]);
		return fds[1];
	}
	if (copy_to_user((void __user *)ufds, fds, sizeof(fds))) {
		files_close(files, fds[0]);
		files_close(files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(unsigned long fds)
{
	return sys_pipe2(fds, 0);
}
