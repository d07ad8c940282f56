/*
 * Host tests of accessed/dirty tracking: handle_mm_fault's young/dirty path
 * on the fake arch, whose simulated MMU either faults for software to set
 * the bits (like arm64 without TCR_EL1.HA/HD or a Svade riscv64 hart) or
 * sets them itself (like x86_64), as fake_ad_by_hardware says. Directed
 * cases, then a randomized model of every page's young/dirty state.
 */
#include "host.h"
#include "host_mmu.h"
#include <mm.h>
#include <fault.h>
#include <uapi/mman.h>

bool fake_ad_by_hardware;

#define AD_TASK_SIZE (64UL << 20)

/* One access through the fake MMU, with a fault (and a retry) wherever it
 * would take one. Returns the number of faults it took, -1 if it failed. */
static int touch(struct mm_struct *mm, unsigned long addr, bool write, u8 *val)
{
	int faults;

	for (faults = 0; faults < 3; faults++) {
		struct pt_regs regs = { .user = true };

		if (host_mmu_access(mm, addr, write, val,
				    write ? PGPROT_WRITE : PGPROT_READ))
			return faults;
		if (generic_fault(addr, FAULT_FLAG_USER |
				  (write ? FAULT_FLAG_WRITE : 0),
				  write ? VM_WRITE : VM_ACCESS_FLAGS,
				  &regs).action != FAULT_DONE)
			return -1;
	}
	return -1;
}

static struct mm_struct *new_mm(void)
{
	struct mm_struct *mm = mm_create(AD_TASK_SIZE);

	set_current_mm(mm);
	return mm;
}

static void end_mm(struct mm_struct *mm)
{
	set_current_mm(NULL);
	mm_destroy(mm);
	fake_ad_by_hardware = false;
}

#define YD (PAGE_AD_MAPPED | PAGE_AD_YOUNG | PAGE_AD_DIRTY)
#define Y (PAGE_AD_MAPPED | PAGE_AD_YOUNG)

/* A page made by a fault is young (the fault was an access) and dirty only
 * if that access wrote: no second fault for the same access. */
static void faulted_pages_start_young(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_mm();
	long s = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, 0);
	long p = do_mmap(mm, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, 0);
	u8 v = 5;

	REQUIRE(t, s > 0 && p > 0);
	EXPECT_EQ(t, mm_page_ad(mm, s), 0);
	EXPECT_EQ(t, touch(mm, s, false, &v), 1);
	EXPECT_EQ(t, mm_page_ad(mm, s), Y);		/* shared: writable, clean */
	EXPECT_EQ(t, touch(mm, p, false, &v), 1);
	EXPECT_EQ(t, mm_page_ad(mm, p), Y);		/* the zero page */
	EXPECT_EQ(t, touch(mm, p + PAGE_SIZE, true, &v), 1);
	EXPECT_EQ(t, mm_page_ad(mm, p + PAGE_SIZE), YD);
	EXPECT_EQ(t, touch(mm, p, true, &v), 1);	/* copy of the zero page */
	EXPECT_EQ(t, mm_page_ad(mm, p), YD);
	EXPECT_EQ(t, mm->counters.young_faults, 0);
	EXPECT_EQ(t, mm->counters.dirty_faults, 0);
	end_mm(mm);
}

/* Software A/D: an old page faults once on the next access, a clean one
 * on the next write; the data stay, no page is allocated or copied. */
static void software_ad_faults_set_bits(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_mm();
	long s = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, 0);
	u8 v = 9;
	unsigned long rss, minor;

	REQUIRE(t, s > 0);
	EXPECT_EQ(t, touch(mm, s, true, &v), 1);
	rss = mm->rss;
	minor = mm->counters.minor;
	EXPECT_EQ(t, mm_clear_ad(mm, s, s + PAGE_SIZE, PAGE_AD_YOUNG), 1);
	EXPECT_EQ(t, mm_page_ad(mm, s), PAGE_AD_MAPPED | PAGE_AD_DIRTY);
	v = 0;
	EXPECT_EQ(t, touch(mm, s, false, &v), 1);	/* the young fault */
	EXPECT_EQ(t, v, 9);
	EXPECT_EQ(t, mm->counters.young_faults, 1);
	EXPECT_EQ(t, mm_page_ad(mm, s), YD);
	EXPECT_EQ(t, touch(mm, s, false, &v), 0);	/* young now */

	EXPECT_EQ(t, mm_clear_ad(mm, s, s + PAGE_SIZE, PAGE_AD_DIRTY), 1);
	EXPECT_EQ(t, mm_page_ad(mm, s), Y);
	EXPECT_EQ(t, touch(mm, s, false, &v), 0);	/* reads keep it clean */
	EXPECT_EQ(t, mm_page_ad(mm, s), Y);
	v = 10;
	EXPECT_EQ(t, touch(mm, s, true, &v), 1);	/* the dirty fault */
	EXPECT_EQ(t, mm->counters.dirty_faults, 1);
	EXPECT_EQ(t, mm->counters.young_faults, 1);
	EXPECT_EQ(t, mm_page_ad(mm, s), YD);

	/* Old and clean: one write fault sets both. */
	EXPECT_EQ(t, mm_clear_ad(mm, s, s + PAGE_SIZE,
				 PAGE_AD_YOUNG | PAGE_AD_DIRTY), 1);
	EXPECT_EQ(t, mm_page_ad(mm, s), PAGE_AD_MAPPED);
	v = 11;
	EXPECT_EQ(t, touch(mm, s, true, &v), 1);
	EXPECT_EQ(t, mm->counters.young_faults, 2);
	EXPECT_EQ(t, mm->counters.dirty_faults, 2);
	v = 0;
	EXPECT_EQ(t, touch(mm, s, false, &v), 0);
	EXPECT_EQ(t, v, 11);

	EXPECT_EQ(t, mm->rss, rss);
	/* The three faults since (young, dirty, both) completed, so each
	 * counts as a minor fault (Linux's rule), though none mapped a
	 * page. */
	EXPECT_EQ(t, mm->counters.minor, minor + 3);
	EXPECT_EQ(t, mm->counters.cow_copies + mm->counters.cow_reuses, 0);
	EXPECT_EQ(t, mm->counters.results[FAULT_DONE], 4);
	end_mm(mm);
}

/* Hardware A/D: the same accesses take no fault and leave the same state. */
static void hardware_ad_takes_no_faults(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_mm();
	long s = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, 0);
	u8 v = 1;

	REQUIRE(t, s > 0);
	fake_ad_by_hardware = true;
	EXPECT_EQ(t, touch(mm, s, false, &v), 1);	/* demand paging */
	EXPECT_EQ(t, mm_clear_ad(mm, s, s + PAGE_SIZE,
				 PAGE_AD_YOUNG | PAGE_AD_DIRTY), 1);
	EXPECT_EQ(t, touch(mm, s, false, &v), 0);
	EXPECT_EQ(t, mm_page_ad(mm, s), Y);
	EXPECT_EQ(t, touch(mm, s, true, &v), 0);
	EXPECT_EQ(t, mm_page_ad(mm, s), YD);
	EXPECT_EQ(t, mm->counters.young_faults, 0);
	EXPECT_EQ(t, mm->counters.dirty_faults, 0);
	end_mm(mm);
}

/* fork: the parent keeps its state through write-protection, the child
 * starts old (as Linux), and a CoW write is not a dirty fault. */
static void fork_child_starts_old(struct ktap_case_state *t)
{
	struct mm_struct *parent = new_mm(), *child;
	long p = do_mmap(parent, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, 0);
	u8 v = 3;

	REQUIRE(t, p > 0);
	EXPECT_EQ(t, touch(parent, p, true, &v), 1);
	child = mm_duplicate(parent);
	REQUIRE(t, child);
	EXPECT_EQ(t, mm_page_ad(parent, p), YD);
	EXPECT_EQ(t, mm_page_ad(child, p), PAGE_AD_MAPPED | PAGE_AD_DIRTY);
	set_current_mm(child);
	v = 0;
	EXPECT_EQ(t, touch(child, p, false, &v), 1);
	EXPECT_EQ(t, v, 3);
	EXPECT_EQ(t, child->counters.young_faults, 1);
	v = 4;
	EXPECT_EQ(t, touch(child, p, true, &v), 1);	/* CoW copy */
	EXPECT_EQ(t, child->counters.cow_copies, 1);
	EXPECT_EQ(t, child->counters.dirty_faults, 0);
	EXPECT_EQ(t, mm_page_ad(child, p), YD);
	mm_destroy(child);
	set_current_mm(parent);
	v = 0;
	EXPECT_EQ(t, touch(parent, p, false, &v), 0);
	EXPECT_EQ(t, v, 3);
	end_mm(parent);
}

/* mprotect rebuilds entries: it must not lose young or dirty, and a dirty
 * page made writable again takes no dirty fault. */
static void mprotect_keeps_ad(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_mm();
	long s = do_mmap(mm, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, 0);
	u8 v = 7;

	REQUIRE(t, s > 0);
	EXPECT_EQ(t, touch(mm, s, true, &v), 1);
	EXPECT_EQ(t, touch(mm, s + PAGE_SIZE, false, &v), 1);
	EXPECT_EQ(t, do_mprotect(mm, s, 2 * PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ(t, mm_page_ad(mm, s), YD);
	EXPECT_EQ(t, mm_page_ad(mm, s + PAGE_SIZE), Y);
	EXPECT_EQ(t, do_mprotect(mm, s, 2 * PAGE_SIZE, PROT_NONE), 0);
	EXPECT_EQ(t, do_mprotect(mm, s, 2 * PAGE_SIZE,
				 PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(t, mm_page_ad(mm, s), YD);
	EXPECT_EQ(t, mm_page_ad(mm, s + PAGE_SIZE), Y);
	EXPECT_EQ(t, touch(mm, s, true, &v), 0);
	EXPECT_EQ(t, touch(mm, s + PAGE_SIZE, true, &v), 1);
	EXPECT_EQ(t, mm->counters.dirty_faults, 1);
	EXPECT_EQ(t, mm_clear_ad(mm, s, s + 2 * PAGE_SIZE, PAGE_AD_DIRTY), 2);
	EXPECT_EQ(t, mm_clear_ad(mm, s, s + 2 * PAGE_SIZE, PAGE_AD_DIRTY), 0);
	end_mm(mm);
}

/*
 * The model: a few shared and private pages, random reads, writes, aging,
 * cleaning and switches between software and hardware A/D, each checked
 * against a per-page record of what the state and the counters must be.
 */
struct ad_page {
	bool present;	/* has an entry */
	bool own;	/* private: has its own page (not the zero page) */
	bool young, dirty;
	u8 value;
};

#define AD_PAGES 8

static void ad_model(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_mm();
	long base = do_mmap(mm, 0, AD_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, 0);
	struct ad_page m[AD_PAGES] = { { 0 } };
	unsigned long young = 0, dirty = 0;
	unsigned int seed = 0xad, i;
	int step;

	REQUIRE(t, base > 0);
	/* The upper half private: reads there map the zero page. */
	REQUIRE(t, do_mmap(mm, base + AD_PAGES / 2 * PAGE_SIZE,
			   AD_PAGES / 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0) ==
		   base + (long)(AD_PAGES / 2 * PAGE_SIZE));
	for (step = 0; step < 3000 && !t->failed; step++) {
		unsigned int op = host_rand(&seed) % 10;
		unsigned int n = host_rand(&seed) % AD_PAGES, want;
		unsigned long a = base + n * PAGE_SIZE;
		bool priv = n >= AD_PAGES / 2;
		struct ad_page *pg = &m[n];
		u8 v = host_rand(&seed);

		if (op < 4) {			/* read */
			int want_faults = !pg->present ||
				(!fake_ad_by_hardware && !pg->young);

			if (pg->present && !pg->young && !fake_ad_by_hardware)
				young++;
			EXPECT_EQ(t, touch(mm, a, false, &v), want_faults);
			EXPECT_EQ(t, v, pg->value);
			pg->present = pg->young = true;
		} else if (op < 7) {		/* write */
			bool wp = priv && pg->present && !pg->own;
			int want_faults = !pg->present || wp ||
				(!fake_ad_by_hardware &&
				 (!pg->young || !pg->dirty));

			if (pg->present && !wp && !fake_ad_by_hardware) {
				young += !pg->young;
				dirty += !pg->dirty;
			}
			EXPECT_EQ(t, touch(mm, a, true, &v), want_faults);
			pg->present = pg->young = pg->dirty = true;
			pg->own = priv;
			pg->value = v;
		} else if (op < 9) {		/* age or clean a range */
			unsigned int end = n + 1 + host_rand(&seed) % 3;
			unsigned int which = op == 7 ? PAGE_AD_YOUNG :
					     PAGE_AD_DIRTY;
			unsigned long found = 0;

			end = MIN(end, AD_PAGES);
			for (i = n; i < end; i++) {
				found += m[i].present &&
					 (op == 7 ? m[i].young : m[i].dirty);
				if (op == 7)
					m[i].young = false;
				else
					m[i].dirty = false;
			}
			EXPECT_EQ(t, mm_clear_ad(mm, a, base + end * PAGE_SIZE,
						 which), found);
		} else {
			fake_ad_by_hardware = !fake_ad_by_hardware;
		}
		for (i = 0; i < AD_PAGES; i++) {
			want = !m[i].present ? 0 : PAGE_AD_MAPPED |
			       (m[i].young ? PAGE_AD_YOUNG : 0) |
			       (m[i].dirty ? PAGE_AD_DIRTY : 0);
			if (mm_page_ad(mm, base + i * PAGE_SIZE) != want)
				ktap_fail(t, __FILE__, __LINE__,
					  "step %d: page %u state %#x, model %#x",
					  step, i, mm_page_ad(mm, base + i * PAGE_SIZE),
					  want);
		}
		EXPECT_EQ(t, mm->counters.young_faults, young);
		EXPECT_EQ(t, mm->counters.dirty_faults, dirty);
	}
	end_mm(mm);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(faulted_pages_start_young),
	KTAP_CASE(software_ad_faults_set_bits),
	KTAP_CASE(hardware_ad_takes_no_faults),
	KTAP_CASE(fork_child_starts_old),
	KTAP_CASE(mprotect_keeps_ad),
	KTAP_CASE(ad_model),
};
KTAP_SUITE(host_ad_suite, "host_accessed_dirty", cases);
