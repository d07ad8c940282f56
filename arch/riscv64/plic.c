/* The RISC-V Platform-Level Interrupt Controller: routes device interrupts
 * (the UART's among them) to this hart's S-mode as the external interrupt. */
#include <arch.h>
#include <irq.h>
#include <kernel_map.h>
#include <printk.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/io.h>
#include <asm/riscv.h>

#define PLIC_MAX_SOURCES	1024
#define PLIC_PRIORITY(irq)	(4 * (irq))
#define PLIC_ENABLE(ctx)	(0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)	(0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)		(PLIC_THRESHOLD(ctx) + 4)

static u8 *plic;
static unsigned int context;

static void plic_write(unsigned long off, u32 val)
{
	writel(val, plic + off);
}

static u32 plic_read(unsigned long off)
{
	return readl(plic + off);
}

void arch_irq_init(void)
{
	struct board_device dev;
	unsigned int i;

	board_plic(&dev, &context);
	plic = ioremap(dev.base, dev.size, "PLIC");
	/* Start from nothing enabled; request_irq() unmasks one by one. */
	for (i = 0; i < PLIC_MAX_SOURCES / 32; i++)
		plic_write(PLIC_ENABLE(context) + 4 * i, 0);
	plic_write(PLIC_THRESHOLD(context), 0);	/* any priority > 0 */
	csr_set(sie, SIE_SEIE);
	printk("irq: PLIC at %#lx, S-mode context %u\n", dev.base, context);
}

void arch_irq_unmask(unsigned int irq)
{
	unsigned long word = PLIC_ENABLE(context) + 4 * (irq / 32);

	if (!plic || irq == 0 || irq >= PLIC_MAX_SOURCES)
		return;
	plic_write(PLIC_PRIORITY(irq), 1);
	plic_write(word, plic_read(word) | (1U << (irq % 32)));
}

/* Claim returns the highest-priority pending source (0: none left); the
 * source stays masked until we write its number back. */
void plic_handle_irq(void)
{
	u32 irq;

	while ((irq = plic_read(PLIC_CLAIM(context))) != 0) {
		handle_irq(irq);
		plic_write(PLIC_CLAIM(context), irq);
	}
}
