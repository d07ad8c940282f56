/* riscv64 system-call registers (Linux psABI): the number in a7, the
 * arguments in a0-a5, the result in a0. */
#ifndef ASM_RISCV64_SYSCALL_H
#define ASM_RISCV64_SYSCALL_H

#include <asm/ptrace.h>

static inline long syscall_nr(const struct pt_regs *regs)
{
	return (long)regs->regs[17];
}

/*
 * a0 is both the first argument and the return value. The trap code keeps
 * the argument in orig_a0, so it stays readable after the result is set
 * (a restarted call needs it).
 */
static inline unsigned long syscall_arg(const struct pt_regs *regs, int i)
{
	return i == 0 ? regs->orig_a0 : regs->regs[10 + i];
}

static inline void syscall_set_return(struct pt_regs *regs, long v)
{
	regs->regs[10] = (u64)v;
}

/* Make the interrupted system call run again (a restart after a signal):
 * back to the ecall (always 4 bytes) with its first argument in a0. */
static inline void syscall_rewind(struct pt_regs *regs)
{
	regs->sepc -= 4;
	regs->regs[10] = regs->orig_a0;
}

/* struct epoll_event keeps its natural alignment (16 bytes) here; only
 * x86_64 packs it. */
#define ARCH_EPOLL_EVENT_PACKED

#endif
