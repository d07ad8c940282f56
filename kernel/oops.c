/*
 * The oops: what every arch prints for a trap the kernel did not expect, in
 * one format (cause in words, faulting address, PC, registers, backtrace),
 * and what happens next: the offending process dies and the kernel goes
 * on, or, where no process can be blamed, the machine is stopped. The
 * unwinder follows frame pointers and stops at anything that does not look
 * like a kernel frame.
 */
#include <oops.h>
#include <arch.h>
#include <printk.h>
#include <kernel_map.h>
#include <page.h>
#include <irq.h>
#include <fault.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <smp.h>
#include <bkl.h>
#include <lockcheck.h>
#include <asm/memory.h>

#define BACKTRACE_MAX 32

/* An oops is being printed on that CPU: a fault there now is a fault
 * inside the oops. */
static bool in_oops[NR_CPUS];
/* The task the last oops killed, which may still be tearing itself down
 * (the pid too: its task structure may be reused once it is freed). */
static const struct task *oops_victim;
static int oops_victim_pid;

/*
 * Can [lo, hi) be read without faulting? The kernel page tables know: the
 * unwinder follows pointers found on stacks, and one bad frame pointer must
 * not turn an oops into a fault inside the oops (guard pages included).
 */
bool kernel_readable(unsigned long lo, unsigned long hi)
{
	unsigned long page;

	const struct task *t = current;

	if (hi <= lo)
		return false;
	/* The running task's own stack is mapped: the common case of a
	 * backtrace (the lock checker takes one per lock), without walking
	 * the page tables for every frame. */
	if (t && t->kstack && lo >= (unsigned long)t->kstack &&
	    hi <= (unsigned long)t->kstack + KSTACK_SIZE)
		return true;
	if (!kernel_pgtable)	/* early boot: only the image is certain */
		return lo >= (unsigned long)__kernel_start &&
		       hi <= (unsigned long)__kernel_end;
	for (page = ALIGN_DOWN(lo, PAGE_SIZE); page < hi; page += PAGE_SIZE)
		if (!pgtable_translate(kernel_pgtable, page, NULL, NULL))
			return false;
	return true;
}

int backtrace_collect(unsigned long fp, unsigned long *ret, int max)
{
	int depth;

	for (depth = 0; depth < max && fp; depth++) {
		unsigned long next_fp;

		if (!IS_ALIGNED(fp, sizeof(long)) ||
		    !kernel_readable(fp - 2 * sizeof(long), fp + 2 * sizeof(long)) ||
		    !arch_unwind_frame(fp, &next_fp, &ret[depth]))
			break;
		if (!kernel_text_address(ret[depth]))
			break;
		/* Stacks grow down, so callers' frames lie at higher
		 * addresses; anything else is a loop or garbage. */
		if (next_fp <= fp) {
			depth++;
			break;
		}
		fp = next_fp;
	}
	return depth;
}

void show_return_addresses(const unsigned long *ret, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		printk("  [<%#018lx>]\n", ret[i]);
	printk("  (resolve with: addr2line -e build/%s/faultline.elf ADDR)\n",
	       arch_name);
}

void show_backtrace(unsigned long fp)
{
	unsigned long ret[BACKTRACE_MAX];

	printk("Call trace:\n");
	show_return_addresses(ret, backtrace_collect(fp, ret, BACKTRACE_MAX));
}

void dump_stack(void)
{
	show_backtrace(arch_current_frame());
}

/* Why the oops cannot be survived by killing current, or NULL if it can. */
static const char *cannot_kill(const struct pt_regs *regs)
{
	const struct task *t = current;

	if (in_interrupt())
		return "in an interrupt handler";
	if (regs_user_mode(regs))
		return "with user-mode registers";
	if (!t || t->pid == 0)
		return "in the idle task";
	if (!t->mm)
		return "in a kernel thread";
	if (t == oops_victim && t->pid == oops_victim_pid)
		return "in a task already dying from an oops";
	if (!bkl_held()) {
		/* A user fault's generic_fault runs without it. Killing
		 * needs it, and waiting for it is safe only holding no
		 * spinlock (include/bkl.h), which only the checker knows;
		 * a spinlock left held would hang whoever wants it next. */
		if (lockcheck_nr_held() != 0)
			return "outside the big kernel lock, maybe holding a spinlock";
		bkl_lock();
	}
	return NULL;
}

/*
 * The sleeping locks. The dying task may hold its mm's mmap_lock (a bug
 * under mmap/munmap/mprotect/brk, for writing, or in handle_mm_fault, for
 * reading, possibly twice when a fault nests in a locked region) or an
 * inode's lock. Nobody else would ever release them: do_exit()'s
 * clear_child_tid store may fault and sleep on the mmap lock for good, and
 * the other threads of the process, sleeping uninterruptibly in
 * down_read/down_write, would never wake to die, so neither would their
 * parent's wait4. Each task keeps a record of the rwsems it holds
 * (kernel/task.c), and exactly those are released: other threads may hold
 * the same mmap lock for reading at the same time, on other CPUs.
 *
 * A writer may have left the VMA tree or page tables half-changed. Then no
 * thread may go back to user space on that address space: the whole
 * process is killed (the other threads get SIGKILL and die on their way
 * out). Returns true in that case.
 */
static bool release_rwsems(struct task *t)
{
	bool mm_written = false;

	while (t->nr_rwsems_held) {
		struct held_rwsem h = t->rwsems_held[t->nr_rwsems_held - 1];

		if (h.write && t->mm && h.sem == &t->mm->mmap_lock)
			mm_written = true;
		if (h.write)
			up_write(h.sem);	/* and forgets it */
		else
			up_read(h.sem);
	}
	return mm_written;
}

/*
 * Linux's make_task_dead() after an oops: leave with the status of a
 * process killed by SIGSEGV, so the parent's wait4 sees signal 11. Before
 * that, undo what the trap left that exit would trip on: a wait queue the
 * task was about to sleep on (an oops between prepare_to_wait and
 * finish_wait would leave a freed task on the queue), the rwsems it holds, and
 * interrupts off (do_exit runs, and may sleep, with them on, as after a
 * system call). What the oops interrupted is abandoned with its stack:
 * do_exit never returns here.
 */
static void __noreturn kill_current(void)
{
	struct task *t = current;
	bool whole_process;

	printk("Killing pid %d (%s)\n", t->pid, t->comm);
	oops_victim = t;
	oops_victim_pid = t->pid;
	if (!list_empty(&t->wait.node))
		finish_wait(NULL);
	whole_process = release_rwsems(t);
	file_borrowed_put_all();	/* the call's files (include/fs.h) */
	lockcheck_oops_killed();
	in_oops[smp_processor_id()] = false;
	arch_irq_enable();
	if (whole_process)
		do_group_exit(W_EXITCODE(0, SIGSEGV));
	do_exit(W_EXITCODE(0, SIGSEGV));
}

/* bug(): the cause the trap's oops reports instead of the trap's name. */
static const char *bug_cause[NR_CPUS];

void __noreturn bug(const char *cause)
{
	bug_cause[smp_processor_id()] = cause;
	__builtin_trap();	/* ebreak, brk or ud2: an oops with registers */
}

static void __noreturn oops(const char *cause, const char *what,
			    const struct pt_regs *regs,
			    unsigned long fault_addr, bool fatal)
{
	const char *stop;
	unsigned int cpu = smp_processor_id();

	if (bug_cause[cpu]) {
		cause = bug_cause[cpu];
		bug_cause[cpu] = NULL;
	}

	arch_irq_disable();
	if (in_oops[cpu]) {
		/* A fault while printing an oops: print the bare minimum. */
		printk("\nOops inside oops: %s at %#lx\n", cause, fault_addr);
		smp_stop_others();
		arch_poweroff(3);
	}
	in_oops[cpu] = true;
	stop = fatal ? "with nobody to blame" : cannot_kill(regs);
	printk("\nOops: %s\n", cause);
	if (what)
		printk("  BUG: %s (address %#lx)\n", what, fault_addr);
	printk("  arch %s, %s mode, fault address %#018lx, pc %#018lx\n",
	       arch_name, regs_user_mode(regs) ? "user" : "kernel",
	       fault_addr, regs_pc(regs));
	arch_show_regs(regs);
	if (kernel_text_address(regs_pc(regs)))
		printk("  [<%#018lx>] (faulting instruction)\n", regs_pc(regs));
	show_backtrace(regs_fp(regs));
	if (!stop)
		kill_current();
	printk("Oops %s: no process to kill.\n", stop);
	smp_stop_others();
	printk("Kernel stopped: powering off.\n");
	arch_poweroff(3);
}

void __noreturn die(const char *cause, const struct pt_regs *regs,
		    unsigned long fault_addr)
{
	oops(cause, NULL, regs, fault_addr, false);
}

void __noreturn die_fatal(const char *cause, const struct pt_regs *regs,
			  unsigned long fault_addr)
{
	oops(cause, NULL, regs, fault_addr, true);
}

/*
 * The guard pages below a kernel stack (include/sched.h: at least
 * KSTACK_GUARD of them): an access just below current's stack is the stack
 * running out. (The arch's trap entry usually notices first, and oopses
 * with "kernel stack overflow" itself.)
 */
static bool in_stack_guard(unsigned long addr)
{
#ifdef KSTACK_GUARD
	unsigned long base = (unsigned long)current->kstack;

	return current->kstack && addr < base &&
	       addr >= base - KSTACK_GUARD * PAGE_SIZE;
#else
	(void)addr;
	return false;
#endif
}

/* What kind of bad access a kernel fault with no fixup was, in words. */
static const char *bad_access(unsigned long addr, unsigned int flags)
{
	bool exec = flags & FAULT_FLAG_INSTRUCTION;

	if (addr < PAGE_SIZE)
		return exec ? "kernel NULL pointer call" :
			      "kernel NULL pointer dereference";
	if (in_stack_guard(addr))
		return "kernel stack overflow (guard page below the stack)";
	if (addr < TASK_SIZE)
		return exec ? "kernel tried to execute user memory" :
			      "kernel access to user memory outside uaccess";
	if (flags & FAULT_FLAG_WRITE) {
		if (kernel_text_address(addr))
			return "write to kernel text (read-only)";
		if (addr >= (unsigned long)__rodata_start &&
		    addr < (unsigned long)__rodata_end)
			return "write to kernel read-only data";
	}
	if (exec)
		return "kernel tried to execute non-executable memory";
	return "unable to handle kernel paging request";
}

void __noreturn die_kernel_fault(const char *cause, const struct pt_regs *regs,
				 unsigned long fault_addr, unsigned int flags)
{
	oops(cause, bad_access(fault_addr, flags), regs, fault_addr, false);
}
