/*
 * arm64 trap dispatcher: interrupts go to the GIC, aborts to the fault
 * front end (fault.c), system calls to syscall_dispatch(), other user
 * exceptions become signals; anything else from the kernel is decoded
 * from ESR_EL1 into words and reported by die(). Also register dumps and
 * the unwinder step.
 */
#include <arch.h>
#include <oops.h>
#include <fault.h>
#include <irq.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <printk.h>
#include <bkl.h>
#include <page.h>
#include <kernel_map.h>
#include <asm/sysreg.h>
#include <asm/esr.h>
#include "arm64.h"

_Static_assert(offsetof(struct pt_regs, regs[30]) == S_LR, "S_LR");
_Static_assert(offsetof(struct pt_regs, sp) == S_SP, "S_SP");
_Static_assert(offsetof(struct pt_regs, pc) == S_PC, "S_PC");
_Static_assert(offsetof(struct pt_regs, esr) == S_ESR, "S_ESR");
_Static_assert(offsetof(struct pt_regs, far) == S_FAR, "S_FAR");
_Static_assert(offsetof(struct pt_regs, stackframe) == S_FRAME, "S_FRAME");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "PT_REGS_SIZE");

/* CPACR_EL1.FPEN: FP/SIMD usable at EL0 and EL1 (the kernel has no FP
 * code; the switch saves and loads the registers for user space). */
#define CPACR_FPEN_ALL	(3 << 20)

/* This CPU's part of trap setup: every CPU runs it (smp.c for the
 * secondaries). head.S already pointed VBAR_EL1 at the vectors. */
void arm64_cpu_trap_init(void)
{
	write_sysreg(arm64_vectors, vbar_el1);
	write_sysreg(CPACR_FPEN_ALL, cpacr_el1);
	/* The read-only user thread register: Linux keeps it 0. */
	write_sysreg(0, tpidrro_el0);
	isb();
	/* Boot entered with everything masked; let SErrors (asynchronous
	 * external aborts) be reported instead of pending forever. */
	__asm__ __volatile__("msr daifclr, #4" : : : "memory");
}

void arch_trap_init(void)
{
	arm64_cpu_trap_init();
	/* entry.S's overflow test holds for the idle task's stack too only
	 * if head.S aligned it like a task stack. */
	if (!IS_ALIGNED((unsigned long)boot_stack, KSTACK_ALIGN))
		panic("arm64: boot stack %p is not KSTACK_ALIGN aligned",
		      boot_stack);
}

/* Fault status code (DFSC/IFSC) in words; level from its low two bits. */
static const char *fault_status(u32 fsc, int *level)
{
	*level = fsc & 3;
	switch (fsc & 0x3c) {
	case FSC_ADDR_SIZE:	return "address size fault";
	case FSC_TRANSLATION:	return "translation fault";
	case FSC_ACCESS_FLAG:	return "access flag fault";
	case FSC_PERMISSION:	return "permission fault";
	}
	*level = -1;
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	}
	return "unknown fault status";
}

static void describe_abort(char *buf, size_t len, u64 esr, bool data,
			   bool lower)
{
	int level;
	const char *what = fault_status(ESR_FSC(esr), &level);
	const char *access = !data ? "exec" :
			     (esr & ESR_WNR) ? "write" : "read";
	int n = snprintf(buf, len, "%s from %s (%s",
			 data ? "data abort" : "instruction abort",
			 lower ? "user mode" : "current EL", what);

	if (level >= 0)
		n += snprintf(buf + n, len - n, ", level %d", level);
	snprintf(buf + n, len - n, ", %s)", access);
}

/* ESR_EL1 in words, e.g. "data abort from current EL (translation fault,
 * level 0, read)". */
static const char *describe_esr(char *buf, size_t len, u64 esr)
{
	u32 ec = ESR_EC(esr);

	switch (ec) {
	case EC_DABT_CUR:
	case EC_DABT_LOW:
		describe_abort(buf, len, esr, true, ec == EC_DABT_LOW);
		return buf;
	case EC_IABT_CUR:
	case EC_IABT_LOW:
		describe_abort(buf, len, esr, false, ec == EC_IABT_LOW);
		return buf;
	case EC_UNKNOWN:	return "undefined instruction";
	case EC_WFX:		return "trapped WFI/WFE";
	case EC_FP_ASIMD:	return "FP/SIMD access (disabled in the kernel)";
	case EC_ILLEGAL:	return "illegal execution state";
	case EC_SVC64:		return "SVC (system call) from the kernel";
	case EC_SYSREG:		return "trapped system register access";
	case EC_PC_ALIGN:	return "PC alignment fault";
	case EC_SP_ALIGN:	return "SP alignment fault";
	case EC_SERROR:		return "SError (asynchronous external abort)";
	case EC_BRK64:
		snprintf(buf, len, "BRK #%#x (breakpoint/trap instruction)",
			 (unsigned int)(esr & 0xffff));
		return buf;
	}
	snprintf(buf, len, "unexpected exception class %#x (ESR %#llx)",
		 ec, esr);
	return buf;
}

static bool esr_has_far(u64 esr)
{
	u32 ec = ESR_EC(esr);

	if (ec == EC_PC_ALIGN)
		return true;
	if (ec != EC_DABT_CUR && ec != EC_DABT_LOW &&
	    ec != EC_IABT_CUR && ec != EC_IABT_LOW)
		return false;
	return !(esr & ESR_FNV);
}

/* An exception nothing handles: an oops naming the cause in words. */
void arm64_die_esr(struct pt_regs *regs)
{
	char buf[128];
	const char *cause = describe_esr(buf, sizeof(buf), regs->esr);

	die(cause, regs, esr_has_far(regs->esr) ? regs->far : 0);
}

/* From the kernel: aborts go to the fault front end (fault.c), anything
 * else is a bug. */
void arm64_sync_handler(struct pt_regs *regs)
{
	switch (ESR_EC(regs->esr)) {
	case EC_DABT_CUR:
	case EC_DABT_LOW:
	case EC_IABT_CUR:
	case EC_IABT_LOW:
		arm64_page_fault(regs);
		return;
	}
	arm64_die_esr(regs);
}

/*
 * entry.S found no room for an exception frame on the kernel stack and
 * saved one on the overflow stack. The address to report: the abort's,
 * if it has one (usually in the guard), else the sp that ran out.
 */
void arm64_stack_overflow(struct pt_regs *regs)
{
	u32 ec = ESR_EC(regs->esr);
	bool abort = ec == EC_DABT_CUR || ec == EC_IABT_CUR;

	kstack_overflow(regs, abort && esr_has_far(regs->esr) ? regs->far :
								 regs->sp);
}

/* Bits 63:56 become copies of bit 55, as Linux's untagged_addr(). */
static unsigned long untagged_addr(unsigned long addr)
{
	return (unsigned long)((long)(addr << 8) >> 8);
}

/*
 * A synchronous signal for a user exception, si_addr as Linux gives it.
 * force_sig_fault: like Linux's, a blocked or ignored fault signal still
 * kills instead of letting the instruction trap forever.
 */
static void user_exception(int sig, int code, unsigned long addr)
{
	force_sig_fault(sig, code, addr, 0);
}

/*
 * A data/instruction abort no page mapping can cure: Linux's fault_info
 * answers, an alignment fault (exclusives, atomics, device memory) is
 * SIGBUS/BUS_ADRALN, an external abort SIGBUS/BUS_OBJERR, the rest
 * (address size, TLB conflict...) SIGKILL.
 */
static bool user_abort_not_mm(struct pt_regs *regs)
{
	u32 fsc = ESR_FSC(regs->esr);

	if (fsc >= FSC_TRANSLATION && fsc <= FSC_PERMISSION + 3)
		return false;
	if (fsc == 0x21)
		user_exception(SIGBUS, BUS_ADRALN, regs->far);
	else if (fsc == 0x10 || (fsc >= 0x14 && fsc <= 0x17))
		user_exception(SIGBUS, BUS_OBJERR, regs->far);
	else
		user_exception(SIGKILL, SI_KERNEL, 0);
	return true;
}

/*
 * An exception from user mode (EL0, AArch64). entry.S then leaves through
 * exit_to_user_mode(), which delivers what was queued here.
 */
void arm64_el0_sync_handler(struct pt_regs *regs)
{
	u32 ec = ESR_EC(regs->esr), fsc = ESR_FSC(regs->esr);
	bool page_fault = (ec == EC_DABT_LOW || ec == EC_IABT_LOW) &&
			  fsc >= FSC_TRANSLATION && fsc <= FSC_PERMISSION + 3;

	/* First, interrupts still off: this CPU now runs kernel code, under
	 * the BKL unless this is a page fault (mm/fault.c runs it without;
	 * user_abort_not_mm() below then sends no signal). */
	if (!page_fault)
		enter_from_user_mode();
	switch (ec) {
	case EC_SVC64:
		/* ELR already points past the svc; the dispatcher runs the
		 * call with interrupts on. */
		regs->syscallno = regs->regs[8];
		syscall_dispatch(regs);
		return;
	case EC_DABT_LOW:
		/* TCR_EL1.TBI0: a user data address may carry a tag in its
		 * top byte, which FAR may report (or leave UNKNOWN). The
		 * fault is about the untagged address, and Linux reports
		 * that one in si_addr. Instruction addresses are never
		 * tagged: a branch sign-extends bit 55 into the PC. */
		regs->far = untagged_addr(regs->far);
		if (!user_abort_not_mm(regs))
			arm64_page_fault(regs);
		return;
	case EC_IABT_LOW:
		if (!user_abort_not_mm(regs))
			arm64_page_fault(regs);
		return;
	case EC_WFX:
		/* WFI traps from EL0 (SCTLR_EL1.nTWI clear); Linux treats it
		 * as a no-op. */
		regs->pc += 4;
		return;
	case EC_BRK64:
		user_exception(SIGTRAP, TRAP_BRKPT, regs->pc);
		return;
	case EC_PC_ALIGN:
		user_exception(SIGBUS, BUS_ADRALN, regs->far);
		return;
	case EC_SP_ALIGN:
		user_exception(SIGBUS, BUS_ADRALN, regs->sp);
		return;
	}
	/* Undefined instructions, trapped system registers, SVE/SME while
	 * disabled, illegal execution state...: Linux's SIGILL at the pc. */
	user_exception(SIGILL, ILL_ILLOPC, regs->pc);
}

/* gic.c brackets device interrupts with irq_enter()/irq_exit(), but not
 * the IPI (include/smp.h). */
void arm64_irq_handler(struct pt_regs *regs)
{
	gic_handle_irq(regs);
}

/* No BKL here: the handler takes it if it needs it (handle_irq, the boot
 * CPU's tick; an IPI never), and exit_to_user_mode() if there is work. */
void arm64_el0_irq_handler(struct pt_regs *regs)
{
	gic_handle_irq(regs);
}

static const char *const vector_names[16] = {
	"synchronous exception on SP_EL0", "IRQ on SP_EL0",
	"FIQ on SP_EL0", "SError on SP_EL0",
	"synchronous exception", "IRQ", "FIQ", "SError",
	"synchronous exception from user mode", "IRQ from user mode",
	"FIQ from user mode", "SError from user mode",
	"synchronous exception from AArch32", "IRQ from AArch32",
	"FIQ from AArch32", "SError from AArch32",
};

void arm64_bad_vector(struct pt_regs *regs, int kind)
{
	char buf[160];

	if (kind >= 8)		/* from user mode: the kernel's rule holds */
		enter_from_user_mode();
	snprintf(buf, sizeof(buf), "unexpected %s (ESR %#llx)",
		 vector_names[kind & 15], regs->esr);
	die_fatal(buf, regs, 0);
}

void arch_show_regs(const struct pt_regs *regs)
{
	int i;

	printk("pc : %016llx  lr : %016llx  sp : %016llx\n",
	       regs->pc, regs->regs[30], regs->sp);
	printk("pstate: %08llx  esr: %08llx  far: %016llx\n",
	       regs->pstate, regs->esr, regs->far);
	for (i = 29; i >= 0; i--) {
		printk("x%-2d: %016llx%s", i, regs->regs[i],
		       i % 3 == 0 ? "\n" : "  ");
	}
}

/* A frame record is {caller's x29, return address}, 16-byte aligned. */
bool arch_unwind_frame(unsigned long fp, unsigned long *next_fp,
		       unsigned long *ret_addr)
{
	const unsigned long *frame = (const unsigned long *)fp;

	if (fp < PAGE_OFFSET || (fp & 15))
		return false;
	*next_fp = frame[0];
	*ret_addr = frame[1];
	return true;
}

/* Asking for our own frame forces a frame record; its first word is the
 * caller's frame pointer. */
unsigned long __attribute__((noinline)) arch_current_frame(void)
{
	return *(const unsigned long *)__builtin_frame_address(0);
}
