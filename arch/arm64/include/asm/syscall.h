/* arm64 system-call registers (AAPCS64 / Linux): the number in x8, the
 * arguments in x0-x5, the result in x0. */
#ifndef ASM_ARM64_SYSCALL_H
#define ASM_ARM64_SYSCALL_H

#include <asm/ptrace.h>

static inline long syscall_nr(const struct pt_regs *regs)
{
	return (long)regs->regs[8];
}

/*
 * x0 is both the first argument and the return value. The entry code keeps
 * the argument in orig_x0, so it stays readable after the result is set
 * (strace, and a restarted call needs it back in x0).
 */
static inline unsigned long syscall_arg(const struct pt_regs *regs, int i)
{
	return i == 0 ? regs->orig_x0 : regs->regs[i];
}

static inline void syscall_set_return(struct pt_regs *regs, long v)
{
	regs->regs[0] = (u64)v;
}

/* Make the interrupted system call run again (a restart after a signal):
 * back to the svc (4 bytes) with its first argument in x0. */
static inline void syscall_rewind(struct pt_regs *regs)
{
	regs->pc -= 4;
	regs->regs[0] = regs->orig_x0;
}

/* struct epoll_event keeps its natural alignment (16 bytes) here; only
 * x86_64 packs it. */
#define ARCH_EPOLL_EVENT_PACKED

#endif
