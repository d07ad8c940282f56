/*
 * Signals: numbers and flags from the kernel's uapi header; sigset_t is the
 * kernel's 64-bit set; siginfo_t has Linux's 128-byte layout.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include "../../include/uapi/signal.h"

#define NSIG		65
#define SIGIOT		SIGABRT
#define SIGPOLL		SIGIO
#define SIGRTMAX	64

#ifdef __aarch64__
#define MINSIGSTKSZ	5120
#define SIGSTKSZ	16384
#else
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192
#endif

typedef unsigned long sigset_t;
typedef int sig_atomic_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct {
			pid_t pid;
			uid_t uid;
			union sigval value;
		} __kill;
		struct {
			pid_t pid;
			uid_t uid;
			int status;
			long utime;
			long stime;
		} __chld;
		struct {
			void *addr;
			short addr_lsb;
		} __fault;
		int __pad[28];
	} __u;
} siginfo_t;

#define si_pid		__u.__kill.pid
#define si_uid		__u.__kill.uid
#define si_value	__u.__kill.value
#define si_status	__u.__chld.status
#define si_addr		__u.__fault.addr
#define si_addr_lsb	__u.__fault.addr_lsb

typedef void (*sighandler_t)(int);

#define SIG_DFL		((sighandler_t)0)
#define SIG_IGN		((sighandler_t)1)
#define SIG_ERR		((sighandler_t)-1)

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *old);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int kill(pid_t pid, int sig);
int raise(int sig);
int tgkill(pid_t tgid, pid_t tid, int sig);
void psignal(int sig, const char *s);

#endif
