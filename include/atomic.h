/*
 * Atomic operations and memory barriers, written once on the compiler's
 * __atomic builtins: GCC and clang turn them into each arch's own
 * instructions (lr/sc and amo* on riscv64, ldxr/stxr or LSE on arm64,
 * lock-prefixed instructions on x86_64). Nothing here calls out of line:
 * arm64 builds with -mno-outline-atomics and riscv64 with the A extension.
 */
#ifndef FAULTLINE_ATOMIC_H
#define FAULTLINE_ATOMIC_H

#include <types.h>

typedef struct {
	volatile int counter;
} atomic_t;

typedef struct {
	volatile long counter;
} atomic_long_t;

#define ATOMIC_INIT(v) { (v) }

/* Full barrier: every access before it is visible to every CPU before
 * any access after it. */
#define smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
/* Loads before it complete before loads after it (and likewise stores). */
#define smp_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)

/* A plain load or store the compiler may not tear, merge or move out of
 * a loop (the value another CPU writes must be seen eventually). */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

/* Acquire load / release store: the pair that hands data from one CPU to
 * another through a flag. */
#define load_acquire(p)		__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

static inline int atomic_read(const atomic_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *a, int v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELAXED);
}

/* The value after the operation; fully ordered, like Linux's
 * atomic_*_return. */
static inline int atomic_add_return(atomic_t *a, int v)
{
	return __atomic_add_fetch(&a->counter, v, __ATOMIC_SEQ_CST);
}

static inline void atomic_add(atomic_t *a, int v)
{
	__atomic_add_fetch(&a->counter, v, __ATOMIC_RELAXED);
}

static inline void atomic_inc(atomic_t *a) { atomic_add(a, 1); }
static inline void atomic_dec(atomic_t *a) { atomic_add(a, -1); }
static inline bool atomic_dec_and_test(atomic_t *a)
{
	return atomic_add_return(a, -1) == 0;
}

/* Set *a to new if it holds old; returns the value it held. */
static inline int atomic_cmpxchg(atomic_t *a, int old, int new)
{
	__atomic_compare_exchange_n(&a->counter, &old, new, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}

static inline int atomic_xchg(atomic_t *a, int v)
{
	return __atomic_exchange_n(&a->counter, v, __ATOMIC_SEQ_CST);
}

static inline long atomic_long_read(const atomic_long_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}

static inline long atomic_long_add_return(atomic_long_t *a, long v)
{
	return __atomic_add_fetch(&a->counter, v, __ATOMIC_SEQ_CST);
}

/* An event counter that several CPUs add to at once (fault counts); a
 * reader takes whatever value it sees, no ordering implied. */
static inline void counter_inc(unsigned long *counter)
{
	__atomic_fetch_add(counter, 1UL, __ATOMIC_RELAXED);
}

/* Bit operations on one word of a bitmap (IPI requests, CPU masks). */
static inline void atomic_set_bit(unsigned long *word, unsigned int bit)
{
	__atomic_fetch_or(word, 1UL << bit, __ATOMIC_SEQ_CST);
}

static inline void atomic_clear_bit(unsigned long *word, unsigned int bit)
{
	__atomic_fetch_and(word, ~(1UL << bit), __ATOMIC_SEQ_CST);
}

/* Take the whole word, leaving 0 (the receiver of a request bitmap). */
static inline unsigned long atomic_fetch_clear(unsigned long *word)
{
	return __atomic_exchange_n(word, 0UL, __ATOMIC_SEQ_CST);
}

#endif
