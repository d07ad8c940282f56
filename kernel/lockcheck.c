/*
 * The lock checker's rules (include/lockcheck.h): the class table, the
 * order graph between classes and one CPU's held-lock stack. Plain data
 * in, a verdict out; kernel/lockcheck_hooks.c feeds it from the spinlocks
 * and turns a verdict into an oops, the host tests feed it by hand.
 */
#include <lockcheck.h>
#include <string.h>

int lockcheck_class(struct lockcheck_graph *g, const char *name)
{
	int i;

	for (i = 0; i < g->nr_classes; i++)
		if (g->name[i] == name || !strcmp(g->name[i], name))
			return i;
	if (g->nr_classes == LOCKCHECK_MAX_CLASSES)
		return -1;
	g->name[g->nr_classes] = name;
	return g->nr_classes++;
}

/*
 * Is there a chain from -> ... -> to in the graph? Breadth first over the
 * bitmaps; on success chain[] holds it, from first.
 */
static bool find_chain(const struct lockcheck_graph *g, int from, int to,
		       int *chain, int *len)
{
	int parent[LOCKCHECK_MAX_CLASSES], queue[LOCKCHECK_MAX_CLASSES];
	int head = 0, tail = 0, i, n;
	u32 seen = 1U << from;

	queue[tail++] = from;
	parent[from] = -1;
	while (head < tail) {
		int c = queue[head++];

		for (i = 0; i < g->nr_classes; i++) {
			if (!(g->after[c] & (1U << i)) || (seen & (1U << i)))
				continue;
			seen |= 1U << i;
			parent[i] = c;
			if (i == to)
				goto found;
			queue[tail++] = i;
		}
	}
	return false;
found:
	/* Walk back from `to`, then reverse into chain[]. */
	n = 0;
	for (i = to; i != -1; i = parent[i])
		queue[n++] = i;
	for (i = 0; i < n; i++)
		chain[i] = queue[n - 1 - i];
	*len = n;
	return true;
}

enum lockcheck_verdict lockcheck_acquire(struct lockcheck_graph *g,
					 struct lockcheck_held *h, int cls,
					 bool trylock,
					 const struct lockcheck_site *here,
					 struct lockcheck_report *r)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->new_class = cls;
	if (cls < 0 || h->nr == LOCKCHECK_MAX_HELD)
		return r->verdict = LOCKCHECK_TOO_MANY;
	for (i = 0; i < h->nr && !trylock; i++) {
		int held = h->class_id[i];

		if (held == cls) {
			r->held_class = held;
			r->held_site = h->site[i];
			return r->verdict = LOCKCHECK_RECURSIVE;
		}
		if (g->after[held] & (1U << cls))
			continue;	/* this order is known and fine */
		if (find_chain(g, cls, held, r->chain, &r->chain_len)) {
			r->held_class = held;
			/* Where the other order began: its first edge. */
			r->held_site = g->edge_site[r->chain[0]][r->chain[1]];
			return r->verdict = LOCKCHECK_INVERSION;
		}
	}
	/* Only now record: a report leaves the graph as it was. */
	for (i = 0; i < h->nr && !trylock; i++) {
		int held = h->class_id[i];

		if (!(g->after[held] & (1U << cls))) {
			g->after[held] |= 1U << cls;
			g->edge_site[held][cls] = *here;
		}
	}
	h->class_id[h->nr] = cls;
	h->site[h->nr] = *here;
	h->nr++;
	return r->verdict = LOCKCHECK_OK;
}

enum lockcheck_verdict lockcheck_release(struct lockcheck_held *h, int cls)
{
	int i;

	/* Usually the innermost, but locks may be released in any order. */
	for (i = h->nr - 1; i >= 0; i--) {
		if (h->class_id[i] != cls)
			continue;
		for (; i < h->nr - 1; i++) {
			h->class_id[i] = h->class_id[i + 1];
			h->site[i] = h->site[i + 1];
		}
		h->nr--;
		return LOCKCHECK_OK;
	}
	return LOCKCHECK_RELEASE_UNHELD;
}

/* Nothing may be held: the report names the innermost lock that is. */
static enum lockcheck_verdict must_hold_none(const struct lockcheck_held *h,
					     enum lockcheck_verdict bad,
					     struct lockcheck_report *r)
{
	memset(r, 0, sizeof(*r));
	if (!h->nr)
		return r->verdict = LOCKCHECK_OK;
	r->held_class = h->class_id[h->nr - 1];
	r->held_site = h->site[h->nr - 1];
	return r->verdict = bad;
}

enum lockcheck_verdict lockcheck_sleep(const struct lockcheck_held *h,
				       struct lockcheck_report *r)
{
	return must_hold_none(h, LOCKCHECK_SLEEP_HOLDING, r);
}

enum lockcheck_verdict lockcheck_bkl(const struct lockcheck_held *h,
				     struct lockcheck_report *r)
{
	return must_hold_none(h, LOCKCHECK_BKL_UNDER_SPINLOCK, r);
}
