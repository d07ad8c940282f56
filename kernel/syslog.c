/*
 * The kernel log and syslog(2) (include/kmsg.h): a ring of text lines that
 * printk fills, oldest lines dropped when it is full, read the way Linux's
 * syslog reads its log ("<level>[time] text" lines), and the console level
 * (CONSOLE_OFF/ON/LEVEL) printk obeys.
 */
#include <kmsg.h>
#include <cred.h>
#include <irq.h>
#include <kmalloc.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <syscalls.h>
#include <time.h>
#include <timer.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#define LOG_LINE_MAX	1024	/* a longer line is cut into pieces */
#define LOG_MASK	(LOG_BUF_SIZE - 1)
_Static_assert((LOG_BUF_SIZE & LOG_MASK) == 0, "LOG_BUF_SIZE: a power of 2");

/*
 * The ring. Positions are byte counts since boot, never wrapped: byte p
 * lives at buf[p & LOG_MASK] while head <= p < tail. Everything in it is
 * whole lines, each ending in '\n', so dropping the oldest line is moving
 * head past the next newline.
 *
 * log_lock guards all of it (the ring, the positions, the line being
 * joined): printk runs on any CPU, in interrupt handlers, in the idle
 * loop and with or without the big kernel lock, so only a spinlock with
 * interrupts off will do. It is never held across a user copy or a
 * sleep, and nothing else is taken under it. log_owner is the CPU that
 * holds it: an oops on that CPU while it holds the lock prints without
 * logging rather than waiting for itself.
 */
static DEFINE_SPINLOCK(log_lock);
static int log_owner = -1;
static char log_buf[LOG_BUF_SIZE];
static u64 log_head, log_tail;
static u64 read_pos;		/* SYSLOG_ACTION_READ's cursor */
static u64 clear_pos;		/* READ_ALL starts here; CLEAR moves it */

/* A line printk has not finished yet (no newline so far), its CPU and
 * when it started. A piece from another CPU ends it first. */
static char partial[LOG_LINE_MAX];
static size_t partial_len;
static int partial_cpu = -1;
static u64 partial_ns;

/* Linux's console_printk[] defaults. Read without the lock: an int. */
static int console_loglevel = LOGLEVEL_DEFAULT_CONSOLE;
static int saved_console_loglevel = -1;	/* CONSOLE_OFF's, -1: none */

static void ring_put(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		log_buf[(log_tail + i) & LOG_MASK] = s[i];
	log_tail += n;
}

/* Make room for n more bytes, oldest lines first. */
static void ring_make_room(size_t n)
{
	while (log_tail + n - log_head > LOG_BUF_SIZE) {
		while (log_buf[log_head & LOG_MASK] != '\n')
			log_head++;
		log_head++;
	}
	if (read_pos < log_head)
		read_pos = log_head;
	if (clear_pos < log_head)
		clear_pos = log_head;
}

/* The joined line becomes a record: prefix, text, newline. */
static void commit_partial(void)
{
	char prefix[40];
	u64 us = partial_ns / 1000;
	int n = snprintf(prefix, sizeof(prefix), "<%d>[%5lu.%06lu] ",
			 LOGLEVEL_DEFAULT_MESSAGE,
			 (unsigned long)(us / 1000000),
			 (unsigned long)(us % 1000000));

	ring_make_room((size_t)n + partial_len + 1);
	ring_put(prefix, (size_t)n);
	ring_put(partial, partial_len);
	ring_put("\n", 1);
	partial_len = 0;
	partial_cpu = -1;
}

bool kmsg_store(const char *text, size_t len)
{
	int me = (int)smp_processor_id();
	u64 now = ktime_get_ns();
	irqflags_t flags;
	size_t i;

	if (READ_ONCE(log_owner) == me)
		return true;
	flags = local_irq_save();
	spin_lock(&log_lock);
	WRITE_ONCE(log_owner, me);
	if (partial_len && partial_cpu != me)
		commit_partial();
	for (i = 0; i < len; i++) {
		if (!partial_len) {
			partial_cpu = me;
			partial_ns = now;
		}
		if (text[i] == '\n') {
			commit_partial();
			continue;
		}
		partial[partial_len++] = text[i];
		if (partial_len == sizeof(partial))
			commit_partial();
	}
	WRITE_ONCE(log_owner, -1);
	spin_unlock(&log_lock);
	local_irq_restore(flags);
	return LOGLEVEL_DEFAULT_MESSAGE < READ_ONCE(console_loglevel);
}

void kmsg_console_verbose(void)
{
	WRITE_ONCE(console_loglevel, 15);	/* above every level */
}

void kmsg_levels(int levels[4])
{
	levels[0] = READ_ONCE(console_loglevel);
	levels[1] = LOGLEVEL_DEFAULT_MESSAGE;
	levels[2] = LOGLEVEL_MINIMUM_CONSOLE;
	levels[3] = LOGLEVEL_DEFAULT_CONSOLE;
}

/* ---- syslog(2) ---- */

/*
 * Copy out [from, to) of the ring: under the lock into a kernel buffer
 * (the ring may move on meanwhile, and a user copy may sleep), then to
 * user memory. Bytes copied or -errno.
 */
static long copy_out(unsigned long ubuf, u64 from, size_t n, bool consume,
		     bool clear)
{
	char *kbuf = n ? kmalloc(n) : NULL;
	unsigned long flags;
	size_t i;
	long ret;

	if (n && !kbuf)
		return -ENOMEM;
	flags = spin_lock_irqsave(&log_lock);
	/* What was asked for may have been dropped since it was measured. */
	if (from < log_head) {
		size_t lost = (size_t)(log_head - from);

		n = lost < n ? n - lost : 0;
		from = log_head;
	}
	for (i = 0; i < n; i++)
		kbuf[i] = log_buf[(from + i) & LOG_MASK];
	if (consume)
		read_pos = from + n;
	if (clear)
		clear_pos = log_tail;
	spin_unlock_irqrestore(&log_lock, flags);
	ret = (long)n;
	if (n && copy_to_user((void __user *)ubuf, kbuf, n))
		ret = -EFAULT;
	kfree(kbuf);
	return ret;
}

/* READ: what has not been read yet, at most len bytes; sleeps while there
 * is none (polling each tick: printk may not wake anyone, it runs where
 * the scheduler's locks cannot be taken). */
static long syslog_read(unsigned long ubuf, size_t len)
{
	unsigned long flags;
	u64 from, avail;

	for (;;) {
		flags = spin_lock_irqsave(&log_lock);
		from = read_pos;
		avail = log_tail - read_pos;
		spin_unlock_irqrestore(&log_lock, flags);
		if (avail)
			break;
		if (sleep_until_deadline(ktime_get_ns() + TICK_NSEC))
			return -ERESTARTSYS;
	}
	return copy_out(ubuf, from, MIN(len, (size_t)avail), true, false);
}

/* READ_ALL: the newest whole lines since the last CLEAR that fit in len,
 * oldest first, as Linux gives them. */
static long syslog_read_all(unsigned long ubuf, size_t len, bool clear)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	u64 from = clear_pos;

	while (log_tail - from > len) {
		while (from < log_tail && log_buf[from & LOG_MASK] != '\n')
			from++;
		from++;
	}
	if (from > log_tail)
		from = log_tail;
	spin_unlock_irqrestore(&log_lock, flags);
	return copy_out(ubuf, from, (size_t)(log_tail - from), false, clear);
}

/* What an unprivileged caller may do (Linux with dmesg_restrict = 0, its
 * default): read the whole log and ask its size. */
static bool unrestricted(int type)
{
	return type == SYSLOG_ACTION_READ_ALL ||
	       type == SYSLOG_ACTION_SIZE_BUFFER;
}

long sys_syslog(unsigned long type_arg, unsigned long buf,
		unsigned long len_arg)
{
	int type = (int)type_arg, len = (int)len_arg;
	unsigned long flags;
	long n;

	if (!unrestricted(type) && !cred_privileged(current))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok((void __user *)buf, (size_t)len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ)
			return syslog_read(buf, (size_t)len);
		return syslog_read_all(buf, (size_t)len,
				       type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		flags = spin_lock_irqsave(&log_lock);
		clear_pos = log_tail;
		spin_unlock_irqrestore(&log_lock, flags);
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel < 0)
			saved_console_loglevel = console_loglevel;
		WRITE_ONCE(console_loglevel, LOGLEVEL_MINIMUM_CONSOLE);
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel >= 0) {
			WRITE_ONCE(console_loglevel, saved_console_loglevel);
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		WRITE_ONCE(console_loglevel,
			   MAX(len, LOGLEVEL_MINIMUM_CONSOLE));
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		flags = spin_lock_irqsave(&log_lock);
		n = (long)(log_tail - read_pos);
		spin_unlock_irqrestore(&log_lock, flags);
		return n;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_SIZE;
	}
	return -EINVAL;
}
