/*
 * x86_64 process hooks: a new task's first context, the switch between
 * tasks (kernel stack for ring-3 entries, FS/GS bases, FP/SSE registers),
 * the registers of a fresh exec and of a fork child, and arch_prctl.
 */
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <printk.h>
#include <asm/memory.h>
#include <asm/x86.h>

_Static_assert(offsetof(struct arch_context, rbx) == CTX_RBX, "CTX_RBX");
_Static_assert(offsetof(struct arch_context, rbp) == CTX_RBP, "CTX_RBP");
_Static_assert(offsetof(struct arch_context, r12) == CTX_R12, "CTX_R12");
_Static_assert(offsetof(struct arch_context, r13) == CTX_R13, "CTX_R13");
_Static_assert(offsetof(struct arch_context, r14) == CTX_R14, "CTX_R14");
_Static_assert(offsetof(struct arch_context, r15) == CTX_R15, "CTX_R15");
_Static_assert(offsetof(struct arch_context, rsp) == CTX_RSP, "CTX_RSP");
_Static_assert(offsetof(struct arch_context, rip) == CTX_RIP, "CTX_RIP");
_Static_assert(sizeof(struct x86_fxstate) == 512, "FXSAVE image size");

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

#define FCW_DEFAULT	0x037f	/* all x87 exceptions masked, 64-bit, round */
#define MXCSR_DEFAULT	0x1f80	/* all SSE exceptions masked, round */

void x86_switch_to(struct arch_context *prev, struct arch_context *next);
extern char x86_task_start[];

/* The MXCSR bits this CPU accepts; fxrstor faults on any other. */
u32 x86_mxcsr_mask;

static inline void fxsave(struct x86_fxstate *fx)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(*fx));
}

static inline void fxrstor(const struct x86_fxstate *fx)
{
	__asm__ __volatile__("fxrstor64 %0" : : "m"(*fx));
}

/*
 * CR0: MP set and EM, TS clear, so x87/MMX/SSE instructions run without
 * trapping; NE for #MF error reporting; AM so that a user EFLAGS.AC asks
 * for alignment checks (#AC), as on Linux. CR4: OSFXSR enables
 * fxsave/fxrstor and SSE, OSXMMEXCPT reports SSE errors as #XM. Only user
 * code uses the unit: the kernel is built without FP/SSE.
 */
void x86_fpu_init(void)
{
	struct x86_fxstate probe;	/* on the stack: each CPU has one */

	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP |
		  X86_CR0_NE | X86_CR0_AM);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit");
	memset(&probe, 0, sizeof(probe));
	fxsave(&probe);
	/* 0 in the image means the architectural default, 0xffbf. */
	x86_mxcsr_mask = probe.mxcsr_mask ? probe.mxcsr_mask : 0xffbf;
}

/* The state of a fresh process (and of a signal handler's entry):
 * everything zero, default control words, every x87 register empty. */
void x86_fpu_reset_state(struct x86_fxstate *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->fcw = FCW_DEFAULT;
	fx->mxcsr = MXCSR_DEFAULT;
}

/* Write the live FP registers of current into its arch_thread. */
void x86_fpu_save_current(void)
{
	fxsave(&current->thread.fx);
	memset(current->thread.fx.sw_reserved, 0,
	       sizeof(current->thread.fx.sw_reserved));
	current->thread.fx_valid = true;
}

/* Make current's arch_thread image the live FP registers. */
void x86_fpu_load_current(void)
{
	current->thread.fx.mxcsr &= x86_mxcsr_mask;
	fxrstor(&current->thread.fx);
	current->thread.fx_valid = true;
}

void arch_context_init(struct task *t)
{
	/* Just below pt_regs, 16-byte aligned: x86_task_start then calls
	 * task_first_run with the ABI's stack alignment. */
	unsigned long sp = (unsigned long)task_pt_regs(t) & ~15UL;

	memset(&t->context, 0, sizeof(t->context));
	t->context.rsp = sp;
	t->context.rip = (u64)x86_task_start;
	if (!t->thread.fx_valid) {
		x86_fpu_reset_state(&t->thread.fx);
		t->thread.fx_valid = true;
	}
}

void __noreturn x86_task_returned(void)
{
	panic("x86_64: task_first_run() returned in task %d", current->pid);
}

/*
 * Kernel threads never touch FP, FS or the user's GS base, so only tasks
 * with a user address space have state to save and load here; a kernel thread just
 * leaves the previous user task's values in the CPU. An exiting task whose
 * mm is already gone has nothing left worth saving.
 */
void arch_context_switch(struct task *prev, struct task *next)
{
	if (prev->mm) {
		fxsave(&prev->thread.fx);
		prev->thread.fx_valid = true;
		prev->thread.fs_base = rdmsr(MSR_FS_BASE);
		prev->thread.gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	}
	if (next->mm) {
		next->thread.fx.mxcsr &= x86_mxcsr_mask;
		fxrstor(&next->thread.fx);
		wrmsr(MSR_FS_BASE, next->thread.fs_base);
		wrmsr(MSR_KERNEL_GS_BASE, next->thread.gs_base);
	}
	if (next->kstack)
		x86_set_kernel_stack((unsigned long)next->kstack + KSTACK_SIZE);
	x86_switch_to(&prev->context, &next->context);
}

void arch_start_user(struct pt_regs *regs, unsigned long pc,
		     unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->rip = pc;
	regs->rsp = sp;
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	regs->rflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	regs->orig_rax = -1UL;
	if (regs != current_pt_regs())
		return;
	/* No TLS, clean FP/SSE registers, as Linux gives a new program. */
	current->thread.fs_base = 0;
	current->thread.gs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	x86_fpu_reset_state(&current->thread.fx);
	x86_fpu_load_current();
}

void arch_copy_thread(struct task *child, struct task *parent,
		      unsigned long newsp, bool set_tls, unsigned long tls)
{
	struct pt_regs *regs = task_pt_regs(child);

	/* The parent's user state is still in the CPU, not in its
	 * arch_thread: take it from there. */
	if (parent == current) {
		fxsave(&child->thread.fx);
		child->thread.fx_valid = true;
		child->thread.fs_base = rdmsr(MSR_FS_BASE);
		child->thread.gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	}
	regs->rax = 0;			/* the child's fork/clone returns 0 */
	if (newsp)
		regs->rsp = newsp;
	if (set_tls)
		child->thread.fs_base = tls;	/* clone's tls: the FS base */
}

void __noreturn arch_return_to_user(struct pt_regs *regs)
{
	arch_irq_disable();
	/* Also right for a task that never switched in (exec from the boot
	 * context): regs is the top of its kernel stack. */
	x86_set_kernel_stack((unsigned long)(regs + 1));
	/* The caller has done the exit work (exit_to_user_mode(), which
	 * also dropped the big kernel lock): only the return is left. */
	x86_iret_to(regs);
}

/*
 * arch_prctl: the FS and GS bases. As on Linux, a base at or above
 * TASK_SIZE (a kernel or non-canonical address) is EPERM (entry.S relies
 * on it: a user GS base is never negative). The kernel does not use FS,
 * so that base is live at once; the user's GS base waits in
 * MSR_KERNEL_GS_BASE for the swapgs on the way out.
 */
long sys_arch_prctl(int code, unsigned long addr)
{
	unsigned long base;

	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		if (code == ARCH_SET_FS) {
			current->thread.fs_base = addr;
			wrmsr(MSR_FS_BASE, addr);
		} else {
			current->thread.gs_base = addr;
			wrmsr(MSR_KERNEL_GS_BASE, addr);
		}
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		base = rdmsr(code == ARCH_GET_FS ? MSR_FS_BASE :
			     MSR_KERNEL_GS_BASE);
		return put_user(base, (unsigned long __user *)addr) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
