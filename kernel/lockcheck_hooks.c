/*
 * The lock checker in the running kernel (include/lockcheck.h): one order
 * graph for all CPUs, one held-lock stack per CPU, fed by every spinlock
 * operation and by schedule(); a bad verdict becomes a report naming the
 * locks, with where each was taken, and an oops (bug()).
 */
#ifdef CONFIG_LOCK_CHECKER
#include <lockcheck.h>
#include <spinlock.h>
#include <smp.h>
#include <irq.h>
#include <oops.h>
#include <printk.h>
#include <arch.h>

static struct lockcheck_graph graph;
/* Guards graph; a raw lock, so the checker does not check itself. */
static spinlock_t graph_lock = SPINLOCK_INIT(graph_lock);
static struct lockcheck_held held[NR_CPUS];
/* Locks held when a report oopsed, which the oops abandons: held[] is
 * cleared for the next task, but whether the oops may kill depends on
 * them (kernel/oops.c). */
static int abandoned[NR_CPUS];

static void here(struct lockcheck_site *s)
{
	s->depth = backtrace_collect(arch_current_frame(), s->ret,
				     LOCKCHECK_STACK_DEPTH);
}

static const char *class_name(int cls)
{
	return cls >= 0 && cls < graph.nr_classes ? graph.name[cls] : "?";
}

static void show_site(const char *what, const struct lockcheck_site *s)
{
	printk("%s\n", what);
	show_return_addresses(s->ret, s->depth);
}

static void __noreturn report(const struct lockcheck_report *r,
			      const struct lockcheck_site *now)
{
	static char cause[128];
	const char *held_name = class_name(r->held_class);
	const char *new_name = class_name(r->new_class);
	int i;

	printk("\nlock checker: cpu%u: ", smp_processor_id());
	switch (r->verdict) {
	case LOCKCHECK_RECURSIVE:
		snprintf(cause, sizeof(cause), "recursive locking of %s",
			 new_name);
		printk("taking %s, which this CPU already holds\n", new_name);
		show_site("  it was taken at:", &r->held_site);
		break;
	case LOCKCHECK_INVERSION:
		snprintf(cause, sizeof(cause),
			 "lock order inversion between %s and %s", held_name,
			 new_name);
		printk("taking %s while holding %s; the other order was seen before:",
		       new_name, held_name);
		for (i = 0; i < r->chain_len; i++)
			printk(" %s%s", class_name(r->chain[i]),
			       i + 1 < r->chain_len ? " ->" : "\n");
		show_site("  that order began at:", &r->held_site);
		break;
	case LOCKCHECK_SLEEP_HOLDING:
		snprintf(cause, sizeof(cause), "sleeping while holding %s",
			 held_name);
		printk("sleeping while holding %s\n", held_name);
		show_site("  it was taken at:", &r->held_site);
		break;
	case LOCKCHECK_BKL_UNDER_SPINLOCK:
		snprintf(cause, sizeof(cause),
			 "taking the big kernel lock while holding %s",
			 held_name);
		printk("%s (the BKL's holder may be waiting for it)\n",
		       cause);
		show_site("  it was taken at:", &r->held_site);
		break;
	default:
		snprintf(cause, sizeof(cause), "lock checker: %s",
			 r->verdict == LOCKCHECK_RELEASE_UNHELD ?
			 "releasing a lock this CPU does not hold" :
			 "too many locks or classes");
		printk("%s (%s)\n", cause, new_name);
		break;
	}
	show_site("  now at:", now);
	/* The oops ends this context: what it held is not released, but the
	 * checker must not blame the next task on this CPU for it. */
	abandoned[smp_processor_id()] = held[smp_processor_id()].nr;
	held[smp_processor_id()].nr = 0;
	bug(cause);
}

static int class_of(spinlock_t *l)
{
	if (!l->class_id) {
		int cls = lockcheck_class(&graph, l->name ? l->name : "(unnamed)");

		l->class_id = cls + 1;	/* 0 stays "not looked up yet" */
	}
	return l->class_id - 1;
}

void lockcheck_spin_acquire(spinlock_t *l, bool trylock)
{
	unsigned long flags = arch_irq_save();
	struct lockcheck_report r;
	struct lockcheck_site now;
	enum lockcheck_verdict v;
	struct lockcheck_held *h = &held[smp_processor_id()];
	/* The graph is read or written only to look up a new class or to
	 * check and record an order; a lock taken with none held, the
	 * common case, does neither and needs no global lock. */
	bool graph_needed = !l->class_id || (h->nr && !trylock);

	here(&now);
	if (graph_needed)
		raw_spin_lock(&graph_lock);
	v = lockcheck_acquire(&graph, h, class_of(l), trylock, &now, &r);
	if (graph_needed)
		raw_spin_unlock(&graph_lock);
	if (v != LOCKCHECK_OK)
		report(&r, &now);
	arch_irq_restore(flags);
}

void lockcheck_spin_release(spinlock_t *l)
{
	unsigned long flags = arch_irq_save();
	struct lockcheck_report r = { .verdict = LOCKCHECK_RELEASE_UNHELD };
	struct lockcheck_site now;

	r.new_class = l->class_id - 1;
	if (lockcheck_release(&held[smp_processor_id()], l->class_id - 1)) {
		here(&now);
		report(&r, &now);
	}
	arch_irq_restore(flags);
}

void lockcheck_might_sleep(void)
{
	struct lockcheck_report r;
	struct lockcheck_site now;

	if (in_interrupt()) {
		static char cause[] = "sleeping in an interrupt handler";

		printk("\nlock checker: cpu%u: %s\n", smp_processor_id(),
		       cause);
		bug(cause);
	}
	if (lockcheck_sleep(&held[smp_processor_id()], &r) != LOCKCHECK_OK) {
		here(&now);
		report(&r, &now);
	}
}
int lockcheck_nr_held(void)
{
	unsigned int cpu = smp_processor_id();

	return held[cpu].nr + abandoned[cpu];
}

void lockcheck_oops_killed(void)
{
	abandoned[smp_processor_id()] = 0;
}

void lockcheck_bkl_acquire(void)
{
	struct lockcheck_report r;
	struct lockcheck_site now;

	if (lockcheck_bkl(&held[smp_processor_id()], &r) != LOCKCHECK_OK) {
		here(&now);
		report(&r, &now);
	}
}
#endif
