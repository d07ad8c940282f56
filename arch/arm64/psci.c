/* PSCI, the firmware interface for CPU power: SYSTEM_OFF to power off and
 * CPU_ON to start a secondary CPU, with the conduit (hvc or smc) the
 * device tree's /psci node names: it depends on which EL the firmware
 * lives at. */
#include <arch.h>
#include <fdt.h>
#include <printk.h>
#include <string.h>
#include <irq.h>
#include "arm64.h"

#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_CPU_ON_64		0xc4000003	/* SMC64 function id (PSCI 0.2+) */

/* Return codes (PSCI 1.x, "Return error codes"). */
#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	-1
#define PSCI_INVALID_PARAMS	-2
#define PSCI_DENIED		-3
#define PSCI_ALREADY_ON		-4
#define PSCI_ON_PENDING		-5
#define PSCI_INTERNAL_FAILURE	-6
#define PSCI_INVALID_ADDRESS	-9

static enum { PSCI_NONE, PSCI_HVC, PSCI_SMC } psci_conduit;
static u32 psci_cpu_on_fn = PSCI_CPU_ON_64;

void psci_init(const void *fdt)
{
	int off = fdt_path_offset(fdt, "/psci");
	const char *method = NULL;
	u32 fn;
	int len;

	if (off >= 0)
		method = fdt_getprop(fdt, off, "method", &len);
	if (method && !strcmp(method, "hvc"))
		psci_conduit = PSCI_HVC;
	else if (method && !strcmp(method, "smc"))
		psci_conduit = PSCI_SMC;
	else
		printk("arm64: no PSCI in the device tree; poweroff will halt\n");
	/* PSCI 0.1 had no fixed function ids: the node names them. Later
	 * versions fix CPU_ON, and QEMU gives both (the same value). */
	if (off >= 0 && fdt_get_u32(fdt, off, "cpu_on", 0, &fn))
		psci_cpu_on_fn = fn;
}

bool psci_available(void)
{
	return psci_conduit != PSCI_NONE;
}

/* SMCCC 1.0 lets the firmware change x1-x17 (x0 carries the result). */
#define PSCI_CLOBBERS "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", \
	"x12", "x13", "x14", "x15", "x16", "x17", "memory"

static u64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	if (psci_conduit == PSCI_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2),
				     "+r"(x3) : : PSCI_CLOBBERS);
	else if (psci_conduit == PSCI_SMC)
		__asm__ __volatile__("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2),
				     "+r"(x3) : : PSCI_CLOBBERS);
	else
		x0 = (u64)PSCI_NOT_SUPPORTED;
	return x0;
}

static const char *psci_strerror(int err)
{
	switch (err) {
	case PSCI_NOT_SUPPORTED:	return "not supported";
	case PSCI_INVALID_PARAMS:	return "invalid parameters (no such MPIDR?)";
	case PSCI_DENIED:		return "denied";
	case PSCI_ALREADY_ON:		return "already on";
	case PSCI_ON_PENDING:		return "already being started";
	case PSCI_INTERNAL_FAILURE:	return "internal failure";
	case PSCI_INVALID_ADDRESS:	return "invalid entry address";
	}
	return "unknown error";
}

/*
 * The firmware starts the CPU at entry with its MMU off, at the highest
 * EL the kernel may use (EL2 under QEMU's virtualization=on, else EL1),
 * and x0 = context_id; it returns here as soon as the CPU is on its way.
 */
int psci_cpu_on(u64 mpidr, phys_addr_t entry, u64 context_id,
		const char **why)
{
	int ret = (int)psci_call(psci_cpu_on_fn, mpidr, entry, context_id);

	*why = ret ? psci_strerror(ret) : NULL;
	return ret;
}

/* PSCI SYSTEM_OFF has no exit status; the runner reads the serial log. */
void arch_poweroff(int exit_code)
{
	(void)exit_code;
	arch_irq_disable();
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	printk("arm64: PSCI SYSTEM_OFF failed; halting\n");
	for (;;)
		__asm__ __volatile__("wfi");
}
