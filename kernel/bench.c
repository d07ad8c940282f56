/*
 * In-kernel benchmarks (command line "bench"), printed as figures, never
 * pass/fail: the cost of an anonymous write fault and of a copy-on-write
 * fault, each as a ratio to zeroing one page measured in the same run, so
 * the numbers mean the same on a fast or slow (TCG) machine.
 */
#include <selftest.h>
#include <mm.h>
#include <fault.h>
#include <uaccess.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <uapi/mman.h>

#define BENCH_PAGES 256
#define BENCH_BASE 0x20000000UL

static u64 time_zeroing(void *buf)
{
	u64 t0 = ktime_get_ns();
	int i;

	for (i = 0; i < BENCH_PAGES; i++)
		memset(buf, 0, PAGE_SIZE);
	return ktime_get_ns() - t0;
}

/* One put_user per page: each takes exactly one fault of the kind set up. */
static u64 time_touching(void)
{
	u64 t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < BENCH_PAGES; i++)
		put_user(i, (unsigned long *)(BENCH_BASE + i * PAGE_SIZE));
	return ktime_get_ns() - t0;
}

static void print_ratio(const char *what, u64 ns, u64 zero_ns)
{
	u64 milli = zero_ns ? ns * 1000 / zero_ns : 0;

	printk("bench: %-22s %6llu ns/page  %llu.%03llu x zeroing a page\n",
	       what, ns / BENCH_PAGES, milli / 1000, milli % 1000);
}

void run_benchmarks(void)
{
	struct mm_struct *mm = mm_create(TASK_SIZE), *child;
	void *buf = get_zeroed_page();
	u64 zero_ns, write_ns, cow_ns;

	if (!mm || !buf) {
		printk("bench: out of memory\n");
		return;
	}
	switch_mm(mm);
	do_mmap(mm, BENCH_BASE, BENCH_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	zero_ns = time_zeroing(buf);
	write_ns = time_touching();		/* demand-zero write faults */
	child = mm_duplicate(mm);		/* write-protects every page */
	cow_ns = child ? time_touching() : 0;	/* parent copies each page */
	zero_ns = (zero_ns + time_zeroing(buf)) / 2;	/* before and after */

	printk("bench: reference: zeroing one page %llu ns\n",
	       zero_ns / BENCH_PAGES);
	print_ratio("anonymous write fault", write_ns, zero_ns);
	if (child)
		print_ratio("copy-on-write fault", cow_ns, zero_ns);
	printk("bench: cow copies %lu, minor faults %lu\n",
	       mm->counters.cow_copies, mm->counters.minor);
	if (child)
		mm_destroy(child);
	switch_mm(NULL);
	mm_destroy(mm);
	free_page_va(buf);
}
