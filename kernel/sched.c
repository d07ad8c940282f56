/*
 * The scheduler: one round-robin run queue shared by every CPU, wait
 * queues, and one idle task per CPU (pid 0; on the boot CPU it is the boot
 * context). User tasks are preempted on their way back to user mode when
 * their slice runs out; kernel code gives the CPU up only by sleeping or
 * by calling schedule(). The run queue, task states and wait queues are
 * guarded by the big kernel lock (include/bkl.h), which a CPU holds across
 * the switch: no other CPU can pick a task before its context is saved.
 */
#include <sched.h>
#include <smp.h>
#include <bkl.h>
#include <lockcheck.h>
#include <signal.h>
#include <mm.h>
#include <arch.h>
#include <irq.h>
#include <time.h>
#include <printk.h>
#include <page.h>
#include <string.h>
#include <kmalloc.h>
#include <kernel_map.h>
#include <uaccess.h>
#include <uapi/errno.h>

#define SLICE_TICKS 5		/* 50 ms at HZ = 100 */

static struct task boot_idle_task;
LIST_HEAD_DECLARE(all_tasks);
static LIST_HEAD_DECLARE(run_queue);
/* How many tasks in run_queue each CPU may run: an idle CPU peeks at its
 * own count without the lock to decide whether taking it is worth it. */
static unsigned int nr_queued_for[NR_CPUS];

static void count_queued(const struct task *t, int delta)
{
	unsigned int i;

	for (i = 0; i < nr_cpus_possible; i++)
		if (t->cpus_allowed & (1UL << i))
			WRITE_ONCE(nr_queued_for[i], nr_queued_for[i] + delta);
}

/* A task that exited and switched away for the last time on that CPU: its
 * kernel stack can only be freed once the CPU runs on another one. */
static struct task *task_to_free[NR_CPUS];

void task_free(struct task *t);	/* kernel/process.c */

static bool is_idle_task(const struct task *t)
{
	return t->pid == 0;
}

/* A task's list nodes and queues, empty (every new task, and idle). */
void task_init_links(struct task *t)
{
	list_init(&t->children);
	list_init(&t->sibling);
	list_init(&t->threads);
	list_init(&t->thread_list);
	list_init(&t->run_node);
	list_init(&t->wait.node);
	t->wait.task = t;
	list_init(&t->all_node);
	wait_queue_init(&t->child_exit);
	t->cpus_allowed = CPU_MASK_ALL;
}

static void idle_task_setup(struct task *t, unsigned int cpu)
{
	t->pid = 0;
	t->tgid = 0;
	t->state = TASK_RUNNING;
	if (cpu == 0)
		strlcpy(t->comm, "idle", sizeof(t->comm));
	else
		snprintf(t->comm, sizeof(t->comm), "idle/%u", cpu);
	task_init_links(t);
	t->cpus_allowed = 1UL << cpu;
	t->group_leader = t;
}

/* The boot context becomes cpus[0]'s idle task: first thing at boot. */
void sched_boot_init(void)
{
	smp_boot_cpu_init(&boot_idle_task);
	idle_task_setup(&boot_idle_task, 0);
	/* The boot context runs kernel code like any task: it holds the big
	 * kernel lock from now on, except while its idle loop waits. */
	bkl_lock();
}

struct task *task_struct_alloc(void)
{
	struct task *t = get_zeroed_page();

	if (!t)
		return NULL;
	t->kstack = kstack_alloc();
	if (!t->kstack) {
		free_page_va(t);
		return NULL;
	}
	return t;
}

void task_struct_free(struct task *t)
{
	kstack_free(t->kstack);
	free_page_va(t);
}

struct task *idle_task_create(unsigned int cpu)
{
	struct task *t = task_struct_alloc();

	if (t)
		idle_task_setup(t, cpu);
	return t;
}

struct task *find_task(int pid)
{
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->pid == pid && t->state != TASK_DEAD)
			return t;
	}
	return NULL;
}

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

/* An idle CPU that may run t is woken to pick it up; a busy one finds it
 * when its current task next gives the CPU up. */
static void kick_idle_cpu_for(struct task *t)
{
	struct cpu *c, *me = this_cpu();

	for_each_online_cpu(c) {
		if (c == me || !(t->cpus_allowed & (1UL << c->id)))
			continue;
		if (READ_ONCE(c->task) == c->idle) {
			smp_send_ipi(c, IPI_RESCHEDULE);
			return;
		}
	}
}

/* Queue t; kick says whether an idle CPU should come for it (a wake-up,
 * or a task this CPU may not run), rather than this CPU taking it back. */
static void enqueue(struct task *t, bool kick)
{
	if (is_idle_task(t) || !list_empty(&t->run_node))
		return;
	list_add_tail(&t->run_node, &run_queue);
	count_queued(t, 1);
	if (!(t->cpus_allowed & (1UL << smp_processor_id())))
		kick = true;
	if (kick && nr_cpus_online > 1)
		kick_idle_cpu_for(t);
}

void wake_up_task(struct task *t)
{
	irqflags_t f = local_irq_save();

	if (t->state == TASK_INTERRUPTIBLE ||
	    t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		enqueue(t, true);
	}
	local_irq_restore(f);
}

void wake_up_stopped(struct task *t)
{
	irqflags_t f = local_irq_save();

	if (t->state == TASK_STOPPED) {
		t->state = TASK_RUNNING;
		enqueue(t, true);
	}
	local_irq_restore(f);
}

void wake_up(struct wait_queue *wq)
{
	irqflags_t f = local_irq_save();
	struct list_head *pos;

	list_for_each(pos, &wq->waiters) {
		struct wait_entry *e = list_entry(pos, struct wait_entry, node);

		if (e->wake)
			e->wake(e);
		else
			wake_up_task(e->task);
	}
	local_irq_restore(f);
}

void add_wait_entry(struct wait_queue *wq, struct wait_entry *e)
{
	if (list_empty(&e->node))
		list_add_tail(&e->node, &wq->waiters);
}

void remove_wait_entry(struct wait_entry *e)
{
	list_del(&e->node);
}

void prepare_to_wait(struct wait_queue *wq, bool interruptible)
{
	add_wait_entry(wq, &current->wait);
	current->state = interruptible ? TASK_INTERRUPTIBLE :
					 TASK_UNINTERRUPTIBLE;
}

void finish_wait(struct wait_queue *wq)
{
	(void)wq;
	current->state = TASK_RUNNING;
	remove_wait_entry(&current->wait);
}

/* The first queued task allowed on c, taken off the queue; NULL if none. */
static struct task *pick_next(struct cpu *c)
{
	struct list_head *pos;

	list_for_each(pos, &run_queue) {
		struct task *t = list_entry(pos, struct task, run_node);

		if (t->cpus_allowed & (1UL << c->id)) {
			list_del(&t->run_node);
			count_queued(t, -1);
			return t;
		}
	}
	return NULL;
}

/* Is a queued task allowed on c? (the count pick_next keeps) */
static bool runnable_here(struct cpu *c)
{
	return READ_ONCE(nr_queued_for[c->id]) != 0;
}

/* Take the interrupt that woke the CPU (interrupts are off: wfi/hlt wake
 * on a pending one even then, x86 enabling them for the hlt alone), so a
 * wake-up IPI sent after the last look at the queue is not lost. */
static void wait_for_interrupt(void)
{
	arch_wait_for_interrupt();
	arch_irq_enable();
	arch_irq_disable();
}

/* Wait without the big kernel lock, so the other CPUs can run kernel code
 * meanwhile. once: for one interrupt (the idle task itself waits for an
 * event); else until some task is queued. */
static void idle_wait(bool once)
{
	unsigned int depth = bkl_release_all();

	do
		wait_for_interrupt();
	while (!once && !READ_ONCE(nr_queued_for[smp_processor_id()]));
	bkl_relock(depth);
}

/*
 * Make mm (or none) the user tables this CPU has loaded, and say so in
 * mm->cpus_loaded: a switch flushes this CPU's TLB of the old tables, so
 * the old mm's shootdowns need not come here any more.
 */
void cpu_load_mm(struct mm_struct *mm)
{
	struct cpu *c = this_cpu();
	unsigned long me = 1UL << c->id;

	if (c->active_mm)
		__atomic_fetch_and(&c->active_mm->cpus_loaded, ~me,
				   __ATOMIC_SEQ_CST);
	if (mm)
		__atomic_fetch_or(&mm->cpus_loaded, me, __ATOMIC_SEQ_CST);
	c->active_mm = mm;
	arch_switch_mm(mm ? mm->pgd : NULL);
}

/* Load next's address space; kernel threads and idle keep what is loaded
 * (lazily: mm_drop_from_cpus() unloads an mm before it is freed). */
static void switch_address_space(struct cpu *c, struct task *next)
{
	if (next->mm && next->mm != c->active_mm)
		cpu_load_mm(next->mm);
}

/* Runs on the new task's stack right after every switch. */
static void finish_switch(void)
{
	unsigned int cpu = smp_processor_id();
	struct task *dead = task_to_free[cpu];

	if (dead && dead != current) {
		task_to_free[cpu] = NULL;
		task_free(dead);
	}
}

void schedule(void)
{
	irqflags_t f = local_irq_save();
	struct cpu *c = this_cpu();
	struct task *prev = c->task, *next;

	if (c->bkl_depth != 1)
		panic("schedule() on cpu%u with the big kernel lock taken %u times",
		      c->id, c->bkl_depth);
	lockcheck_might_sleep();
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING)
		enqueue(prev, false);
	next = pick_next(c);
	if (!next)
		next = c->idle;
	next->slice = SLICE_TICKS;
	if (next == prev && is_idle_task(prev) && prev->state != TASK_RUNNING) {
		/* The idle task itself waits (boot-time self-tests) and
		 * nobody else can run: let interrupts in until one comes. */
		idle_wait(true);
	}
	if (next != prev) {
		if (prev->state == TASK_DEAD)
			task_to_free[c->id] = prev;
		switch_address_space(c, next);
		c->task = next;
		c->context_switches++;
		/* getrusage: a switch away while still runnable was forced
		 * (the slice ran out); one to sleep was the task's own. */
		if (prev->state == TASK_RUNNING)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		arch_context_switch(prev, next);
		finish_switch();
	}
	local_irq_restore(f);
}

void task_first_run(void)
{
	finish_switch();
	arch_irq_enable();
	if (current->kthread_fn)
		do_exit(W_EXITCODE(current->kthread_fn(current->kthread_arg)
				   & 0xff, 0));
	/* CLONE_CHILD_SETTID: the tid goes into the child's own memory
	 * (after fork, its copy), before it runs a user instruction. */
	if (current->set_child_tid)
		put_user(current->pid, (int __user *)current->set_child_tid);
	arch_irq_disable();
	exit_to_user_mode(current_pt_regs());
	arch_return_to_user(current_pt_regs());
}

/* Every CPU's tick: only the boot CPU's holds the big kernel lock. The
 * others touch nothing but the task they run and their own counters. */
void scheduler_tick(void)
{
	struct cpu *c = this_cpu();
	struct task *t = c->task;

	/* The tick interrupted what it charges: user code, the kernel, or
	 * the idle loop. */
	if (t == c->idle) {
		c->ticks_idle++;
	} else if (c->irq_regs && regs_user_mode(c->irq_regs)) {
		c->ticks_user++;
		t->utime++;
		itimers_tick(t, true);
	} else {
		c->ticks_system++;
		t->stime++;
		itimers_tick(t, false);
	}

	if (c->task != c->idle) {
		if (current->slice)
			current->slice--;
		if (!current->slice)
			current->need_resched = true;
	}
}

void __noreturn cpu_idle(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		arch_irq_disable();
		if (!runnable_here(c)) {
			/* Nothing to run for a while: let go of the last
			 * user tables too, so that mm's shootdowns stop
			 * coming here (mm->cpus_loaded). */
			if (c->active_mm)
				cpu_load_mm(NULL);
			idle_wait(false);
		}
		schedule();
		arch_irq_enable();
	}
}

/* The mmap lock's waiters (kernel/rwsem.c): any release wakes them all and
 * each retries; with a handful of tasks that is cheap. */
static struct wait_queue lock_waiters = WAIT_QUEUE_INIT(lock_waiters);

void sched_wait(void)
{
	irqflags_t f = local_irq_save();

	prepare_to_wait(&lock_waiters, false);
	schedule();
	finish_wait(&lock_waiters);
	local_irq_restore(f);
}

void sched_wake_lock_waiters(void)
{
	if (!list_empty(&lock_waiters.waiters))
		wake_up(&lock_waiters);
}

static void drop_mm_here(void *mm)
{
	if (this_cpu()->active_mm == mm)
		cpu_load_mm(NULL);
}

void mm_drop_from_cpus(struct mm_struct *mm)
{
	struct cpu *c;

	for_each_online_cpu(c)
		if (READ_ONCE(c->active_mm) == mm)
			smp_call_on_cpu(c, drop_mm_here, mm);
}

long sched_set_affinity(struct task *t, unsigned long mask)
{
	bool queued = !list_empty(&t->run_node);
	struct cpu *c;

	mask &= smp_online_mask();
	if (!mask)
		return -EINVAL;
	if (queued)
		count_queued(t, -1);
	t->cpus_allowed = mask;
	if (queued) {
		count_queued(t, 1);
		kick_idle_cpu_for(t);
	}
	/* Running where it may no longer: it gives the CPU up on its way
	 * back to user mode (this CPU's task on the way out of this call;
	 * another CPU's is sent there by an IPI), and schedule() kicks an
	 * allowed CPU to take it. */
	for_each_online_cpu(c) {
		if (READ_ONCE(c->task) != t || (mask & (1UL << c->id)))
			continue;
		t->need_resched = true;
		if (c != this_cpu())
			smp_send_ipi(c, IPI_RESCHEDULE);
	}
	return 0;
}
