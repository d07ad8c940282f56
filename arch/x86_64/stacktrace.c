/*
 * x86_64 frame-pointer unwinding. With -fno-omit-frame-pointer every frame
 * starts with push %rbp; mov %rsp,%rbp, so rbp points at {caller's rbp,
 * return address}; entry.S builds the same record {interrupted rbp, rip}
 * on each trap, so walks cross into the interrupted code.
 */
#include <arch.h>
#include <oops.h>
#include <kernel_map.h>
#include <page.h>



bool arch_unwind_frame(unsigned long fp, unsigned long *next_fp,
		       unsigned long *ret_addr)
{
	const unsigned long *rec = (const unsigned long *)fp;

	if (!kernel_readable(fp, fp + 16))
		return false;
	*next_fp = rec[0];
	*ret_addr = rec[1];
	return true;
}

/* Naked, so there is no frame of our own: rbp is still the caller's. */
__attribute__((naked, noinline)) unsigned long arch_current_frame(void)
{
	__asm__ __volatile__("movq %rbp, %rax\n\tret");
}
