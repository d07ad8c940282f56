/*
 * /dev/slow: a device whose pages are "still being produced". Each open file
 * is an object of SLOW_PAGES pages; a page is requested by the first fault
 * on it and becomes ready a few ticks later (or only when released, while
 * the file is held). A fault that finds its page not ready drops the mmap
 * lock, sleeps until the page is due (a kernel timer) or released, and returns
 * VM_FAULT_RETRY: the real VM_FAULT_RETRY path of generic_fault, with the
 * lock free for other threads meanwhile. See include/uapi/slowdev.h.
 */
#include <fs.h>
#include <mm.h>
#include <fault.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <timer.h>
#include <uapi/slowdev.h>

/* Guarded by the big kernel lock, which faults on objects hold
 * (include/mm.h, vm_operations). */
struct slow_dev {
	struct page *pages[SLOW_PAGES];	/* produced pages */
	u64 due_ns[SLOW_PAGES];		/* when it is ready; 0: not asked */
	unsigned long delay;		/* ticks from request to ready */
	bool held;			/* nothing becomes ready */
	struct wait_queue released;	/* woken when held ends */
	int waiters;			/* faults sleeping for a page */
	unsigned long produced;
};

static bool ready(struct slow_dev *sd, unsigned long pgoff)
{
	return !sd->held && ktime_get_ns() >= sd->due_ns[pgoff];
}

/*
 * Sleep until the page is ready or the fault must give up
 * (fault_wait_interrupted: any signal for a user fault, a fatal one in
 * kernel mode). A timer wakes us when the page is due, the ioctl that
 * ends `held` wakes us, and so does a signal.
 */
static void wait_ready(struct slow_dev *sd, unsigned long pgoff,
		       unsigned int flags)
{
	unsigned long irqs = arch_irq_save();
	struct sleep_timer due;

	sd->waiters++;
	sleep_timer_start(&due, sd->due_ns[pgoff]);
	for (;;) {
		prepare_to_wait(&sd->released, true);
		if (ready(sd, pgoff) || fault_wait_interrupted(flags))
			break;
		schedule();
	}
	finish_wait(&sd->released);
	sleep_timer_stop(&due);
	sd->waiters--;
	arch_irq_restore(irqs);
}

/* The page's contents: every 64-bit word says where it is. */
static struct page *produce(struct slow_dev *sd, unsigned long pgoff)
{
	struct page *page = alloc_page();
	u64 *w;
	unsigned int i;

	if (!page)
		return NULL;
	w = page_to_virt(page);
	for (i = 0; i < PAGE_SIZE / 8; i++)
		w[i] = SLOW_WORD(pgoff * PAGE_SIZE + i * 8);
	sd->pages[pgoff] = page;	/* the object's reference */
	sd->produced++;
	return page;
}

static unsigned int slow_fault(struct vm_area_struct *vma,
			       unsigned long pgoff, unsigned int flags,
			       struct page **page)
{
	struct file *f = vma->vm_file;
	struct slow_dev *sd = vma->vm_private;
	unsigned int ret = 0;

	if (pgoff >= SLOW_PAGES)
		return VM_FAULT_SIGBUS;
	if (!sd->pages[pgoff]) {
		if (!sd->due_ns[pgoff])
			sd->due_ns[pgoff] = ktime_get_ns() +
					    sd->delay * TICK_NSEC;
		if (!ready(sd, pgoff)) {
			if (!(flags & FAULT_FLAG_ALLOW_RETRY)) {
				/* The caller keeps the lock: wait with it. */
				wait_ready(sd, pgoff, flags);
				if (!ready(sd, pgoff))
					return VM_FAULT_SIGBUS;
			} else {
				/* vma may go once the lock is dropped; the
				 * file (and sd with it) stays while we hold
				 * a reference. */
				file_get(f);
				mmap_unlock_for_wait(vma);
				wait_ready(sd, pgoff, flags);
				file_put(f);
				return VM_FAULT_RETRY;
			}
		}
		if (!produce(sd, pgoff))
			return VM_FAULT_OOM;
		ret = VM_FAULT_MAJOR;	/* it had to be waited for */
	}
	get_page(sd->pages[pgoff]);
	*page = sd->pages[pgoff];
	return ret;
}

static const struct vm_operations slow_vm_ops = {
	.fault = slow_fault,
	.open = file_vma_open,
	.close = file_vma_close,
};

static int slow_open(struct inode *inode, struct file *f)
{
	struct slow_dev *sd = kzalloc(sizeof(*sd));

	(void)inode;
	if (!sd)
		return -ENOMEM;
	sd->delay = SLOW_DEFAULT_DELAY;
	wait_queue_init(&sd->released);
	f->priv = sd;
	return 0;
}

static void slow_release(struct file *f)
{
	struct slow_dev *sd = f->priv;
	unsigned int i;

	for (i = 0; i < SLOW_PAGES; i++)
		if (sd->pages[i])
			put_page(sd->pages[i]);
	kfree(sd);
}

static long slow_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct slow_dev *sd = f->priv;

	switch (cmd) {
	case SLOW_IOC_HOLD:
		sd->held = arg != 0;
		if (!sd->held)
			wake_up(&sd->released);
		return 0;
	case SLOW_IOC_DELAY:
		if (arg > 100 * HZ)
			return -EINVAL;
		sd->delay = arg;
		return 0;
	case SLOW_IOC_WAITERS:
		return sd->waiters;
	case SLOW_IOC_PRODUCED:
		return (long)sd->produced;
	}
	return -ENOTTY;
}

static int slow_mmap(struct file *f, struct vm_backing *b)
{
	b->ops = &slow_vm_ops;
	b->private = f->priv;
	return 0;
}

const struct file_operations slow_fops = {
	.open = slow_open,
	.release = slow_release,
	.ioctl = slow_ioctl,
	.mmap = slow_mmap,
};
