/* Self-test: kernel stacks in the vmap area (mm/vmap.c): mapped page by
 * page with an unmapped guard below, visible in user address spaces, and
 * gone without a trace when tasks come and go. */
#include <selftest.h>
#include <kernel_map.h>
#include <sched.h>
#include <mm.h>
#include <fault.h>
#include <page.h>
#include <string.h>

#define STACK_PAGES (KSTACK_SIZE / PAGE_SIZE)

static bool mapped(pte_t *root, unsigned long va, phys_addr_t *pa,
		   unsigned int *prot)
{
	return pgtable_translate(root, va, pa, prot);
}

static void stack_mapped_above_unmapped_guard(struct ktap_case_state *t)
{
	unsigned long free_before = nr_free_pages();
	unsigned long live_before = kstack_nr_allocated();
	unsigned long va, i;
	phys_addr_t pa[STACK_PAGES];
	char *stack = kstack_alloc();

	REQUIRE(t, stack);
	va = (unsigned long)stack;
	EXPECT(t, IS_ALIGNED(va, KSTACK_ALIGN));
	EXPECT(t, va >= VMAP_BASE && va + KSTACK_SIZE <= VMAP_BASE + VMAP_SIZE);
	EXPECT_EQ(t, kstack_nr_allocated(), live_before + 1);
	for (i = 0; i < STACK_PAGES; i++) {
		unsigned int prot = 0;

		EXPECT(t, mapped(kernel_pgtable, va + i * PAGE_SIZE, &pa[i],
				 &prot));
		EXPECT(t, (prot & PGPROT_WRITE) && !(prot & PGPROT_EXEC));
		EXPECT(t, !(prot & PGPROT_USER));
	}
	/* Every page of the gap below is unmapped, and is the guard. */
	for (i = 1; i <= KSTACK_SIZE / PAGE_SIZE; i++)
		EXPECT(t, !mapped(kernel_pgtable, va - i * PAGE_SIZE, NULL,
				  NULL));
	EXPECT(t, kstack_guard_hit(va - 1));
	EXPECT(t, kstack_guard_hit(va - KSTACK_SIZE));
	EXPECT(t, !kstack_guard_hit(va));
	EXPECT(t, !kstack_guard_hit(va + KSTACK_SIZE - 1));

	/* The mapping is the pages: what goes in through the stack address
	 * comes out through the direct map. */
	memset(stack, 0x5a, KSTACK_SIZE);
	for (i = 0; i < STACK_PAGES; i++) {
		const unsigned char *d = __va(pa[i]);

		EXPECT_EQ(t, d[0], 0x5a);
		EXPECT_EQ(t, d[PAGE_SIZE - 1], 0x5a);
	}

	kstack_free(stack);
	for (i = 0; i < STACK_PAGES; i++)
		EXPECT(t, !mapped(kernel_pgtable, va + i * PAGE_SIZE, NULL,
				  NULL));
	EXPECT(t, !kstack_guard_hit(va - 1));
	EXPECT_EQ(t, kstack_nr_allocated(), live_before);
	EXPECT_EQ(t, nr_free_pages(), free_before);
}

static void stacks_never_touch(struct ktap_case_state *t)
{
	char *s[3];
	int i, j;

	for (i = 0; i < 3; i++)
		s[i] = kstack_alloc();
	REQUIRE(t, s[0] && s[1] && s[2]);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++) {
			long d = s[i] - s[j];

			if (i == j)
				continue;
			/* A whole guard between any two. */
			EXPECT(t, d >= (long)KSTACK_ALIGN ||
				  -d >= (long)KSTACK_ALIGN);
		}
	for (i = 0; i < 3; i++)
		kstack_free(s[i]);
}

/*
 * x86_64 and riscv64 user roots carry copies of the kernel's root entries
 * taken when they are made: a stack mapped after a user address space was
 * created must still be there when that address space is live. (arm64
 * has the kernel in TTBR1 and no copies: there it is trivially so.)
 */
static void stack_visible_in_older_user_mm(struct ktap_case_state *t)
{
	struct mm_struct *mm = mm_create(TASK_SIZE);
	unsigned long top = PT_LEVEL_SIZE(PT_LEVELS - 1), va;
	phys_addr_t kpa, upa;
	char *stack;

	REQUIRE(t, mm);
	/* The root entries over the area exist from boot on, stacks or not:
	 * only those get copied. */
	for (va = ALIGN_DOWN(VMAP_BASE, top); va < VMAP_BASE + VMAP_SIZE;
	     va += top)
		EXPECT(t, arch_pte_valid(kernel_pgtable[(va / top) %
							 PT_ENTRIES]));
	stack = kstack_alloc();
	if (!stack) {
		mm_destroy(mm);
		REQUIRE(t, stack);
	}
	EXPECT(t, mapped(kernel_pgtable, (unsigned long)stack, &kpa, NULL));
	if (mapped(mm->pgd, (unsigned long)__text_start, NULL, NULL)) {
		EXPECT(t, mapped(mm->pgd, (unsigned long)stack, &upa, NULL));
		EXPECT_EQ(t, upa, kpa);
		EXPECT(t, !mapped(mm->pgd, (unsigned long)stack - 1, NULL,
				  NULL));
	}
	/* And touched for real, with that address space loaded. */
	switch_mm(mm);
	WRITE_ONCE(stack[KSTACK_SIZE - 1], 1);
	EXPECT_EQ(t, READ_ONCE(stack[KSTACK_SIZE - 1]), 1);
	switch_mm(NULL);
	kstack_free(stack);
	mm_destroy(mm);
}

static struct wait_queue cycle_wq = WAIT_QUEUE_INIT(cycle_wq);
static volatile int cycles_done, sp_outside;

/* Each thread checks that it really runs on its vmap stack. */
static int stack_checker(void *arg)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	unsigned long lo = (unsigned long)current->kstack;

	(void)arg;
	if (sp < lo || sp >= lo + KSTACK_SIZE || lo < VMAP_BASE ||
	    lo >= VMAP_BASE + VMAP_SIZE)
		sp_outside++;
	cycles_done++;
	wake_up(&cycle_wq);
	return 0;
}

/* Let the threads that exited leave the CPU for good and be freed. */
static void settle(unsigned long live)
{
	int i;

	for (i = 0; i < 100 && kstack_nr_allocated() != live; i++)
		schedule();
}

#define CYCLES 100

static void task_cycles_leave_nothing(struct ktap_case_state *t)
{
	unsigned long free_before, tables_before, live_before;
	int i;

	/* One round first: caches that tasks use fill up once. */
	cycles_done = 0;
	sp_outside = 0;
	live_before = kstack_nr_allocated();
	REQUIRE(t, kthread_create("kstack", stack_checker, NULL));
	wait_event(cycle_wq, cycles_done == 1);
	settle(live_before);

	free_before = nr_free_pages();
	tables_before = pgtable_nr_table_pages();
	for (i = 0; i < CYCLES; i++) {
		REQUIRE(t, kthread_create("kstack", stack_checker, NULL));
		wait_event(cycle_wq, cycles_done == i + 2);
		settle(live_before);
	}
	EXPECT_EQ(t, sp_outside, 0);
	EXPECT_EQ(t, kstack_nr_allocated(), live_before);
	EXPECT_EQ(t, pgtable_nr_table_pages(), tables_before);
	EXPECT_EQ(t, nr_free_pages(), free_before);
}

/* Many at once, then all gone: the tables under the area go too. */
static void many_live_stacks_then_none(struct ktap_case_state *t)
{
	enum { N = 80 };	/* more than one 2 MiB table's worth */
	static char *s[N];
	unsigned long free_before = nr_free_pages();
	unsigned long tables_before = pgtable_nr_table_pages();
	int i, n;

	for (n = 0; n < N; n++) {
		s[n] = kstack_alloc();
		if (!s[n])
			break;
		s[n][0] = (char)n;
	}
	EXPECT_EQ(t, n, N);
	for (i = 0; i < n; i++)
		EXPECT_EQ(t, s[i][0], (char)i);
	for (i = 0; i < n; i++)
		kstack_free(s[i]);
	EXPECT_EQ(t, pgtable_nr_table_pages(), tables_before);
	EXPECT_EQ(t, nr_free_pages(), free_before);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(stack_mapped_above_unmapped_guard),
	KTAP_CASE(stacks_never_touch),
	KTAP_CASE(stack_visible_in_older_user_mm),
	KTAP_CASE(task_cycles_leave_nothing),
	KTAP_CASE(many_live_stacks_then_none),
};

KTAP_SUITE(vmap_suite, "vmap", cases);
