/*
 * What every arch front end does with generic_fault()'s answer, written
 * once: return, apply the exception-table fixup or oops (which kills the
 * offending process, kernel/oops.c), or send the signal with the si_code
 * Linux uses. Each decision is recorded in the fault trace.
 */
#include <fault.h>
#include <bkl.h>
#include <atomic.h>
#include <extable.h>
#include <oops.h>
#include <uapi/signal.h>

void fault_deliver(struct fault_result r, struct pt_regs *regs,
		   unsigned long addr, unsigned int flags, const char *cause)
{
	unsigned long fixup;

	fault_trace_record(addr, flags, r.action, cause);
	switch (r.action) {
	case FAULT_DONE:
	case FAULT_NOTHING:
		return;
	default:
		break;
	}
	/* A user fault comes without the big kernel lock: queueing a
	 * signal needs it (exit_to_user_mode() lets it go). */
	if (flags & FAULT_FLAG_USER)
		bkl_lock_once();
	switch (r.action) {
	case FAULT_KERNEL:
		fixup = search_exception_fixup(regs_pc(regs));
		if (fixup) {
			regs_set_pc(regs, fixup);
			return;
		}
		die_kernel_fault(cause, regs, addr, flags);
	case FAULT_SEGV_MAPERR:
	case FAULT_SIGSEGV:
		force_sig_fault(SIGSEGV, SEGV_MAPERR, addr, 0);
		return;
	case FAULT_SEGV_ACCERR:
		force_sig_fault(SIGSEGV, SEGV_ACCERR, addr, 0);
		return;
	case FAULT_SIGBUS:
		force_sig_fault(SIGBUS, BUS_ADRERR, addr, 0);
		return;
	case FAULT_HWPOISON:
		force_sig_fault(SIGBUS, BUS_MCEERR_AR, addr, r.lsb);
		return;
	default:
		break;
	}
	die("fault_deliver: impossible fault result", regs, addr);
}

/*
 * A kernel fault the front end knows no mapping can cure (touching user
 * memory outside uaccess, fetching from a user address): skip
 * generic_fault, its lock and any page it would map, and go straight to
 * the fixup or the oops, counted and traced like any other result.
 */
void fault_deliver_kernel_bug(struct pt_regs *regs, unsigned long addr,
			      unsigned int flags, const char *cause)
{
	counter_inc(&fault_action_counts[FAULT_KERNEL]);
	fault_deliver((struct fault_result){ .action = FAULT_KERNEL }, regs,
		      addr, flags, cause);
}
