/*
 * x86_64 descriptor tables and the trap dispatcher: a GDT with a TSS (whose
 * IST1 stack takes #DF and NMI, so a blown kernel stack still oopses), the
 * 256-gate IDT pointing at entry.S's stubs, and x86_do_trap(), which sends
 * interrupts to the timer or the IOAPIC handlers and turns every unexpected
 * exception into an oops with the cause in words.
 */
#include <arch.h>
#include <irq.h>
#include <oops.h>
#include <printk.h>
#include <asm/x86.h>

_Static_assert(offsetof(struct pt_regs, vector) == PT_VECTOR, "PT_VECTOR");
_Static_assert(offsetof(struct pt_regs, error_code) == PT_ERROR_CODE, "PT_ERR");
_Static_assert(offsetof(struct pt_regs, rip) == PT_RIP, "PT_RIP");
_Static_assert(offsetof(struct pt_regs, cs) == PT_CS, "PT_CS");
_Static_assert(offsetof(struct pt_regs, rflags) == PT_RFLAGS, "PT_RFLAGS");
_Static_assert(offsetof(struct pt_regs, rsp) == PT_RSP, "PT_RSP");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "PT_REGS_SIZE");

/* Each stub is 16 bytes; stub n is at x86_trap_stubs + 16 * n. */
extern char x86_trap_stubs[];

struct tss {
	u32 reserved0;
	u64 rsp[3];		/* stacks for entry from rings 0-2 */
	u64 reserved1;
	u64 ist[7];		/* IST1..IST7 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

#define IST_STACK_SIZE	8192
#define GATE_INTERRUPT	0x8e	/* present, DPL 0, 64-bit interrupt gate */

static struct tss tss __aligned(16);
static u64 gdt[7] __aligned(16);
static struct idt_gate idt[256] __aligned(16);
static u8 ist1_stack[IST_STACK_SIZE] __aligned(16);

bool x86_has_smap;

static void gdt_init(void)
{
	u64 base = (u64)&tss, limit = sizeof(tss) - 1;
	struct desc_ptr p = { sizeof(gdt) - 1, (u64)gdt };

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffULL;	/* kernel code, 64-bit */
	gdt[2] = 0x00cf92000000ffffULL;	/* kernel data */
	gdt[3] = 0x00cff2000000ffffULL;	/* user data (DPL 3) */
	gdt[4] = 0x00affa000000ffffULL;	/* user code, 64-bit (DPL 3) */
	/* Available 64-bit TSS: a 16-byte descriptor over slots 5 and 6. */
	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;

	tss.ist[0] = (u64)(ist1_stack + IST_STACK_SIZE);
	tss.iomap_base = sizeof(tss);	/* no I/O permission bitmap */

	/* Reload CS with a far return, the data segments, then the TSS. */
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3"
		: : "m"(p), "i"(GDT_KERNEL_CS), "i"(GDT_KERNEL_DS),
		    "r"(GDT_TSS) : "rax", "memory");
}

static void set_gate(unsigned int vec, unsigned int ist)
{
	u64 addr = (u64)(x86_trap_stubs + 16 * vec);

	idt[vec] = (struct idt_gate){
		.offset_low = addr & 0xffff,
		.selector = GDT_KERNEL_CS,
		.ist = ist,
		.type_attr = GATE_INTERRUPT,
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_high = addr >> 32,
	};
}

/* SMEP and SMAP: the kernel may neither run user pages nor touch them
 * outside arch_copy_user(). Both are optional; use what the CPU has. */
static void cpu_features_init(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	if (b & (1U << 7))
		write_cr4(read_cr4() | X86_CR4_SMEP);
	if (b & (1U << 20)) {
		write_cr4(read_cr4() | X86_CR4_SMAP);
		x86_has_smap = true;
	}
}

void arch_trap_init(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u64)idt };
	unsigned int vec;

	gdt_init();
	for (vec = 0; vec < 256; vec++)
		set_gate(vec, (vec == 2 || vec == 8 || vec == 18) ? 1 : 0);
	__asm__ __volatile__("lidt %0" : : "m"(p) : "memory");
	cpu_features_init();
}

static const char *const exception_names[32] = {
	[0] = "#DE divide error",
	[1] = "#DB debug",
	[2] = "NMI non-maskable interrupt",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR bound range exceeded",
	[6] = "#UD invalid opcode",
	[7] = "#NM device not available (FPU/SSE used in the kernel?)",
	[8] = "#DF double fault",
	[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack-segment fault",
	[13] = "#GP general protection",
	[14] = "#PF page fault",
	[16] = "#MF x87 floating-point error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD floating-point error",
	[20] = "#VE virtualization exception",
	[21] = "#CP control protection",
	[28] = "#HV hypervisor injection",
	[29] = "#VC VMM communication",
	[30] = "#SX security exception",
};

static void __noreturn bad_exception(struct pt_regs *regs)
{
	static char cause[96];
	unsigned long vec = regs->vector;
	const char *name = exception_names[vec];

	if (!name)
		snprintf(cause, sizeof(cause), "reserved exception %lu", vec);
	else if ((vec == 13 || vec == 10 || vec == 11 || vec == 12) &&
		 regs->error_code)
		snprintf(cause, sizeof(cause), "%s (selector %#llx)", name,
			 regs->error_code);
	else
		snprintf(cause, sizeof(cause), "%s", name);
	/* A #DF usually escalates a #PF (a blown stack): CR2 still names its
	 * address. Other exceptions have none; report the pc. */
	die(cause, regs, vec == 8 ? read_cr2() : regs->rip);
}

void x86_do_trap(struct pt_regs *regs)
{
	unsigned long vec = regs->vector;

	if (vec == 14) {
		x86_page_fault(regs);
	} else if (vec < 32) {
		bad_exception(regs);
	} else if (vec == TIMER_VECTOR) {
		x86_timer_interrupt();
		lapic_eoi();
	} else if (vec >= IRQ_VECTOR_BASE &&
		   vec < IRQ_VECTOR_BASE + NR_IOAPIC_IRQS) {
		handle_irq(vec - IRQ_VECTOR_BASE);
		lapic_eoi();
	} else if (vec == SPURIOUS_VECTOR ||
		   (vec >= PIC_VECTOR_BASE && vec < PIC_VECTOR_BASE + 16)) {
		/* Spurious (LAPIC) or a masked PIC's IRQ 7/15: no EOI. */
	} else {
		static char what[48];

		snprintf(what, sizeof(what), "unexpected interrupt vector %#lx",
			 vec);
		die(what, regs, 0);
	}
}

void arch_show_regs(const struct pt_regs *regs)
{
	printk("  RIP: %04llx:%016llx RFLAGS: %08llx\n", regs->cs, regs->rip,
	       regs->rflags);
	printk("  RSP: %04llx:%016llx vector %llu error code %#llx\n",
	       regs->ss, regs->rsp, regs->vector, regs->error_code);
	printk("  RAX: %016llx RBX: %016llx RCX: %016llx\n", regs->rax,
	       regs->rbx, regs->rcx);
	printk("  RDX: %016llx RSI: %016llx RDI: %016llx\n", regs->rdx,
	       regs->rsi, regs->rdi);
	printk("  RBP: %016llx R08: %016llx R09: %016llx\n", regs->rbp,
	       regs->r8, regs->r9);
	printk("  R10: %016llx R11: %016llx R12: %016llx\n", regs->r10,
	       regs->r11, regs->r12);
	printk("  R13: %016llx R14: %016llx R15: %016llx\n", regs->r13,
	       regs->r14, regs->r15);
	printk("  CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}
