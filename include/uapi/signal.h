/*
 * The Linux signal ABI shared by the kernel and user/: signal numbers,
 * sigaction flags, siginfo_t, stack_t and the kernel's struct sigaction.
 * Numbers and layouts are the same on x86_64, arm64 and riscv64 except
 * where marked (struct sigaction has no sa_restorer on riscv64).
 */
#ifndef FAULTLINE_UAPI_SIGNAL_H
#define FAULTLINE_UAPI_SIGNAL_H

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define NSIG_MAX	64	/* signals 1..64; the kernel sigset is 64 bits */

/* si_code values: who sent it, or why the fault happened. */
#define SI_USER		0	/* kill() */
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)	/* tgkill() */
#define SI_TIMER	(-2)	/* a POSIX timer expired */
#define SEGV_MAPERR	1	/* address not mapped */
#define SEGV_ACCERR	2	/* mapping forbids this access */
#define BUS_ADRALN	1	/* misaligned access */
#define BUS_ADRERR	2	/* no object behind the address */
#define BUS_OBJERR	3	/* hardware error on the object */
#define BUS_MCEERR_AR	4	/* hardware memory error, action required */
#define ILL_ILLOPC	1	/* illegal opcode */
#define ILL_ILLOPN	2	/* illegal operand */
#define ILL_ILLTRP	4	/* illegal trap */
#define FPE_INTDIV	1	/* integer divide by zero */
#define FPE_FLTDIV	3	/* floating-point divide by zero */
#define FPE_FLTOVF	4	/* floating-point overflow */
#define FPE_FLTUND	5	/* floating-point underflow */
#define FPE_FLTRES	6	/* floating-point inexact result */
#define FPE_FLTINV	7	/* floating-point invalid operation */
#define TRAP_BRKPT	1	/* breakpoint */
#define TRAP_TRACE	2	/* single step */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5	/* SIGCHLD: the child was stopped */
#define CLD_CONTINUED	6	/* SIGCHLD: ... and continued */

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000	/* x86_64, arm64: sa_restorer is set */
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SS_ONSTACK	1
#define SS_DISABLE	2

#ifndef __ASSEMBLY__

#define SIG_DFL_HANDLER	0UL
#define SIG_IGN_HANDLER	1UL

/* The kernel's signal set: bit (sig - 1) for each signal. */
typedef unsigned long kernel_sigset_t;

/* rt_sigaction's struct: the kernel's layout, not glibc's. */
struct kernel_sigaction {
	unsigned long handler;
	unsigned long flags;
#ifndef __riscv
	unsigned long restorer;
#endif
	kernel_sigset_t mask;
};

/* stack_t (sigaltstack) */
struct kernel_stack {
	unsigned long sp;
	int flags;
	unsigned long size;
};

/* siginfo_t: 128 bytes; the union starts at byte 16 on every 64-bit arch. */
struct kernel_siginfo {
	int signo;
	int errno_;
	int code;
	int pad0;
	union {
		struct {		/* kill, tgkill */
			int pid;
			unsigned int uid;
		} kill;
		struct {		/* SIGCHLD */
			int pid;
			unsigned int uid;
			int status;
			long utime, stime;
		} child;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			unsigned long addr;
			short addr_lsb;	/* hwpoison: log2 of the lost size */
		} fault;
		struct {		/* SI_TIMER */
			int tid;	/* the timer's id */
			int overrun;	/* expiries lost before this one */
			unsigned long value;	/* sigev_value */
		} timer;
		int pad[28];
	};
};

#endif /* __ASSEMBLY__ */

#endif
