/* Pipes: a one-page ring between a read end and a write end. Readers wait
 * for data or for the last writer to go (EOF); writers wait for room, and
 * get SIGPIPE and -EPIPE once no reader is left. */
#include <fs.h>
#include <kmalloc.h>
#include <page.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>

#define PIPE_SIZE PAGE_SIZE

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

static long pipe_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	struct pipe *p = f->inode->u.priv;
	size_t done = 0;
	char *kbuf;
	int err;

	(void)pos;
	if (!n)
		return 0;
	if (!used(p) && p->writers) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(p->rwait,
					       used(p) || !p->writers);
		if (err)
			return err;
	}
	/* Take the bytes out before the user copy, which may sleep (a page
	 * fault) while another reader or writer runs. */
	n = MIN(n, (size_t)used(p));
	if (!n)
		return 0;		/* no writers left: EOF */
	kbuf = kmalloc(n);
	if (!kbuf)
		return -ENOMEM;
	while (done < n) {
		unsigned int off = p->tail % PIPE_SIZE;
		size_t chunk = MIN(n - done, (size_t)(PIPE_SIZE - off));

		memcpy(kbuf + done, p->buf + off, chunk);
		p->tail += chunk;
		done += chunk;
	}
	wake_up(&p->wwait);
	if (io_copy_to(buf, 0, kbuf, n) < n)
		err = -EFAULT;
	else
		err = 0;
	kfree(kbuf);
	return err ? err : (long)n;
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

static long pipe_write(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	struct pipe *p = f->inode->u.priv;
	size_t done = 0;
	char *kbuf;
	long err = 0;

	(void)pos;
	if (!n)
		return 0;
	if (!p->readers) {
		sigpipe();
		return -EPIPE;
	}
	/* Bytes are copied in before they go into the ring: the copy may
	 * sleep in a page fault while others use the pipe. What the ring
	 * had no room for is copied again on the next round. */
	kbuf = kmalloc(MIN(n, (size_t)PIPE_SIZE));
	if (!kbuf)
		return -ENOMEM;
	while (done < n) {
		size_t chunk = MIN(n - done, (size_t)PIPE_SIZE), got, i;
		/* Up to PIPE_BUF bytes go in at once or not at all. */
		size_t need = n - done <= PIPE_BUF ? chunk : 1;

		got = io_copy_from(kbuf, buf, done, chunk);
		if (!got) {
			err = -EFAULT;
			break;
		}
		need = MIN(need, got);
		if (PIPE_SIZE - used(p) < need && p->readers) {
			if (f->flags & O_NONBLOCK) {
				err = -EAGAIN;
				break;
			}
			err = wait_event_interruptible(p->wwait,
				PIPE_SIZE - used(p) >= need || !p->readers);
			if (err)
				break;
		}
		if (!p->readers) {
			sigpipe();
			err = -EPIPE;
			break;
		}
		got = MIN(got, (size_t)(PIPE_SIZE - used(p)));
		for (i = 0; i < got; i++)
			p->buf[(p->head + i) % PIPE_SIZE] = kbuf[i];
		p->head += got;
		done += got;
		wake_up(&p->rwait);
	}
	kfree(kbuf);
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

	free_page_va(p->buf);
	kfree(p);
}

static const struct inode_operations pipe_iops = {
	.evict = pipe_evict,
};

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.stream = true,
};

long pipe_create(unsigned int flags, struct file **rd, struct file **wr)
{
	struct inode *inode = inode_alloc(PIPEFS_DEV, S_IFIFO | 0600);
	struct pipe *p = kzalloc(sizeof(*p));
	long err;

	if (!inode || !p || !(p->buf = get_zeroed_page())) {
		kfree(p);
		kfree(inode);
		return -ENFILE;
	}
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
