/*
 * epoll: a set of watched files kept in the kernel, so that waiting for
 * many of them does not mean naming them all again on every call.
 *
 * An epoll instance (struct eventpoll, behind its own descriptor) holds
 * one epitem per watched file. Adding a file asks its poll operation once
 * with a poll table of the item's own (include/poll.h): the item's wait
 * entries stay on the file's queues for as long as it is watched, and
 * their wake function marks the item woken and wakes whoever sleeps in
 * epoll_wait. epoll_wait then asks each item's file what is ready:
 * level-triggered items are reported while ready, EPOLLET items once per
 * wake-up, EPOLLONESHOT items once until EPOLL_CTL_MOD re-arms them.
 *
 * A watched file is not held open by the epoll instance: its last close
 * takes it out of every set (eventpoll_release), as on Linux. Everything
 * is guarded by the big kernel lock, with interrupts off where a wake-up
 * (which may come from an interrupt handler) can reach it.
 */
#include <fs.h>
#include <poll.h>
#include <kmalloc.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <timer.h>
#include <uaccess.h>
#include <asm/syscall.h>
#include <uapi/errno.h>

#define EPOLL_CLOEXEC	O_CLOEXEC
#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLIN		0x00000001
#define EPOLLERR	0x00000008
#define EPOLLHUP	0x00000010
#define EPOLLEXCLUSIVE	(1U << 28)
#define EPOLLWAKEUP	(1U << 29)
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)
/* Flags about how to report, not events a file can have. */
#define EPOLL_MODE_FLAGS (EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)

/* How many "watches" a chain of epoll instances may have (Linux's limit:
 * five instances, each watching the next). */
#define EPOLL_MAX_NESTS	4

struct epoll_event {
	u32 events;
	u64 data;
} ARCH_EPOLL_EVENT_PACKED;

struct eventpoll {
	struct file *file;		/* its own (not a reference) */
	struct list_head items;		/* struct epitem, in the order added */
	struct wait_queue wq;		/* epoll_wait sleeps here */
	struct wait_queue poll_wq;	/* whoever polls this instance */
	unsigned int nr_items;
};

struct epitem_entry {
	struct wait_entry entry;
	struct epitem *item;
};

struct epitem {
	struct list_head ep_node;	/* in eventpoll.items */
	struct list_head file_node;	/* in file.epoll_items */
	struct eventpoll *ep;
	struct file *file;		/* not a reference: see above */
	int fd;
	u32 events;			/* wanted, plus the mode flags */
	u64 data;
	bool woken;			/* a queue woke since last reported */
	bool disarmed;			/* EPOLLONESHOT reported it */
	struct poll_table table;	/* for the first look */
	struct epitem_entry entries[POLL_QUEUES_PER_FILE];
	unsigned int nr_entries;
};

static const struct file_operations eventpoll_fops;

/* ---- the watched files ---- */

static void item_woken(struct wait_entry *e)
{
	struct epitem *item = container_of(e, struct epitem_entry,
					   entry)->item;

	item->woken = true;
	wake_up(&item->ep->wq);
	wake_up(&item->ep->poll_wq);
}

static void item_queue(struct poll_table *pt, struct wait_queue *wq)
{
	struct epitem *item = container_of(pt, struct epitem, table);
	struct epitem_entry *ie;

	if (item->nr_entries == POLL_QUEUES_PER_FILE)
		return;
	ie = &item->entries[item->nr_entries++];
	list_init(&ie->entry.node);
	ie->entry.task = NULL;
	ie->entry.wake = item_woken;
	ie->item = item;
	add_wait_entry(wq, &ie->entry);
}

/* The events of item that are true now and that it asked for. */
static u32 item_ready(struct epitem *item)
{
	u32 wanted = (item->events & ~EPOLL_MODE_FLAGS) | EPOLLERR | EPOLLHUP;

	return file_poll(item->file, NULL) & wanted;
}

static void item_remove(struct epitem *item)
{
	unsigned long irqs = arch_irq_save();
	unsigned int i;

	for (i = 0; i < item->nr_entries; i++)
		remove_wait_entry(&item->entries[i].entry);
	arch_irq_restore(irqs);
	list_del(&item->ep_node);
	list_del(&item->file_node);
	item->ep->nr_items--;
	kfree(item);
}

void eventpoll_release(struct file *f)
{
	while (!list_empty(&f->epoll_items))
		item_remove(list_entry(f->epoll_items.next, struct epitem,
				       file_node));
}

static struct epitem *find_item(struct eventpoll *ep, struct file *f, int fd)
{
	struct list_head *pos;

	list_for_each(pos, &ep->items) {
		struct epitem *item = list_entry(pos, struct epitem, ep_node);

		if (item->file == f && item->fd == fd)
			return item;
	}
	return NULL;
}

/* ---- reporting ---- */

/* May item be reported at all now (not a spent one-shot, and for EPOLLET
 * only after a wake-up since it was last reported)? */
static bool item_may_report(const struct epitem *item)
{
	return !item->disarmed && (!(item->events & EPOLLET) || item->woken);
}

/*
 * Fill out[] with up to max ready items; how many. Level-triggered items
 * while ready; EPOLLET ones only if woken since they were last reported;
 * EPOLLONESHOT ones once.
 */
static int collect(struct eventpoll *ep, struct epoll_event *out, int max)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, &ep->items) {
		struct epitem *item = list_entry(pos, struct epitem, ep_node);
		u32 ready;

		if (n == max)
			break;
		if (!item_may_report(item))
			continue;
		ready = item_ready(item);
		if (!ready)
			continue;
		item->woken = false;
		if (item->events & EPOLLONESHOT)
			item->disarmed = true;
		out[n].events = ready;
		out[n].data = item->data;
		n++;
	}
	return n;
}

/* Is anything ready, for a poll of the instance itself (nested epoll)? */
static bool any_ready(struct eventpoll *ep, int depth)
{
	struct list_head *pos;

	/* A chain has at most EPOLL_MAX_NESTS + 1 instances. */
	if (depth > EPOLL_MAX_NESTS + 1)
		return false;
	list_for_each(pos, &ep->items) {
		struct epitem *item = list_entry(pos, struct epitem, ep_node);

		if (!item_may_report(item))
			continue;
		if (item->file->ops == &eventpoll_fops) {
			if (any_ready(item->file->priv, depth + 1))
				return true;
		} else if (item_ready(item)) {
			return true;
		}
	}
	return false;
}

static unsigned int eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->priv;

	poll_wait(&ep->poll_wq, pt);
	return any_ready(ep, 1) ? POLLIN | POLLRDNORM : 0;
}

static void eventpoll_free(struct file *f)
{
	struct eventpoll *ep = f->priv;

	while (!list_empty(&ep->items))
		item_remove(list_entry(ep->items.next, struct epitem, ep_node));
	kfree(ep);
}

static const struct file_operations eventpoll_fops = {
	.poll = eventpoll_poll,
	.release = eventpoll_free,
	.stream = true,
};

/* ---- the system calls ---- */

long sys_epoll_create1(int flags)
{
	struct eventpoll *ep;
	struct file *f;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	list_init(&ep->items);
	wait_queue_init(&ep->wq);
	wait_queue_init(&ep->poll_wq);
	fd = anon_file_install("eventpoll", &eventpoll_fops, ep,
			       (unsigned int)flags);
	if (fd < 0)
		return fd;
	/* Nothing ran since the install: fd is still this file. */
	f = fget(fd);
	ep->file = f;
	file_put(f);
	return fd;
}

long sys_epoll_create(int size)
{
	return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

/* How many epoll levels sit below ep (0: it watches no epoll), counting
 * at most past the limit. */
static int depth_below(struct eventpoll *ep, int limit)
{
	struct list_head *pos;
	int deepest = 0;

	if (limit < 0)
		return 1;
	list_for_each(pos, &ep->items) {
		struct epitem *item = list_entry(pos, struct epitem, ep_node);

		if (item->file->ops == &eventpoll_fops)
			deepest = MAX(deepest, 1 + depth_below(item->file->priv,
							       limit - 1));
	}
	return deepest;
}

/* ... and above it: the instances that watch it, and so on. */
static int depth_above(struct eventpoll *ep, int limit)
{
	struct list_head *pos;
	int highest = 0;

	if (limit < 0 || !ep->file)
		return limit < 0;
	list_for_each(pos, &ep->file->epoll_items) {
		struct epitem *item = list_entry(pos, struct epitem, file_node);

		highest = MAX(highest, 1 + depth_above(item->ep, limit - 1));
	}
	return highest;
}

/* Does target watch ep, at any depth? */
static bool watches(struct eventpoll *target, struct eventpoll *ep, int limit)
{
	struct list_head *pos;

	if (target == ep)
		return true;
	if (limit < 0)
		return false;
	list_for_each(pos, &target->items) {
		struct epitem *item = list_entry(pos, struct epitem, ep_node);

		if (item->file->ops == &eventpoll_fops &&
		    watches(item->file->priv, ep, limit - 1))
			return true;
	}
	return false;
}

/* Would ep watching target close a loop, or make a chain of instances
 * longer than EPOLL_MAX_NESTS (a wake-up walks the whole chain)? */
static bool closes_loop(struct eventpoll *ep, struct eventpoll *target)
{
	return watches(target, ep, EPOLL_MAX_NESTS) ||
	       depth_above(ep, EPOLL_MAX_NESTS) + 1 +
	       depth_below(target, EPOLL_MAX_NESTS) > EPOLL_MAX_NESTS;
}

static long ctl_add(struct eventpoll *ep, struct file *f, int fd,
		    const struct epoll_event *ev)
{
	struct epitem *item;
	unsigned long irqs;

	if (find_item(ep, f, fd))
		return -EEXIST;
	if (f->ops == &eventpoll_fops && closes_loop(ep, f->priv))
		return -ELOOP;
	item = kzalloc(sizeof(*item));
	if (!item)
		return -ENOMEM;
	item->ep = ep;
	item->file = f;
	item->fd = fd;
	item->events = ev->events;
	item->data = ev->data;
	item->table.queue = item_queue;
	/* Ready already counts as news for EPOLLET. */
	item->woken = true;
	list_add_tail(&item->ep_node, &ep->items);
	list_add_tail(&item->file_node, &f->epoll_items);
	ep->nr_items++;
	irqs = arch_irq_save();
	file_poll(f, &item->table);
	arch_irq_restore(irqs);
	if (item_ready(item)) {
		wake_up(&ep->wq);
		wake_up(&ep->poll_wq);
	}
	return 0;
}

long sys_epoll_ctl(int epfd, int op, int fd, unsigned long uevent)
{
	struct epoll_event ev = { 0, 0 };
	struct file *epf, *f;
	struct eventpoll *ep;
	struct epitem *item;
	long err = 0;

	if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_DEL && op != EPOLL_CTL_MOD)
		return -EINVAL;
	if (op != EPOLL_CTL_DEL &&
	    copy_from_user(&ev, (void __user *)uevent, sizeof(ev)))
		return -EFAULT;
	epf = fget(epfd);
	if (!epf)
		return -EBADF;
	f = fget(fd);
	if (!f) {
		file_put(epf);
		return -EBADF;
	}
	/* Files that are always ready (no poll operation) cannot be
	 * watched: Linux says EPERM. */
	if (!f->ops || !f->ops->poll)
		err = -EPERM;
	else if (epf->ops != &eventpoll_fops || f == epf)
		err = -EINVAL;
	else if ((ev.events & EPOLLEXCLUSIVE) && op == EPOLL_CTL_MOD)
		err = -EINVAL;
	if (err)
		goto out;
	ep = epf->priv;
	item = find_item(ep, f, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		err = ctl_add(ep, f, fd, &ev);
		break;
	case EPOLL_CTL_DEL:
		if (item)
			item_remove(item);
		else
			err = -ENOENT;
		break;
	case EPOLL_CTL_MOD:
		if (!item) {
			err = -ENOENT;
			break;
		}
		if (item->events & EPOLLEXCLUSIVE) {
			err = -EINVAL;
			break;
		}
		item->events = ev.events;
		item->data = ev.data;
		item->disarmed = false;
		item->woken = true;
		if (item_ready(item)) {
			wake_up(&ep->wq);
			wake_up(&ep->poll_wq);
		}
		break;
	}
out:
	file_put(f);
	file_put(epf);
	return err;
}

/*
 * Wait until something is ready (how many were written to events), a
 * signal (-EINTR) or the deadline (0). deadline_ns 0: none; no_wait: look
 * once.
 */
static long epoll_wait_common(int epfd, unsigned long uevents, int max,
			      u64 deadline_ns, bool no_wait)
{
	struct epoll_event *out;
	struct eventpoll *ep;
	struct file *epf;
	long n = 0, ret;
	int room;

	if (max <= 0 || (size_t)max > 0x7fffffff / sizeof(*out))
		return -EINVAL;
	if (!access_ok((void __user *)uevents, (size_t)max * sizeof(*out)))
		return -EFAULT;
	epf = fget(epfd);
	if (!epf)
		return -EBADF;
	if (epf->ops != &eventpoll_fops) {
		file_put(epf);
		return -EINVAL;
	}
	ep = epf->priv;
	room = MIN(max, (int)ep->nr_items + 1);
	out = kmalloc((size_t)room * sizeof(*out));
	if (!out) {
		file_put(epf);
		return -ENOMEM;
	}
	if (no_wait)
		ret = 0, n = collect(ep, out, room);
	else
		ret = wait_event_interruptible_deadline(ep->wq,
			(n = collect(ep, out, room)) > 0, deadline_ns);
	if (ret == -ETIMEDOUT)
		ret = 0;
	if (!ret && n && copy_to_user((void __user *)uevents, out,
				      (size_t)n * sizeof(*out)))
		ret = -EFAULT;
	kfree(out);
	file_put(epf);
	if (ret == -ERESTARTSYS)
		return -EINTR;	/* never restarted, as on Linux */
	return ret ? ret : n;
}

static u64 ms_deadline(int timeout_ms, bool *no_wait)
{
	*no_wait = timeout_ms == 0;
	return timeout_ms > 0 ? ktime_get_ns() + (u64)timeout_ms * 1000000ULL
			      : 0;
}

long sys_epoll_wait(int epfd, unsigned long events, int max, int timeout)
{
	bool no_wait;
	u64 deadline = ms_deadline(timeout, &no_wait);

	return epoll_wait_common(epfd, events, max, deadline, no_wait);
}

/* With a temporary signal mask, kept until a signal that ended the wait
 * is delivered (the sigsuspend rule, as ppoll's). */
long sys_epoll_pwait(int epfd, unsigned long events, int max, int timeout,
		     unsigned long usigmask, size_t sigsetsize)
{
	kernel_sigset_t mask;
	bool no_wait;
	u64 deadline = ms_deadline(timeout, &no_wait);
	long ret;

	if (!usigmask)
		return epoll_wait_common(epfd, events, max, deadline, no_wait);
	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (void __user *)usigmask, sizeof(mask)))
		return -EFAULT;
	current->saved_blocked = current->blocked;
	current->blocked = mask & ~UNBLOCKABLE_SIGNALS;
	ret = epoll_wait_common(epfd, events, max, deadline, no_wait);
	if (ret == -EINTR)
		current->restore_blocked = true;
	else
		current->blocked = current->saved_blocked;
	return ret;
}
