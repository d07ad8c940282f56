/*
 * Signal wrappers: our struct sigaction to the kernel's (with SA_RESTORER
 * and __restore_rt on x86_64 and arm64; riscv64 has no sa_restorer and the
 * kernel supplies the return trampoline), masks, sending, siglongjmp.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

#define KSIGSET_SIZE sizeof(kernel_sigset_t)

void __restore_rt(void);

/*
 * The new and old kernel actions sit in one struct, the old one after the
 * new one with a spare word each: qemu-user's riscv64 rt_sigaction writes
 * the old action (as 32 bytes, with a restorer slot riscv64 does not have)
 * before it reads the new one, so an old action placed just below the new
 * one would clobber it. Linux itself reads first.
 */
struct sigaction_pair {
	struct kernel_sigaction k;
	unsigned long spare_k;
	struct kernel_sigaction old;
	unsigned long spare_old;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct sigaction_pair p;
	long r;

	memset(&p, 0, sizeof(p));
	if (act) {
		p.k.handler = (unsigned long)act->sa_handler;
		p.k.flags = (unsigned long)(unsigned int)act->sa_flags;
		p.k.mask = act->sa_mask;
#ifndef __riscv
		p.k.flags |= SA_RESTORER;
		p.k.restorer = (unsigned long)__restore_rt;
#endif
	}
	r = SC4(rt_sigaction, sig, act ? &p.k : NULL, old ? &p.old : NULL,
		KSIGSET_SIZE);
	if (r < 0)
		return __syscall_ret(r);
	if (old) {
		memset(old, 0, sizeof(*old));
		old->sa_handler = (void (*)(int))p.old.handler;
		old->sa_flags = (int)p.old.flags;
		old->sa_mask = p.old.mask;
#ifndef __riscv
		old->sa_restorer = (void (*)(void))p.old.restorer;
#endif
	}
	return 0;
}

/* signal() with BSD semantics, as glibc gives it: the handler stays
 * installed and interrupted system calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return __syscall_ret(SC4(rt_sigprocmask, how, set, old, KSIGSET_SIZE));
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	long r = SC4(rt_sigprocmask, how, set, old, KSIGSET_SIZE);

	return r < 0 ? (int)-r : 0;
}

int sigpending(sigset_t *set)
{
	return __syscall_ret(SC2(rt_sigpending, set, KSIGSET_SIZE));
}

int sigsuspend(const sigset_t *mask)
{
	return __syscall_ret(SC2(rt_sigsuspend, mask, KSIGSET_SIZE));
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return __syscall_ret(SC2(sigaltstack, ss, old));
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

static int bad_signal(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (*set >> (sig - 1)) & 1;
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(SC2(kill, pid, sig));
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return __syscall_ret(SC3(tgkill, tgid, tid, sig));
}

/* To this thread, as POSIX wants: the handler runs before raise returns. */
int raise(int sig)
{
	return tgkill(getpid(), gettid(), sig);
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved)
		SC4(rt_sigprocmask, SIG_SETMASK, &env->__mask, NULL,
		    KSIGSET_SIZE);
	longjmp(env, val);
}

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}
