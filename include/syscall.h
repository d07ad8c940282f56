/*
 * System calls (kernel/syscall.c): the arch's trap code decodes "this is a
 * syscall" and calls syscall_dispatch(); the number and arguments come out
 * of pt_regs through the arch's asm/syscall.h:
 *   syscall_nr(regs)            the number (a7 / x8 / orig rax)
 *   syscall_arg(regs, i)        argument i, 0..5
 *   syscall_set_return(regs, v) the value (or -errno) user space sees
 * Handlers are named sys_<name> and take the Linux arguments in order.
 */
#ifndef FAULTLINE_SYSCALL_H
#define FAULTLINE_SYSCALL_H

#include <types.h>
#include <asm/ptrace.h>

void syscall_dispatch(struct pt_regs *regs);

#endif
