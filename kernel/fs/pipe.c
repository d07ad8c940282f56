/* Pipes: a 64 KiB ring (Linux's default capacity) between a read end and
 * a write end. Readers wait for data or for the last writer to go (EOF);
 * writers wait for room, and get SIGPIPE and -EPIPE once no reader is
 * left. The inode's lock is the pipe's mutex: it is held across the user
 * copy (which may sleep in a page fault) but never across a wait.
 *
 * A pipe comes from pipe2() (two files on an inode of its own) or from
 * opening a FIFO, a named pipe in the file system (mknod S_IFIFO): the
 * FIFO's inode gets a pipe at its first open and loses it, with the data,
 * when the last file closes, as on Linux. Each open file points at its
 * pipe through f->priv. */
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

/* Counts and queues are guarded by the big kernel lock; the ring by the
 * inode's lock as well (see above). */
struct pipe {
	char *buf;
	unsigned int head, tail;	/* free-running: bytes in = head-tail */
	int readers, writers;		/* open files of each end */
	/* Opens of each end ever: a FIFO's open waits for the other
	 * end to have been opened, even if it closed again since. */
	unsigned int reader_opens, writer_opens;
	struct wait_queue rwait, wwait;
};

static struct pipe *pipe_of(struct file *f)
{
	return f->priv;
}

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
	struct pipe *p = pipe_of(f);
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
	struct pipe *p = pipe_of(f);
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
	struct pipe *p = pipe_of(f);
	int n = (int)used(p);

	if (cmd != 0x541B)		/* FIONREAD */
		return -ENOTTY;
	return put_user(n, (int __user *)arg);
}

/* Readable with data or at end of file (POLLHUP: no writer left); writable
 * while a PIPE_BUF-sized write would go in whole, POLLERR with no reader. */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = pipe_of(f);
	unsigned int mask = 0;

	if (file_readable(f)) {
		poll_wait(&p->rwait, pt);
		if (used(p))
			mask |= POLLIN | POLLRDNORM;
		/* No writer left: but a FIFO reader that no writer has
		 * joined since it opened is waiting for one, not at the
		 * end (Linux's rule). */
		if (!p->writers && f->version != p->writer_opens)
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
	struct pipe *p = pipe_of(f);

	if (file_readable(f))
		p->readers--;
	if (file_writable(f))
		p->writers--;
	wake_up(&p->rwait);
	wake_up(&p->wwait);
}

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));
	struct page *pages = alloc_pages(PIPE_ORDER);

	if (!p || !pages) {
		if (pages)
			free_pages(pages, PIPE_ORDER);
		kfree(p);
		return NULL;
	}
	p->buf = page_to_virt(pages);
	wait_queue_init(&p->rwait);
	wait_queue_init(&p->wwait);
	return p;
}

static void pipe_free(struct pipe *p)
{
	free_pages(virt_to_page(p->buf), PIPE_ORDER);
	kfree(p);
}

static void pipe_evict(struct inode *inode)
{
	pipe_free(inode->u.priv);
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
	struct pipe *p = pipe_alloc();
	long err;

	if (!inode || !p) {
		if (p)
			pipe_free(p);
		if (inode) {
			inode->ephemeral = true;	/* iput frees it */
			iput(inode);
		}
		return -ENFILE;
	}
	inode->ephemeral = true;
	inode->nlink = 1;
	inode->iop = &pipe_iops;
	inode->fop = &pipe_fops;
	inode->u.priv = p;
	p->readers = p->writers = 1;	/* before file_alloc can fail */
	p->reader_opens = p->writer_opens = 1;
	flags &= O_NONBLOCK;
	err = file_alloc(inode, O_RDONLY | flags, rd);
	if (!err) {
		(*rd)->priv = p;
		err = file_alloc(inode, O_WRONLY | flags, wr);
		if (err) {
			p->writers = 0;
			file_put(*rd);
		} else {
			(*wr)->priv = p;
		}
	}
	iput(inode);		/* the files hold it now (or it dies) */
	return err;
}

/* ---- FIFOs ---- */

/*
 * Open a FIFO as Linux does: a reader waits for a writer and a writer for
 * a reader, unless O_NONBLOCK (then a reader opens at once and a writer
 * fails with ENXIO while there is no reader); O_RDWR never waits.
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	bool rd = file_readable(f), wr = file_writable(f);
	bool nonblock = f->flags & O_NONBLOCK;
	struct pipe *p = inode->fifo;
	unsigned int seen;
	int err = 0;

	if (!p && !(p = inode->fifo = pipe_alloc()))
		return -ENOMEM;
	f->priv = p;
	if (rd) {
		p->readers++;
		p->reader_opens++;
		f->version = p->writer_opens;
		wake_up(&p->wwait);
	}
	if (wr && !rd && !p->readers && nonblock) {
		err = -ENXIO;
	} else if (wr) {
		p->writers++;
		p->writer_opens++;
		wake_up(&p->rwait);
	}
	if (!err && rd && !wr && !p->writers && !nonblock) {
		seen = p->writer_opens;
		err = wait_event_interruptible(p->rwait,
					       p->writer_opens != seen);
		if (err)
			p->readers--;
	} else if (!err && wr && !rd && !p->readers) {
		seen = p->reader_opens;
		err = wait_event_interruptible(p->wwait,
					       p->reader_opens != seen);
		if (err) {
			p->writers--;
			wake_up(&p->rwait);	/* a reader may see EOF */
		}
	}
	if (err && !p->readers && !p->writers) {
		inode->fifo = NULL;
		pipe_free(p);
	}
	return err;
}

static void fifo_release(struct file *f)
{
	struct pipe *p = pipe_of(f);

	pipe_release(f);
	if (!p->readers && !p->writers) {
		f->inode->fifo = NULL;
		pipe_free(p);
	}
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = fifo_release,
	.stream = true,
};

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
