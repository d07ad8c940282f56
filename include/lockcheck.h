/*
 * The lock checker (kernel/lockcheck.c), a small lockdep: it watches every
 * spinlock (include/spinlock.h) and oopses, naming the locks, when
 *  - a CPU takes a lock it already holds (it would spin for ever);
 *  - two locks are taken in both orders, directly or through a chain of
 *    others (A then B somewhere, B then A elsewhere: two CPUs doing both
 *    at once deadlock); the report shows where each order was first seen;
 *  - a task sleeps holding a spinlock, or sleeps in an interrupt handler;
 *  - bkl_lock() is called with a spinlock held (the BKL's holder may want
 *    that spinlock: the BKL is always outermost).
 * Locks are grouped in classes by name: every lock spin_lock_init()ed
 * with one name is one class, and the order is recorded per pair of
 * classes, the first time it is seen.
 *
 * The core below works on plain structures so the host tests can drive
 * it; the kernel keeps one graph and one held-lock stack per CPU.
 */
#ifndef FAULTLINE_LOCKCHECK_H
#define FAULTLINE_LOCKCHECK_H

#include <types.h>

#define LOCKCHECK_MAX_CLASSES	32
#define LOCKCHECK_MAX_HELD	16
#define LOCKCHECK_STACK_DEPTH	5

/* Where something happened: return addresses, innermost first. */
struct lockcheck_site {
	unsigned long ret[LOCKCHECK_STACK_DEPTH];
	int depth;
};

/* Every class seen, and which classes were taken while which were held:
 * bit b of after[a] says "b was taken while a was held", first seen at
 * edge_site[a][b]. */
struct lockcheck_graph {
	const char *name[LOCKCHECK_MAX_CLASSES];
	int nr_classes;
	u32 after[LOCKCHECK_MAX_CLASSES];
	struct lockcheck_site edge_site[LOCKCHECK_MAX_CLASSES]
				       [LOCKCHECK_MAX_CLASSES];
};

/* The locks one CPU holds, in the order it took them. */
struct lockcheck_held {
	int nr;
	int class_id[LOCKCHECK_MAX_HELD];
	struct lockcheck_site site[LOCKCHECK_MAX_HELD];
};

enum lockcheck_verdict {
	LOCKCHECK_OK,
	LOCKCHECK_RECURSIVE,		/* taking a lock already held */
	LOCKCHECK_INVERSION,		/* the other order was seen before */
	LOCKCHECK_SLEEP_HOLDING,	/* sleeping with a spinlock held */
	LOCKCHECK_BKL_UNDER_SPINLOCK,	/* waiting for the BKL holding one */
	LOCKCHECK_RELEASE_UNHELD,	/* releasing a lock not held */
	LOCKCHECK_TOO_MANY,		/* the checker's tables are full */
};

/* What went wrong, for the report. */
struct lockcheck_report {
	enum lockcheck_verdict verdict;
	int held_class;			/* the lock already held */
	int new_class;			/* the lock being taken */
	struct lockcheck_site held_site;	/* where held_class was taken,
					 * or where the other order began */
	/* INVERSION: the chain new_class -> ... -> held_class seen before */
	int chain[LOCKCHECK_MAX_CLASSES];
	int chain_len;
};

/* The class for name (added if new); -1 if the table is full. */
int lockcheck_class(struct lockcheck_graph *g, const char *name);
/* cls is being taken (before spinning, or after a successful trylock,
 * which adds no order: a trylock cannot wait). OK records it. */
enum lockcheck_verdict lockcheck_acquire(struct lockcheck_graph *g,
					 struct lockcheck_held *h, int cls,
					 bool trylock,
					 const struct lockcheck_site *here,
					 struct lockcheck_report *r);
enum lockcheck_verdict lockcheck_release(struct lockcheck_held *h, int cls);
/* The task is about to sleep. */
enum lockcheck_verdict lockcheck_sleep(const struct lockcheck_held *h,
				       struct lockcheck_report *r);

/* The CPU is about to wait for the big kernel lock. */
enum lockcheck_verdict lockcheck_bkl(const struct lockcheck_held *h,
				     struct lockcheck_report *r);

#ifdef CONFIG_LOCK_CHECKER
/* schedule() calls this: an oops if current may not sleep. */
void lockcheck_might_sleep(void);
/* bkl_lock() calls this before it waits: an oops if a spinlock is held. */
void lockcheck_bkl_acquire(void);
/* How many spinlocks this CPU holds, counting those an oops the checker
 * reported abandoned; -1 if not known (no checker). */
int lockcheck_nr_held(void);
/* That oops killed its task: the locks it abandoned are forgotten. */
void lockcheck_oops_killed(void);
#else
static inline void lockcheck_might_sleep(void) { }
static inline void lockcheck_bkl_acquire(void) { }
static inline int lockcheck_nr_held(void) { return -1; }
static inline void lockcheck_oops_killed(void) { }
#endif

#endif
