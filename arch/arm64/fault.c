/*
 * The arm64 page-fault front end: decode ESR_EL1 and FAR_EL1 of a data or
 * instruction abort into the generic fault ABI, let generic_fault() decide,
 * deliver its answer.
 */
#include <fault.h>
#include <irq.h>
#include <mm.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include "arm64.h"

#define ABORT_CAUSES(what, access)					\
	{ ABORT_LEVELS(what " (translation fault", access),		\
	  ABORT_LEVELS(what " (access flag fault", access),		\
	  ABORT_LEVELS(what " (permission fault", access) }
#define ABORT_LEVELS(what, access)					\
	{ what ", level 0, " access ")", what ", level 1, " access ")",	\
	  what ", level 2, " access ")", what ", level 3, " access ")" }

/*
 * Constant strings: the fault trace keeps the pointer.
 * [kind][translation / access flag / permission][level], kind from
 * abort_kind().
 */
static const char *const abort_causes[6][3][4] = {
	ABORT_CAUSES("instruction abort from user mode", "exec"),
	ABORT_CAUSES("instruction abort from current EL", "exec"),
	ABORT_CAUSES("data abort from user mode", "read"),
	ABORT_CAUSES("data abort from current EL", "read"),
	ABORT_CAUSES("data abort from user mode", "write"),
	ABORT_CAUSES("data abort from current EL", "write"),
};

static const char pan_cause[] =
	"data abort from current EL (PAN: user memory outside uaccess)";

static unsigned int abort_kind(unsigned int flags)
{
	unsigned int kind = (flags & FAULT_FLAG_USER) ? 0 : 1;

	if (flags & FAULT_FLAG_WRITE)
		return kind + 4;
	return (flags & FAULT_FLAG_INSTRUCTION) ? kind : kind + 2;
}

/*
 * Accessed and dirty (docs/fault-abi.md): with TCR_EL1.HA/HD (head.S sets
 * them when ID_AA64MMFR1_EL1.HAFDBS has them) the MMU sets AF and clears
 * AP[2] of a DBM page itself. Without, an access to a leaf without AF takes
 * an access flag fault and a write to a clean DBM page a permission fault;
 * both are decoded like any other and go to generic_fault, whose
 * handle_mm_fault sets the bits (counted as young/dirty faults).
 */
void arm64_page_fault(struct pt_regs *regs)
{
	u64 esr = regs->esr;
	unsigned long addr = regs->far;
	unsigned int fsc = ESR_FSC(esr), flags = 0;
	unsigned long vm_flags;
	const char *cause;
	struct fault_result r;

	/* Address size faults, external aborts, alignment faults, TLB
	 * conflicts: no mapping can cure these. (User space, issue 4, will
	 * get Linux's SIGBUS/SIGKILL for them instead.) */
	if (fsc < FSC_TRANSLATION || fsc > FSC_PERMISSION + 3)
		arm64_die_esr(regs);

	/*
	 * The access the VMA must allow, as arm64's do_page_fault() in Linux
	 * picks it: a fetch needs VM_EXEC, a write VM_WRITE (cache
	 * maintenance sets WnR but only reads), and a read is allowed by any
	 * of read, write or exec, because without FEAT_EPAN both writable and
	 * executable user pages are readable.
	 */
	if (regs_user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (ESR_EC(esr) == EC_IABT_LOW || ESR_EC(esr) == EC_IABT_CUR) {
		flags |= FAULT_FLAG_INSTRUCTION;
		vm_flags = VM_EXEC;
	} else if ((esr & ESR_WNR) && !(esr & ESR_CM)) {
		flags |= FAULT_FLAG_WRITE;
		vm_flags = VM_WRITE;
	} else {
		vm_flags = VM_READ | VM_WRITE | VM_EXEC;
	}
	cause = abort_causes[abort_kind(flags)][(fsc - FSC_TRANSLATION) / 4]
			    [fsc & 3];

	/* The kernel never runs from user pages (all are PXN): any kernel
	 * instruction abort is a bug. */
	if ((flags & FAULT_FLAG_INSTRUCTION) && !(flags & FAULT_FLAG_USER)) {
		fault_deliver_kernel_bug(regs, addr, flags, cause);
		return;
	}
	/*
	 * PAN was set (SPSR.PAN): the kernel touched a user address outside
	 * arch_copy_user. Linux oopses on the permission fault this gives on
	 * a present page; mapping a missing page would only lead to that
	 * fault, so like riscv64 (SUM) and x86_64 (SMAP) any such abort
	 * goes straight to the fixup-or-oops, without generic_fault.
	 */
	if (!(flags & FAULT_FLAG_USER) && addr < TASK_SIZE &&
	    (regs->pstate & PSTATE_PAN)) {
		fault_deliver_kernel_bug(regs, addr, flags, pan_cause);
		return;
	}

	r = generic_fault(addr, flags, vm_flags, regs);
	fault_deliver(r, regs, addr, flags, cause);
}
