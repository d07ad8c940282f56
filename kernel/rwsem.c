/*
 * The reader/writer lock of include/rwsem.h. The counts change under the
 * lock's spinlock. Waiting goes through sched_wait() under the big kernel
 * lock, held from the failed try until the task is asleep; a releaser that
 * sees a waiter takes the BKL to wake it, so it cannot get in between the
 * waiter's try and its sleep, and no wake-up is lost. The uncontended
 * paths never touch the BKL: page faults on several CPUs take the mmap
 * lock for reading at the same time (mm/fault.c).
 */
#include <rwsem.h>
#include <bkl.h>

static unsigned long sem_lock(struct rw_semaphore *sem)
{
	if (!sem->lock.name)
		sem->lock.name = "rw_semaphore.lock";
	return spin_lock_irqsave(&sem->lock);
}

static void sem_unlock(struct rw_semaphore *sem, unsigned long flags)
{
	spin_unlock_irqrestore(&sem->lock, flags);
}

/* Take it if it is free for this kind of use; sem->lock held. */
static bool try_take(struct rw_semaphore *sem, bool write)
{
	if (sem->writer || (write && sem->readers))
		return false;
	if (write)
		sem->writer = true;
	else
		sem->readers++;
	return true;
}

static bool trylock(struct rw_semaphore *sem, bool write)
{
	unsigned long f = sem_lock(sem);
	bool ok = try_take(sem, write);

	sem_unlock(sem, f);
	if (ok)
		task_note_rwsem(sem, write);
	return ok;
}

bool down_read_trylock(struct rw_semaphore *sem)
{
	return trylock(sem, false);
}

bool down_write_trylock(struct rw_semaphore *sem)
{
	return trylock(sem, true);
}

static void lock_slow(struct rw_semaphore *sem, bool write)
{
	bool bkl = bkl_lock_once();
	unsigned long f;
	bool ok;

	f = sem_lock(sem);
	sem->contended++;
	for (;;) {
		ok = try_take(sem, write);
		if (!ok)
			sem->waiters++;
		sem_unlock(sem, f);
		if (ok)
			break;
		sched_wait();
		f = sem_lock(sem);
		sem->waiters--;
	}
	bkl_unlock_if(bkl);
	task_note_rwsem(sem, write);
}

void down_read(struct rw_semaphore *sem)
{
	if (!down_read_trylock(sem))
		lock_slow(sem, false);
}

void down_write(struct rw_semaphore *sem)
{
	if (!down_write_trylock(sem))
		lock_slow(sem, true);
}

static void unlock(struct rw_semaphore *sem, bool write)
{
	unsigned long f = sem_lock(sem);
	bool wake;

	if (write)
		sem->writer = false;
	else
		sem->readers--;
	wake = sem->waiters && !sem->readers;
	sem_unlock(sem, f);
	task_forget_rwsem(sem);
	if (wake) {
		bkl_lock();
		sched_wake_lock_waiters();
		bkl_unlock();
	}
}

void up_read(struct rw_semaphore *sem)
{
	unlock(sem, false);
}

void up_write(struct rw_semaphore *sem)
{
	unlock(sem, true);
}
