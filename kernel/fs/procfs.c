/*
 * /proc: files made up when opened from the kernel's own state, in Linux's
 * formats so that ps, top, free, dmesg, busybox and the like can read
 * them: system-wide files and /proc/sys at the top, one directory per
 * process (its stat, status, maps, open files, threads...), and symlinks
 * (self, exe, fd/N) whose targets are worked out when they are read.
 * The little of /sys there is comes from here too: the CPUs, and the
 * disks with their sizes, counts and fault injection.
 */
#include <fs.h>
#include <block.h>
#include <cpuinfo.h>
#include <cred.h>
#include <kmalloc.h>
#include <kmsg.h>
#include <mm.h>
#include <page.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <arch.h>
#include <string.h>
#include <time.h>
#include <utsname.h>
#include <uapi/dirent.h>
#include <uapi/mount.h>

enum proc_kind {
	PROC_ROOT,
	/* in /proc */
	PROC_SELF, PROC_MEMINFO, PROC_UPTIME, PROC_CPUINFO, PROC_STAT,
	PROC_MOUNTS_LINK, PROC_LOADAVG, PROC_VERSION, PROC_PARTITIONS,
	PROC_DISKSTATS, PROC_SYS,
	/* in /proc/sys, /proc/sys/kernel and /proc/sys/vm */
	PROC_SYS_KERNEL, PROC_SYS_VM,
	PROC_SYS_DOMAINNAME, PROC_SYS_HOSTNAME, PROC_SYS_OSRELEASE,
	PROC_SYS_OSTYPE, PROC_SYS_PID_MAX, PROC_SYS_PRINTK,
	PROC_SYS_DMESG_RESTRICT, PROC_SYS_TAINTED, PROC_SYS_VERSION,
	PROC_SYS_OVERCOMMIT,
	/* /sys, which this file serves too: the CPUs glibc and busybox
	 * count (devices/system/cpu/{online,possible,present}) */
	SYSFS_ROOT, SYSFS_DEVICES, SYSFS_SYSTEM, SYSFS_CPU, SYSFS_CPU_ONLINE,
	SYSFS_CPU_POSSIBLE, SYSFS_CPU_PRESENT,
	/* and the disks: /sys/block, then in /sys/block/<disk> (the inode's
	 * sub is the disk's place in registration order) */
	SYSFS_BLOCK, SYSFS_DISK_DIR, SYSFS_DISK_DEV, SYSFS_DISK_SIZE,
	SYSFS_DISK_RO, SYSFS_DISK_STAT, SYSFS_DISK_FAIL, SYSFS_DISK_QUEUE,
	SYSFS_QUEUE_LBS, SYSFS_QUEUE_HW_SECTOR,
	/* in /proc/<pid> */
	PROC_PID_DIR, PROC_PID_STAT, PROC_PID_STATUS, PROC_PID_STATM,
	PROC_PID_MAPS, PROC_PID_COMM, PROC_PID_CMDLINE, PROC_PID_EXE,
	PROC_PID_CWD, PROC_PID_ROOT, PROC_PID_MOUNTS, PROC_PID_FD_DIR,
	PROC_PID_FDINFO_DIR, PROC_PID_TASK_DIR,
	/* in /proc/<pid>/fd and fdinfo: one per descriptor */
	PROC_FD_LINK, PROC_FDINFO,
	/* /proc/<pid>/task/<tid> and in it: about one thread */
	PROC_TID_DIR, PROC_TID_STAT, PROC_TID_STATUS, PROC_TID_COMM,
	PROC_NR_KINDS
};

/*
 * What an inode is: u.proc.pid names the process (the thread for the
 * PROC_TID_* kinds), u.proc.kind holds the kind in its low byte and, for
 * the fd entries, the descriptor above it.
 */
#define KIND_BITS	8
_Static_assert(PROC_NR_KINDS <= (1 << KIND_BITS), "kinds fit a byte");

static enum proc_kind kind_of(const struct inode *inode)
{
	return (enum proc_kind)(inode->u.proc.kind & ((1 << KIND_BITS) - 1));
}

static int sub_of(const struct inode *inode)
{
	return inode->u.proc.kind >> KIND_BITS;
}

/* The same number every time a file is looked up, the same in a listing
 * as in stat; /proc itself is 1. */
static u64 proc_ino(int pid, enum proc_kind kind, int sub)
{
	return ((u64)pid << 32) | ((u64)(sub + 1) << KIND_BITS) | kind;
}

struct proc_entry {
	const char *name;
	enum proc_kind kind;
	unsigned int mode;
};

static const struct proc_entry root_entries[] = {
	{ "self", PROC_SELF, S_IFLNK | 0777 },
	{ "meminfo", PROC_MEMINFO, S_IFREG | 0444 },
	{ "uptime", PROC_UPTIME, S_IFREG | 0444 },
	{ "cpuinfo", PROC_CPUINFO, S_IFREG | 0444 },
	{ "stat", PROC_STAT, S_IFREG | 0444 },
	{ "mounts", PROC_MOUNTS_LINK, S_IFLNK | 0777 },
	{ "loadavg", PROC_LOADAVG, S_IFREG | 0444 },
	{ "version", PROC_VERSION, S_IFREG | 0444 },
	{ "partitions", PROC_PARTITIONS, S_IFREG | 0444 },
	{ "diskstats", PROC_DISKSTATS, S_IFREG | 0444 },
	{ "sys", PROC_SYS, S_IFDIR | 0555 },
};

static const struct proc_entry sys_entries[] = {
	{ "kernel", PROC_SYS_KERNEL, S_IFDIR | 0555 },
	{ "vm", PROC_SYS_VM, S_IFDIR | 0555 },
};

/* Writable ones (0644) take root's writes; the rest are read-only here
 * even where Linux lets root change them. */
static const struct proc_entry sys_kernel_entries[] = {
	{ "dmesg_restrict", PROC_SYS_DMESG_RESTRICT, S_IFREG | 0444 },
	{ "domainname", PROC_SYS_DOMAINNAME, S_IFREG | 0644 },
	{ "hostname", PROC_SYS_HOSTNAME, S_IFREG | 0644 },
	{ "osrelease", PROC_SYS_OSRELEASE, S_IFREG | 0444 },
	{ "ostype", PROC_SYS_OSTYPE, S_IFREG | 0444 },
	{ "pid_max", PROC_SYS_PID_MAX, S_IFREG | 0444 },
	{ "printk", PROC_SYS_PRINTK, S_IFREG | 0444 },
	{ "tainted", PROC_SYS_TAINTED, S_IFREG | 0444 },
	{ "version", PROC_SYS_VERSION, S_IFREG | 0444 },
};

static const struct proc_entry sys_vm_entries[] = {
	{ "overcommit_memory", PROC_SYS_OVERCOMMIT, S_IFREG | 0444 },
};

static const struct proc_entry sysfs_root_entries[] = {
	{ "block", SYSFS_BLOCK, S_IFDIR | 0555 },
	{ "devices", SYSFS_DEVICES, S_IFDIR | 0555 },
};

static const struct proc_entry sysfs_devices_entries[] = {
	{ "system", SYSFS_SYSTEM, S_IFDIR | 0555 },
};

static const struct proc_entry sysfs_system_entries[] = {
	{ "cpu", SYSFS_CPU, S_IFDIR | 0555 },
};

static const struct proc_entry sysfs_cpu_entries[] = {
	{ "online", SYSFS_CPU_ONLINE, S_IFREG | 0444 },
	{ "possible", SYSFS_CPU_POSSIBLE, S_IFREG | 0444 },
	{ "present", SYSFS_CPU_PRESENT, S_IFREG | 0444 },
};

/* /sys/block/<disk>. Linux makes it a symlink to the disk's directory
 * under /sys/devices; with no device tree in /sys, the directory is
 * here itself, and reading through the name finds the same files. */
static const struct proc_entry sysfs_disk_entries[] = {
	{ "dev", SYSFS_DISK_DEV, S_IFREG | 0444 },
	{ "make-it-fail", SYSFS_DISK_FAIL, S_IFREG | 0644 },
	{ "queue", SYSFS_DISK_QUEUE, S_IFDIR | 0555 },
	{ "ro", SYSFS_DISK_RO, S_IFREG | 0444 },
	{ "size", SYSFS_DISK_SIZE, S_IFREG | 0444 },
	{ "stat", SYSFS_DISK_STAT, S_IFREG | 0444 },
};

static const struct proc_entry sysfs_queue_entries[] = {
	{ "hw_sector_size", SYSFS_QUEUE_HW_SECTOR, S_IFREG | 0444 },
	{ "logical_block_size", SYSFS_QUEUE_LBS, S_IFREG | 0444 },
};

static const struct proc_entry pid_entries[] = {
	{ "stat", PROC_PID_STAT, S_IFREG | 0444 },
	{ "status", PROC_PID_STATUS, S_IFREG | 0444 },
	{ "statm", PROC_PID_STATM, S_IFREG | 0444 },
	{ "maps", PROC_PID_MAPS, S_IFREG | 0444 },
	{ "comm", PROC_PID_COMM, S_IFREG | 0644 },
	{ "cmdline", PROC_PID_CMDLINE, S_IFREG | 0444 },
	{ "exe", PROC_PID_EXE, S_IFLNK | 0777 },
	{ "cwd", PROC_PID_CWD, S_IFLNK | 0777 },
	{ "root", PROC_PID_ROOT, S_IFLNK | 0777 },
	{ "mounts", PROC_PID_MOUNTS, S_IFREG | 0444 },
	{ "fd", PROC_PID_FD_DIR, S_IFDIR | 0500 },
	{ "fdinfo", PROC_PID_FDINFO_DIR, S_IFDIR | 0555 },
	{ "task", PROC_PID_TASK_DIR, S_IFDIR | 0555 },
};

static const struct proc_entry tid_entries[] = {
	{ "stat", PROC_TID_STAT, S_IFREG | 0444 },
	{ "status", PROC_TID_STATUS, S_IFREG | 0444 },
	{ "comm", PROC_TID_COMM, S_IFREG | 0644 },
};

#define PF_KTHREAD 0x00200000	/* what ps looks for in stat's flags */

/* Directory positions: ".", "..", the fixed names, then one per process,
 * thread or descriptor at DYN_POS_BASE + its number, so that a listing
 * resumes by number. */
#define DYN_POS_BASE 64

static struct inode *proc_root;
static const struct inode_operations proc_dir_iops, proc_link_iops;
static const struct file_operations proc_file_fops;

/* ---- text generation ---- */

struct sbuf {
	char *buf;
	size_t len, cap;
	bool oom;
};

static __printf(2, 3) void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (sb->oom)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (sb->len + (size_t)n < sb->cap) {
			sb->len += (size_t)n;
			return;
		}
		{
			size_t cap = MAX(sb->cap * 2, sb->len + (size_t)n + 1);
			char *nb = kmalloc(cap);

			if (!nb) {
				sb->oom = true;
				return;
			}
			memcpy(nb, sb->buf, sb->len);
			kfree(sb->buf);
			sb->buf = nb;
			sb->cap = cap;
		}
	}
}

/* The process a pid names (any thread's pid names its process). */
static struct task *proc_task(int pid)
{
	struct task *t = find_task(pid);

	if (!t || t->state == TASK_DEAD || !t->group_leader)
		return NULL;
	return t->group_leader;
}

/* The thread tid itself. */
static struct task *proc_thread(int tid)
{
	struct task *t = find_task(tid);

	if (!t || t->state == TASK_DEAD || !t->group_leader)
		return NULL;
	return t;
}

static bool is_tid_kind(enum proc_kind kind)
{
	return kind >= PROC_TID_DIR && kind <= PROC_TID_COMM;
}

/* The task an inode is about: its thread or its process. */
static struct task *inode_task(const struct inode *inode)
{
	return is_tid_kind(kind_of(inode)) ? proc_thread(inode->u.proc.pid) :
					     proc_task(inode->u.proc.pid);
}

static char state_char(const struct task *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	case TASK_ZOMBIE:
		return 'Z';
	default:
		return 'X';
	}
}

static const char *state_name(const struct task *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return "R (running)";
	case TASK_INTERRUPTIBLE:
		return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE:
		return "D (disk sleep)";
	case TASK_STOPPED:
		return "T (stopped)";
	case TASK_ZOMBIE:
		return "Z (zombie)";
	default:
		return "X (dead)";
	}
}

static unsigned long vm_size(struct mm_struct *mm)
{
	struct vm_area_struct *v;
	unsigned long sum = 0;

	for (v = mm ? vma_first(mm) : NULL; v; v = vma_next(v))
		sum += v->vm_end - v->vm_start;
	return sum;
}

/* Signals with a handler (caught) and ignored ones. */
static void sig_dispositions(struct task *t, unsigned long *ign,
			     unsigned long *catch)
{
	int sig;

	*ign = *catch = 0;
	if (!t->sighand)
		return;
	for (sig = 1; sig <= NSIG_MAX && sig <= 64; sig++) {
		unsigned long h = t->sighand->action[sig - 1].handler;

		if (h == SIG_IGN_HANDLER)
			*ign |= 1UL << (sig - 1);
		else if (h != SIG_DFL_HANDLER)
			*catch |= 1UL << (sig - 1);
	}
}

/* The CPU t runs on now, or 0 (the last one is not recorded). */
static unsigned int task_cpu(const struct task *t)
{
	struct cpu *c;

	for_each_online_cpu(c)
		if (READ_ONCE(c->task) == t)
			return c->id;
	return 0;
}

/*
 * Linux's fs/proc/array.c field order (52 fields), for one thread (t) or
 * for the process whose leader is t (whole: the threads' times added up;
 * the times of threads already gone are not kept).
 */
static void gen_stat(struct sbuf *sb, struct task *t, bool whole)
{
	struct thread_group *g = t->group;
	struct mm_struct *mm = t->mm;
	int sid = g ? g->sid : 0, pgid = g ? g->pgid : 0;
	bool on_tty = sid && sid == tty_session();
	struct usage u = {
		t->utime, t->stime, t->min_flt, t->maj_flt, 0, 0, 0,
	}, none = { 0 };
	const struct usage *c = g ? &g->children : &none;
	unsigned long ign, catch;

	if (whole && t->group_leader == t && g)
		usage_of_process(t, &u);
	sig_dispositions(t, &ign, &catch);
	sb_printf(sb, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu "
		  "%ld %ld %ld %ld %ld %d %llu %lu %ld %lu ",
		  whole ? t->tgid : t->pid, t->comm, state_char(t),
		  t->group_leader->parent ? t->group_leader->parent->tgid : 0,
		  pgid, sid, on_tty ? (int)CONSOLE_RDEV : 0,
		  on_tty ? tty_foreground_pgrp() : -1,
		  mm || t->state == TASK_ZOMBIE ? 0u : PF_KTHREAD,
		  u.min_flt, c->min_flt, u.maj_flt, c->maj_flt,
		  u.utime, u.stime, (long)c->utime, (long)c->stime,
		  20L + t->nice, (long)t->nice,	/* priority, nice */
		  g ? (long)g->nr_threads : 1L, 0,
		  (unsigned long long)t->start_jiffies,
		  vm_size(mm), mm ? (long)mm->rss : 0L, ~0UL);
	sb_printf(sb, "%lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %d %u "
		  "%u %u %llu %lu %ld %lu %lu %lu %lu %lu %lu %lu %d\n",
		  0UL, 0UL, mm ? mm->stack_top : 0UL,	/* code, stack */
		  0UL, 0UL,				/* esp, eip */
		  t->pending.set, t->blocked, ign, catch,
		  0UL, 0UL, 0UL,			/* wchan, nswap */
		  t->exit_signal, task_cpu(t),
		  0u, 0u, 0ULL, 0UL, 0L,		/* rt, policy... */
		  0UL, 0UL,				/* data */
		  mm ? mm->start_brk : 0UL,
		  0UL, 0UL, 0UL, 0UL,			/* args, env */
		  t->state == TASK_ZOMBIE ? t->exit_code : 0);
}

static void gen_status(struct sbuf *sb, struct task *t)
{
	struct mm_struct *mm = t->mm;
	const struct cred *c = &t->cred;
	unsigned long ign, catch;
	int i;

	sig_dispositions(t, &ign, &catch);
	sb_printf(sb, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\n"
		  "Ngid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
		  "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\n"
		  "Groups:\t",
		  t->comm, t->fs ? t->fs->umask : 022, state_name(t), t->tgid,
		  t->pid, t->group_leader->parent ?
		  t->group_leader->parent->tgid : 0,
		  c->uid, c->euid, c->suid, c->fsuid,
		  c->gid, c->egid, c->sgid, c->fsgid,
		  t->files ? t->files->max_fds : 0);
	/* Linux ends the list with a space, even an empty one. */
	for (i = 0; i < c->ngroups; i++)
		sb_printf(sb, "%s%u", i ? " " : "", c->groups[i]);
	sb_printf(sb, " \n");
	if (mm)
		sb_printf(sb, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n",
			  vm_size(mm) >> 10, mm->rss * (PAGE_SIZE >> 10));
	sb_printf(sb, "Threads:\t%d\nSigPnd:\t%016lx\nShdPnd:\t%016lx\n"
		  "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		  t->group ? t->group->nr_threads : 1, t->pending.set,
		  t->group ? t->group->shared_pending.set : 0UL, t->blocked,
		  ign, catch);
}

/* Take mm's lock for reading a process's mappings. Our own mm cannot go
 * away while we sleep for its lock; another process's might, so only
 * take that one if it is free now. */
static bool mm_read_lock(struct mm_struct *mm)
{
	if (mm == current->mm) {
		down_read(&mm->mmap_lock);
		return true;
	}
	return down_read_trylock(&mm->mmap_lock);
}

/* statm: sizes in pages: total, resident, shared (file pages are not
 * told apart: 0), text (executable mappings), lib (0, as Linux since
 * 2.6), data (private writable mappings but the stack), dirty (0). */
static void gen_statm(struct sbuf *sb, struct task *t)
{
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *v;
	unsigned long size = 0, text = 0, data = 0;
	bool locked;

	if (mm) {
		locked = mm_read_lock(mm);
		for (v = vma_first(mm); v; v = vma_next(v)) {
			unsigned long pages = (v->vm_end - v->vm_start) >>
					      PAGE_SHIFT;

			size += pages;
			if (v->vm_flags & VM_EXEC)
				text += pages;
			else if ((v->vm_flags & VM_WRITE) &&
				 !(v->vm_flags & (VM_MAYSHARE | VM_GROWSDOWN)))
				data += pages;
		}
		if (locked)
			up_read(&mm->mmap_lock);
	}
	sb_printf(sb, "%lu %lu 0 %lu 0 %lu 0\n", size,
		  mm ? (unsigned long)mm->rss : 0UL, text, data);
}

/* The two halves of a device number as mkdev() packs them. */
static u32 dev_major(u32 dev)
{
	return (dev >> 8) & 0xfff;
}

static u32 dev_minor(u32 dev)
{
	return (dev & 0xff) | ((dev >> 12) & ~0xffu);
}

/* One line of maps: the header padded to column 73, then the name. A file
 * mapping shows its offset, device (major:minor in hex) and inode;
 * anonymous memory zeros. */
static void map_line(struct sbuf *sb, struct vm_area_struct *v,
		     const char *name)
{
	size_t start = sb->len;
	struct inode *inode = v->vm_file ? v->vm_file->inode : NULL;
	u32 dev = inode ? inode->dev : 0;

	sb_printf(sb, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
		  v->vm_start, v->vm_end,
		  (v->vm_flags & VM_READ) ? 'r' : '-',
		  (v->vm_flags & VM_WRITE) ? 'w' : '-',
		  (v->vm_flags & VM_EXEC) ? 'x' : '-',
		  (v->vm_flags & VM_MAYSHARE) ? 's' : 'p',
		  inode ? v->vm_pgoff << PAGE_SHIFT : 0UL,
		  dev_major(dev), dev_minor(dev),
		  inode ? (unsigned long)inode->ino : 0UL);
	if (name) {
		size_t used = sb->len - start;

		/* Linux pads to 25 + 6 * sizeof(void *) - 1 columns, then
		 * one more space. */
		sb_printf(sb, "%*s%s", (int)(used < 72 ? 72 - used : 0) + 1,
			  "", name);
	}
	sb_printf(sb, "\n");
}

static void gen_maps(struct sbuf *sb, struct task *t)
{
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *v;
	char *path;
	bool locked;

	if (!mm)
		return;
	path = kmalloc(PATH_MAX);
	locked = mm_read_lock(mm);
	for (v = vma_first(mm); v; v = vma_next(v)) {
		const char *name = NULL;

		/* Linux 6.6's tests: strict, so that the bss ending where
		 * an empty heap starts is not called the heap. */
		if (v->vm_start < mm->brk && v->vm_end > mm->start_brk)
			name = "[heap]";
		else if (v->vm_start < mm->stack_top &&
			 v->vm_end >= mm->stack_top)
			name = "[stack]";
		else if (mm->sigpage && v->vm_start == mm->sigpage)
			name = "[sigpage]";
		if (v->vm_file && path &&
		    ramfs_path_of(v->vm_file->inode, path, PATH_MAX) > 0)
			name = path;
		map_line(sb, v, name);
	}
	if (locked)
		up_read(&mm->mmap_lock);
	kfree(path);
}

static void gen_meminfo(struct sbuf *sb)
{
	unsigned long kb = PAGE_SIZE >> 10;

	sb_printf(sb, "MemTotal:       %8lu kB\n", nr_total_pages() * kb);
	sb_printf(sb, "MemFree:        %8lu kB\n", nr_free_pages() * kb);
	sb_printf(sb, "MemAvailable:   %8lu kB\n", nr_free_pages() * kb);
	sb_printf(sb, "Buffers:        %8lu kB\n", buffer_cache_bytes() >> 10);
	sb_printf(sb, "Cached:         %8lu kB\n", 0UL);
	sb_printf(sb, "SwapTotal:      %8lu kB\n", 0UL);
	sb_printf(sb, "SwapFree:       %8lu kB\n", 0UL);
	/* Frames retired by memory failure: no longer free, not leaked. */
	sb_printf(sb, "HardwareCorrupted: %5lu kB\n",
		  nr_poisoned_pages() * kb);
}

/* Seconds since boot and seconds the CPUs spent idle, added up over all
 * of them (so it can exceed the first), with two decimals. */
static void gen_uptime(struct sbuf *sb)
{
	u64 cs = ktime_get_ns() / (NSEC_PER_SEC / 100);
	unsigned long idle = 0;
	struct cpu *c;

	for_each_online_cpu(c)
		idle += c->ticks_idle;
	idle = idle * 100 / HZ;
	sb_printf(sb, "%llu.%02llu %lu.%02lu\n", cs / 100, cs % 100,
		  idle / 100, idle % 100);
}

static void gen_cpuinfo(struct sbuf *sb)
{
	char para[512];
	struct cpu *c;

	for_each_online_cpu(c) {
		cpuinfo_paragraph(para, sizeof(para), c);
		sb_printf(sb, "%s", para);
	}
}

/*
 * Linux's /proc/stat: time per CPU in USER_HZ (100 a second, our HZ)
 * ticks as user, nice, system, idle, iowait, irq, softirq, steal, guest,
 * guest_nice (only user, system and idle are kept), the total first;
 * then context switches, the boot time (0: the real-time clock starts at
 * the epoch at boot), processes created, tasks running and blocked.
 * There are no interrupt counts ("intr", "softirq").
 */
static void gen_system_stat(struct sbuf *sb)
{
	unsigned long user = 0, system = 0, idle = 0, ctxt = 0;
	unsigned long running = 0, blocked = 0;
	struct list_head *pos;
	struct cpu *c;

	for_each_online_cpu(c) {
		user += c->ticks_user;
		system += c->ticks_system;
		idle += c->ticks_idle;
		ctxt += c->context_switches;
	}
	sb_printf(sb, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", user, system, idle);
	for_each_online_cpu(c)
		sb_printf(sb, "cpu%u %lu 0 %lu %lu 0 0 0 0 0 0\n", c->id,
			  c->ticks_user, c->ticks_system, c->ticks_idle);
	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->state == TASK_RUNNING)
			running++;
		else if (t->state == TASK_UNINTERRUPTIBLE)
			blocked++;
	}
	sb_printf(sb, "ctxt %lu\nbtime 0\nprocesses %lu\n", ctxt,
		  nr_tasks_created);
	sb_printf(sb, "procs_running %lu\nprocs_blocked %lu\n", running,
		  blocked);
}

/*
 * The load averages are not sampled (nothing counts the run queue every
 * 5 seconds yet): 0.00. Then the runnable tasks over all of them (idle
 * tasks are neither) and the pid given out last, as Linux prints them.
 */
static void gen_loadavg(struct sbuf *sb)
{
	unsigned long running = 0, total = 0;
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->pid <= 0 || t->state == TASK_DEAD)
			continue;
		total++;
		running += t->state == TASK_RUNNING;
	}
	sb_printf(sb, "0.00 0.00 0.00 %lu/%lu %d\n", running, total,
		  last_pid);
}

static void mount_line(void *ctx, const char *source, const char *target,
		       const char *type, unsigned long flags)
{
	sb_printf(ctx, "%s %s %s %s%s%s%s 0 0\n", source, target, type,
		  (flags & MS_RDONLY) ? "ro" : "rw",
		  (flags & MS_NOSUID) ? ",nosuid" : "",
		  (flags & MS_NODEV) ? ",nodev" : "",
		  (flags & MS_NOEXEC) ? ",noexec" : "");
}

/*
 * The root ramfs, /proc and /sys, then the mount table (kernel/fs/
 * mount.c). The root is named for what it is, a ramfs; Linux calls an
 * initramfs that stays the root "rootfs", a name busybox's df and mount
 * skip.
 */
static void gen_mounts(struct sbuf *sb)
{
	sb_printf(sb, "ramfs / ramfs rw 0 0\nproc /proc proc rw 0 0\n"
		  "sysfs /sys sysfs rw 0 0\n");
	mounts_show(mount_line, sb);
}

/* A CPU list as /sys prints it: "0", "0-3"; the CPUs are 0..n-1 (those
 * online are the first ones: the others never started). */
static void gen_cpu_range(struct sbuf *sb, unsigned int n)
{
	if (n <= 1)
		sb_printf(sb, "0\n");
	else
		sb_printf(sb, "0-%u\n", n - 1);
}

/* ---- disks ---- */

/* The disk at place i in registration order, or NULL. Inodes about a
 * disk carry its place: disks are never unregistered, so a place keeps
 * its disk, and a listing of /sys/block resumes by it. */
struct disk_search {
	int want, at;
	struct block_device *bd;
};

static void disk_search_one(struct block_device *bd, void *arg)
{
	struct disk_search *s = arg;

	if (s->at++ == s->want)
		s->bd = bd;
}

static struct block_device *disk_at(int i)
{
	struct disk_search s = { i, 0, NULL };

	if (i >= 0)
		block_device_for_each(disk_search_one, &s);
	return s.bd;
}

static bool is_disk_kind(enum proc_kind kind)
{
	return kind >= SYSFS_DISK_DIR && kind <= SYSFS_QUEUE_HW_SECTOR;
}

/*
 * Linux's 17 I/O counters, as /sys/block/<disk>/stat and /proc/diskstats
 * give them: reads completed, merged, sectors read, ms reading; the same
 * four for writes; requests in flight, ms busy, ms in the queue (summed
 * over requests); the four for discards; flushes completed, ms flushing.
 * The block layer counts completions and sectors only (nothing merges,
 * discards or is timed), so the rest are 0. stat pads each number to
 * width columns (8), diskstats does not (0).
 */
static void gen_disk_counters(struct sbuf *sb, struct block_device *bd,
			      int width)
{
	unsigned long long v[17] = { 0 };
	unsigned long flags;
	int i;

	/* Completions count from interrupts: one consistent look. */
	flags = spin_lock_irqsave(&bd->lock);
	v[0] = bd->reads;
	v[2] = bd->read_sectors;
	v[4] = bd->writes;
	v[6] = bd->write_sectors;
	v[15] = bd->flushes;
	spin_unlock_irqrestore(&bd->lock, flags);
	for (i = 0; i < 17; i++)
		sb_printf(sb, "%s%*llu", i ? " " : "", width, v[i]);
	sb_printf(sb, "\n");
}

/* A disk with no medium (nothing to partition) is left out, as Linux
 * leaves it; #blocks are 1 KiB. */
static void partitions_line(struct block_device *bd, void *arg)
{
	if (bd->nr_sectors)
		sb_printf(arg, "%4u  %7u %10llu %s\n", dev_major(bd->devnum),
			  dev_minor(bd->devnum),
			  (unsigned long long)bd->nr_sectors >> 1, bd->name);
}

static void gen_partitions(struct sbuf *sb)
{
	sb_printf(sb, "major minor  #blocks  name\n\n");
	block_device_for_each(partitions_line, sb);
}

static void diskstats_line(struct block_device *bd, void *arg)
{
	sb_printf(arg, "%4u %7u %s ", dev_major(bd->devnum),
		  dev_minor(bd->devnum), bd->name);
	gen_disk_counters(arg, bd, 0);
}

/* A file in /sys/block/<disk> or its queue/: sizes in 512-byte sectors
 * whatever the block size, as Linux's. */
static void gen_disk_file(struct sbuf *sb, enum proc_kind kind,
			  struct block_device *bd)
{
	unsigned long flags;
	bool fail;

	switch (kind) {
	case SYSFS_DISK_DEV:
		sb_printf(sb, "%u:%u\n", dev_major(bd->devnum),
			  dev_minor(bd->devnum));
		break;
	case SYSFS_DISK_SIZE:
		sb_printf(sb, "%llu\n", (unsigned long long)bd->nr_sectors);
		break;
	case SYSFS_DISK_RO:
		sb_printf(sb, "%d\n", bd->read_only ? 1 : 0);
		break;
	case SYSFS_DISK_STAT:
		gen_disk_counters(sb, bd, 8);
		break;
	case SYSFS_DISK_FAIL:
		flags = spin_lock_irqsave(&bd->lock);
		fail = bd->make_it_fail;
		spin_unlock_irqrestore(&bd->lock, flags);
		sb_printf(sb, "%d\n", fail ? 1 : 0);
		break;
	default:	/* the queue's two sizes: both the logical block */
		sb_printf(sb, "%u\n", bd->block_size);
		break;
	}
}

/* Which of the three file systems f is on, as fdinfo's mnt_id. */
static int mount_id(const struct inode *inode)
{
	if (inode->dev == PROCFS_DEV)
		return 2;
	if (inode->dev == PIPEFS_DEV)
		return 3;
	return 1;
}

/* fdinfo: the position, the status flags in octal (with O_CLOEXEC when
 * the descriptor has it, as Linux shows it), the file system and inode. */
static int gen_fdinfo(struct sbuf *sb, struct task *t, int fd)
{
	struct file *f = t->files ? files_lookup(t->files, fd) : NULL;
	unsigned int flags;

	if (!f)
		return -ENOENT;
	flags = f->flags;
	if (t->files->cloexec[fd])
		flags |= O_CLOEXEC;
	sb_printf(sb, "pos:\t%llu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
		  (unsigned long long)f->pos, flags, mount_id(f->inode),
		  (unsigned long long)f->inode->ino);
	return 0;
}

static void gen_sysctl(struct sbuf *sb, enum proc_kind kind)
{
	int lv[4];

	switch (kind) {
	case PROC_SYS_DOMAINNAME:
		sb_printf(sb, "%s\n", uts_domainname());
		break;
	case PROC_SYS_HOSTNAME:
		sb_printf(sb, "%s\n", uts_hostname());
		break;
	case PROC_SYS_OSRELEASE:
		sb_printf(sb, "%s\n", UTS_RELEASE);
		break;
	case PROC_SYS_OSTYPE:
		sb_printf(sb, "%s\n", UTS_SYSNAME);
		break;
	case PROC_SYS_PID_MAX:
		sb_printf(sb, "%d\n", PID_MAX);
		break;
	case PROC_SYS_PRINTK:
		kmsg_levels(lv);
		sb_printf(sb, "%d\t%d\t%d\t%d\n", lv[0], lv[1], lv[2], lv[3]);
		break;
	case PROC_SYS_VERSION:
		sb_printf(sb, "%s\n", uts_version());
		break;
	default:
		/* dmesg_restrict: 0, Linux's default; tainted: never;
		 * overcommit_memory: mm/mmap.c's heuristic, mode 0. */
		sb_printf(sb, "0\n");
		break;
	}
}

/* ---- files ---- */

static bool is_sysctl(enum proc_kind kind)
{
	return kind >= PROC_SYS_DOMAINNAME && kind <= PROC_SYS_OVERCOMMIT;
}

static bool is_sysfs(enum proc_kind kind)
{
	return kind >= SYSFS_ROOT && kind <= SYSFS_QUEUE_HW_SECTOR;
}

/*
 * Who may open a file for writing, as Linux's modes say: a read-only file
 * is EACCES even for root in /proc/sys and /sys (Linux checks sysctl
 * modes for root too, and sysfs refuses a file it has no store for), a
 * writable one only for root; comm for its owner or root.
 */
static int may_write(struct inode *inode, struct task *t)
{
	enum proc_kind kind = kind_of(inode);

	if (is_sysctl(kind) || is_sysfs(kind))
		return (inode->mode & 0200) && cred_privileged(current) ?
		       0 : -EACCES;
	if ((kind == PROC_PID_COMM || kind == PROC_TID_COMM) &&
	    !cred_privileged(current) && t->cred.euid != current->cred.euid)
		return -EACCES;
	return 0;
}

static int proc_file_open(struct inode *inode, struct file *f)
{
	enum proc_kind kind = kind_of(inode);
	struct block_device *bd = NULL;
	struct sbuf *sb;
	struct task *t = NULL;
	int err = 0;

	if (kind >= PROC_PID_DIR) {
		t = inode_task(inode);
		if (!t)
			return -ESRCH;
	}
	if (is_disk_kind(kind)) {
		bd = disk_at(sub_of(inode));
		if (!bd)
			return -ENOENT;
	}
	if (file_writable(f)) {
		err = may_write(inode, t);
		if (err)
			return err;
	}
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		return -ENOMEM;
	switch (kind) {
	case PROC_MEMINFO:
		gen_meminfo(sb);
		break;
	case PROC_UPTIME:
		gen_uptime(sb);
		break;
	case PROC_CPUINFO:
		gen_cpuinfo(sb);
		break;
	case PROC_STAT:
		gen_system_stat(sb);
		break;
	case PROC_LOADAVG:
		gen_loadavg(sb);
		break;
	case PROC_VERSION:
		sb_printf(sb, "%s", uts_banner());
		break;
	case PROC_PARTITIONS:
		gen_partitions(sb);
		break;
	case PROC_DISKSTATS:
		block_device_for_each(diskstats_line, sb);
		break;
	case PROC_PID_STAT:
		gen_stat(sb, t, true);
		break;
	case PROC_TID_STAT:
		gen_stat(sb, t, false);
		break;
	case PROC_PID_STATUS:
	case PROC_TID_STATUS:
		gen_status(sb, t);
		break;
	case PROC_PID_STATM:
		gen_statm(sb, t);
		break;
	case PROC_PID_MAPS:
		gen_maps(sb, t);
		break;
	case PROC_PID_COMM:
	case PROC_TID_COMM:
		sb_printf(sb, "%s\n", t->comm);
		break;
	case PROC_PID_CMDLINE:	/* argv, each string NUL-terminated */
		for (size_t at = 0; at < t->cmdline_len;
		     at += strlen(t->cmdline + at) + 1)
			sb_printf(sb, "%s%c", t->cmdline + at, '\0');
		break;
	case PROC_PID_MOUNTS:
		gen_mounts(sb);
		break;
	case PROC_FDINFO:
		err = gen_fdinfo(sb, t, sub_of(inode));
		break;
	case SYSFS_CPU_ONLINE:
		gen_cpu_range(sb, nr_cpus_online);
		break;
	case SYSFS_CPU_POSSIBLE:
	case SYSFS_CPU_PRESENT:
		gen_cpu_range(sb, nr_cpus_possible);
		break;
	default:
		if (is_sysctl(kind))
			gen_sysctl(sb, kind);
		else if (bd)
			gen_disk_file(sb, kind, bd);
		break;
	}
	if (sb->oom || err) {
		kfree(sb->buf);
		kfree(sb);
		return err ? err : -ENOMEM;
	}
	f->priv = sb;
	return 0;
}

static long proc_file_read(struct file *f, struct io_buf buf, size_t n,
			   u64 *pos)
{
	struct sbuf *sb = f->priv;
	size_t got;

	if (*pos >= sb->len)
		return 0;
	n = MIN(n, sb->len - (size_t)*pos);
	got = io_copy_to(buf, 0, sb->buf + *pos, n);
	if (!got)
		return -EFAULT;
	*pos += got;
	return (long)got;
}

/*
 * A thread renames itself (or another thread of its process; anyone
 * else is EINVAL, as on Linux): the first 15 bytes written become the
 * name, a newline included, and the whole count is taken.
 */
static long comm_write(struct inode *inode, struct io_buf buf, size_t n)
{
	struct task *t = inode_task(inode);
	char name[TASK_COMM_LEN] = { 0 };
	size_t want = MIN(n, sizeof(name) - 1);

	if (io_copy_from(name, buf, 0, want) < want)
		return -EFAULT;
	if (!t)
		return -ESRCH;
	if (t->group != current->group)
		return -EINVAL;
	memset(t->comm, 0, sizeof(t->comm));
	strlcpy(t->comm, name, sizeof(t->comm));
	return (long)n;
}

/*
 * hostname and domainname, as Linux's strict sysctl writes: a write at
 * offset 0 replaces the value, one further on continues it; a newline or
 * NUL ends it, 64 bytes at most are kept, and the whole count is taken.
 */
static long name_write(enum proc_kind kind, struct io_buf buf, size_t n,
		       u64 *pos)
{
	char value[UTS_LEN + 1], in[UTS_LEN];
	size_t len, i, want;

	strlcpy(value, kind == PROC_SYS_HOSTNAME ? uts_hostname() :
		uts_domainname(), sizeof(value));
	len = strlen(value);
	if (*pos > len) {
		*pos += n;
		return (long)n;
	}
	len = (size_t)*pos;
	want = MIN(n, UTS_LEN - len);
	if (io_copy_from(in, buf, 0, want) < want)
		return -EFAULT;
	for (i = 0; i < want && in[i] && in[i] != '\n'; i++)
		value[len++] = in[i];
	if (kind == PROC_SYS_HOSTNAME)
		uts_set_hostname(value, len);
	else
		uts_set_domainname(value, len);
	*pos += n;
	return (long)n;
}

/*
 * make-it-fail takes "1" or "0", with a newline or without. Linux takes
 * any number (all but 0 meaning 1) and quietly ignores anything else;
 * EINVAL instead lets a mistyped write be seen rather than leave the
 * switch as it was.
 */
static long make_it_fail_write(struct inode *inode, struct io_buf buf,
			       size_t n, u64 *pos)
{
	struct block_device *bd = disk_at(sub_of(inode));
	unsigned long flags;
	char in[2];

	if (!n)
		return 0;
	if (n > sizeof(in))
		return -EINVAL;
	if (io_copy_from(in, buf, 0, n) < n)
		return -EFAULT;
	if ((in[0] != '0' && in[0] != '1') || (n == 2 && in[1] != '\n'))
		return -EINVAL;
	if (!bd)
		return -ENOENT;
	flags = spin_lock_irqsave(&bd->lock);
	bd->make_it_fail = in[0] == '1';
	spin_unlock_irqrestore(&bd->lock, flags);
	*pos += n;
	return (long)n;
}

static long proc_file_write(struct file *f, struct io_buf buf, size_t n,
			    u64 *pos)
{
	enum proc_kind kind = kind_of(f->inode);

	switch (kind) {
	case PROC_PID_COMM:
	case PROC_TID_COMM:
		return comm_write(f->inode, buf, n);
	case PROC_SYS_HOSTNAME:
	case PROC_SYS_DOMAINNAME:
		return name_write(kind, buf, n, pos);
	case SYSFS_DISK_FAIL:
		return make_it_fail_write(f->inode, buf, n, pos);
	default:
		return -EINVAL;
	}
}

static void proc_file_release(struct file *f)
{
	struct sbuf *sb = f->priv;

	kfree(sb->buf);
	kfree(sb);
}

/* ---- symlinks ---- */

/*
 * Where an open file is, as Linux names it: a path, "pipe:[ino]" for a
 * pipe, "anon_inode:[eventfd]" and the like, "/memfd:name (deleted)" for
 * a file that was never in a directory. A file unlinked since it was
 * opened has no name left to show (Linux still knows the old one and adds
 * " (deleted)").
 */
static long file_target(struct inode *inode, char *buf, size_t size)
{
	long n;

	if (inode->dev == PIPEFS_DEV)
		return snprintf(buf, size, "pipe:[%llu]",
				(unsigned long long)inode->ino);
	if (inode->dev == ANON_INODE_DEV)
		return snprintf(buf, size, "anon_inode:%s",
				inode->name ? inode->name : "[unknown]");
	if (S_ISREG(inode->mode) && !inode->nlink && inode->name)
		return snprintf(buf, size, "/%s (deleted)", inode->name);
	if (S_ISDIR(inode->mode) || inode->dev == PROCFS_DEV)
		n = inode_path(inode, buf, size);
	else
		n = ramfs_path_of(inode, buf, size);
	if (n < 0)
		n = snprintf(buf, size, "(deleted)");
	return n;
}

/* The target of a /proc symlink into buf (PATH_MAX bytes). */
static long link_target(struct inode *link, char *buf)
{
	enum proc_kind kind = kind_of(link);
	struct task *t = NULL;
	struct file *f;

	if (kind == PROC_SELF)
		return snprintf(buf, PATH_MAX, "%d", current->tgid);
	if (kind == PROC_MOUNTS_LINK)
		return snprintf(buf, PATH_MAX, "self/mounts");
	t = proc_task(link->u.proc.pid);
	if (!t)
		return -ENOENT;
	switch (kind) {
	case PROC_PID_EXE:
		return t->exe ? file_target(t->exe, buf, PATH_MAX) : -ENOENT;
	case PROC_PID_CWD:
		return t->fs && t->fs->cwd ?
		       file_target(t->fs->cwd, buf, PATH_MAX) : -ENOENT;
	case PROC_PID_ROOT:
		return snprintf(buf, PATH_MAX, "/");
	case PROC_FD_LINK:
		f = t->files ? files_lookup(t->files, sub_of(link)) : NULL;
		return f ? file_target(f->inode, buf, PATH_MAX) : -ENOENT;
	default:
		return -ENOENT;
	}
}

static long proc_readlink(struct inode *link, char *buf, size_t size)
{
	char *target = kmalloc(PATH_MAX);
	long n;

	if (!target)
		return -ENOMEM;
	n = link_target(link, target);
	if (n > (long)PATH_MAX - 1)
		n = PATH_MAX - 1;
	if (n > 0) {
		n = MIN(n, (long)size);
		memcpy(buf, target, (size_t)n);
	}
	kfree(target);
	return n;
}

/* ---- inodes ---- */

/* A new inode for kind, named name in dir (the parent link gives fd
 * links and getcwd their paths). */
static int proc_inode(struct inode *dir, const char *name, size_t len,
		      enum proc_kind kind, int sub, unsigned int mode, int pid,
		      struct inode **out)
{
	struct inode *inode = inode_alloc(PROCFS_DEV, mode);
	struct task *t;

	if (!inode)
		return -ENOMEM;
	inode->ino = proc_ino(pid, kind, sub);
	inode->ephemeral = true;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	inode->u.proc.kind = (int)kind | (sub << KIND_BITS);
	inode->u.proc.pid = pid;
	/* A process's files belong to its effective ids, as on Linux. */
	t = pid > 0 ? find_task(pid) : NULL;
	if (t) {
		inode->uid = t->cred.euid;
		inode->gid = t->cred.egid;
	}
	if (S_ISLNK(mode)) {
		inode->iop = &proc_link_iops;
	} else if (S_ISDIR(mode)) {
		inode->iop = &proc_dir_iops;
		inode->fop = &dir_fops;
	} else {
		inode->fop = &proc_file_fops;
	}
	if (inode_set_dir_link(inode, dir, name, len)) {
		iput(inode);
		return -ENOMEM;
	}
	*out = inode;
	return 0;
}

static bool name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && !memcmp(name, s, len);
}

/* "123" -> 123; -1 unless a plain decimal number. */
static int parse_number(const char *name, size_t len)
{
	long v = 0;
	size_t i;

	if (!len || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return (int)v;
}

/* The fixed names of a directory kind. */
static const struct proc_entry *dir_table(enum proc_kind kind, size_t *n)
{
	switch (kind) {
	case PROC_ROOT:
		*n = ARRAY_SIZE(root_entries);
		return root_entries;
	case PROC_SYS:
		*n = ARRAY_SIZE(sys_entries);
		return sys_entries;
	case PROC_SYS_KERNEL:
		*n = ARRAY_SIZE(sys_kernel_entries);
		return sys_kernel_entries;
	case PROC_SYS_VM:
		*n = ARRAY_SIZE(sys_vm_entries);
		return sys_vm_entries;
	case SYSFS_ROOT:
		*n = ARRAY_SIZE(sysfs_root_entries);
		return sysfs_root_entries;
	case SYSFS_DEVICES:
		*n = ARRAY_SIZE(sysfs_devices_entries);
		return sysfs_devices_entries;
	case SYSFS_SYSTEM:
		*n = ARRAY_SIZE(sysfs_system_entries);
		return sysfs_system_entries;
	case SYSFS_CPU:
		*n = ARRAY_SIZE(sysfs_cpu_entries);
		return sysfs_cpu_entries;
	case SYSFS_DISK_DIR:
		*n = ARRAY_SIZE(sysfs_disk_entries);
		return sysfs_disk_entries;
	case SYSFS_DISK_QUEUE:
		*n = ARRAY_SIZE(sysfs_queue_entries);
		return sysfs_queue_entries;
	case PROC_PID_DIR:
		*n = ARRAY_SIZE(pid_entries);
		return pid_entries;
	case PROC_TID_DIR:
		*n = ARRAY_SIZE(tid_entries);
		return tid_entries;
	default:
		*n = 0;
		return NULL;
	}
}

/* The smallest process id >= from, or 0. */
static int next_process(int from)
{
	struct list_head *pos;
	int best = 0;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->group_leader != t || t->state == TASK_DEAD ||
		    t->pid <= 0 || t->pid < from)
			continue;
		if (!best || t->pid < best)
			best = t->pid;
	}
	return best;
}

/* The smallest thread id >= from in leader's process, or 0. */
static int next_thread(struct task *leader, int from)
{
	struct list_head *pos;
	int best = 0;

	list_for_each(pos, &leader->thread_list) {
		struct task *t = list_entry(pos, struct task, threads);

		if (t->state == TASK_DEAD || t->pid < from)
			continue;
		if (!best || t->pid < best)
			best = t->pid;
	}
	return best;
}

/* The smallest open descriptor >= from, or -1. */
static int next_fd(struct task *t, int from)
{
	int fd;

	for (fd = from; t->files && fd < t->files->max_fds; fd++)
		if (t->files->fd[fd])
			return fd;
	return -1;
}

static unsigned int fd_link_mode(const struct file *f)
{
	unsigned int mode = S_IFLNK;

	if (file_readable(f))
		mode |= 0500;
	if (file_writable(f))
		mode |= 0300;
	return mode;
}

/* The numbered entries of a directory: processes, threads or fds. */
static int lookup_number(struct inode *dir, const char *name, size_t len,
			 struct inode **out)
{
	enum proc_kind kind = kind_of(dir);
	int num = parse_number(name, len), pid = dir->u.proc.pid;
	struct task *t, *th;
	struct file *f;

	if (num < 0)
		return -ENOENT;
	switch (kind) {
	case PROC_ROOT:
		if (num <= 0 || !proc_task(num))
			return -ENOENT;
		return proc_inode(dir, name, len, PROC_PID_DIR, 0,
				  S_IFDIR | 0555, num, out);
	case PROC_PID_TASK_DIR:
		t = proc_task(pid);
		th = proc_thread(num);
		if (!t || !th || th->group_leader != t)
			return -ENOENT;
		return proc_inode(dir, name, len, PROC_TID_DIR, 0,
				  S_IFDIR | 0555, num, out);
	case PROC_PID_FD_DIR:
	case PROC_PID_FDINFO_DIR:
		t = proc_task(pid);
		f = t && t->files ? files_lookup(t->files, num) : NULL;
		if (!f)
			return -ENOENT;
		if (kind == PROC_PID_FD_DIR)
			return proc_inode(dir, name, len, PROC_FD_LINK, num,
					  fd_link_mode(f), pid, out);
		return proc_inode(dir, name, len, PROC_FDINFO, num,
				  S_IFREG | 0444, pid, out);
	default:
		return -ENOENT;
	}
}

/* /sys/block/<disk>, named by the disk's place. */
static int lookup_disk(struct inode *dir, const char *name, size_t len,
		       struct inode **out)
{
	struct block_device *bd;
	int i;

	for (i = 0; (bd = disk_at(i)); i++)
		if (name_is(name, len, bd->name))
			return proc_inode(dir, name, len, SYSFS_DISK_DIR, i,
					  S_IFDIR | 0555, 0, out);
	return -ENOENT;
}

/* A fixed name inherits its directory's sub: the files of a disk know
 * which disk. */
static int proc_lookup(struct inode *dir, const char *name, size_t len,
		       struct inode **out)
{
	enum proc_kind kind = kind_of(dir);
	const struct proc_entry *table;
	size_t n, i;

	if (kind >= PROC_PID_DIR && !inode_task(dir))
		return -ENOENT;
	table = dir_table(kind, &n);
	for (i = 0; i < n; i++)
		if (name_is(name, len, table[i].name))
			return proc_inode(dir, name, len, table[i].kind,
					  sub_of(dir), table[i].mode,
					  dir->u.proc.pid, out);
	if (kind == SYSFS_BLOCK)
		return lookup_disk(dir, name, len, out);
	return lookup_number(dir, name, len, out);
}

/* From *pos on, the numbered entries of dir. */
static void readdir_numbers(struct inode *dir, u64 *pos, filldir_t fill,
			    void *ctx)
{
	enum proc_kind kind = kind_of(dir);
	struct task *t = kind == PROC_ROOT ? NULL : proc_task(dir->u.proc.pid);
	char num[12];
	int next;

	if (*pos < DYN_POS_BASE)
		*pos = DYN_POS_BASE;
	for (;;) {
		int from = (int)(*pos - DYN_POS_BASE);
		enum proc_kind child;
		unsigned int dtype;
		u64 ino;

		if (kind == PROC_ROOT) {
			next = next_process(from);
			child = PROC_PID_DIR;
			dtype = DT_DIR;
		} else if (kind == PROC_PID_TASK_DIR && t) {
			next = next_thread(t, from);
			child = PROC_TID_DIR;
			dtype = DT_DIR;
		} else if ((kind == PROC_PID_FD_DIR ||
			    kind == PROC_PID_FDINFO_DIR) && t) {
			next = next_fd(t, from);
			child = kind == PROC_PID_FD_DIR ? PROC_FD_LINK :
							  PROC_FDINFO;
			dtype = kind == PROC_PID_FD_DIR ? DT_LNK : DT_REG;
		} else {
			return;
		}
		if (next < 0 || (next == 0 && kind != PROC_PID_FD_DIR &&
				 kind != PROC_PID_FDINFO_DIR))
			return;
		/* Descriptors belong to the directory's process; processes
		 * and threads are their own. */
		ino = child == PROC_FD_LINK || child == PROC_FDINFO ?
		      proc_ino(dir->u.proc.pid, child, next) :
		      proc_ino(next, child, 0);
		snprintf(num, sizeof(num), "%d", next);
		if (!fill(ctx, num, strlen(num), ino, dtype,
			  DYN_POS_BASE + (u64)next + 1))
			return;
		*pos = DYN_POS_BASE + (u64)next + 1;
	}
}

/* From *pos on, the disks in /sys/block, by place. */
static void readdir_disks(u64 *pos, filldir_t fill, void *ctx)
{
	struct block_device *bd;
	int i;

	if (*pos < DYN_POS_BASE)
		*pos = DYN_POS_BASE;
	for (i = (int)(*pos - DYN_POS_BASE); (bd = disk_at(i)); i++) {
		if (!fill(ctx, bd->name, strlen(bd->name),
			  proc_ino(0, SYSFS_DISK_DIR, i), DT_DIR,
			  DYN_POS_BASE + (u64)i + 1))
			return;
		*pos = DYN_POS_BASE + (u64)i + 1;
	}
}

static int proc_readdir(struct inode *dir, u64 *pos, filldir_t fill,
			void *ctx)
{
	enum proc_kind kind = kind_of(dir);
	const struct proc_entry *table;
	size_t n;

	if (*pos == 0) {
		if (!fill(ctx, ".", 1, dir->ino, DT_DIR, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (!fill(ctx, "..", 2, dir->parent->ino, DT_DIR, 2))
			return 0;
		*pos = 2;
	}
	if (kind >= PROC_PID_DIR && !inode_task(dir))
		return 0;
	table = dir_table(kind, &n);
	while (*pos < 2 + n) {
		const struct proc_entry *e = &table[*pos - 2];

		if (!fill(ctx, e->name, strlen(e->name),
			  proc_ino(dir->u.proc.pid, e->kind, sub_of(dir)),
			  S_ISLNK(e->mode) ? DT_LNK :
			  S_ISDIR(e->mode) ? DT_DIR : DT_REG, *pos + 1))
			return 0;
		(*pos)++;
	}
	if (kind == SYSFS_BLOCK)
		readdir_disks(pos, fill, ctx);
	else
		readdir_numbers(dir, pos, fill, ctx);
	return 0;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
	.readdir = proc_readdir,
};

static const struct inode_operations proc_link_iops = {
	.readlink = proc_readlink,
};

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.write = proc_file_write,
	.release = proc_file_release,
};

struct inode *sysfs_create_root(void)
{
	struct inode *root = inode_alloc(PROCFS_DEV, S_IFDIR | 0555);

	if (!root)
		return NULL;
	root->iop = &proc_dir_iops;
	root->fop = &dir_fops;
	root->u.proc.kind = SYSFS_ROOT;
	root->u.proc.pid = 0;
	return root;
}

struct inode *procfs_create_root(void)
{
	proc_root = inode_alloc(PROCFS_DEV, S_IFDIR | 0555);
	if (!proc_root)
		return NULL;
	proc_root->ino = 1;
	proc_root->iop = &proc_dir_iops;
	proc_root->fop = &dir_fops;
	proc_root->u.proc.kind = PROC_ROOT;
	proc_root->u.proc.pid = 0;
	return proc_root;
}
