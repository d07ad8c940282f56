/* The QEMU q35 (and any PC) fixed devices as arch/x86_64 sees them: COM1 and
 * the APICs at their architectural addresses. (ACPI's MADT would name the
 * APICs on exotic boards; every PC and QEMU use these.) */
#include <asm/x86.h>

const struct x86_board x86_board = {
	.uart_port = COM1_PORT,
	.uart_irq = 4,			/* ISA IRQ 4 = IOAPIC pin 4 */
	.lapic_base = 0xfee00000,
	.ioapic_base = 0xfec00000,
};
