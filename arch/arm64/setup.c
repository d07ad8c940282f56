/*
 * arm64 boot glue: early console, boot information from the device tree,
 * switching page tables, the real console, the counter.
 */
#include <arch.h>
#include <bootinfo.h>
#include <fdt.h>
#include <printk.h>
#include <page.h>
#include <kernel_map.h>
#include <irq.h>
#include <pl011.h>
#include <uapi/errno.h>
#include <asm/io.h>
#include <asm/sysreg.h>
#include <asm/pgtable.h>
#include <asm/board.h>
#include "arm64.h"

const char arch_name[] = "arm64";

phys_addr_t arm64_boot_dtb;
bool arm64_has_pan;
unsigned long arm64_boot_el;
const void *arm64_fdt;

/* The PL011 through the boot identity map until arch_console_init()
 * ioremaps it; the physical address doubles as the identity address. */
static void *early_uart = (void *)BOARD_EARLY_UART_PHYS;

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1 << 5)

void arch_early_putc(char c)
{
	while (readl(early_uart + UART_FR) & UART_FR_TXFF)
		;
	writel((u8)c, early_uart + UART_DR);
}

/* Largest DTB we accept (Linux's limit too). */
#define DTB_MAX_SIZE	MiB(2)

void arch_discover_boot_info(struct boot_info *bi)
{
	phys_addr_t dtb = arm64_boot_dtb;
	size_t max;
	const char *err;

	if (!dtb)
		panic("arm64: no device tree (x0 was 0 at entry); boot the Image with a loader that passes one, e.g. QEMU -kernel");
	if (dtb < BOARD_RAM_BASE || dtb >= EARLY_MAP_LIMIT || (dtb & 7))
		panic("arm64: device tree at %#lx is outside the boot map [%#lx, %#lx) or misaligned",
		      dtb, (unsigned long)BOARD_RAM_BASE,
		      (unsigned long)EARLY_MAP_LIMIT);
	max = MIN(DTB_MAX_SIZE, EARLY_MAP_LIMIT - dtb);
	err = fdt_parse_boot_info(__va(dtb), max, bi);
	if (err)
		panic("arm64: bad device tree at %#lx: %s", dtb, err);
	arm64_fdt = __va(dtb);
	bi->dtb_phys = dtb;
	if (!bi->source)
		bi->source = "device tree";

	boot_add_reserved(bi, __pa(__kernel_start),
			  __kernel_end - __kernel_start, "kernel");
	boot_add_reserved(bi, dtb, PAGE_ALIGN(fdt_total_size(arm64_fdt)),
			  "dtb");
	psci_init(arm64_fdt);
	printk("arm64: entered at EL%lu, running at EL1; device tree at %#lx\n",
	       arm64_boot_el, dtb);
	printk("arm64: PAN %s\n", arm64_has_pan ?
	       "on: the kernel touches user memory only in arch_copy_user" :
	       "not implemented by this CPU: no guard against kernel access "
	       "to user memory");
}

unsigned int arm64_dt_intid(u32 type, u32 num)
{
	/* GIC binding: type 0 = SPI (INTID 32 + n), 1 = PPI (16 + n). */
	return type == 1 ? 16 + num : 32 + num;
}

const void *arch_device_tree(void)
{
	return arm64_fdt;
}

/* The GIC binding: three cells per interrupt (type, number, flags). */
int arch_fdt_irq(const void *fdt, int node, int index)
{
	u32 type, num;

	if (!fdt_get_u32(fdt, node, "interrupts", 3 * index, &type) ||
	    !fdt_get_u32(fdt, node, "interrupts", 3 * index + 1, &num))
		return -1;
	return (int)arm64_dt_intid(type, num);
}

bool arm64_dt_find_device(const char *const *compat, phys_addr_t *base,
			  unsigned int *intid)
{
	u32 type, num;
	u64 reg, size;
	int off = -1;

	if (!arm64_fdt)
		return false;
	for (; *compat && off < 0; compat++)
		off = fdt_find_compatible(arm64_fdt, -1, *compat);
	if (off < 0 || !fdt_get_reg(arm64_fdt, off, 0, &reg, &size))
		return false;
	*base = reg;
	if (intid && fdt_get_u32(arm64_fdt, off, "interrupts", 0, &type) &&
	    fdt_get_u32(arm64_fdt, off, "interrupts", 1, &num))
		*intid = arm64_dt_intid(type, num);
	return true;
}

void arch_activate_kernel_pgtable(phys_addr_t root)
{
	dsb(ishst);		/* table stores visible to the walker */
	write_sysreg(root, ttbr1_el1);
	isb();
	/* Only the boot CPU runs yet; secondaries start on these tables. */
	arch_local_flush_tlb_all();
}

/*
 * TTBR0 holds the user half: user_root from mm_create(), or with none the
 * empty table, so every lower-half access (NULL included) faults. There
 * are no ASIDs yet, so the old space's entries must all go, from this
 * CPU's TLB only: TTBR0 is per CPU, and the others keep their own mm.
 */
void arch_switch_mm(pte_t *user_root)
{
	dsb(ishst);		/* table stores visible to the walker */
	write_sysreg(user_root ? __pa(user_root) : __pa(boot_empty_l0),
		     ttbr0_el1);
	isb();
	arch_local_flush_tlb_all();
}

static struct pl011 console_uart;

void arch_console_init(void)
{
	phys_addr_t base = arm64_board.uart_base;
	unsigned int irq = arm64_board.uart_irq;
	void *mmio;

	if (!arm64_dt_find_device(arm64_board.uart_compat, &base, &irq))
		printk("arm64: no PL011 in the device tree, using %s's at %#lx\n",
		       arm64_board.name, base);
	mmio = ioremap(base, PAGE_SIZE, "PL011 UART");
	early_uart = mmio;
	pl011_start(&console_uart, mmio);
	request_irq(irq, pl011_irq, &console_uart, "uart");
	/* The identity map in TTBR0 only served head.S and the early
	 * console; from here the lower half is user space. */
	arch_switch_mm(NULL);
}

u64 arch_counter_read(void)
{
	isb();			/* no early read before preceding code */
	return read_sysreg(cntvct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}
