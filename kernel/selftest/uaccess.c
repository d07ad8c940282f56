/*
 * Self-test: real hardware faults through the real fault path. Build a user
 * address space, switch to it, and touch it through the uaccess helpers:
 * each first touch is a kernel-mode page fault on a user address, decoded
 * by the arch front end and resolved by generic_fault(), exactly what a
 * system call will do.
 */
#include <selftest.h>
#include <mm.h>
#include <fault.h>
#include <uaccess.h>
#include <kernel_map.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define UBASE 0x10000000UL	/* 256 MiB: user space on every arch */
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static struct mm_struct *enter_new_mm(struct ktap_case_state *t)
{
	struct mm_struct *mm = mm_create(TASK_SIZE);

	if (!mm) {
		ktap_fail(t, __FILE__, __LINE__, "mm_create failed");
		return NULL;
	}
	switch_mm(mm);
	return mm;
}

static void leave_mm(struct mm_struct *mm)
{
	switch_mm(NULL);
	mm_destroy(mm);
}

static void demand_zero_read_then_write(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	char buf[64];
	unsigned int i;

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			   ANON, 0) == (long)UBASE);
	EXPECT_EQ(t, mm->rss, 0);	/* mmap allocated nothing */
	memset(buf, 0x55, sizeof(buf));
	EXPECT_EQ(t, copy_from_user(buf, (void *)UBASE, sizeof(buf)), 0);
	for (i = 0; i < sizeof(buf) && !buf[i]; i++)
		;
	EXPECT_EQ(t, i, sizeof(buf));
	EXPECT_EQ(t, mm->counters.zero_maps, 1);
	EXPECT_EQ(t, mm->rss, 0);
	EXPECT_EQ(t, copy_to_user((void *)(UBASE + 100), "hello", 6), 0);
	EXPECT_EQ(t, mm->rss, 1);
	EXPECT_EQ(t, copy_from_user(buf, (void *)(UBASE + 100), 6), 0);
	EXPECT(t, !strcmp(buf, "hello"));
	EXPECT(t, mm->counters.results[FAULT_DONE] >= 2);
	leave_mm(mm);
}

static void cow_after_duplicate(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t), *child;
	char c = 'P';

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, PAGE_SIZE, PROT_READ | PROT_WRITE, ANON,
			   0) == (long)UBASE);
	EXPECT_EQ(t, put_user(c, (char *)UBASE), 0);
	child = mm_duplicate(mm);
	REQUIRE(t, child);
	switch_mm(child);
	EXPECT_EQ(t, put_user('C', (char *)UBASE), 0);	/* copies */
	EXPECT_EQ(t, child->counters.cow_copies, 1);
	EXPECT_EQ(t, get_user(c, (char *)UBASE), 0);
	EXPECT_EQ(t, c, 'C');
	switch_mm(mm);
	EXPECT_EQ(t, get_user(c, (char *)UBASE), 0);
	EXPECT_EQ(t, c, 'P');				/* isolated */
	EXPECT_EQ(t, put_user('Q', (char *)UBASE), 0);	/* last user: reuse */
	EXPECT_EQ(t, mm->counters.cow_reuses, 1);
	EXPECT_EQ(t, mm->counters.cow_copies, 0);
	mm_destroy(child);
	leave_mm(mm);
}

static void readonly_write_is_efault(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	unsigned long kernel_before = fault_action_counts[FAULT_KERNEL];
	u64 v = 0x1122334455667788ULL;

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, PAGE_SIZE, PROT_READ | PROT_WRITE, ANON,
			   0) == (long)UBASE);
	EXPECT_EQ(t, put_user(v, (u64 *)UBASE), 0);
	EXPECT_EQ(t, do_mprotect(mm, UBASE, PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ(t, copy_to_user((void *)UBASE, &v, 8), 8);
	EXPECT_EQ(t, put_user(v, (u64 *)UBASE), -EFAULT);
	EXPECT(t, fault_action_counts[FAULT_KERNEL] >= kernel_before + 2);
	v = 0;
	EXPECT_EQ(t, get_user(v, (u64 *)UBASE), 0);	/* reads still work */
	EXPECT_EQ(t, v, 0x1122334455667788ULL);
	leave_mm(mm);
}

static void unmapped_and_kernel_addresses_are_efault(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	char buf[16];
	int x;

	if (!mm)
		return;
	EXPECT_EQ(t, copy_from_user(buf, (void *)(UBASE + 0x4000000), 8), 8);
	EXPECT_EQ(t, get_user(x, (int *)(UBASE + 0x4000000)), -EFAULT);
	EXPECT_EQ(t, copy_from_user(buf, (void *)__kernel_start, 8), 8);
	EXPECT_EQ(t, copy_to_user((void *)__data_start, buf, 8), 8);
	EXPECT_EQ(t, copy_from_user(buf, (void *)(TASK_SIZE - 4), 8), 8);
	EXPECT_EQ(t, get_user(x, (int *)NULL), -EFAULT);
	leave_mm(mm);
}

/* A copy that runs off the end of a mapping reports exactly how much of it
 * did not happen. */
static void partial_copy_counts_bytes(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	char buf[32], back[10];

	if (!mm)
		return;
	memset(buf, 'x', sizeof(buf));
	REQUIRE(t, do_mmap(mm, UBASE, PAGE_SIZE, PROT_READ | PROT_WRITE, ANON,
			   0) == (long)UBASE);
	EXPECT_EQ(t, copy_to_user((void *)(UBASE + PAGE_SIZE - 10), buf, 30), 20);
	EXPECT_EQ(t, copy_from_user(back, (void *)(UBASE + PAGE_SIZE - 10), 10), 0);
	EXPECT(t, !memcmp(back, buf, 10));
	EXPECT_EQ(t, copy_from_user(buf, (void *)(UBASE + PAGE_SIZE - 3), 8), 5);
	leave_mm(mm);
}

static void strings_from_user(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	char s[32];

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, PAGE_SIZE, PROT_READ | PROT_WRITE, ANON,
			   0) == (long)UBASE);
	EXPECT_EQ(t, copy_to_user((void *)UBASE, "/bin/sh", 8), 0);
	EXPECT_EQ(t, strncpy_from_user(s, (char *)UBASE, sizeof(s)), 7);
	EXPECT(t, !strcmp(s, "/bin/sh"));
	EXPECT_EQ(t, strncpy_from_user(s, (char *)UBASE, 4), 4);
	EXPECT_EQ(t, copy_to_user((void *)(UBASE + PAGE_SIZE - 2), "ab", 2), 0);
	EXPECT_EQ(t, strncpy_from_user(s, (char *)(UBASE + PAGE_SIZE - 2),
				       sizeof(s)), -EFAULT);
	leave_mm(mm);
}

static void stack_grows_down(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	unsigned long top = UBASE + 0x2000000;
	struct vm_area_struct *stack;

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, top - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			   ANON | MAP_GROWSDOWN, 0) == (long)(top - PAGE_SIZE));
	EXPECT_EQ(t, put_user(1, (int *)(top - 3 * PAGE_SIZE)), 0);
	stack = find_vma(mm, top - 1);
	EXPECT_EQ(t, stack->vm_start, top - 3 * PAGE_SIZE);
	/* Beyond the stack limit: refused. */
	EXPECT_EQ(t, put_user(1, (int *)(top - mm->stack_limit - PAGE_SIZE)),
		  -EFAULT);
	leave_mm(mm);
}

static void address_space_leaves_no_pages(struct ktap_case_state *t)
{
	unsigned long before = nr_free_pages();
	struct mm_struct *mm = enter_new_mm(t);
	unsigned long i;

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, 64 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			   ANON, 0) == (long)UBASE);
	for (i = 0; i < 64; i += 3)
		EXPECT_EQ(t, put_user(i, (unsigned long *)(UBASE + i * PAGE_SIZE)), 0);
	EXPECT(t, nr_free_pages() < before);
	leave_mm(mm);
	EXPECT_EQ(t, nr_free_pages(), before);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(demand_zero_read_then_write),
	KTAP_CASE(cow_after_duplicate),
	KTAP_CASE(readonly_write_is_efault),
	KTAP_CASE(unmapped_and_kernel_addresses_are_efault),
	KTAP_CASE(partial_copy_counts_bytes),
	KTAP_CASE(strings_from_user),
	KTAP_CASE(stack_grows_down),
	KTAP_CASE(address_space_leaves_no_pages),
};
KTAP_SUITE(uaccess_suite, "uaccess", cases);
