/*
 * The oops: what every arch prints for a trap the kernel did not expect, in
 * one format (cause in words, faulting address, PC, registers, backtrace),
 * before the machine is stopped. The unwinder follows frame pointers and
 * stops at anything that does not look like a kernel frame.
 */
#include <oops.h>
#include <arch.h>
#include <printk.h>
#include <kernel_map.h>
#include <page.h>
#include <irq.h>

#define BACKTRACE_MAX 32

static bool in_oops;

/*
 * Can [lo, hi) be read without faulting? The kernel page tables know: the
 * unwinder follows pointers found on stacks, and one bad frame pointer must
 * not turn an oops into a fault inside the oops (guard pages included).
 */
bool kernel_readable(unsigned long lo, unsigned long hi)
{
	unsigned long page;

	if (hi <= lo)
		return false;
	if (!kernel_pgtable)	/* early boot: only the image is certain */
		return lo >= (unsigned long)__kernel_start &&
		       hi <= (unsigned long)__kernel_end;
	for (page = ALIGN_DOWN(lo, PAGE_SIZE); page < hi; page += PAGE_SIZE)
		if (!pgtable_translate(kernel_pgtable, page, NULL, NULL))
			return false;
	return true;
}

void show_backtrace(unsigned long fp)
{
	int depth;

	printk("Call trace:\n");
	for (depth = 0; depth < BACKTRACE_MAX && fp; depth++) {
		unsigned long next_fp, ret;

		if (!IS_ALIGNED(fp, sizeof(long)) ||
		    !kernel_readable(fp - 2 * sizeof(long), fp + 2 * sizeof(long)) ||
		    !arch_unwind_frame(fp, &next_fp, &ret))
			break;
		if (!kernel_text_address(ret))
			break;
		printk("  [<%#018lx>]\n", ret);
		/* Stacks grow down, so callers' frames lie at higher
		 * addresses; anything else is a loop or garbage. */
		if (next_fp <= fp)
			break;
		fp = next_fp;
	}
	printk("  (resolve with: addr2line -e build/%s/faultline.elf ADDR)\n",
	       arch_name);
}

void dump_stack(void)
{
	show_backtrace(arch_current_frame());
}

void __noreturn die(const char *cause, const struct pt_regs *regs,
		    unsigned long fault_addr)
{
	arch_irq_disable();
	if (in_oops) {
		/* A fault while printing an oops: print the bare minimum. */
		printk("\nOops inside oops: %s at %#lx\n", cause, fault_addr);
		arch_poweroff(3);
	}
	in_oops = true;
	printk("\nOops: %s\n", cause);
	printk("  arch %s, %s mode, fault address %#018lx, pc %#018lx\n",
	       arch_name, regs_user_mode(regs) ? "user" : "kernel",
	       fault_addr, regs_pc(regs));
	arch_show_regs(regs);
	if (kernel_text_address(regs_pc(regs)))
		printk("  [<%#018lx>] (faulting instruction)\n", regs_pc(regs));
	show_backtrace(regs_fp(regs));
	printk("Kernel stopped: powering off.\n");
	arch_poweroff(3);
}
