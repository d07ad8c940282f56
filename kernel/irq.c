/* Interrupt handler table: controller drivers in arch/ acknowledge an
 * interrupt and call handle_irq(); drivers register with request_irq()
 * (the handler runs under the big kernel lock) or request_percpu_irq(). */
#include <irq.h>
#include <bkl.h>
#include <printk.h>
#include <uapi/errno.h>

struct irq_action {
	irq_handler_t handler;
	void *data;
	const char *name;
	bool percpu;		/* a CPU's own interrupt: no BKL */
	u64 count;		/* racy for percpu ones: statistics */
};

static struct irq_action irq_table[NR_IRQS];
static u64 spurious_irqs;

static int install(unsigned int irq, irq_handler_t handler, void *data,
		   const char *name, bool percpu)
{
	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (irq_table[irq].handler)
		return -EBUSY;
	irq_table[irq].handler = handler;
	irq_table[irq].data = data;
	irq_table[irq].name = name;
	irq_table[irq].percpu = percpu;
	arch_irq_unmask(irq);
	return 0;
}

int request_irq(unsigned int irq, irq_handler_t handler, void *data,
		const char *name)
{
	return install(irq, handler, data, name, false);
}

int request_percpu_irq(unsigned int irq, irq_handler_t handler, void *data,
		       const char *name)
{
	return install(irq, handler, data, name, true);
}

void handle_irq(unsigned int irq)
{
	struct irq_action *a = irq < NR_IRQS ? &irq_table[irq] : NULL;

	if (!a || !a->handler) {
		/* Report the first few: an unhandled line usually means a
		 * driver forgot to request it, and it may fire forever. */
		if (spurious_irqs++ < 5)
			printk("irq: unexpected interrupt %u\n", irq);
		return;
	}
	if (a->percpu) {
		a->count++;
		a->handler(irq, a->data);
		return;
	}
	bkl_lock();
	a->count++;
	a->handler(irq, a->data);
	bkl_unlock();
}

u64 irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_table[irq].count : 0;
}
