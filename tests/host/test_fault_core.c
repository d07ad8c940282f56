/*
 * Host tests of generic_fault()'s decisions (mm/fault.c) against a fake
 * handle_mm_fault that returns scripted VM_FAULT_* values, with the real VMA
 * tree, stack expansion, mmap lock and exception-table search. Table-driven:
 * one row per result path. Built as its own program (fault-core-tests).
 */
#include "host.h"
#include <fault.h>
#include <mm.h>
#include <extable.h>
#include <kmalloc.h>
#include <page.h>
#include <string.h>

/* Two fake kernel PCs that have fixups (a uaccess load and store). */
#define PC_WITH_FIXUP 0x1000
#define PC_WITHOUT_FIXUP 0x1234
__asm__(".data\n.balign 8\n.globl __start___ex_table\n__start___ex_table:\n"
	".quad 0x2000, 0x2100\n.quad 0x1000, 0x1100\n"
	".globl __stop___ex_table\n__stop___ex_table:\n.text\n");

/* ---- the fake world generic_fault sees ---- */
static struct mm_struct *test_mm;
static bool sig_pending, fatal_pending;
static int oom_calls, sched_waits;
static int waits_at_wrong_depth;	/* schedule() wants the BKL once */
static bool writer_holds_lock;		/* "another thread" holds it */
static bool reader_holds_lock;		/* ... for reading */
static unsigned long start_seen_waiting;	/* stack's vm_start then */
static struct vm_area_struct *watched_stack;
static unsigned int script[4];		/* handle_mm_fault's answers */
static int script_len, script_pos;
static unsigned int flags_seen[4];

struct mm_struct *current_mm(void) { return test_mm; }
void task_account_fault(bool major) { (void)major; }
bool signal_pending_current(void) { return sig_pending || fatal_pending; }
bool fatal_signal_pending_current(void) { return fatal_pending; }
void pagefault_out_of_memory(void) { oom_calls++; }
void zap_page_range(struct mm_struct *mm, unsigned long s, unsigned long e)
{ (void)mm; (void)s; (void)e; }
void change_protection(struct vm_area_struct *v, unsigned long s,
		       unsigned long e) { (void)v; (void)s; (void)e; }
int move_page_range(struct mm_struct *mm, unsigned long s, unsigned long e,
		    unsigned long n) { (void)mm; (void)s; (void)e; (void)n; return 0; }
int populate_range(struct mm_struct *mm, unsigned long s, unsigned long e)
{ (void)mm; (void)s; (void)e; return 0; }

/* The other thread finishes with the lock as soon as we wait for it. */
void sched_wake_lock_waiters(void)
{
}

void sched_wait(void)
{
	sched_waits++;
	if (host_bkl_depth != 1)
		waits_at_wrong_depth++;
	if (writer_holds_lock) {
		writer_holds_lock = false;
		up_write(&test_mm->mmap_lock);
	}
	if (reader_holds_lock) {
		reader_holds_lock = false;
		if (watched_stack)
			start_seen_waiting = watched_stack->vm_start;
		up_read(&test_mm->mmap_lock);
	}
}

unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr,
			     unsigned int flags)
{
	unsigned int f = script_pos < script_len ? script[script_pos] : 0;

	(void)vma;
	(void)addr;
	if (script_pos < 4)
		flags_seen[script_pos] = flags;
	script_pos++;
	/* The contract: RETRY and COMPLETED mean the lock was dropped. */
	if (f & (VM_FAULT_RETRY | VM_FAULT_COMPLETED))
		up_read(&test_mm->mmap_lock);
	return f;
}

#define TEST_TASK_SIZE 0x10000000UL
#define DATA 0x1000000UL	/* [16 MiB, 16 MiB + 64 KiB) read-write */
#define TEXT 0x2000000UL	/* read + exec */
#define STACK_TOP 0x8000000UL	/* stack: [STACK_TOP - 64 KiB, STACK_TOP) */

static void add_vma(unsigned long start, unsigned long end, unsigned long f)
{
	vma_insert(test_mm, vma_alloc(test_mm, start, end, f, 0));
}

static void fresh_world(void)
{
	struct vm_area_struct *v;

	if (test_mm) {
		while ((v = vma_first(test_mm))) {
			vma_remove(test_mm, v);
			vma_free(v);
		}
		kfree(test_mm);
	}
	test_mm = kzalloc(sizeof(*test_mm));
	test_mm->task_size = TEST_TASK_SIZE;
	test_mm->stack_limit = 1UL << 20;
	add_vma(DATA, DATA + 0x10000, VM_READ | VM_WRITE);
	add_vma(TEXT, TEXT + 0x10000, VM_READ | VM_EXEC);
	add_vma(STACK_TOP - 0x10000, STACK_TOP,
		VM_READ | VM_WRITE | VM_GROWSDOWN);
	sig_pending = fatal_pending = writer_holds_lock = false;
	oom_calls = sched_waits = script_len = script_pos = 0;
	waits_at_wrong_depth = 0;
	memset(flags_seen, 0, sizeof(flags_seen));
}

struct row {
	const char *name;
	unsigned long addr;
	unsigned int flags;		/* FAULT_FLAG_USER / WRITE / ... */
	unsigned long need;		/* VM_* the access needs */
	unsigned long pc;
	unsigned int script[3];		/* handle_mm_fault answers, 0-ended */
	bool sig, fatal, lock_busy;
	enum fault_action want;
	unsigned int want_lsb;
	int want_calls;			/* handle_mm_fault calls expected */
};

#define U FAULT_FLAG_USER
#define W FAULT_FLAG_WRITE
#define R_ VM_READ
#define W_ VM_WRITE
#define X_ VM_EXEC
#define HWP_LARGE_2M (VM_FAULT_HWPOISON_LARGE | VM_FAULT_SET_HINDEX(21))

static const struct row rows[] = {
	{ "user read, mapped", DATA, U, R_, 0, {0}, 0,0,0, FAULT_DONE, 0, 1 },
	{ "user write, major fault", DATA, U|W, W_, 0, {VM_FAULT_MAJOR}, 0,0,0, FAULT_DONE, 0, 1 },
	{ "completed (lock dropped)", DATA, U, R_, 0, {VM_FAULT_COMPLETED}, 0,0,0, FAULT_DONE, 0, 1 },
	{ "user, no vma", 0x500000, U, R_, 0, {0}, 0,0,0, FAULT_SEGV_MAPERR, 0, 0 },
	{ "user, above task size", TEST_TASK_SIZE + 0x1000, U, R_, 0, {0}, 0,0,0, FAULT_SEGV_MAPERR, 0, 0 },
	{ "user, gap above last vma", STACK_TOP + 0x1000, U, R_, 0, {0}, 0,0,0, FAULT_SEGV_MAPERR, 0, 0 },
	{ "user write to read-only", TEXT, U|W, W_, 0, {0}, 0,0,0, FAULT_SEGV_ACCERR, 0, 0 },
	{ "user exec of data", DATA, U|FAULT_FLAG_INSTRUCTION, X_, 0, {0}, 0,0,0, FAULT_SEGV_ACCERR, 0, 0 },
	{ "kernel, no vma", 0x500000, 0, R_, PC_WITH_FIXUP, {0}, 0,0,0, FAULT_KERNEL, 0, 0 },
	{ "kernel write to read-only", TEXT, W, W_, PC_WITH_FIXUP, {0}, 0,0,0, FAULT_KERNEL, 0, 0 },
	{ "retry then done", DATA, U, R_, 0, {VM_FAULT_RETRY, 0}, 0,0,0, FAULT_DONE, 0, 2 },
	{ "retry, user signal pending", DATA, U, R_, 0, {VM_FAULT_RETRY, 0}, 1,0,0, FAULT_NOTHING, 0, 1 },
	{ "retry, kernel, non-fatal signal", DATA, 0, R_, PC_WITH_FIXUP, {VM_FAULT_RETRY, 0}, 1,0,0, FAULT_DONE, 0, 2 },
	{ "retry, kernel, fatal signal", DATA, 0, R_, PC_WITH_FIXUP, {VM_FAULT_RETRY, 0}, 0,1,0, FAULT_KERNEL, 0, 1 },
	{ "retry twice then done", DATA, U, R_, 0, {VM_FAULT_RETRY, VM_FAULT_RETRY, 0}, 0,0,0, FAULT_DONE, 0, 3 },
	{ "oom, user", DATA, U|W, W_, 0, {VM_FAULT_OOM}, 0,0,0, FAULT_NOTHING, 0, 1 },
	{ "oom, kernel", DATA, W, W_, PC_WITH_FIXUP, {VM_FAULT_OOM}, 0,0,0, FAULT_KERNEL, 0, 1 },
	{ "sigbus, user", DATA, U, R_, 0, {VM_FAULT_SIGBUS}, 0,0,0, FAULT_SIGBUS, 0, 1 },
	{ "sigbus, kernel", DATA, 0, R_, PC_WITH_FIXUP, {VM_FAULT_SIGBUS}, 0,0,0, FAULT_KERNEL, 0, 1 },
	{ "sigsegv from handler", DATA, U, R_, 0, {VM_FAULT_SIGSEGV}, 0,0,0, FAULT_SIGSEGV, 0, 1 },
	{ "hwpoison, user", DATA, U, R_, 0, {VM_FAULT_HWPOISON}, 0,0,0, FAULT_HWPOISON, 12, 1 },
	{ "hwpoison 2M, user", DATA, U, R_, 0, {HWP_LARGE_2M}, 0,0,0, FAULT_HWPOISON, 21, 1 },
	{ "hwpoison, kernel", DATA, 0, R_, PC_WITH_FIXUP, {VM_FAULT_HWPOISON}, 0,0,0, FAULT_KERNEL, 0, 1 },
	{ "busy lock, kernel, no fixup", DATA, 0, R_, PC_WITHOUT_FIXUP, {0}, 0,0,1, FAULT_KERNEL, 0, 0 },
	{ "busy lock, kernel with fixup", DATA, 0, R_, PC_WITH_FIXUP, {0}, 0,0,1, FAULT_DONE, 0, 1 },
	{ "busy lock, user", DATA, U, R_, 0, {0}, 0,0,1, FAULT_DONE, 0, 1 },
	{ "stack grows one page", STACK_TOP - 0x11000, U|W, W_, 0, {0}, 0,0,0, FAULT_DONE, 0, 1 },
	{ "stack grows past limit", STACK_TOP - 0x200000, U|W, W_, 0, {0}, 0,0,0, FAULT_SEGV_MAPERR, 0, 0 },
};

static void every_result_path(struct ktap_case_state *t)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct row *r = &rows[i];
		struct pt_regs regs = { .pc = r->pc, .user = r->flags & U };
		struct fault_result res;

		fresh_world();
		for (script_len = 0; script_len < 3 &&
		     (script_len == 0 || r->script[script_len - 1] & VM_FAULT_RETRY);
		     script_len++)
			script[script_len] = r->script[script_len];
		sig_pending = r->sig;
		fatal_pending = r->fatal;
		if (r->lock_busy) {
			down_write(&test_mm->mmap_lock);
			writer_holds_lock = true;
		}
		res = generic_fault(r->addr, r->flags, r->need, &regs);
		if (res.action != r->want || res.lsb != r->want_lsb ||
		    script_pos != r->want_calls)
			ktap_fail(t, __FILE__, __LINE__,
				  "%s: got %s lsb %u after %d calls",
				  r->name, fault_action_name(res.action),
				  res.lsb, script_pos);
		if (test_mm->mmap_lock.readers ||
		    (test_mm->mmap_lock.writer && !writer_holds_lock))
			ktap_fail(t, __FILE__, __LINE__, "%s: lock left held",
				  r->name);
		if (writer_holds_lock) {	/* the no-fixup row never waited */
			EXPECT_EQ(t, sched_waits, 0);
			up_write(&test_mm->mmap_lock);
		}
		/* A user fault gives the BKL up; a wait takes it once. */
		EXPECT_EQ(t, waits_at_wrong_depth, 0);
		EXPECT_EQ(t, host_bkl_depth, 0);
	}
}

static void retry_sets_tried_flag(struct ktap_case_state *t)
{
	struct pt_regs regs = { .user = true };

	fresh_world();
	script[0] = VM_FAULT_RETRY;
	script[1] = 0;
	script_len = 2;
	EXPECT_EQ(t, generic_fault(DATA, U, R_, &regs).action, FAULT_DONE);
	EXPECT(t, !(flags_seen[0] & FAULT_FLAG_TRIED));
	EXPECT(t, flags_seen[0] & FAULT_FLAG_ALLOW_RETRY);
	EXPECT(t, flags_seen[1] & FAULT_FLAG_TRIED);
	EXPECT_EQ(t, test_mm->counters.retries, 1);
}

static void oom_calls_the_oom_path_for_users_only(struct ktap_case_state *t)
{
	struct pt_regs regs = { .pc = PC_WITH_FIXUP };

	fresh_world();
	script[0] = VM_FAULT_OOM;
	script_len = 1;
	generic_fault(DATA, W, W_, &regs);
	EXPECT_EQ(t, oom_calls, 0);
	script_pos = 0;
	regs.user = true;
	generic_fault(DATA, U | W, W_, &regs);
	EXPECT_EQ(t, oom_calls, 1);
}

static void stack_growth_and_guard_gap(struct ktap_case_state *t)
{
	struct pt_regs regs = { .user = true };
	struct vm_area_struct *stack;
	unsigned long below;

	fresh_world();
	stack = find_vma(test_mm, STACK_TOP - 1);
	EXPECT_EQ(t, generic_fault(STACK_TOP - 0x12345, U | W, W_, &regs).action,
		  FAULT_DONE);
	EXPECT_EQ(t, stack->vm_start, STACK_TOP - 0x13000);
	/* A mapping just below: growth may not come within the guard gap. */
	below = stack->vm_start - STACK_GUARD_GAP - 0x3000;
	add_vma(below - 0x1000, below, VM_READ);
	EXPECT_EQ(t, generic_fault(below + STACK_GUARD_GAP - 0x1000, U | W, W_,
				   &regs).action, FAULT_SEGV_MAPERR);
	EXPECT_EQ(t, generic_fault(below + STACK_GUARD_GAP + 0x1000, U | W, W_,
				   &regs).action, FAULT_DONE);
	EXPECT_EQ(t, vma_tree_check(test_mm), 0);
}

/*
 * vm_start changes only under the lock held for writing: with another
 * thread holding it for reading, a fault below the stack waits for it
 * (the read fault itself would not), and the stack has not grown yet
 * while it waits.
 */
static void stack_grows_under_write_lock(struct ktap_case_state *t)
{
	struct pt_regs regs = { .user = true };
	unsigned long old_start;

	fresh_world();
	watched_stack = find_vma(test_mm, STACK_TOP - 1);
	old_start = watched_stack->vm_start;
	/* An ordinary fault shares the lock with a reader: no wait. */
	down_read(&test_mm->mmap_lock);
	reader_holds_lock = true;
	EXPECT_EQ(t, generic_fault(DATA, U, R_, &regs).action, FAULT_DONE);
	EXPECT_EQ(t, sched_waits, 0);
	/* Growth waits for the reader to leave. */
	EXPECT_EQ(t, generic_fault(old_start - 0x1000, U | W, W_,
				   &regs).action, FAULT_DONE);
	EXPECT_EQ(t, sched_waits, 1);
	EXPECT(t, !reader_holds_lock);
	EXPECT_EQ(t, start_seen_waiting, old_start);
	EXPECT_EQ(t, watched_stack->vm_start, old_start - 0x1000);
	/* Below a mapping that does not grow: no write lock, MAPERR. */
	EXPECT_EQ(t, generic_fault(TEXT - 0x1000, U, R_, &regs).action,
		  FAULT_SEGV_MAPERR);
	EXPECT_EQ(t, sched_waits, 1);
	watched_stack = NULL;
	EXPECT_EQ(t, vma_tree_check(test_mm), 0);
}

static void exception_table_search(struct ktap_case_state *t)
{
	sort_exception_table();
	EXPECT_EQ(t, search_exception_fixup(0x1000), 0x1100);
	EXPECT_EQ(t, search_exception_fixup(0x2000), 0x2100);
	EXPECT_EQ(t, search_exception_fixup(0x1004), 0);
	EXPECT(t, !search_exception_tables(0));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(every_result_path),
	KTAP_CASE(retry_sets_tried_flag),
	KTAP_CASE(oom_calls_the_oom_path_for_users_only),
	KTAP_CASE(stack_growth_and_guard_gap),
	KTAP_CASE(stack_grows_under_write_lock),
	KTAP_CASE(exception_table_search),
};
KTAP_SUITE(fault_core_suite, "fault_core", cases);

int main(void)
{
	static struct boot_info bi;

	host_boot_machine(&bi, 16);
	return ktap_run_suite(&fault_core_suite) ? 1 : 0;
}
