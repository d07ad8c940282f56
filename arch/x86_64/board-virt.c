/* The QEMU q35 (and any PC) fixed devices as arch/x86_64 sees them: COM1 and
 * the APICs at their architectural addresses. (acpi.c reads the MADT for
 * the CPUs and says so when its APIC addresses differ from these.) */
#include <asm/x86.h>

const struct x86_board x86_board = {
	.uart_port = COM1_PORT,
	.uart_irq = 4,			/* ISA IRQ 4 = IOAPIC pin 4 */
	.lapic_base = 0xfee00000,
	.ioapic_base = 0xfec00000,
};
