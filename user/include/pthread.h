/* Minimal POSIX threads on clone() and futex(): create, join, exit, self,
 * and mutexes. Attributes are accepted and ignored. */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sys/types.h>
#include <signal.h>

typedef struct pthread *pthread_t;
typedef struct {
	int __unused;
} pthread_attr_t;
typedef struct {
	int __unused;
} pthread_mutexattr_t;
typedef struct {
	int __state;	/* 0 free, 1 locked, 2 locked with waiters */
} pthread_mutex_t;

#define PTHREAD_MUTEX_INITIALIZER { 0 }

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **retval);
_Noreturn void pthread_exit(void *retval);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

#endif
