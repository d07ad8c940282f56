/*
 * x86_64 interrupt controllers: the legacy 8259 PICs are remapped and
 * masked for good; the local APIC takes interrupts and EOIs (and hosts the
 * tick timer, timer.c); the IOAPIC routes device pins (ISA IRQ n = pin n on
 * QEMU, except the PIT) to vector IRQ_VECTOR_BASE + pin on this CPU.
 */
#include <arch.h>
#include <irq.h>
#include <kernel_map.h>
#include <printk.h>
#include <asm/io.h>
#include <asm/x86.h>

#define LAPIC_ID	0x020
#define LAPIC_TPR	0x080
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0
#define LAPIC_LVT_LINT0	0x350
#define LAPIC_LVT_LINT1	0x360
#define LAPIC_SVR_ENABLE	0x100
#define LAPIC_LVT_MASKED	0x10000

#define IOAPIC_REGSEL	0x00
#define IOAPIC_WINDOW	0x10
#define IOAPIC_VER	0x01
#define IOAPIC_REDTBL(n)	(0x10 + 2 * (n))
#define IOAPIC_MASKED	0x10000

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

void *lapic;
static void *ioapic;
static unsigned int ioapic_pins;
static u32 lapic_id;

u32 lapic_read(unsigned int reg)
{
	return readl((u8 *)lapic + reg);
}

void lapic_write(unsigned int reg, u32 val)
{
	writel(val, (u8 *)lapic + reg);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

static u32 ioapic_read(unsigned int reg)
{
	writel(reg, (u8 *)ioapic + IOAPIC_REGSEL);
	return readl((u8 *)ioapic + IOAPIC_WINDOW);
}

static void ioapic_write(unsigned int reg, u32 val)
{
	writel(reg, (u8 *)ioapic + IOAPIC_REGSEL);
	writel(val, (u8 *)ioapic + IOAPIC_WINDOW);
}

/*
 * Reprogram the PICs (ICW1-4) so their vectors start at PIC_VECTOR_BASE,
 * not on top of the CPU exceptions, then mask every line: all interrupts
 * come through the IOAPIC.
 */
static void pic_disable(void)
{
	outb(0x11, PIC1_CMD);			/* ICW1: init, ICW4 follows */
	outb(0x11, PIC2_CMD);
	outb(PIC_VECTOR_BASE, PIC1_DATA);	/* ICW2: vector base */
	outb(PIC_VECTOR_BASE + 8, PIC2_DATA);
	outb(0x04, PIC1_DATA);			/* ICW3: slave on IRQ 2 */
	outb(0x02, PIC2_DATA);
	outb(0x01, PIC1_DATA);			/* ICW4: 8086 mode */
	outb(0x01, PIC2_DATA);
	outb(0xff, PIC1_DATA);
	outb(0xff, PIC2_DATA);
}

static void ioapic_mask_all(void)
{
	unsigned int pin;

	for (pin = 0; pin < ioapic_pins; pin++)
		ioapic_write(IOAPIC_REDTBL(pin), IOAPIC_MASKED);
}

void arch_irq_init(void)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);

	pic_disable();

	/* The APIC's global enable lives in the base MSR (bit 11). */
	if ((base & ~0xfffULL) != x86_board.lapic_base)
		printk("apic: LAPIC at %#llx, not the usual %#lx\n",
		       base & ~0xfffULL, x86_board.lapic_base);
	wrmsr(MSR_IA32_APIC_BASE, base | (1ULL << 11));
	lapic = ioremap(base & ~0xfffULL, 0x1000, "local APIC");
	lapic_id = lapic_read(LAPIC_ID) >> 24;
	lapic_write(LAPIC_TPR, 0);		/* accept every priority */
	lapic_write(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | SPURIOUS_VECTOR);

	ioapic = ioremap(x86_board.ioapic_base, 0x20, "IOAPIC");
	ioapic_pins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	if (ioapic_pins > NR_IOAPIC_IRQS)
		ioapic_pins = NR_IOAPIC_IRQS;
	ioapic_mask_all();
	printk("irq: 8259 PICs masked, LAPIC id %u at %#llx, IOAPIC at %#lx "
	       "(%u pins)\n", lapic_id, base & ~0xfffULL,
	       x86_board.ioapic_base, ioapic_pins);
}

/* Edge triggered, active high, fixed delivery to this CPU's APIC ID: the
 * ISA defaults, right for COM1. */
void arch_irq_unmask(unsigned int irq)
{
	if (irq >= ioapic_pins) {
		printk("irq: no IOAPIC pin %u\n", irq);
		return;
	}
	ioapic_write(IOAPIC_REDTBL(irq) + 1, lapic_id << 24);
	ioapic_write(IOAPIC_REDTBL(irq), IRQ_VECTOR_BASE + irq);
}
