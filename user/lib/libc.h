/* Internals shared by the libc's files: raw system calls, the per-thread
 * control block the thread pointer points to, and start-up hooks. */
#ifndef _LIBC_INTERNAL_H
#define _LIBC_INTERNAL_H

#include <stddef.h>
#include <errno.h>
#include "../../include/uapi/unistd.h"
#include "syscall_arch.h"
#include "tls.h"

/* Turn a raw result (-4095..-1 is an error) into -1 with errno set. */
long __syscall_ret(unsigned long r);

#define SC0(n)		__syscall0(__NR_##n)
#define SC1(n, a)	__syscall1(__NR_##n, (long)(a))
#define SC2(n, a, b)	__syscall2(__NR_##n, (long)(a), (long)(b))
#define SC3(n, a, b, c)	__syscall3(__NR_##n, (long)(a), (long)(b), (long)(c))
#define SC4(n, a, b, c, d) \
	__syscall4(__NR_##n, (long)(a), (long)(b), (long)(c), (long)(d))
#define SC5(n, a, b, c, d, e) \
	__syscall5(__NR_##n, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e))
#define SC6(n, a, b, c, d, e, f) \
	__syscall6(__NR_##n, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e), (long)(f))

/*
 * The thread control block. The thread pointer (FS base, TPIDR_EL0, tp)
 * points at it; `self` comes first because x86_64 reads it as %fs:0.
 */
struct pthread {
	struct pthread *self;
	int tid;		/* cleared and futex-woken by the kernel at exit */
	int errno_val;
	void *(*start)(void *);
	void *arg;
	void *retval;
	void *map;		/* the thread's stack mapping, this block inside */
	size_t map_size;
};

extern struct pthread __main_thread;
extern int __tp_missing;

static inline struct pthread *__pthread_self(void)
{
	if (__builtin_expect(__tp_missing, 0))
		return &__main_thread;
	return __arch_get_tp();
}

extern char **environ;
extern unsigned long *__auxv;

/* A futex lock for the libc's own shared state (0 free, 1 held, 2 held
 * with waiters); the pthread mutexes use the same code. */
void __lock(int *l);
void __unlock(int *l);

void __stdio_flush_all(void);
void __stdio_init(void);
void __malloc_atfork_child(void);

#endif
