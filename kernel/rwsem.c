/* The reader/writer lock behind mm->mmap_lock. Uniprocessor: interrupts off
 * make each check-and-take atomic; waiting goes through sched_wait(). */
#include <rwsem.h>
#include <irq.h>

bool down_read_trylock(struct rw_semaphore *sem)
{
	irqflags_t f = local_irq_save();
	bool ok = !sem->writer;

	if (ok)
		sem->readers++;
	local_irq_restore(f);
	return ok;
}

bool down_write_trylock(struct rw_semaphore *sem)
{
	irqflags_t f = local_irq_save();
	bool ok = !sem->writer && !sem->readers;

	if (ok)
		sem->writer = true;
	local_irq_restore(f);
	return ok;
}

void down_read(struct rw_semaphore *sem)
{
	if (down_read_trylock(sem))
		return;
	sem->contended++;
	while (!down_read_trylock(sem))
		sched_wait();
}

void down_write(struct rw_semaphore *sem)
{
	if (down_write_trylock(sem))
		return;
	sem->contended++;
	while (!down_write_trylock(sem))
		sched_wait();
}

void up_read(struct rw_semaphore *sem)
{
	irqflags_t f = local_irq_save();

	sem->readers--;
	local_irq_restore(f);
	if (!sem->readers)
		sched_wake_lock_waiters();
}

void up_write(struct rw_semaphore *sem)
{
	sem->writer = false;
	sched_wake_lock_waiters();
}
