/*
 * The x86_64 Linux rt signal frame: written below the user stack when a
 * handler runs, read back by rt_sigreturn. The layout is the Linux ABI
 * (struct rt_sigframe: the return address, a ucontext, a siginfo, then the
 * FXSAVE image the sigcontext points to), so glibc's and gdb's view of it
 * holds.
 */
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/errno.h>
#include <asm/x86.h>

#define UC_SIGCONTEXT_SS	0x2	/* sigcontext.ss is meaningful */
#define UC_STRICT_RESTORE_SS	0x4	/* ... and sigreturn restores it */
#define RED_ZONE_SIZE		128	/* the SysV ABI's, below rsp */

/* rt_sigreturn takes only these flags from the frame: the arithmetic
 * flags, direction, trap, alignment check and resume. Never IF or IOPL. */
#define USER_RFLAGS_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
			  X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | \
			  X86_EFLAGS_DF | X86_EFLAGS_OF | X86_EFLAGS_AC | \
			  X86_EFLAGS_RF)

/* struct sigcontext (uapi asm/sigcontext.h, the x86_64 variant). */
struct x86_sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	u64 eflags;
	u16 cs, gs, fs, ss;
	u64 err;		/* the last user exception's error code */
	u64 trapno;		/* ... its vector */
	u64 oldmask;		/* the first word of the blocked mask */
	u64 cr2;		/* ... and the last page-fault address */
	u64 fpstate;		/* user address of the FXSAVE image, or 0 */
	u64 reserved1[8];
};

struct x86_ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct kernel_stack uc_stack;
	struct x86_sigcontext uc_mcontext;
	kernel_sigset_t uc_sigmask;
};

struct rt_sigframe {
	u64 pretcode;		/* sa_restorer: where the handler returns */
	struct x86_ucontext uc;
	struct kernel_siginfo info;
};

_Static_assert(sizeof(struct kernel_stack) == 24, "stack_t");
_Static_assert(sizeof(struct x86_sigcontext) == 256, "sigcontext");
_Static_assert(offsetof(struct x86_sigcontext, cs) == 144, "sc.cs");
_Static_assert(offsetof(struct x86_sigcontext, fpstate) == 184, "sc.fpstate");
_Static_assert(offsetof(struct x86_ucontext, uc_mcontext) == 40, "uc_mcontext");
_Static_assert(sizeof(struct x86_ucontext) == 304, "ucontext");
_Static_assert(offsetof(struct rt_sigframe, info) == 312, "rt_sigframe.info");
_Static_assert(sizeof(struct kernel_siginfo) == 128, "siginfo");

/* Linux x86_64 always passes sa_restorer (its libcs set SA_RESTORER) and
 * maps no trampoline: there is none here either. */
__asm__(".section .rodata\n"
	".globl arch_sigreturn_trampoline\n"
	".globl arch_sigreturn_trampoline_end\n"
	"arch_sigreturn_trampoline:\n"
	"arch_sigreturn_trampoline_end:\n"
	".previous");

static void save_sigcontext(struct x86_sigcontext *sc,
			    const struct pt_regs *regs, kernel_sigset_t mask,
			    unsigned long fpstate)
{
	sc->r8 = regs->r8;
	sc->r9 = regs->r9;
	sc->r10 = regs->r10;
	sc->r11 = regs->r11;
	sc->r12 = regs->r12;
	sc->r13 = regs->r13;
	sc->r14 = regs->r14;
	sc->r15 = regs->r15;
	sc->rdi = regs->rdi;
	sc->rsi = regs->rsi;
	sc->rbp = regs->rbp;
	sc->rbx = regs->rbx;
	sc->rdx = regs->rdx;
	sc->rax = regs->rax;
	sc->rcx = regs->rcx;
	sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->rflags;
	sc->cs = regs->cs;
	sc->gs = 0;		/* as Linux: the bases are not in the frame */
	sc->fs = 0;
	sc->ss = regs->ss;
	sc->err = current->thread.error_code;
	sc->trapno = current->thread.trap_nr;
	sc->oldmask = mask;
	sc->cr2 = current->thread.cr2;
	sc->fpstate = fpstate;
}

/*
 * Below the interrupted rsp (minus the red zone a leaf function may be
 * using), or from the top of the alternate stack: the FXSAVE image
 * (64-byte aligned, as Linux places its FP frame), then the frame itself,
 * placed so that rsp + 8 is 16-byte aligned at the handler's first
 * instruction, as right after a call.
 */
int arch_setup_signal_frame(struct signal_delivery *d, struct pt_regs *regs)
{
	struct rt_sigframe frame;
	struct x86_fxstate fx;
	bool switched = d->sp != regs->rsp;
	unsigned long sp = d->sp, fp_addr, frame_addr;

	/* Linux x86_64 has no other way back: without a restorer it kills
	 * the process with SIGSEGV, as the caller does on -EFAULT. */
	if (!(d->action.flags & SA_RESTORER))
		return -EFAULT;
	if (!switched)
		sp -= RED_ZONE_SIZE;
	fp_addr = (sp - sizeof(struct x86_fxstate)) & ~63UL;
	frame_addr = ((fp_addr - sizeof(frame)) & ~15UL) - 8;
	if (switched && frame_addr < d->altstack.sp)
		return -EFAULT;		/* the alternate stack is too small */

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = d->action.restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_link = 0;
	frame.uc.uc_stack = d->altstack;
	save_sigcontext(&frame.uc.uc_mcontext, regs, d->saved_mask, fp_addr);
	frame.uc.uc_sigmask = d->saved_mask;
	frame.info = d->info;

	/* The FP registers are live in the CPU: capture them first. */
	x86_fpu_save_current();
	fx = current->thread.fx;
	if (copy_to_user((void __user *)fp_addr, &fx, sizeof(fx)) ||
	    copy_to_user((void __user *)frame_addr, &frame, sizeof(frame)))
		return -EFAULT;

	regs->rdi = d->sig;
	regs->rsi = frame_addr + offsetof(struct rt_sigframe, info);
	regs->rdx = frame_addr + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;		/* no vector registers used: varargs ABI */
	regs->rsp = frame_addr;
	regs->rip = d->action.handler;
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	/* The ABI wants DF clear at a function entry; no single step or
	 * resume flag carried into the handler. */
	regs->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);

	/* The handler starts with clean FP/SSE state, as on Linux. */
	x86_fpu_reset_state(&current->thread.fx);
	x86_fpu_load_current();
	return 0;
}

/*
 * The handler's ret popped pretcode, so the frame starts 8 bytes below the
 * current rsp. Everything in it is user-controlled: take only user-settable
 * flags, force the user segments, and let fxrstor see only MXCSR bits the
 * CPU accepts (x86_fpu_load_current masks them).
 */
int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask)
{
	struct x86_ucontext uc;
	const struct x86_sigcontext *sc = &uc.uc_mcontext;
	struct x86_fxstate fx;
	unsigned long frame_addr = regs->rsp - 8;

	/* Into local copies: a copy may fault and sleep, and a task switch
	 * meanwhile rewrites current->thread.fx from the CPU. */
	if (copy_from_user(&uc, (const void __user *)(frame_addr +
			   offsetof(struct rt_sigframe, uc)), sizeof(uc)))
		return -EFAULT;
	if (sc->fpstate) {
		if (copy_from_user(&fx, (const void __user *)sc->fpstate,
				   sizeof(fx)))
			return -EFAULT;
		memset(fx.sw_reserved, 0, sizeof(fx.sw_reserved));
	} else {
		x86_fpu_reset_state(&fx);
	}
	current->thread.fx = fx;
	x86_fpu_load_current();

	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->rdi;
	regs->rsi = sc->rsi;
	regs->rbp = sc->rbp;
	regs->rbx = sc->rbx;
	regs->rdx = sc->rdx;
	regs->rax = sc->rax;
	regs->rcx = sc->rcx;
	regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~USER_RFLAGS_MASK) |
		       (sc->eflags & USER_RFLAGS_MASK);
	regs->cs = GDT_USER_CS;
	regs->ss = GDT_USER_DS;
	regs->orig_rax = -1UL;	/* no longer inside a system call */
	*mask = uc.uc_sigmask;
	return 0;
}
