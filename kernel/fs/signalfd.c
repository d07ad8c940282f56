/*
 * signalfd: a descriptor that reads the caller's pending signals. A read
 * takes signals of the file's mask off the reading thread's pending sets
 * (its own and its process's), whether they are blocked or not (they
 * usually are, so that only the descriptor sees them), and returns one
 * struct signalfd_siginfo each; it waits while none is pending. poll sees
 * it readable while one is. As on Linux, what it reads depends on who
 * reads: the pending signals are the reader's.
 */
#include <fs.h>
#include <poll.h>
#include <kmalloc.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

/* Linux's struct signalfd_siginfo: 128 bytes. */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u8 pad[46];
};
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "Linux's size");

/* Guarded by the big kernel lock. */
struct signalfd {
	kernel_sigset_t mask;		/* never SIGKILL or SIGSTOP */
};

static const struct file_operations signalfd_fops;

static void fill(struct signalfd_siginfo *s, const struct kernel_siginfo *i)
{
	memset(s, 0, sizeof(*s));
	s->ssi_signo = (u32)i->signo;
	s->ssi_errno = i->errno_;
	s->ssi_code = i->code;
	if ((i->signo == SIGSEGV || i->signo == SIGBUS || i->signo == SIGILL ||
	     i->signo == SIGFPE || i->signo == SIGTRAP) &&
	    i->code > 0 && i->code < SI_KERNEL) {
		s->ssi_addr = i->fault.addr;
		s->ssi_addr_lsb = (u16)i->fault.addr_lsb;
		return;
	}
	/* Sent by someone (kill, tgkill, a child's exit). */
	s->ssi_pid = (u32)i->kill.pid;
	s->ssi_uid = i->kill.uid;
	if (i->signo == SIGCHLD)
		s->ssi_status = i->child.status;
}

static long signalfd_read(struct file *f, struct io_buf buf, size_t n,
			  u64 *pos)
{
	struct signalfd *sfd = f->priv;
	struct signalfd_siginfo s;
	struct kernel_siginfo info;
	size_t done = 0;
	int err;

	(void)pos;
	if (n < sizeof(s))
		return -EINVAL;
	while (done + sizeof(s) <= n) {
		if (!dequeue_signal_of(sfd->mask, &info)) {
			if (done)
				break;
			if (f->flags & O_NONBLOCK)
				return -EAGAIN;
			err = wait_event_interruptible(
				current->sighand->signalfd_wait,
				pending_signals_current() & sfd->mask);
			if (err)
				return err;
			continue;
		}
		fill(&s, &info);
		if (io_copy_to(buf, done, &s, sizeof(s)) < sizeof(s))
			return done ? (long)done : -EFAULT;
		done += sizeof(s);
	}
	return (long)done;
}

static unsigned int signalfd_poll(struct file *f, struct poll_table *pt)
{
	struct signalfd *sfd = f->priv;

	poll_wait(&current->sighand->signalfd_wait, pt);
	return pending_signals_current() & sfd->mask ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
	.stream = true,
};

long sys_signalfd4(int fd, unsigned long umask, size_t size, int flags)
{
	struct signalfd *sfd;
	kernel_sigset_t mask;
	struct file *f;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, (void __user *)umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~UNBLOCKABLE_SIGNALS;
	if (fd != -1) {
		/* A new mask for a signalfd that exists. */
		f = fget(fd);
		if (!f)
			return -EBADF;
		if (f->ops != &signalfd_fops) {
			file_put(f);
			return -EINVAL;
		}
		((struct signalfd *)f->priv)->mask = mask;
		wake_up(&current->sighand->signalfd_wait);
		file_put(f);
		return fd;
	}
	sfd = kzalloc(sizeof(*sfd));
	if (!sfd)
		return -ENOMEM;
	sfd->mask = mask;
	return anon_file_install("signalfd", &signalfd_fops, sfd,
				 (unsigned int)flags);
}

long sys_signalfd(int fd, unsigned long umask, size_t size)
{
	return sys_signalfd4(fd, umask, size, 0);
}
