/*
 * Signals inside the kernel (kernel/signal.c): sending, blocking, and
 * delivery on the way back to user mode. Generic code decides which signal
 * is delivered and how (default action or handler, alternate stack, masks);
 * the arch lays out the Linux signal frame (arch/<arch>/signal.c).
 */
#ifndef FAULTLINE_SIGNAL_H
#define FAULTLINE_SIGNAL_H

#include <types.h>
#include <uapi/signal.h>
#include <asm/ptrace.h>

struct task;

#define sigmask(sig) (1UL << ((sig) - 1))
/* SIGKILL and SIGSTOP can be neither caught nor blocked. */
#define UNBLOCKABLE_SIGNALS (sigmask(SIGKILL) | sigmask(SIGSTOP))

/* Queue sig for one thread, or for a whole process (any thread that does
 * not block it takes it). info NULL means SI_KERNEL. Return 0 or -errno. */
int send_signal_to_thread(struct task *t, int sig,
			  const struct kernel_siginfo *info);
int send_signal_to_process(struct task *leader, int sig,
			   const struct kernel_siginfo *info);
/* kill(pid, sig) semantics: pid > 0, 0 (own group), -1 (all), < -1. */
int kill_pid(int pid, int sig, const struct kernel_siginfo *info);
/* Every process of process group pgid (the tty's Ctrl-C). */
int kill_pgrp(int pgid, int sig);
/* Is process group pgid orphaned (no member's parent is in another group
 * of its session)? Job-control stops from a terminal do not apply then. */
bool pgrp_orphaned(int pgid);
/* Would sig sent to t now be lost on it (SIG_IGN) or wait (blocked)? */
bool signal_ignored_or_blocked(struct task *t, int sig);
/* Is sig pending for t (its own or its process's)? */
bool signal_pending_in(struct task *t, int sig);
/* Take the lowest pending signal of wanted off current's pending sets
 * (signalfd reads them blocked or not); 0 if none. */
int dequeue_signal_of(kernel_sigset_t wanted, struct kernel_siginfo *info);
/* Which of current's signals are pending (its own and its process's). */
kernel_sigset_t pending_signals_current(void);
/* A thread of leader's process exited: if the others were all stopping,
 * the stop is now complete. */
void group_stop_thread_gone(struct task *leader);

/* Deliver pending unblocked signals to current (exit_to_user_mode). */
void do_signal(struct pt_regs *regs);

/* One signal on its way into a handler: what the arch needs to build the
 * frame. */
struct signal_delivery {
	int sig;
	struct kernel_siginfo info;
	struct kernel_sigaction action;
	kernel_sigset_t saved_mask;	/* blocked before delivery: sigreturn
					 * restores it from uc_sigmask */
	unsigned long sp;		/* build the frame below this address
					 * (the alternate stack top when
					 * SA_ONSTACK applies, else the user
					 * sp); the arch aligns it and skips
					 * any red zone */
	struct kernel_stack altstack;	/* for uc_stack */
	unsigned long trampoline;	/* where the handler returns: the
					 * sigreturn trampoline page, unless
					 * the arch prefers sa_restorer */
};

/*
 * arch/<arch>/signal.c: write the Linux rt signal frame (siginfo, ucontext
 * with the interrupted registers, FP state and d->saved_mask) below d->sp
 * with copy_to_user and point regs at the handler: pc = handler, sp = the
 * frame, arguments (sig, &info, &uc), return address = sa_restorer or
 * d->trampoline. Returns 0, or -EFAULT if the frame could not be written
 * (the caller then kills the process with SIGSEGV, as Linux does).
 */
int arch_setup_signal_frame(struct signal_delivery *d, struct pt_regs *regs);

/*
 * rt_sigreturn: read the frame the handler returned through (at the
 * current user sp), restore the registers and FP state from it into regs
 * and the mask into *mask. Returns 0, or -EFAULT for an unreadable or
 * tampered frame (the caller kills the process with SIGSEGV).
 */
int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask);

/* The sigreturn trampoline code the kernel maps into every process, one
 * page, read+exec ("[sigpage]" in /proc/self/maps): "rt_sigreturn
 * syscall". Arches whose libc always passes sa_restorer may leave it
 * empty (start == end). */
extern const char arch_sigreturn_trampoline[];
extern const char arch_sigreturn_trampoline_end[];

#endif
