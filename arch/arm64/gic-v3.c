/*
 * GICv3 (gic.c's driver for "arm,gic-v3"): a distributor routing SPIs by
 * affinity (all to the boot CPU), a redistributor per CPU for its SGIs
 * and PPIs, and the CPU interface as system registers (ICC_*_EL1). All
 * interrupts are group 1, signalled as IRQ; SGIs go by MPIDR affinity.
 */
#include <printk.h>
#include <kernel_map.h>
#include <fdt.h>
#include <smp.h>
#include <asm/io.h>
#include <asm/sysreg.h>
#include "arm64.h"

#define GICD_CTLR		0x0000
#define GICD_CTLR_ENABLE_G1	(1U << 1)	/* EnableGrp1 (EnableGrp1A) */
#define GICD_CTLR_ARE		(1U << 4)	/* affinity routing (ARE_NS) */
#define GICD_CTLR_RWP		(1U << 31)	/* register write pending */
#define GICD_TYPER		0x0004
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_ICPENDR(n)		(0x0280 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x0400 + 4 * (n))
#define GICD_ICFGR(n)		(0x0c00 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_IROUTER(n)		(0x6000 + 8 * (n))

/* A redistributor: its RD frame, then the SGI frame 64 KiB above (and
 * two more frames for virtual LPIs on a GICv4). */
#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		(1U << 3)
#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1U << 1)
#define GICR_TYPER_LAST		(1U << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1U << 1)	/* ProcessorSleep */
#define GICR_WAKER_ASLEEP	(1U << 2)	/* ChildrenAsleep */
#define GICR_SGI_FRAME		0x10000
#define GICR_STRIDE		0x20000
#define GICR_STRIDE_VLPIS	0x40000
/* In the SGI frame, for INTIDs 0-31 of this CPU. */
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_ICPENDR0		0x0280
#define GICR_IPRIORITYR(n)	(0x0400 + 4 * (n))

/* The CPU interface (generic names: no -march needed to assemble). */
#define ICC_PMR_EL1		"s3_0_c4_c6_0"
#define ICC_SGI1R_EL1		"s3_0_c12_c11_5"
#define ICC_IAR1_EL1		"s3_0_c12_c12_0"
#define ICC_EOIR1_EL1		"s3_0_c12_c12_1"
#define ICC_BPR1_EL1		"s3_0_c12_c12_3"
#define ICC_CTLR_EL1		"s3_0_c12_c12_4"
#define ICC_SRE_EL1		"s3_0_c12_c12_5"
#define ICC_IGRPEN1_EL1		"s3_0_c12_c12_7"
#define ICC_SRE_SRE		(1 << 0)

#define icc_read(reg) ({						\
	u64 __v;							\
	__asm__ __volatile__("mrs %0, " reg : "=r"(__v) : : "memory");	\
	__v;								\
})
#define icc_write(reg, v)						\
	__asm__ __volatile__("msr " reg ", %0" : : "r"((u64)(v)) : "memory")

static void *gicd, *gicr_base;
static u64 gicr_size;
static unsigned int gic_lines;

/* Writes that disable or reconfigure take effect only when RWP clears. */
static void wait_rwp(void *reg, u32 bit, const char *what)
{
	unsigned long tries = 1000000;

	while ((readl(reg) & bit) && --tries)
		arch_cpu_relax();
	if (!tries)
		printk("GICv3: %s write still pending\n", what);
}

/* MPIDR affinity as GICR_TYPER[63:32] and GICD_IROUTER hold it. */
static u32 mpidr_to_typer_aff(unsigned long mpidr)
{
	return (u32)((mpidr >> 32 & 0xff) << 24 | (mpidr & 0xffffff));
}

static unsigned long this_mpidr(void)
{
	return read_sysreg(mpidr_el1) & 0xff00ffffffUL;
}

/* SPIs: off, group 1, default priority, level triggered, to the boot
 * CPU by affinity (IROUTER mode 0: exactly that CPU). */
static void gicv3_dist_init(void)
{
	unsigned long boot = this_mpidr();
	unsigned int i;

	writel(0, gicd + GICD_CTLR);
	wait_rwp(gicd + GICD_CTLR, GICD_CTLR_RWP, "distributor");
	gic_lines = 32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1);
	if (gic_lines > 1020)
		gic_lines = 1020;
	for (i = 32; i < gic_lines; i += 32) {
		writel(~0U, gicd + GICD_ICENABLER(i / 32));
		writel(~0U, gicd + GICD_ICPENDR(i / 32));
		writel(~0U, gicd + GICD_IGROUPR(i / 32));
	}
	for (i = 32; i < gic_lines; i += 4)
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR(i / 4));
	for (i = 32; i < gic_lines; i += 16)
		writel(0, gicd + GICD_ICFGR(i / 16));
	wait_rwp(gicd + GICD_CTLR, GICD_CTLR_RWP, "distributor");
	writel(GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1, gicd + GICD_CTLR);
	wait_rwp(gicd + GICD_CTLR, GICD_CTLR_RWP, "distributor");
	for (i = 32; i < gic_lines; i++)
		writeq(boot, gicd + GICD_IROUTER(i));
}

/* This CPU's redistributor: the frame whose GICR_TYPER names its MPIDR. */
static void *find_redistributor(void)
{
	u32 aff = mpidr_to_typer_aff(this_mpidr());
	u64 off = 0, typer;

	while (off + GICR_STRIDE <= gicr_size) {
		typer = readq(gicr_base + off + GICR_TYPER);
		if ((u32)(typer >> 32) == aff)
			return gicr_base + off;
		if (typer & GICR_TYPER_LAST)
			break;
		off += (typer & GICR_TYPER_VLPIS) ? GICR_STRIDE_VLPIS :
						   GICR_STRIDE;
	}
	return NULL;
}

/* Each CPU: wake its redistributor, set up its SGIs/PPIs (the IPI on),
 * and turn on its system-register interface. */
static void gicv3_cpu_init(void)
{
	void *rd = find_redistributor(), *sgi;
	unsigned int i;

	if (!rd)
		panic("GICv3: no redistributor for MPIDR %#lx", this_mpidr());
	writel(readl(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP, rd + GICR_WAKER);
	i = 1000000;
	while ((readl(rd + GICR_WAKER) & GICR_WAKER_ASLEEP) && --i)
		arch_cpu_relax();
	sgi = rd + GICR_SGI_FRAME;
	this_cpu()->arch.gicr_sgi = sgi;
	writel(~0U, sgi + GICR_ICENABLER0);
	writel(~0U, sgi + GICR_ICPENDR0);
	wait_rwp(rd + GICR_CTLR, GICR_CTLR_RWP, "redistributor");
	writel(~0U, sgi + GICR_IGROUPR0);
	for (i = 0; i < 32; i += 4)
		writel(GIC_PRIO_DEFAULT, sgi + GICR_IPRIORITYR(i / 4));
	writel(1U << GIC_SGI_IPI, sgi + GICR_ISENABLER0);

	/* head.S let EL1 use the system registers if it came from EL2. */
	icc_write(ICC_SRE_EL1, icc_read(ICC_SRE_EL1) | ICC_SRE_SRE);
	isb();
	if (!(icc_read(ICC_SRE_EL1) & ICC_SRE_SRE))
		panic("GICv3: the CPU interface's system registers are disabled");
	icc_write(ICC_PMR_EL1, GIC_PMR_ALLOW_ALL);
	icc_write(ICC_BPR1_EL1, 0);
	icc_write(ICC_CTLR_EL1, 0);	/* EOI both drops priority and ends */
	icc_write(ICC_IGRPEN1_EL1, 1);
	isb();
}

/* reg: the distributor, then the redistributor region (we take one). */
static void gicv3_init(const void *fdt, int off)
{
	u64 dist, dist_size, rd;

	if (!fdt_get_reg(fdt, off, 0, &dist, &dist_size) ||
	    !fdt_get_reg(fdt, off, 1, &rd, &gicr_size))
		panic("GICv3: the device tree node has no distributor and redistributor reg");
	gicd = ioremap(dist, 0x10000, "GICv3 distributor");
	gicr_base = ioremap(rd, gicr_size, "GICv3 redistributors");
	gicv3_dist_init();
	gicv3_cpu_init();
	printk("GICv3: distributor %#llx, redistributors %#llx (%llu KiB), %u lines\n",
	       dist, rd, gicr_size >> 10, gic_lines);
}

/* SGIs and PPIs are enabled in this CPU's redistributor, SPIs in the
 * distributor. */
static void gicv3_unmask(unsigned int irq)
{
	if (irq < 32)
		writel(1U << irq, this_cpu()->arch.gicr_sgi + GICR_ISENABLER0);
	else if (irq < gic_lines)
		writel(1U << (irq % 32), gicd + GICD_ISENABLER(irq / 32));
}

/* The dsb keeps loads after it (an IPI's requests) from going first. */
static unsigned int gicv3_ack(u32 *token)
{
	*token = (u32)icc_read(ICC_IAR1_EL1);
	dsb(sy);
	return *token & 0xffffff;
}

static void gicv3_eoi(u32 token)
{
	icc_write(ICC_EOIR1_EL1, token);
	isb();
}

/*
 * ICC_SGI1R_EL1 names the target by affinity: Aff3, Aff2, Aff1, and a
 * 16-bit list of Aff0 values in the range RS selects. A system register
 * write is not ordered by dmb: dsb so the request stores are visible.
 */
static void gicv3_send_ipi(const struct cpu *cpu)
{
	unsigned long mpidr = cpu->hwid;
	unsigned int aff0 = mpidr & 0xff;
	u64 sgi1r = (mpidr >> 32 & 0xff) << 48 |	/* Aff3 */
		    (mpidr >> 16 & 0xff) << 32 |	/* Aff2 */
		    (u64)(aff0 >> 4) << 44 |		/* RS */
		    (u64)GIC_SGI_IPI << 24 |
		    (mpidr >> 8 & 0xff) << 16 |		/* Aff1 */
		    1U << (aff0 & 15);

	dsb(ishst);
	icc_write(ICC_SGI1R_EL1, sgi1r);
	isb();
}

const struct gic_ops gicv3_ops = {
	.name = "GICv3",
	.init = gicv3_init,
	.cpu_init = gicv3_cpu_init,
	.unmask = gicv3_unmask,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.send_ipi = gicv3_send_ipi,
};
