/*
 * GICv2 interrupt controller: distributor and CPU interface, all
 * interrupts in group 0 signalled as IRQ to CPU 0, level triggered SPIs.
 */
#include <arch.h>
#include <irq.h>
#include <printk.h>
#include <kernel_map.h>
#include <fdt.h>
#include <asm/io.h>
#include <asm/board.h>
#include "arm64.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_ICPENDR(n)		(0x280 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x400 + 4 * (n))
#define GICD_ITARGETSR(n)	(0x800 + 4 * (n))
#define GICD_ICFGR(n)		(0xc00 + 4 * (n))

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

#define GIC_PRIO_DEFAULT	0xa0a0a0a0	/* four bytes at once */
#define GIC_PMR_ALLOW_ALL	0xf0
#define GIC_SPURIOUS		1020		/* INTIDs >= this are special */

static void *gicd, *gicc;
static unsigned int gic_lines;

static void gic_dist_init(void)
{
	unsigned int i;

	writel(0, gicd + GICD_CTLR);
	gic_lines = 32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1);
	if (gic_lines > 1020)
		gic_lines = 1020;
	for (i = 32; i < gic_lines; i += 32) {
		writel(~0U, gicd + GICD_ICENABLER(i / 32));
		writel(~0U, gicd + GICD_ICPENDR(i / 32));
	}
	for (i = 32; i < gic_lines; i += 4) {
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR(i / 4));
		writel(0x01010101, gicd + GICD_ITARGETSR(i / 4)); /* CPU 0 */
	}
	for (i = 32; i < gic_lines; i += 16)
		writel(0, gicd + GICD_ICFGR(i / 16));	/* level triggered */
	writel(1, gicd + GICD_CTLR);
}

/* The banked per-CPU part: SGIs and PPIs (the timer) and the interface. */
static void gic_cpu_init(void)
{
	unsigned int i;

	writel(~0U, gicd + GICD_ICENABLER(0));
	for (i = 0; i < 32; i += 4)
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR(i / 4));
	writel(GIC_PMR_ALLOW_ALL, gicc + GICC_PMR);
	writel(0, gicc + GICC_BPR);
	writel(1, gicc + GICC_CTLR);
}

void arch_irq_init(void)
{
	const void *fdt = arm64_fdt;
	const char *const *c;
	phys_addr_t dist = arm64_board.gicd_base, cpu = arm64_board.gicc_base;
	u64 dt_dist, dt_cpu, size;
	int off = -1;

	/* reg: distributor first, CPU interface second. */
	for (c = arm64_board.gic_compat; fdt && *c && off < 0; c++)
		off = fdt_find_compatible(fdt, -1, *c);
	if (off >= 0 && fdt_get_reg(fdt, off, 0, &dt_dist, &size) &&
	    fdt_get_reg(fdt, off, 1, &dt_cpu, &size)) {
		dist = dt_dist;
		cpu = dt_cpu;
	} else {
		printk("arm64: no GICv2 in the device tree, using %s's\n",
		       arm64_board.name);
	}
	gicd = ioremap(dist, 0x1000, "GICv2 distributor");
	gicc = ioremap(cpu, 0x2000, "GICv2 CPU interface");
	gic_dist_init();
	gic_cpu_init();
	printk("GICv2: distributor %#lx, CPU interface %#lx, %u lines\n",
	       dist, cpu, gic_lines);
}

void arch_irq_unmask(unsigned int irq)
{
	if (irq >= gic_lines)
		return;
	writel(1U << (irq % 32), gicd + GICD_ISENABLER(irq / 32));
}

void gic_handle_irq(void)
{
	u32 iar = readl(gicc + GICC_IAR);
	unsigned int irq = iar & 0x3ff;

	if (irq >= GIC_SPURIOUS)
		return;
	handle_irq(irq);
	writel(iar, gicc + GICC_EOIR);
}
