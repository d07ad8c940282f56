/* The kernel's own address space: direct map, W^X image, MMIO window
 * (mm/kernel_map.c). */
#ifndef FAULTLINE_KERNEL_MAP_H
#define FAULTLINE_KERNEL_MAP_H

#include <types.h>
#include <pgtable.h>

struct boot_info;

extern pte_t *kernel_pgtable;

/* Build the final kernel page tables from *bi and switch to them. */
void paging_init(const struct boot_info *bi);

/* Map device registers uncached into the MMIO window; panics on failure
 * (boot-time only, naming the device). */
void *ioremap(phys_addr_t pa, size_t size, const char *what);

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
