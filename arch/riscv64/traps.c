/* riscv64 trap dispatcher: interrupts go to the timer, the PLIC or the
 * IPI handler, page faults to the fault front end (fault.c), ecalls from
 * user mode to the system calls; other exceptions are signals from user
 * mode and oopses (with the cause in words) from the kernel. */
#include <arch.h>
#include <bkl.h>
#include <fault.h>
#include <irq.h>
#include <oops.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <syscall.h>
#include <kernel_map.h>
#include <asm/csr.h>
#include <asm/riscv.h>

/* entry.S uses the PT_* offsets; keep them in step with struct pt_regs. */
_Static_assert(offsetof(struct pt_regs, sepc) == PT_SEPC, "PT_SEPC");
_Static_assert(offsetof(struct pt_regs, sstatus) == PT_SSTATUS, "PT_SSTATUS");
_Static_assert(offsetof(struct pt_regs, scause) == PT_SCAUSE, "PT_SCAUSE");
_Static_assert(offsetof(struct pt_regs, stval) == PT_STVAL, "PT_STVAL");
_Static_assert(offsetof(struct pt_regs, frame) == PT_FRAME, "PT_FRAME");
_Static_assert(offsetof(struct pt_regs, orig_a0) == PT_ORIG_A0, "PT_ORIG_A0");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "PT_REGS_SIZE");

/* scause exception codes handled here by number (names: below). */
#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_ILLEGAL_INSN	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_ECALL_U		8


extern char trap_entry[], boot_stack[];

static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store/AMO address misaligned",
	[7] = "store/AMO access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store/AMO page fault",
	[18] = "software check",
	[19] = "hardware error",
};

void arch_trap_init(void)
{
	/* Direct mode (low bits 0): every trap enters at trap_entry. head.S
	 * already did this; redoing it keeps the contract in one place. */
	csr_write(stvec, (unsigned long)trap_entry);
	csr_write(sscratch, 0);
	csr_clear(sstatus, SSTATUS_SUM);
	riscv_fpu_init();
	this_cpu()->arch.overflow_sp =
		(unsigned long)kstack_overflow_stack + KSTACK_SIZE;
	/* entry.S's overflow test holds for the idle task's stack too only
	 * if head.S aligned it like a task stack. */
	if (!IS_ALIGNED((unsigned long)boot_stack, KSTACK_ALIGN))
		panic("riscv64: boot stack %p is not KSTACK_ALIGN aligned",
		      boot_stack);
}

/*
 * entry.S found no room for a trap frame on the kernel stack and saved
 * one on the overflow stack. The address to report: the fault's, if it
 * was a page fault (usually in the guard), else the sp that ran out.
 */
void riscv_stack_overflow(struct pt_regs *regs)
{
	unsigned long cause = regs->scause;
	bool fault = cause == EXC_INST_PAGE_FAULT ||
		     cause == EXC_LOAD_PAGE_FAULT ||
		     cause == EXC_STORE_PAGE_FAULT;

	kstack_overflow(regs, fault ? regs->stval : regs_sp(regs));
}

static const char *exception_name(unsigned long code)
{
	if (code < ARRAY_SIZE(exception_names) && exception_names[code])
		return exception_names[code];
	return NULL;
}

static void __noreturn bad_exception(struct pt_regs *regs)
{
	static char cause[80];
	unsigned long code = regs->scause;
	const char *name = exception_name(code);

	if (!name)
		snprintf(cause, sizeof(cause), "unknown exception (scause %lu)",
			 code);
	else if (code == EXC_ILLEGAL_INSN)	/* stval: the instruction */
		snprintf(cause, sizeof(cause), "%s (%#010llx)", name,
			 regs->stval);
	else
		snprintf(cause, sizeof(cause), "%s", name);
	die(cause, regs, regs->stval);
}

static void handle_interrupt(struct pt_regs *regs)
{
	unsigned long irq = regs->scause & ~SCAUSE_IRQ;

	/*
	 * Another hart's SBI send_ipi. Handled outside irq_enter(), and
	 * smp_ipi_interrupt() takes no lock: the sender may hold the big
	 * kernel lock and be waiting for us. Clear SSIP before looking at
	 * the requests, so one made after the look raises it again.
	 */
	if (irq == IRQ_S_SOFT) {
		csr_clear(sip, SIE_SSIE);
		smp_ipi_interrupt();
		return;
	}
	irq_enter(regs);
	switch (irq) {
	case IRQ_S_TIMER:
		riscv_timer_interrupt();
		break;
	case IRQ_S_EXT:
		plic_handle_irq();
		break;
	default: {
		static char what[48];

		snprintf(what, sizeof(what), "unexpected interrupt %lu", irq);
		die_fatal(what, regs, 0);
	}
	}
	irq_exit();
}

/*
 * An exception of user code that is not a page fault or a system call
 * becomes a signal, as Linux's riscv traps.c has it: si_addr is the pc
 * for all of them (Linux gives the pc, not the data address, for
 * misaligned accesses too). Forced like a page fault's signal: blocking
 * or ignoring it would only repeat the exception.
 */
static void user_exception_signal(struct pt_regs *regs)
{
	int sig, code;

	switch (regs->scause) {
	case EXC_ILLEGAL_INSN:
		sig = SIGILL;
		code = ILL_ILLOPC;
		break;
	case EXC_BREAKPOINT:
		sig = SIGTRAP;
		code = TRAP_BRKPT;
		break;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		sig = SIGBUS;
		code = BUS_ADRALN;
		break;
	case EXC_INST_ACCESS:	/* PMP or bus errors behind a valid PTE */
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
		sig = SIGSEGV;
		code = SEGV_ACCERR;
		break;
	default:
		sig = SIGILL;
		code = ILL_ILLTRP;
		break;
	}
	force_sig_fault(sig, code, regs->sepc, 0);
}

/*
 * A trap from user mode: regs is task_pt_regs(current). First the big
 * kernel lock, with interrupts still off as the trap left them (not for
 * a page fault or an interrupt, which run without it). System
 * calls run with interrupts on, like the user code they came from.
 * Whatever happened, the way back goes through exit_to_user_mode() with
 * interrupts off (it may switch tasks or set up a signal handler; it
 * drops the lock).
 */
static void do_user_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->scause;
	bool page_fault = cause == EXC_INST_PAGE_FAULT ||
			  cause == EXC_LOAD_PAGE_FAULT ||
			  cause == EXC_STORE_PAGE_FAULT;

	/* A page fault runs without the BKL (mm/fault.c); an interrupt's
	 * handler takes it if it needs it (handle_irq, the boot CPU's tick;
	 * an IPI never). */
	if (!page_fault && !(cause & SCAUSE_IRQ))
		enter_from_user_mode();
	if (cause & SCAUSE_IRQ) {
		handle_interrupt(regs);
	} else if (cause == EXC_ECALL_U) {
		regs->sepc += 4;	/* ecall has no compressed form */
		regs->orig_a0 = regs->regs[10];
		arch_irq_enable();
		syscall_dispatch(regs);
	} else if (page_fault) {
		riscv_page_fault(regs);
	} else {
		user_exception_signal(regs);
	}
	arch_irq_disable();
	exit_to_user_mode(regs);
}

void do_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->scause;

	if (regs_user_mode(regs)) {
		do_user_trap(regs);
		return;
	}
	if (cause & SCAUSE_IRQ) {
		handle_interrupt(regs);
		return;
	}
	/* Access faults (1, 5, 7) are PMP or bus errors, not missing
	 * mappings: they stay oopses. */
	if (cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
	    cause == EXC_STORE_PAGE_FAULT)
		riscv_page_fault(regs);
	else
		bad_exception(regs);
}

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

void arch_show_regs(const struct pt_regs *regs)
{
	int i;

	/* die() prints the backtrace right after the registers. */
	riscv_unwind_set_regs(regs);
	for (i = 1; i < 32; i++)
		printk("%s%-4s: %016llx%s", (i % 3 == 1) ? "  " : " ",
		       reg_names[i], regs->regs[i],
		       (i % 3 == 0 || i == 31) ? "\n" : "");
	printk("  sepc: %016llx sstatus: %016llx\n", regs->sepc,
	       regs->sstatus);
	printk("  scause: %016llx stval: %016llx\n", regs->scause,
	       regs->stval);
}
