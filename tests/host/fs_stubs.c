/*
 * What kernel/fs/ needs from the rest of the kernel, for the host fs suite:
 * one running task (pid 1) with a descriptor table and a cwd, user memory
 * that is plain host memory, a console that records what is echoed, and a
 * scheduler that never sleeps: a wait ends as if a signal came
 * (-ERESTARTSYS) and is counted.
 */
#include "fs_host.h"
#include <kmalloc.h>
#include <mm.h>
#include <printk.h>
#include <signal.h>
#include <string.h>
#include <uaccess.h>
#include <smp.h>
#include <timer.h>
#include <cpuinfo.h>
#include <cred.h>
#include <kmsg.h>
#include <random.h>
#include <utsname.h>

static struct thread_group fs_group = { .refcount = 1, .nr_threads = 1,
					.pgid = 1, .sid = 1 };
static struct task init_task = { .pid = 1, .tgid = 1, .comm = "init",
				 .group = &fs_group };
/* One CPU, running init_task: what `current` reads (include/smp.h). */
struct cpu cpus[NR_CPUS] = { [0] = { .task = &init_task, .online = true } };
unsigned int nr_cpus_possible = 1, nr_cpus_online = 1;
unsigned long nr_tasks_created = 1;
struct cpu *host_this_cpu = &cpus[0];
LIST_HEAD_DECLARE(all_tasks);

struct fs_host_state fs_host;

void fs_host_reset_task(void)
{
	init_task.group_leader = &init_task;
	init_task.state = TASK_RUNNING;
	list_init(&init_task.wait.node);
	init_task.wait.task = &init_task;
	if (list_empty(&all_tasks)) {
		list_add_tail(&init_task.all_node, &all_tasks);
		/* one thread: itself (/proc adds up its threads' times) */
		list_init(&init_task.thread_list);
		list_add_tail(&init_task.threads, &init_task.thread_list);
	}
	files_put(init_task.files);
	fs_put(init_task.fs);
	init_task.files = files_create();
	init_task.fs = fs_create();
	memset(&fs_host.echo, 0, sizeof(fs_host.echo));
	fs_host.echo_len = 0;
	fs_host.would_block = 0;
	fs_host.last_kill_pgrp = fs_host.last_kill_sig = 0;
	fs_host.last_thread_sig = 0;
}

struct task *find_task(int pid)
{
	return pid == init_task.pid ? &init_task : NULL;
}

/* ---- user memory is host memory; NULL and the bad page fault ---- */

/* The faulting page sits inside an arena so that the bytes around it are
 * good memory: copies that straddle its edges are partial. */
static char arena[3 * 4096];
char *const fs_host_bad_page = arena + 4096;

static bool bad(const void *p, size_t n)
{
	const char *c = p;

	return !c || (c < fs_host_bad_page + 4096 && c + n > fs_host_bad_page);
}

bool access_ok(const void __user *addr, size_t size)
{
	return addr || !size;
}

/* Bytes of [p, p+n) before the first faulting one (exact partial counts,
 * as arch_copy_user gives). */
static size_t good_prefix(const void *p, size_t n)
{
	const char *c = p;
	size_t i;

	for (i = 0; i < n && !bad(c + i, 1); i++)
		;
	return i;
}

size_t copy_to_user(void __user *to, const void *from, size_t n)
{
	size_t ok = good_prefix(to, n);

	memcpy(to, from, ok);
	return n - ok;
}

size_t copy_from_user(void *to, const void __user *from, size_t n)
{
	size_t ok = good_prefix(from, n);

	memcpy(to, from, ok);
	return n - ok;
}

int get_user_sized(void *val, const void __user *ptr, size_t size)
{
	return copy_from_user(val, ptr, size) ? -EFAULT : 0;
}

int put_user_sized(void __user *ptr, const void *val, size_t size)
{
	return copy_to_user(ptr, val, size) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (bad(src + i, 1))
			return -EFAULT;
		dst[i] = src[i];
		if (!src[i])
			return (long)i;
	}
	return (long)n;
}

/* ---- scheduler and signals ---- */

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

void wake_up(struct wait_queue *wq)
{
	(void)wq;
}

void prepare_to_wait(struct wait_queue *wq, bool interruptible)
{
	(void)wq, (void)interruptible;
}

void finish_wait(struct wait_queue *wq)
{
	(void)wq;
}

/* Nothing else runs on the host: a sleep would last forever. Record it and
 * let the pending "signal" end the wait. */
void schedule(void)
{
	fs_host.would_block++;
}

bool signal_pending_current(void)
{
	return fs_host.would_block > 0;
}

bool fatal_signal_pending_current(void)
{
	return fs_host.would_block > 0;
}

/* No tick comes on the host: kernel/timer.c's timers are armed and
 * cancelled but never fire (the pending "signal" ends a wait instead). */
volatile u64 jiffies;

void wake_up_task(struct task *t)
{
	(void)t;
}

void add_wait_entry(struct wait_queue *wq, struct wait_entry *e)
{
	(void)wq, (void)e;
}

void remove_wait_entry(struct wait_entry *e)
{
	(void)e;
}

/* Job control: the host's one process is in the foreground group (the
 * tty tests set none), so these never decide anything there. */
bool signal_ignored_or_blocked(struct task *t, int sig)
{
	(void)t, (void)sig;
	return false;
}

bool pgrp_orphaned(int pgid)
{
	(void)pgid;
	return false;
}

/* signalfd: the host's task never has a signal queued for it. */
int dequeue_signal_of(kernel_sigset_t wanted, struct kernel_siginfo *info)
{
	(void)wanted, (void)info;
	return 0;
}

kernel_sigset_t pending_signals_current(void)
{
	return 0;
}

int kill_pgrp(int pgid, int sig)
{
	fs_host.last_kill_pgrp = pgid;
	fs_host.last_kill_sig = sig;
	return 0;
}

int send_signal_to_thread(struct task *t, int sig,
			  const struct kernel_siginfo *info)
{
	(void)t, (void)info;
	fs_host.last_thread_sig = sig;
	return 0;
}

void sched_wait(void)
{
	panic("fs host test: an rwsem was contended");
}

void sched_wake_lock_waiters(void)
{
}

/* ---- console ---- */

void console_putc(char c)
{
	if (fs_host.echo_len + 1 < sizeof(fs_host.echo))
		fs_host.echo[fs_host.echo_len++] = c;
}

void console_write(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++);
}

int console_getc_nonblock(void)
{
	return -1;
}

void console_set_input_handler(void (*handler)(char c))
{
	(void)handler;
}

/* ---- time and memory maps ---- */

/* No address space maps a file here: nothing to unmap or unlock. */
void unmap_object_pages(const struct vm_operations *ops, void *object,
			unsigned long first, unsigned long last)
{
	(void)ops, (void)object, (void)first, (void)last;
}

void mmap_unlock_for_wait(struct vm_area_struct *vma)
{
	(void)vma;
}

u64 ktime_get_ns(void)
{
	return 1234567890123ULL;
}

struct vm_area_struct fs_host_vmas[FS_HOST_NR_VMAS];
int fs_host_nr_vmas;

struct vm_area_struct *vma_first(struct mm_struct *mm)
{
	(void)mm;
	return fs_host_nr_vmas ? &fs_host_vmas[0] : NULL;
}

struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	return vma + 1 < fs_host_vmas + fs_host_nr_vmas ? vma + 1 : NULL;
}
const char arch_name[] = "host";

/* ---- ids, the system's names, the log, random bytes (/proc, /dev) ---- */

int last_pid = 1;

bool cred_privileged(const struct task *t)
{
	return t->cred.euid == 0;
}

void kmsg_levels(int levels[4])
{
	levels[0] = 7;
	levels[1] = 4;
	levels[2] = 1;
	levels[3] = 7;
}

int cpuinfo_paragraph(char *buf, size_t size, const struct cpu *c)
{
	return snprintf(buf, size, "processor\t: %u\n\n", c->id);
}

/* Not random at all: the host suite only counts bytes. */
void get_random_bytes(void *buf, size_t n)
{
	memset(buf, 0xa5, n);
}

void add_random_bytes(const void *buf, size_t n)
{
	(void)buf, (void)n;
}
