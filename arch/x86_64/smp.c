/*
 * x86_64 secondary CPUs (include/smp.h): the CPUs the ACPI MADT lists
 * (acpi.c), started with INIT-SIPI-SIPI through the local APIC into the
 * real-mode start page (trampoline.S), their own tables, APIC and tick,
 * and IPIs on a fixed vector. There is no broadcast TLB invalidation on
 * x86: mm/tlbflush.c asks the other CPUs by IPI.
 */
#include <arch.h>
#include <bootinfo.h>
#include <kernel_map.h>
#include <page.h>
#include <printk.h>
#include <smp.h>
#include <string.h>
#include <time.h>
#include <uapi/errno.h>
#include <asm/pgtable.h>
#include <asm/x86.h>
#include "boot.h"
#include "trampoline.h"

_Static_assert(offsetof(struct cpu, arch) == 0, "struct arch_cpu first");
_Static_assert(offsetof(struct arch_cpu, self) == ARCH_CPU_SELF, "SELF");
_Static_assert(offsetof(struct arch_cpu, kernel_stack_top) ==
	       ARCH_CPU_KSTACK_TOP, "KSTACK_TOP");
_Static_assert(offsetof(struct arch_cpu, user_rsp) == ARCH_CPU_USER_RSP,
	       "USER_RSP");
_Static_assert(offsetof(struct x86_trampoline_params, cr0) == TRP_CR0, "");
_Static_assert(offsetof(struct x86_trampoline_params, cr3) == TRP_CR3, "");
_Static_assert(offsetof(struct x86_trampoline_params, cr4) == TRP_CR4, "");
_Static_assert(offsetof(struct x86_trampoline_params, efer) == TRP_EFER, "");
_Static_assert(offsetof(struct x86_trampoline_params, cpu) == TRP_CPU, "");
_Static_assert(offsetof(struct x86_trampoline_params, stack_top) ==
	       TRP_STACK, "");
_Static_assert(offsetof(struct x86_trampoline_params, kernel_cr3) ==
	       TRP_KERNEL_CR3, "");
_Static_assert(offsetof(struct x86_trampoline_params, entry) == TRP_ENTRY,
	       "");
_Static_assert(offsetof(struct x86_trampoline_params, ack) == TRP_ACK, "");
_Static_assert(sizeof(struct x86_trampoline_params) == TRP_SIZE, "");

#define ICR_FIXED		0x000
#define ICR_INIT		0x500
#define ICR_STARTUP		0x600
#define ICR_LEVEL_ASSERT	0x4000
#define ICR_TRIGGER_LEVEL	0x8000

#define EFER_LME		(1UL << 8)
#define EFER_NXE		(1UL << 11)

/* Real mode reaches the first MiB only, and the STARTUP vector names a
 * 4 KiB page there; below 0x1000 lie the IVT and the BIOS data area. */
#define TRAMPOLINE_LOW		0x1000UL
#define TRAMPOLINE_HIGH		0xa0000UL

/* How long the boot CPU waits for a started CPU to leave the page. */
#define AP_ACK_TIMEOUT_NS	(2 * NSEC_PER_SEC)

extern char x86_secondary_entry[];

static phys_addr_t trampoline_pa;
static const char *trampoline_source;	/* whose memory map said "RAM" */

/*
 * The start root: the 32-bit code can only load a CR3 below 4 GiB, and
 * kernel_pgtable's root may come from anywhere in RAM; it also has no
 * identity map of the start page, which the CPU runs at when paging goes
 * on. So these three pages in the kernel image (loaded low) map the first
 * 2 MiB identically and share the kernel half of kernel_pgtable's root.
 */
static pte_t start_pml4[512] __aligned(PAGE_SIZE);
static pte_t start_pdpt[512] __aligned(PAGE_SIZE);
static pte_t start_pd[512] __aligned(PAGE_SIZE);

static bool overlaps_reserved(const struct boot_info *bi, phys_addr_t pa)
{
	int i;

	for (i = 0; i < bi->nr_reserved; i++) {
		const struct mem_region *r = &bi->reserved[i];

		if (pa < r->base + r->size && r->base < pa + PAGE_SIZE)
			return true;
	}
	return false;
}

/*
 * Called by arch_discover_boot_info() before it reserves the low 1 MiB
 * (which keeps the page out of the page allocator for good): the highest
 * page below 640 KiB that the memory map calls RAM and that holds nothing
 * the boot loader gave us (its information, modules, the kernel).
 */
void x86_smp_pick_trampoline(const struct boot_info *bi)
{
	phys_addr_t pa;
	int i;

	for (pa = TRAMPOLINE_HIGH - PAGE_SIZE; pa >= TRAMPOLINE_LOW;
	     pa -= PAGE_SIZE) {
		for (i = 0; i < bi->nr_ram; i++) {
			const struct mem_region *r = &bi->ram[i];

			if (pa >= r->base && pa + PAGE_SIZE <= r->base + r->size)
				break;
		}
		if (i < bi->nr_ram && !overlaps_reserved(bi, pa)) {
			trampoline_pa = pa;
			trampoline_source = bi->source;
			return;
		}
	}
	printk("smp: no free RAM page below 640 KiB in the %s memory map to "
	       "start other CPUs from\n", bi->source);
}

unsigned int arch_smp_enumerate(void)
{
	u32 self = lapic_self_id();
	unsigned int i, n = 1;
	bool found = false;

	cpus[0].hwid = self;
	for (i = 0; i < acpi_nr_cpus; i++) {
		u32 id = acpi_cpu_apic_id[i];

		if (id == self) {
			found = true;
			continue;
		}
		if (n == NR_CPUS) {
			printk("smp: CPU with APIC id %u left alone (NR_CPUS "
			       "is %u)\n", id, NR_CPUS);
			continue;
		}
		cpus[n++].hwid = id;
	}
	if (acpi_nr_cpus && !found)
		printk("smp: the MADT does not list the boot CPU (APIC id %u)\n",
		       self);
	if (n > 1 && !trampoline_pa) {
		printk("smp: %u CPU(s) stay parked: no start page\n", n - 1);
		n = 1;
	}
	if (n > 1)
		printk("smp: %u CPUs in the MADT; they start at %#lx (free RAM "
		       "below 640 KiB in the %s memory map)\n", n,
		       trampoline_pa, trampoline_source);
	return n;
}

static void start_root_init(void)
{
	int i;

	if (__pa(start_pml4) >= 0x100000000UL)
		panic("smp: the start root at %#lx is above 4 GiB",
		      __pa(start_pml4));
	start_pd[0] = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	start_pdpt[0] = __pa(start_pd) | _PAGE_PRESENT | _PAGE_RW;
	start_pml4[0] = __pa(start_pdpt) | _PAGE_PRESENT | _PAGE_RW;
	for (i = 256; i < 512; i++)
		start_pml4[i] = kernel_pgtable[i];
}

/* The 10 ms, 200 us, 200 us of the SDM's INIT-SIPI-SIPI sequence. */
static void wait_us(unsigned long us)
{
	ndelay_busy((u64)us * 1000);
}

static bool wait_for_ack(volatile struct x86_trampoline_params *p)
{
	u64 deadline = ktime_get_ns() + AP_ACK_TIMEOUT_NS;

	while (!p->ack) {
		if (ktime_get_ns() > deadline)
			return false;
		arch_cpu_relax();
	}
	return true;
}

int arch_cpu_start(struct cpu *cpu, unsigned long stack_top)
{
	size_t size = x86_trampoline_end - x86_trampoline_start;
	u8 *page = __va(trampoline_pa);
	volatile struct x86_trampoline_params *p = (void *)(page +
		(x86_trampoline_params - x86_trampoline_start));
	u32 apic_id = cpu->hwid;
	void *nmi_stack;
	bool sent;
	int i;

	if (size > PAGE_SIZE)
		panic("smp: the start page image is %zu bytes", size);
	/* Its own #DF stack (the generic overflow stack) and NMI/#MC stack:
	 * two CPUs must never share one. */
	if (!cpu->arch.nmi_stack_top) {
		nmi_stack = kstack_alloc();
		if (!nmi_stack)
			return -ENOMEM;
		cpu->arch.nmi_stack_top = (unsigned long)nmi_stack + KSTACK_SIZE;
	}
	cpu->arch.df_stack_top = (unsigned long)cpu->overflow_stack + KSTACK_SIZE;

	start_root_init();
	memcpy(page, x86_trampoline_start, size);
	p->cr0 = read_cr0();
	p->cr3 = __pa(start_pml4);
	p->cr4 = read_cr4();
	p->efer = rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE | EFER_SCE);
	p->cpu = (u64)cpu;
	p->stack_top = stack_top;
	p->kernel_cr3 = __pa(kernel_pgtable);
	p->entry = (u64)x86_secondary_entry;
	p->ack = 0;
	smp_mb();

	/* INIT (assert, then deassert, as older APICs need) puts the CPU in
	 * wait-for-SIPI; each STARTUP IPI starts it at page:0 in real mode.
	 * A CPU that took the first one ignores the second. */
	sent = lapic_send_ipi(apic_id, ICR_INIT | ICR_LEVEL_ASSERT |
				       ICR_TRIGGER_LEVEL);
	sent = sent && lapic_send_ipi(apic_id, ICR_INIT | ICR_TRIGGER_LEVEL);
	wait_us(10000);
	for (i = 0; sent && i < 2; i++) {
		sent = lapic_send_ipi(apic_id, ICR_STARTUP |
					       (trampoline_pa >> PAGE_SHIFT));
		wait_us(200);
	}
	if (!sent) {
		printk("smp: cpu%u (APIC id %u): the local APIC did not send "
		       "INIT-SIPI-SIPI\n", cpu->id, apic_id);
		return -EIO;
	}
	/* The page is reused for the next CPU: wait until this one is
	 * through with it. One that never answers is put back to sleep with
	 * another INIT, so that it cannot wake later on stale parameters. */
	if (!wait_for_ack(p)) {
		printk("smp: cpu%u (APIC id %u) did not answer INIT-SIPI-SIPI "
		       "(start page %#lx); going on without it\n", cpu->id,
		       apic_id, trampoline_pa);
		lapic_send_ipi(apic_id, ICR_INIT | ICR_LEVEL_ASSERT |
				       ICR_TRIGGER_LEVEL);
		return -EIO;
	}
	return 0;
}

/* The C side of x86_secondary_entry: on the idle stack, kernel_pgtable
 * loaded, interrupts off, no IDT of our own yet. */
void __noreturn x86_secondary_start(struct cpu *cpu);
void __noreturn x86_secondary_start(struct cpu *cpu)
{
	arch_set_this_cpu(cpu);
	x86_cpu_init(cpu);
	secondary_start_kernel();
}

void arch_secondary_cpu_init(unsigned int hz)
{
	lapic_cpu_init();
	x86_lapic_timer_start(hz);
}

void arch_send_ipi(struct cpu *cpu)
{
	if (!lapic_send_ipi(cpu->hwid, ICR_FIXED | IPI_VECTOR))
		printk("smp: the IPI to cpu%u (APIC id %lu) was not sent\n",
		       cpu->id, cpu->hwid);
}
