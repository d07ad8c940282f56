/*
 * GICv2 (gic.c's driver for "arm,cortex-a15-gic", "arm,gic-400"): a
 * distributor and a memory-mapped interface per CPU, all interrupts in
 * group 0 signalled as IRQ, SPIs level triggered and routed to the boot
 * CPU, SGIs sent with a target list of CPU interface numbers.
 */
#include <printk.h>
#include <kernel_map.h>
#include <fdt.h>
#include <smp.h>
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
#define GICD_SGIR		0xf00
#define GICD_SGIR_TARGETS_SHIFT	16	/* CPUTargetList; filter 0 = use it */

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

static void *gicd, *gicc;
static unsigned int gic_lines;

/* SPIs: off, default priority, level triggered, all to the boot CPU. */
static void gicv2_dist_init(u8 boot_cpu_target)
{
	u32 targets = boot_cpu_target * 0x01010101U;	/* one byte per line */
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
		writel(targets, gicd + GICD_ITARGETSR(i / 4));
	}
	for (i = 32; i < gic_lines; i += 16)
		writel(0, gicd + GICD_ICFGR(i / 16));	/* level triggered */
	writel(1, gicd + GICD_CTLR);
}

/*
 * Which bit of a target list is this CPU? The GIC numbers its CPU
 * interfaces itself (not necessarily as MPIDR or our logical numbers do);
 * the banked GICD_ITARGETSR0-7 read back as this interface's own bit.
 * A uniprocessor GIC reads them as zero; its one interface is bit 0.
 */
static u8 gicv2_this_cpu_target(void)
{
	u32 t = readl(gicd + GICD_ITARGETSR(0));

	t = (t | t >> 8 | t >> 16 | t >> 24) & 0xff;
	return t ? (u8)t : 1;
}

/* Each CPU's banked part: SGIs and PPIs, and its interface. */
static void gicv2_cpu_init(void)
{
	unsigned int i;

	this_cpu()->arch.gic_target = gicv2_this_cpu_target();
	writel(~0U, gicd + GICD_ICENABLER(0));
	for (i = 0; i < 32; i += 4)
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR(i / 4));
	writel(1U << GIC_SGI_IPI, gicd + GICD_ISENABLER(0));
	writel(GIC_PMR_ALLOW_ALL, gicc + GICC_PMR);
	writel(0, gicc + GICC_BPR);
	writel(1, gicc + GICC_CTLR);
}

/* reg: distributor first, CPU interface second; the board's addresses
 * when the tree has no GIC node. */
static void gicv2_init(const void *fdt, int off)
{
	phys_addr_t dist = arm64_board.gicd_base, cpu = arm64_board.gicc_base;
	u64 dt_dist, dt_cpu, size;

	if (off >= 0 && fdt_get_reg(fdt, off, 0, &dt_dist, &size) &&
	    fdt_get_reg(fdt, off, 1, &dt_cpu, &size)) {
		dist = dt_dist;
		cpu = dt_cpu;
	} else {
		printk("arm64: no GIC in the device tree, using %s's GICv2\n",
		       arm64_board.name);
	}
	gicd = ioremap(dist, 0x1000, "GICv2 distributor");
	gicc = ioremap(cpu, 0x2000, "GICv2 CPU interface");
	gicv2_cpu_init();
	gicv2_dist_init(this_cpu()->arch.gic_target);
	printk("GICv2: distributor %#lx, CPU interface %#lx, %u lines\n",
	       dist, cpu, gic_lines);
}

/* For SGIs and PPIs the enable register is banked: this CPU's only. */
static void gicv2_unmask(unsigned int irq)
{
	if (irq < gic_lines)
		writel(1U << (irq % 32), gicd + GICD_ISENABLER(irq / 32));
}

/* The IAR value also names an SGI's source CPU; EOIR wants it back. */
static unsigned int gicv2_ack(u32 *token)
{
	*token = readl(gicc + GICC_IAR);
	return *token & 0x3ff;
}

static void gicv2_eoi(u32 token)
{
	writel(token, gicc + GICC_EOIR);
}

/* writel's barrier orders the caller's request store before the SGI. */
static void gicv2_send_ipi(const struct cpu *cpu)
{
	u32 target = READ_ONCE(cpu->arch.gic_target);

	writel(target << GICD_SGIR_TARGETS_SHIFT | GIC_SGI_IPI,
	       gicd + GICD_SGIR);
}

const struct gic_ops gicv2_ops = {
	.name = "GICv2",
	.init = gicv2_init,
	.cpu_init = gicv2_cpu_init,
	.unmask = gicv2_unmask,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.send_ipi = gicv2_send_ipi,
};
