/*
 * The scheduler: one CPU, a round-robin run queue, wait queues, and the
 * idle task (the boot context, pid 0). User tasks are preempted on their
 * way back to user mode when their slice runs out; kernel code gives the
 * CPU up only by sleeping or by calling schedule().
 */
#include <sched.h>
#include <signal.h>
#include <mm.h>
#include <arch.h>
#include <irq.h>
#include <time.h>
#include <printk.h>
#include <page.h>
#include <string.h>

#define SLICE_TICKS 5		/* 50 ms at HZ = 100 */

static struct task idle_task;
struct task *current = &idle_task;
LIST_HEAD_DECLARE(all_tasks);
static LIST_HEAD_DECLARE(run_queue);

/* A task that exited and switched away for the last time: its kernel stack
 * can only be freed once we run on another one. */
static struct task *task_to_free;

void task_free(struct task *t);	/* kernel/process.c */

/* A task's list nodes and queues, empty (every new task, and idle). */
void task_init_links(struct task *t)
{
	list_init(&t->children);
	list_init(&t->sibling);
	list_init(&t->threads);
	list_init(&t->thread_list);
	list_init(&t->run_node);
	list_init(&t->wait_node);
	list_init(&t->all_node);
	wait_queue_init(&t->child_exit);
}

void sched_init(void)
{
	struct task *t = &idle_task;

	t->pid = 0;
	t->tgid = 0;
	t->state = TASK_RUNNING;
	strlcpy(t->comm, "idle", sizeof(t->comm));
	task_init_links(t);
	t->group_leader = t;
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

static void enqueue(struct task *t)
{
	if (t != &idle_task && list_empty(&t->run_node))
		list_add_tail(&t->run_node, &run_queue);
}

void wake_up_task(struct task *t)
{
	irqflags_t f = local_irq_save();

	if (t->state == TASK_INTERRUPTIBLE ||
	    t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		enqueue(t);
	}
	local_irq_restore(f);
}

void wake_up(struct wait_queue *wq)
{
	irqflags_t f = local_irq_save();
	struct list_head *pos;

	list_for_each(pos, &wq->waiters)
		wake_up_task(list_entry(pos, struct task, wait_node));
	local_irq_restore(f);
}

void prepare_to_wait(struct wait_queue *wq, bool interruptible)
{
	if (list_empty(&current->wait_node))
		list_add_tail(&current->wait_node, &wq->waiters);
	current->state = interruptible ? TASK_INTERRUPTIBLE :
					 TASK_UNINTERRUPTIBLE;
}

void finish_wait(struct wait_queue *wq)
{
	(void)wq;
	current->state = TASK_RUNNING;
	list_del(&current->wait_node);
}

/* Runs on the new task's stack right after every switch. */
static void finish_switch(void)
{
	if (task_to_free && task_to_free != current) {
		task_free(task_to_free);
		task_to_free = NULL;
	}
}

void schedule(void)
{
	irqflags_t f = local_irq_save();
	struct task *prev = current, *next;

	prev->need_resched = false;
	if (prev->state == TASK_RUNNING)
		enqueue(prev);
	if (list_empty(&run_queue)) {
		next = &idle_task;
	} else {
		next = list_first_entry(&run_queue, struct task, run_node);
		list_del(&next->run_node);
	}
	next->slice = SLICE_TICKS;
	if (next == prev && prev == &idle_task && prev->state != TASK_RUNNING) {
		/* The idle task itself waits (boot-time self-tests) and
		 * nobody else can run: let interrupts in until one comes. */
		arch_irq_enable();
		arch_wait_for_interrupt();
		arch_irq_disable();
	}
	if (next != prev) {
		if (prev->state == TASK_DEAD)
			task_to_free = prev;
		if (next->mm != prev->mm && next->mm)
			arch_switch_mm(next->mm->pgd);
		current = next;
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
	arch_irq_disable();
	exit_to_user_mode(current_pt_regs());
	arch_return_to_user(current_pt_regs());
}

/* Sleepers in nanosleep wait here; every tick wakes them to check. */
struct wait_queue tick_waiters = WAIT_QUEUE_INIT(tick_waiters);

void scheduler_tick(void)
{
	if (current != &idle_task) {
		if (current->slice)
			current->slice--;
		if (!current->slice)
			current->need_resched = true;
	}
	if (!list_empty(&tick_waiters.waiters))
		wake_up(&tick_waiters);
}

void __noreturn cpu_idle(void)
{
	for (;;) {
		/* Interrupts on: a tick or a key press may wake someone. */
		if (list_empty(&run_queue))
			arch_wait_for_interrupt();
		schedule();
	}
}

/* The mmap lock's waiters (kernel/rwsem.c): any release wakes them all and
 * each retries; with one CPU and a handful of tasks that is cheap. */
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
