/*
 * Self-test: several CPUs. Every CPU the firmware describes comes up,
 * calls run on the CPU they name, a spinlock keeps a counter exact while
 * every CPU hammers it at once, a kernel mapping changed on one CPU is
 * seen changed on all (TLB shootdown), and a task pinned to a CPU runs
 * there. Cases that need a second CPU are skipped on one.
 */
#include <selftest.h>
#include <smp.h>
#include <sched.h>
#include <spinlock.h>
#include <kernel_map.h>
#include <tlbflush.h>
#include <page.h>
#include <string.h>

static bool need_two_cpus(struct ktap_case_state *t)
{
	if (nr_cpus_online > 1)
		return true;
	ktap_skip(t, "one CPU online");
	return false;
}

static void every_described_cpu_is_online(struct ktap_case_state *t)
{
	unsigned int i, j;

	EXPECT_EQ(t, nr_cpus_online, nr_cpus_possible);
	for (i = 0; i < nr_cpus_possible; i++) {
		EXPECT(t, cpus[i].online);
		EXPECT(t, cpus[i].idle != NULL);
		EXPECT_EQ(t, cpus[i].id, i);
		for (j = 0; j < i; j++)
			EXPECT(t, cpus[i].hwid != cpus[j].hwid);
	}
	EXPECT(t, this_cpu() == &cpus[0]);
}

struct where {
	unsigned int id;
	unsigned long hwid;
	struct cpu *self;
};

static void record_where(void *arg)
{
	struct where *w = arg;

	w->id = smp_processor_id();
	w->hwid = this_cpu()->hwid;
	w->self = this_cpu();
}

static void call_runs_on_the_named_cpu(struct ktap_case_state *t)
{
	struct cpu *c;

	if (!need_two_cpus(t))
		return;
	for_each_online_cpu(c) {
		struct where w = { ~0U, 0, NULL };

		smp_call_on_cpu(c, record_where, &w);
		EXPECT_EQ(t, w.id, c->id);
		EXPECT_EQ(t, w.hwid, c->hwid);
		EXPECT(t, w.self == c);
	}
}

/* Every CPU adds to one plain counter under one spinlock at once. */
#define HAMMER_ROUNDS 2000
static DEFINE_SPINLOCK(hammer_lock);
static unsigned long hammer_count;
static int hammer_go;
static atomic_t hammer_finished;

static void hammer(void *unused)
{
	int i;

	(void)unused;
	while (!load_acquire(&hammer_go))
		arch_cpu_relax();
	for (i = 0; i < HAMMER_ROUNDS; i++) {
		unsigned long v;

		spin_lock(&hammer_lock);
		/* A read, a pause and a write: without the lock, another
		 * CPU's increment in between is lost. */
		v = READ_ONCE(hammer_count);
		arch_cpu_relax();
		WRITE_ONCE(hammer_count, v + 1);
		spin_unlock(&hammer_lock);
	}
	atomic_inc(&hammer_finished);
}

static void spinlock_keeps_a_counter_exact(struct ktap_case_state *t)
{
	struct cpu *c, *me = this_cpu();
	unsigned long flags;

	if (!need_two_cpus(t))
		return;
	hammer_count = 0;
	store_release(&hammer_go, 0);
	atomic_set(&hammer_finished, 0);
	for_each_online_cpu(c)
		if (c != me)
			smp_call_on_cpu_nowait(c, hammer, NULL);
	flags = arch_irq_save();
	store_release(&hammer_go, 1);
	hammer(NULL);
	while (atomic_read(&hammer_finished) < (int)nr_cpus_online)
		arch_cpu_relax();
	arch_irq_restore(flags);
	EXPECT_EQ(t, hammer_count, (unsigned long)HAMMER_ROUNDS * nr_cpus_online);
	EXPECT(t, !spin_is_locked(&hammer_lock));
}

static void read_first_byte(void *p)
{
	volatile unsigned char **where = p;

	*(volatile unsigned char *)where[1] = *where[0];
}

/* What cpu reads at va now (its TLB is used, and filled). */
static unsigned char read_on(struct cpu *c, unsigned char *va)
{
	unsigned char seen = 0;
	volatile unsigned char *args[2] = { va, &seen };

	smp_call_on_cpu(c, read_first_byte, args);
	return seen;
}

static void remap_is_seen_by_every_cpu(struct ktap_case_state *t)
{
	unsigned long prot = PGPROT_READ | PGPROT_WRITE | PGPROT_GLOBAL;
	unsigned char *va = kstack_alloc();
	unsigned char *fresh = get_zeroed_page();
	phys_addr_t old_pa;
	struct cpu *c;

	REQUIRE(t, va && fresh);
	if (!need_two_cpus(t))
		goto out;
	REQUIRE(t, pgtable_translate(kernel_pgtable, (unsigned long)va,
				     &old_pa, NULL));
	va[0] = 0xa1;
	fresh[0] = 0xb2;
	/* Every CPU reads through va once, so its TLB holds the old frame. */
	for_each_online_cpu(c)
		EXPECT_EQ(t, read_on(c, va), 0xa1);
	/* Point va at the fresh frame: unmapping flushes every CPU. */
	EXPECT_EQ(t, pgtable_unmap(kernel_pgtable, (unsigned long)va,
				   PAGE_SIZE), 1UL);
	EXPECT_EQ(t, pgtable_map(kernel_pgtable, (unsigned long)va,
				 __pa(fresh), PAGE_SIZE, prot), 0);
	for_each_online_cpu(c)
		EXPECT_EQ(t, read_on(c, va), 0xb2);
	/* And back, so the stack frees its own frame. */
	pgtable_unmap(kernel_pgtable, (unsigned long)va, PAGE_SIZE);
	EXPECT_EQ(t, pgtable_map(kernel_pgtable, (unsigned long)va, old_pa,
				 PAGE_SIZE, prot), 0);
	for_each_online_cpu(c)
		EXPECT_EQ(t, read_on(c, va), 0xa1);
out:
	if (fresh)
		free_page_va(fresh);
	if (va)
		kstack_free(va);
}

static struct wait_queue pinned_wq = WAIT_QUEUE_INIT(pinned_wq);
static int pinned_ran_on[NR_CPUS];
static int pinned_done;

static int pinned_thread(void *arg)
{
	unsigned long want = (unsigned long)arg;

	pinned_ran_on[want] = (int)smp_processor_id();
	/* Give the CPU up once: it must come back on the same one. */
	schedule();
	if (pinned_ran_on[want] != (int)smp_processor_id())
		pinned_ran_on[want] = -2;
	pinned_done++;
	wake_up(&pinned_wq);
	return 0;
}

static void pinned_task_runs_on_its_cpu(struct ktap_case_state *t)
{
	unsigned int i, n = nr_cpus_online;

	if (!need_two_cpus(t))
		return;
	pinned_done = 0;
	for (i = 0; i < n; i++) {
		struct task *k;

		pinned_ran_on[i] = -1;
		k = kthread_create("pinned", pinned_thread, (void *)(long)i);
		REQUIRE(t, k);
		/* Before this CPU lets go of the big kernel lock: nobody
		 * can have picked it up yet. */
		EXPECT_EQ(t, sched_set_affinity(k, 1UL << i), 0L);
	}
	wait_event(pinned_wq, pinned_done == (int)n);
	for (i = 0; i < n; i++)
		EXPECT_EQ(t, pinned_ran_on[i], (int)i);
	EXPECT_EQ(t, sched_set_affinity(current, 0), (long)-EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(every_described_cpu_is_online),
	KTAP_CASE(call_runs_on_the_named_cpu),
	KTAP_CASE(spinlock_keeps_a_counter_exact),
	KTAP_CASE(remap_is_seen_by_every_cpu),
	KTAP_CASE(pinned_task_runs_on_its_cpu),
};

KTAP_SUITE(smp_suite, "smp", cases);
