/*
 * Spinlocks: test-and-test-and-set locks on atomics (include/atomic.h).
 * A CPU tries to swap the word from 0 to 1; while that fails it only reads
 * the word (its cache line stays shared) until it looks free, then tries
 * again. Hold one only for a few instructions and never sleep holding one.
 * The _irqsave forms also turn this CPU's interrupts off; every lock
 * shared with code that may run with interrupts on is taken that way,
 * since interrupt handlers take the big kernel lock and its holder may
 * want any spinlock (so the rule is simple: interrupts are off whenever a
 * spinlock is held).
 *
 * Why not a ticket lock, which hands the lock out in arrival order: under
 * a hypervisor or QEMU's TCG with more virtual CPUs than host cores, the
 * CPU whose turn it is may not be running, and then nobody gets the lock
 * until the host runs it again (lock-waiter preemption). Four threads
 * faulting on four vCPUs of a 2-core host ran 3 to 4 times slower with
 * tickets (docs/smp.md). The price is fairness: a CPU may lose the race
 * again and again, which with a handful of CPUs and short critical
 * sections does not last.
 *
 * A CPU spinning for a lock keeps answering IPIs (smp_poll_ipis), so a
 * holder may wait for other CPUs (a TLB shootdown, smp_call_on_cpu) even
 * when one of them is spinning for that very lock with interrupts off.
 * The functions IPIs run take no lock their CPU may hold (best: none;
 * the self-tests' hammer takes one that nothing else does).
 *
 * With the lock checker (LOCK_CHECKER=1, the default; kernel/lockcheck.c)
 * every spin_* call also tells the checker, which oopses on a lock taken
 * twice by one CPU, on two locks taken in both orders, and on sleeping
 * with a spinlock held. The raw_spin_* forms and spin_until_locked() skip
 * the checker: only the big kernel lock (which waits answering IPIs) and
 * the checker itself use them.
 */
#ifndef FAULTLINE_SPINLOCK_H
#define FAULTLINE_SPINLOCK_H

#include <types.h>
#include <atomic.h>
#include <asm/irqflags.h>
#include <asm/smp.h>

/* kernel/smp.c: run this CPU's pending IPI requests. */
void smp_poll_ipis(void);

typedef struct {
	u32 locked;		/* 1 while held */
	const char *name;	/* the lock checker's class */
	int class_id;		/* the checker's number for it, plus 1 */
} spinlock_t;

/* A lock defined with its name: `static DEFINE_SPINLOCK(console_lock);` */
#define SPINLOCK_INIT(lockname) { 0, #lockname, 0 }
#define DEFINE_SPINLOCK(var) spinlock_t var = SPINLOCK_INIT(var)

static inline void spin_lock_init(spinlock_t *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->class_id = 0;
}

/* Take the lock if it is free. */
static inline bool raw_spin_trylock(spinlock_t *l)
{
	return !__atomic_load_n(&l->locked, __ATOMIC_RELAXED) &&
	       !__atomic_exchange_n(&l->locked, 1U, __ATOMIC_ACQUIRE);
}

/* Spin until the lock is ours, answering IPIs meanwhile if poll_ipis. */
static inline void spin_until_locked(spinlock_t *l, bool poll_ipis)
{
	while (!raw_spin_trylock(l)) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED)) {
			if (poll_ipis)
				smp_poll_ipis();
			arch_cpu_relax();
		}
	}
}

/* Without the checker and without answering IPIs: the checker's own lock
 * (an IPI function taking any lock would take it too). */
static inline void raw_spin_lock(spinlock_t *l)
{
	spin_until_locked(l, false);
}

static inline void raw_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0U, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED) != 0;
}

#ifdef CONFIG_LOCK_CHECKER
/* kernel/lockcheck.c: acquire is told before spinning (a deadlock is
 * reported instead of hanging), or after a trylock succeeded. */
void lockcheck_spin_acquire(spinlock_t *l, bool trylock);
void lockcheck_spin_release(spinlock_t *l);
#else
static inline void lockcheck_spin_acquire(spinlock_t *l, bool trylock)
{
	(void)l;
	(void)trylock;
}
static inline void lockcheck_spin_release(spinlock_t *l) { (void)l; }
#endif

static inline void spin_lock(spinlock_t *l)
{
	lockcheck_spin_acquire(l, false);
	spin_until_locked(l, true);
}

static inline bool spin_trylock(spinlock_t *l)
{
	if (!raw_spin_trylock(l))
		return false;
	lockcheck_spin_acquire(l, true);
	return true;
}

static inline void spin_unlock(spinlock_t *l)
{
	lockcheck_spin_release(l);
	raw_spin_unlock(l);
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = arch_irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	arch_irq_restore(flags);
}

#endif
