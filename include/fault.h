/*
 * The fault ABI between the arch front ends (arch/<arch>/fault.c) and the
 * one generic fault core, generic_fault() in mm/fault.c. A front end decodes
 * its hardware into (address, FAULT_FLAG_*, required VM_* access), calls
 * generic_fault(), and acts on the single result it gets back.
 */
#ifndef FAULTLINE_FAULT_H
#define FAULTLINE_FAULT_H

#include <types.h>
#include <asm/ptrace.h>

/* What the front end decoded (flags argument of generic_fault). */
#define FAULT_FLAG_WRITE	0x01	/* a store */
#define FAULT_FLAG_USER		0x02	/* the CPU was in user mode */
#define FAULT_FLAG_INSTRUCTION	0x04	/* an instruction fetch */
#define FAULT_FLAG_TRIED	0x08	/* set by generic_fault on a retry */
#define FAULT_FLAG_ALLOW_RETRY	0x10	/* handle_mm_fault may drop the lock */

/* What handle_mm_fault() reports: a bitmask, as in Linux. */
#define VM_FAULT_OOM		0x0001	/* no memory for the page or tables */
#define VM_FAULT_SIGBUS		0x0002	/* no page there (beyond a file's end) */
#define VM_FAULT_MAJOR		0x0004	/* had to wait for I/O */
#define VM_FAULT_HWPOISON	0x0010	/* the page's frame is poisoned */
#define VM_FAULT_HWPOISON_LARGE	0x0020	/* ... a huge page; size in bits 12+ */
#define VM_FAULT_SIGSEGV	0x0040	/* the handler refuses the access */
#define VM_FAULT_RETRY		0x0400	/* mmap lock dropped: fault again */
#define VM_FAULT_COMPLETED	0x4000	/* done, and the lock is already dropped */
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
			VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE)
/* The poisoned page's shift (21 for 2 MiB) rides with HWPOISON_LARGE in
 * bits 16-21, clear of the flags above. (Linux stores an hstate index
 * there; with no hugetlbfs the shift itself is simpler.) */
#define VM_FAULT_SET_HINDEX(x)	((unsigned int)(x) << 16)
#define VM_FAULT_GET_HINDEX(f)	(((f) >> 16) & 0x3f)

/*
 * The one answer generic_fault() gives a front end: what to do next.
 *
 * FAULT_DONE          The page is mapped now: return and re-execute.
 * FAULT_NOTHING       Nothing to do: a fatal signal is pending or the OOM
 *                     killer chose this task; return, and it dies on the
 *                     way back to user mode (Linux's "FOAD").
 * FAULT_KERNEL        A kernel-mode fault that memory management cannot
 *                     satisfy: apply the exception-table fixup for the PC if
 *                     there is one (uaccess returns -EFAULT), else oops.
 * FAULT_SEGV_MAPERR   User fault on an unmapped address: SIGSEGV/SEGV_MAPERR.
 * FAULT_SEGV_ACCERR   User fault against the mapping's permissions:
 *                     SIGSEGV/SEGV_ACCERR.
 * FAULT_SIGSEGV       handle_mm_fault() refused the access: SIGSEGV with
 *                     SEGV_MAPERR, as Linux reports VM_FAULT_SIGSEGV.
 * FAULT_SIGBUS        No page behind a valid mapping: SIGBUS/BUS_ADRERR.
 * FAULT_HWPOISON      The frame is poisoned: SIGBUS/BUS_MCEERR_AR with
 *                     si_addr_lsb = result.lsb (the page shift).
 */
enum fault_action {
	FAULT_DONE,
	FAULT_NOTHING,
	FAULT_KERNEL,
	FAULT_SEGV_MAPERR,
	FAULT_SEGV_ACCERR,
	FAULT_SIGSEGV,
	FAULT_SIGBUS,
	FAULT_HWPOISON,
	NR_FAULT_ACTIONS
};

struct fault_result {
	enum fault_action action;
	unsigned int lsb;	/* FAULT_HWPOISON: log2 of the poisoned size */
};

struct vm_area_struct;
struct mm_struct;

struct fault_result generic_fault(unsigned long addr, unsigned int flags,
				  unsigned long vm_flags,
				  const struct pt_regs *regs);
/* Only generic_fault() calls this for hardware faults. */
unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr,
			     unsigned int flags);

const char *fault_action_name(enum fault_action a);

/*
 * What generic_fault needs to know of the running task (kernel/task.c; the
 * host tests' one-context stand-in is tests/host/host_task.c).
 */
struct mm_struct *current_mm(void);
/* A fault completed for the running task: count it (getrusage, /proc). */
void task_account_fault(bool major);
bool signal_pending_current(void);	/* any signal pending */
bool fatal_signal_pending_current(void);	/* SIGKILL pending */
void set_current_mm(struct mm_struct *mm);
/* Make mm the current address space and load its page tables. */
void switch_mm(struct mm_struct *mm);
void send_signal_current(int sig);
void clear_signals_current(void);
/* Should a fault sleeping for its page stop waiting? A user fault goes
 * back to user mode for any signal (the access is simply retried after
 * the handler); a kernel-mode one (uaccess) gives up only for a fatal
 * signal, as Linux's killable waits do. */
static inline bool fault_wait_interrupted(unsigned int flags)
{
	return (flags & FAULT_FLAG_USER) ? signal_pending_current() :
					   fatal_signal_pending_current();
}
/* The OOM path for a user fault: pick and kill a victim. */
void pagefault_out_of_memory(void);

/* Is there an exception-table fixup for this kernel PC? (mm/extable.c) */
bool search_exception_tables(unsigned long pc);

/*
 * Act on a result (kernel/fault_deliver.c): the second half of every front
 * end. cause is the arch's decoded cause in words, for the trace and oops.
 */
void fault_deliver(struct fault_result r, struct pt_regs *regs,
		   unsigned long addr, unsigned int flags, const char *cause);
/* Fixup-or-oops for a kernel fault no mapping can cure, without
 * generic_fault (kernel/fault_deliver.c). */
void fault_deliver_kernel_bug(struct pt_regs *regs, unsigned long addr,
			      unsigned int flags, const char *cause);
/* Queue a fault signal for the current task (kernel/task.c). */
void force_sig_fault(int sig, int code, unsigned long addr, unsigned int lsb);

/* The fault trace ring (mm/fault_trace.c). */
void fault_trace_record(unsigned long addr, unsigned int flags,
			enum fault_action action, const char *cause);
void fault_trace_dump(void);

/* Global fault counters (every mm also keeps its own). */
extern unsigned long fault_action_counts[NR_FAULT_ACTIONS];

#endif
