/*
 * timerfd: a timer read through a file descriptor. timerfd_settime arms
 * it (relative or TFD_TIMER_ABSTIME, one-shot or with an interval); each
 * expiry adds one to a count that read returns and resets (waiting while
 * it is 0), and poll sees it readable while the count is not zero. The
 * expiries are kernel timers (include/timer.h), so they are as precise as
 * the tick. Every clock counts from boot here (kernel/sys.c), so REALTIME,
 * MONOTONIC and BOOTTIME timers behave alike.
 */
#include <fs.h>
#include <poll.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscalls.h>
#include <timer.h>
#include <irq.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_BOOTTIME		7
#define CLOCK_REALTIME_ALARM	8
#define CLOCK_BOOTTIME_ALARM	9

#define TFD_TIMER_ABSTIME	1
#define TFD_TIMER_CANCEL_ON_SET	2
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK

/* Guarded by the big kernel lock, as its timer is. */
struct timerfd {
	struct timer timer;
	int clock;
	u64 interval_ns;
	u64 expiries;			/* since the last read */
	struct wait_queue wq;		/* readers waiting */
};

struct user_timespec {
	long sec, nsec;
};

struct user_itimerspec {
	struct user_timespec interval, value;
};

/* Count every period that has passed (the tick may come late and miss
 * some), and arm for the next one. */
static void timerfd_fire(struct timer *t)
{
	struct timerfd *tf = container_of(t, struct timerfd, timer);

	tf->expiries++;
	if (tf->interval_ns)
		tf->expiries += timer_rearm_periodic(t, tf->interval_ns);
	wake_up(&tf->wq);
}

static long timerfd_read(struct file *f, struct io_buf buf, size_t n,
			 u64 *pos)
{
	struct timerfd *tf = f->priv;
	irqflags_t flags;
	u64 value;
	int err;

	(void)pos;
	if (n < sizeof(value))
		return -EINVAL;
	if (!tf->expiries) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(tf->wq, tf->expiries != 0);
		if (err)
			return err;
	}
	/* The tick adds to the count: take it whole with it held off. */
	flags = local_irq_save();
	value = tf->expiries;
	tf->expiries = 0;
	local_irq_restore(flags);
	if (io_copy_to(buf, 0, &value, sizeof(value)) < sizeof(value))
		return -EFAULT;
	return sizeof(value);
}

static unsigned int timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd *tf = f->priv;

	poll_wait(&tf->wq, pt);
	return tf->expiries ? POLLIN | POLLRDNORM : 0;
}

static void timerfd_release(struct file *f)
{
	struct timerfd *tf = f->priv;

	timer_cancel(&tf->timer);
	kfree(tf);
}

static const struct file_operations timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
	.stream = true,
};

long sys_timerfd_create(int clock, int flags)
{
	struct timerfd *tf;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME && clock != CLOCK_REALTIME_ALARM &&
	    clock != CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	tf = kzalloc(sizeof(*tf));
	if (!tf)
		return -ENOMEM;
	tf->clock = clock;
	timer_init(&tf->timer, timerfd_fire);
	wait_queue_init(&tf->wq);
	return anon_file_install("timerfd", &timerfd_fops, tf,
				 (unsigned int)flags);
}

/* The timerfd behind fd: EBADF for no file, EINVAL for another kind. */
static long timerfd_get(int fd, struct file **out)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (f->ops != &timerfd_fops) {
		file_put(f);
		return -EINVAL;
	}
	*out = f;
	return 0;
}

static u64 timespec_ns(const struct user_timespec *ts)
{
	return time_to_ns_sat((u64)ts->sec, (u64)ts->nsec);
}

static struct user_timespec ns_timespec(u64 ns)
{
	struct user_timespec ts = { (long)(ns / NSEC_PER_SEC),
				    (long)(ns % NSEC_PER_SEC) };

	return ts;
}

static bool valid_timespec(const struct user_timespec *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && ts->nsec < (long)NSEC_PER_SEC;
}

static struct user_itimerspec timerfd_now(struct timerfd *tf)
{
	struct user_itimerspec v = { { 0, 0 }, { 0, 0 } };
	u64 now = ktime_get_ns();

	v.interval = ns_timespec(tf->interval_ns);
	if (tf->timer.pending)
		/* Due, the tick not yet come: the smallest nonzero value. */
		v.value = ns_timespec(tf->timer.expires_ns > now ?
				      tf->timer.expires_ns - now : 1);
	return v;
}

long sys_timerfd_settime(int fd, int flags, unsigned long unew,
			 unsigned long uold)
{
	struct user_itimerspec v, old;
	struct timerfd *tf;
	struct file *f;
	long err;

	if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	if (copy_from_user(&v, (void __user *)unew, sizeof(v)))
		return -EFAULT;
	if (!valid_timespec(&v.value) || !valid_timespec(&v.interval))
		return -EINVAL;
	err = timerfd_get(fd, &f);
	if (err)
		return err;
	tf = f->priv;
	/* TFD_TIMER_CANCEL_ON_SET asks to hear of the real-time clock being
	 * set; nothing sets it here, so there is never anything to tell. */
	old = timerfd_now(tf);
	timer_cancel(&tf->timer);
	tf->expiries = 0;
	tf->interval_ns = timespec_ns(&v.interval);
	if (v.value.sec || v.value.nsec) {
		u64 when = timespec_ns(&v.value);

		/* A deadline in the past fires at the next tick. */
		timer_arm(&tf->timer, flags & TFD_TIMER_ABSTIME ? when :
			  ns_add_sat(ktime_get_ns(), when));
	}
	file_put(f);
	if (uold && copy_to_user((void __user *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timerfd_gettime(int fd, unsigned long ucur)
{
	struct user_itimerspec v;
	struct file *f;
	long err = timerfd_get(fd, &f);

	if (err)
		return err;
	v = timerfd_now(f->priv);
	file_put(f);
	return copy_to_user((void __user *)ucur, &v, sizeof(v)) ? -EFAULT : 0;
}
