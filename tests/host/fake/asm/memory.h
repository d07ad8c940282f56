/* Fake arch for host tests: "physical" memory is a malloc'ed arena that
 * starts at physical address fake_ram_base. */
#ifndef FAKE_ASM_MEMORY_H
#define FAKE_ASM_MEMORY_H

#include <types.h>

extern char *fake_ram;
extern unsigned long fake_ram_base;

#define PAGE_OFFSET ((unsigned long)fake_ram - fake_ram_base)
#define __va(pa) ((void *)(fake_ram + ((unsigned long)(pa) - fake_ram_base)))
#define __pa(va) ((phys_addr_t)((char *)(va) - fake_ram) + fake_ram_base)
#define EARLY_MAP_LIMIT (~0UL)
#define IOREMAP_BASE 0UL
#define IOREMAP_SIZE 0UL
#define TASK_SIZE (1UL << 47)

#endif
