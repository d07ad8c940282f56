/* The register frame arch/x86_64/entry.S saves on every trap, interrupt and
 * system call. The PT_* offsets are what the assembly uses; traps.c checks
 * they match. */
#ifndef ASM_X86_64_PTRACE_H
#define ASM_X86_64_PTRACE_H

#define PT_R11		48
#define PT_RAX		80
#define PT_RCX		88
#define PT_ORIG_RAX	120
#define PT_VECTOR	128
#define PT_ERROR_CODE	136
#define PT_RIP		144
#define PT_CS		152
#define PT_RFLAGS	160
#define PT_RSP		168
#define PT_SS		176
#define PT_REGS_SIZE	184

/* pt_regs.vector of a frame the SYSCALL entry built (no IDT vector). */
#define PT_VECTOR_SYSCALL	(-1)

#define X86_EFLAGS_IF	0x200
#define X86_EFLAGS_AC	0x40000

#ifndef __ASSEMBLY__
#include <types.h>

struct pt_regs {
	/* Pushed by entry.S, last pushed first. */
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	/* The system-call number: rax as the SYSCALL instruction found it
	 * (rax itself becomes the result); -1 in a trap or interrupt frame. */
	u64 orig_rax;
	u64 vector;		/* IDT vector, or PT_VECTOR_SYSCALL */
	u64 error_code;		/* the CPU's, or 0 where it pushes none */
	/* The hardware interrupt frame (pushed by the CPU in 64-bit mode, by
	 * the SYSCALL entry in the same shape): it ends the struct, so the
	 * frame of a trap from user mode, pushed at TSS.rsp0 = the top of the
	 * kernel stack, is exactly task_pt_regs(). */
	u64 rip, cs, rflags, rsp, ss;
};

static inline unsigned long regs_pc(const struct pt_regs *regs)
{
	return regs->rip;
}

static inline void regs_set_pc(struct pt_regs *regs, unsigned long pc)
{
	regs->rip = pc;
}

static inline unsigned long regs_sp(const struct pt_regs *regs)
{
	return regs->rsp;
}

static inline unsigned long regs_fp(const struct pt_regs *regs)
{
	return regs->rbp;
}

/* CPL is in the low two bits of the saved CS selector. */
static inline bool regs_user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}
/* Were interrupts enabled in the trapped context? (generic_fault runs
 * with them as the faulting code had them.) */
static inline bool regs_irqs_enabled(const struct pt_regs *regs)
{
	return regs->rflags & X86_EFLAGS_IF;
}

#endif

#endif
