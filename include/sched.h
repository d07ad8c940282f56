/*
 * Tasks and the scheduler (kernel/sched.c, kernel/process.c). A task is a
 * thread of execution with its own kernel stack; a process is a thread
 * group (tgid) sharing an mm, open files and signal actions. Each CPU
 * has its own `current` (include/smp.h); user tasks are preempted on
 * their way back to user mode when their time slice is over; the kernel
 * itself is not preempted, it gives the CPU up only by sleeping. Tasks,
 * the run queue and wait queues are guarded by the big kernel lock
 * (include/bkl.h).
 *
 * The arch supplies, in asm/switch.h:
 *   struct arch_context  callee-saved registers of a switched-out task
 *   struct arch_thread   per-thread user state that is not in pt_regs
 *                        (TLS base where it is not a GPR, FP/SIMD registers)
 * and implements the arch_* functions declared at the end of this file.
 */
#ifndef FAULTLINE_SCHED_H
#define FAULTLINE_SCHED_H

#include <types.h>
#include <compiler.h>
#include <list.h>
#include <asm/ptrace.h>
#include <asm/switch.h>
#include <asm/irqflags.h>
#include <kstack.h>
#include <uapi/signal.h>
#include <uapi/errno.h>
#include <cred.h>

struct mm_struct;
struct vfork_done;
struct files_struct;
struct fs_struct;

struct task;

/*
 * A wait queue: tasks sleeping until some condition may have changed.
 * Each sleeper is a wait_entry on the queue's list. A task sleeping in
 * one place uses the entry in its struct task (prepare_to_wait); poll and
 * select, which wait on many queues at once, queue one entry of their own
 * per queue (add_wait_entry). Queues and entries are guarded by the big
 * kernel lock, taken with interrupts off (interrupt handlers wake).
 */
struct wait_queue {
	struct list_head waiters;	/* of struct wait_entry */
};
struct wait_entry {
	struct list_head node;		/* in wait_queue.waiters, or empty */
	struct task *task;		/* whom wake_up wakes */
	/* Instead of waking task: what epoll does when a watched file's
	 * queue is woken (called from wake_up; must not sleep). */
	void (*wake)(struct wait_entry *e);
};
#define WAIT_QUEUE_INIT(name) { LIST_HEAD_INIT((name).waiters) }
void wait_queue_init(struct wait_queue *wq);
/* Wake every task sleeping on wq (they recheck their condition). */
void wake_up(struct wait_queue *wq);
/* Queue e (for e->task) on wq / take it off again (idempotent). */
void add_wait_entry(struct wait_queue *wq, struct wait_entry *e);
void remove_wait_entry(struct wait_entry *e);

/*
 * A blocking system call interrupted by a signal returns -ERESTARTSYS
 * (kernel-internal, never seen by user space): on the way out the call is
 * run again if no handler ran or the handler has SA_RESTART, and returns
 * -EINTR otherwise (kernel/signal.c), as on Linux.
 */
#define ERESTARTSYS 512
/* The same, but the call starts over only when no handler ran (poll and
 * select without a deadline), even with SA_RESTART: Linux's rule. */
#define ERESTARTNOHAND 514

/*
 * Sleep on wq until cond is true. Interruptible: returns -ERESTARTSYS if a
 * signal becomes pending first, 0 once cond holds. Interrupts are off while cond
 * is tested and the task queued, so a wake_up from an interrupt handler
 * between the test and the sleep is not lost.
 */
#define wait_event_interruptible(wq, cond) __wait_event(wq, cond, true, 0)

/* The same, deaf to signals (use only where the wait is short). */
#define wait_event(wq, cond) ((void)__wait_event(wq, cond, false, 0))

/* The loop of both, and of include/timer.h's wait with a deadline:
 * give_up, looked at before each sleep, ends the wait with its value
 * when nonzero. */
#define __wait_event(wq, cond, interruptible, give_up)			\
({									\
	int __ret = 0;							\
	unsigned long __flags = arch_irq_save();			\
	for (;;) {							\
		prepare_to_wait(&(wq), (interruptible));		\
		if (cond)						\
			break;						\
		if ((interruptible) && signal_pending_current()) {	\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		if ((__ret = (give_up)))				\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq));						\
	arch_irq_restore(__flags);					\
	__ret;								\
})

/* Building blocks of the wait_event macros: queue current on wq (once) in
 * a sleeping state; take it off again. */
void prepare_to_wait(struct wait_queue *wq, bool interruptible);
void finish_wait(struct wait_queue *wq);
bool signal_pending_current(void);

enum task_state {
	TASK_RUNNING,		/* on the run queue or on the CPU */
	TASK_INTERRUPTIBLE,	/* sleeping; a signal wakes it */
	TASK_UNINTERRUPTIBLE,	/* sleeping; only wake_up wakes it */
	TASK_STOPPED,		/* stopped by a stop signal; SIGCONT or
				 * SIGKILL wakes it (kernel/signal.c) */
	TASK_ZOMBIE,		/* exited, waiting for its parent's wait4 */
	TASK_DEAD,		/* reaped; freed once off the CPU */
};

/* Signal actions, shared by the threads of a process (CLONE_SIGHAND). */
struct sighand {
	int refcount;
	struct kernel_sigaction action[NSIG_MAX];
	/* signalfd readers of these threads (kernel/fs/signalfd.c): woken
	 * whenever a signal is queued, blocked or not. */
	struct wait_queue signalfd_wait;
};

/* What siginfo will say about a pending signal, kept compact (a full
 * siginfo is 128 bytes; there is one slot per signal number). */
struct pending_info {
	int code;
	int pid;		/* sender, or the child for SIGCHLD */
	unsigned int uid;	/* the sender's real uid */
	int status;		/* SIGCHLD */
	short addr_lsb;		/* fault signals */
	unsigned long addr;	/* fault signals; SI_TIMER: sigev_value
				 * (and pid: the timer's id, status: its
				 * overrun) */
};

/* Signals waiting for delivery. */
struct pending_signals {
	kernel_sigset_t set;
	struct pending_info info[NSIG_MAX];	/* for each set bit */
};

/* What getrusage adds up (kernel/rusage.c): times in ticks, faults,
 * context switches, the largest resident set in pages. */
struct usage {
	unsigned long utime, stime;
	unsigned long min_flt, maj_flt;
	unsigned long nvcsw, nivcsw;
	unsigned long maxrss;
};

/* What the threads of one process share besides mm, files and actions. */
struct thread_group {
	int refcount;
	int nr_threads;			/* live (not yet exited) threads */
	struct pending_signals shared_pending;	/* kill() to the process */
	bool exiting;			/* exit_group or a fatal signal */
	struct wait_queue thread_exit;	/* exec waits here for the others */
	int exit_status;		/* wait4 status for the whole group */
	int pgid, sid;
	struct itimer *real_timer;	/* setitimer(ITIMER_REAL); or NULL */
	/* ITIMER_VIRTUAL (user time) and ITIMER_PROF (user and system):
	 * ticks left and the interval. The ticks of its threads on every
	 * CPU count them down (kernel/itimer.c), hence atomic; 0: off. */
	long cpu_timer_left[2];
	long cpu_timer_interval[2];
	struct list_head posix_timers;	/* timer_create (kernel/posix_timers.c) */
	int next_timer_id;
	/* Job control (kernel/signal.c): stopped by stop_signal until a
	 * SIGCONT; the stop is complete (and told to the parent) once
	 * every live thread is in TASK_STOPPED; what wait4's WUNTRACED and
	 * WCONTINUED have yet to report. */
	bool stopped, stop_complete;
	int stop_signal;
	int threads_stopped;
	bool stop_to_report, continue_to_report;
	/* kernel/rusage.c, under the big kernel lock: what its exited
	 * threads used, and its waited-for children (with theirs). */
	struct usage dead, children;
};

/* kernel/itimer.c: the last thread is gone (stop the timers); the group
 * is freed. */
struct itimer;
void itimers_exit(struct thread_group *g);
void itimers_free(struct thread_group *g);
/* From the tick, on any CPU: t ran for a tick (in user mode or not). */
void itimers_tick(struct task *t, bool user);
/* From the return to user mode (BKL held): send what itimers_tick saw. */
void itimers_deliver(void);
/* kernel/posix_timers.c: exec and the process's end delete them. */
void posix_timers_delete_all(struct thread_group *g);

/* kernel/rusage.c: a thread leaves (its usage goes to its process, with
 * mm's largest resident set if it has one); a parent waits a child away
 * (the child's totals go to the parent's children); a process's total. */
struct mm_struct;
void usage_thread_exit(struct task *t, struct mm_struct *mm);
void usage_reap(struct task *parent, struct task *child);
void usage_of_process(struct task *leader, struct usage *u);
/* ... and with its waited-for children (wait4's rusage). */
void usage_of_child(struct task *child, struct usage *u);
long put_rusage(unsigned long uru, const struct usage *u);

#define TASK_COMM_LEN 16

/*
 * Kernel stacks: KSTACK_SIZE bytes (include/kstack.h) mapped in the vmap
 * area (mm/vmap.c), with at least KSTACK_GUARD unmapped guard page(s)
 * right below, so running off the bottom faults instead of overwriting
 * another task's memory; the arch's trap entry notices the blown stack,
 * moves to an overflow stack and oopses with "kernel stack overflow". The
 * boot stack (the idle task's) is not in the vmap area: only x86_64 gives
 * it a guard page.
 */
#define KSTACK_GUARD 1

/* A sleeping lock a task holds (kernel/rwsem.c keeps the record). */
struct rw_semaphore;
struct held_rwsem {
	struct rw_semaphore *sem;
	bool write;
};
/* Deepest nesting: a fault under an inode lock under another... */
#define TASK_RWSEMS_MAX 6
/* Files one system call works on at once (a source and a target...). */
#define TASK_FILES_BORROWED_MAX 4
struct file;

struct task {
	struct arch_context context;	/* valid while switched out */
	struct arch_thread thread;
	int pid;			/* thread id (gettid) */
	int tgid;			/* process id (getpid) = leader's pid */
	enum task_state state;
	char comm[TASK_COMM_LEN];
	char cmdline[128];		/* argv of the last exec, NUL-separated
					 * (/proc/<pid>/cmdline; truncated) */
	unsigned int cmdline_len;
	void *kstack;			/* lowest address of its KSTACK_SIZE
					 * bytes; pt_regs at the top */
	struct mm_struct *mm;		/* NULL for kernel threads */
	struct files_struct *files;
	struct fs_struct *fs;
	struct sighand *sighand;
	struct thread_group *group;
	struct task *group_leader;
	struct task *parent;		/* a process's parent (leader only) */
	struct list_head children;	/* leaders of child processes */
	struct list_head sibling;	/* in parent->children */
	struct list_head threads;	/* in group_leader->thread_list */
	struct list_head thread_list;	/* leader: every thread of the group */
	struct list_head run_node;	/* in the run queue */
	struct list_head all_node;	/* in the list of all tasks */
	struct wait_entry wait;		/* in one wait queue while sleeping */
	struct wait_queue child_exit;	/* wait4 sleeps here */
	int exit_code;			/* wait status once a zombie */
	kernel_sigset_t blocked;
	kernel_sigset_t saved_blocked;	/* sigsuspend: restore after handler */
	bool restore_blocked;
	bool syscall_restart;		/* the syscall said -ERESTARTSYS */
	bool restart_unless_handled;	/* ... or -ERESTARTNOHAND */
	/* A sleep with a timeout that a stop or a signal nobody handles
	 * cut short starts over with the deadline it had (Linux's
	 * restart_block; include/timer.h): the call leaves it here, and
	 * `restarted` tells the call run again that it is the same one. */
	u64 restart_deadline_ns;
	bool restarted;
	bool killed_by_exec;		/* another thread execs: exit alone */
	struct pending_signals pending;	/* sent to this thread */
	struct kernel_stack altstack;	/* sigaltstack */
	unsigned long clear_child_tid;	/* user address; futex-woken at exit */
	unsigned long set_child_tid;	/* user address; tid written at start */
	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */
	struct vfork_done *vfork_done;	/* parent waits until exec or exit */
	unsigned long robust_list;
	unsigned int slice;		/* ticks left before preemption */
	unsigned long cpus_allowed;	/* CPUs it may run on (bit per
					 * logical CPU; sched_setaffinity) */
	bool need_resched;
	/* Bits (1 << ITIMER_VIRTUAL, 1 << ITIMER_PROF) of CPU-time itimers
	 * its ticks ran out: the signal goes on the way back to user mode,
	 * where the big kernel lock can be had. */
	unsigned int cpu_timers_fired;
	int (*kthread_fn)(void *arg);	/* kernel threads only */
	void *kthread_arg;
	unsigned long utime, stime;	/* ticks spent in user / kernel */
	/* Faults that completed (mm/fault.c) and switches away from it,
	 * waiting (voluntary) or preempted; only the task itself (or its
	 * CPU's scheduler) changes them. */
	unsigned long min_flt, maj_flt;
	unsigned long nvcsw, nivcsw;
	unsigned long start_jiffies;
	/* Identity and per-task settings (kernel/cred.c, prctl.c,
	 * priority.c): changed by the task itself, or by setpriority,
	 * under the big kernel lock; inherited at clone. */
	struct cred cred;		/* user and group ids (include/cred.h) */
	int nice;			/* -20..19; the scheduler ignores it */
	int pdeathsig;			/* PR_SET_PDEATHSIG: sent when the
					 * parent process dies; not inherited */
	int dumpable;			/* PR_GET_DUMPABLE: 0 or 1, the same in
					 * every thread of a process */
	bool no_new_privs;		/* PR_SET_NO_NEW_PRIVS: never unset */
	struct inode *exe;		/* the program of the last exec (a
					 * reference; NULL once exited, and in
					 * kernel threads): /proc/<pid>/exe */
	/* The rwsems it holds, innermost last; only the task itself
	 * changes this, so it needs no lock. */
	struct held_rwsem rwsems_held[TASK_RWSEMS_MAX];
	int nr_rwsems_held;
	/* References its system call took with fget() and has not given
	 * back yet (kernel/fs/fdtable.c), for an oops to give back. */
	struct file *files_borrowed[TASK_FILES_BORROWED_MAX];
	int nr_files_borrowed;
};

/* `current`, the task running on this CPU, is in include/smp.h. */
#include <smp.h>

#define CPU_MASK_ALL (~0UL)

/* Every task, and the task with a given pid (NULL if none). */
extern struct list_head all_tasks;
/* Tasks created since boot (/proc/stat "processes"). */
extern unsigned long nr_tasks_created;
/* Pids are 1..PID_MAX (/proc/sys/kernel/pid_max); the one given out
 * last (/proc/loadavg). */
#define PID_MAX 32768
extern int last_pid;
struct task *find_task(int pid);

static inline struct pt_regs *task_pt_regs(struct task *t)
{
	return (struct pt_regs *)((char *)t->kstack + KSTACK_SIZE) - 1;
}
#define current_pt_regs() task_pt_regs(current)

/* kernel/sched.c */
void sched_boot_init(void);		/* boot context: cpu0's idle task */
/* A zeroed task with its kernel stack (mm/vmap.c: guard page below), and
 * back; everything else about it is the caller's. */
struct task *task_struct_alloc(void);
void task_struct_free(struct task *t);
struct task *idle_task_create(unsigned int cpu);	/* a secondary's */
/* Load mm's user tables on this CPU (NULL: none), keeping active_mm and
 * mm->cpus_loaded true. */
void cpu_load_mm(struct mm_struct *mm);
/* Restrict t to the CPUs in mask (those online); -EINVAL if none. */
long sched_set_affinity(struct task *t, unsigned long mask);
void task_init_links(struct task *t);	/* empty lists and queues */
void schedule(void);			/* give the CPU to the next task */
void wake_up_task(struct task *t);
void wake_up_stopped(struct task *t);	/* TASK_STOPPED -> runnable */
void scheduler_tick(void);		/* from timer_tick(), every tick */
void __noreturn cpu_idle(void);		/* task 0 after boot */
void task_first_run(void);		/* a new task's first instructions */

/* kernel/process.c */
extern struct task *init_process;	/* pid 1 */
struct task *kthread_create(const char *name, int (*fn)(void *), void *arg);
long do_clone(unsigned long flags, unsigned long newsp,
	      unsigned long parent_tid, unsigned long tls,
	      unsigned long child_tid);
void __noreturn do_exit(int status);
void __noreturn do_group_exit(int status);
/* exec: end every other thread of the process and wait for them; current
 * becomes the leader, with the process's pid. Returns 0. */
int de_thread(void);
/* Linux wait status for a normal exit and for death by a signal. */
#define W_EXITCODE(code, sig) (((code) << 8) | (sig))

/* Called on every return to user mode, with interrupts off: reschedule,
 * deliver pending signals. Arch trap code calls it last. */
void exit_to_user_mode(struct pt_regs *regs);

/* ---- what the arch implements for processes (arch/<arch>/process.c) ---- */

/* Prepare t's context so that the first switch to it runs
 * task_first_run() on t's kernel stack, just below its pt_regs. */
void arch_context_init(struct task *t);

/* Save prev's callee-saved registers (and user TLS/FP state kept in
 * arch_thread), load next's, and make traps from user mode land on next's
 * kernel stack. Returns in next's context. */
void arch_context_switch(struct task *prev, struct task *next);

/* Fresh user registers for exec: user mode, pc and sp set, everything else
 * zero, interrupts enabled; FP state reset. */
void arch_start_user(struct pt_regs *regs, unsigned long pc,
		     unsigned long sp);

/* The child's user state for fork/clone: its pt_regs are a copy of the
 * parent's (done by the caller) with the syscall returning 0; newsp (if
 * nonzero) replaces the stack pointer and, when set_tls, tls becomes the
 * thread pointer. arch_thread is copied from the parent. */
void arch_copy_thread(struct task *child, struct task *parent,
		      unsigned long newsp, bool set_tls, unsigned long tls);

/* Restore the user registers in regs (task_pt_regs(current)) and enter
 * user mode. Used by a new task's first run and by exec from a kernel
 * thread, which have already called exit_to_user_mode() (and so dropped
 * the big kernel lock): it must not be called again here. */
void __noreturn arch_return_to_user(struct pt_regs *regs);

#endif
