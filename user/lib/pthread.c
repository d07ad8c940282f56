/*
 * Threads: each gets an mmap'd stack with a guard page at the bottom and
 * its control block at the top; clone shares everything, points the thread
 * pointer at the block, and has the kernel write the tid there and clear it
 * (with a futex wake) when the thread is gone, which is what join waits on.
 * Mutexes are the classic three-state futex lock.
 */
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/futex.h>
#include <sys/mman.h>
#include "libc.h"

#define THREAD_STACK	(256 * 1024)
#define GUARD		4096UL

long __clone_raw(int (*fn)(void *), void *stack, int flags, void *arg,
		 pid_t *ptid, void *tls, pid_t *ctid);

static long futex_wait(int *addr, int val)
{
	return SC6(futex, addr, FUTEX_WAIT, val, 0, 0, 0);
}

static long futex_wake(int *addr, int n)
{
	return SC6(futex, addr, FUTEX_WAKE, n, 0, 0, 0);
}

static int cas(int *p, int expected, int desired)
{
	__atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_ACQUIRE,
				    __ATOMIC_RELAXED);
	return expected;	/* the value seen: equal to the old expected on success */
}

void __lock(int *l)
{
	int c = cas(l, 0, 1);

	if (c == 0)
		return;
	/* Contended: mark the lock 2 ("waiters") and sleep while it is 2. */
	do {
		if (c == 2 || cas(l, 1, 2) != 0)
			futex_wait(l, 2);
	} while ((c = cas(l, 0, 2)) != 0);
}

void __unlock(int *l)
{
	if (__atomic_fetch_sub(l, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(l, 0, __ATOMIC_RELEASE);
		futex_wake(l, 1);
	}
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	(void)attr;
	m->__state = 0;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	(void)m;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	__lock(&m->__state);
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	return cas(&m->__state, 0, 1) == 0 ? 0 : EBUSY;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	__unlock(&m->__state);
	return 0;
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->__unused = 0;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

pthread_t pthread_self(void)
{
	return __pthread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

_Noreturn void pthread_exit(void *retval)
{
	__pthread_self()->retval = retval;
	for (;;)
		SC1(exit, 0);	/* this thread only; the kernel clears tid */
}

static int thread_start(void *arg)
{
	struct pthread *t = arg;

	pthread_exit(t->start(t->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	const int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
			  CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	size_t size = THREAD_STACK + GUARD;
	struct pthread *t;
	char *map;
	long r;

	(void)attr;
	map = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (map == MAP_FAILED)
		return EAGAIN;
	mprotect(map, GUARD, PROT_NONE);	/* best effort */
	t = (struct pthread *)((uintptr_t)(map + size - sizeof(*t)) & ~(uintptr_t)63);
	memset(t, 0, sizeof(*t));
	t->self = t;
	t->start = start;
	t->arg = arg;
	t->map = map;
	t->map_size = size;
	r = __clone_raw(thread_start, t, flags, t, &t->tid, t, &t->tid);
	if (r < 0) {
		munmap(map, size);
		return (int)-r;
	}
	*thread = t;
	return 0;
}

int pthread_join(pthread_t t, void **retval)
{
	int tid;

	if (t == __pthread_self())
		return EDEADLK;
	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
		futex_wait(&t->tid, tid);
	if (retval)
		*retval = t->retval;
	munmap(t->map, t->map_size);
	return 0;
}
