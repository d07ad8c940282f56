/*
 * The host tests' stand-in for the running task: one context that owns
 * whatever user address space is switched in and a pending-signal set,
 * which is all generic_fault() and mm/ ask of "current". The kernel's real
 * tasks are in kernel/sched.c, process.c and signal.c.
 */
#include <fault.h>
#include <mm.h>
#include <rwsem.h>
#include <printk.h>
#include <irq.h>

#include <uapi/signal.h>
#include <arch.h>

/* What a fault signal carries to user space (siginfo's fault fields). */
struct fault_siginfo {
	int signo, code;
	unsigned long addr;
	unsigned int addr_lsb;
};

struct task {
	struct mm_struct *mm;
	unsigned long pending;		/* bit (sig - 1) per pending signal */
	struct fault_siginfo fault_info;	/* of the last fault signal */
};

static struct task boot_task;
static struct task *current_task = &boot_task;

struct mm_struct *current_mm(void)
{
	return current_task->mm;
}

void set_current_mm(struct mm_struct *mm)
{
	current_task->mm = mm;
}

/* The mm's counters are what the host tests look at. */
void task_account_fault(bool major)
{
	(void)major;
}

void send_signal_current(int sig)
{
	current_task->pending |= 1UL << (sig - 1);
}

void force_sig_fault(int sig, int code, unsigned long addr, unsigned int lsb)
{
	current_task->fault_info = (struct fault_siginfo){ sig, code, addr, lsb };
	send_signal_current(sig);
}

void switch_mm(struct mm_struct *mm)
{
	current_task->mm = mm;
	arch_switch_mm(mm ? mm->pgd : NULL);
}

void clear_signals_current(void)
{
	current_task->pending = 0;
}

bool signal_pending_current(void)
{
	return current_task->pending != 0;
}

bool fatal_signal_pending_current(void)
{
	return current_task->pending & (1UL << (SIGKILL - 1));
}

/* With one context there is no other task to run. */
void sched_wait(void)
{
	arch_wait_for_interrupt();
}

void sched_wake_lock_waiters(void)
{
}

void pagefault_out_of_memory(void)
{
	printk("Out of memory: killing the faulting context (the only one)\n");
	send_signal_current(SIGKILL);
}
