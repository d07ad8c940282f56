/*
 * The riscv64 page-fault front end: decode scause and stval of an
 * instruction, load or store/AMO page fault into the generic fault ABI,
 * let generic_fault() decide, deliver its answer.
 */
#include <fault.h>
#include <irq.h>
#include <mm.h>
#include <asm/csr.h>
#include <asm/riscv.h>

#define PF_CAUSES(what)							\
	{ what " page fault (user)", what " page fault (kernel)",	\
	  what " page fault (kernel access to user memory outside uaccess)" }

/* Constant strings: the fault trace keeps the pointer.
 * [fetch / load / store][user / kernel / kernel with SUM clear] */
static const char *const pf_causes[3][3] = {
	PF_CAUSES("instruction"), PF_CAUSES("load"), PF_CAUSES("store/AMO"),
};

/*
 * Accessed and dirty (docs/fault-abi.md): a leaf without A, or one without
 * D under a store, is either updated by the hart itself (Svadu; QEMU 7.2
 * always does) or raises an ordinary page fault (Svade). Such a fault is
 * decoded like any other and goes to generic_fault, whose handle_mm_fault
 * finds the page present and sets A (and D on a store).
 */
void riscv_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->stval;
	unsigned int flags = 0, kind, mode;
	unsigned long vm_flags;
	const char *cause;
	struct fault_result r;

	/*
	 * The access the VMA must allow, as Linux's riscv access_error()
	 * picks it: a fetch needs VM_EXEC, a store or AMO VM_WRITE, and a
	 * load VM_READ or VM_WRITE (writable implies readable; execute-only
	 * does not, since sstatus.MXR stays clear).
	 */
	if (regs_user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (regs->scause == EXC_INST_PAGE_FAULT) {
		flags |= FAULT_FLAG_INSTRUCTION;
		vm_flags = VM_EXEC;
		kind = 0;
	} else if (regs->scause == EXC_STORE_PAGE_FAULT) {
		flags |= FAULT_FLAG_WRITE;
		vm_flags = VM_WRITE;
		kind = 2;
	} else {
		vm_flags = VM_READ | VM_WRITE;
		kind = 1;
	}
	mode = (flags & FAULT_FLAG_USER) ? 0 : 1;

	/*
	 * The kernel may touch user pages only with SUM set (inside
	 * arch_copy_user) and can never run them. Any other kernel fault
	 * below TASK_SIZE is a bug no mapping cures: mapping the page would
	 * only fault again. Like Linux's riscv do_page_fault(), go straight
	 * to the fixup-or-oops, without generic_fault and its lock.
	 */
	if (mode == 1 && addr < TASK_SIZE && !(regs->sstatus & SSTATUS_SUM))
		mode = 2;
	cause = pf_causes[kind][mode];
	if (mode == 2) {
		fault_deliver_kernel_bug(regs, addr, flags, cause);
		return;
	}

	r = generic_fault(addr, flags, vm_flags, regs);
	fault_deliver(r, regs, addr, flags, cause);
}
