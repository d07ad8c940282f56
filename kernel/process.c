/*
 * Processes and threads: creating tasks (kernel threads, fork, clone),
 * exiting, becoming a zombie, and being reaped by wait4; pids, process
 * groups and sessions. Signals are in kernel/signal.c, exec in
 * kernel/exec.c, the scheduler in kernel/sched.c.
 */
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <mm.h>
#include <fault.h>
#include <fs.h>
#include <page.h>
#include <kmalloc.h>
#include <string.h>
#include <printk.h>
#include <uaccess.h>
#include <arch.h>
#include <time.h>
#include <futex.h>
#include <kernel_map.h>
#include <uapi/errno.h>
#include <uapi/sched.h>

_Static_assert(sizeof(struct task) <= PAGE_SIZE, "struct task fits a page");

/* A vfork parent sleeps on this until the child execs or exits. */
struct vfork_done {
	bool done;
	struct wait_queue wq;
};

/* The first user process (kernel/main.c): adopts orphans; when it exits
 * the machine powers off. */
struct task *init_process;

int last_pid;		/* the pid given out last (include/sched.h) */

static int alloc_pid(void)
{
	for (;;) {
		last_pid = last_pid % PID_MAX + 1;
		if (!find_task(last_pid))
			return last_pid;
	}
}

/* A task and its kernel stack, mapped in the vmap area above a guard gap
 * (mm/vmap.c). */
unsigned long nr_tasks_created;

static struct task *task_alloc(void)
{
	struct task *t = task_struct_alloc();

	if (!t)
		return NULL;
	task_init_links(t);
	t->pid = alloc_pid();
	nr_tasks_created++;
	t->start_jiffies = jiffies;
	list_add_tail(&t->all_node, &all_tasks);
	return t;
}

/* Last step of a task's life: only when it is off the CPU for good. */
void task_free(struct task *t)
{
	list_del(&t->all_node);
	task_struct_free(t);
}

static struct thread_group *group_create(int pgid, int sid)
{
	struct thread_group *g = kzalloc(sizeof(*g));

	if (g) {
		g->refcount = 1;
		g->pgid = pgid;
		g->sid = sid;
		wait_queue_init(&g->thread_exit);
		list_init(&g->posix_timers);
	}
	return g;
}

static void group_put(struct thread_group *g)
{
	if (g && --g->refcount == 0) {
		itimers_free(g);
		posix_timers_delete_all(g);
		kfree(g);
	}
}

static struct sighand *sighand_copy(const struct sighand *old)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh && old)
		memcpy(sh->action, old->action, sizeof(sh->action));
	if (sh) {
		sh->refcount = 1;
		wait_queue_init(&sh->signalfd_wait);
	}
	return sh;
}

static void sighand_put(struct sighand *sh)
{
	if (sh && --sh->refcount == 0)
		kfree(sh);
}

static void mm_put(struct mm_struct *mm)
{
	if (mm && --mm->users == 0)
		mm_destroy(mm);
}

/* Give back everything but the task structure and its kernel stack. */
static void task_release_resources(struct task *t)
{
	struct mm_struct *mm = t->mm;

	usage_thread_exit(t, mm);
	if (mm) {
		t->mm = NULL;
		if (t == current)
			switch_mm(NULL);
		mm_put(mm);
	}
	if (t->files) {
		files_put(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		fs_put(t->fs);
		t->fs = NULL;
	}
	sighand_put(t->sighand);
	t->sighand = NULL;
	task_release_identity(t);
}

static void discard_half_made(struct task *t)
{
	task_release_resources(t);
	group_put(t->group);
	task_free(t);
}

/* Put a new task on the run queue. */
static void task_start(struct task *t)
{
	t->state = TASK_UNINTERRUPTIBLE;
	wake_up_task(t);
}

struct task *kthread_create(const char *name, int (*fn)(void *), void *arg)
{
	struct task *t = task_alloc();

	if (!t)
		return NULL;
	strlcpy(t->comm, name, sizeof(t->comm));
	t->tgid = t->pid;
	t->group_leader = t;
	t->parent = current->group_leader;
	t->group = group_create(t->pid, t->pid);
	t->sighand = sighand_copy(NULL);
	t->files = files_create();
	t->fs = fs_create();
	if (!t->group || !t->sighand || !t->files || !t->fs) {
		discard_half_made(t);
		return NULL;
	}
	t->group->nr_threads = 1;
	t->exit_signal = SIGCHLD;
	t->kthread_fn = fn;
	t->kthread_arg = arg;
	list_add_tail(&t->threads, &t->thread_list);
	list_add_tail(&t->sibling, &t->parent->children);
	arch_context_init(t);
	task_start(t);
	return t;
}

/* Share or copy each part of the parent, as the clone flags ask. */
static long clone_resources(struct task *t, unsigned long flags)
{
	if (flags & CLONE_VM) {
		t->mm = current->mm;
		t->mm->users++;
	} else if (current->mm) {
		t->mm = mm_duplicate(current->mm);
		if (!t->mm)
			return -ENOMEM;
		t->mm->users = 1;
	}
	if (flags & CLONE_FILES) {
		files_get(current->files);
		t->files = current->files;
	} else if (!(t->files = files_copy(current->files))) {
		return -ENOMEM;
	}
	if (flags & CLONE_FS) {
		fs_get(current->fs);
		t->fs = current->fs;
	} else if (!(t->fs = fs_copy(current->fs))) {
		return -ENOMEM;
	}
	if (flags & CLONE_SIGHAND) {
		current->sighand->refcount++;
		t->sighand = current->sighand;
	} else if (!(t->sighand = sighand_copy(current->sighand))) {
		return -ENOMEM;
	}
	return 0;
}

/* Link a new thread into its group, or a new process under its parent. */
static long join_family(struct task *t, unsigned long flags)
{
	struct task *leader = current->group_leader;

	if (flags & CLONE_THREAD) {
		t->tgid = current->tgid;
		t->group_leader = leader;
		t->group = current->group;
		t->group->refcount++;
		t->group->nr_threads++;
		t->exit_signal = -1;
		list_add_tail(&t->threads, &leader->thread_list);
		return 0;
	}
	t->tgid = t->pid;
	t->group_leader = t;
	t->group = group_create(current->group->pgid, current->group->sid);
	if (!t->group)
		return -ENOMEM;
	t->group->nr_threads = 1;
	t->exit_signal = flags & CSIGNAL;
	t->parent = (flags & CLONE_PARENT) && leader->parent ?
		    leader->parent : leader;
	list_add_tail(&t->threads, &t->thread_list);
	list_add_tail(&t->sibling, &t->parent->children);
	return 0;
}

long do_clone(unsigned long flags, unsigned long newsp,
	      unsigned long parent_tid, unsigned long tls,
	      unsigned long child_tid)
{
	struct vfork_done vfork = { false, WAIT_QUEUE_INIT(vfork.wq) };
	struct task *t;
	long err;
	int pid;

	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_FS) && (flags & CLONE_NEWNS))
		return -EINVAL;
	if (flags & (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID |
		     CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS))
		return -EPERM;
	if (!current->mm)
		return -EINVAL;

	t = task_alloc();
	if (!t)
		return -ENOMEM;
	memcpy(t->comm, current->comm, sizeof(t->comm));
	memcpy(t->cmdline, current->cmdline, current->cmdline_len);
	t->cmdline_len = current->cmdline_len;
	task_clone_identity(t, current);
	err = clone_resources(t, flags);
	if (!err)
		err = join_family(t, flags);
	if (err) {
		discard_half_made(t);
		return err;
	}

	*task_pt_regs(t) = *current_pt_regs();
	t->thread = current->thread;
	arch_copy_thread(t, current, newsp, flags & CLONE_SETTLS, tls);
	arch_context_init(t);
	t->blocked = current->blocked;
	if (!(flags & CLONE_VM))
		t->altstack = current->altstack;
	else
		t->altstack.flags = SS_DISABLE;
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = child_tid;
	pid = t->pid;
	if (flags & CLONE_PARENT_SETTID)
		put_user(pid, (int __user *)parent_tid);
	if (flags & CLONE_VFORK)
		t->vfork_done = &vfork;

	task_start(t);
	if (flags & CLONE_VFORK)
		wait_event(vfork.wq, vfork.done);
	return pid;
}

/* A vfork child has let go of its parent's memory (exec or exit). */
void vfork_release(struct task *t)
{
	struct vfork_done *v = t->vfork_done;

	if (v) {
		t->vfork_done = NULL;
		v->done = true;
		wake_up(&v->wq);
	}
}

/*
 * Hand the children of a dying process to init (pid 1). Each gets
 * SIGCHLD as the signal its exit sends, whatever its clone() asked for,
 * as Linux does: init must not be killed by an orphan's exit
 * (clone(SIGKILL) or SIGUSR1, then exit).
 */
static void reparent_children(struct task *leader)
{
	struct task *init = init_process;
	struct list_head *pos, *n;

	list_for_each_safe(pos, n, &leader->children) {
		struct task *child = list_entry(pos, struct task, sibling);

		list_del(&child->sibling);
		child->parent = init;
		child->exit_signal = SIGCHLD;
		task_parent_died(child);
		if (init && init != leader)
			list_add_tail(&child->sibling, &init->children);
		else
			child->parent = NULL;
	}
	if (init)
		wake_up(&init->child_exit);
}

static bool parent_ignores_children(struct task *parent)
{
	struct kernel_sigaction *sa;

	if (!parent || !parent->sighand)
		return true;
	sa = &parent->sighand->action[SIGCHLD - 1];
	return sa->handler == SIG_IGN_HANDLER || (sa->flags & SA_NOCLDWAIT);
}

static void reap(struct task *zombie);

/* The last thread of a process is gone: tell the parent, or reap at once
 * when nobody will wait. */
static void notify_parent(struct task *leader)
{
	struct task *parent = leader->parent;
	struct kernel_siginfo info = { 0 };
	int status = leader->exit_code;

	if (leader == init_process) {
		if (status & 0x7f)
			printk("init (pid 1) killed by signal %d\n",
			       status & 0x7f);
		else
			printk("init (pid 1) exited with status %d\n",
			       (status >> 8) & 0xff);
		arch_poweroff((status & 0x7f) ? 128 + (status & 0x7f) :
						 (status >> 8) & 0xff);
	}
	leader->state = TASK_ZOMBIE;
	if (parent_ignores_children(parent) && leader->exit_signal == SIGCHLD) {
		reap(leader);
		/* a wait4 in progress learns there is one child fewer */
		if (parent)
			wake_up(&parent->child_exit);
		return;
	}
	if (leader->exit_signal > 0) {
		info.signo = leader->exit_signal;
		info.code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
		info.child.pid = leader->tgid;
		info.child.status = (status & 0x7f) ? (status & 0x7f) :
						      (status >> 8) & 0xff;
		send_signal_to_process(parent, leader->exit_signal, &info);
	}
	wake_up(&parent->child_exit);
}

void __noreturn do_exit(int status)
{
	struct task *t = current, *leader = t->group_leader;
	struct thread_group *g = t->group;

	if (t->pid == 0)
		panic("the idle task tried to exit");
	if (t->clear_child_tid && t->mm) {
		put_user(0, (int __user *)t->clear_child_tid);
		futex_wake_address(t->clear_child_tid, 1);
	}
	vfork_release(t);
	task_release_resources(t);
	if (g->exiting)
		status = g->exit_status;
	t->exit_code = status;

	arch_irq_disable();
	g->nr_threads--;
	if (!g->nr_threads) {
		itimers_exit(g);
		posix_timers_delete_all(g);
	}
	else
		group_stop_thread_gone(leader);
	wake_up(&g->thread_exit);	/* an exec may be waiting for us */
	if (t != leader) {
		list_del(&t->threads);
		t->state = TASK_DEAD;	/* threads reap themselves */
		group_put(g);
		t->group = NULL;
		if (!g->nr_threads && leader->state == TASK_ZOMBIE) {
			reparent_children(leader);
			notify_parent(leader);
		}
	} else {
		t->state = TASK_ZOMBIE;
		if (!g->nr_threads) {
			reparent_children(t);
			notify_parent(t);
		}
	}
	schedule();
	panic("a dead task was scheduled again");
}

/* The exec'ing thread takes the place of the (now dead) group leader:
 * its pid, its parent, its children. */
static void take_over_leader(struct task *leader)
{
	struct list_head *pos, *n;

	list_del(&current->threads);
	list_del(&leader->threads);
	list_add_tail(&current->threads, &current->thread_list);
	list_for_each_safe(pos, n, &leader->children) {
		struct task *child = list_entry(pos, struct task, sibling);

		list_del(&child->sibling);
		list_add_tail(&child->sibling, &current->children);
		child->parent = current;
	}
	current->parent = leader->parent;
	list_del(&leader->sibling);
	if (current->parent)
		list_add_tail(&current->sibling, &current->parent->children);
	current->exit_signal = leader->exit_signal;
	current->group_leader = current;
	current->pid = leader->pid;
	if (leader == init_process)
		init_process = current;
	group_put(leader->group);
	leader->group = NULL;
	leader->pid = -1;
	leader->state = TASK_DEAD;
	task_free(leader);	/* a zombie: off the CPU for good */
}

int de_thread(void)
{
	struct task *leader = current->group_leader;
	struct thread_group *g = current->group;
	struct list_head *pos;

	if (g->nr_threads == 1 && leader == current)
		return 0;
	list_for_each(pos, &leader->thread_list) {
		struct task *t = list_entry(pos, struct task, threads);

		if (t != current && t->state != TASK_ZOMBIE) {
			t->killed_by_exec = true;
			send_signal_to_thread(t, SIGKILL, NULL);
		}
	}
	wait_event(g->thread_exit, g->nr_threads == 1 &&
		   (leader == current || leader->state == TASK_ZOMBIE));
	if (leader != current)
		take_over_leader(leader);
	return 0;
}

void __noreturn do_group_exit(int status)
{
	struct thread_group *g = current->group;
	struct list_head *pos;

	if (!g->exiting) {
		g->exiting = true;
		g->exit_status = status;
		list_for_each(pos, &current->group_leader->thread_list) {
			struct task *t = list_entry(pos, struct task, threads);

			if (t != current)
				send_signal_to_thread(t, SIGKILL, NULL);
		}
	}
	do_exit(status);
}

/* Nobody needs the zombie's status any more (wait4 took it, or the parent
 * ignores its children): free what is left of it. A task reaping itself
 * is freed by the scheduler once it has switched away for the last time. */
static void reap(struct task *zombie)
{
	list_del(&zombie->sibling);
	list_del(&zombie->threads);
	group_put(zombie->group);
	zombie->group = NULL;
	zombie->state = TASK_DEAD;
	if (zombie != current)
		task_free(zombie);
}

#define WNOHANG		1
#define WUNTRACED	2
#define WCONTINUED	8
#define __WALL		0x40000000
#define __WCLONE	0x80000000

static bool wait_matches(struct task *child, int pid)
{
	if (pid > 0)
		return child->tgid == pid;
	if (pid == 0)
		return child->group->pgid == current->group->pgid;
	if (pid < -1)
		return child->group->pgid == -pid;
	return true;
}

/* Does child have something for wait4 to report: an exit, or (as
 * options ask) a stop or a continue not yet reported? */
static bool reportable(struct task *child, int options)
{
	struct thread_group *g = child->group;

	if (child->state == TASK_ZOMBIE && (!g || !g->nr_threads))
		return true;
	return g && (((options & WUNTRACED) && g->stopped &&
		      g->stop_to_report) ||
		     ((options & WCONTINUED) && g->continue_to_report));
}

/* The first matching child with something to report, or NULL; *any says
 * whether any child matches at all. */
static struct task *find_reportable(int pid, int options, bool *any)
{
	struct list_head *pos;

	*any = false;
	list_for_each(pos, &current->group_leader->children) {
		struct task *child = list_entry(pos, struct task, sibling);

		if (!wait_matches(child, pid))
			continue;
		*any = true;
		if (reportable(child, options))
			return child;
	}
	return NULL;
}

long sys_wait4(int pid, unsigned long status, int options,
	       unsigned long rusage)
{
	struct task *zombie;
	bool any, reap_it;
	int ret, code;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	/* -INT_MIN is no process group: Linux says ESRCH. */
	if (pid == (int)0x80000000)
		return -ESRCH;
	for (;;) {
		zombie = find_reportable(pid, options, &any);
		if (zombie || !any || (options & WNOHANG))
			break;
		ret = wait_event_interruptible(
			current->group_leader->child_exit,
			(zombie = find_reportable(pid, options, &any)) != NULL ||
			!any);
		if (ret)
			return ret;
	}
	if (!any)
		return -ECHILD;
	if (!zombie)
		return 0;
	/* A stop or a continue is reported once and the child stays. */
	reap_it = zombie->state == TASK_ZOMBIE &&
		  (!zombie->group || !zombie->group->nr_threads);
	if (reap_it) {
		code = zombie->exit_code;
	} else if ((options & WUNTRACED) && zombie->group->stop_to_report) {
		code = (zombie->group->stop_signal << 8) | 0x7f;
		zombie->group->stop_to_report = false;
	} else {
		code = 0xffff;
		zombie->group->continue_to_report = false;
	}
	if (status && put_user(code, (int __user *)status))
		return -EFAULT;
	/* What the child's whole process used, its own children too. */
	if (rusage) {
		struct usage u;

		usage_of_child(zombie, &u);
		if (put_rusage(rusage, &u))
			return -EFAULT;
	}
	ret = zombie->tgid;
	if (reap_it) {
		usage_reap(current, zombie);
		reap(zombie);
	}
	return ret;
}

long sys_clone(unsigned long flags, unsigned long newsp,
	       unsigned long parent_tid, unsigned long a3, unsigned long a4)
{
#ifdef __x86_64__
	/* x86_64: clone(flags, sp, parent_tid, child_tid, tls) */
	return do_clone(flags, newsp, parent_tid, a4, a3);
#else
	/* asm-generic: clone(flags, sp, parent_tid, tls, child_tid) */
	return do_clone(flags, newsp, parent_tid, a3, a4);
#endif
}

long sys_fork(void)
{
	return do_clone(SIGCHLD, 0, 0, 0, 0);
}

long sys_vfork(void)
{
	return do_clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, 0, 0, 0);
}

long sys_exit(int status)
{
	do_exit(W_EXITCODE(status & 0xff, 0));
}

long sys_exit_group(int status)
{
	do_group_exit(W_EXITCODE(status & 0xff, 0));
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_getppid(void)
{
	struct task *parent = current->group_leader->parent;

	return parent ? parent->tgid : 0;
}

long sys_gettid(void)
{
	return current->pid;
}

long sys_set_tid_address(unsigned long tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_set_robust_list(unsigned long head, size_t len)
{
	if (len != 3 * sizeof(long))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* The process (group leader) pid names, or current's for 0. */
static struct task *process_of(int pid)
{
	struct task *t = pid ? find_task(pid) : current;

	if (!t || t->state == TASK_ZOMBIE || !t->group)
		return NULL;
	return t->group_leader;
}

long sys_setpgid(int pid, int pgid)
{
	struct task *p = process_of(pid);

	if (pgid < 0)
		return -EINVAL;
	if (!p)
		return -ESRCH;
	if (p != current->group_leader && p->parent != current->group_leader)
		return -ESRCH;
	if (p->group->sid == p->tgid)
		return -EPERM;	/* a session leader stays where it is */
	p->group->pgid = pgid ? pgid : p->tgid;
	return 0;
}

long sys_getpgid(int pid)
{
	struct task *p = process_of(pid);

	return p ? p->group->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->group->pgid;
}

long sys_setsid(void)
{
	struct thread_group *g = current->group;

	if (g->pgid == current->tgid)
		return -EPERM;
	g->sid = g->pgid = current->tgid;
	return g->sid;
}

long sys_getsid(int pid)
{
	struct task *p = process_of(pid);

	return p ? p->group->sid : -ESRCH;
}

#define RLIMIT_STACK	3
#define RLIMIT_NOFILE	7
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0UL)

static void get_rlimit(unsigned int resource, unsigned long lim[2])
{
	lim[0] = lim[1] = RLIM_INFINITY;
	if (resource == RLIMIT_STACK)
		lim[0] = DEFAULT_STACK_LIMIT;
	if (resource == RLIMIT_NOFILE)
		lim[0] = lim[1] = 1024;
}

/* Limits are reported, not enforced beyond what mm/ and fs/ fix; setting
 * one is accepted and ignored. */
long sys_prlimit64(int pid, unsigned int resource, unsigned long new_limit,
		   unsigned long old_limit)
{
	unsigned long lim[2];

	(void)new_limit;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && !find_task(pid))
		return -ESRCH;
	get_rlimit(resource, lim);
	if (old_limit && copy_to_user((void __user *)old_limit, lim,
				      sizeof(lim)))
		return -EFAULT;
	return 0;
}

long sys_getrlimit(unsigned int resource, unsigned long rlim)
{
	return sys_prlimit64(0, resource, 0, rlim);
}
