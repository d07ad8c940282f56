/* The one oops format every arch prints for an unexpected trap
 * (kernel/oops.c): cause in words, address, PC, registers, backtrace. */
#ifndef FAULTLINE_OOPS_H
#define FAULTLINE_OOPS_H

#include <types.h>
#include <compiler.h>
#include <asm/ptrace.h>

/* Print the oops and stop the machine (power off with a failure code). */
void __noreturn die(const char *cause, const struct pt_regs *regs,
		    unsigned long fault_addr);
/* Print a frame-pointer backtrace starting at fp. */
void show_backtrace(unsigned long fp);
void dump_stack(void);
/* Can the kernel read [lo, hi) without faulting? (for unwinders) */
bool kernel_readable(unsigned long lo, unsigned long hi);

#endif
