/* Hooks between the files of arch/riscv64 (not used by generic code). */
#ifndef ASM_RISCV64_RISCV_H
#define ASM_RISCV64_RISCV_H

#include <asm/ptrace.h>

/* entry.S calls this for every trap, with the saved registers. */
void do_trap(struct pt_regs *regs);
/* entry.S, on the overflow stack, when a trap from the kernel found no
 * room for its frame (traps.c). */
void __attribute__((noreturn)) riscv_stack_overflow(struct pt_regs *regs);
/* Instruction, load and store/AMO page faults (fault.c). */
void riscv_page_fault(struct pt_regs *regs);
/* The supervisor timer interrupt: rearm and tick (timer.c). */
void riscv_timer_interrupt(void);
/* Start a secondary hart's tick at the rate arch_timer_init() chose. */
void riscv_timer_init_secondary(void);
/* A secondary hart's entry from SBI HSM, at its physical address (head.S),
 * and the satp value it loads there (smp.c). */
void secondary_entry(void);
extern unsigned long riscv_secondary_satp;
/* The supervisor external interrupt: claim, handle, complete (plic.c). */
void plic_handle_irq(void);
/* The trap frame a backtrace starts from: lets the unwinder find the
 * return address of a leaf function the trap interrupted (stacktrace.c). */
void riscv_unwind_set_regs(const struct pt_regs *regs);

struct arch_context;
struct riscv_fp_state;
/* Save callee-saved registers into prev, load next's (switch.S). */
void riscv_switch_to(struct arch_context *prev, struct arch_context *next);
/* Where a new task's first switch returns to (switch.S). */
void riscv_task_entry(void);
/* The hart's F/D registers and fcsr to and from memory (fpu.S). */
void riscv_fp_save(struct riscv_fp_state *to);
void riscv_fp_restore(const struct riscv_fp_state *from);
/* Probe for F/D, set riscv_has_fpu (process.c). */
void riscv_fpu_init(void);

#endif
