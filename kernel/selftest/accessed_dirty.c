/*
 * Self-test: accessed and dirty bits on the real MMU. Map a user page,
 * touch it through the uaccess helpers, read its young/dirty state from
 * the page table, clear it as page aging or writeback would, touch it
 * again and check the state is back: set by the MMU (x86_64, arm64 with
 * TCR_EL1.HA/HD, QEMU's riscv64) or by the fault path (arm64 without),
 * as the fault counters show and arch_ad_update_*() predicts.
 */
#include <selftest.h>
#include <mm.h>
#include <fault.h>
#include <uaccess.h>
#include <irq.h>
#include <printk.h>
#include <string.h>
#include <uapi/mman.h>

#define UBASE 0x10000000UL	/* 256 MiB: user space on every arch */
#define YD (PAGE_AD_MAPPED | PAGE_AD_YOUNG | PAGE_AD_DIRTY)
#define Y (PAGE_AD_MAPPED | PAGE_AD_YOUNG)

static const char *const by_name[] = {
	[AD_BY_HARDWARE] = "the MMU", [AD_BY_FAULT] = "a fault",
	[AD_BY_EITHER] = "the MMU or a fault",
};

static struct mm_struct *enter_mm(struct ktap_case_state *t, long prot_flags)
{
	struct mm_struct *mm = mm_create(TASK_SIZE);

	if (!mm) {
		ktap_fail(t, __FILE__, __LINE__, "mm_create failed");
		return NULL;
	}
	switch_mm(mm);
	if (do_mmap(mm, UBASE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    prot_flags | MAP_ANONYMOUS | MAP_FIXED, 0) != (long)UBASE) {
		ktap_fail(t, __FILE__, __LINE__, "mmap failed");
		switch_mm(NULL);
		mm_destroy(mm);
		return NULL;
	}
	return mm;
}

static void leave_mm(struct mm_struct *mm)
{
	switch_mm(NULL);
	mm_destroy(mm);
}

static unsigned long clear_ad(struct mm_struct *mm, unsigned int which)
{
	unsigned long n;

	down_write(&mm->mmap_lock);
	n = mm_clear_ad(mm, UBASE, UBASE + PAGE_SIZE, which);
	up_write(&mm->mmap_lock);
	return n;
}

/*
 * The bit came back after one access that took 'faults' young (or dirty)
 * faults: exactly what the arch said it would do? Prints which it was.
 */
static void check_how(struct ktap_case_state *t, const char *bit,
		      enum ad_update expected, unsigned long faults, int line)
{
	enum ad_update seen = faults ? AD_BY_FAULT : AD_BY_HARDWARE;

	printk("# %s bit set again by %s (%lu fault%s; arch says %s)\n", bit,
	       by_name[seen], faults, faults == 1 ? "" : "s", by_name[expected]);
	if (faults > 1 || (expected != AD_BY_EITHER && expected != seen))
		ktap_fail(t, __FILE__, line, "%s bit: %lu faults, expected %s",
			  bit, faults, by_name[expected]);
}

static void young_again_after_aging(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_mm(t, MAP_PRIVATE);
	unsigned long before;
	u64 v = 0x5a5a;

	if (!mm)
		return;
	EXPECT_EQ(t, put_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);	/* made by a write */
	EXPECT_EQ(t, clear_ad(mm, PAGE_AD_YOUNG), 1);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), PAGE_AD_MAPPED | PAGE_AD_DIRTY);
	before = mm->counters.young_faults;
	v = 0;
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, v, 0x5a5a);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);
	check_how(t, "accessed", arch_ad_update_young(),
		  mm->counters.young_faults - before, __LINE__);
	EXPECT_EQ(t, mm->counters.dirty_faults, 0);
	leave_mm(mm);
}

static void dirty_again_after_cleaning(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_mm(t, MAP_SHARED);
	unsigned long before;
	u64 v = 0;

	if (!mm)
		return;
	/* A read maps the shared page writable but clean. */
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), Y);
	before = mm->counters.dirty_faults;
	EXPECT_EQ(t, put_user(0x1234, (u64 *)UBASE), 0);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);
	check_how(t, "dirty", arch_ad_update_dirty(),
		  mm->counters.dirty_faults - before, __LINE__);

	/* Writeback cleans it: reads keep it clean, a write dirties it. */
	EXPECT_EQ(t, clear_ad(mm, PAGE_AD_DIRTY), 1);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), Y);
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, v, 0x1234);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), Y);
	before = mm->counters.dirty_faults;
	EXPECT_EQ(t, put_user(0x4321, (u64 *)UBASE), 0);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);
	check_how(t, "dirty", arch_ad_update_dirty(),
		  mm->counters.dirty_faults - before, __LINE__);
	EXPECT_EQ(t, mm->counters.young_faults, 0);
	leave_mm(mm);
}

/* Old and clean: one write sets both, with at most one fault. */
static void write_to_old_clean_page(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_mm(t, MAP_SHARED);
	unsigned long results;
	u64 v = 0;

	if (!mm)
		return;
	EXPECT_EQ(t, put_user(0x77, (u64 *)UBASE), 0);
	EXPECT_EQ(t, clear_ad(mm, PAGE_AD_YOUNG | PAGE_AD_DIRTY), 1);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), PAGE_AD_MAPPED);
	results = mm->counters.results[FAULT_DONE];
	EXPECT_EQ(t, put_user(0x78, (u64 *)UBASE), 0);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);
	EXPECT(t, mm->counters.results[FAULT_DONE] - results <= 1);
	check_how(t, "accessed", arch_ad_update_young(),
		  mm->counters.young_faults, __LINE__);
	check_how(t, "dirty", arch_ad_update_dirty(),
		  mm->counters.dirty_faults, __LINE__);
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, v, 0x78);
	leave_mm(mm);
}

/*
 * The fault a hart without A/D updates takes (Svade; QEMU's riscv64 never
 * does), handed to generic_fault() as the front end would hand it, on the
 * arch's real page-table encoding: every arch runs the software path.
 */
static void software_path_on_real_tables(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_mm(t, MAP_SHARED);
	struct pt_regs regs;
	struct fault_result r;
	irqflags_t irqs;
	u64 v = 0;

	if (!mm)
		return;
	memset(&regs, 0, sizeof(regs));
	EXPECT_EQ(t, put_user(0xabcd, (u64 *)UBASE), 0);
	EXPECT_EQ(t, clear_ad(mm, PAGE_AD_YOUNG | PAGE_AD_DIRTY), 1);
	/* regs only feed generic_fault's interrupt bookkeeping here. */
	irqs = local_irq_save();
	r = generic_fault(UBASE + 8, 0, VM_ACCESS_FLAGS, &regs);
	local_irq_restore(irqs);
	EXPECT_EQ(t, r.action, FAULT_DONE);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), Y);
	EXPECT_EQ(t, mm->counters.young_faults, 1);
	irqs = local_irq_save();
	r = generic_fault(UBASE + 8, FAULT_FLAG_WRITE, VM_WRITE, &regs);
	local_irq_restore(irqs);
	EXPECT_EQ(t, r.action, FAULT_DONE);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);
	EXPECT_EQ(t, mm->counters.dirty_faults, 1);
	EXPECT_EQ(t, mm->counters.young_faults, 1);
	/* The entry still maps the same page, writable. */
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, v, 0xabcd);
	EXPECT_EQ(t, put_user(0xdcba, (u64 *)UBASE), 0);
	EXPECT_EQ(t, mm->counters.cow_copies + mm->counters.cow_reuses, 0);
	leave_mm(mm);
}

/* fork: the child's entries start old; the parent keeps its state. */
static void fork_child_starts_old(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_mm(t, MAP_PRIVATE), *child;
	u64 v = 0;

	if (!mm)
		return;
	EXPECT_EQ(t, put_user(0x99, (u64 *)UBASE), 0);
	child = mm_duplicate(mm);
	REQUIRE(t, child);
	EXPECT_EQ(t, mm_page_ad(mm, UBASE), YD);
	EXPECT_EQ(t, mm_page_ad(child, UBASE), PAGE_AD_MAPPED | PAGE_AD_DIRTY);
	switch_mm(child);
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, v, 0x99);
	EXPECT_EQ(t, mm_page_ad(child, UBASE), YD);
	check_how(t, "accessed", arch_ad_update_young(),
		  child->counters.young_faults, __LINE__);
	switch_mm(mm);
	mm_destroy(child);
	leave_mm(mm);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(young_again_after_aging),
	KTAP_CASE(dirty_again_after_cleaning),
	KTAP_CASE(write_to_old_clean_page),
	KTAP_CASE(software_path_on_real_tables),
	KTAP_CASE(fork_child_starts_old),
};
KTAP_SUITE(accessed_dirty_suite, "accessed_dirty", cases);
