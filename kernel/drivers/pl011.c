/* The ARM PL011 UART: polled transmit, interrupt-driven receive. */
#include <pl011.h>
#include <asm/io.h>

#define PL011_DR 0x00	/* data */
#define PL011_FR 0x18	/* flags */
#define PL011_LCRH 0x2c	/* line control */
#define PL011_CR 0x30	/* control */
#define PL011_IMSC 0x38	/* interrupt mask set/clear */
#define PL011_ICR 0x44	/* interrupt clear */

#define FR_BUSY 0x08	/* still transmitting */
#define FR_RXFE 0x10	/* receive FIFO empty */
#define FR_TXFF 0x20	/* transmit FIFO full */
#define LCRH_FEN 0x10	/* FIFOs on */
#define LCRH_WLEN8 0x60
#define CR_UARTEN 0x001
#define CR_TXE 0x100
#define CR_RXE 0x200
#define INT_RX 0x10	/* receive */
#define INT_RT 0x40	/* receive timeout: data sits below the FIFO level */

static u32 reg_read(struct pl011 *p, unsigned int off)
{
	return readl((u8 *)p->mmio + off);
}

static void reg_write(struct pl011 *p, unsigned int off, u32 val)
{
	writel(val, (u8 *)p->mmio + off);
}

static void pl011_putc(struct console_driver *con, char c)
{
	struct pl011 *p = container_of(con, struct pl011, con);

	while (reg_read(p, PL011_FR) & FR_TXFF)
		;
	reg_write(p, PL011_DR, (u8)c);
}

void pl011_start(struct pl011 *p, void *mmio)
{
	p->mmio = mmio;
	/* The line settings may only change while the UART is off and idle;
	 * the baud-rate divisors stay as the firmware set them. */
	while (reg_read(p, PL011_FR) & FR_BUSY)
		;
	reg_write(p, PL011_CR, 0);
	reg_write(p, PL011_LCRH, LCRH_FEN | LCRH_WLEN8);
	reg_write(p, PL011_ICR, 0x7ff);
	reg_write(p, PL011_IMSC, INT_RX | INT_RT);
	reg_write(p, PL011_CR, CR_UARTEN | CR_TXE | CR_RXE);
	p->con.name = "pl011";
	p->con.putc = pl011_putc;
	console_register(&p->con);
}

void pl011_irq(unsigned int irq, void *data)
{
	struct pl011 *p = data;

	(void)irq;
	while (!(reg_read(p, PL011_FR) & FR_RXFE))
		console_receive((char)reg_read(p, PL011_DR));
	reg_write(p, PL011_ICR, INT_RX | INT_RT);
}
