/* Hooks between the files of arch/riscv64 (not used by generic code). */
#ifndef ASM_RISCV64_RISCV_H
#define ASM_RISCV64_RISCV_H

#include <asm/ptrace.h>

/* entry.S calls this for every trap, with the saved registers. */
void do_trap(struct pt_regs *regs);
/* Instruction, load and store/AMO page faults (fault.c). */
void riscv_page_fault(struct pt_regs *regs);
/* The supervisor timer interrupt: rearm and tick (timer.c). */
void riscv_timer_interrupt(void);
/* The supervisor external interrupt: claim, handle, complete (plic.c). */
void plic_handle_irq(void);
/* The trap frame a backtrace starts from: lets the unwinder find the
 * return address of a leaf function the trap interrupted (stacktrace.c). */
void riscv_unwind_set_regs(const struct pt_regs *regs);

#endif
