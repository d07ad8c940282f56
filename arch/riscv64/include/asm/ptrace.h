/* The register frame arch/riscv64/entry.S saves on every trap. The PT_*
 * offsets are what the assembly uses; traps.c checks they match. */
#ifndef ASM_RISCV64_PTRACE_H
#define ASM_RISCV64_PTRACE_H

/* Byte offset of general register xN in the frame. */
#define PT_X(n)		((n) * 8)
#define PT_SEPC		256
#define PT_SSTATUS	264
#define PT_SCAUSE	272
#define PT_STVAL	280
#define PT_FRAME	288
#define PT_ORIG_A0	304
#define PT_REGS_SIZE	320	/* multiple of 16: the ABI's sp alignment */

/* sstatus bits (plain numbers: assembly includes this too). */
#define SSTATUS_SIE	0x2
#define SSTATUS_SPIE	0x20
#define SSTATUS_SPP	0x100		/* trapped from S-mode */
#define SSTATUS_VS	0x600		/* vector state: left Off */
#define SSTATUS_FS	0x6000		/* FP state: Off, Initial, Clean, Dirty */
#define SSTATUS_FS_INITIAL 0x2000
#define SSTATUS_FS_CLEAN 0x4000
#define SSTATUS_FS_DIRTY 0x6000
#define SSTATUS_UXL	0x300000000	/* user XLEN (2: 64-bit) */
#define SSTATUS_SUM	0x40000		/* S-mode may touch U pages: set only
					 * inside arch_copy_user */

#ifndef __ASSEMBLY__
#include <types.h>

struct pt_regs {
	/* x0..x31 by number; x0's slot is unused (always zero), x2 holds the
	 * sp of the interrupted code. */
	u64 regs[32];
	u64 sepc;		/* where the trap happened */
	u64 sstatus;		/* SPP says from which mode */
	u64 scause;		/* why: interrupt bit + code */
	u64 stval;		/* faulting address or instruction, if any */
	/* A frame record {fp, ra} = {s0, sepc}: backtraces walk through the
	 * trap into the interrupted code. entry.S points s0 past it. */
	u64 frame[2];
	/* A system call's a0 on entry (a0 is also its return value). */
	u64 orig_a0;
	u64 pad;
};

static inline unsigned long regs_pc(const struct pt_regs *regs)
{
	return regs->sepc;
}

/* Resume the trapped code at pc (an exception-table fixup). */
static inline void regs_set_pc(struct pt_regs *regs, unsigned long pc)
{
	regs->sepc = pc;
}

static inline unsigned long regs_sp(const struct pt_regs *regs)
{
	return regs->regs[2];
}

static inline unsigned long regs_fp(const struct pt_regs *regs)
{
	return regs->regs[8];	/* s0 */
}

static inline bool regs_user_mode(const struct pt_regs *regs)
{
	return !(regs->sstatus & SSTATUS_SPP);
}
/* Were interrupts enabled in the trapped context? (generic_fault runs
 * with them as the faulting code had them.) */
static inline bool regs_irqs_enabled(const struct pt_regs *regs)
{
	return regs->sstatus & SSTATUS_SPIE;
}

#endif

#endif
