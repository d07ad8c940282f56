/* The RISC-V Platform-Level Interrupt Controller: routes device interrupts
 * (the UART's among them) to the boot hart's S-mode as the external
 * interrupt; the other harts' contexts stay masked. */
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

/*
 * Priorities and thresholds are WARL fields as wide as the PLIC's number
 * of priority levels: writing all ones to a source's priority and reading
 * it back gives the highest level (7 on QEMU virt). Done before any
 * source is unmasked, so source 1's priority can be borrowed.
 */
static u32 plic_max_priority(void)
{
	u32 max;

	plic_write(PLIC_PRIORITY(1), ~0U);
	max = plic_read(PLIC_PRIORITY(1));
	plic_write(PLIC_PRIORITY(1), 0);
	return max;
}

/* No source enabled in ctx; threshold as given. */
static void plic_context_init(unsigned int ctx, u32 threshold)
{
	unsigned int i;

	for (i = 0; i < PLIC_MAX_SOURCES / 32; i++)
		plic_write(PLIC_ENABLE(ctx) + 4 * i, 0);
	plic_write(PLIC_THRESHOLD(ctx), threshold);
}

/*
 * Device interrupts go to the boot hart alone: under the big kernel lock
 * one handler at a time is all there can be anyway. Every other hart's
 * S-mode context gets nothing enabled and a threshold no source can pass,
 * whether or not that hart is ever started; the secondary harts also
 * leave sie.SEIE clear.
 */
void arch_irq_init(void)
{
	struct board_device dev;
	unsigned int ctxs[64];	/* harts beyond these keep their reset state */
	int i, n;
	u32 max;

	board_plic(&dev, &context);
	plic = ioremap(dev.base, dev.size, "PLIC");
	max = plic_max_priority();
	n = board_plic_s_contexts(ctxs, ARRAY_SIZE(ctxs));
	for (i = 0; i < n; i++)
		if (ctxs[i] != context)
			plic_context_init(ctxs[i], max);
	/* Start from nothing enabled; request_irq() unmasks one by one. */
	plic_context_init(context, 0);	/* any priority > 0 */
	csr_set(sie, SIE_SEIE);
	/* Interrupts from other harts (SBI IPIs) are the software one. */
	csr_set(sie, SIE_SSIE);
	printk("irq: PLIC at %#lx, S-mode context %u (%d S-mode context(s), "
	       "the others masked)\n", dev.base, context, n);
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
