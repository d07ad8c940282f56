/* The 16550 UART driver (kernel/drivers/uart16550.c): x86_64 COM1 through
 * I/O ports, riscv64 virt through MMIO. The arch supplies the accessors. */
#ifndef FAULTLINE_UART16550_H
#define FAULTLINE_UART16550_H

#include <types.h>
#include <compiler.h>
#include <console.h>

struct uart16550 {
	struct console_driver con;
	void *mmio;			/* MMIO base, or NULL for port I/O */
	unsigned long port;		/* I/O port base (x86_64) */
	unsigned int reg_shift;		/* register stride = 1 << reg_shift */
	u8 (*read_reg)(struct uart16550 *u, unsigned int reg);
	void (*write_reg)(struct uart16550 *u, unsigned int reg, u8 val);
};

/* Set up accessors for a memory-mapped 16550 at mmio (already ioremapped). */
void uart16550_init_mmio(struct uart16550 *u, void *mmio,
			 unsigned int reg_shift);
/* Program 8N1 with FIFOs, enable the receive interrupt, become the console.
 * The arch then request_irq()s uart16550_irq with u as data. */
void uart16550_start(struct uart16550 *u);
void uart16550_irq(unsigned int irq, void *data);

#endif
