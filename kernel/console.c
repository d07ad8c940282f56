/* The console: output goes to the registered UART driver (or the arch's
 * early putc before one exists); input arrives from the UART's interrupt
 * handler into a ring buffer that the kernel monitor drains, or, once user
 * space opens /dev/console, straight into the tty (kernel/fs/tty.c). */
#include <console.h>
#include <arch.h>
#include <irq.h>

static struct console_driver *console;

#define RX_RING_SIZE 256	/* power of two */
static char rx_ring[RX_RING_SIZE];
static volatile unsigned int rx_head, rx_tail;	/* head: next write */
static unsigned long rx_dropped;
static void (*input_handler)(char c);

void console_register(struct console_driver *con)
{
	console = con;
}

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	if (console)
		console->putc(console, c);
	else
		arch_early_putc(c);
}

void console_write(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++);
}

void console_set_input_handler(void (*handler)(char c))
{
	irqflags_t flags = local_irq_save();

	input_handler = handler;
	local_irq_restore(flags);
}

/* Interrupt context: a full ring drops the byte rather than block. */
void console_receive(char c)
{
	unsigned int head = rx_head;

	if (input_handler) {
		input_handler(c);
		return;
	}
	if (head - rx_tail >= RX_RING_SIZE) {
		rx_dropped++;
		return;
	}
	rx_ring[head % RX_RING_SIZE] = c;
	rx_head = head + 1;
}

int console_getc_nonblock(void)
{
	irqflags_t flags = local_irq_save();
	int c = -1;

	/* The kernel monitor reading means user space is gone (or never
	 * came): input comes back to the ring. */
	input_handler = NULL;
	if (rx_tail != rx_head) {
		c = (unsigned char)rx_ring[rx_tail % RX_RING_SIZE];
		rx_tail++;
	}
	local_irq_restore(flags);
	return c;
}

int console_getc(void)
{
	int c;

	while ((c = console_getc_nonblock()) < 0)
		arch_wait_for_interrupt();
	return c;
}
