/* x86_64 system-call registers (Linux ABI): the number in rax, the
 * arguments in rdi, rsi, rdx, r10, r8, r9, the result in rax. */
#ifndef ASM_X86_64_SYSCALL_H
#define ASM_X86_64_SYSCALL_H

#include <asm/ptrace.h>

/* The entry keeps rax's value in orig_rax, since rax becomes the result
 * (a trap or interrupt frame has -1 there: no system call). */
static inline long syscall_nr(const struct pt_regs *regs)
{
	return (long)regs->orig_rax;
}

/* The fourth argument is in r10: SYSCALL itself overwrites rcx with the
 * return address (and r11 with RFLAGS). */
static inline unsigned long syscall_arg(const struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return regs->rdi;
	case 1: return regs->rsi;
	case 2: return regs->rdx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

static inline void syscall_set_return(struct pt_regs *regs, long v)
{
	regs->rax = (u64)v;
}

/* Make the interrupted system call run again (a restart after a signal):
 * back to the 2-byte syscall instruction with the number in rax. */
static inline void syscall_rewind(struct pt_regs *regs)
{
	regs->rip -= 2;
	regs->rax = regs->orig_rax;
}

/* struct epoll_event is packed on x86_64 (12 bytes; its u64 is not
 * aligned), naturally aligned elsewhere: the kernel/fs/eventpoll.c ABI. */
#define ARCH_EPOLL_EVENT_PACKED __attribute__((packed))

#endif
