/*
 * What the fault core (mm/fault.c, kernel/fault_deliver.c) asks of the
 * running task: its address space, its pending signals, and the
 * out-of-memory path. The host tests have a one-context stand-in for this
 * file (tests/host/host_task.c).
 */
#include <fault.h>
#include <sched.h>
#include <signal.h>
#include <mm.h>
#include <arch.h>
#include <printk.h>

struct mm_struct *current_mm(void)
{
	return current->mm;
}

void set_current_mm(struct mm_struct *mm)
{
	current->mm = mm;
}

void switch_mm(struct mm_struct *mm)
{
	current->mm = mm;
	arch_switch_mm(mm ? mm->pgd : NULL);
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

/*
 * No page for a fault: kill the process with the largest resident set,
 * never init or a kernel thread. If that is the faulting process, the
 * fault ends in FOAD and the process dies on its way out; otherwise the
 * fault is retried once the victim has released its memory.
 */
void pagefault_out_of_memory(void)
{
	struct task *victim = NULL;
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->group_leader != t || !t->mm || t == init_process ||
		    t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		if (!victim || t->mm->rss > victim->mm->rss)
			victim = t;
	}
	if (!victim)
		victim = current->group_leader;
	printk("Out of memory: killing process %d (%s), %lu resident pages\n",
	       victim->tgid, victim->comm, victim->mm ? victim->mm->rss : 0UL);
	send_signal_to_process(victim, SIGKILL, NULL);
}
