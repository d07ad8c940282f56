/* riscv64 platform glue: the early console, the boot information from the
 * device tree, the console UART, switching page tables (kernel and user)
 * and powering off. */
#include <arch.h>
#include <bootinfo.h>
#include <fdt.h>
#include <irq.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <uart16550.h>
#include <uapi/errno.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/sbi.h>

const char arch_name[] = "riscv64";

void arch_early_putc(char c)
{
	sbi_putc(c);
}

/*
 * OpenSBI runs from the start of RAM and the kernel is loaded 2 MiB in;
 * whatever lies below the kernel in its RAM bank belongs to the firmware,
 * whether or not the firmware described it in /reserved-memory.
 */
static void reserve_firmware(struct boot_info *bi, phys_addr_t kstart)
{
	int i;

	for (i = 0; i < bi->nr_ram; i++) {
		phys_addr_t base = bi->ram[i].base;

		if (kstart > base && kstart < base + bi->ram[i].size)
			boot_add_reserved(bi, base, kstart - base,
					  "firmware (OpenSBI)");
	}
}

void arch_discover_boot_info(struct boot_info *bi)
{
	phys_addr_t dtb = riscv_boot_dtb;
	phys_addr_t kstart = __pa(__kernel_start);
	phys_addr_t kend = PAGE_ALIGN(__pa(__kernel_end));
	const char *err;

	if (!dtb)
		panic("riscv64: the firmware passed no device tree (a1 was 0)");
	if (dtb >= EARLY_MAP_LIMIT)
		panic("riscv64: device tree at %#lx lies above the boot map "
		      "(%#lx)", dtb, (unsigned long)EARLY_MAP_LIMIT);
	bi->dtb_phys = dtb;	/* fdt_parse_boot_info() reserves it */
	err = fdt_parse_boot_info(__va(dtb), EARLY_MAP_LIMIT - dtb, bi);
	if (err)
		panic("riscv64: device tree at %#lx: %s", dtb, err);
	boot_add_reserved(bi, kstart, kend - kstart, "kernel");
	reserve_firmware(bi, kstart);
}

static void load_satp(phys_addr_t root)
{
	/*
	 * No ASIDs yet: every address space is ASID 0, so flush everything
	 * after the switch. The sfence.vma also orders the page-table stores
	 * made before it with the walks after it.
	 */
	csr_write(satp, SATP_MODE_SV39 | (root >> 12));
	__asm__ __volatile__("sfence.vma" : : : "memory");
}

void arch_activate_kernel_pgtable(phys_addr_t root)
{
	load_satp(root);
}

/* Sv39 has one root for both halves: a user root carries the kernel's
 * upper-half entries (mm_create copies them), and "no user" is the kernel's
 * own root, whose lower half is empty. */
void arch_switch_mm(pte_t *user_root)
{
	load_satp(__pa(user_root ? user_root : kernel_pgtable));
}

void arch_console_init(void)
{
	static struct uart16550 uart;
	struct board_device dev;
	unsigned int reg_shift;
	int err;

	board_uart(&dev, &reg_shift);
	uart16550_init_mmio(&uart, ioremap(dev.base, dev.size, "16550 UART"),
			    reg_shift);
	uart16550_start(&uart);
	err = request_irq(dev.irq, uart16550_irq, &uart, "uart");
	if (err)
		panic("riscv64: cannot get UART irq %u: error %d", dev.irq, err);
	printk("console: 16550 UART at %#lx, PLIC irq %u\n", dev.base, dev.irq);
}

void __noreturn arch_poweroff(int exit_code)
{
	/* SRST's "system failure" reason is the only exit status SBI has. */
	sbi_shutdown(exit_code != 0);
}
