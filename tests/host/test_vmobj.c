/*
 * Host tests of mappings with a backing object (vm_operations) and of
 * memory failure, over real page tables on the fake arch: a fake "file"
 * object with a size (SIGBUS past it), shared and private mappings of it,
 * reference counting across split, merge, fork and exit, a slow object
 * whose first fault drops the mmap lock and returns VM_FAULT_RETRY (with
 * and without signals pending), truncation unmapping every mapper, and
 * MADV_HWPOISON's marker, counting and inheritance.
 */
#include "host.h"
#include "host_mmu.h"
#include <mm.h>
#include <fault.h>
#include <uapi/mman.h>
#include <uapi/signal.h>
#include <uapi/errno.h>

#define VT_TASK_SIZE (64UL << 20)
#define OBJ_PAGES 8

/* ---- the fake object ---- */
struct fake_obj {
	struct page *pages[OBJ_PAGES];
	unsigned long size_pages;	/* faults at or past this: SIGBUS */
	int refs;			/* VMAs referring to it */
	int faults;
	/* slow: the first fault on a page drops the lock and says RETRY */
	bool slow;
	bool ready[OBJ_PAGES];
	int readers_in_wait;		/* mmap_lock readers seen "asleep" */
	unsigned int flags_seen[4];
};

static unsigned int fake_fault(struct vm_area_struct *vma, unsigned long pgoff,
			       unsigned int flags, struct page **page)
{
	struct fake_obj *o = vma->vm_private;

	if (o->faults < 4)
		o->flags_seen[o->faults] = flags;
	o->faults++;
	if (pgoff >= o->size_pages)
		return VM_FAULT_SIGBUS;
	if (o->slow && !o->ready[pgoff] && (flags & FAULT_FLAG_ALLOW_RETRY)) {
		struct mm_struct *mm = vma->vm_mm;

		mmap_unlock_for_wait(vma);
		/* "Asleep": the lock is free for others; a signal may end
		 * the wait early, else the page gets produced. */
		o->readers_in_wait = mm->mmap_lock.readers;
		if (!fault_wait_interrupted(flags))
			o->ready[pgoff] = true;
		return VM_FAULT_RETRY;
	}
	if (!o->pages[pgoff]) {
		void *va = get_zeroed_page();

		if (!va)
			return VM_FAULT_OOM;
		o->pages[pgoff] = virt_to_page(va);
		memset(va, 0x40 + (int)pgoff, PAGE_SIZE);
	}
	get_page(o->pages[pgoff]);
	*page = o->pages[pgoff];
	return 0;
}

static void fake_open(struct vm_area_struct *vma)
{
	((struct fake_obj *)vma->vm_private)->refs++;
}

static void fake_close(struct vm_area_struct *vma)
{
	((struct fake_obj *)vma->vm_private)->refs--;
}

static const struct vm_operations fake_ops = {
	.fault = fake_fault,
	.open = fake_open,
	.close = fake_close,
};

static void obj_free(struct fake_obj *o)
{
	unsigned int i;

	for (i = 0; i < OBJ_PAGES; i++)
		if (o->pages[i])
			put_page(o->pages[i]);
	memset(o, 0, sizeof(*o));
}

static u8 obj_byte(struct fake_obj *o, unsigned long pgoff, unsigned long off)
{
	return o->pages[pgoff] ? ((u8 *)page_to_virt(o->pages[pgoff]))[off] : 0;
}

static long map_obj(struct mm_struct *mm, struct fake_obj *o,
		    unsigned long addr, unsigned long pages, unsigned long prot,
		    unsigned long flags, unsigned long pgoff)
{
	struct vm_backing b = { .ops = &fake_ops, .private = o };

	return do_mmap_backed(mm, addr, pages * PAGE_SIZE, prot, flags, pgoff,
			      &b);
}

/* ---- one access through the fake MMU (faults where hardware would) ---- */
static struct fault_result access(struct mm_struct *mm, unsigned long addr,
				  bool write, u8 *val, bool user)
{
	struct fault_result r = { FAULT_DONE, 0 };
	int tries;

	for (tries = 0; tries < 4; tries++) {
		struct pt_regs regs = { .user = user };

		if (host_mmu_access(mm, addr, write, val,
				    write ? PGPROT_WRITE : PGPROT_READ))
			return r;
		r = generic_fault(addr, (user ? FAULT_FLAG_USER : 0) |
				  (write ? FAULT_FLAG_WRITE : 0),
				  write ? VM_WRITE : VM_ACCESS_FLAGS, &regs);
		if (r.action != FAULT_DONE)
			return r;
	}
	r.action = NR_FAULT_ACTIONS;
	return r;
}

static enum fault_action uaccess(struct mm_struct *mm, unsigned long addr,
				 bool write, u8 *val)
{
	return access(mm, addr, write, val, true).action;
}

static struct mm_struct *new_current(void)
{
	struct mm_struct *mm = mm_create(VT_TASK_SIZE);

	set_current_mm(mm);
	clear_signals_current();
	return mm;
}

static void end_current(struct mm_struct *mm)
{
	set_current_mm(NULL);
	clear_signals_current();
	mm_destroy(mm);
}

#define BASE 0x400000UL

/* ---- cases ---- */

static void shared_maps_the_objects_pages(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	struct fake_obj o = { .size_pages = 4 };
	u8 v = 0;

	REQUIRE(t, map_obj(mm, &o, BASE, 4, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_FIXED, 0) == (long)BASE);
	EXPECT_EQ(t, o.refs, 1);
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE + 5, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 0x41);
	v = 0x99;
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE + 5, true, &v), FAULT_DONE);
	EXPECT_EQ(t, obj_byte(&o, 1, 5), 0x99);	/* the object's own page */
	EXPECT_EQ(t, mm->rss, 1);
	EXPECT_EQ(t, mm->counters.cow_copies, 0);
	end_current(mm);
	EXPECT_EQ(t, o.refs, 0);
	EXPECT_EQ(t, o.pages[1]->refcount, 1);	/* only the object's now */
	obj_free(&o);
}

static void private_copies_on_write(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	struct fake_obj o = { .size_pages = 4 };
	u8 v = 0;

	REQUIRE(t, map_obj(mm, &o, BASE, 2, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_FIXED, 2) == (long)BASE);
	EXPECT_EQ(t, uaccess(mm, BASE, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 0x42);			/* pgoff 2 */
	v = 7;
	EXPECT_EQ(t, uaccess(mm, BASE, true, &v), FAULT_DONE);
	EXPECT_EQ(t, mm->counters.cow_copies, 1);
	EXPECT_EQ(t, obj_byte(&o, 2, 0), 0x42);	/* untouched */
	v = 9;				/* a write fault copies at once */
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE, true, &v), FAULT_DONE);
	EXPECT_EQ(t, mm->counters.cow_copies, 2);
	EXPECT_EQ(t, obj_byte(&o, 3, 0), 0x43);
	v = 0;
	EXPECT_EQ(t, uaccess(mm, BASE, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 7);
	end_current(mm);
	EXPECT_EQ(t, o.pages[2]->refcount, 1);
	obj_free(&o);
}

static void past_the_end_is_sigbus(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	struct fake_obj o = { .size_pages = 1 };
	struct fault_result r;
	u8 v = 1;

	REQUIRE(t, map_obj(mm, &o, BASE, 3, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_FIXED, 0) == (long)BASE);
	EXPECT_EQ(t, uaccess(mm, BASE + 10, false, &v), FAULT_DONE);
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE, false, &v), FAULT_SIGBUS);
	EXPECT_EQ(t, uaccess(mm, BASE + 2 * PAGE_SIZE, true, &v),
		  FAULT_SIGBUS);
	r = access(mm, BASE + PAGE_SIZE, false, &v, false);	/* uaccess */
	EXPECT_EQ(t, r.action, FAULT_KERNEL);
	/* The object grows: the page is there now. */
	o.size_pages = 2;
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE, false, &v), FAULT_DONE);
	end_current(mm);
	obj_free(&o);
}

/* Every VMA holds one reference: split, fork, merge and exit keep the
 * count right, and mergeable neighbours of one object merge. */
static void references_follow_vmas(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current(), *child;
	struct fake_obj o = { .size_pages = OBJ_PAGES }, other = { 0 };
	unsigned long f = MAP_SHARED | MAP_FIXED;
	u8 v = 3;

	REQUIRE(t, map_obj(mm, &o, BASE, 6, PROT_READ | PROT_WRITE, f, 0) ==
		(long)BASE);
	EXPECT_EQ(t, uaccess(mm, BASE + 4 * PAGE_SIZE, true, &v), FAULT_DONE);
	EXPECT_EQ(t, do_munmap(mm, BASE + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_EQ(t, o.refs, 2);			/* split in two */
	EXPECT_EQ(t, do_mprotect(mm, BASE, PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ(t, o.refs, 3);
	EXPECT_EQ(t, do_mprotect(mm, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE),
		  0);
	EXPECT_EQ(t, o.refs, 2);			/* merged back */
	/* The hole refilled at the right offset merges; at a wrong one or
	 * with another object it does not. */
	EXPECT_EQ(t, map_obj(mm, &o, BASE + 2 * PAGE_SIZE, 1,
			     PROT_READ | PROT_WRITE, f, 7),
		  (long)(BASE + 2 * PAGE_SIZE));
	EXPECT_EQ(t, mm->vmas.count, 3);
	EXPECT_EQ(t, map_obj(mm, &other, BASE + 2 * PAGE_SIZE, 1,
			     PROT_READ | PROT_WRITE, f, 2),
		  (long)(BASE + 2 * PAGE_SIZE));
	EXPECT_EQ(t, o.refs, 2);
	EXPECT_EQ(t, other.refs, 1);
	EXPECT_EQ(t, map_obj(mm, &o, BASE + 2 * PAGE_SIZE, 1,
			     PROT_READ | PROT_WRITE, f, 2),
		  (long)(BASE + 2 * PAGE_SIZE));
	EXPECT_EQ(t, mm->vmas.count, 1);
	EXPECT_EQ(t, o.refs, 1);
	EXPECT_EQ(t, other.refs, 0);
	child = mm_duplicate(mm);
	REQUIRE(t, child);
	EXPECT_EQ(t, o.refs, 2);
	set_current_mm(child);
	v = 0;
	EXPECT_EQ(t, uaccess(child, BASE + 4 * PAGE_SIZE, false, &v),
		  FAULT_DONE);
	EXPECT_EQ(t, v, 3);
	mm_destroy(child);
	set_current_mm(mm);
	EXPECT_EQ(t, o.refs, 1);
	end_current(mm);
	EXPECT_EQ(t, o.refs, 0);
	obj_free(&o);
	obj_free(&other);
}

/* The first fault drops the lock (nobody holds it while it "sleeps") and
 * returns RETRY; generic_fault retries with FAULT_FLAG_TRIED. */
static void slow_page_retries(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	struct fake_obj o = { .size_pages = 2, .slow = true };
	u8 v = 0;

	REQUIRE(t, map_obj(mm, &o, BASE, 2, PROT_READ, MAP_SHARED | MAP_FIXED,
			   0) == (long)BASE);
	EXPECT_EQ(t, uaccess(mm, BASE + 1, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 0x40);
	EXPECT_EQ(t, o.faults, 2);
	EXPECT_EQ(t, o.readers_in_wait, 0);
	EXPECT(t, o.flags_seen[0] & FAULT_FLAG_ALLOW_RETRY);
	EXPECT(t, !(o.flags_seen[0] & FAULT_FLAG_TRIED));
	EXPECT(t, o.flags_seen[1] & FAULT_FLAG_TRIED);
	EXPECT_EQ(t, mm->counters.retries, 1);
	EXPECT_EQ(t, mm->mmap_lock.readers, 0);
	end_current(mm);
	obj_free(&o);
}

/* A signal ends the wait: a user fault returns to handle it (NOTHING),
 * a kernel fault goes on unless the signal is fatal (then KERN). */
static void slow_page_with_signals(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	struct fake_obj o = { .size_pages = 4, .slow = true };
	struct fault_result r;
	u8 v = 0;

	REQUIRE(t, map_obj(mm, &o, BASE, 4, PROT_READ, MAP_SHARED | MAP_FIXED,
			   0) == (long)BASE);
	send_signal_current(SIGUSR1);
	EXPECT_EQ(t, uaccess(mm, BASE, false, &v), FAULT_NOTHING);
	EXPECT_EQ(t, o.ready[0], false);
	clear_signals_current();
	EXPECT_EQ(t, uaccess(mm, BASE, false, &v), FAULT_DONE);

	send_signal_current(SIGUSR1);		/* kernel mode: waits on */
	r = access(mm, BASE + PAGE_SIZE, false, &v, false);
	EXPECT_EQ(t, r.action, FAULT_DONE);
	EXPECT_EQ(t, v, 0x41);

	send_signal_current(SIGKILL);		/* fatal: gives up */
	r = access(mm, BASE + 2 * PAGE_SIZE, false, &v, false);
	EXPECT_EQ(t, r.action, FAULT_KERNEL);
	EXPECT_EQ(t, o.ready[2], false);
	EXPECT_EQ(t, mm->mmap_lock.readers, 0);
	EXPECT_EQ(t, mm->rss, 2);
	end_current(mm);
	obj_free(&o);
}

/* Truncation: the pages past the new end go from every mapping, shared
 * and private copies alike, in every address space. */
static void unmap_object_pages_reaches_every_mm(struct ktap_case_state *t)
{
	struct mm_struct *a = new_current(), *b = mm_create(VT_TASK_SIZE);
	struct fake_obj o = { .size_pages = 4 };
	u8 v = 5;

	REQUIRE(t, b);
	REQUIRE(t, map_obj(a, &o, BASE, 4, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_FIXED, 0) == (long)BASE);
	REQUIRE(t, map_obj(b, &o, BASE + 0x100000, 2, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_FIXED, 2) ==
		(long)(BASE + 0x100000));
	EXPECT_EQ(t, uaccess(a, BASE + 3 * PAGE_SIZE, true, &v), FAULT_DONE);
	EXPECT_EQ(t, uaccess(a, BASE, true, &v), FAULT_DONE);
	set_current_mm(b);
	EXPECT_EQ(t, uaccess(b, BASE + 0x100000, true, &v), FAULT_DONE);
	EXPECT_EQ(t, uaccess(b, BASE + 0x101000, false, &v), FAULT_DONE);
	EXPECT_EQ(t, b->rss, 2);
	o.size_pages = 2;
	unmap_object_pages(&fake_ops, &o, 2, ~0UL);
	EXPECT_EQ(t, a->rss, 1);
	EXPECT_EQ(t, b->rss, 0);
	EXPECT_EQ(t, uaccess(b, BASE + 0x100000, false, &v), FAULT_SIGBUS);
	set_current_mm(a);
	EXPECT_EQ(t, uaccess(a, BASE + 3 * PAGE_SIZE, false, &v),
		  FAULT_SIGBUS);
	EXPECT_EQ(t, uaccess(a, BASE, false, &v), FAULT_DONE);
	mm_destroy(b);
	end_current(a);
	obj_free(&o);
}

/* MADV_HWPOISON: the marker, SIGBUS with the page shift, inheritance by
 * fork, and the frame retired for good. */
static void hwpoison_marker(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current(), *child;
	unsigned long poisoned = nr_poisoned_pages(), free_before;
	struct fault_result r;
	pte_t *pte;
	u8 v = 1;

	REQUIRE(t, do_mmap(mm, BASE, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0) ==
		(long)BASE);
	EXPECT_EQ(t, uaccess(mm, BASE, true, &v), FAULT_DONE);
	free_before = nr_free_pages();
	EXPECT_EQ(t, memory_failure_inject(mm, BASE, 2 * PAGE_SIZE), 0);
	EXPECT_EQ(t, nr_poisoned_pages(), poisoned + 2);
	pte = pgtable_pte(mm->pgd, BASE, false);
	REQUIRE(t, pte);
	EXPECT_EQ(t, *pte, PTE_HWPOISON);
	EXPECT_EQ(t, mm->rss, 0);
	/* Neither frame went back to the free lists. */
	EXPECT(t, nr_free_pages() <= free_before);
	r = access(mm, BASE + 0x123, false, &v, true);
	EXPECT_EQ(t, r.action, FAULT_HWPOISON);
	EXPECT_EQ(t, r.lsb, PAGE_SHIFT);
	r = access(mm, BASE + PAGE_SIZE, true, &v, true);
	EXPECT_EQ(t, r.action, FAULT_HWPOISON);
	EXPECT_EQ(t, access(mm, BASE, false, &v, false).action,
		  FAULT_KERNEL);
	EXPECT_EQ(t, uaccess(mm, BASE + 2 * PAGE_SIZE, false, &v),
		  FAULT_DONE);				/* its neighbour */
	EXPECT_EQ(t, do_mprotect(mm, BASE, PAGE_SIZE, PROT_NONE), 0);
	EXPECT_EQ(t, do_mprotect(mm, BASE, PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ(t, *pte, PTE_HWPOISON);	/* mprotect keeps it */
	child = mm_duplicate(mm);
	REQUIRE(t, child);
	set_current_mm(child);
	EXPECT_EQ(t, uaccess(child, BASE, false, &v), FAULT_HWPOISON);
	mm_destroy(child);
	set_current_mm(mm);
	/* Errors: unaligned, unmapped (get_user_pages finds nothing). */
	EXPECT_EQ(t, memory_failure_inject(mm, BASE + 1, PAGE_SIZE), -EINVAL);
	EXPECT_EQ(t, memory_failure_inject(mm, BASE + 0x100000, PAGE_SIZE),
		  -EFAULT);
	EXPECT_EQ(t, memory_failure_inject(mm, BASE, PAGE_SIZE), 0);
	EXPECT_EQ(t, nr_poisoned_pages(), poisoned + 2);
	/* MADV_DONTNEED clears the marker: fresh zeros. */
	EXPECT_EQ(t, do_madvise_dontneed(mm, BASE, PAGE_SIZE), 0);
	EXPECT_EQ(t, uaccess(mm, BASE, false, &v), FAULT_DONE);
	EXPECT_EQ(t, v, 0);
	end_current(mm);
}

/* A poisoned object page stays in the object: every later mapping of it
 * faults with HWPOISON; the object's reference keeps it off the free
 * lists until the object lets go, and then it is still not freed. */
static void hwpoison_object_page(struct ktap_case_state *t)
{
	struct mm_struct *mm = new_current();
	struct fake_obj o = { .size_pages = 2 };
	unsigned long poisoned = nr_poisoned_pages(), free_before;
	u8 v = 0;

	REQUIRE(t, map_obj(mm, &o, BASE, 2, PROT_READ, MAP_SHARED | MAP_FIXED,
			   0) == (long)BASE);
	REQUIRE(t, map_obj(mm, &o, BASE + 0x10000, 2, PROT_READ,
			   MAP_PRIVATE | MAP_FIXED, 0) ==
		(long)(BASE + 0x10000));
	EXPECT_EQ(t, uaccess(mm, BASE + 0x10000 + PAGE_SIZE, false, &v),
		  FAULT_DONE);
	/* Poisoning through one mapping finds the page in the other. */
	EXPECT_EQ(t, memory_failure_inject(mm, BASE + PAGE_SIZE, PAGE_SIZE),
		  0);
	EXPECT_EQ(t, nr_poisoned_pages(), poisoned + 1);
	EXPECT(t, o.pages[1]->flags & PG_HWPOISON);
	EXPECT_EQ(t, uaccess(mm, BASE + 0x10000 + PAGE_SIZE, false, &v),
		  FAULT_HWPOISON);
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE, false, &v),
		  FAULT_HWPOISON);
	EXPECT_EQ(t, uaccess(mm, BASE, false, &v), FAULT_DONE);
	EXPECT_EQ(t, do_munmap(mm, BASE, 2 * PAGE_SIZE), 0);
	REQUIRE(t, map_obj(mm, &o, BASE, 2, PROT_READ, MAP_SHARED | MAP_FIXED,
			   0) == (long)BASE);
	EXPECT_EQ(t, uaccess(mm, BASE + PAGE_SIZE, false, &v),
		  FAULT_HWPOISON);
	end_current(mm);
	free_before = nr_free_pages();
	obj_free(&o);
	EXPECT_EQ(t, nr_free_pages(), free_before + 1);	/* page 0 only */
	EXPECT_EQ(t, nr_poisoned_pages(), poisoned + 1);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(shared_maps_the_objects_pages),
	KTAP_CASE(private_copies_on_write),
	KTAP_CASE(past_the_end_is_sigbus),
	KTAP_CASE(references_follow_vmas),
	KTAP_CASE(slow_page_retries),
	KTAP_CASE(slow_page_with_signals),
	KTAP_CASE(unmap_object_pages_reaches_every_mm),
	KTAP_CASE(hwpoison_marker),
	KTAP_CASE(hwpoison_object_page),
};
KTAP_SUITE(host_vmobj_suite, "host_vm_objects", cases);
