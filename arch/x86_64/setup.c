/* x86_64 platform glue: the early console, the COM1 console driver, page
 * table switches, and powering off. */
#include <arch.h>
#include <irq.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <time.h>
#include <uart16550.h>
#include <asm/io.h>
#include <asm/x86.h>

const char arch_name[] = "x86_64";

#define UART_THR	0
#define UART_IER	1
#define UART_DLL	0
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_LSR	5
#define LSR_THR_EMPTY	0x20

#define DEBUG_EXIT_PORT	0xf4	/* QEMU isa-debug-exit */
#define ACPI_PM1A_CNT	0x604	/* QEMU q35 (ICH9) PM1a control */
#define ACPI_SLP_EN_S5	0x2000	/* SLP_EN with SLP_TYP 0: S5 on QEMU */

extern char boot_stack_guard[];

/* 115200 8N1, no interrupts: the boot loader may have left COM1 untouched. */
static void early_uart_init(void)
{
	u16 port = x86_board.uart_port;

	outb(0x00, port + UART_IER);
	outb(0x80, port + UART_LCR);		/* DLAB: divisor follows */
	outb(0x01, port + UART_DLL);		/* 115200 / 1 */
	outb(0x00, port + UART_DLM);
	outb(0x03, port + UART_LCR);		/* 8N1 */
	outb(0x07, port + UART_FCR);		/* FIFOs on and cleared */
}

void arch_early_putc(char c)
{
	static bool ready;
	u16 port = x86_board.uart_port;

	if (!ready) {
		early_uart_init();
		ready = true;
	}
	while (!(inb(port + UART_LSR) & LSR_THR_EMPTY))
		;
	outb((u8)c, port + UART_THR);
}

/* The 16550 driver's accessors for a UART in I/O port space. */
static u8 port_read(struct uart16550 *u, unsigned int reg)
{
	return inb(u->port + reg);
}

static void port_write(struct uart16550 *u, unsigned int reg, u8 val)
{
	outb(val, u->port + reg);
}

/* A PC describes itself through ACPI (acpi.c) and PCI, not a device tree. */
const void *arch_device_tree(void)
{
	return NULL;
}

int arch_fdt_irq(const void *fdt, int node, int index)
{
	(void)fdt, (void)node, (void)index;
	return -1;
}

void arch_console_init(void)
{
	static struct uart16550 uart;
	int err;

	uart.mmio = NULL;
	uart.port = x86_board.uart_port;
	uart.reg_shift = 0;
	uart.read_reg = port_read;
	uart.write_reg = port_write;
	uart16550_start(&uart);
	err = request_irq(x86_board.uart_irq, uart16550_irq, &uart, "uart");
	if (err)
		panic("x86_64: cannot get COM1 irq %u: error %d",
		      x86_board.uart_irq, err);
	printk("console: 16550 UART at port %#x, IOAPIC pin %u\n",
	       x86_board.uart_port, x86_board.uart_irq);
}

/*
 * paging_init() hands over the final kernel table. Before loading it, take
 * the page below the boot stack out of it, so that running off the stack
 * faults (and the #DF on its own IST stack reports it) instead of silently
 * corrupting the page tables that sit below.
 */
void arch_activate_kernel_pgtable(phys_addr_t root)
{
	if (pgtable_unmap(kernel_pgtable, (unsigned long)boot_stack_guard,
			  PAGE_SIZE) != 1)
		printk("x86_64: could not unmap the boot stack guard page\n");
	write_cr3(root);
	arch_local_flush_tlb_all();
}

/* The user half comes from mm_create()'s root, which carries copies of the
 * kernel's root entries, so one CR3 load switches everything. */
void arch_switch_mm(pte_t *user_root)
{
	write_cr3(__pa(user_root ? user_root : kernel_pgtable));
}

/*
 * Success goes through ACPI S5, which QEMU ends with exit status 0, so
 * "make run" and scripts see success as 0. A failure code goes to QEMU's
 * isa-debug-exit device, which exits with status (code << 1) | 1, never 0.
 * Whichever does not stop the machine is followed by the other; real
 * hardware without either halts.
 */
void __noreturn arch_poweroff(int exit_code)
{
	if (exit_code)
		outl((u32)exit_code, DEBUG_EXIT_PORT);
	outw(ACPI_SLP_EN_S5, ACPI_PM1A_CNT);
	/* QEMU acts on S5 asynchronously: give it time before the fallback
	 * (which would exit at once, with status 1). */
	ndelay_busy(200 * 1000 * 1000ULL);
	outl((u32)exit_code, DEBUG_EXIT_PORT);
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
