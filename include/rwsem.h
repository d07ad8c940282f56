/*
 * A sleeping reader/writer lock with trylock (kernel/rwsem.c): the mmap
 * lock, the inode lock. Many readers or one writer; a task that cannot
 * have it sleeps until a holder lets go. Readers are not held back by a
 * waiting writer (a writer may wait while readers come and go).
 */
#ifndef FAULTLINE_RWSEM_H
#define FAULTLINE_RWSEM_H

#include <types.h>
#include <spinlock.h>

struct rw_semaphore {
	/* Guards the fields below, taken with interrupts off for a few
	 * instructions. All rwsems' locks are one lock-checker class,
	 * named on first use: a zeroed rw_semaphore is ready to use. */
	spinlock_t lock;
	int readers;		/* holders for reading */
	bool writer;		/* held for writing */
	int waiters;		/* tasks asleep (or about to be) for it */
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
 * Both need the big kernel lock, which kernel/rwsem.c takes around them
 * when the caller runs without it (a user page fault). Host tests supply
 * their own to play the other thread.
 */
void sched_wait(void);
void sched_wake_lock_waiters(void);

/*
 * The running task's record of the rwsems it holds (kernel/task.c), so
 * that an oops releases exactly those (kernel/oops.c): other tasks, on
 * other CPUs, may hold the same lock at the same time.
 */
void task_note_rwsem(struct rw_semaphore *sem, bool write);
void task_forget_rwsem(struct rw_semaphore *sem);

#endif
