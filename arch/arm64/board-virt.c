/* QEMU virt board: the compatible strings to look up in the device tree
 * and the addresses QEMU uses, as a fallback when a node is missing. */
#include <asm/board.h>

static const char *const virt_uart_compat[] = { "arm,pl011", NULL };
static const char *const virt_gic_compat[] = {
	"arm,cortex-a15-gic", "arm,gic-400", NULL
};

const struct arm64_board arm64_board = {
	.name = "QEMU virt",
	.uart_compat = virt_uart_compat,
	.uart_base = BOARD_EARLY_UART_PHYS,
	.uart_irq = 32 + 1,		/* SPI 1 */
	.gic_compat = virt_gic_compat,
	.gicd_base = 0x08000000,
	.gicc_base = 0x08010000,
	.timer_irq = 16 + 11,		/* PPI 11: EL1 virtual timer */
};
