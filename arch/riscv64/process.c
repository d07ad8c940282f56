/*
 * riscv64 process hooks: the task switch (callee-saved registers and the
 * user's FP registers), a new task's first run, fresh user registers for
 * exec and a clone child's registers.
 */
#include <sched.h>
#include <string.h>
#include <asm/csr.h>
#include <asm/elf.h>
#include <asm/riscv.h>

_Static_assert(offsetof(struct arch_context, ra) == CTX_RA, "CTX_RA");
_Static_assert(offsetof(struct arch_context, sp) == CTX_SP, "CTX_SP");
_Static_assert(offsetof(struct arch_context, s) == CTX_S(0), "CTX_S");
_Static_assert(sizeof(struct arch_context) == CTX_SIZE, "CTX_SIZE");
_Static_assert(offsetof(struct riscv_fp_state, fcsr) == 32 * 8, "fcsr");
/* The first switch to a task runs on the stack right below its pt_regs. */
_Static_assert(KSTACK_SIZE % 16 == 0 && PT_REGS_SIZE % 16 == 0, "align");

bool riscv_has_fpu;

/* sstatus.FS is read-only zero on a hart without F: see if it sticks. */
void riscv_fpu_init(void)
{
	csr_set(sstatus, SSTATUS_FS);
	riscv_has_fpu = (csr_read(sstatus) & SSTATUS_FS) != 0;
	csr_clear(sstatus, SSTATUS_FS);	/* the kernel runs with FS Off */
}

void arch_context_init(struct task *t)
{
	memset(&t->context, 0, sizeof(t->context));
	t->context.ra = (unsigned long)riscv_task_entry;
	t->context.sp = (unsigned long)task_pt_regs(t);
}

static unsigned long user_fs(struct task *t)
{
	return task_pt_regs(t)->sstatus & SSTATUS_FS;
}

/*
 * Called with interrupts off. The FP registers hold the user state of the
 * last user task that ran, which is prev's if prev is a user task. The
 * hart marks FS Dirty when user code writes an FP register, and the trap
 * saved that FS in prev's pt_regs: save only then, and mark it Clean, as
 * the saved copy is now up to date. Nothing per-CPU needs changing:
 * ret_from_trap records next's stack top in this hart's struct arch_cpu
 * and puts the struct in sscratch when next goes back to user mode.
 */
void arch_context_switch(struct task *prev, struct task *next)
{
	if (riscv_has_fpu) {
		if (prev->mm && user_fs(prev) == SSTATUS_FS_DIRTY) {
			riscv_fp_save(&prev->thread.fp);
			task_pt_regs(prev)->sstatus &= ~SSTATUS_FS;
			task_pt_regs(prev)->sstatus |= SSTATUS_FS_CLEAN;
		}
		if (next->mm)
			riscv_fp_restore(&next->thread.fp);
	}
	riscv_switch_to(&prev->context, &next->context);
}

void arch_start_user(struct pt_regs *regs, unsigned long pc,
		     unsigned long sp)
{
	/* Keep only UXL (the user's XLEN, a WARL field we do not change). */
	unsigned long sstatus = csr_read(sstatus) & SSTATUS_UXL;

	memset(regs, 0, sizeof(*regs));
	regs->sepc = pc;
	regs->regs[2] = sp;
	/*
	 * SPP clear: sret goes to user mode. SPIE set: interrupts are on
	 * there (S-mode interrupts are always taken in U-mode, but sret
	 * copies SPIE to SIE). SIE stays clear until then. FS Initial: user
	 * code may use FP, and its registers are all zero.
	 */
	sstatus |= SSTATUS_SPIE;
	if (riscv_has_fpu)
		sstatus |= SSTATUS_FS_INITIAL;
	regs->sstatus = sstatus;

	memset(&current->thread.fp, 0, sizeof(current->thread.fp));
	if (riscv_has_fpu)
		riscv_fp_restore(&current->thread.fp);
}

/*
 * The child's pt_regs and arch_thread are the parent's already. The
 * parent's FP registers may be newer than its saved copy (they are saved
 * only at a switch): take them from the hart.
 */
void arch_copy_thread(struct task *child, struct task *parent,
		      unsigned long newsp, bool set_tls, unsigned long tls)
{
	struct pt_regs *regs = task_pt_regs(child);

	regs->regs[10] = 0;		/* a0: clone returns 0 in the child */
	if (newsp)
		regs->regs[2] = newsp;
	if (set_tls)
		regs->regs[4] = tls;	/* tp */
	if (riscv_has_fpu && parent == current && parent->mm)
		riscv_fp_save(&child->thread.fp);
}
