/* The kernel's own address space: direct map, W^X image, MMIO window
 * (mm/kernel_map.c), and the vmap area holding kernel stacks between
 * guard gaps (mm/vmap.c). */
#ifndef FAULTLINE_KERNEL_MAP_H
#define FAULTLINE_KERNEL_MAP_H

#include <types.h>
#include <compiler.h>
#include <pgtable.h>
#include <kstack.h>
#include <asm/memory.h>
#include <asm/ptrace.h>

struct boot_info;

extern pte_t *kernel_pgtable;

/* Build the final kernel page tables from *bi and switch to them. */
void paging_init(const struct boot_info *bi);

/* Map device registers uncached into the MMIO window; panics on failure
 * (boot-time only, naming the device). */
void *ioremap(phys_addr_t pa, size_t size, const char *what);

/*
 * The vmap area: 1 GiB right above the MMIO window, in the kernel half
 * every address space shares. paging_init() creates the table its root
 * entry points to before any user root copies the kernel's root entries,
 * so a stack mapped later is visible in every address space.
 */
#define VMAP_BASE	(IOREMAP_BASE + IOREMAP_SIZE)
#define VMAP_SIZE	(1UL << 30)

/* Called by paging_init() once the kernel page tables exist. */
void vmap_init(void);

/*
 * A kernel stack: KSTACK_SIZE bytes of fresh pages at a KSTACK_ALIGN
 * boundary of the vmap area, with the KSTACK_SIZE bytes below it never
 * mapped (the guard). Returns its lowest address, or NULL when out of
 * memory or of slots. kstack_free() unmaps it (flushing the TLB) and
 * frees its pages.
 */
void *kstack_alloc(void);
void kstack_free(void *stack);
/* Stacks currently allocated (leak checks). */
unsigned long kstack_nr_allocated(void);

/* Does addr lie in the guard gap below an allocated kernel stack? */
bool kstack_guard_hit(unsigned long addr);

/*
 * The overflow stack (one CPU, one stack): where the trap entry moves
 * when the stack it interrupted has no room for a trap frame. KSTACK_ALIGN
 * aligned, so the entry's sp test passes on it. x86_64 takes #DF there
 * through the IST.
 */
extern char kstack_overflow_stack[KSTACK_SIZE];

/*
 * Called by the arch on the overflow stack, interrupts off, with the
 * registers of the trapped context (regs->sp is where the stack ran out)
 * and the address to report (the faulting address in the guard, else the
 * sp). Oopses with "kernel stack overflow"; die() then kills the task,
 * running on the top of the task's own stack, whose frames are dead.
 */
void __noreturn kstack_overflow(struct pt_regs *regs, unsigned long addr);

/* entry.S: call fn(arg) with sp = stack_top and no caller frame; fn must
 * not return. */
void __noreturn arch_call_on_stack(void *arg, void (*fn)(void *),
				   unsigned long stack_top);

/* Section boundaries from the linker script (linker/<arch>-<board>.ld). */
extern char __kernel_start[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[], __data_start[];
extern char __bss_start[], __bss_end[], __kernel_end[];

/* Does this kernel virtual address lie in the kernel's text? (unwinder) */
static inline bool kernel_text_address(unsigned long addr)
{
	return addr >= (unsigned long)__text_start &&
	       addr < (unsigned long)__text_end;
}

#endif
