/*
 * x86_64 descriptor tables and the trap dispatcher: per CPU, a GDT with
 * ring-3 segments in the order SYSRET needs and a TSS (rsp0: the current
 * task's kernel stack; IST1 takes #DF on the CPU's overflow stack, so a
 * blown kernel stack still oopses; IST2 takes NMI and #MC); one 256-gate
 * IDT for all, pointing at entry.S's stubs; the SYSCALL MSRs; and
 * x86_do_trap(), which sends interrupts to the timer, the IPI or the
 * device (IOAPIC and MSI) handlers, turns exceptions from user mode into signals and every
 * unexpected kernel exception into an oops with the cause in words.
 */
#include <arch.h>
#include <fault.h>
#include <irq.h>
#include <oops.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <kernel_map.h>
#include <page.h>
#include <bkl.h>
#include <smp.h>
#include <asm/x86.h>

_Static_assert(offsetof(struct pt_regs, r11) == PT_R11, "PT_R11");
_Static_assert(offsetof(struct pt_regs, rax) == PT_RAX, "PT_RAX");
_Static_assert(offsetof(struct pt_regs, rcx) == PT_RCX, "PT_RCX");
_Static_assert(offsetof(struct pt_regs, orig_rax) == PT_ORIG_RAX, "PT_ORIG");
_Static_assert(offsetof(struct pt_regs, vector) == PT_VECTOR, "PT_VECTOR");
_Static_assert(offsetof(struct pt_regs, error_code) == PT_ERROR_CODE, "PT_ERR");
_Static_assert(offsetof(struct pt_regs, rip) == PT_RIP, "PT_RIP");
_Static_assert(offsetof(struct pt_regs, cs) == PT_CS, "PT_CS");
_Static_assert(offsetof(struct pt_regs, rflags) == PT_RFLAGS, "PT_RFLAGS");
_Static_assert(offsetof(struct pt_regs, rsp) == PT_RSP, "PT_RSP");
_Static_assert(offsetof(struct pt_regs, ss) == PT_SS, "PT_SS");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "PT_REGS_SIZE");

/* Each stub is 16 bytes; stub n is at x86_trap_stubs + 16 * n. */
extern char x86_trap_stubs[];

struct x86_tss {
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
#define GATE_DPL3	0x60	/* ... which int n may name from ring 3 */

/* What SYSCALL clears in RFLAGS: interrupts stay off until the entry is on
 * the kernel stack; DF and AC as the kernel's C code wants them; no single
 * stepping or nested-task return into the entry code. */
#define SYSCALL_RFLAGS_MASK (X86_EFLAGS_IF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
			     X86_EFLAGS_AC | X86_EFLAGS_NT | X86_EFLAGS_IOPL)

/* What each CPU loads for itself: its GDT (the TSS descriptor names its
 * own TSS) and TSS. Indexed by logical CPU number. */
struct cpu_tables {
	u64 gdt[7];
	struct x86_tss tss;
} __aligned(16);

static struct cpu_tables cpu_tables[NR_CPUS];
static struct idt_gate idt[256] __aligned(16);
/* The boot CPU's NMI/#MC stack; the others get one from kstack_alloc()
 * (smp.c). Its #DF stack is the generic kstack_overflow_stack. */
static u8 nmi_mc_stack[IST_STACK_SIZE] __aligned(16);

/* The IST slots (1-based in the gates): a #DF always gets a fresh stack of
 * its own, NMI and #MC share another (neither is expected to nest). */
#define IST_DF		1
#define IST_NMI_MC	2

bool x86_has_smap;

static void gdt_init(struct cpu *cpu)
{
	struct cpu_tables *t = &cpu_tables[cpu->id];
	u64 *gdt = t->gdt;
	u64 base = (u64)&t->tss, limit = sizeof(t->tss) - 1;
	struct desc_ptr p = { sizeof(t->gdt) - 1, (u64)gdt };

	/* SYSCALL loads CS = STAR[47:32] and SS = that + 8; SYSRET loads
	 * SS = STAR[63:48] + 8 and CS = STAR[63:48] + 16: hence kernel code,
	 * kernel data, user data, user code, in this order. */
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

	if (!cpu->arch.df_stack_top) {		/* the boot CPU */
		cpu->arch.df_stack_top =
			(u64)(kstack_overflow_stack + KSTACK_SIZE);
		cpu->arch.nmi_stack_top = (u64)(nmi_mc_stack + IST_STACK_SIZE);
	}
	cpu->arch.tss = &t->tss;
	t->tss.ist[IST_DF - 1] = cpu->arch.df_stack_top;
	t->tss.ist[IST_NMI_MC - 1] = cpu->arch.nmi_stack_top;
	t->tss.iomap_base = sizeof(t->tss);	/* no I/O permission bitmap */

	/* Reload CS with a far return, the data segments, then the TSS.
	 * GS and FS keep their bases: a selector load would zero the GS
	 * base, which is this CPU's struct cpu by now. */
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

/* The stack a trap or system call from ring 3 starts on: the top of the
 * current task's kernel stack, where its pt_regs live. */
void x86_set_kernel_stack(unsigned long top)
{
	struct cpu *cpu = this_cpu();

	cpu->arch.tss->rsp[0] = top;
	cpu->arch.kernel_stack_top = top;
}

static void set_gate(unsigned int vec, unsigned int ist)
{
	u64 addr = (u64)(x86_trap_stubs + 16 * vec);
	/* int3 and into are meant for user code (debuggers, overflow
	 * checks): their gates accept a software interrupt from ring 3. */
	u8 dpl = (vec == 3 || vec == 4) ? GATE_DPL3 : 0;

	idt[vec] = (struct idt_gate){
		.offset_low = addr & 0xffff,
		.selector = GDT_KERNEL_CS,
		.ist = ist,
		.type_attr = GATE_INTERRUPT | dpl,
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

/* SYSCALL/SYSRET: the selectors (see gdt_init), the entry point, and the
 * RFLAGS bits masked on entry. No compat mode: there is no 32-bit user code
 * segment, so CSTAR is never used. */
static void syscall_init(void)
{
	wrmsr(MSR_STAR, ((u64)(GDT_USER_DS - 8 - 3) << 48) |
			((u64)GDT_KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)x86_syscall_entry);
	wrmsr(MSR_CSTAR, 0);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static void idt_init(void)
{
	unsigned int vec;

	for (vec = 0; vec < 256; vec++)
		set_gate(vec, vec == 8 ? IST_DF :
			      (vec == 2 || vec == 18) ? IST_NMI_MC : 0);
}

/*
 * Everything a CPU sets up for itself before it may take a trap: its
 * descriptor tables, the shared IDT, the CR4 features, the FP unit and
 * the SYSCALL MSRs. The boot CPU runs it from arch_trap_init(), every
 * other CPU first thing on its own stack (smp.c), so they all end up in
 * the same state. The user's GS base starts at 0 (swapgs swaps it in).
 */
void x86_cpu_init(struct cpu *cpu)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u64)idt };

	gdt_init(cpu);
	__asm__ __volatile__("lidt %0" : : "m"(p) : "memory");
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	cpu_features_init();
	x86_fpu_init();
	syscall_init();
}

void arch_trap_init(void)
{
	idt_init();
	x86_cpu_init(this_cpu());
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

extern char boot_stack_guard[];

static bool in_stack_guard(unsigned long addr)
{
	unsigned long boot_guard = (unsigned long)boot_stack_guard;

	return kstack_guard_hit(addr) ||
	       (addr >= boot_guard && addr < boot_guard + PAGE_SIZE);
}

/*
 * A #PF the CPU cannot deliver because pushing its frame faults too: the
 * kernel stack ran into its guard, and the #DF came on its own IST stack
 * (the overflow stack). CR2 holds the address of the push that failed;
 * the saved rsp may still be just above the guard.
 */
static bool df_stack_overflow(struct pt_regs *regs)
{
	return in_stack_guard(read_cr2()) || in_stack_guard(regs->rsp) ||
	       in_stack_guard(regs->rsp - 8);
}

static void __noreturn bad_exception(struct pt_regs *regs)
{
	static char cause[96];
	unsigned long vec = regs->vector;
	const char *name = exception_names[vec];

	if (vec == 8 && df_stack_overflow(regs))
		kstack_overflow(regs, read_cr2());
	if (!name)
		snprintf(cause, sizeof(cause), "reserved exception %lu", vec);
	else if ((vec == 13 || vec == 10 || vec == 11 || vec == 12) &&
		 regs->error_code)
		snprintf(cause, sizeof(cause), "%s (selector %#llx)", name,
			 regs->error_code);
	else
		snprintf(cause, sizeof(cause), "%s", name);
	/* A #DF escalates a fault that could not be delivered (a blown
	 * stack is handled above): CR2 may still name its address. Other
	 * exceptions have none; report the pc. NMI, #DF and machine checks
	 * are nobody's doing: they stop the machine. */
	if (vec == 2 || vec == 8 || vec == 18)
		die_fatal(cause, regs, vec == 8 ? read_cr2() : regs->rip);
	die(cause, regs, regs->rip);
}

/* The si_code of an x87 (#MF) or SSE (#XM) error: the first unmasked
 * exception flag, in Linux's order of precedence. */
static int fpu_si_code(unsigned int status, unsigned int masks)
{
	unsigned int pending = status & ~masks;

	if (pending & 0x01)		/* invalid operation */
		return FPE_FLTINV;
	if (pending & 0x04)		/* zero divide */
		return FPE_FLTDIV;
	if (pending & 0x08)		/* overflow */
		return FPE_FLTOVF;
	if (pending & 0x12)		/* underflow, denormal */
		return FPE_FLTUND;
	if (pending & 0x20)		/* precision */
		return FPE_FLTRES;
	return 0;
}

static int fpu_error_code(unsigned long vec)
{
	u16 fsw, fcw;
	u32 mxcsr;

	if (vec == 16) {
		__asm__ __volatile__("fnstsw %0\n\tfnstcw %1"
				     : "=m"(fsw), "=m"(fcw));
		return fpu_si_code(fsw, fcw & 0x3f);
	}
	__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
	return fpu_si_code(mxcsr & 0x3f, (mxcsr >> 7) & 0x3f);
}

/*
 * An exception in user mode is the program's own doing: it becomes a
 * signal to current, as Linux x86_64 sends it (arch/x86/kernel/traps.c):
 * faults that name an instruction give its address, the others (#GP, #NP,
 * #SS, int3, ...) are SI_KERNEL with no address. Returns false for what
 * stays fatal to the kernel (NMI, #DF, #MC).
 */
static bool user_exception(struct pt_regs *regs)
{
	unsigned long vec = regs->vector;
	int sig, code = SI_KERNEL;
	unsigned long addr = 0;

	switch (vec) {
	case 0:			/* #DE: idiv/div by zero or overflow */
		sig = SIGFPE, code = FPE_INTDIV, addr = regs->rip;
		break;
	case 1:			/* #DB: a user-set TF single step */
		sig = SIGTRAP, code = TRAP_TRACE, addr = regs->rip;
		break;
	case 3:			/* #BP: int3 */
	case 4:			/* #OF: into */
		sig = vec == 3 ? SIGTRAP : SIGSEGV;
		break;
	case 5:			/* #BR */
	case 10:		/* #TS */
	case 13:		/* #GP: privileged instruction, bad selector, ... */
		sig = SIGSEGV;
		break;
	case 6:			/* #UD */
		sig = SIGILL, code = ILL_ILLOPN, addr = regs->rip;
		break;
	case 7:			/* #NM: cannot happen with CR0.TS/EM clear */
	case 9:
		sig = SIGFPE;
		break;
	case 11:		/* #NP */
	case 12:		/* #SS: non-canonical stack address */
		sig = SIGBUS;
		break;
	case 16:		/* #MF: x87 error */
	case 19:		/* #XM: SSE error */
		code = fpu_error_code(vec);
		if (!code)
			return true;	/* spurious: nothing unmasked */
		sig = SIGFPE, addr = regs->rip;
		break;
	case 17:		/* #AC: EFLAGS.AC and a misaligned access */
		sig = SIGBUS, code = BUS_ADRALN;
		break;
	case 2:			/* NMI */
	case 8:			/* #DF */
	case 18:		/* #MC */
		return false;
	default:
		sig = SIGSEGV;
		break;
	}
	force_sig_fault(sig, code, addr, 0);
	return true;
}

/* A user rip that iretq can load: canonical (a non-canonical one would
 * fault in the kernel, on the iretq itself). */
static bool user_rip_ok(unsigned long rip)
{
	return (unsigned long)((long)(rip << 16) >> 16) == rip;
}

/*
 * Generic exit work (rescheduling, signal frames), then one check the
 * generic code cannot know: a return address the iretq could not load
 * (sigreturn or a handler address can put anything there) gets SIGSEGV
 * instead, delivered with its handler reset, as Linux's bad-iret path and
 * force_sigsegv do. Interrupts are off.
 */
void x86_exit_to_user(struct pt_regs *regs)
{
	for (;;) {
		exit_to_user_mode(regs);	/* drops the BKL */
		if (user_rip_ok(regs->rip))
			return;
		enter_from_user_mode();		/* ... so take it again */
		force_sig_fault(SIGSEGV, SI_KERNEL, 0, 0);
		if (current->sighand)
			current->sighand->action[SIGSEGV - 1].handler =
				SIG_DFL_HANDLER;
	}
}

/*
 * The C side of the SYSCALL entry: run the call, do the exit work, and say
 * whether sysretq may return (entry.S uses iretq otherwise). sysretq loads
 * rip from rcx and rflags from r11, cannot restore RF, and raises a #DB
 * right after when TF is set; with a non-canonical rcx it would #GP in ring
 * 0 on the user stack. So only the plain case takes it: the registers as a
 * normal system call leaves them.
 */
bool x86_syscall(struct pt_regs *regs)
{
	enter_from_user_mode();		/* interrupts still off (FMASK) */
	syscall_dispatch(regs);
	arch_irq_disable();
	x86_exit_to_user(regs);
	return regs->rcx == regs->rip && regs->r11 == regs->rflags &&
	       regs->rip < (1UL << 47) && regs->cs == GDT_USER_CS &&
	       regs->ss == GDT_USER_DS &&
	       !(regs->rflags & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}

void x86_do_trap(struct pt_regs *regs)
{
	unsigned long vec = regs->vector;
	bool user = regs_user_mode(regs);

	/* An exception from user mode takes the BKL first (include/bkl.h),
	 * but a page fault, which runs without it (mm/fault.c); so does an
	 * interrupt, whose handler takes it if it needs it (handle_irq, the
	 * boot CPU's tick; an IPI never). x86_exit_to_user() drops it. */
	if (user && vec < 32 && vec != 14)
		enter_from_user_mode();
	/* The IPI runs outside irq_enter() and takes no lock itself: the
	 * CPU holding the BKL may be waiting for this one's answer. */
	if (vec == IPI_VECTOR) {
		smp_ipi_interrupt();
		lapic_eoi();
		goto out;
	}

	/* What Linux keeps for the signal frame's sigcontext. */
	if (user && vec < 32) {
		current->thread.trap_nr = vec;
		current->thread.error_code = regs->error_code;
		if (vec == 14)
			current->thread.cr2 = read_cr2();
	}

	if (vec >= 32)
		irq_enter(regs);
	if (vec == 14) {
		x86_page_fault(regs);
	} else if (vec < 32) {
		if (!user || !user_exception(regs))
			bad_exception(regs);
	} else if (vec == TIMER_VECTOR) {
		x86_timer_interrupt();
		lapic_eoi();
	} else if (vec >= IRQ_VECTOR_BASE &&
		   vec < MSI_VECTOR_BASE + NR_MSI_IRQS) {
		/* An IOAPIC pin or an MSI: both end with the LAPIC's EOI. */
		handle_irq(vec - IRQ_VECTOR_BASE);
		lapic_eoi();
	} else if (vec == SPURIOUS_VECTOR ||
		   (vec >= PIC_VECTOR_BASE && vec < PIC_VECTOR_BASE + 16)) {
		/* Spurious (LAPIC) or a masked PIC's IRQ 7/15: no EOI. */
	} else {
		static char what[48];

		snprintf(what, sizeof(what), "unexpected interrupt vector %#lx",
			 vec);
		die_fatal(what, regs, 0);
	}
	if (vec >= 32)
		irq_exit();
out:
	if (user) {
		arch_irq_disable();
		x86_exit_to_user(regs);
	}
}

void arch_show_regs(const struct pt_regs *regs)
{
	printk("  RIP: %04llx:%016llx RFLAGS: %08llx\n", regs->cs, regs->rip,
	       regs->rflags);
	printk("  RSP: %04llx:%016llx vector %lld error code %#llx orig_rax %lld\n",
	       regs->ss, regs->rsp, (long long)regs->vector, regs->error_code,
	       (long long)regs->orig_rax);
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
