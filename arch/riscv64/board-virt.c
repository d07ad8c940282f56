/* The QEMU virt board as riscv64 sees it: the UART, the PLIC, this hart's
 * ISA and timebase, looked up in the device tree, with virt's fixed
 * addresses only as a fallback when the tree does not say. */
#include <asm/board.h>
#include <asm/memory.h>
#include <fdt.h>
#include <string.h>

/* QEMU virt (hw/riscv/virt.c memory map), used only if the DT is silent. */
#define VIRT_UART0_BASE		0x10000000UL
#define VIRT_UART0_SIZE		0x100UL
#define VIRT_UART0_IRQ		10
#define VIRT_PLIC_BASE		0x0c000000UL
#define VIRT_PLIC_SIZE		0x600000UL
#define VIRT_PLIC_S_CONTEXT	1	/* hart 0: context 0 is M, 1 is S */
#define VIRT_TIMEBASE		10000000ULL

/* Set by head.S before start_kernel (in BSS: written after it is cleared). */
phys_addr_t riscv_boot_dtb;
unsigned long riscv_boot_hartid;

const void *arch_device_tree(void)
{
	return board_fdt();
}

/* The PLIC binding: one cell per interrupt, the source number. */
int arch_fdt_irq(const void *fdt, int node, int index)
{
	u32 v;

	return fdt_get_u32(fdt, node, "interrupts", index, &v) ? (int)v : -1;
}

const void *board_fdt(void)
{
	static const void *blob;
	static bool checked;

	if (!checked) {
		checked = true;
		/* Only what head.S mapped is readable this early. */
		if (riscv_boot_dtb && riscv_boot_dtb < EARLY_MAP_LIMIT &&
		    !fdt_validate(__va(riscv_boot_dtb),
				  EARLY_MAP_LIMIT - riscv_boot_dtb))
			blob = __va(riscv_boot_dtb);
	}
	return blob;
}

static bool isa_token_is(const char *tok, size_t len, const char *ext)
{
	size_t i;

	if (len != strlen(ext))
		return false;
	for (i = 0; i < len; i++) {
		char c = tok[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != ext[i])
			return false;
	}
	return true;
}

/* Multi-letter extensions follow the single letters, each after a '_':
 * "rv64imafdch_zicsr_zifencei_..._sstc". */
static bool isa_string_has(const char *isa, int len, const char *ext)
{
	int i = 0, start;

	while (i < len && isa[i] && isa[i] != '_')
		i++;
	while (i < len && isa[i] == '_') {
		start = ++i;
		while (i < len && isa[i] && isa[i] != '_')
			i++;
		if (isa_token_is(isa + start, i - start, ext))
			return true;
	}
	return false;
}

/* A property holding several NUL-terminated strings (compatible, and
 * riscv,isa-extensions in newer trees) names ext, ignoring case. */
static bool string_list_has(const char *list, int len, const char *ext)
{
	int i = 0;

	while (i < len) {
		size_t n = 0;

		while (i + (int)n < len && list[i + n])
			n++;
		if (isa_token_is(list + i, n, ext))
			return true;
		i += n + 1;
	}
	return false;
}

/* A hart's node under /cpus (the one whose reg is its hart id). */
static int hart_node(const void *blob, unsigned long hartid)
{
	int cpus = fdt_path_offset(blob, "/cpus");
	int depth = 0, node;
	u64 reg, size;

	if (cpus < 0)
		return -1;
	for (node = fdt_next_node(blob, cpus, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(blob, node, &depth)) {
		if (depth == 1 && fdt_get_reg(blob, node, 0, &reg, &size) &&
		    reg == hartid)
			return node;
	}
	return -1;
}

/* The phandle of a hart's local interrupt controller (a child of its cpu
 * node), which the PLIC's interrupts-extended refers to. */
static bool hart_intc_phandle(const void *blob, unsigned long hartid,
			      u32 *phandle)
{
	int cpu = hart_node(blob, hartid), depth = 0, node;

	if (cpu < 0)
		return false;
	for (node = fdt_next_node(blob, cpu, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(blob, node, &depth)) {
		int len;
		const char *c = fdt_getprop(blob, node, "compatible", &len);

		if (c && string_list_has(c, len, "riscv,cpu-intc"))
			return fdt_get_u32(blob, node, "phandle", 0, phandle);
	}
	return false;
}

void board_uart(struct board_device *dev, unsigned int *reg_shift)
{
	const void *blob = board_fdt();
	int node = blob ? fdt_find_compatible(blob, -1, "ns16550a") : -1;
	u64 base, size;
	u32 v;

	dev->base = VIRT_UART0_BASE;
	dev->size = VIRT_UART0_SIZE;
	dev->irq = VIRT_UART0_IRQ;
	*reg_shift = 0;
	if (node < 0)
		return;
	if (fdt_get_reg(blob, node, 0, &base, &size)) {
		dev->base = base;
		dev->size = size;
	}
	if (fdt_get_u32(blob, node, "interrupts", 0, &v))
		dev->irq = v;
	if (fdt_get_u32(blob, node, "reg-shift", 0, &v))
		*reg_shift = v;
}

/*
 * The PLIC numbers its contexts in the order of its interrupts-extended
 * pairs <intc-phandle irq>: a hart's S-mode context is the pair naming
 * that hart's controller with irq 9 (supervisor external interrupt).
 */
static bool plic_s_context(const void *blob, int plic, unsigned long hartid,
			   unsigned int *ctx)
{
	u32 mine, phandle, irq;
	int i;

	if (!hart_intc_phandle(blob, hartid, &mine))
		return false;
	for (i = 0; fdt_get_u32(blob, plic, "interrupts-extended", 2 * i,
				&phandle) &&
		    fdt_get_u32(blob, plic, "interrupts-extended", 2 * i + 1,
				&irq); i++) {
		if (phandle == mine && irq == 9) {
			*ctx = i;
			return true;
		}
	}
	return false;
}

static int plic_node(const void *blob)
{
	int node = fdt_find_compatible(blob, -1, "sifive,plic-1.0.0");

	if (node < 0)
		node = fdt_find_compatible(blob, -1, "riscv,plic0");
	return node;
}

void board_plic(struct board_device *dev, unsigned int *context)
{
	const void *blob = board_fdt();
	int node = -1;
	u64 base, size;

	dev->base = VIRT_PLIC_BASE;
	dev->size = VIRT_PLIC_SIZE;
	dev->irq = 0;
	*context = VIRT_PLIC_S_CONTEXT;
	if (!blob)
		return;
	node = plic_node(blob);
	if (node < 0)
		return;
	if (fdt_get_reg(blob, node, 0, &base, &size)) {
		dev->base = base;
		dev->size = size;
	}
	plic_s_context(blob, node, riscv_boot_hartid, context);
}

int board_plic_s_contexts(unsigned int *ctx, int max)
{
	const void *blob = board_fdt();
	int node = blob ? plic_node(blob) : -1, i, n = 0;
	u32 phandle, irq;

	if (node < 0)
		return 0;
	for (i = 0; fdt_get_u32(blob, node, "interrupts-extended", 2 * i,
				&phandle) &&
		    fdt_get_u32(blob, node, "interrupts-extended", 2 * i + 1,
				&irq); i++) {
		if (irq == 9 && n < max)
			ctx[n++] = i;
	}
	return n;
}

u64 board_timebase(void)
{
	const void *blob = board_fdt();
	int node;
	u32 v;

	if (!blob)
		return VIRT_TIMEBASE;
	/* Usually on /cpus; the binding also allows it per cpu. */
	node = fdt_path_offset(blob, "/cpus");
	if (node >= 0 && fdt_get_u32(blob, node, "timebase-frequency", 0, &v) &&
	    v)
		return v;
	node = hart_node(blob, riscv_boot_hartid);
	if (node >= 0 && fdt_get_u32(blob, node, "timebase-frequency", 0, &v) &&
	    v)
		return v;
	return VIRT_TIMEBASE;
}

bool board_has_sstc(void)
{
	const void *blob = board_fdt();
	int node = blob ? hart_node(blob, riscv_boot_hartid) : -1, len;
	const char *p;

	if (node < 0)
		return false;
	p = fdt_getprop(blob, node, "riscv,isa-extensions", &len);
	if (p && string_list_has(p, len, "sstc"))
		return true;
	p = fdt_getprop(blob, node, "riscv,isa", &len);
	return p && isa_string_has(p, len, "sstc");
}
