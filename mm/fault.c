/*
 * generic_fault(): the one page-fault core every arch shares. A front end
 * has decoded its hardware into an address, FAULT_FLAG_* bits and the VM_*
 * access the instruction needed; this takes the mmap lock, finds the VMA,
 * grows a stack, checks the access, calls handle_mm_fault(), retries when
 * the lock had to be dropped, and returns one fault_result saying what the
 * front end must do. No arch code takes the lock, looks at VMAs or retries.
 *
 * A fault from user mode runs without the big kernel lock from its trap
 * to its return (unless it ends in a signal or the task must reschedule),
 * so faults on several CPUs run at once, in one mm or in many: the mmap lock (read),
 * the page-table lock and the allocators' locks are what it relies on
 * (include/mm.h). It takes the BKL for what is still guarded by it: stack
 * growth (a VMA change), a backing object's fault() (mm/memory.c), and
 * the out-of-memory killer. A kernel-mode fault keeps the BKL its system
 * call holds.
 */
#include <fault.h>
#include <mm.h>
#include <atomic.h>
#include <bkl.h>
#include <printk.h>
#include <irq.h>
#include <uapi/errno.h>

/* Per action, added to atomically (faults on several CPUs). */
unsigned long fault_action_counts[NR_FAULT_ACTIONS];


const char *fault_action_name(enum fault_action a)
{
	static const char *const names[NR_FAULT_ACTIONS] = {
		[FAULT_DONE] = "done",
		[FAULT_NOTHING] = "nothing (task dying)",
		[FAULT_KERNEL] = "kernel fixup or oops",
		[FAULT_SEGV_MAPERR] = "SIGSEGV/SEGV_MAPERR",
		[FAULT_SEGV_ACCERR] = "SIGSEGV/SEGV_ACCERR",
		[FAULT_SIGSEGV] = "SIGSEGV",
		[FAULT_SIGBUS] = "SIGBUS/BUS_ADRERR",
		[FAULT_HWPOISON] = "SIGBUS/BUS_MCEERR_AR",
	};

	return a < NR_FAULT_ACTIONS ? names[a] : "?";
}

static struct fault_result result(struct mm_struct *mm, enum fault_action a,
				  unsigned int lsb)
{
	counter_inc(&fault_action_counts[a]);
	if (mm)
		counter_inc(&mm->counters.results[a]);
	return (struct fault_result){ a, lsb };
}

/*
 * Count a fault that completed, in one place for every path, as Linux's
 * mm_account_fault(): major if it waited for its page (VM_FAULT_MAJOR) or
 * had to be retried, minor otherwise, whatever it did (demand-zero,
 * copy-on-write, a page someone else mapped first, an accessed or dirty
 * bit). Attempts that came back VM_FAULT_RETRY, and faults that failed,
 * are not faults of their own.
 */
static void account_fault(struct mm_struct *mm, unsigned int flags,
			  unsigned int fault)
{
	bool major = (fault & VM_FAULT_MAJOR) || (flags & FAULT_FLAG_TRIED);

	counter_inc(major ? &mm->counters.major : &mm->counters.minor);
	task_account_fault(major);
}

/* A kernel-mode fault that cannot be satisfied always goes to the fixup
 * (or oops); user faults get the signal for what went wrong. */
static struct fault_result bad(struct mm_struct *mm, unsigned int flags,
			       enum fault_action user_action, unsigned int lsb)
{
	if (!(flags & FAULT_FLAG_USER))
		return result(mm, FAULT_KERNEL, 0);
	return result(mm, user_action, lsb);
}

/* Translate handle_mm_fault's error bits (lock already released). */
static struct fault_result fault_error(struct mm_struct *mm,
				       unsigned int flags, unsigned int fault)
{
	if (fault & VM_FAULT_OOM) {
		if (!(flags & FAULT_FLAG_USER))
			return result(mm, FAULT_KERNEL, 0);
		bool bkl = bkl_lock_once();

		pagefault_out_of_memory();
		bkl_unlock_if(bkl);
		return result(mm, FAULT_NOTHING, 0);
	}
	if (fault & VM_FAULT_HWPOISON_LARGE)
		return bad(mm, flags, FAULT_HWPOISON,
			   VM_FAULT_GET_HINDEX(fault));
	if (fault & VM_FAULT_HWPOISON)
		return bad(mm, flags, FAULT_HWPOISON, PAGE_SHIFT);
	if (fault & VM_FAULT_SIGBUS)
		return bad(mm, flags, FAULT_SIGBUS, 0);
	return bad(mm, flags, FAULT_SIGSEGV, 0);
}

/*
 * addr lies below vma, a stack that grows down: grow it. vm_start changes
 * only under the mmap lock held for writing (as since Linux 6.5: faults on
 * several CPUs hold it for reading at once), so the read lock is traded
 * for the write lock, the VMA is found again (anything may have changed
 * while no lock was held) and grown, and the read lock is taken back.
 * VMAs change under the big kernel lock too (include/mm.h).
 * Returns 0 if addr is now inside a VMA as far as this look could tell;
 * the caller looks again either way.
 */
static int grow_stack(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	int err = -EFAULT;
	bool bkl;

	up_read(&mm->mmap_lock);
	bkl = bkl_lock_once();
	down_write(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (vma && (vma->vm_start <= addr || !expand_stack(vma, addr)))
		err = 0;
	up_write(&mm->mmap_lock);
	bkl_unlock_if(bkl);
	down_read(&mm->mmap_lock);
	return err;
}

/* The decision itself; generic_fault() below sets up interrupts for it. */
static struct fault_result decide(unsigned long addr, unsigned int flags,
				  unsigned long vm_flags,
				  const struct pt_regs *regs)
{
	struct mm_struct *mm = current_mm();
	struct vm_area_struct *vma;
	unsigned int fault;

	if (!mm || addr >= mm->task_size)
		return bad(mm, flags, FAULT_SEGV_MAPERR, 0);

	/*
	 * A kernel fault with no fixup is a kernel bug: report it at once
	 * rather than sleep on a lock the buggy path may itself hold.
	 */
	if (!down_read_trylock(&mm->mmap_lock)) {
		if (!(flags & FAULT_FLAG_USER) &&
		    !search_exception_tables(regs_pc(regs)))
			return result(mm, FAULT_KERNEL, 0);
		down_read(&mm->mmap_lock);
	}
	flags |= FAULT_FLAG_ALLOW_RETRY;

	for (;;) {
		vma = find_vma(mm, addr);
		if (vma && vma->vm_start > addr &&
		    (vma->vm_flags & VM_GROWSDOWN)) {
			if (!grow_stack(mm, addr))
				continue;	/* look again, read-locked */
			vma = NULL;
		}
		if (!vma || vma->vm_start > addr) {
			up_read(&mm->mmap_lock);
			return bad(mm, flags, FAULT_SEGV_MAPERR, 0);
		}
		if (!(vma->vm_flags & vm_flags)) {
			up_read(&mm->mmap_lock);
			return bad(mm, flags, FAULT_SEGV_ACCERR, 0);
		}

		fault = handle_mm_fault(vma, addr, flags);
		if (fault & VM_FAULT_COMPLETED) {
			account_fault(mm, flags, fault);
			return result(mm, FAULT_DONE, 0);
		}
		if (!(fault & VM_FAULT_RETRY))
			break;

		/* The lock was dropped while the page was being produced.
		 * A user task goes to handle any signal first; a kernel
		 * path only gives up for a fatal one. */
		counter_inc(&mm->counters.retries);
		if (flags & FAULT_FLAG_USER) {
			if (signal_pending_current())
				return result(mm, FAULT_NOTHING, 0);
		} else if (fatal_signal_pending_current()) {
			return result(mm, FAULT_KERNEL, 0);
		}
		flags |= FAULT_FLAG_TRIED;
		down_read(&mm->mmap_lock);
	}
	up_read(&mm->mmap_lock);

	if (fault & VM_FAULT_ERROR)
		return fault_error(mm, flags, fault);
	account_fault(mm, flags, fault);
	return result(mm, FAULT_DONE, 0);
}

struct fault_result generic_fault(unsigned long addr, unsigned int flags,
				  unsigned long vm_flags,
				  const struct pt_regs *regs)
{
	bool irqs = regs_irqs_enabled(regs);
	struct fault_result r;

	/* A fault from user mode comes without the big kernel lock (the
	 * arch entry does not take it for a page fault): fault_deliver()
	 * takes it to queue a signal, exit_to_user_mode() when there is
	 * work before the return. A kernel-mode fault keeps its system
	 * call's. */
	/* The trap masked interrupts; the fault may sleep on the mmap lock,
	 * so let them in again if the faulting code had them. They are off
	 * again when the front end delivers the result. */
	if (irqs)
		arch_irq_enable();
	r = decide(addr, flags, vm_flags, regs);
	if (irqs)
		arch_irq_disable();
	return r;
}
