/* printk: format into a line buffer, keep it in the kernel log
 * (kernel/syslog.c) and hand it to the console; panic. */
#include <printk.h>
#include <console.h>
#include <arch.h>
#include <irq.h>
#include <kmsg.h>
#include <oops.h>
#include <smp.h>
#include <spinlock.h>

/*
 * The console is written by one CPU at a time, under its own lock rather
 * than the big kernel lock: idle loops, IPI handlers and oopses print too.
 * A CPU that oopses while it prints must not wait for itself.
 */
static DEFINE_SPINLOCK(console_lock);
static int console_owner = -1;		/* CPU holding console_lock */

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	irqflags_t flags = local_irq_save();
	int me = (int)smp_processor_id();
	bool nested = READ_ONCE(console_owner) == me;

	/* The log first (its own lock, never held with the console's);
	 * the console only if the console level lets the line through. */
	if (!kmsg_store(buf, len)) {
		local_irq_restore(flags);
		return n;
	}
	/* One line at a time with interrupts off keeps lines from interleaving
	 * with output from interrupt handlers and other CPUs. */
	if (!nested) {
		spin_lock(&console_lock);
		WRITE_ONCE(console_owner, me);
	}
	console_write(buf, len);
	if (!nested) {
		WRITE_ONCE(console_owner, -1);
		spin_unlock(&console_lock);
	}
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
	smp_stop_others();
	kmsg_console_verbose();
	printk("\nKernel panic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_stack();
	printk("Kernel stopped: powering off.\n");
	arch_poweroff(2);
}
