/* Host tests of the lock checker's rules (kernel/lockcheck.c): recursion,
 * a direct and a transitive order inversion with the sites reported,
 * trylocks adding no order, sleeping or waiting for the big kernel lock
 * with a lock held, release order. */
#include "host.h"
#include <lockcheck.h>
#include <string.h>

static struct lockcheck_graph g;
static struct lockcheck_held cpu_a, cpu_b;

static void reset(void)
{
	memset(&g, 0, sizeof(g));
	memset(&cpu_a, 0, sizeof(cpu_a));
	memset(&cpu_b, 0, sizeof(cpu_b));
}

/* A site that says which call made it. */
static struct lockcheck_site site(unsigned long tag)
{
	struct lockcheck_site s = { { tag, tag + 1 }, 2 };

	return s;
}

static enum lockcheck_verdict take(struct lockcheck_held *h, int cls,
				   unsigned long tag, struct lockcheck_report *r)
{
	struct lockcheck_site s = site(tag);

	return lockcheck_acquire(&g, h, cls, false, &s, r);
}

static void classes_by_name(struct ktap_case_state *t)
{
	char other[] = "alpha";

	reset();
	EXPECT_EQ(t, lockcheck_class(&g, "alpha"), 0);
	EXPECT_EQ(t, lockcheck_class(&g, "beta"), 1);
	/* The same name from another string is the same class. */
	EXPECT_EQ(t, lockcheck_class(&g, other), 0);
	EXPECT_EQ(t, g.nr_classes, 2);
}

static void recursion_is_caught_with_first_site(struct ktap_case_state *t)
{
	struct lockcheck_report r;
	int a;

	reset();
	a = lockcheck_class(&g, "a");
	EXPECT_EQ(t, take(&cpu_a, a, 100, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, take(&cpu_a, a, 200, &r), LOCKCHECK_RECURSIVE);
	EXPECT_EQ(t, r.new_class, a);
	EXPECT_EQ(t, r.held_site.ret[0], 100UL);
	/* Another CPU holding it is just contention. */
	EXPECT_EQ(t, take(&cpu_b, a, 300, &r), LOCKCHECK_OK);
}

static void direct_inversion_names_both(struct ktap_case_state *t)
{
	struct lockcheck_report r;
	int a, b;

	reset();
	a = lockcheck_class(&g, "a");
	b = lockcheck_class(&g, "b");
	EXPECT_EQ(t, take(&cpu_a, a, 10, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, take(&cpu_a, b, 20, &r), LOCKCHECK_OK);	/* a -> b */
	EXPECT_EQ(t, lockcheck_release(&cpu_a, b), LOCKCHECK_OK);
	EXPECT_EQ(t, lockcheck_release(&cpu_a, a), LOCKCHECK_OK);
	/* The same order again is fine, on either CPU. */
	EXPECT_EQ(t, take(&cpu_b, a, 30, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, take(&cpu_b, b, 40, &r), LOCKCHECK_OK);
	lockcheck_release(&cpu_b, b);
	lockcheck_release(&cpu_b, a);
	/* b then a: the cycle, on another CPU, even though it never
	 * actually deadlocked. */
	EXPECT_EQ(t, take(&cpu_b, b, 50, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, take(&cpu_b, a, 60, &r), LOCKCHECK_INVERSION);
	EXPECT_EQ(t, r.held_class, b);
	EXPECT_EQ(t, r.new_class, a);
	EXPECT_EQ(t, r.chain_len, 2);
	EXPECT_EQ(t, r.chain[0], a);
	EXPECT_EQ(t, r.chain[1], b);
	/* Where a -> b was first seen: the take of b at 20. */
	EXPECT_EQ(t, r.held_site.ret[0], 20UL);
	/* A report records nothing: b -> a is still unknown. */
	EXPECT(t, !(g.after[b] & (1U << a)));
	EXPECT_EQ(t, cpu_b.nr, 1);
}

static void transitive_inversion_shows_chain(struct ktap_case_state *t)
{
	struct lockcheck_report r;
	int a, b, c;

	reset();
	a = lockcheck_class(&g, "a");
	b = lockcheck_class(&g, "b");
	c = lockcheck_class(&g, "c");
	take(&cpu_a, a, 1, &r);
	take(&cpu_a, b, 2, &r);		/* a -> b */
	lockcheck_release(&cpu_a, a);
	take(&cpu_a, c, 3, &r);		/* b -> c (a released first) */
	lockcheck_release(&cpu_a, c);
	lockcheck_release(&cpu_a, b);
	EXPECT_EQ(t, cpu_a.nr, 0);
	EXPECT(t, !(g.after[a] & (1U << c)));
	/* c then a closes a -> b -> c -> a. */
	EXPECT_EQ(t, take(&cpu_b, c, 4, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, take(&cpu_b, a, 5, &r), LOCKCHECK_INVERSION);
	EXPECT_EQ(t, r.chain_len, 3);
	EXPECT_EQ(t, r.chain[0], a);
	EXPECT_EQ(t, r.chain[1], b);
	EXPECT_EQ(t, r.chain[2], c);
	EXPECT_EQ(t, r.held_class, c);
	EXPECT_EQ(t, r.held_site.ret[0], 2UL);
}

static void trylock_adds_no_order(struct ktap_case_state *t)
{
	struct lockcheck_report r;
	struct lockcheck_site s = site(7);
	int a, b;

	reset();
	a = lockcheck_class(&g, "a");
	b = lockcheck_class(&g, "b");
	take(&cpu_a, a, 1, &r);
	EXPECT_EQ(t, lockcheck_acquire(&g, &cpu_a, b, true, &s, &r),
		  LOCKCHECK_OK);
	EXPECT_EQ(t, cpu_a.nr, 2);
	EXPECT(t, !(g.after[a] & (1U << b)));
	lockcheck_release(&cpu_a, b);
	lockcheck_release(&cpu_a, a);
	take(&cpu_a, b, 2, &r);
	EXPECT_EQ(t, take(&cpu_a, a, 3, &r), LOCKCHECK_OK);
}

static void sleep_and_release_rules(struct ktap_case_state *t)
{
	struct lockcheck_report r;
	int a, b;

	reset();
	a = lockcheck_class(&g, "a");
	b = lockcheck_class(&g, "b");
	EXPECT_EQ(t, lockcheck_sleep(&cpu_a, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, lockcheck_bkl(&cpu_a, &r), LOCKCHECK_OK);
	take(&cpu_a, a, 1, &r);
	take(&cpu_a, b, 2, &r);
	EXPECT_EQ(t, lockcheck_sleep(&cpu_a, &r), LOCKCHECK_SLEEP_HOLDING);
	EXPECT_EQ(t, r.held_class, b);
	/* The big kernel lock is outermost: not under any spinlock. */
	EXPECT_EQ(t, lockcheck_bkl(&cpu_a, &r), LOCKCHECK_BKL_UNDER_SPINLOCK);
	EXPECT_EQ(t, r.held_class, b);
	/* Out of order release is allowed; releasing twice is not. */
	EXPECT_EQ(t, lockcheck_release(&cpu_a, a), LOCKCHECK_OK);
	EXPECT_EQ(t, lockcheck_release(&cpu_a, a), LOCKCHECK_RELEASE_UNHELD);
	EXPECT_EQ(t, cpu_a.class_id[0], b);
	EXPECT_EQ(t, lockcheck_release(&cpu_a, b), LOCKCHECK_OK);
	EXPECT_EQ(t, lockcheck_sleep(&cpu_a, &r), LOCKCHECK_OK);
}

static void tables_full_is_reported(struct ktap_case_state *t)
{
	static char names[LOCKCHECK_MAX_CLASSES + 1][8];
	struct lockcheck_report r;
	int i;

	reset();
	for (i = 0; i < LOCKCHECK_MAX_CLASSES; i++) {
		names[i][0] = 'L';
		names[i][1] = (char)('A' + i / 26);
		names[i][2] = (char)('a' + i % 26);
		EXPECT_EQ(t, lockcheck_class(&g, names[i]), i);
	}
	EXPECT_EQ(t, lockcheck_class(&g, "one too many"), -1);
	EXPECT_EQ(t, take(&cpu_a, -1, 1, &r), LOCKCHECK_TOO_MANY);
	for (i = 0; i < LOCKCHECK_MAX_HELD; i++)
		EXPECT_EQ(t, take(&cpu_a, i, 1, &r), LOCKCHECK_OK);
	EXPECT_EQ(t, take(&cpu_a, LOCKCHECK_MAX_HELD, 1, &r),
		  LOCKCHECK_TOO_MANY);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(classes_by_name),
	KTAP_CASE(recursion_is_caught_with_first_site),
	KTAP_CASE(direct_inversion_names_both),
	KTAP_CASE(transitive_inversion_shows_chain),
	KTAP_CASE(trylock_adds_no_order),
	KTAP_CASE(sleep_and_release_rules),
	KTAP_CASE(tables_full_is_reported),
};

KTAP_SUITE(host_lockcheck_suite, "host_lockcheck", cases);
