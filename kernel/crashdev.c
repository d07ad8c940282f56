/*
 * /dev/crash: crash injection for tests, only with `crashdev` on the
 * command line. A process that writes a kind to it oopses in the kernel on
 * its own behalf, and so is killed while the kernel goes on (kernel/oops.c):
 * user/tests/crash.c checks the oops text and that the system still works.
 */
#include <oops.h>
#include <fs.h>
#include <cmdline.h>
#include <kernel_map.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include <spinlock.h>
#include <bkl.h>
#include <string.h>
#include <uapi/errno.h>

#define CRASH_MAJOR 1
#define CRASH_MINOR 251

/* An address the compiler cannot see through (it would warn, or turn a
 * known-bad access into a trap instruction of its own). */
static unsigned long hide(unsigned long addr)
{
	__asm__ volatile("" : "+r"(addr));
	return addr;
}

static void crash_null(void)
{
	WRITE_ONCE(*(volatile int *)hide(0), 1);
}

/*
 * The same NULL store with the caller's mmap lock held, as a bug under
 * mmap() (writing) or in the fault path (reading) would have it: the oops
 * must release it (kernel/oops.c) or the caller's other threads would hang
 * on it, and with them its parent's wait.
 */
static void crash_null_mmap_locked(bool write)
{
	struct mm_struct *mm = current->mm;

	if (write)
		down_write(&mm->mmap_lock);
	else
		down_read(&mm->mmap_lock);
	crash_null();
	if (write)
		up_write(&mm->mmap_lock);
	else
		up_read(&mm->mmap_lock);
}

/* A store into this very function: text is mapped read-only. */
static void crash_wtext(void)
{
	WRITE_ONCE(*(volatile u8 *)hide((unsigned long)crash_wtext), 0);
}

/*
 * A plain load from the caller's own buffer: a user address, mapped and
 * present (we have just copied the kind from it), read outside the uaccess
 * helpers. Only the hardware guard stops it (riscv64 sstatus.SUM clear,
 * x86_64 SMAP, arm64 PAN). Without one the load simply works.
 */
static long crash_uaccess(struct io_buf buf)
{
	unsigned long addr = (unsigned long)buf.base;
	char c;

	if (!buf.user)
		return -EINVAL;
	c = READ_ONCE(*(volatile const char *)hide(addr));
	printk("crash: uaccess: the kernel read user address %#lx ('%c') "
	       "without a fault: this CPU has no guard against kernel "
	       "access to user memory\n", addr, c);
	return -EOPNOTSUPP;
}

#ifdef KSTACK_GUARD
/* Frames of a few hundred bytes each, far more of them than a kernel
 * stack holds: the guard page below the stack stops the recursion. The
 * work after the call keeps it from becoming a loop. */
static __attribute__((noinline)) long overflow(volatile char *up,
					       unsigned long depth)
{
	volatile char frame[256];

	frame[0] = up ? up[0] + 1 : 0;
	frame[sizeof(frame) - 1] = frame[0];
	if (!depth)
		return frame[0];
	return overflow(frame, depth - 1) + frame[sizeof(frame) - 1];
}
#endif

static long crash_stack(void)
{
#ifdef KSTACK_GUARD
	long r = overflow(NULL, 4 * KSTACK_SIZE / 256);

	printk("crash: stack: %ld frames and no overflow\n", r);
	return -EIO;
#else
	/* Until kernel stacks have guard pages (KSTACK_GUARD in
	 * include/sched.h), an overflow would corrupt whatever lies below
	 * the stack instead of oopsing. */
	printk("crash: stack overflow needs kernel stack guard pages\n");
	return -ENOSYS;
#endif
}

/*
 * The lock checker's reports (kernel/lockcheck_hooks.c), on locks of the
 * asking task's own: an order inversion (a then b, then b then a), a sleep
 * with a spinlock held, and bkl_lock() with one held (a user fault, which
 * runs without the BKL, that took it under the page-table lock would
 * deadlock against the BKL's holder). Without the checker: ENOSYS.
 */
enum crash_lock_kind { LOCK_ORDER, LOCK_SLEEP, LOCK_BKL };

static long crash_lock(enum crash_lock_kind kind)
{
#ifdef CONFIG_LOCK_CHECKER
	static const char *const names[] = { "order", "sleep", "bkl" };
	unsigned long flags;
	spinlock_t a, b;

	spin_lock_init(&a, "crash_lock_a");
	spin_lock_init(&b, "crash_lock_b");
	flags = spin_lock_irqsave(&a);
	if (kind == LOCK_SLEEP) {
		schedule();
	} else if (kind == LOCK_BKL) {
		bkl_lock();		/* held already: the rule still holds */
		bkl_unlock();
		spin_unlock_irqrestore(&a, flags);
	} else {
		spin_lock(&b);
		spin_unlock(&b);
		spin_unlock(&a);
		spin_lock(&b);
		spin_lock(&a);
	}
	printk("crash: lock_%s: the lock checker said nothing\n",
	       names[kind]);
	return -EIO;
#else
	(void)kind;
	printk("crash: lock checks need LOCK_CHECKER=1\n");
	return -ENOSYS;
#endif
}

static long crash_write(struct file *f, struct io_buf buf, size_t n, u64 *pos)
{
	char kind[16];
	size_t len = MIN(n, sizeof(kind) - 1);

	(void)f, (void)pos;
	if (!boot_options.crashdev)
		return -ENXIO;
	if (io_copy_from(kind, buf, 0, len) < len)
		return -EFAULT;
	while (len && (kind[len - 1] == '\n' || kind[len - 1] == ' '))
		len--;
	kind[len] = '\0';
	printk("crash: pid %d (%s) asks for '%s'\n", current->pid,
	       current->comm, kind);
	if (!strcmp(kind, "null"))
		crash_null();
	else if (!strcmp(kind, "mmap_write"))
		crash_null_mmap_locked(true);
	else if (!strcmp(kind, "mmap_read"))
		crash_null_mmap_locked(false);
	else if (!strcmp(kind, "wtext"))
		crash_wtext();
	else if (!strcmp(kind, "uaccess"))
		return crash_uaccess(buf);
	else if (!strcmp(kind, "stack"))
		return crash_stack();
	else if (!strcmp(kind, "trap"))
		__builtin_trap();	/* ebreak, brk or ud2 */
	else if (!strcmp(kind, "lock_order"))
		return crash_lock(LOCK_ORDER);
	else if (!strcmp(kind, "lock_sleep"))
		return crash_lock(LOCK_SLEEP);
	else if (!strcmp(kind, "lock_bkl"))
		return crash_lock(LOCK_BKL);
	else
		return -EINVAL;
	printk("crash: %s did not crash\n", kind);
	return -EIO;
}

static const struct file_operations crash_fops = {
	.write = crash_write,
	.stream = true,
};

void crashdev_init(void)
{
	struct inode *dev;
	int err;

	chrdev_register(CRASH_MAJOR, CRASH_MINOR, &crash_fops);
	err = path_walk(fs_root, "/dev", 0, &dev);
	if (!err) {
		err = dev->iop->mknod(dev, "crash", 5, S_IFCHR | 0600,
				      mkdev(CRASH_MAJOR, CRASH_MINOR), NULL);
		iput(dev);
	}
	if (err)
		printk("crash: cannot make /dev/crash (error %d)\n", err);
	else
		printk("crash: /dev/crash ready (null, wtext, uaccess, stack, "
		       "trap, mmap_write, mmap_read, lock_order, lock_sleep, lock_bkl)\n");
}
