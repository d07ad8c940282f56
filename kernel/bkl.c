/*
 * The big kernel lock (include/bkl.h): the one lock that lets a kernel
 * written for one CPU run on several. A test-and-set loop on a spinlock,
 * recursive per CPU, taken with interrupts off so that an interrupt
 * arriving while this CPU spins cannot take it behind its own back.
 * It uses the raw spinlock operations: the lock checker does not see it,
 * since it is held across schedule() by design and is always outermost.
 */
#include <bkl.h>
#include <smp.h>
#include <spinlock.h>
#include <printk.h>
#include <lockcheck.h>
#include <asm/irqflags.h>

static DEFINE_SPINLOCK(big_kernel_lock);

void bkl_lock(void)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();

	/* Checked even when this CPU holds it already: the rule is about
	 * the code, not about whether this call happens to wait. */
	lockcheck_bkl_acquire();
	/* A waiter answers IPIs: the holder may be waiting for just that. */
	if (!c->bkl_depth)
		spin_until_locked(&big_kernel_lock, true);
	c->bkl_depth++;
	arch_irq_restore(flags);
}

void bkl_unlock(void)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();

	if (!c->bkl_depth)
		panic("bkl_unlock on cpu%u, which does not hold the lock",
		      c->id);
	if (--c->bkl_depth == 0)
		raw_spin_unlock(&big_kernel_lock);
	arch_irq_restore(flags);
}

bool bkl_held(void)
{
	return this_cpu()->bkl_depth != 0;
}

bool bkl_lock_once(void)
{
	if (bkl_held())
		return false;
	bkl_lock();
	return true;
}

void bkl_unlock_if(bool taken)
{
	if (taken)
		bkl_unlock();
}

unsigned int bkl_release_all(void)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();
	unsigned int depth = c->bkl_depth;

	if (depth) {
		c->bkl_depth = 0;
		raw_spin_unlock(&big_kernel_lock);
	}
	arch_irq_restore(flags);
	return depth;
}

void bkl_relock(unsigned int depth)
{
	unsigned long flags = arch_irq_save();

	if (depth) {
		bkl_lock();
		this_cpu()->bkl_depth = depth;
	}
	arch_irq_restore(flags);
}

void enter_from_user_mode(void)
{
	bkl_lock();
}
