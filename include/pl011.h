/* The ARM PL011 UART driver (kernel/drivers/pl011.c): arm64 virt and the
 * Raspberry Pi. */
#ifndef FAULTLINE_PL011_H
#define FAULTLINE_PL011_H

#include <types.h>
#include <compiler.h>
#include <console.h>

struct pl011 {
	struct console_driver con;
	void *mmio;			/* ioremapped register base */
};

/* Keep the firmware's baud rate, enable FIFOs and the receive interrupt,
 * become the console. The arch then request_irq()s pl011_irq with p. */
void pl011_start(struct pl011 *p, void *mmio);
void pl011_irq(unsigned int irq, void *data);

#endif
