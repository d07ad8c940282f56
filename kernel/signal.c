/*
 * Signals: sending (kill, tgkill, faults), blocking (sigprocmask), actions
 * (sigaction, sigaltstack) and delivery on the way back to user mode,
 * either by the default action or into a handler through the arch's Linux
 * signal frame (arch/<arch>/signal.c) and back by rt_sigreturn.
 *
 * Job control: the default action of SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU
 * stops the whole process (every thread stops on its way back to user
 * mode, in TASK_STOPPED) and tells the parent (SIGCHLD with CLD_STOPPED,
 * wait4 WUNTRACED); sending SIGCONT resumes it at once, whatever its
 * action, and tells the parent again (CLD_CONTINUED, WCONTINUED).
 */
#include <signal.h>
#include <sched.h>
#include <syscalls.h>
#include <mm.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <irq.h>
#include <fault.h>
#include <asm/syscall.h>
#include <uapi/errno.h>

#define MINSIGSTKSZ_LINUX 2048

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= NSIG_MAX;
}

/* Signals whose default action is to do nothing. */
static bool default_ignored(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
		return true;
	}
	return false;
}

/* Signals whose default action is to stop the process. */
static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
		      sigmask(SIGTTIN) | sigmask(SIGTTOU))

static struct kernel_sigaction *action_of(struct task *t, int sig)
{
	return &t->sighand->action[sig - 1];
}

static bool ignored_by(struct task *t, int sig)
{
	struct kernel_sigaction *sa;

	if (!t->sighand)
		return false;
	sa = action_of(t, sig);
	/* Init dies of no signal it has no handler for, as on Linux
	 * (SIGNAL_UNKILLABLE): not kill(1, SIGKILL), not a terminal's ^C,
	 * not an orphan's exit signal. A fault's signal, forced by the
	 * kernel (force_sig_fault), still ends it. */
	if (t->group_leader == init_process &&
	    sa->handler == SIG_DFL_HANDLER)
		return true;
	if (sig == SIGKILL)
		return false;
	return sa->handler == SIG_IGN_HANDLER ||
	       (sa->handler == SIG_DFL_HANDLER && default_ignored(sig));
}

static bool is_fault_signal(int sig, int code)
{
	return code > 0 && code < SI_KERNEL &&
	       (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		sig == SIGFPE || sig == SIGTRAP);
}

static void queue(struct pending_signals *p, int sig,
		  const struct kernel_siginfo *info)
{
	struct pending_info *pi = &p->info[sig - 1];

	if (p->set & sigmask(sig))
		return;		/* standard signals do not queue twice */
	p->set |= sigmask(sig);
	memset(pi, 0, sizeof(*pi));
	pi->code = info ? info->code : SI_KERNEL;
	if (!info)
		return;
	if (is_fault_signal(sig, info->code)) {
		pi->addr = info->fault.addr;
		pi->addr_lsb = info->fault.addr_lsb;
	} else {
		pi->pid = info->kill.pid;
		pi->uid = info->kill.uid;
		if (info->code == SI_TIMER) {
			pi->pid = info->timer.tid;
			pi->status = info->timer.overrun;
			pi->addr = info->timer.value;
			return;
		}
		if (sig == SIGCHLD)
			pi->status = info->child.status;
	}
}

/* The siginfo_t a handler sees, rebuilt from the pending slot. */
static void expand_info(int sig, const struct pending_info *pi,
			struct kernel_siginfo *info)
{
	memset(info, 0, sizeof(*info));
	info->signo = sig;
	info->code = pi->code;
	if (is_fault_signal(sig, pi->code)) {
		info->fault.addr = pi->addr;
		info->fault.addr_lsb = pi->addr_lsb;
	} else if (pi->code == SI_TIMER) {
		info->timer.tid = pi->pid;
		info->timer.overrun = pi->status;
		info->timer.value = pi->addr;
	} else if (pi->code != SI_KERNEL) {
		info->kill.pid = pi->pid;
		info->kill.uid = pi->uid;
		if (sig == SIGCHLD)
			info->child.status = pi->status;
	}
}

static void wake_for_signal(struct task *t, int sig)
{
	if (t->state == TASK_INTERRUPTIBLE &&
	    (!(t->blocked & sigmask(sig)) || sig == SIGKILL))
		wake_up_task(t);
	if (sig == SIGKILL)
		wake_up_stopped(t);
}

/* ---- job control ---- */

/* Tell leader's parent that it stopped or continued (why: CLD_STOPPED or
 * CLD_CONTINUED; sig: the signal that did it), unless the parent asked
 * not to hear of it (SA_NOCLDSTOP); its wait4 looks again either way. */
static void notify_parent_stop(struct task *leader, int why, int sig)
{
	struct task *parent = leader->parent;
	struct kernel_siginfo info;

	if (!parent || !parent->sighand)
		return;
	if (!(action_of(parent, SIGCHLD)->flags & SA_NOCLDSTOP)) {
		memset(&info, 0, sizeof(info));
		info.signo = SIGCHLD;
		info.code = why;
		info.child.pid = leader->tgid;
		info.child.status = sig;
		send_signal_to_process(parent, SIGCHLD, &info);
	}
	wake_up(&parent->group_leader->child_exit);
}

/* Take the signals in set off every pending set of t's process. */
static void discard_pending(struct task *t, kernel_sigset_t set)
{
	struct list_head *pos;

	t->group->shared_pending.set &= ~set;
	list_for_each(pos, &t->group_leader->thread_list)
		list_entry(pos, struct task, threads)->pending.set &= ~set;
}

/*
 * What generating sig does before it is queued (Linux's rules): SIGCONT
 * resumes a stopped process and cancels its pending stop signals; a stop
 * signal cancels a pending SIGCONT.
 */
static void prepare_signal(struct task *t, int sig)
{
	struct thread_group *g = t->group;
	struct list_head *pos;

	if (is_stop_signal(sig)) {
		discard_pending(t, sigmask(SIGCONT));
		return;
	}
	if (sig != SIGCONT)
		return;
	discard_pending(t, STOP_SIGNALS);
	if (!g->stopped)
		return;
	g->stopped = false;
	g->stop_to_report = false;
	list_for_each(pos, &t->group_leader->thread_list)
		wake_up_stopped(list_entry(pos, struct task, threads));
	/* Only a stop the parent was told of is worth a "continued". */
	if (g->stop_complete) {
		g->stop_complete = false;
		g->continue_to_report = true;
		notify_parent_stop(t->group_leader, CLD_CONTINUED, SIGCONT);
	}
}

/* Does a job-control stop of pgid's processes have nobody to continue
 * it? (POSIX's orphaned process group: no member has a parent in
 * another group of the same session.) */
bool pgrp_orphaned(int pgid)
{
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);
		struct task *p = t->parent;

		/* A leader that is a zombie still stands for its process
		 * while other threads live. */
		if (t->group_leader != t || !t->group || t->group->pgid != pgid ||
		    t->state == TASK_DEAD ||
		    (t->state == TASK_ZOMBIE && !t->group->nr_threads))
			continue;
		if (p && p->group && p->group->pgid != pgid &&
		    p->group->sid == t->group->sid)
			return false;
	}
	return true;
}

bool signal_pending_in(struct task *t, int sig)
{
	kernel_sigset_t set = t->pending.set;

	if (t->group)
		set |= t->group->shared_pending.set;
	return set & sigmask(sig);
}

bool signal_ignored_or_blocked(struct task *t, int sig)
{
	struct kernel_sigaction *sa = action_of(t, sig);

	return (t->blocked & sigmask(sig)) || sa->handler == SIG_IGN_HANDLER;
}

/*
 * Sleep in TASK_STOPPED while the process is stopped (SIGKILL ends it).
 * The last thread to get here completes the stop: only then does the
 * parent hear of it, as on Linux, so that a stopped process really runs
 * no more.
 */
static void stop_here(void)
{
	struct thread_group *g = current->group;
	irqflags_t f = local_irq_save();

	g->threads_stopped++;
	if (g->threads_stopped >= g->nr_threads && !g->stop_complete) {
		g->stop_complete = true;
		g->stop_to_report = true;
		g->continue_to_report = false;
		notify_parent_stop(current->group_leader, CLD_STOPPED,
				   g->stop_signal);
	}
	while (g->stopped && !fatal_signal_pending_current()) {
		current->state = TASK_STOPPED;
		schedule();
	}
	current->state = TASK_RUNNING;
	g->threads_stopped--;
	local_irq_restore(f);
}

void group_stop_thread_gone(struct task *leader)
{
	struct thread_group *g = leader->group;

	if (g->stopped && !g->stop_complete && g->nr_threads &&
	    g->threads_stopped >= g->nr_threads) {
		g->stop_complete = true;
		g->stop_to_report = true;
		notify_parent_stop(leader, CLD_STOPPED, g->stop_signal);
	}
}

/* The default action of stop signal sig: stop every thread of the
 * process, tell the parent, and stop here too. */
static void group_stop(int sig)
{
	struct thread_group *g = current->group;
	struct list_head *pos;

	g->stopped = true;
	g->stop_signal = sig;
	/* The other threads stop at their next return to user mode (one
	 * running in user mode at its next tick); wake those asleep in the
	 * kernel so that they get there. */
	list_for_each(pos, &current->group_leader->thread_list) {
		struct task *t = list_entry(pos, struct task, threads);

		if (t != current && t->state == TASK_INTERRUPTIBLE)
			wake_up_task(t);
	}
	stop_here();
}


int send_signal_to_thread(struct task *t, int sig,
			  const struct kernel_siginfo *info)
{
	irqflags_t f;

	if (!valid_signal(sig))
		return -EINVAL;
	if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD || !t->group)
		return 0;
	f = local_irq_save();
	prepare_signal(t, sig);
	local_irq_restore(f);
	if (ignored_by(t, sig) && !(t->blocked & sigmask(sig)))
		return 0;
	f = local_irq_save();
	queue(&t->pending, sig, info);
	wake_for_signal(t, sig);
	if (t->sighand)
		wake_up(&t->sighand->signalfd_wait);
	local_irq_restore(f);
	return 0;
}

int send_signal_to_process(struct task *leader, int sig,
			   const struct kernel_siginfo *info)
{
	struct list_head *pos;
	irqflags_t f;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!leader->group || (leader->state == TASK_ZOMBIE &&
			       !leader->group->nr_threads))
		return 0;
	f = local_irq_save();
	prepare_signal(leader, sig);
	local_irq_restore(f);
	if (ignored_by(leader, sig) && !(leader->blocked & sigmask(sig)))
		return 0;
	f = local_irq_save();
	queue(&leader->group->shared_pending, sig, info);
	if (leader->sighand)
		wake_up(&leader->sighand->signalfd_wait);
	/* Any thread not blocking it may take it: wake them all, the first
	 * back in user mode delivers it. */
	list_for_each(pos, &leader->thread_list)
		wake_for_signal(list_entry(pos, struct task, threads), sig);
	local_irq_restore(f);
	return 0;
}

static void fill_user_info(struct kernel_siginfo *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->signo = sig;
	info->code = code;
	info->kill.pid = current->tgid;
	info->kill.uid = current->cred.uid;	/* the real uid, as Linux */
}

static bool is_process(struct task *t)
{
	return t->group_leader == t && t->group && t->pid != 0 &&
	       t->state != TASK_DEAD;
}

int kill_pid(int pid, int sig, const struct kernel_siginfo *info)
{
	struct list_head *pos;
	int found = 0, err = 0;

	if (sig < 0 || sig > NSIG_MAX)
		return -EINVAL;
	if (pid > 0) {
		struct task *t = find_task(pid);

		if (!t || !is_process(t->group_leader))
			return -ESRCH;
		return sig ? send_signal_to_process(t->group_leader, sig,
						    info) : 0;
	}
	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_node);
		bool match;

		if (!is_process(t))
			continue;
		if (pid == -1)
			match = t != init_process && t != current->group_leader;
		else if (pid == 0)
			match = t->group->pgid == current->group->pgid;
		else
			match = t->group->pgid == -pid;
		if (!match)
			continue;
		found++;
		if (sig)
			err = send_signal_to_process(t, sig, info);
	}
	return found ? err : -ESRCH;
}

int kill_pgrp(int pgid, int sig)
{
	return kill_pid(-pgid, sig, NULL);
}

long sys_kill(int pid, int sig)
{
	struct kernel_siginfo info;

	fill_user_info(&info, sig, SI_USER);
	return kill_pid(pid, sig, &info);
}

static long signal_thread(int tgid, int tid, int sig)
{
	struct kernel_siginfo info;
	struct task *t = find_task(tid);

	if (tid <= 0 || (tgid != -1 && tgid <= 0))
		return -EINVAL;
	if (sig < 0 || sig > NSIG_MAX)
		return -EINVAL;
	if (!t || !t->group || (tgid != -1 && t->tgid != tgid))
		return -ESRCH;
	if (!sig)
		return 0;
	fill_user_info(&info, sig, SI_TKILL);
	return send_signal_to_thread(t, sig, &info);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	return signal_thread(tgid, tid, sig);
}

long sys_tkill(int tid, int sig)
{
	return signal_thread(-1, tid, sig);
}

/* A fault signal cannot be ignored or blocked: if it is, the default
 * action (death) applies, as on Linux. */
void force_sig_fault(int sig, int code, unsigned long addr, unsigned int lsb)
{
	struct kernel_siginfo info;
	struct kernel_sigaction *sa;

	memset(&info, 0, sizeof(info));
	info.signo = sig;
	info.code = code;
	info.fault.addr = addr;
	info.fault.addr_lsb = lsb;
	if (current->sighand) {
		sa = action_of(current, sig);
		if (sa->handler == SIG_IGN_HANDLER ||
		    (current->blocked & sigmask(sig))) {
			sa->handler = SIG_DFL_HANDLER;
			current->blocked &= ~sigmask(sig);
		}
	}
	queue(&current->pending, sig, &info);
}

static kernel_sigset_t deliverable(struct task *t)
{
	kernel_sigset_t set = t->pending.set;

	if (t->group)
		set |= t->group->shared_pending.set;
	return set & ~(t->blocked & ~UNBLOCKABLE_SIGNALS);
}

/* A stopped process counts as a pending signal: its threads asleep in
 * the kernel come back to stop at the user-mode boundary. */
bool signal_pending_current(void)
{
	return deliverable(current) != 0 ||
	       (current->group && current->group->stopped);
}

bool fatal_signal_pending_current(void)
{
	return ((current->pending.set |
		 (current->group ? current->group->shared_pending.set : 0)) &
		sigmask(SIGKILL)) ||
	       (current->group && current->group->exiting);
}

/* Take the lowest signal of set (SIGKILL first) off current's pending
 * sets. Interrupts off: on the boot CPU the tick may queue a SIGALRM into
 * the same set (kernel/itimer.c) in the middle of the change. */
int dequeue_signal_of(kernel_sigset_t wanted, struct kernel_siginfo *info)
{
	irqflags_t f = local_irq_save();
	kernel_sigset_t set = (current->pending.set |
			       current->group->shared_pending.set) & wanted;
	struct pending_signals *p;
	int sig;

	if (!set) {
		local_irq_restore(f);
		return 0;
	}
	if (set & sigmask(SIGKILL)) {
		sig = SIGKILL;
	} else {
		for (sig = 1; !(set & sigmask(sig)); sig++)
			;	/* the lowest-numbered one first, as Linux */
	}
	p = (current->pending.set & sigmask(sig)) ? &current->pending :
						    &current->group->shared_pending;
	p->set &= ~sigmask(sig);
	expand_info(sig, &p->info[sig - 1], info);
	local_irq_restore(f);
	return sig;
}

static int dequeue_signal(struct kernel_siginfo *info)
{
	return dequeue_signal_of(deliverable(current), info);
}

kernel_sigset_t pending_signals_current(void)
{
	return current->pending.set | current->group->shared_pending.set;
}

static bool on_altstack(unsigned long sp)
{
	struct kernel_stack *ss = &current->altstack;

	return !(ss->flags & SS_DISABLE) && ss->size &&
	       sp > ss->sp && sp - ss->sp <= ss->size;
}

/* Run sig's handler: the arch writes the frame, we update the mask. */
static void handle_signal(int sig, struct kernel_siginfo *info,
			  struct pt_regs *regs)
{
	struct kernel_sigaction *sa = action_of(current, sig);
	struct signal_delivery d;

	/* A system call this signal interrupted runs again after the handler
	 * only with SA_RESTART, and never if it said ERESTARTNOHAND;
	 * otherwise it returns -EINTR (already set). */
	if (current->syscall_restart) {
		current->syscall_restart = false;
		if ((sa->flags & SA_RESTART) &&
		    !current->restart_unless_handled)
			syscall_rewind(regs);
	}
	memset(&d, 0, sizeof(d));
	d.sig = sig;
	d.info = *info;
	d.action = *sa;
	d.saved_mask = current->restore_blocked ? current->saved_blocked :
						  current->blocked;
	current->restore_blocked = false;
	d.altstack = current->altstack;
	if (on_altstack(regs_sp(regs)))
		d.altstack.flags = SS_ONSTACK;
	else if (current->altstack.flags & SS_DISABLE)
		d.altstack.flags = SS_DISABLE;
	d.sp = regs_sp(regs);
	if ((sa->flags & SA_ONSTACK) && !(current->altstack.flags & SS_DISABLE)
	    && current->altstack.size && !on_altstack(d.sp))
		d.sp = current->altstack.sp + current->altstack.size;
	d.trampoline = current->mm ? current->mm->sigpage : 0;

	if (arch_setup_signal_frame(&d, regs)) {
		/* No room for the frame: a SIGSEGV instead, as on Linux; if it
		 * was SIGSEGV's own frame that failed, the default action. */
		if (sig == SIGSEGV)
			sa->handler = SIG_DFL_HANDLER;
		force_sig_fault(SIGSEGV, SI_KERNEL, 0, 0);
		return;
	}
	current->blocked |= sa->mask;
	if (!(sa->flags & SA_NODEFER))
		current->blocked |= sigmask(sig);
	current->blocked &= ~UNBLOCKABLE_SIGNALS;
	if (sa->flags & SA_RESETHAND)
		sa->handler = SIG_DFL_HANDLER;
}

void do_signal(struct pt_regs *regs)
{
	struct kernel_siginfo info;
	int sig;

	for (;;) {
		struct kernel_sigaction *sa;

		if (current->group->stopped)
			stop_here();
		sig = dequeue_signal(&info);
		if (!sig)
			break;
		sa = action_of(current, sig);

		if (sig == SIGKILL && current->killed_by_exec)
			do_exit(0);	/* another thread is exec'ing */
		if (sig == SIGKILL || current->group->exiting)
			do_group_exit(current->group->exiting ?
				      current->group->exit_status :
				      W_EXITCODE(0, SIGKILL));
		if (sa->handler == SIG_IGN_HANDLER)
			continue;
		if (sa->handler == SIG_DFL_HANDLER) {
			if (default_ignored(sig))
				continue;
			if (is_stop_signal(sig)) {
				/* A terminal's stop signals do nothing to a
				 * group nobody could continue (POSIX). */
				if (sig == SIGSTOP ||
				    !pgrp_orphaned(current->group->pgid))
					group_stop(sig);
				continue;
			}
			do_group_exit(W_EXITCODE(0, sig));
		}
		handle_signal(sig, &info, regs);
		return;		/* one frame; the caller loops for more */
	}
	if (current->restore_blocked) {
		/* sigsuspend woke for a signal nobody handled */
		current->blocked = current->saved_blocked;
		current->restore_blocked = false;
	}
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	kernel_sigset_t mask;

	if (arch_rt_sigreturn(regs, &mask)) {
		force_sig_fault(SIGSEGV, SI_KERNEL, 0, 0);
		return 0;
	}
	current->blocked = mask & ~UNBLOCKABLE_SIGNALS;
	return 0;	/* the dispatcher leaves the restored registers be */
}

long sys_rt_sigaction(int sig, unsigned long act, unsigned long oldact,
		      size_t sigsetsize)
{
	struct kernel_sigaction new, *sa;

	if (sigsetsize != sizeof(kernel_sigset_t) || !valid_signal(sig))
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&new, (void __user *)act, sizeof(new)))
		return -EFAULT;
	sa = action_of(current, sig);
	if (oldact && copy_to_user((void __user *)oldact, sa, sizeof(*sa)))
		return -EFAULT;
	if (act) {
		new.mask &= ~UNBLOCKABLE_SIGNALS;
		*sa = new;
		/* Setting a signal to be ignored discards it if pending. */
		if (ignored_by(current, sig)) {
			irqflags_t f = local_irq_save();

			current->pending.set &= ~sigmask(sig);
			current->group->shared_pending.set &= ~sigmask(sig);
			local_irq_restore(f);
		}
	}
	return 0;
}

long sys_rt_sigprocmask(int how, unsigned long set, unsigned long oldset,
			size_t sigsetsize)
{
	kernel_sigset_t new, old = current->blocked;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, (void __user *)set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			new |= old;
			break;
		case SIG_UNBLOCK:
			new = old & ~new;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		current->blocked = new & ~UNBLOCKABLE_SIGNALS;
	}
	if (oldset && copy_to_user((void __user *)oldset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(unsigned long set, size_t sigsetsize)
{
	kernel_sigset_t pending = (current->pending.set |
				   current->group->shared_pending.set) &
				  current->blocked;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_to_user((void __user *)set, &pending, sizeof(pending)))
		return -EFAULT;
	return 0;
}

static struct wait_queue never_woken = WAIT_QUEUE_INIT(never_woken);

long sys_rt_sigsuspend(unsigned long mask, size_t sigsetsize)
{
	kernel_sigset_t new;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_from_user(&new, (void __user *)mask, sizeof(new)))
		return -EFAULT;
	/* Handlers run with the temporary mask; the frame keeps the old one
	 * so sigreturn restores it. */
	current->saved_blocked = current->blocked;
	current->restore_blocked = true;
	current->blocked = new & ~UNBLOCKABLE_SIGNALS;
	wait_event_interruptible(never_woken, false);
	/* EINTR once a handler ran; a stop and continue waits again. */
	return -ERESTARTNOHAND;
}

/* Sleep until a signal is delivered: -EINTR once a handler ran (a signal
 * that kills or is ignored never gets back here). */
long sys_pause(void)
{
	wait_event_interruptible(never_woken, false);
	return -ERESTARTNOHAND;
}

long sys_sigaltstack(unsigned long uss, unsigned long uoss)
{
	struct kernel_stack ss, old = current->altstack;
	unsigned long sp = regs_sp(current_pt_regs());

	if (old.size == 0)
		old.flags = SS_DISABLE;
	if (on_altstack(sp))
		old.flags = SS_ONSTACK;
	if (uss) {
		if (copy_from_user(&ss, (void __user *)uss, sizeof(ss)))
			return -EFAULT;
		if (on_altstack(sp))
			return -EPERM;
		if (ss.flags != 0 && ss.flags != SS_DISABLE &&
		    ss.flags != SS_ONSTACK)
			return -EINVAL;
		if (ss.flags == SS_DISABLE) {
			ss.sp = 0;
			ss.size = 0;
		} else if (ss.size < MINSIGSTKSZ_LINUX) {
			return -ENOMEM;
		}
		ss.flags &= SS_DISABLE;
		current->altstack = ss;
	}
	if (uoss && copy_to_user((void __user *)uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
