/* x86_64 CPU helpers and what the files of arch/x86_64 share: control
 * registers, MSRs, CPUID, segment selectors, the IDT vector plan. */
#ifndef ASM_X86_64_X86_H
#define ASM_X86_64_X86_H

/* GDT layout (traps.c builds it; head.S uses the same two kernel slots). */
#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_USER_DS	0x1b	/* slot 3, RPL 3 */
#define GDT_USER_CS	0x23	/* slot 4, RPL 3 */
#define GDT_TSS		0x28	/* slots 5-6: a 16-byte system descriptor */

/*
 * Vector plan: 0-31 CPU exceptions; 0x20-0x2f the legacy PICs, remapped
 * there only so that a stray PIC interrupt cannot pose as an exception;
 * IOAPIC pin n at IRQ_VECTOR_BASE + n (n is also the generic irq number);
 * then the message-signalled interrupts (arch_msi_alloc), the generic irq
 * number again vector - IRQ_VECTOR_BASE; the local APIC timer, the IPI
 * and spurious vectors at the top.
 */
#define PIC_VECTOR_BASE		0x20
#define IRQ_VECTOR_BASE		0x40
#define NR_IOAPIC_IRQS		24
#define MSI_VECTOR_BASE		(IRQ_VECTOR_BASE + NR_IOAPIC_IRQS)
#define NR_MSI_IRQS		(TIMER_VECTOR - MSI_VECTOR_BASE)
#define TIMER_VECTOR		0xf0
#define IPI_VECTOR		0xf1	/* smp_ipi_interrupt() */
#define SPURIOUS_VECTOR		0xff

/* CR0, CR4, EFER and RFLAGS bits the kernel sets or tests. */
#define X86_CR0_MP	(1UL << 1)	/* wait/fwait honour TS */
#define X86_CR0_EM	(1UL << 2)	/* no FPU: x87 and SSE trap */
#define X86_CR0_TS	(1UL << 3)	/* FP use traps (#NM) */
#define X86_CR0_NE	(1UL << 5)	/* x87 errors as #MF, not IRQ 13 */
#define X86_CR0_WP	(1UL << 16)
#define X86_CR0_AM	(1UL << 18)	/* EFLAGS.AC checks ring-3 alignment */
#define X86_CR4_PGE	(1UL << 7)
#define X86_CR4_OSFXSR	(1UL << 9)	/* fxsave/fxrstor, SSE usable */
#define X86_CR4_OSXMMEXCPT (1UL << 10)	/* SSE exceptions as #XM */
#define X86_CR4_SMEP	(1UL << 20)
#define X86_CR4_SMAP	(1UL << 21)
#define EFER_SCE	(1UL << 0)	/* SYSCALL/SYSRET enabled */

#define X86_EFLAGS_CF	0x1
#define X86_EFLAGS_FIXED 0x2		/* bit 1 always reads as 1 */
#define X86_EFLAGS_PF	0x4
#define X86_EFLAGS_AF	0x10
#define X86_EFLAGS_ZF	0x40
#define X86_EFLAGS_SF	0x80
#define X86_EFLAGS_TF	0x100
#define X86_EFLAGS_DF	0x400
#define X86_EFLAGS_OF	0x800
#define X86_EFLAGS_IOPL	0x3000
#define X86_EFLAGS_NT	0x4000
#define X86_EFLAGS_RF	0x10000

/* The PC's first serial port (head.S prints boot failures there). */
#define COM1_PORT	0x3f8

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081	/* SYSCALL/SYSRET selectors */
#define MSR_LSTAR		0xc0000082	/* 64-bit SYSCALL entry */
#define MSR_CSTAR		0xc0000083	/* compat-mode SYSCALL entry */
#define MSR_SYSCALL_MASK	0xc0000084	/* RFLAGS bits SYSCALL clears */
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101	/* the kernel's: struct cpu */
#define MSR_KERNEL_GS_BASE	0xc0000102	/* the user's, in the kernel */
#define MSR_IA32_APIC_BASE	0x1b

#ifndef __ASSEMBLY__
#include <types.h>
#include <compiler.h>
#include <asm/ptrace.h>

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v),
			     "d"((u32)(v >> 32)) : "memory");
}

static inline void cpuid(u32 leaf, u32 subleaf, u32 *a, u32 *b, u32 *c,
			 u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(subleaf));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* Saved by head.S: the boot protocol's magic and info pointer. */
extern u32 x86_boot_magic;
extern u32 x86_boot_info;

/* CPU features found at boot (traps.c); SMAP decides whether
 * arch_copy_user needs stac/clac. */
extern bool x86_has_smap;

/* apic.c: the local APIC, mapped by arch_irq_init(); lapic_cpu_init()
 * enables this CPU's; lapic_send_ipi() writes the ICR and waits until the
 * APIC has sent it (false: it never did). */
extern void *lapic;
u32 lapic_read(unsigned int reg);
void lapic_write(unsigned int reg, u32 val);
void lapic_eoi(void);
u32 lapic_self_id(void);
void lapic_cpu_init(void);
bool lapic_send_ipi(u32 apic_id, u32 icr_low);

/* acpi.c: the firmware's tables, read while the boot map still covers
 * them (arch_discover_boot_info); what the MADT lists is kept, and the
 * MCFG's ECAM windows for arch_pci_ecam(). */
#define ACPI_MAX_CPUS	64
#define ACPI_MAX_ECAM	4
void acpi_init(phys_addr_t rsdp_hint);
extern unsigned int acpi_nr_cpus;
extern u32 acpi_cpu_apic_id[ACPI_MAX_CPUS];

/* timer.c: the tick; x86_lapic_timer_start() programs this CPU's LAPIC
 * timer at hz from the boot CPU's calibration. */
void x86_timer_interrupt(void);
void x86_lapic_timer_start(unsigned int hz);

/* fault.c: the #PF front end. */
void x86_page_fault(struct pt_regs *regs);

/* traps.c: the C side of entry.S, and the stack ring-3 entries use. */
void x86_do_trap(struct pt_regs *regs);
void x86_set_kernel_stack(unsigned long top);
/* This CPU's own tables, features and MSRs (every CPU, before any trap). */
struct cpu;
void x86_cpu_init(struct cpu *cpu);
/* Last steps before any return to user mode (interrupts off). */
void x86_exit_to_user(struct pt_regs *regs);

/* The C side of the SYSCALL entry; true when sysretq may return. */
bool x86_syscall(struct pt_regs *regs);

/* entry.S */
extern char x86_syscall_entry[];
void __noreturn x86_iret_to(struct pt_regs *regs);

/* process.c: the FP/SSE unit (CR0/CR4 bits, the MXCSR mask), and the
 * user FP state of current: reset an image, save the live registers to
 * current->thread.fx, load them from it. */
struct x86_fxstate;
void x86_fpu_init(void);
void x86_fpu_reset_state(struct x86_fxstate *fx);
void x86_fpu_save_current(void);
void x86_fpu_load_current(void);
void __noreturn x86_task_returned(void);

/* board-virt.c: where the QEMU q35 devices are. */
struct x86_board {
	u16 uart_port;
	unsigned int uart_irq;		/* IOAPIC pin */
	phys_addr_t lapic_base;
	phys_addr_t ioapic_base;
};
extern const struct x86_board x86_board;
#endif

#endif
