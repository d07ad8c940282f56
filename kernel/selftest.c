/* Runs the in-kernel KTAP suites (command line "selftest") and the crash
 * injector ("crashtest=<kind>") that lets make test check the oops path. */
#include <selftest.h>
#include <printk.h>
#include <string.h>
#include <kernel_map.h>
#include <page.h>
#include <sched.h>
#include <arch.h>

static const struct ktap_suite *const suites[] = {
	&vsprintf_suite,
	&page_alloc_suite,
	&kmalloc_suite,
	&pgtable_suite,
	&kernel_map_suite,
	&timer_suite,
	&fdt_suite,
	&console_suite,
	&uaccess_suite,
	&accessed_dirty_suite,
	&fault_retry_suite,
	&sched_suite,
	&vmap_suite,
	&smp_suite,
};

int run_selftests(const char *only)
{
	int failed = 0, run = 0;
	unsigned int i;
	unsigned long free_before = nr_free_pages();

	printk("# selftest: %u suites\n", only && only[0] ? 1 :
	       (unsigned int)ARRAY_SIZE(suites));
	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		if (only && only[0] && strcmp(only, suites[i]->name))
			continue;
		failed += ktap_run_suite(suites[i]);
		run++;
	}
	if (!run)
		printk("# selftest: no suite is called '%s'\n", only);
	printk("# selftest: done, %d failed, free pages %lu before, %lu after\n",
	       failed, free_before, nr_free_pages());
	return failed + !run;
}

/* Never equal to a depth: the recursion below needs an exit the
 * compiler cannot see is never taken. */
static volatile unsigned long no_depth = ~0UL;

/* A few hundred bytes a frame, and work after the call so that it stays a
 * recursion: far more frames than a kernel stack holds. */
static __attribute__((noinline)) long recurse(volatile char *up,
					      unsigned long depth)
{
	volatile char frame[256];

	frame[0] = up ? up[0] + 1 : 0;
	frame[sizeof(frame) - 1] = frame[0];
	if (depth == no_depth)
		return frame[0];
	return recurse(frame, depth + 1) + frame[sizeof(frame) - 1];
}

static int stack_hog(void *unused)
{
	(void)unused;
	printk("crashtest: stack: pid %d recurses on its stack %p-%p\n",
	       current->pid, current->kstack,
	       (char *)current->kstack + KSTACK_SIZE);
	return (int)recurse(NULL, 0);
}

/* A kernel thread runs off the bottom of its stack into the guard. */
static void crash_stack(void)
{
	struct task *t = kthread_create("stackhog", stack_hog, NULL);
	int pid;

	if (!t) {
		printk("crashtest: stack: cannot create a kernel thread\n");
		return;
	}
	pid = t->pid;
	while (find_task(pid))
		schedule();
	/* Only if the oops could kill the thread instead of stopping. */
	printk("crashtest: stack: pid %d is gone and the kernel survived\n",
	       pid);
	arch_poweroff(0);
}

/* Each kind is a different oops the arch trap code must decode: a NULL
 * dereference, a write to read-only kernel text, a trap instruction, a
 * kernel stack overflow. */
void crashtest(const char *kind)
{
	printk("crashtest: %s\n", kind);
	if (!strcmp(kind, "null")) {
		unsigned long near_null = 16;

		/* Hide the constant so the compiler cannot see the bug. */
		__asm__ volatile("" : "+r"(near_null));
		WRITE_ONCE(*(volatile int *)near_null, 1);
	} else if (!strcmp(kind, "wtext")) {
		WRITE_ONCE(*(volatile char *)__text_start, 0);
	} else if (!strcmp(kind, "trap")) {
		__builtin_trap();	/* ebreak, brk or ud2 */
	} else if (!strcmp(kind, "stack")) {
		crash_stack();
	} else {
		printk("crashtest: unknown kind '%s' (null, wtext, trap, "
		       "stack)\n", kind);
		return;
	}
	printk("crashtest: %s did not crash\n", kind);
}
