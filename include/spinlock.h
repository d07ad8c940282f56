/*
 * Spinlocks: ticket locks on atomics (include/atomic.h). A CPU takes the
 * next ticket and spins until the owner count reaches it, so waiters get
 * the lock in the order they came (no CPU starves). Hold one only for a
 * few instructions and never sleep holding one. The _irqsave forms also
 * turn this CPU's interrupts off; every lock shared with code that may
 * run with interrupts on is taken that way, since interrupt handlers take
 * the big kernel lock and its holder may want any spinlock (so the rule is
 * simple: interrupts are off whenever a spinlock is held).
 *
 * A CPU spinning for a lock keeps answering IPIs (smp_poll_ipis), so a
 * holder may wait for other CPUs (a TLB shootdown, smp_call_on_cpu) even
 * when one of them is spinning for that very lock with interrupts off.
 * The functions IPIs run take no lock that their CPU may be waiting for
 * (best: none; the self-tests' hammer takes one that nothing else does).
 *
 * With the lock checker (LOCK_CHECKER=1, the default; kernel/lockcheck.c)
 * every spin_* call also tells the checker, which oopses on a lock taken
 * twice by one CPU, on two locks taken in both orders, and on sleeping
 * with a spinlock held. The raw_spin_* forms skip the checker and do not
 * answer IPIs while they wait: only the big kernel lock (which answers
 * them in its own trylock loop) and the checker itself use them.
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
	/* The ticket counters share one 32-bit word so that taking a ticket
	 * is one 32-bit atomic add (riscv64 has no 16-bit atomics); all
	 * three arches are little-endian, so owner is the low half. */
	union {
		u32 word;
		struct {
			u16 owner;	/* ticket now holding the lock */
			u16 next;	/* ticket the next comer takes */
		} t;
	} ticket;
	const char *name;	/* the lock checker's class */
	int class_id;		/* the checker's number for it, plus 1 */
} spinlock_t;

/* A lock defined with its name: `static DEFINE_SPINLOCK(console_lock);` */
#define SPINLOCK_INIT(lockname) { { 0 }, #lockname, 0 }
#define DEFINE_SPINLOCK(var) spinlock_t var = SPINLOCK_INIT(var)

static inline void spin_lock_init(spinlock_t *l, const char *name)
{
	l->ticket.word = 0;
	l->name = name;
	l->class_id = 0;
}

/* Take a ticket and wait for it, answering IPIs meanwhile if poll_ipis
 * (with a ticket taken, a nested wait for the same lock would never end:
 * only locks that IPI functions can never want may poll). */
static inline void ticket_lock(spinlock_t *l, bool poll_ipis)
{
	u32 old = __atomic_fetch_add(&l->ticket.word, 1U << 16,
				     __ATOMIC_RELAXED);
	u16 me = (u16)(old >> 16);

	while (__atomic_load_n(&l->ticket.t.owner, __ATOMIC_ACQUIRE) != me) {
		if (poll_ipis)
			smp_poll_ipis();
		arch_cpu_relax();
	}
}

/* Without the checker and without answering IPIs: the checker's own lock,
 * which an IPI function taking any lock would want. */
static inline void raw_spin_lock(spinlock_t *l)
{
	ticket_lock(l, false);
}

/* Take the lock only if nobody holds or waits for it. */
static inline bool raw_spin_trylock(spinlock_t *l)
{
	u32 old = __atomic_load_n(&l->ticket.word, __ATOMIC_RELAXED);
	u16 owner = (u16)old;

	if ((u16)(old >> 16) != owner)
		return false;
	return __atomic_compare_exchange_n(&l->ticket.word, &old,
					   old + (1U << 16), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void raw_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->ticket.t.owner, (u16)(l->ticket.t.owner + 1),
			 __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	u32 now = __atomic_load_n(&l->ticket.word, __ATOMIC_RELAXED);

	return (u16)now != (u16)(now >> 16);
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
	ticket_lock(l, true);
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
