/*
 * The riscv64 Linux rt signal frame: siginfo, then a ucontext whose
 * mcontext holds the interrupted registers and the F/D state, written on
 * the user stack before a handler runs and read back by rt_sigreturn.
 */
#include <signal.h>
#include <sched.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/unistd.h>
#include <asm/elf.h>
#include <asm/riscv.h>

/*
 * Linux's union __riscv_fp_state: F, D or Q registers. Its size and
 * alignment are the Q variant's; we fill the D variant (the kernel saves
 * f0..f31 as 64-bit values and fcsr) and leave the rest zero. The last
 * three words of the Q variant are where later Linux versions chain
 * extension state (vector); zero means none.
 */
union riscv_sigframe_fp {
	struct riscv_fp_state d;
	struct {
		u64 f[64];
		u32 fcsr;
		u32 reserved[3];
	} __aligned(16) q;
};

/* struct sigcontext: user_regs_struct (pc, then x1..x31), then FP. */
struct riscv_sigcontext {
	u64 regs[32];
	union riscv_sigframe_fp fp;
};

/*
 * riscv's struct ucontext puts uc_sigmask before uc_mcontext and pads the
 * mask to 1024 bits, so that sigcontext can grow at the end.
 */
struct riscv_ucontext {
	unsigned long uc_flags;
	unsigned long uc_link;
	struct kernel_stack uc_stack;
	kernel_sigset_t uc_sigmask;
	u8 unused[1024 / 8 - sizeof(kernel_sigset_t)];
	struct riscv_sigcontext uc_mcontext;
};

struct rt_sigframe {
	struct kernel_siginfo info;
	struct riscv_ucontext uc;
};

/* The offsets of Linux's riscv64 headers (asm/ucontext.h, sigcontext.h). */
_Static_assert(sizeof(struct kernel_siginfo) == 128, "siginfo");
_Static_assert(sizeof(struct kernel_stack) == 24, "stack_t");
_Static_assert(offsetof(struct riscv_ucontext, uc_stack) == 16, "uc_stack");
_Static_assert(offsetof(struct riscv_ucontext, uc_sigmask) == 40, "sigmask");
_Static_assert(offsetof(struct riscv_ucontext, uc_mcontext) == 176, "mctx");
_Static_assert(offsetof(struct riscv_sigcontext, fp) == 256, "sc_fpregs");
_Static_assert(sizeof(union riscv_sigframe_fp) == 528, "fp_state");
_Static_assert(offsetof(union riscv_sigframe_fp, d.fcsr) == 256, "d.fcsr");
_Static_assert(offsetof(struct rt_sigframe, uc) == 128, "uc");
_Static_assert(sizeof(struct rt_sigframe) == 1088, "rt_sigframe");

int arch_setup_signal_frame(struct signal_delivery *d, struct pt_regs *regs)
{
	struct rt_sigframe frame;
	/* No red zone in the riscv psABI; the stack stays 16-byte aligned. */
	unsigned long sp = (d->sp - sizeof(frame)) & ~15UL;
	int i;

	if (sp > d->sp)
		return -EFAULT;		/* wrapped below address 0 */
	memset(&frame, 0, sizeof(frame));
	frame.info = d->info;
	frame.uc.uc_stack = d->altstack;
	frame.uc.uc_sigmask = d->saved_mask;
	frame.uc.uc_mcontext.regs[0] = regs->sepc;
	for (i = 1; i < 32; i++)
		frame.uc.uc_mcontext.regs[i] = regs->regs[i];
	/* current's FP registers are live on the hart (see process.c). */
	if (riscv_has_fpu)
		riscv_fp_save(&frame.uc.uc_mcontext.fp.d);
	if (copy_to_user((void __user *)sp, &frame, sizeof(frame)))
		return -EFAULT;

	/* handler(sig, &info, &uc), returning to the sigreturn trampoline
	 * (riscv's sigaction has no sa_restorer). */
	regs->sepc = d->action.handler;
	regs->regs[1] = d->trampoline;
	regs->regs[2] = sp;
	regs->regs[10] = d->sig;
	regs->regs[11] = sp + offsetof(struct rt_sigframe, info);
	regs->regs[12] = sp + offsetof(struct rt_sigframe, uc);
	return 0;
}

int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask)
{
	struct rt_sigframe frame;
	const struct riscv_sigcontext *sc = &frame.uc.uc_mcontext;
	int i;

	if (copy_from_user(&frame, (const void __user *)regs->regs[2],
			   sizeof(frame)))
		return -EFAULT;
	/* Extension state we do not know (Linux: -EINVAL, then SIGSEGV). */
	for (i = 0; i < 3; i++)
		if (sc->fp.q.reserved[i])
			return -EFAULT;

	/* Registers only: sstatus (privilege, interrupts) is not the user's
	 * to choose. */
	regs->sepc = sc->regs[0];
	for (i = 1; i < 32; i++)
		regs->regs[i] = sc->regs[i];
	if (riscv_has_fpu) {
		riscv_fp_restore(&sc->fp.d);
		/* The hart's FP registers now differ from current's saved
		 * copy: the next switch must save them. */
		regs->sstatus = (regs->sstatus & ~SSTATUS_FS) |
				SSTATUS_FS_DIRTY;
	}
	*mask = frame.uc.uc_sigmask;
	return 0;
}

/* What the sigpage holds: rt_sigreturn(). The handler returns here. */
#define __str(x) #x
#define str(x) __str(x)
__asm__(".pushsection .rodata\n"
	".balign 4\n"
	".globl arch_sigreturn_trampoline\n"
	"arch_sigreturn_trampoline:\n"
	"	li	a7, " str(__NR_rt_sigreturn) "\n"
	"	ecall\n"
	".globl arch_sigreturn_trampoline_end\n"
	"arch_sigreturn_trampoline_end:\n"
	".popsection\n");
