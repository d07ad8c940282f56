/* riscv64 trap dispatcher: interrupts go to the timer or the PLIC, page
 * faults to the fault front end (fault.c); every other exception (there is
 * no user mode yet) is a kernel bug and becomes an oops with the cause in
 * words. */
#include <arch.h>
#include <oops.h>
#include <printk.h>
#include <asm/csr.h>
#include <asm/riscv.h>

/* entry.S uses the PT_* offsets; keep them in step with struct pt_regs. */
_Static_assert(offsetof(struct pt_regs, sepc) == PT_SEPC, "PT_SEPC");
_Static_assert(offsetof(struct pt_regs, sstatus) == PT_SSTATUS, "PT_SSTATUS");
_Static_assert(offsetof(struct pt_regs, scause) == PT_SCAUSE, "PT_SCAUSE");
_Static_assert(offsetof(struct pt_regs, stval) == PT_STVAL, "PT_STVAL");
_Static_assert(offsetof(struct pt_regs, frame) == PT_FRAME, "PT_FRAME");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "PT_REGS_SIZE");

extern char trap_entry[];

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
	else if (code == 2)	/* stval holds the instruction bits */
		snprintf(cause, sizeof(cause), "%s (%#010llx)", name,
			 regs->stval);
	else
		snprintf(cause, sizeof(cause), "%s", name);
	die(cause, regs, regs->stval);
}

void do_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->scause;

	if (!(cause & SCAUSE_IRQ)) {
		/* Access faults (1, 5, 7) are PMP or bus errors, not missing
		 * mappings: they stay oopses. */
		if (cause == EXC_INST_PAGE_FAULT ||
		    cause == EXC_LOAD_PAGE_FAULT ||
		    cause == EXC_STORE_PAGE_FAULT)
			riscv_page_fault(regs);
		else
			bad_exception(regs);
		return;
	}

	switch (cause & ~SCAUSE_IRQ) {
	case IRQ_S_TIMER:
		riscv_timer_interrupt();
		break;
	case IRQ_S_EXT:
		plic_handle_irq();
		break;
	default: {
		static char what[48];

		snprintf(what, sizeof(what), "unexpected interrupt %lu",
			 cause & ~SCAUSE_IRQ);
		die(what, regs, 0);
	}
	}
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
