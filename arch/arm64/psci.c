/* Power off through PSCI, with the conduit (hvc or smc) the device tree's
 * /psci node names: it depends on which EL the firmware lives at. */
#include <arch.h>
#include <fdt.h>
#include <printk.h>
#include <string.h>
#include <irq.h>
#include "arm64.h"

#define PSCI_SYSTEM_OFF	0x84000008

static enum { PSCI_NONE, PSCI_HVC, PSCI_SMC } psci_conduit;

void psci_init(const void *fdt)
{
	int off = fdt_path_offset(fdt, "/psci");
	const char *method = NULL;
	int len;

	if (off >= 0)
		method = fdt_getprop(fdt, off, "method", &len);
	if (method && !strcmp(method, "hvc"))
		psci_conduit = PSCI_HVC;
	else if (method && !strcmp(method, "smc"))
		psci_conduit = PSCI_SMC;
	else
		printk("arm64: no PSCI in the device tree; poweroff will halt\n");
}

/* SMCCC 1.0 lets the firmware change x1-x17. */
#define PSCI_CLOBBERS "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", \
	"x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory"

static u64 psci_call(u64 fn)
{
	register u64 x0 __asm__("x0") = fn;

	if (psci_conduit == PSCI_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0) : : PSCI_CLOBBERS);
	else if (psci_conduit == PSCI_SMC)
		__asm__ __volatile__("smc #0" : "+r"(x0) : : PSCI_CLOBBERS);
	return x0;
}

/* PSCI SYSTEM_OFF has no exit status; the runner reads the serial log. */
void arch_poweroff(int exit_code)
{
	(void)exit_code;
	arch_irq_disable();
	psci_call(PSCI_SYSTEM_OFF);
	printk("arm64: PSCI SYSTEM_OFF failed; halting\n");
	for (;;)
		__asm__ __volatile__("wfi");
}
