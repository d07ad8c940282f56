/*
 * x86_64 interrupt controllers: the legacy 8259 PICs are remapped and
 * masked for good; each CPU's local APIC takes its interrupts and EOIs,
 * hosts its tick timer (timer.c) and sends IPIs through the ICR; the
 * IOAPIC routes device pins (ISA IRQ n = pin n on QEMU, except the PIT) to
 * vector IRQ_VECTOR_BASE + pin on the boot CPU only; message-signalled
 * interrupts (PCI MSI-X) get the vectors above the IOAPIC's, one each,
 * also on the boot CPU.
 */
#include <arch.h>
#include <irq.h>
#include <kernel_map.h>
#include <printk.h>
#include <spinlock.h>
#include <uapi/errno.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/x86.h>

#define LAPIC_ID	0x020
#define LAPIC_TPR	0x080
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0
#define LAPIC_ICR_LOW	0x300
#define LAPIC_ICR_HIGH	0x310
#define LAPIC_ICR_PENDING	0x1000	/* delivery status: not sent yet */
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
static u32 lapic_id;		/* the boot CPU's: device interrupts go there */

/* MSI irqs NR_IOAPIC_IRQS .. NR_IOAPIC_IRQS + nr_msi - 1 are handed out;
 * msi_lock guards nr_msi. None is ever given back. */
static DEFINE_SPINLOCK(msi_lock);
static unsigned int nr_msi;

_Static_assert(NR_IOAPIC_IRQS + NR_MSI_IRQS <= NR_IRQS,
	       "every MSI vector needs a generic irq number");

/* The MSI message format (Intel SDM vol. 3, 11.11): the write goes to the
 * local APIC page with the destination APIC id in address bits 19:12
 * (physical destination mode, no redirection hint); the data is the
 * vector, fixed delivery, edge triggered (bits 10:8 and 15 all 0). */
#define MSI_ADDRESS_BASE	0xfee00000UL
#define MSI_ADDRESS_DEST(id)	((u64)(id) << 12)

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

/* Every CPU's local APIC sits at the same physical address (each CPU sees
 * its own there), so the one mapping serves all. */
u32 lapic_self_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

/*
 * This CPU's local APIC: enabled (globally in the base MSR, bit 11, and
 * by the spurious-vector register), every priority accepted, the LINT
 * pins masked (the PICs are off; NMIs are not used).
 */
void lapic_cpu_init(void)
{
	wrmsr(MSR_IA32_APIC_BASE, rdmsr(MSR_IA32_APIC_BASE) | (1ULL << 11));
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | SPURIOUS_VECTOR);
}

/* Until the APIC took the last command (QEMU: at once; hardware: a few
 * microseconds). false if it never did. */
static bool lapic_icr_wait(void)
{
	unsigned long spins;

	for (spins = 0; lapic_read(LAPIC_ICR_LOW) & LAPIC_ICR_PENDING; spins++) {
		if (spins > 10000000UL)
			return false;
		__asm__ __volatile__("pause");
	}
	return true;
}

/*
 * Send one interprocessor interrupt (fixed vector, INIT or STARTUP: the
 * command in icr_low) to the APIC apic_id. The ICR is two registers and
 * the write to the low one sends: an interrupt handler that sends an IPI
 * of its own between the two writes would change the destination, so
 * interrupts stay off across them.
 */
bool lapic_send_ipi(u32 apic_id, u32 icr_low)
{
	unsigned long flags = arch_irq_save();
	bool sent;

	lapic_icr_wait();
	lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_ICR_LOW, icr_low);
	sent = lapic_icr_wait();
	arch_irq_restore(flags);
	return sent;
}

void arch_irq_init(void)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);

	pic_disable();

	if ((base & ~0xfffULL) != x86_board.lapic_base)
		printk("apic: LAPIC at %#llx, not the usual %#lx\n",
		       base & ~0xfffULL, x86_board.lapic_base);
	lapic = ioremap(base & ~0xfffULL, 0x1000, "local APIC");
	lapic_cpu_init();
	lapic_id = lapic_self_id();

	ioapic = ioremap(x86_board.ioapic_base, 0x20, "IOAPIC");
	ioapic_pins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	if (ioapic_pins > NR_IOAPIC_IRQS)
		ioapic_pins = NR_IOAPIC_IRQS;
	ioapic_mask_all();
	printk("irq: 8259 PICs masked, LAPIC id %u at %#llx, IOAPIC at %#lx "
	       "(%u pins)\n", lapic_id, base & ~0xfffULL,
	       x86_board.ioapic_base, ioapic_pins);
}

int arch_msi_alloc(u64 *addr, u32 *data)
{
	unsigned long flags = spin_lock_irqsave(&msi_lock);
	unsigned int n = nr_msi;

	if (n < NR_MSI_IRQS)
		nr_msi++;
	spin_unlock_irqrestore(&msi_lock, flags);
	if (n >= NR_MSI_IRQS)
		return -ENOSPC;
	*addr = MSI_ADDRESS_BASE | MSI_ADDRESS_DEST(lapic_id);
	*data = MSI_VECTOR_BASE + n;
	return NR_IOAPIC_IRQS + n;
}

static bool is_msi_irq(unsigned int irq)
{
	return irq >= NR_IOAPIC_IRQS && irq - NR_IOAPIC_IRQS < READ_ONCE(nr_msi);
}

/* Edge triggered, active high, fixed delivery to this CPU's APIC ID: the
 * ISA defaults, right for COM1. An MSI has no pin: the device masks and
 * unmasks it in its own table. */
void arch_irq_unmask(unsigned int irq)
{
	if (is_msi_irq(irq))
		return;
	if (irq >= ioapic_pins) {
		printk("irq: no IOAPIC pin %u\n", irq);
		return;
	}
	ioapic_write(IOAPIC_REDTBL(irq) + 1, lapic_id << 24);
	ioapic_write(IOAPIC_REDTBL(irq), IRQ_VECTOR_BASE + irq);
}
