/*
 * A sleeping reader/writer lock with trylock (kernel/rwsem.c): the mmap lock.
 * Waiters give up the CPU through sched_wait() until the lock is released.
 */
#ifndef FAULTLINE_RWSEM_H
#define FAULTLINE_RWSEM_H

#include <types.h>

struct rw_semaphore {
	int readers;		/* holders for reading */
	bool writer;		/* held for writing */
	unsigned long contended;	/* times a caller had to wait */
};

bool down_read_trylock(struct rw_semaphore *sem);
bool down_write_trylock(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

/*
 * Sleep until a lock holder calls sched_wake_lock_waiters() (kernel/sched.c:
 * one wait queue for every rwsem; each woken waiter retries its trylock).
 * Host tests supply their own to play the other thread.
 */
void sched_wait(void);
void sched_wake_lock_waiters(void);

#endif
