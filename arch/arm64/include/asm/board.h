/* Board facts the CPU code needs, kept apart so a second board (Raspberry
 * Pi 3) only adds a board-*.c file and a block here. Shared by .S and .c. */
#ifndef ASM_ARM64_BOARD_H
#define ASM_ARM64_BOARD_H

#include <asm/memory.h>

#if defined(BOARD_virt)
/* QEMU virt: RAM from 1 GiB; PL011 UART0 in the device area below it. */
#define BOARD_RAM_BASE		_UL(0x40000000)
#define BOARD_EARLY_UART_PHYS	_UL(0x09000000)
#else
#error "arm64: no board selected (BOARD_virt)"
#endif

#ifndef __ASSEMBLY__
/*
 * Fallbacks for when the device tree lacks a node, and the compatible
 * strings to search for. Each board-*.c defines arm64_board.
 */
struct arm64_board {
	const char *name;
	const char *const *uart_compat;	/* NULL-terminated */
	phys_addr_t uart_base;
	unsigned int uart_irq;		/* GIC INTID */
	const char *const *gic_compat;
	phys_addr_t gicd_base, gicc_base;
	unsigned int timer_irq;		/* virtual timer PPI as INTID */
};

extern const struct arm64_board arm64_board;
#endif

#endif
