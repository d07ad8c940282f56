/*
 * The 16550 UART: polled transmit, interrupt-driven receive. Register access
 * goes through the accessors in struct uart16550, so one driver serves the
 * x86_64 COM1 (I/O ports) and the riscv64 virt UART (MMIO).
 */
#include <uart16550.h>
#include <asm/io.h>

#define UART_RBR 0	/* receive buffer (read) */
#define UART_THR 0	/* transmit holding (write) */
#define UART_IER 1	/* interrupt enable */
#define UART_FCR 2	/* FIFO control (write) */
#define UART_LCR 3	/* line control */
#define UART_MCR 4	/* modem control */
#define UART_LSR 5	/* line status */

#define IER_RX_AVAILABLE 0x01
#define FCR_ENABLE_FIFO 0x01
#define LCR_8N1 0x03
#define MCR_DTR_RTS_OUT2 0x0b	/* OUT2 gates the IRQ line on PCs */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static u8 mmio_read(struct uart16550 *u, unsigned int reg)
{
	return readb((u8 *)u->mmio + (reg << u->reg_shift));
}

static void mmio_write(struct uart16550 *u, unsigned int reg, u8 val)
{
	writeb(val, (u8 *)u->mmio + (reg << u->reg_shift));
}

void uart16550_init_mmio(struct uart16550 *u, void *mmio,
			 unsigned int reg_shift)
{
	u->mmio = mmio;
	u->reg_shift = reg_shift;
	u->read_reg = mmio_read;
	u->write_reg = mmio_write;
}

static void uart16550_putc(struct console_driver *con, char c)
{
	struct uart16550 *u = container_of(con, struct uart16550, con);

	while (!(u->read_reg(u, UART_LSR) & LSR_THR_EMPTY))
		;
	u->write_reg(u, UART_THR, (u8)c);
}

void uart16550_start(struct uart16550 *u)
{
	/* Keep the firmware's baud rate: QEMU ignores it, and on hardware the
	 * boot loader has already set the one the user's terminal expects. */
	u->write_reg(u, UART_LCR, LCR_8N1);
	u->write_reg(u, UART_FCR, FCR_ENABLE_FIFO);
	u->write_reg(u, UART_MCR, MCR_DTR_RTS_OUT2);
	u->write_reg(u, UART_IER, IER_RX_AVAILABLE);
	u->con.name = "uart16550";
	u->con.putc = uart16550_putc;
	console_register(&u->con);
}

void uart16550_irq(unsigned int irq, void *data)
{
	struct uart16550 *u = data;

	(void)irq;
	while (u->read_reg(u, UART_LSR) & LSR_DATA_READY)
		console_receive((char)u->read_reg(u, UART_RBR));
}
