/*
 * riscv64 SMP (include/smp.h): harts from the device tree, started through
 * the SBI HSM extension; IPIs through SBI send_ipi (the supervisor software
 * interrupt); TLB shootdown through SBI remote sfence.vma.
 */
#include <fdt.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <smp.h>
#include <asm/board.h>
#include <asm/csr.h>
#include <asm/pgtable.h>
#include <asm/riscv.h>
#include <asm/sbi.h>
#include <uapi/errno.h>

/* entry.S and head.S reach these through tp. */
_Static_assert(offsetof(struct cpu, arch) == 0, "arch first in struct cpu");
_Static_assert(offsetof(struct arch_cpu, kernel_sp) == CPU_KERNEL_SP,
	       "CPU_KERNEL_SP");
_Static_assert(offsetof(struct arch_cpu, user_sp) == CPU_USER_SP,
	       "CPU_USER_SP");
_Static_assert(offsetof(struct arch_cpu, overflow_sp) == CPU_OVERFLOW_SP,
	       "CPU_OVERFLOW_SP");
/* A bitmap of logical CPUs fits in one word (remote fences below). */
_Static_assert(NR_CPUS <= 64, "NR_CPUS");

/* What secondary_entry writes to satp: kernel_pgtable, Sv39. */
unsigned long riscv_secondary_satp;

static bool sbi_has_smp(void)
{
	static const struct {
		unsigned long ext;
		const char *name;
	} needed[] = {
		{ SBI_EXT_HSM, "HSM (hart start)" },
		{ SBI_EXT_IPI, "IPI" },
		{ SBI_EXT_RFENCE, "RFENCE (remote sfence.vma)" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(needed); i++) {
		if (!sbi_probe(needed[i].ext)) {
			printk("smp: the SBI firmware has no %s extension: "
			       "secondary harts stay parked\n", needed[i].name);
			return false;
		}
	}
	return true;
}

/*
 * The boot hart is cpus[0] (its id came in a0); the others follow in
 * device-tree order. A tree without /cpus, or firmware without the SBI
 * extensions SMP needs, leaves just the boot hart.
 */
unsigned int arch_smp_enumerate(void)
{
	unsigned int n = smp_cpus_from_fdt(board_fdt(), riscv_boot_hartid,
					   ~0UL, NULL);

	if (n > 1 && !sbi_has_smp())
		return 1;
	return n;
}

/*
 * HSM starts the hart at secondary_entry (head.S) with the MMU off: it
 * gets the physical address of its struct cpu, where kernel_sp is its
 * first stack and overflow_sp the top of its own overflow stack.
 */
int arch_cpu_start(struct cpu *cpu, unsigned long stack_top)
{
	long err;

	cpu->arch.overflow_sp = (unsigned long)cpu->overflow_stack + KSTACK_SIZE;
	cpu->arch.kernel_sp = stack_top;
	riscv_secondary_satp = SATP_MODE_SV39 | (__pa(kernel_pgtable) >> 12);
	/* The new hart reads all of this with its MMU off. */
	smp_mb();
	err = sbi_hart_start(cpu->hwid, __pa(secondary_entry), __pa(cpu));
	if (err) {
		printk("smp: hart %lu (cpu%u) did not start: SBI error %ld "
		       "(%s)\n", cpu->hwid, cpu->id, err, sbi_strerror(err));
		cpu->arch.overflow_sp = 0;
		return -EIO;
	}
	return 0;
}

/*
 * On the new hart, interrupts off: trap state as arch_trap_init() leaves
 * it on the boot hart, IPIs and the tick on, device interrupts off (the
 * PLIC sends them to the boot hart only, and sie.SEIE stays clear).
 */
void arch_secondary_cpu_init(unsigned int hz)
{
	(void)hz;	/* arch_timer_init() chose the rate for all harts */
	csr_write(sscratch, 0);
	csr_clear(sstatus, SSTATUS_SUM);
	riscv_fpu_init();
	/* Nothing the hart cached before satp was set is to be trusted. */
	arch_local_flush_tlb_all();
	csr_set(sie, SIE_SSIE);
	riscv_timer_init_secondary();
}

void arch_send_ipi(struct cpu *cpu)
{
	long err = sbi_send_ipi(1, cpu->hwid);

	if (err)
		panic("smp: SBI send_ipi to hart %lu failed: %s", cpu->hwid,
		      sbi_strerror(err));
}

/*
 * sfence.vma on the online CPUs in targets (logical ids: a user mm's flush
 * names only those in its cpus_loaded). SBI names harts by a 64-bit mask
 * and a base hart id: one call per distinct base. Hart ids are usually
 * 0..N-1, which is a single call.
 */
static void remote_sfence_vma(unsigned long start, unsigned long size,
			      unsigned long targets)
{
	unsigned long done = ~targets;	/* logical CPUs covered or not asked */
	struct cpu *c, *d;

	for_each_online_cpu(c) {
		unsigned long base = c->hwid & ~63UL, mask = 0;
		long err;

		if (done & (1UL << c->id))
			continue;
		for_each_online_cpu(d) {
			if (!(done & (1UL << d->id)) &&
			    (d->hwid & ~63UL) == base) {
				mask |= 1UL << (d->hwid & 63);
				done |= 1UL << d->id;
			}
		}
		err = sbi_remote_sfence_vma(mask, base, start, size);
		if (err)
			panic("smp: SBI remote sfence.vma failed: %s",
			      sbi_strerror(err));
	}
}

void arch_broadcast_flush_tlb_page(unsigned long va, unsigned long targets)
{
	remote_sfence_vma(va & PAGE_MASK, PAGE_SIZE, targets);
}

/* SBI takes a range: one call for the lot. */
void arch_broadcast_flush_tlb_range(unsigned long start, unsigned long end,
				    unsigned long targets)
{
	remote_sfence_vma(start, end - start, targets);
}

void arch_broadcast_flush_tlb_all(unsigned long targets)
{
	/* size -1: the whole address space */
	remote_sfence_vma(0, ~0UL, targets);
}
