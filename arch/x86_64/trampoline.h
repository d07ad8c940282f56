/* Private to arch/x86_64: the parameters block at the end of the AP start
 * page (trampoline.S), which the boot CPU fills for each CPU it starts. */
#ifndef X86_64_TRAMPOLINE_H
#define X86_64_TRAMPOLINE_H

/* Byte offsets in the block, for trampoline.S; smp.c checks them. */
#define TRP_CR0		0	/* u32: the boot CPU's CR0 */
#define TRP_CR3		4	/* u32: the start root (below 4 GiB) */
#define TRP_CR4		8	/* u32: the boot CPU's CR4 */
#define TRP_EFER	12	/* u32: LME, NXE, SCE as on the boot CPU */
#define TRP_CPU		16	/* u64: the struct cpu */
#define TRP_STACK	24	/* u64: top of its idle task's stack */
#define TRP_KERNEL_CR3	32	/* u64: kernel_pgtable's root */
#define TRP_ENTRY	40	/* u64: x86_secondary_entry */
#define TRP_ACK		48	/* u32: set by the CPU once it is done
				 * with the page (and the block) */
#define TRP_SIZE	56

#ifndef __ASSEMBLY__
#include <types.h>

struct x86_trampoline_params {
	u32 cr0, cr3, cr4, efer;
	u64 cpu, stack_top, kernel_cr3, entry;
	u32 ack;
	u32 pad;
};

/* The page image (trampoline.S): copied below 1 MiB, never run where it
 * is linked. */
extern const char x86_trampoline_start[], x86_trampoline_params[],
	x86_trampoline_end[];
#endif

#endif
