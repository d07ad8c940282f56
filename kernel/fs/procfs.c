/* /proc: files made up when opened from the kernel's own state, in Linux's
 * formats so that ps, free and the like can read them: self, meminfo,
 * uptime, cpuinfo, stat, and per process stat, status, maps and comm. */
#include <fs.h>
#include <kmalloc.h>
#include <mm.h>
#include <page.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <arch.h>
#include <string.h>
#include <time.h>
#include <uapi/dirent.h>

enum proc_kind {
	PROC_ROOT, PROC_SELF, PROC_MEMINFO, PROC_UPTIME, PROC_CPUINFO,
	PROC_STAT,
	PROC_PID_DIR, PROC_PID_STAT, PROC_PID_STATUS, PROC_PID_MAPS,
	PROC_PID_COMM,
	PROC_PID_CMDLINE,
	PROC_NR_KINDS
};

struct proc_entry {
	const char *name;
	enum proc_kind kind;
	unsigned int mode;
};

/* The fixed names in /proc, then those in every /proc/<pid>. */
static const struct proc_entry root_entries[] = {
	{ "self", PROC_SELF, S_IFLNK | 0777 },
	{ "meminfo", PROC_MEMINFO, S_IFREG | 0444 },
	{ "uptime", PROC_UPTIME, S_IFREG | 0444 },
	{ "cpuinfo", PROC_CPUINFO, S_IFREG | 0444 },
	{ "stat", PROC_STAT, S_IFREG | 0444 },
};

static const struct proc_entry pid_entries[] = {
	{ "stat", PROC_PID_STAT, S_IFREG | 0444 },
	{ "status", PROC_PID_STATUS, S_IFREG | 0444 },
	{ "maps", PROC_PID_MAPS, S_IFREG | 0444 },
	{ "comm", PROC_PID_COMM, S_IFREG | 0444 },
	{ "cmdline", PROC_PID_CMDLINE, S_IFREG | 0444 },
};

#define PF_KTHREAD 0x00200000	/* what ps looks for in stat's flags */

/* Directory positions in /proc: ".", "..", the fixed names, then one per
 * process at PID_POS_BASE + pid so a listing resumes by pid. */
#define PID_POS_BASE 16

static struct inode *proc_root;
static const struct inode_operations proc_root_iops, proc_pid_iops,
	proc_link_iops;
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

static char state_char(const struct task *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
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

static void gen_stat(struct sbuf *sb, struct task *t)
{
	struct thread_group *g = t->group;
	struct mm_struct *mm = t->mm;
	int sid = g ? g->sid : 0, pgid = g ? g->pgid : 0;
	bool on_tty = sid && sid == tty_session();
	unsigned long ign, catch;

	sig_dispositions(t, &ign, &catch);
	/* Field order of Linux's fs/proc/array.c (52 fields). */
	sb_printf(sb, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu "
		  "%ld %ld %ld %ld %ld %d %llu %lu %ld %lu ",
		  t->tgid, t->comm, state_char(t),
		  t->parent ? t->parent->tgid : 0, pgid, sid,
		  on_tty ? (int)CONSOLE_RDEV : 0,
		  on_tty ? tty_foreground_pgrp() : -1,
		  mm || t->state == TASK_ZOMBIE ? 0u : PF_KTHREAD,
		  mm ? mm->counters.minor : 0UL, 0UL,
		  mm ? mm->counters.major : 0UL, 0UL,
		  t->utime, t->stime, 0L, 0L,
		  20L, 0L,		/* priority, nice */
		  g ? (long)g->nr_threads : 1L, 0,
		  (unsigned long long)t->start_jiffies,
		  vm_size(mm), mm ? (long)mm->rss : 0L, ~0UL);
	sb_printf(sb, "%lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %d %d "
		  "%u %u %llu %lu %ld %lu %lu %lu %lu %lu %lu %lu %d\n",
		  0UL, 0UL, mm ? mm->stack_top : 0UL,	/* code, stack */
		  0UL, 0UL,				/* esp, eip */
		  t->pending.set, t->blocked, ign, catch,
		  0UL, 0UL, 0UL,			/* wchan, nswap */
		  t->exit_signal, 0,			/* cpu */
		  0u, 0u, 0ULL, 0UL, 0L,		/* rt, policy... */
		  0UL, 0UL,				/* data */
		  mm ? mm->start_brk : 0UL,
		  0UL, 0UL, 0UL, 0UL,			/* args, env */
		  t->state == TASK_ZOMBIE ? t->exit_code : 0);
}

static void gen_status(struct sbuf *sb, struct task *t)
{
	struct mm_struct *mm = t->mm;
	unsigned long ign, catch;

	sig_dispositions(t, &ign, &catch);
	sb_printf(sb, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\n"
		  "Ngid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
		  "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\n",
		  t->comm, t->fs ? t->fs->umask : 022, state_name(t), t->tgid,
		  t->pid, t->parent ? t->parent->tgid : 0,
		  t->files ? t->files->max_fds : 0);
	if (mm)
		sb_printf(sb, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n",
			  vm_size(mm) >> 10, mm->rss * (PAGE_SIZE >> 10));
	sb_printf(sb, "Threads:\t%d\nSigPnd:\t%016lx\nShdPnd:\t%016lx\n"
		  "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		  t->group ? t->group->nr_threads : 1, t->pending.set,
		  t->group ? t->group->shared_pending.set : 0UL, t->blocked,
		  ign, catch);
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
		  (dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & ~0xffu),
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
	char *path = kmalloc(PATH_MAX);
	bool locked;

	if (!mm)
		return;
	/* Our own mm cannot go away while we sleep for its lock; another
	 * process's might, so only take that one if it is free now. */
	if (mm == current->mm) {
		down_read(&mm->mmap_lock);
		locked = true;
	} else {
		locked = down_read_trylock(&mm->mmap_lock);
	}
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
	sb_printf(sb, "Buffers:        %8lu kB\n", 0UL);
	sb_printf(sb, "Cached:         %8lu kB\n", 0UL);
	sb_printf(sb, "SwapTotal:      %8lu kB\n", 0UL);
	sb_printf(sb, "SwapFree:       %8lu kB\n", 0UL);
	/* Frames retired by memory failure: no longer free, not leaked. */
	sb_printf(sb, "HardwareCorrupted: %5lu kB\n",
		  nr_poisoned_pages() * kb);
}

static void gen_uptime(struct sbuf *sb)
{
	u64 cs = ktime_get_ns() / (NSEC_PER_SEC / 100);

	sb_printf(sb, "%llu.%02llu 0.00\n", cs / 100, cs % 100);
}

/* One paragraph per online CPU, as Linux starts each of its own (the
 * fields after "processor" differ per arch; this names the firmware id). */
static void gen_cpuinfo(struct sbuf *sb)
{
	struct cpu *c;

	for_each_online_cpu(c)
		sb_printf(sb, "processor\t: %u\nhwid\t\t: %#lx\narch\t\t: %s\n\n",
			  c->id, c->hwid, arch_name);
}

/*
 * Linux's /proc/stat: time per CPU in USER_HZ (100 a second, our HZ)
 * ticks as user, nice, system, idle, iowait, irq, softirq, steal, guest,
 * guest_nice (only user, system and idle are kept), the total first;
 * then context switches, processes created, tasks running and blocked.
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

/* ---- files ---- */

static int proc_file_open(struct inode *inode, struct file *f)
{
	struct sbuf *sb = kzalloc(sizeof(*sb));
	struct task *t = NULL;

	if (!sb)
		return -ENOMEM;
	if (inode->u.proc.kind >= PROC_PID_DIR) {
		t = proc_task(inode->u.proc.pid);
		if (!t) {
			kfree(sb);
			return -ESRCH;
		}
	}
	switch (inode->u.proc.kind) {
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
	case PROC_PID_STAT:
		gen_stat(sb, t);
		break;
	case PROC_PID_STATUS:
		gen_status(sb, t);
		break;
	case PROC_PID_MAPS:
		gen_maps(sb, t);
		break;
	case PROC_PID_COMM:
		sb_printf(sb, "%s\n", t->comm);
		break;
	case PROC_PID_CMDLINE:	/* argv, each string NUL-terminated */
		for (size_t at = 0; at < t->cmdline_len;
		     at += strlen(t->cmdline + at) + 1)
			sb_printf(sb, "%s%c", t->cmdline + at, '\0');
		break;
	}
	if (sb->oom) {
		kfree(sb->buf);
		kfree(sb);
		return -ENOMEM;
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

static void proc_file_release(struct file *f)
{
	struct sbuf *sb = f->priv;

	kfree(sb->buf);
	kfree(sb);
}

/* ---- inodes ---- */

static struct inode *proc_inode(enum proc_kind kind, unsigned int mode,
				int pid)
{
	struct inode *inode = inode_alloc(PROCFS_DEV, mode);

	if (!inode)
		return NULL;
	/* The same number every time this file is looked up. */
	inode->ino = 0x1000 + (u64)pid * PROC_NR_KINDS + kind;
	inode->ephemeral = true;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	inode->u.proc.kind = kind;
	inode->u.proc.pid = pid;
	if (S_ISLNK(mode)) {
		inode->iop = &proc_link_iops;
	} else if (S_ISDIR(mode)) {
		inode->iop = &proc_pid_iops;
		inode->fop = &dir_fops;
	} else {
		inode->fop = &proc_file_fops;
	}
	return inode;
}

static bool name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && !memcmp(name, s, len);
}

/* "123" -> 123; -1 unless a plain decimal number. */
static int parse_pid(const char *name, size_t len)
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

static int proc_root_lookup(struct inode *dir, const char *name, size_t len,
			    struct inode **out)
{
	struct inode *inode;
	unsigned int i;
	int pid;
	char num[12];

	for (i = 0; i < ARRAY_SIZE(root_entries); i++) {
		if (!name_is(name, len, root_entries[i].name))
			continue;
		*out = proc_inode(root_entries[i].kind, root_entries[i].mode,
				  0);
		return *out ? 0 : -ENOMEM;
	}
	pid = parse_pid(name, len);
	if (pid <= 0 || !proc_task(pid))
		return -ENOENT;
	inode = proc_inode(PROC_PID_DIR, S_IFDIR | 0555, pid);
	if (!inode)
		return -ENOMEM;
	snprintf(num, sizeof(num), "%d", pid);
	if (inode_set_dir_link(inode, dir, num, strlen(num))) {
		iput(inode);
		return -ENOMEM;
	}
	*out = inode;
	return 0;
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

static int proc_root_readdir(struct inode *dir, u64 *pos, filldir_t fill,
			     void *ctx)
{
	char num[12];
	int pid;

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
	while (*pos < 2 + ARRAY_SIZE(root_entries)) {
		const struct proc_entry *e = &root_entries[*pos - 2];

		if (!fill(ctx, e->name, strlen(e->name), 0x1000 + e->kind,
			  S_ISLNK(e->mode) ? DT_LNK : DT_REG, *pos + 1))
			return 0;
		(*pos)++;
	}
	if (*pos < PID_POS_BASE)
		*pos = PID_POS_BASE;
	while ((pid = next_process((int)(*pos - PID_POS_BASE))) > 0) {
		snprintf(num, sizeof(num), "%d", pid);
		if (!fill(ctx, num, strlen(num),
			  0x1000 + (u64)pid * PROC_NR_KINDS + PROC_PID_DIR,
			  DT_DIR, PID_POS_BASE + (u64)pid + 1))
			return 0;
		*pos = PID_POS_BASE + (u64)pid + 1;
	}
	return 0;
}

static int proc_pid_lookup(struct inode *dir, const char *name, size_t len,
			   struct inode **out)
{
	unsigned int i;

	if (!proc_task(dir->u.proc.pid))
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(pid_entries); i++) {
		if (!name_is(name, len, pid_entries[i].name))
			continue;
		*out = proc_inode(pid_entries[i].kind, pid_entries[i].mode,
				  dir->u.proc.pid);
		return *out ? 0 : -ENOMEM;
	}
	return -ENOENT;
}

static int proc_pid_readdir(struct inode *dir, u64 *pos, filldir_t fill,
			    void *ctx)
{
	int pid = dir->u.proc.pid;

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
	if (!proc_task(pid))
		return 0;
	while (*pos < 2 + ARRAY_SIZE(pid_entries)) {
		const struct proc_entry *e = &pid_entries[*pos - 2];

		if (!fill(ctx, e->name, strlen(e->name),
			  0x1000 + (u64)pid * PROC_NR_KINDS + e->kind, DT_REG,
			  *pos + 1))
			return 0;
		(*pos)++;
	}
	return 0;
}

static long proc_self_readlink(struct inode *link, char *buf, size_t size)
{
	char num[12];
	int n = snprintf(num, sizeof(num), "%d", current->tgid);

	(void)link;
	n = MIN(n, (int)size);
	memcpy(buf, num, (size_t)n);
	return n;
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
	.readdir = proc_root_readdir,
};

static const struct inode_operations proc_pid_iops = {
	.lookup = proc_pid_lookup,
	.readdir = proc_pid_readdir,
};

static const struct inode_operations proc_link_iops = {
	.readlink = proc_self_readlink,
};

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.release = proc_file_release,
};

struct inode *procfs_create_root(void)
{
	proc_root = inode_alloc(PROCFS_DEV, S_IFDIR | 0555);
	if (!proc_root)
		return NULL;
	proc_root->ino = 1;
	proc_root->iop = &proc_root_iops;
	proc_root->fop = &dir_fops;
	return proc_root;
}
