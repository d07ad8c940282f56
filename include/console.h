/* The console: where printk output goes and where keyboard input comes from. */
#ifndef FAULTLINE_CONSOLE_H
#define FAULTLINE_CONSOLE_H

#include <types.h>

/* A UART driver registers one of these once it is mapped and working. */
struct console_driver {
	const char *name;
	void (*putc)(struct console_driver *con, char c);
	void *priv;
};

void console_register(struct console_driver *con);
void console_putc(char c);
void console_write(const char *s, size_t n);

/* Called by a UART's interrupt handler for every received byte. */
void console_receive(char c);
/* Send every received byte to handler (interrupt context) instead of the
 * ring below; NULL gives input back to the ring. */
void console_set_input_handler(void (*handler)(char c));
/* Next received byte, or -1 if none is waiting. Takes input back from an
 * input handler. */
int console_getc_nonblock(void);
/* Sleep (wait for interrupt) until a byte arrives. */
int console_getc(void);

#endif
