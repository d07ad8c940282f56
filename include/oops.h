/* The one oops format every arch prints for an unexpected trap
 * (kernel/oops.c): cause in words, address, PC, registers, backtrace; then
 * the offending process is killed, or the machine is stopped. */
#ifndef FAULTLINE_OOPS_H
#define FAULTLINE_OOPS_H

#include <types.h>
#include <compiler.h>
#include <asm/ptrace.h>

/*
 * A synchronous trap of the current context that the kernel did not
 * expect (a kernel fault with no fixup, a trap instruction, a stack
 * overflow caught by a guard page): print the oops, then
 *  - in a user process (current has an mm; not the idle task, not a
 *    kernel thread), outside interrupt handlers and not while already
 *    handling an oops: kill that process as Linux does (do_exit with the
 *    SIGSEGV-killed status) and keep the kernel running;
 *  - anywhere else: stop the machine (power off with a failure code).
 * Never returns to the caller. Callable from any stack with some room
 * (a guard-page handler calls it from its own emergency stack).
 */
void __noreturn die(const char *cause, const struct pt_regs *regs,
		    unsigned long fault_addr);
/* The same oops, for a kernel-mode memory access that faulted with no
 * fixup: also says what kind of bad access it was (NULL pointer, write to
 * kernel text, user memory outside uaccess, stack overflow). flags are the
 * FAULT_FLAG_* the front end decoded. */
void __noreturn die_kernel_fault(const char *cause, const struct pt_regs *regs,
				 unsigned long fault_addr, unsigned int flags);
/* For what no task can be blamed for (unexpected interrupts and vectors,
 * SError, NMI, machine checks): print the oops and stop the machine. */
void __noreturn die_fatal(const char *cause, const struct pt_regs *regs,
			  unsigned long fault_addr);

/* kernel/crashdev.c: make /dev/crash, where a process asks for an oops of
 * its own (boot, after fs_init, only with `crashdev` on the command line). */
void crashdev_init(void);

/* A bug the kernel found in itself (the lock checker): an oops whose
 * cause is this text, with this context's registers, then what die()
 * does (kill the process or stop the machine). */
void __noreturn bug(const char *cause);

/* Print a frame-pointer backtrace starting at fp. */
void show_backtrace(unsigned long fp);
/* Up to max return addresses of the frames from fp, innermost first;
 * returns how many. And print such a list. */
int backtrace_collect(unsigned long fp, unsigned long *ret, int max);
void show_return_addresses(const unsigned long *ret, int depth);
void dump_stack(void);
/* Can the kernel read [lo, hi) without faulting? (for unwinders) */
bool kernel_readable(unsigned long lo, unsigned long hi);

#endif
