/*
 * Self-test: VM_FAULT_RETRY on the real fault path. Map /dev/slow (pages
 * that take ticks to be produced) into a scratch address space and touch
 * it through the uaccess helpers: each first touch is a kernel-mode fault
 * that drops the mmap lock, sleeps and is retried by generic_fault. With a
 * fatal signal pending the wait ends at once and the fault gives up
 * (FAULT_KERNEL: the fixup makes the copy fail, -EFAULT); a non-fatal one
 * does not end a kernel-mode wait.
 */
#include <selftest.h>
#include <mm.h>
#include <fault.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <kernel_map.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include <uapi/slowdev.h>

#define UBASE 0x10000000UL

struct slow_map {
	struct mm_struct *mm;
	struct file *f;
};

static bool map_slow(struct ktap_case_state *t, struct slow_map *m)
{
	struct vm_backing b = { 0 };

	m->mm = NULL;
	m->f = NULL;
	if (file_open("/dev/slow", O_RDWR, 0, &m->f)) {
		ktap_fail(t, __FILE__, __LINE__, "cannot open /dev/slow");
		return false;
	}
	m->mm = mm_create(TASK_SIZE);
	if (!m->mm) {
		file_put(m->f);
		ktap_fail(t, __FILE__, __LINE__, "mm_create failed");
		return false;
	}
	switch_mm(m->mm);
	b.file = m->f;
	if (m->f->ops->mmap(m->f, &b) ||
	    do_mmap_backed(m->mm, UBASE, 4 * PAGE_SIZE, PROT_READ,
			   MAP_SHARED | MAP_FIXED, 0, &b) != (long)UBASE) {
		ktap_fail(t, __FILE__, __LINE__, "mmap /dev/slow failed");
		return false;
	}
	return true;
}

static void unmap_slow(struct slow_map *m)
{
	if (m->mm) {
		switch_mm(NULL);
		mm_destroy(m->mm);
	}
	file_put(m->f);
	clear_signals_current();
}

static long slow_ioctl(struct slow_map *m, unsigned int cmd,
		       unsigned long arg)
{
	return m->f->ops->ioctl(m->f, cmd, arg);
}

/* The fault waits (the lock dropped), is retried, and maps the page. */
static void kernel_fault_waits_and_retries(struct ktap_case_state *t)
{
	struct slow_map m;
	u64 v = 0;

	if (!map_slow(t, &m))
		goto out;
	EXPECT_EQ(t, get_user(v, (u64 *)(UBASE + PAGE_SIZE + 8)), 0);
	EXPECT_EQ(t, v, SLOW_WORD(PAGE_SIZE + 8));
	EXPECT_EQ(t, m.mm->counters.retries, 1);
	EXPECT_EQ(t, m.mm->counters.major, 1);
	EXPECT_EQ(t, m.mm->mmap_lock.readers, 0);
	EXPECT_EQ(t, slow_ioctl(&m, SLOW_IOC_PRODUCED, 0), 1);
	EXPECT_EQ(t, get_user(v, (u64 *)(UBASE + PAGE_SIZE)), 0);
	EXPECT_EQ(t, m.mm->counters.retries, 1);	/* mapped now */
out:
	unmap_slow(&m);
}

/* A fatal signal pending: the wait ends at once, the retry is refused and
 * the uaccess helper returns -EFAULT; nothing is produced or leaked. */
static void fatal_signal_makes_kernel_fault_efault(struct ktap_case_state *t)
{
	unsigned long kern = fault_action_counts[FAULT_KERNEL];
	struct slow_map m;
	char buf[16];
	u64 v;

	if (!map_slow(t, &m))
		goto out;
	slow_ioctl(&m, SLOW_IOC_HOLD, 1);
	current->pending.set |= sigmask(SIGKILL);
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), -EFAULT);
	EXPECT_EQ(t, copy_from_user(buf, (void *)(UBASE + 8), 16), 16);
	/* (a copy may fault more than once while it finds where to stop) */
	EXPECT(t, m.mm->counters.retries >= 2);
	EXPECT(t, m.mm->counters.results[FAULT_KERNEL] >= 2);
	EXPECT_EQ(t, fault_action_counts[FAULT_KERNEL],
		  kern + m.mm->counters.results[FAULT_KERNEL]);
	EXPECT_EQ(t, m.mm->mmap_lock.readers, 0);
	EXPECT_EQ(t, slow_ioctl(&m, SLOW_IOC_WAITERS, 0), 0);
	EXPECT_EQ(t, slow_ioctl(&m, SLOW_IOC_PRODUCED, 0), 0);
	EXPECT_EQ(t, m.mm->rss, 0);
	/* Once the signal is gone the same access works. */
	clear_signals_current();
	slow_ioctl(&m, SLOW_IOC_HOLD, 0);
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, v, SLOW_WORD(0));
out:
	unmap_slow(&m);
}

/* Any other signal: a kernel-mode wait goes on until the page is ready. */
static void other_signals_do_not_end_kernel_wait(struct ktap_case_state *t)
{
	struct slow_map m;
	u64 v = 0;

	if (!map_slow(t, &m))
		goto out;
	slow_ioctl(&m, SLOW_IOC_DELAY, 3);
	current->pending.set |= sigmask(SIGUSR1);
	EXPECT_EQ(t, get_user(v, (u64 *)(UBASE + 3 * PAGE_SIZE)), 0);
	EXPECT_EQ(t, v, SLOW_WORD(3 * PAGE_SIZE));
	EXPECT_EQ(t, m.mm->counters.retries, 1);
	EXPECT_EQ(t, m.mm->counters.results[FAULT_KERNEL], 0);
out:
	unmap_slow(&m);
}

/* The whole address space and the file go away without a page left. */
static void slow_mapping_leaves_no_pages(struct ktap_case_state *t)
{
	unsigned long before = nr_free_pages();
	struct slow_map m;
	u64 v;

	if (!map_slow(t, &m))
		goto out;
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, get_user(v, (u64 *)(UBASE + 2 * PAGE_SIZE)), 0);
	EXPECT(t, nr_free_pages() < before);
out:
	unmap_slow(&m);
	EXPECT_EQ(t, nr_free_pages(), before);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(kernel_fault_waits_and_retries),
	KTAP_CASE(fatal_signal_makes_kernel_fault_efault),
	KTAP_CASE(other_signals_do_not_end_kernel_wait),
	KTAP_CASE(slow_mapping_leaves_no_pages),
};
KTAP_SUITE(fault_retry_suite, "fault_retry", cases);
