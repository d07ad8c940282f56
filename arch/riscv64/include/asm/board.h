/* What arch/riscv64 needs to know about the board (board-virt.c): where
 * the devices are, looked up in the device tree with fixed fallbacks. */
#ifndef ASM_RISCV64_BOARD_H
#define ASM_RISCV64_BOARD_H

#include <types.h>

struct board_device {
	phys_addr_t base;
	size_t size;
	unsigned int irq;	/* PLIC source, 0 if none */
};

/* The device tree the firmware handed over (physical, saved by head.S). */
extern phys_addr_t riscv_boot_dtb;
extern unsigned long riscv_boot_hartid;

/* The DTB through the direct map if it looks valid, else NULL. */
const void *board_fdt(void);

void board_uart(struct board_device *dev, unsigned int *reg_shift);
/* The PLIC, and the context number of the boot hart's S-mode. */
void board_plic(struct board_device *dev, unsigned int *context);
/* Every S-mode context of the PLIC, the boot hart's among them: fills up
 * to max numbers into ctx and returns how many it filled. */
int board_plic_s_contexts(unsigned int *ctx, int max);
/* Counter frequency (timebase-frequency). */
u64 board_timebase(void);
/* Does the boot hart implement Sstc (per the DT's riscv,isa)? The others
 * are taken to be alike. */
bool board_has_sstc(void);

#endif
