/*
 * riscv64 frame-pointer unwinding. With -fno-omit-frame-pointer, s0 points
 * just above the saved pair: return address at s0-8, caller's s0 at s0-16.
 * Two wrinkles: gcc 12 gives leaf functions a short record (only the
 * caller's s0, at s0-8; ra never left the register), and entry.S leaves a
 * record {s0, sepc} inside struct pt_regs so walks cross traps. A leaf
 * frame can only be the one a trap interrupted, so its return address is
 * the ra saved in that trap's pt_regs.
 */
#include <arch.h>
#include <oops.h>
#include <kernel_map.h>
#include <page.h>
#include <smp.h>
#include <kstack.h>
#include <asm/riscv.h>

/* The last trap frame the unwinder met (or die() showed) on each CPU:
 * where to find the return address of a leaf function it interrupted.
 * Per CPU, since CPUs unwind at once (the lock checker records sites). */
static const struct pt_regs *unwind_regs_of[NR_CPUS];
#define unwind_regs (unwind_regs_of[smp_processor_id()])

/* The trap frame a leaf frame at fp may have been interrupted by: the
 * last one met, if it lies just below fp on the same stack and is still
 * mapped (a frame met by an earlier walk may be on a freed stack). */
static const struct pt_regs *trap_below(unsigned long fp)
{
	const struct pt_regs *regs = unwind_regs;
	unsigned long at = (unsigned long)regs;

	if (!regs || at >= fp || fp - at > KSTACK_SIZE ||
	    !kernel_readable(at, at + sizeof(*regs)))
		return NULL;
	return regs;
}


/* Is the record at fp the one entry.S built? Three fields must agree. */
static const struct pt_regs *trap_frame_at(unsigned long fp)
{
	unsigned long base = fp - PT_FRAME - 16;
	const struct pt_regs *regs = (const struct pt_regs *)base;

	if (base < PAGE_OFFSET || !kernel_readable(base, fp))
		return NULL;
	if (regs->frame[1] != regs->sepc || regs->frame[0] != regs->regs[8] ||
	    regs->regs[2] != base + PT_REGS_SIZE)
		return NULL;
	return regs;
}

void riscv_unwind_set_regs(const struct pt_regs *regs)
{
	unwind_regs = regs;
}

bool arch_unwind_frame(unsigned long fp, unsigned long *next_fp,
		       unsigned long *ret_addr)
{
	const unsigned long *rec = (const unsigned long *)fp;
	const struct pt_regs *trap;

	if (fp < PAGE_OFFSET + 16 || !kernel_readable(fp - 16, fp))
		return false;
	if (kernel_text_address(rec[-1])) {
		trap = trap_frame_at(fp);
		if (trap)
			unwind_regs = trap;
		*ret_addr = rec[-1];
		*next_fp = rec[-2];
		return true;
	}
	/* A gcc leaf frame: s0-8 holds the caller's s0 (above us, 16-byte
	 * aligned), and the return address is in the trap's saved ra. */
	trap = trap_below(fp);
	if (trap && trap->regs[8] == fp && rec[-1] > fp &&
	    (rec[-1] & 15) == 0) {
		*ret_addr = trap->regs[1];
		*next_fp = rec[-1];
		unwind_regs = NULL;
		return true;
	}
	return false;
}

/* Naked, so there is no frame of our own: s0 is still the caller's. */
__attribute__((naked, noinline)) unsigned long arch_current_frame(void)
{
	__asm__ __volatile__("mv a0, s0\n\tret");
}
