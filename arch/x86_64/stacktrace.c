/*
 * x86_64 frame-pointer unwinding. With -fno-omit-frame-pointer every frame
 * starts with push %rbp; mov %rsp,%rbp, so rbp points at {caller's rbp,
 * return address}; entry.S builds the same record {interrupted rbp, rip}
 * on each trap, so walks cross into the interrupted code.
 */
#include <arch.h>
#include <bootinfo.h>
#include <kernel_map.h>
#include <page.h>

extern char boot_stack_guard[];

/* A record must lie where reading cannot fault: the kernel image (boot
 * stack, IST stack) or the direct map of RAM. */
static bool readable(unsigned long lo, unsigned long hi)
{
	unsigned long guard = (unsigned long)boot_stack_guard;
	int i;

	if (hi > guard && lo < guard + PAGE_SIZE)
		return false;	/* unmapped on purpose (setup.c) */
	if (lo >= (unsigned long)__kernel_start &&
	    hi <= (unsigned long)__kernel_end)
		return true;
	if (lo < PAGE_OFFSET || hi > PAGE_OFFSET + DIRECT_MAP_SIZE)
		return false;
	for (i = 0; i < boot_info.nr_ram; i++) {
		phys_addr_t base = boot_info.ram[i].base;

		if (__pa(lo) >= base && __pa(hi) <= base + boot_info.ram[i].size)
			return true;
	}
	return false;
}

bool arch_unwind_frame(unsigned long fp, unsigned long *next_fp,
		       unsigned long *ret_addr)
{
	const unsigned long *rec = (const unsigned long *)fp;

	if (!readable(fp, fp + 16))
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
