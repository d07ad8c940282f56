/*
 * arm64 process hooks: a new task's first context, the task switch (with
 * the user TLS register and FP/SIMD file), fresh user registers for exec,
 * and a forked child's user state.
 */
#include <sched.h>
#include <string.h>
#include <asm/sysreg.h>
#include "arm64.h"

_Static_assert(offsetof(struct arch_context, x19_x28) == CTX_X19, "CTX_X19");
_Static_assert(offsetof(struct arch_context, fp) == CTX_FP, "CTX_FP");
_Static_assert(offsetof(struct arch_context, sp) == CTX_SP, "CTX_SP");
_Static_assert(offsetof(struct arch_context, pc) == CTX_PC, "CTX_PC");
_Static_assert(offsetof(struct arch_fpsimd, fpsr) == 512, "fpsimd layout");
_Static_assert(offsetof(struct pt_regs, orig_x0) == S_ORIG_X0, "S_ORIG_X0");
_Static_assert(offsetof(struct pt_regs, syscallno) == S_SYSCALLNO,
	       "S_SYSCALLNO");

/* The first switch to t returns into arm64_first_run (entry.S), which
 * calls task_first_run() on t's stack, right below its pt_regs. */
void arch_context_init(struct task *t)
{
	memset(&t->context, 0, sizeof(t->context));
	t->context.sp = (u64)task_pt_regs(t);
	t->context.pc = (u64)arm64_first_run;
}

/*
 * The user's TPIDR_EL0 and FP/SIMD registers stay live in the CPU while
 * their task runs (user code changes them without trapping), so they are
 * stored at the switch away and loaded at the switch back. Kernel stacks
 * need nothing more: SP_EL1 is the stack pointer the switch loads, and
 * next returns to user mode from its own pt_regs at the top of that stack.
 */
void arch_context_switch(struct task *prev, struct task *next)
{
	prev->thread.tpidr_el0 = read_sysreg(tpidr_el0);
	arm64_fpsimd_save(&prev->thread.fpsimd);
	write_sysreg(next->thread.tpidr_el0, tpidr_el0);
	arm64_fpsimd_load(&next->thread.fpsimd);
	arm64_switch_to(&prev->context, &next->context);
}

/* Exec runs in the task itself, so its live registers are the ones to
 * reset: FP/SIMD zeroed (FPCR 0 = round to nearest, no traps, as Linux
 * starts a process), no TLS. */
void arch_start_user(struct pt_regs *regs, unsigned long pc,
		     unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->pc = pc;
	regs->sp = sp;
	regs->pstate = PSR_MODE_EL0t;	/* D, A, I, F clear */
	regs->syscallno = NO_SYSCALL;

	memset(&current->thread, 0, sizeof(current->thread));
	arm64_fpsimd_load(&current->thread.fpsimd);
	write_sysreg(0, tpidr_el0);
	write_sysreg(0, tpidrro_el0);
}

/*
 * The child resumes from the same svc as the parent with x0 = 0. The
 * parent is current, so its FP/SIMD registers and TLS are taken from the
 * CPU rather than from its (stale) arch_thread.
 */
void arch_copy_thread(struct task *child, struct task *parent,
		      unsigned long newsp, bool set_tls, unsigned long tls)
{
	struct pt_regs *regs = task_pt_regs(child);

	regs->regs[0] = 0;
	if (newsp)
		regs->sp = newsp;

	child->thread = parent->thread;
	if (parent == current) {
		child->thread.tpidr_el0 = read_sysreg(tpidr_el0);
		arm64_fpsimd_save(&child->thread.fpsimd);
	}
	if (set_tls)
		child->thread.tpidr_el0 = tls;
}
