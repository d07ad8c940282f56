/*
 * arm64 secondary CPUs (include/smp.h): the CPUs come from the device
 * tree's /cpus (reg = MPIDR affinity), each is started by the enable
 * method its node names (PSCI CPU_ON; the spin table is a stub), enters at
 * head.S's secondary_entry, and is interrupted by the GIC's SGI.
 */
#include <smp.h>
#include <fdt.h>
#include <printk.h>
#include <string.h>
#include <kernel_map.h>
#include <uapi/errno.h>
#include <asm/sysreg.h>
#include "arm64.h"

_Static_assert(offsetof(struct cpu, arch) == 0, "arch_cpu first in cpu");
_Static_assert(offsetof(struct arch_cpu, overflow_stack_top) ==
	       ARCH_CPU_OVERFLOW_STACK, "ARCH_CPU_OVERFLOW_STACK");
_Static_assert(offsetof(struct arch_cpu, boot_stack_top) ==
	       ARCH_CPU_BOOT_STACK, "ARCH_CPU_BOOT_STACK");
_Static_assert(offsetof(struct arch_cpu, boot_ttbr1) == ARCH_CPU_BOOT_TTBR1,
	       "ARCH_CPU_BOOT_TTBR1");
_Static_assert(offsetof(struct arch_cpu, boot_tcr) == ARCH_CPU_BOOT_TCR,
	       "ARCH_CPU_BOOT_TCR");

/* The affinity fields of MPIDR_EL1 (Aff3, Aff2..Aff0), which is what a
 * cpu node's reg holds; the other bits describe, they do not name. */
#define MPIDR_HWID_MASK		0xff00ffffffUL

static unsigned long this_cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
}

static void set_from_node(struct cpu *c, const struct fdt_cpu *n)
{
	c->arch.enable_method = n->enable_method;
	c->arch.fdt_node = n->node;
}

/*
 * cpus[0] is the CPU running this (its MPIDR names it); the others follow
 * in device-tree order. A tree without /cpus, or without a node for this
 * CPU, still leaves cpus[0] describing the boot CPU.
 */
unsigned int arch_smp_enumerate(void)
{
	cpus[0].arch.enable_method = NULL;
	cpus[0].arch.fdt_node = -1;
	return smp_cpus_from_fdt(arm64_fdt, this_cpu_mpidr(), MPIDR_HWID_MASK,
				 set_from_node);
}

/* Make a store visible to a CPU reading with its MMU (and caches) off:
 * clean the lines to the point of coherency. */
static void clean_to_poc(const void *p, size_t len)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long a = (unsigned long)p & ~(line - 1);

	for (; a < (unsigned long)p + len; a += line)
		__asm__ __volatile__("dc cvac, %0" : : "r"(a) : "memory");
	dsb(ish);
}

static int start_psci(struct cpu *cpu)
{
	const char *why;

	if (!psci_available()) {
		printk("smp: cpu%u (MPIDR %#lx): enable-method \"psci\" but no /psci node\n",
		       cpu->id, cpu->hwid);
		return -ENODEV;
	}
	if (psci_cpu_on(cpu->hwid, __pa(secondary_entry), __pa(cpu), &why)) {
		printk("smp: cpu%u (MPIDR %#lx): PSCI CPU_ON failed: %s\n",
		       cpu->id, cpu->hwid, why);
		return -EIO;
	}
	return 0;
}

/*
 * The spin table (the Raspberry Pi's firmware): the CPU waits in a wfe
 * loop for a non-zero entry address at the node's cpu-release-addr. To
 * do: write __pa(secondary_entry) there (a physical address, 64 bits),
 * clean it to the point of coherency, sev. It has no context id, so the
 * entry must find its struct cpu from its MPIDR instead of x0.
 */
static int start_spin_table(struct cpu *cpu)
{
	printk("smp: cpu%u (MPIDR %#lx): enable-method \"spin-table\" is not supported yet\n",
	       cpu->id, cpu->hwid);
	return -ENOSYS;
}

int arch_cpu_start(struct cpu *cpu, unsigned long stack_top)
{
	const char *method = cpu->arch.enable_method;
	int err;

	if (!method || (strcmp(method, "psci") && strcmp(method, "spin-table"))) {
		printk("smp: cpu%u (MPIDR %#lx): enable-method \"%s\" is not supported\n",
		       cpu->id, cpu->hwid, method ? method : "(none)");
		return -ENODEV;
	}
	/* Its own overflow stack (entry.S): a guarded task-sized stack,
	 * which fits the bit test. */
	cpu->arch.overflow_stack_top = (unsigned long)cpu->overflow_stack +
				       KSTACK_SIZE;
	/* What secondary_entry reads before its MMU is on. The same TCR
	 * as ours: every CPU must walk the tables alike (the same inner
	 * shareable domain and A/D updates) for broadcast TLBIs to mean the
	 * same thing everywhere. */
	cpu->arch.boot_stack_top = stack_top;
	cpu->arch.boot_ttbr1 = __pa(kernel_pgtable);
	cpu->arch.boot_tcr = read_sysreg(tcr_el1);
	clean_to_poc(&cpu->arch, sizeof(cpu->arch));

	err = !strcmp(method, "psci") ? start_psci(cpu) : start_spin_table(cpu);
	if (err)
		cpu->arch.overflow_stack_top = 0;
	return err;
}

/* On the new CPU, interrupts off, before it is online. hz is the boot
 * CPU's (arch_timer_init set the interval for every CPU). */
void arch_secondary_cpu_init(unsigned int hz)
{
	(void)hz;
	arm64_cpu_trap_init();
	gic_cpu_init();
	arm64_timer_cpu_init();
}

void arch_send_ipi(struct cpu *cpu)
{
	gic_send_ipi(cpu);
}
