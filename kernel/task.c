/*
 * What the fault core (mm/fault.c, kernel/fault_deliver.c) asks of the
 * running task: its address space, its pending signals, the
 * out-of-memory path, and the record of the sleeping locks it holds. The host tests have a one-context stand-in for this
 * file (tests/host/host_task.c).
 */
#include <fault.h>
#include <sched.h>
#include <signal.h>
#include <mm.h>
#include <arch.h>
#include <printk.h>
#include <time.h>
#include <string.h>

struct mm_struct *current_mm(void)
{
	return current->mm;
}

void set_current_mm(struct mm_struct *mm)
{
	current->mm = mm;
}

/* Only the task itself counts its faults: no lock. */
void task_account_fault(bool major)
{
	if (major)
		current->maj_flt++;
	else
		current->min_flt++;
}

void switch_mm(struct mm_struct *mm)
{
	current->mm = mm;
	cpu_load_mm(mm);
}

void send_signal_current(int sig)
{
	send_signal_to_thread(current, sig, NULL);
}

/* Kernel self-tests borrow the current context for a scratch address
 * space and throw away what its faults queued. */
void clear_signals_current(void)
{
	current->pending.set = 0;
}

/* A process already on its way out: killed, or exiting. */
static bool process_dying(struct task *t)
{
	struct thread_group *g = t->group;

	return !g || g->exiting ||
	       ((t->pending.set | g->shared_pending.set) & sigmask(SIGKILL));
}

/* How long a dying process may take to free its memory before the OOM
 * path stops waiting for it and picks another victim. */
#define OOM_PATIENCE_TICKS (2 * HZ)
static u64 oom_waiting_since;

/*
 * No page for a user fault: kill the process with the largest resident
 * set, never init or a kernel thread, and let the fault be retried. With
 * nobody but init to kill, the kernel stops (panic) rather than retry for
 * ever. While
 * an earlier victim (or any dying process) still holds memory, kill no one
 * else and let it run: its memory is about to come back (Linux also waits
 * for its victim). If that is the faulting process itself, the fault ends
 * in FAULT_NOTHING and the process dies on its way out; otherwise it
 * retries the access once the victim has had the CPU.
 */
void pagefault_out_of_memory(void)
{
	struct task *victim = NULL;
	struct list_head *pos;
	bool dying = false;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->group_leader != t || !t->mm || t == init_process ||
		    t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		if (process_dying(t)) {
			dying |= t->mm->rss > 0;
			continue;
		}
		if (!victim || t->mm->rss > victim->mm->rss)
			victim = t;
	}
	if (dying) {
		if (!oom_waiting_since)
			oom_waiting_since = jiffies ? jiffies : 1;
		if (jiffies - oom_waiting_since < OOM_PATIENCE_TICKS) {
			current->need_resched = true;
			return;
		}
		printk("Out of memory: a dying process has not freed its "
		       "memory in %d s; choosing another\n",
		       OOM_PATIENCE_TICKS / HZ);
	}
	oom_waiting_since = 0;
	if (!victim) {
		/* Only init (or kernel threads) left, and init is never
		 * killed: nothing can ever free memory. Retrying would spin
		 * for ever; stop, as Linux panics. */
		panic("Out of memory and no killable process: init (pid %d, "
		      "%s) holds %lu resident pages", init_process ?
		      init_process->pid : 0, init_process ?
		      init_process->comm : "none", init_process &&
		      init_process->mm ? init_process->mm->rss : 0UL);
	}
	printk("Out of memory: killing process %d (%s), %lu resident pages\n",
	       victim->tgid, victim->comm, victim->mm->rss);
	send_signal_to_process(victim, SIGKILL, NULL);
	if (victim != current->group_leader)
		current->need_resched = true;	/* let it run and exit */
}

void task_note_rwsem(struct rw_semaphore *sem, bool write)
{
	struct task *t = current;

	if (!t)
		return;		/* early boot: nobody to oops */
	if (t->nr_rwsems_held == TASK_RWSEMS_MAX)
		panic("%s (pid %d) holds more than %d rwsems", t->comm, t->pid,
		      TASK_RWSEMS_MAX);
	t->rwsems_held[t->nr_rwsems_held++] = (struct held_rwsem){ sem, write };
}

void task_forget_rwsem(struct rw_semaphore *sem)
{
	struct task *t = current;
	int i;

	if (!t)
		return;
	for (i = t->nr_rwsems_held - 1; i >= 0; i--) {
		if (t->rwsems_held[i].sem != sem)
			continue;
		t->nr_rwsems_held--;
		memmove(&t->rwsems_held[i], &t->rwsems_held[i + 1],
			(size_t)(t->nr_rwsems_held - i) *
			sizeof(t->rwsems_held[0]));
		return;
	}
}
