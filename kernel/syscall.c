/*
 * The way in and out of the kernel from user mode: syscall_dispatch() runs
 * a system call by its Linux number (table in kernel/syscall_table.c), and
 * exit_to_user_mode() does the work due before any return to user mode:
 * rescheduling and signal delivery.
 */
#include <bkl.h>
#include <syscall.h>
#include <sched.h>
#include <signal.h>
#include <printk.h>
#include <cmdline.h>
#include <asm/syscall.h>
#include <uapi/unistd.h>
#include <uapi/errno.h>

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);
extern const syscall_fn_t syscall_table[];
extern const unsigned int nr_syscalls;
extern const char *const syscall_names[];

void syscall_dispatch(struct pt_regs *regs)
{
	long nr = syscall_nr(regs);
	syscall_fn_t fn = NULL;
	long ret;

	if (nr >= 0 && (unsigned long)nr < nr_syscalls)
		fn = syscall_table[nr];
	arch_irq_enable();
	if (!fn) {
		if (boot_options.strace)
			printk("[%d] unknown syscall %ld -> -ENOSYS\n",
			       current->pid, nr);
		ret = -ENOSYS;
	} else {
		ret = fn(syscall_arg(regs, 0), syscall_arg(regs, 1),
			 syscall_arg(regs, 2), syscall_arg(regs, 3),
			 syscall_arg(regs, 4), syscall_arg(regs, 5));
		if (boot_options.strace)
			printk("[%d] %s(%#lx, %#lx, %#lx) = %ld\n",
			       current->pid, syscall_names[nr],
			       syscall_arg(regs, 0), syscall_arg(regs, 1),
			       syscall_arg(regs, 2), ret);
	}
	current->restarted = false;	/* only for the call run again */
	/* A call cut short by a signal: -EINTR unless the signal code
	 * decides to run it again (syscall_rewind). */
	current->syscall_restart = ret == -ERESTARTSYS ||
				   ret == -ERESTARTNOHAND;
	current->restart_unless_handled = ret == -ERESTARTNOHAND;
	if (current->syscall_restart)
		ret = -EINTR;
	/* rt_sigreturn has restored every register, the return register
	 * included: leave them as the signal frame had them. */
	if (nr != __NR_rt_sigreturn)
		syscall_set_return(regs, ret);
	arch_irq_disable();
}

void exit_to_user_mode(struct pt_regs *regs)
{
	/* A user page fault may come here without the big kernel lock
	 * (mm/fault.c); the work below needs it, the plain return not. */
	if (!bkl_held() &&
	    (current->need_resched || signal_pending_current() ||
	     current->restore_blocked || current->syscall_restart ||
	     current->cpu_timers_fired))
		bkl_lock();
	if (current->cpu_timers_fired)
		itimers_deliver();
	for (;;) {
		if (current->need_resched) {
			schedule();
			continue;
		}
		if (!signal_pending_current() && !current->restore_blocked)
			break;
		arch_irq_enable();
		do_signal(regs);
		arch_irq_disable();
		if (!signal_pending_current())
			break;
	}
	/* Interrupted, but no handler ran: the call starts over. */
	if (current->syscall_restart) {
		current->syscall_restart = false;
		current->restarted = true;
		syscall_rewind(regs);
	}
	/* User code runs without the big kernel lock: the other CPUs may
	 * enter the kernel while this one is in user mode. */
	if (bkl_held())
		bkl_unlock();
}
