/* The register frame arch/arm64/entry.S saves on every exception. The
 * S_* offsets are what the assembly uses; traps.c checks they match. */
#ifndef ASM_ARM64_PTRACE_H
#define ASM_ARM64_PTRACE_H

#define S_X0		0
#define S_LR		240	/* x30 */
#define S_SP		248
#define S_PC		256
#define S_PSTATE	264
#define S_ESR		272
#define S_FAR		280
#define S_FRAME		288
#define S_ORIG_X0	304
#define S_SYSCALLNO	312
#define PT_REGS_SIZE	320	/* multiple of 16: sp stays aligned */

/* syscallno of a trap that is not a system call */
#define NO_SYSCALL	(-1)

#define PSR_MODE_MASK	0xf
#define PSR_MODE_EL0t	0x0
#define PSR_I_BIT	(1 << 7)	/* IRQs masked */

#ifndef __ASSEMBLY__
#include <types.h>

struct pt_regs {
	u64 regs[31];		/* x0..x30 */
	u64 sp;			/* sp at the trap (sp_el0 if from EL0) */
	u64 pc;			/* elr_el1 */
	u64 pstate;		/* spsr_el1 */
	u64 esr;		/* esr_el1: why we trapped */
	u64 far;		/* far_el1: faulting address, if any */
	/* A frame record {x29, pc}: backtraces walk through the trap into
	 * the interrupted code. */
	u64 stackframe[2];
	/* A system call's x0 on entry (x0 is also its return value) and its
	 * number; syscallno is NO_SYSCALL for every other trap. */
	u64 orig_x0;
	s64 syscallno;
};

static inline unsigned long regs_pc(const struct pt_regs *regs)
{
	return regs->pc;
}

/* Where eret resumes: fault_deliver() points it at a fixup. */
static inline void regs_set_pc(struct pt_regs *regs, unsigned long pc)
{
	regs->pc = pc;
}

static inline unsigned long regs_sp(const struct pt_regs *regs)
{
	return regs->sp;
}

static inline unsigned long regs_fp(const struct pt_regs *regs)
{
	return regs->regs[29];
}

static inline bool regs_user_mode(const struct pt_regs *regs)
{
	return (regs->pstate & PSR_MODE_MASK) == PSR_MODE_EL0t;
}
/* Were interrupts enabled in the trapped context? (generic_fault runs
 * with them as the faulting code had them.) */
static inline bool regs_irqs_enabled(const struct pt_regs *regs)
{
	return !(regs->pstate & PSR_I_BIT);
}

#endif

#endif
