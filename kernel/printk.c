/* printk: format into a line buffer and hand it to the console; panic. */
#include <printk.h>
#include <console.h>
#include <arch.h>
#include <irq.h>
#include <oops.h>

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	irqflags_t flags = local_irq_save();

	/* One line at a time with interrupts off keeps lines from interleaving
	 * with output from interrupt handlers. */
	console_write(buf, len);
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void __noreturn panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	printk("\nKernel panic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_stack();
	printk("Kernel stopped: powering off.\n");
	arch_poweroff(2);
}
