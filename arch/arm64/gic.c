/*
 * The interrupt controller, whichever GIC the device tree names: choose
 * the driver (gic-v2.c, gic-v3.c), and dispatch an interrupt: the IPI to
 * smp_ipi_interrupt(), every other one to handle_irq() inside
 * irq_enter()/irq_exit().
 */
#include <arch.h>
#include <irq.h>
#include <printk.h>
#include <fdt.h>
#include <smp.h>
#include <asm/board.h>
#include "arm64.h"

static const struct gic_ops *gic;

void arch_irq_init(void)
{
	const void *fdt = arm64_fdt;
	const char *const *c;
	int off = -1;

	gic = &gicv2_ops;
	if (fdt)
		off = fdt_find_compatible(fdt, -1, "arm,gic-v3");
	if (off >= 0)
		gic = &gicv3_ops;
	for (c = arm64_board.gic_compat; fdt && *c && off < 0; c++)
		off = fdt_find_compatible(fdt, -1, *c);
	gic->init(fdt, off);
}

void arch_irq_unmask(unsigned int irq)
{
	gic->unmask(irq);
}

void gic_cpu_init(void)
{
	gic->cpu_init();
}

void gic_send_ipi(struct cpu *cpu)
{
	gic->send_ipi(cpu);
}

/*
 * The IPI is acknowledged and ended before it is handled, so a request
 * made while smp_ipi_interrupt() runs raises it again instead of being
 * lost; it runs outside irq_enter()/irq_exit() and never takes the big
 * kernel lock (the sender may hold it, waiting for this CPU). The
 * drivers' ack orders later loads after it, so the requests the sender
 * stored before its SGI are seen.
 */
void gic_handle_irq(const struct pt_regs *regs)
{
	u32 token;
	unsigned int irq = gic->ack(&token);

	if (irq >= GIC_SPURIOUS)
		return;
	if (irq == GIC_SGI_IPI) {
		gic->eoi(token);
		smp_ipi_interrupt();
		return;
	}
	irq_enter(regs);
	handle_irq(irq);
	irq_exit();
	gic->eoi(token);
}
