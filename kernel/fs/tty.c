/* The console terminal (/dev/console, /dev/tty): Linux's canonical line
 * discipline on the UART. Input is edited and signals raised as bytes
 * arrive (interrupt context); readers sleep until a line or byte is ready. */
#include <fs.h>
#include <console.h>
#include <irq.h>
#include <kmalloc.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/termios.h>

#define TTY_BUF 4096			/* power of two */
#define CTRL(c) ((c) & 0x1f)

/* What a slot of the input ring holds besides its byte. */
enum { SLOT_CHAR, SLOT_LINE_END, SLOT_EOF };

struct tty {
	struct termios termios;
	struct winsize winsize;
	int pgrp;			/* foreground process group, 0: none */
	int session;		/* the session it controls, 0: none */
	/* Free-running indices: [tail, canon_head) is ready for readers,
	 * [canon_head, head) the line still being edited (canonical). */
	unsigned int head, tail, canon_head;
	char buf[TTY_BUF];
	u8 kind[TTY_BUF];
	struct wait_queue read_wait;
};

static struct tty console_tty = {
	.termios = {
		.c_iflag = ICRNL | IXON,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B38400 | CS8 | CREAD | HUPCL,
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |
			   ECHOKE | IEXTEN,
		.c_cc = {
			[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'),
			[VERASE] = 0x7f, [VKILL] = CTRL('U'),
			[VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1,
			[VSTART] = CTRL('Q'), [VSTOP] = CTRL('S'),
			[VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'),
			[VDISCARD] = CTRL('O'), [VWERASE] = CTRL('W'),
			[VLNEXT] = CTRL('V'),
		},
	},
	.winsize = { .ws_row = 24, .ws_col = 80 },
	.read_wait = WAIT_QUEUE_INIT(console_tty.read_wait),
};

static bool is_ctrl(char c)
{
	return ((unsigned char)c < 0x20 && c != '\t' && c != '\n') ||
	       c == 0x7f;
}

static void echo(struct tty *tty, char c)
{
	if (!(tty->termios.c_lflag & ECHO))
		return;
	if ((tty->termios.c_lflag & ECHOCTL) && is_ctrl(c) && c != '\r') {
		console_putc('^');
		console_putc(c ^ 0x40);
	} else {
		console_putc(c);
	}
}

/* Take back the last byte of the line being edited, on screen too. */
static bool erase_one(struct tty *tty)
{
	char c;

	if (tty->head == tty->canon_head)
		return false;
	tty->head--;
	c = tty->buf[tty->head % TTY_BUF];
	if ((tty->termios.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE)) {
		console_write("\b \b", 3);
		if ((tty->termios.c_lflag & ECHOCTL) && is_ctrl(c))
			console_write("\b \b", 3);
	}
	return true;
}

static void put_slot(struct tty *tty, char c, u8 kind)
{
	tty->buf[tty->head % TTY_BUF] = c;
	tty->kind[tty->head % TTY_BUF] = kind;
	tty->head++;
}

static void flush_input(struct tty *tty)
{
	tty->tail = tty->canon_head = tty->head;
}

/* A signal character: flush, echo, signal the foreground group. */
static void raise_signal(struct tty *tty, char c, int sig)
{
	if (!(tty->termios.c_lflag & NOFLSH))
		flush_input(tty);
	echo(tty, c);
	if (tty->pgrp > 0)
		kill_pgrp(tty->pgrp, sig);
	wake_up(&tty->read_wait);
}

static bool is_cc(const struct tty *tty, char c, int idx)
{
	return tty->termios.c_cc[idx] && c == (char)tty->termios.c_cc[idx];
}

static void receive_canon(struct tty *tty, char c)
{
	unsigned int lflag = tty->termios.c_lflag;

	if (is_cc(tty, c, VERASE) || c == '\b' || c == 0x7f) {
		erase_one(tty);
		return;
	}
	if (is_cc(tty, c, VKILL)) {
		while (erase_one(tty))
			;
		return;
	}
	if (is_cc(tty, c, VWERASE) && (lflag & IEXTEN)) {
		while (tty->head != tty->canon_head &&
		       tty->buf[(tty->head - 1) % TTY_BUF] == ' ')
			erase_one(tty);
		while (tty->head != tty->canon_head &&
		       tty->buf[(tty->head - 1) % TTY_BUF] != ' ')
			erase_one(tty);
		return;
	}
	if (is_cc(tty, c, VEOF)) {
		if (tty->head - tty->tail >= TTY_BUF)
			return;
		put_slot(tty, c, SLOT_EOF);
		tty->canon_head = tty->head;
		wake_up(&tty->read_wait);
		return;
	}
	if (c == '\n' || is_cc(tty, c, VEOL) || is_cc(tty, c, VEOL2)) {
		if (tty->head - tty->tail >= TTY_BUF)
			return;
		put_slot(tty, c, SLOT_LINE_END);
		tty->canon_head = tty->head;
		if ((lflag & ECHO) || (c == '\n' && (lflag & ECHONL)))
			console_putc(c);
		wake_up(&tty->read_wait);
		return;
	}
	/* Keep the last slot for the newline that ends the line. */
	if (tty->head - tty->tail >= TTY_BUF - 1)
		return;
	put_slot(tty, c, SLOT_CHAR);
	echo(tty, c);
}

void tty_receive(char c)
{
	struct tty *tty = &console_tty;
	unsigned int iflag = tty->termios.c_iflag;

	if (iflag & ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (iflag & IGNCR)
			return;
		if (iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (iflag & INLCR)) {
		c = '\r';
	}
	if (tty->termios.c_lflag & ISIG) {
		if (is_cc(tty, c, VINTR)) {
			raise_signal(tty, c, SIGINT);
			return;
		}
		if (is_cc(tty, c, VQUIT)) {
			raise_signal(tty, c, SIGQUIT);
			return;
		}
		if (is_cc(tty, c, VSUSP)) {
			raise_signal(tty, c, SIGTSTP);
			return;
		}
	}
	if (tty->termios.c_lflag & ICANON) {
		receive_canon(tty, c);
		return;
	}
	if (tty->head - tty->tail >= TTY_BUF)
		return;		/* full: drop, as a UART overrun */
	put_slot(tty, c, SLOT_CHAR);
	tty->canon_head = tty->head;
	echo(tty, c);
	wake_up(&tty->read_wait);
}

/* Route console input here from now on (every open: the kernel monitor
 * may have taken it back), with what was typed before. */
static void attach(void)
{
	irqflags_t flags = local_irq_save();
	int c;

	while ((c = console_getc_nonblock()) >= 0)
		tty_receive((char)c);
	console_set_input_handler(tty_receive);
	local_irq_restore(flags);
}

/* Can a read of n bytes return now? Interrupts are off. */
static bool readable(struct tty *tty, size_t n, bool nonblock)
{
	unsigned int avail = tty->canon_head - tty->tail;
	unsigned int min;

	if (tty->termios.c_lflag & ICANON)
		return avail > 0;
	min = tty->termios.c_cc[VMIN];
	if (!min && !tty->termios.c_cc[VTIME])
		return true;			/* pure polling read */
	if (nonblock)
		return avail > 0;
	/* VTIME is not timed here: VMIN=0 waits for one byte. */
	return avail >= MIN(MAX(min, 1u), (unsigned int)n);
}

/* Move what a read may take into kbuf (interrupts off). */
static size_t take(struct tty *tty, char *kbuf, size_t n)
{
	bool canon = tty->termios.c_lflag & ICANON;
	size_t done = 0;

	while (done < n && tty->tail != tty->canon_head) {
		unsigned int i = tty->tail % TTY_BUF;

		if (canon && tty->kind[i] == SLOT_EOF) {
			tty->tail++;	/* ends this read; 0 bytes = EOF */
			break;
		}
		kbuf[done++] = tty->buf[i];
		tty->tail++;
		if (canon && tty->kind[i] == SLOT_LINE_END)
			break;
	}
	return done;
}

/*
 * A read from a process group in the background of the terminal's session
 * stops that group with SIGTTIN and starts over once it is continued;
 * with SIGTTIN ignored or blocked, or nobody left to continue the group,
 * it fails with EIO (POSIX job control, as Linux).
 */
static int background_read(struct tty *tty)
{
	struct thread_group *g = current->group;

	if (!g || !tty->pgrp || g->sid != tty->session || g->pgid == tty->pgrp)
		return 0;
	if (signal_ignored_or_blocked(current, SIGTTIN) ||
	    pgrp_orphaned(g->pgid))
		return -EIO;
	kill_pgrp(g->pgid, SIGTTIN);
	return -ERESTARTSYS;
}

static long tty_read(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	struct tty *tty = &console_tty;
	bool nonblock = f->flags & O_NONBLOCK;
	irqflags_t flags;
	size_t got;
	char *kbuf;
	int err;

	(void)pos;
	err = background_read(tty);
	if (err)
		return err;
	if (!n)
		return 0;
	n = MIN(n, (size_t)TTY_BUF);
	kbuf = kmalloc(n);
	if (!kbuf)
		return -ENOMEM;
	flags = local_irq_save();
	if (!readable(tty, n, nonblock)) {
		if (nonblock) {
			local_irq_restore(flags);
			kfree(kbuf);
			return -EAGAIN;
		}
		err = wait_event_interruptible(tty->read_wait,
					       readable(tty, n, false));
		if (err) {
			local_irq_restore(flags);
			kfree(kbuf);
			return err;
		}
	}
	got = take(tty, kbuf, n);
	local_irq_restore(flags);
	/* Linux too loses what it took if the user buffer is bad. */
	err = got && io_copy_to(buf, 0, kbuf, got) < got ? -EFAULT : 0;
	kfree(kbuf);
	return err ? err : (long)got;
}

/* Readable when a read would return at once (a whole line in canonical
 * mode; in raw mode VMIN bytes when VTIME is 0, as Linux's poll counts,
 * else one); the console always takes output. */
static unsigned int tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = &console_tty;
	unsigned int avail = tty->canon_head - tty->tail;
	unsigned int need = 1;
	unsigned int mask = POLLOUT | POLLWRNORM;

	(void)f;
	poll_wait(&tty->read_wait, pt);
	if (!(tty->termios.c_lflag & ICANON) && tty->termios.c_cc[VMIN] &&
	    !tty->termios.c_cc[VTIME])
		need = tty->termios.c_cc[VMIN];
	if (avail >= need)
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static long tty_write(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	char chunk[256];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t len = MIN(n - done, sizeof(chunk));
		size_t got = io_copy_from(chunk, buf, done, len);

		console_write(chunk, got);	/* '\n' goes out as "\r\n" */
		done += got;
		if (got < len)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

static bool pgrp_exists(int pgrp)
{
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->group_leader == t && t->group &&
		    t->group->pgid == pgrp &&
		    t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
			return true;
	}
	return false;
}

static int current_pgid(void)
{
	return current && current->group ? current->group->pgid : 0;
}

static long set_termios(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	struct termios t;
	irqflags_t flags;

	if (copy_from_user(&t, (const void __user *)arg, sizeof(t)))
		return -EFAULT;
	flags = local_irq_save();
	tty->termios = t;
	if (cmd == TCSETSF)
		flush_input(tty);
	/* Leaving canonical mode makes the line being edited readable;
	 * otherwise (stty -echo, say) it stays editable. */
	if (!(t.c_lflag & ICANON))
		tty->canon_head = tty->head;
	local_irq_restore(flags);
	wake_up(&tty->read_wait);
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = &console_tty;
	void __user *uarg = (void __user *)arg;
	int val;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(uarg, &tty->termios, sizeof(tty->termios)) ?
		       -EFAULT : 0;
	case TCSETS:
	case TCSETSW:	/* output is written synchronously: drained */
	case TCSETSF:
		return set_termios(tty, cmd, arg);
	case TIOCGWINSZ:
		return copy_to_user(uarg, &tty->winsize, sizeof(tty->winsize)) ?
		       -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, uarg,
				      sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		/* No foreground group yet: say the caller's, so a shell
		 * checking "am I in the foreground?" goes ahead. */
		val = tty->pgrp ? tty->pgrp : current_pgid();
		return put_user(val, (int __user *)uarg);
	case TIOCSPGRP:
		if (get_user(val, (int __user *)uarg))
			return -EFAULT;
		if (val <= 0)
			return -EINVAL;
		if (!pgrp_exists(val))
			return -ESRCH;
		tty->pgrp = val;
		return 0;
	case TIOCGSID:
		val = tty->session ? tty->session :
		      (current->group ? current->group->sid : 0);
		return put_user(val, (int __user *)uarg);
	case TIOCSCTTY:
		if (current->group) {
			tty->session = current->group->sid;
			tty->pgrp = current->group->pgid;
		}
		return 0;
	case TIOCNOTTY:
		if (current->group && tty->session == current->group->sid &&
		    current->group->sid == current->tgid)
			tty->session = tty->pgrp = 0;
		return 0;
	case FIONREAD:
		val = (int)(tty->canon_head - tty->tail);
		return put_user(val, (int __user *)uarg);
	case TIOCOUTQ:
		val = 0;
		return put_user(val, (int __user *)uarg);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			irqflags_t flags = local_irq_save();

			flush_input(tty);
			local_irq_restore(flags);
		}
		return 0;
	case TCSBRK:
	case TCXONC:
		return 0;
	}
	return -ENOTTY;
}

/* The first opener's session gets the console as its controlling
 * terminal (init, via files_open_console), unless O_NOCTTY. */
static int tty_open(struct inode *inode, struct file *f)
{
	struct tty *tty = &console_tty;

	(void)inode;
	attach();
	if (!(f->flags & O_NOCTTY) && !tty->session && current &&
	    current->group) {
		tty->session = current->group->sid;
		tty->pgrp = current->group->pgid;
	}
	return 0;
}

int tty_session(void)
{
	return console_tty.session;
}

int tty_foreground_pgrp(void)
{
	return console_tty.pgrp;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
	.stream = true,
};
