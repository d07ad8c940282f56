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
#include <page.h>
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

/*
 * Every helper in include/uaccess.h given one bad user pointer must fail
 * whole (-EFAULT, or all n bytes not copied) and leave the kernel side of
 * the copy as it was. what names the address in failure messages.
 */
#define FAILS(t, what, addr, expr, want) do {				\
	long _r = (long)(expr);						\
	if (_r != (long)(want))						\
		ktap_fail(t, __FILE__, __LINE__,			\
			  "%s (%#lx): %s = %ld, want %ld", what,	\
			  (unsigned long)(addr), #expr, _r, (long)(want)); \
} while (0)

static void every_helper_fails(struct ktap_case_state *t, const char *what,
			       unsigned long addr)
{
	void __user *p = (void __user *)addr;
	u8 v8 = 0x81, kbuf[24];
	u16 v16 = 0x8282;
	u32 v32 = 0x83838383;
	u64 v64 = 0x8484848484848484ULL;
	char s[8] = "unset";
	unsigned int i;

	memset(kbuf, 0xa5, sizeof(kbuf));
	FAILS(t, what, addr, copy_to_user(p, kbuf, 16), 16);
	FAILS(t, what, addr, copy_from_user(kbuf, p, 16), 16);
	FAILS(t, what, addr, copy_from_user(kbuf, p, 1), 1);
	FAILS(t, what, addr, get_user(v8, (u8 __user *)p), -EFAULT);
	FAILS(t, what, addr, get_user(v16, (u16 __user *)p), -EFAULT);
	FAILS(t, what, addr, get_user(v32, (u32 __user *)p), -EFAULT);
	FAILS(t, what, addr, get_user(v64, (u64 __user *)p), -EFAULT);
	FAILS(t, what, addr, put_user(v8, (u8 __user *)p), -EFAULT);
	FAILS(t, what, addr, put_user(v16, (u16 __user *)p), -EFAULT);
	FAILS(t, what, addr, put_user(v32, (u32 __user *)p), -EFAULT);
	FAILS(t, what, addr, put_user(v64, (u64 __user *)p), -EFAULT);
	FAILS(t, what, addr, strncpy_from_user(s, p, sizeof(s)), -EFAULT);
	for (i = 0; i < sizeof(kbuf) && kbuf[i] == 0xa5; i++)
		;
	FAILS(t, what, addr, i, sizeof(kbuf));	/* nothing read in */
	FAILS(t, what, addr, v8, 0x81);
	FAILS(t, what, addr, v16, 0x8282);
	FAILS(t, what, addr, v32, 0x83838383);
	FAILS(t, what, addr, v64 == 0x8484848484848484ULL, 1);
}

/* Unmapped user addresses: each helper reaches arch_copy_user, faults,
 * and comes back through the exception table (counted as FAULT_KERNEL),
 * never an oops. */
static void every_helper_efault_on_unmapped(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	unsigned long kernel_before = fault_action_counts[FAULT_KERNEL];
	u8 kbuf[16];

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, PAGE_SIZE, PROT_NONE, ANON, 0) ==
		   (long)UBASE);
	every_helper_fails(t, "NULL", 0);
	every_helper_fails(t, "near NULL", 64);
	every_helper_fails(t, "unmapped", UBASE + 0x4000000);
	every_helper_fails(t, "PROT_NONE", UBASE + 8);
	every_helper_fails(t, "top of user space", TASK_SIZE - 16);
	/* 5 addresses x 12 helper calls, each a fault and a fixup */
	EXPECT(t, fault_action_counts[FAULT_KERNEL] >= kernel_before + 60);
	/* and the routine itself, in both directions */
	EXPECT_EQ(t, arch_copy_user(kbuf, (void *)(UBASE + 0x4000000), 16), 16);
	EXPECT_EQ(t, arch_copy_user((void *)(UBASE + 0x4000000), kbuf, 16), 16);
	EXPECT_EQ(t, arch_copy_user(kbuf, (void *)UBASE, 1), 1);
	leave_mm(mm);
}

/* Kernel addresses (and ranges reaching past the user limit) are refused
 * by access_ok before any access: no fault, nothing read or written. */
static void every_helper_efault_on_kernel_address(struct ktap_case_state *t)
{
	struct mm_struct *mm = enter_new_mm(t);
	unsigned long faults_before = fault_action_counts[FAULT_KERNEL];
	u8 *victim = get_zeroed_page(), kbuf[16];
	unsigned int i;

	if (!mm)
		return;
	REQUIRE(t, victim);
	memset(victim, 0x3c, PAGE_SIZE);
	every_helper_fails(t, "kernel text", (unsigned long)__text_start);
	every_helper_fails(t, "kernel data", (unsigned long)__data_start);
	every_helper_fails(t, "direct map", (unsigned long)victim);
	every_helper_fails(t, "user limit", TASK_SIZE);
	every_helper_fails(t, "top of memory", ~0UL - 15);
	every_helper_fails(t, "straddling the user limit", TASK_SIZE - 4);
	for (i = 0; i < PAGE_SIZE && victim[i] == 0x3c; i++)
		;
	EXPECT_EQ(t, i, PAGE_SIZE);			/* not written */
	EXPECT_EQ(t, copy_to_user((void *)(TASK_SIZE - 8), kbuf, 16), 16);
	EXPECT_EQ(t, copy_from_user(kbuf, (void *)(~0UL - 7), 16), 16);
	/* access_ok refused every one before any access, except the 1, 2
	 * and 4-byte ones of "straddling", which fit below the limit: 8
	 * calls (copy_from_user of 1, get_user and put_user of 1, 2 and 4,
	 * strncpy_from_user's first byte) that fault on an unmapped page. */
	EXPECT_EQ(t, fault_action_counts[FAULT_KERNEL], faults_before + 8);
	free_page_va(victim);
	leave_mm(mm);
}

/*
 * Every path through arch_copy_user (alignment bytes, the word loop, the
 * tail bytes) faulting at a page boundary, in both directions: the count
 * not copied is exact, and what was copied is right.
 */
static void copy_paths_stop_at_the_boundary(struct ktap_case_state *t)
{
	static const unsigned int sizes[] = { 1, 3, 8, 13, 24, 67 };
	static const unsigned int before_end[] = { 0, 1, 5, 8, 9, 16, 31 };
	struct mm_struct *mm = enter_new_mm(t);
	unsigned long end = UBASE + PAGE_SIZE;
	u8 src[80], back[80];
	unsigned int i, j, k;

	if (!mm)
		return;
	REQUIRE(t, do_mmap(mm, UBASE, PAGE_SIZE, PROT_READ | PROT_WRITE, ANON,
			   0) == (long)UBASE);
	for (k = 0; k < sizeof(src); k++)
		src[k] = (u8)(k * 7 + 1);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < ARRAY_SIZE(before_end); j++) {
			unsigned int n = sizes[i], in = before_end[j];
			unsigned int lost = n > in ? n - in : 0;
			unsigned long at = end - in;
			size_t r;

			/* kernel source at an offset of its own */
			r = copy_to_user((void *)at, src + 3, n);
			if (r != lost)
				ktap_fail(t, __FILE__, __LINE__,
					  "copy_to_user %u bytes, %u before the "
					  "end: %lu not copied, want %u", n, in,
					  (unsigned long)r, lost);
			memset(back, 0, sizeof(back));
			r = copy_from_user(back + 1, (void *)at, n);
			if (r != lost)
				ktap_fail(t, __FILE__, __LINE__,
					  "copy_from_user %u bytes, %u before "
					  "the end: %lu not copied, want %u", n,
					  in, (unsigned long)r, lost);
			if (memcmp(back + 1, src + 3, n - lost))
				ktap_fail(t, __FILE__, __LINE__,
					  "%u bytes, %u before the end: the "
					  "copied part differs", n, in);
		}
	}
	leave_mm(mm);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(demand_zero_read_then_write),
	KTAP_CASE(cow_after_duplicate),
	KTAP_CASE(readonly_write_is_efault),
	KTAP_CASE(unmapped_and_kernel_addresses_are_efault),
	KTAP_CASE(every_helper_efault_on_unmapped),
	KTAP_CASE(every_helper_efault_on_kernel_address),
	KTAP_CASE(copy_paths_stop_at_the_boundary),
	KTAP_CASE(partial_copy_counts_bytes),
	KTAP_CASE(strings_from_user),
	KTAP_CASE(stack_grows_down),
	KTAP_CASE(address_space_leaves_no_pages),
};
KTAP_SUITE(uaccess_suite, "uaccess", cases);
