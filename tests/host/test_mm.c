/*
 * Host tests of the memory manager as a whole: the real VMA code, mmap
 * semantics, handle_mm_fault and generic_fault over real page tables on the
 * fake arch. A simulated MMU (sim_access) walks the tables and raises
 * faults exactly where hardware would.
 *  - a randomized model test: thousands of mmap/munmap/mprotect/brk/
 *    madvise/access operations (fixed seeds) applied to the kernel and to a
 *    plain per-page reference model, compared after every step;
 *  - demand paging, copy-on-write after fork, shared memory, no leaks.
 */
#include "host.h"
#include "host_mmu.h"
#include <mm.h>
#include <fault.h>
#include <kernel_map.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

pte_t *kernel_pgtable;	/* no kernel half on the fake arch */

/* The fake MMU reads mm->pgd directly: nothing to load. */
void arch_switch_mm(pte_t *user_root) { (void)user_root; }

#define MODEL_TASK_SIZE (64UL << 20)
#define NPAGES (MODEL_TASK_SIZE >> PAGE_SHIFT)
#define MIN_PAGE (0x10000 >> PAGE_SHIFT)	/* MMAP_MIN_ADDR */
#define BRK_START 0x100000UL

/* The simulated MMU: do the access if the tables allow it, else take the
 * fault the hardware would and try again. Returns the fault action that
 * stopped the access, or FAULT_DONE with *val read or written. */
static enum fault_action sim_access(struct mm_struct *mm, unsigned long addr,
				    bool write, u8 *val)
{
	int tries;

	for (tries = 0; tries < 3; tries++) {
		struct pt_regs regs = { .user = true };
		struct fault_result r;

		if (host_mmu_access(mm, addr, write, val, PGPROT_USER |
				    (write ? PGPROT_WRITE : PGPROT_READ)))
			return FAULT_DONE;
		r = generic_fault(addr, FAULT_FLAG_USER |
				  (write ? FAULT_FLAG_WRITE : 0),
				  write ? VM_WRITE : VM_ACCESS_FLAGS, &regs);
		if (r.action != FAULT_DONE)
			return r.action;
	}
	return NR_FAULT_ACTIONS;	/* "done" but still not accessible */
}

/* ---- the reference model: one record per page ---- */
struct mpage {
	bool mapped, shared;
	u8 prot;	/* PROT_* */
	u8 value;	/* byte at offset 0 */
};
static struct mpage model[NPAGES];
static unsigned long model_brk;

static bool model_range_free(unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n; i++)
		if (model[i].mapped)
			return false;
	return true;
}

static void model_map(unsigned long first, unsigned long n, u8 prot,
		      bool shared)
{
	unsigned long i;

	for (i = first; i < first + n; i++)
		model[i] = (struct mpage){ true, shared, prot, 0 };
}

static void model_unmap(unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n && i < NPAGES; i++)
		model[i] = (struct mpage){ 0 };
}

static u8 vm_to_prot(unsigned long f)
{
	return (f & VM_READ ? PROT_READ : 0) | (f & VM_WRITE ? PROT_WRITE : 0) |
	       (f & VM_EXEC ? PROT_EXEC : 0);
}

/* Every VMA page agrees with the model, and nothing else is mapped. */
static bool compare(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	struct vm_area_struct *v;
	unsigned long covered = 0, mapped = 0, i;

	if (vma_tree_check(mm)) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: VMA tree broken", step);
		return false;
	}
	for (v = vma_first(mm); v; v = vma_next(v)) {
		for (i = v->vm_start >> PAGE_SHIFT; i < v->vm_end >> PAGE_SHIFT; i++) {
			if (!model[i].mapped || model[i].prot != vm_to_prot(v->vm_flags) ||
			    model[i].shared != !!(v->vm_flags & VM_SHARED)) {
				ktap_fail(t, __FILE__, __LINE__,
					  "step %d: page %#lx: kernel prot %d shared %d, model mapped %d prot %d shared %d",
					  step, i << PAGE_SHIFT, vm_to_prot(v->vm_flags),
					  !!(v->vm_flags & VM_SHARED), model[i].mapped,
					  model[i].prot, model[i].shared);
				return false;
			}
		}
		covered += (v->vm_end - v->vm_start) >> PAGE_SHIFT;
	}
	for (i = 0; i < NPAGES; i++)
		mapped += model[i].mapped;
	if (covered != mapped) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: %lu pages in VMAs, model %lu",
			  step, covered, mapped);
		return false;
	}
	return true;
}

static unsigned int seed;
static unsigned long rnd(unsigned long n) { return host_rand(&seed) % n; }

static bool op_mmap(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	unsigned long n = 1 + rnd(16), page = MIN_PAGE + rnd(NPAGES - MIN_PAGE - n);
	u8 prot = rnd(8);
	bool shared = rnd(4) == 0;
	unsigned long flags = MAP_ANONYMOUS | (shared ? MAP_SHARED : MAP_PRIVATE);
	unsigned int mode = rnd(10);
	long r;

	if (mode < 4)
		flags |= MAP_FIXED;
	else if (mode < 5)
		flags |= MAP_FIXED_NOREPLACE;
	else if (mode < 7)
		page = 0;	/* no hint */
	r = do_mmap(mm, page << PAGE_SHIFT, n << PAGE_SHIFT, prot, flags, 0);
	if (mode == 4 && !model_range_free(page, n)) {
		if (r != -EEXIST)
			ktap_fail(t, __FILE__, __LINE__, "step %d: NOREPLACE over a mapping gave %ld", step, r);
		return r == -EEXIST;
	}
	if (r == -ENOMEM && mode >= 5)
		return true;	/* no room: acceptable when full */
	if (r < 0 || (r & ~PAGE_MASK) || (unsigned long)r + (n << PAGE_SHIFT) > MODEL_TASK_SIZE ||
	    (unsigned long)r < (MIN_PAGE << PAGE_SHIFT)) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: mmap gave %ld", step, r);
		return false;
	}
	if (mode < 5 && (unsigned long)r != page << PAGE_SHIFT) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: fixed mmap moved to %#lx", step, r);
		return false;
	}
	if (mode >= 5 && !model_range_free(r >> PAGE_SHIFT, n)) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: mmap placed over a mapping at %#lx", step, r);
		return false;
	}
	if (mode >= 7 && model_range_free(page, n) && (unsigned long)r != page << PAGE_SHIFT) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: free hint %#lx not taken (%#lx)", step, page << PAGE_SHIFT, r);
		return false;
	}
	model_map(r >> PAGE_SHIFT, n, prot, shared);
	return true;
}

static bool op_munmap(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	unsigned long n = 1 + rnd(32), page = rnd(NPAGES - n);
	int r = do_munmap(mm, page << PAGE_SHIFT, n << PAGE_SHIFT);

	if (r) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: munmap gave %d", step, r);
		return false;
	}
	model_unmap(page, n);
	return true;
}

static bool op_mprotect(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	unsigned long n = 1 + rnd(24), page = MIN_PAGE + rnd(NPAGES - MIN_PAGE - n), i;
	u8 prot = rnd(8);
	int want = 0, r;

	r = do_mprotect(mm, page << PAGE_SHIFT, n << PAGE_SHIFT, prot);
	for (i = page; i < page + n; i++) {
		if (!model[i].mapped) {
			want = -ENOMEM;
			break;
		}
		model[i].prot = prot;
	}
	if (r != want)
		ktap_fail(t, __FILE__, __LINE__, "step %d: mprotect gave %d, want %d", step, r, want);
	return r == want;
}

static bool op_madvise(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	unsigned long n = 1 + rnd(16), page = MIN_PAGE + rnd(NPAGES - MIN_PAGE - n), i;
	int want = 0, r = do_madvise_dontneed(mm, page << PAGE_SHIFT, n << PAGE_SHIFT);

	for (i = page; i < page + n; i++) {
		if (!model[i].mapped)
			want = -ENOMEM;
		else if (!model[i].shared)
			model[i].value = 0;	/* private pages are dropped */
	}
	if (r != want)
		ktap_fail(t, __FILE__, __LINE__, "step %d: madvise gave %d, want %d", step, r, want);
	return r == want;
}

static bool op_brk(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	unsigned long want_brk = BRK_START + rnd(64 * PAGE_SIZE);
	unsigned long old_end = PAGE_ALIGN(model_brk), new_end = PAGE_ALIGN(want_brk);
	unsigned long r = do_brk(mm, want_brk), expect = want_brk;

	if (new_end > old_end) {
		if (!model_range_free(old_end >> PAGE_SHIFT, (new_end - old_end) >> PAGE_SHIFT))
			expect = model_brk;
		else
			model_map(old_end >> PAGE_SHIFT, (new_end - old_end) >> PAGE_SHIFT,
				  PROT_READ | PROT_WRITE, false);
	} else {
		model_unmap(new_end >> PAGE_SHIFT, (old_end - new_end) >> PAGE_SHIFT);
	}
	if (r != expect) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: brk(%#lx) gave %#lx, want %#lx",
			  step, want_brk, r, expect);
		return false;
	}
	model_brk = expect;
	return true;
}

static bool op_access(struct ktap_case_state *t, struct mm_struct *mm, int step)
{
	unsigned long page = rnd(NPAGES);
	bool write = rnd(2);
	u8 val = (u8)(1 + rnd(255));
	struct mpage *m = &model[page];
	enum fault_action want, got = sim_access(mm, page << PAGE_SHIFT, write, &val);

	if (!m->mapped)
		want = FAULT_SEGV_MAPERR;
	else if (write ? !(m->prot & PROT_WRITE) : !m->prot)
		want = FAULT_SEGV_ACCERR;
	else
		want = FAULT_DONE;
	if (got != want) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: %s of %#lx: %s, want %s", step,
			  write ? "write" : "read", page << PAGE_SHIFT,
			  fault_action_name(got), fault_action_name(want));
		return false;
	}
	if (want != FAULT_DONE)
		return true;
	if (write) {
		m->value = val;
	} else if (val != m->value) {
		ktap_fail(t, __FILE__, __LINE__, "step %d: read %#lx gave %u, model %u",
			  step, page << PAGE_SHIFT, val, m->value);
		return false;
	}
	return true;
}

static void run_model(struct ktap_case_state *t, unsigned int s, int steps)
{
	bool (*const ops[])(struct ktap_case_state *, struct mm_struct *, int) = {
		op_mmap, op_mmap, op_munmap, op_mprotect, op_madvise, op_brk,
		op_access, op_access, op_access, op_access,
	};
	unsigned long free_before;
	struct mm_struct *mm;
	int step;

	seed = s;
	memset(model, 0, sizeof(model));
	mm = mm_create(MODEL_TASK_SIZE);
	REQUIRE(t, mm);
	mm_destroy(mm);		/* the zero page now exists: count from here */
	free_before = nr_free_pages();
	mm = mm_create(MODEL_TASK_SIZE);
	REQUIRE(t, mm);
	mm->start_brk = mm->brk = model_brk = BRK_START;
	set_current_mm(mm);
	for (step = 0; step < steps; step++)
		if (!ops[rnd(ARRAY_SIZE(ops))](t, mm, step) || !compare(t, mm, step))
			break;
	set_current_mm(NULL);
	mm_destroy(mm);
	EXPECT_EQ(t, nr_free_pages(), free_before);
}

static void model_seed_1(struct ktap_case_state *t) { run_model(t, 1, 4000); }
static void model_seed_2(struct ktap_case_state *t) { run_model(t, 2, 4000); }
static void model_seed_3(struct ktap_case_state *t) { run_model(t, 0xfa17, 4000); }

/* ---- directed tests ---- */

static struct mm_struct *new_current(void)
{
	struct mm_struct *mm = mm_create(MODEL_TASK_SIZE);

	set_current_mm(mm);
	return mm;
}

static void demand_zero_then_write(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	long a = do_mmap(mm, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, 0);
	u8 v = 0xff;

	REQUIRE(t, a > 0);
	EXPECT_EQ(t, mm->rss, 0);			/* mmap allocates nothing */
	EXPECT_EQ(t, sim_access(mm, a, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 0);
	EXPECT_EQ(t, mm->counters.zero_maps, 1);
	EXPECT_EQ(t, mm->rss, 0);			/* the zero page is shared */
	v = 7;
	EXPECT_EQ(t, sim_access(mm, a, true, &v), FAULT_DONE);
	EXPECT_EQ(t, mm->rss, 1);
	v = 0;
	EXPECT_EQ(t, sim_access(mm, a, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 7);
	set_current_mm(NULL);
	mm_destroy(mm);
}

static void cow_after_fork(struct ktap_case_state *t)
{
	unsigned long before;
	struct mm_struct *parent = new_current(), *child;
	long a = do_mmap(parent, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, 0);
	long s = do_mmap(parent, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, 0);
	u8 v = 1;

	REQUIRE(t, a > 0 && s > 0);
	before = nr_free_pages();
	EXPECT_EQ(t, sim_access(parent, a, true, &v), FAULT_DONE);
	v = 10;
	EXPECT_EQ(t, sim_access(parent, s, true, &v), FAULT_DONE);
	child = mm_duplicate(parent);
	REQUIRE(t, child);
	EXPECT_EQ(t, child->rss, parent->rss);

	v = 2;					/* parent writes: copies */
	EXPECT_EQ(t, sim_access(parent, a, true, &v), FAULT_DONE);
	EXPECT_EQ(t, parent->counters.cow_copies, 1);
	set_current_mm(child);
	EXPECT_EQ(t, sim_access(child, a, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 1);			/* child still sees the old value */
	v = 3;					/* child is the last user now */
	EXPECT_EQ(t, sim_access(child, a, true, &v), FAULT_DONE);
	EXPECT_EQ(t, child->counters.cow_reuses, 1);
	EXPECT_EQ(t, child->counters.cow_copies, 0);
	v = 11;					/* shared: both see it */
	EXPECT_EQ(t, sim_access(child, s, true, &v), FAULT_DONE);
	set_current_mm(parent);
	EXPECT_EQ(t, sim_access(parent, s, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 11);
	EXPECT_EQ(t, sim_access(parent, a, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 2);

	mm_destroy(child);
	set_current_mm(NULL);
	mm_destroy(parent);
	EXPECT(t, nr_free_pages() > before);
}

static void mprotect_none_keeps_data(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	long a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, 0);
	u8 v = 42;

	REQUIRE(t, a > 0);
	EXPECT_EQ(t, sim_access(mm, a, true, &v), FAULT_DONE);
	EXPECT_EQ(t, do_mprotect(mm, a, PAGE_SIZE, PROT_NONE), 0);
	EXPECT_EQ(t, sim_access(mm, a, false, &v), FAULT_SEGV_ACCERR);
	EXPECT_EQ(t, do_mprotect(mm, a, PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ(t, sim_access(mm, a, true, &v), FAULT_SEGV_ACCERR);
	v = 0;
	EXPECT_EQ(t, sim_access(mm, a, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 42);
	set_current_mm(NULL);
	mm_destroy(mm);
}

static void linux_errnos(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	long a;

	EXPECT_EQ(t, do_mmap(mm, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0), -EINVAL);
	EXPECT_EQ(t, do_mmap(mm, 0x100001, 4096, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), -EINVAL);
	EXPECT_EQ(t, do_mmap(mm, 0, 4096, PROT_READ, MAP_ANONYMOUS, 0), -EINVAL);
	EXPECT_EQ(t, do_mmap(mm, 0, MODEL_TASK_SIZE * 2, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS, 0), -ENOMEM);
	EXPECT_EQ(t, do_mmap(mm, 0x1000, 4096, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), -EPERM);
	a = do_mmap(mm, 0x200000, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	EXPECT_EQ(t, a, 0x200000);
	EXPECT_EQ(t, do_mmap(mm, 0x201000, 4096, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, 0), -EEXIST);
	EXPECT_EQ(t, do_munmap(mm, 0x200001, 4096), -EINVAL);
	EXPECT_EQ(t, do_munmap(mm, 0x200000, 0), -EINVAL);
	EXPECT_EQ(t, do_mprotect(mm, 0x300000, 4096, PROT_READ), -ENOMEM);
	EXPECT_EQ(t, do_mprotect(mm, 0x200000, 4096, 0x80), -EINVAL);
	EXPECT_EQ(t, do_mprotect(mm, 0x200000, 3 * 4096, PROT_READ | PROT_WRITE), -ENOMEM);
	/* ... but the mapped part before the hole was changed, as on Linux */
	EXPECT(t, find_vma(mm, 0x200000)->vm_flags & VM_WRITE);
	EXPECT_EQ(t, do_munmap(mm, 0x201000, 4096), 0);	/* split */
	EXPECT_EQ(t, find_vma(mm, 0x200000)->vm_end, 0x201000);
	set_current_mm(NULL);
	mm_destroy(mm);
}

static void adjacent_mappings_merge(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	unsigned long f = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;

	do_mmap(mm, 0x400000, 4096, PROT_READ, f, 0);
	do_mmap(mm, 0x402000, 4096, PROT_READ, f, 0);
	do_mmap(mm, 0x401000, 4096, PROT_READ, f, 0);
	EXPECT_EQ(t, mm->vmas.count, 1);
	do_mprotect(mm, 0x401000, 4096, PROT_READ | PROT_WRITE);
	EXPECT_EQ(t, mm->vmas.count, 3);
	do_mprotect(mm, 0x401000, 4096, PROT_READ);
	EXPECT_EQ(t, mm->vmas.count, 1);
	set_current_mm(NULL);
	mm_destroy(mm);
}

/* Regressions found in review: each once let a call misbehave. */
static void review_regressions(struct ktap_case_state *t)
{
	struct mm_struct *mm = mm_create(1UL << 40), *small;
	unsigned long f = MAP_PRIVATE | MAP_ANONYMOUS, base, stack;
	long a;

	REQUIRE(t, mm);
	set_current_mm(mm);
	base = mm->mmap_base;
	/* A mapping across mmap_base must bound the top-down search. */
	EXPECT_EQ(t, do_mmap(mm, base - PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ,
			     f | MAP_FIXED, 0), (long)(base - PAGE_SIZE));
	a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ, f, 0);
	EXPECT(t, a > 0 && (unsigned long)a + PAGE_SIZE <= base - PAGE_SIZE);
	EXPECT_EQ(t, vma_tree_check(mm), 0);
	/* A shared stack cannot grow: refused. */
	EXPECT_EQ(t, do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, 0), -EINVAL);
	/* Too large a shared object fails at mmap, not at first touch. */
	EXPECT_EQ(t, do_mmap(mm, 0, 4UL << 30, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, 0), -ENOMEM);
	/* A wrapping madvise length is EINVAL, as on Linux. */
	EXPECT_EQ(t, do_madvise_dontneed(mm, base - PAGE_SIZE, ~0UL - 100), -EINVAL);
	/* A hint just below a stack may not take its guard gap. */
	stack = 0x40000000UL;
	EXPECT_EQ(t, do_mmap(mm, stack, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     f | MAP_FIXED | MAP_GROWSDOWN, 0), (long)stack);
	a = do_mmap(mm, stack - PAGE_SIZE, PAGE_SIZE, PROT_READ, f, 0);
	EXPECT(t, a > 0 && (a + PAGE_SIZE <= stack - STACK_GUARD_GAP ||
			    (unsigned long)a > stack));
	/* An unaligned hint rounds up, not down. */
	a = do_mmap(mm, 0x20000123UL, PAGE_SIZE, PROT_READ, f, 0);
	EXPECT_EQ(t, a, 0x20001000L);
	/* munmap gives back the page tables it emptied. */
	{
		unsigned long tables = pgtable_nr_table_pages(), r;
		u8 v = 1;

		for (r = 0; r < 8; r++) {
			unsigned long at = 0x80000000UL + r * (4UL << 20);

			EXPECT_EQ(t, do_mmap(mm, at, PAGE_SIZE, PROT_READ | PROT_WRITE,
					     f | MAP_FIXED, 0), (long)at);
			EXPECT_EQ(t, sim_access(mm, at, true, &v), FAULT_DONE);
			EXPECT_EQ(t, do_munmap(mm, at, PAGE_SIZE), 0);
		}
		EXPECT(t, pgtable_nr_table_pages() <= tables + 1);
	}
	/* mprotect accepts PROT_SEM; mmap ignores unknown prot bits. */
	EXPECT_EQ(t, do_mprotect(mm, 0x20001000UL, PAGE_SIZE, PROT_READ | PROT_SEM), 0);
	EXPECT(t, do_mmap(mm, 0, PAGE_SIZE, PROT_READ | 0x40, f, 0) > 0);
	set_current_mm(NULL);
	mm_destroy(mm);
	small = mm_create(MODEL_TASK_SIZE);	/* leave the usual size behind */
	mm_destroy(small);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(review_regressions),
	KTAP_CASE(demand_zero_then_write),
	KTAP_CASE(cow_after_fork),
	KTAP_CASE(mprotect_none_keeps_data),
	KTAP_CASE(linux_errnos),
	KTAP_CASE(adjacent_mappings_merge),
	KTAP_CASE(model_seed_1),
	KTAP_CASE(model_seed_2),
	KTAP_CASE(model_seed_3),
};
KTAP_SUITE(host_mm_suite, "host_mm", cases);
