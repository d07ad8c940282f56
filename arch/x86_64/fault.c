/*
 * The x86_64 page-fault front end: decode the #PF error code and CR2 into
 * the generic fault ABI, let generic_fault() decide, deliver its answer.
 */
#include <fault.h>
#include <irq.h>
#include <mm.h>
#include <oops.h>
#include <asm/x86.h>

/* #PF error code bits */
#define PF_PROT		0x01	/* 0: page not present, 1: protection */
#define PF_WRITE	0x02
#define PF_USER		0x04
#define PF_RSVD		0x08	/* a reserved bit set in a paging entry */
#define PF_INSTR	0x10

#define PF_CAUSE(p, a)							\
	{ "#PF page fault (" p ", " a ", kernel)",			\
	  "#PF page fault (" p ", " a ", user)" }

/* Constant strings: the fault trace keeps the pointer. [prot][access][user] */
static const char *const pf_causes[2][3][2] = {
	{ PF_CAUSE("not present", "read"), PF_CAUSE("not present", "write"),
	  PF_CAUSE("not present", "instruction fetch") },
	{ PF_CAUSE("protection", "read"), PF_CAUSE("protection", "write"),
	  PF_CAUSE("protection", "instruction fetch") },
};

/* Accessed and dirty bits never fault here: the CPU sets A and D itself
 * (docs/fault-abi.md). */
void x86_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	unsigned long err = regs->error_code;
	unsigned int flags = 0, access = 0;
	/* As Linux's x86 access_error(): a read is allowed by any access
	 * right, since x86 page tables make every present page readable. */
	unsigned long vm_flags = VM_READ | VM_WRITE | VM_EXEC;
	const char *cause;
	struct fault_result r;

	if (err & PF_USER)
		flags |= FAULT_FLAG_USER;
	if (err & PF_INSTR) {
		flags |= FAULT_FLAG_INSTRUCTION;
		vm_flags = VM_EXEC;
		access = 2;
	} else if (err & PF_WRITE) {
		flags |= FAULT_FLAG_WRITE;
		vm_flags = VM_WRITE;
		access = 1;
	}
	cause = pf_causes[!!(err & PF_PROT)][access][!!(err & PF_USER)];

	if (err & PF_RSVD)
		die("#PF page fault (reserved bit set in a page-table entry)",
		    regs, addr);
	/* The kernel tried to run a user address, or touched one outside
	 * arch_copy_user (which sets EFLAGS.AC under SMAP): a bug no mapping
	 * can fix, present page or not, so it never reaches generic_fault. */
	if (!(flags & FAULT_FLAG_USER) && addr < TASK_SIZE &&
	    ((err & PF_INSTR) ||
	     (x86_has_smap && !(regs->rflags & X86_EFLAGS_AC)))) {
		fault_deliver_kernel_bug(regs, addr, flags, (err & PF_INSTR) ?
			"#PF page fault (kernel tried to execute a user address)" :
			"#PF page fault (kernel access to user memory outside uaccess)");
		return;
	}

	r = generic_fault(addr, flags, vm_flags, regs);
	fault_deliver(r, regs, addr, flags, cause);
}
