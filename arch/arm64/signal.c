/*
 * The arm64 Linux rt signal frame: siginfo, then a ucontext whose
 * sigcontext holds the interrupted registers and, in its __reserved area,
 * a chain of records (FP/SIMD, then a null terminator); above it the frame
 * record {x29, x30} that x29 points at in the handler. Also rt_sigreturn
 * and the sigreturn trampoline.
 */
#include <signal.h>
#include <sched.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/unistd.h>
#include "arm64.h"

/* The header of every record in sigcontext.__reserved. */
struct ctx_header {
	u32 magic;
	u32 size;
};

#define FPSIMD_MAGIC	0x46508001
#define ESR_MAGIC	0x45535201

struct fpsimd_context {
	struct ctx_header head;
	u32 fpsr;
	u32 fpcr;
	__uint128_t vregs[32];
};

struct sigcontext {
	u64 fault_address;
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
	u8 __reserved[4096] __attribute__((aligned(16)));
};

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct kernel_stack uc_stack;
	kernel_sigset_t uc_sigmask;
	/* glibc's sigset_t is 1024 bits; the kernel's uses the first 64 */
	u8 sigset_pad[1024 / 8 - sizeof(kernel_sigset_t)];
	struct sigcontext uc_mcontext;
};

struct rt_sigframe {
	struct kernel_siginfo info;
	struct ucontext uc;
};

/* Linux puts an AAPCS64 frame record above the sigframe; x29 points at
 * it, so unwinders see the interrupted code as the handler's caller. */
struct frame_record {
	u64 fp;
	u64 lr;
};

/* The registers part of sigcontext, written and read in one copy. */
struct sigcontext_regs {
	u64 fault_address;
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
};

_Static_assert(sizeof(struct kernel_siginfo) == 128, "siginfo size");
_Static_assert(sizeof(struct kernel_stack) == 24, "stack_t size");
_Static_assert(offsetof(struct ucontext, uc_mcontext) == 176, "ucontext");
_Static_assert(offsetof(struct sigcontext, __reserved) == 288, "sigcontext");
_Static_assert(sizeof(struct fpsimd_context) == 0x210, "fpsimd_context");
_Static_assert(sizeof(struct rt_sigframe) == 4688, "rt_sigframe");
_Static_assert(offsetof(struct sigcontext, __reserved) ==
	       sizeof(struct sigcontext_regs) + 8, "sigcontext_regs");

/* PSTATE bits that are RES0 for an AArch64 EL0 context (Linux's list);
 * sigreturn clears them rather than fail. */
#define PSR_RES0_BITS	(0xffffffff00000000UL | (3UL << 26) | \
			 (3UL << 22) | (0xffUL << 13) | (1UL << 5))
#define PSR_DAIF_BITS	(0xfUL << 6)
#define PSR_MODE_BITS	0x1fUL	/* M[4] set would mean AArch32 */

/* Which signals carry a fault address Linux puts in fault_address: the
 * memory aborts (SIGSEGV, SIGBUS) sent by the kernel itself. */
static u64 frame_fault_address(const struct signal_delivery *d)
{
	if ((d->sig == SIGSEGV || d->sig == SIGBUS) &&
	    d->info.code > 0 && d->info.code < SI_KERNEL)
		return d->info.fault.addr;
	return 0;
}

int arch_setup_signal_frame(struct signal_delivery *d, struct pt_regs *regs)
{
	static const u8 zeros[sizeof(((struct ucontext *)0)->sigset_pad)];
	struct rt_sigframe *frame;
	struct frame_record *record, rec;
	struct sigcontext_regs sc;
	struct fpsimd_context fp;
	struct arch_fpsimd st;
	struct ctx_header end[2] = { { 0, 0 }, { 0, 0 } };
	struct {
		u64 uc_flags;
		u64 uc_link;
		struct kernel_stack uc_stack;
		kernel_sigset_t uc_sigmask;
	} uc_head;
	unsigned long sp;
	size_t err = 0;
	int i;

	/* The record at the top, then the frame below it, 16-aligned. */
	sp = (d->sp - sizeof(struct frame_record)) & ~15UL;
	record = (struct frame_record *)sp;
	sp = (sp - sizeof(struct rt_sigframe)) & ~15UL;
	frame = (struct rt_sigframe *)sp;
	if (!access_ok(frame, (unsigned long)(record + 1) - sp))
		return -EFAULT;

	memset(&uc_head, 0, sizeof(uc_head));
	uc_head.uc_stack = d->altstack;
	uc_head.uc_sigmask = d->saved_mask;

	memset(&sc, 0, sizeof(sc));
	sc.fault_address = frame_fault_address(d);
	for (i = 0; i < 31; i++)
		sc.regs[i] = regs->regs[i];
	sc.sp = regs->sp;
	sc.pc = regs->pc;
	sc.pstate = regs->pstate;

	/* The handler gets the same FP/SIMD registers; the frame keeps a
	 * copy to restore. */
	arm64_fpsimd_save(&st);
	memcpy(fp.vregs, st.vregs, sizeof(fp.vregs));
	fp.fpsr = st.fpsr;
	fp.fpcr = st.fpcr;
	fp.head.magic = FPSIMD_MAGIC;
	fp.head.size = sizeof(fp);

	rec.fp = regs->regs[29];
	rec.lr = regs->regs[30];

	err |= copy_to_user(&frame->info, &d->info, sizeof(d->info));
	err |= copy_to_user(&frame->uc, &uc_head, sizeof(uc_head));
	err |= copy_to_user(frame->uc.sigset_pad, zeros, sizeof(zeros));
	err |= copy_to_user(&frame->uc.uc_mcontext, &sc, sizeof(sc));
	err |= copy_to_user(frame->uc.uc_mcontext.__reserved, &fp, sizeof(fp));
	err |= copy_to_user(frame->uc.uc_mcontext.__reserved + sizeof(fp),
			    end, sizeof(end));
	err |= copy_to_user(record, &rec, sizeof(rec));
	if (err)
		return -EFAULT;

	regs->regs[0] = d->sig;
	regs->regs[1] = (u64)&frame->info;
	regs->regs[2] = (u64)&frame->uc;
	regs->regs[29] = (u64)record;
	regs->regs[30] = (d->action.flags & SA_RESTORER) ?
			 d->action.restorer : d->trampoline;
	regs->sp = sp;
	regs->pc = d->action.handler;
	/* Not a system call any more as far as anyone looking is concerned */
	regs->syscallno = NO_SYSCALL;
	return 0;
}

/*
 * Walk the records in __reserved: exactly one FP/SIMD record, an optional
 * ESR record (ignored), nothing unknown, a null terminator. Loads the
 * FP/SIMD registers on success.
 */
static int restore_records(struct sigcontext *usc)
{
	struct fpsimd_context fp;
	struct arch_fpsimd st;
	struct ctx_header h;
	bool have_fp = false;
	size_t off = 0;

	for (;;) {
		if (off + sizeof(h) > sizeof(usc->__reserved))
			return -EFAULT;
		if (copy_from_user(&h, usc->__reserved + off, sizeof(h)))
			return -EFAULT;
		if (h.magic == 0) {
			if (h.size != 0 || !have_fp)
				return -EFAULT;
			break;
		}
		if (h.size < sizeof(h) || (h.size & 15) ||
		    h.size > sizeof(usc->__reserved) - off)
			return -EFAULT;
		if (h.magic == FPSIMD_MAGIC) {
			if (have_fp || h.size != sizeof(fp))
				return -EFAULT;
			if (copy_from_user(&fp, usc->__reserved + off,
					   sizeof(fp)))
				return -EFAULT;
			have_fp = true;
		} else if (h.magic != ESR_MAGIC) {
			return -EFAULT;
		}
		off += h.size;
	}

	memcpy(st.vregs, fp.vregs, sizeof(st.vregs));
	st.fpsr = fp.fpsr;
	st.fpcr = fp.fpcr;
	arm64_fpsimd_load(&st);
	return 0;
}

int arch_rt_sigreturn(struct pt_regs *regs, kernel_sigset_t *mask)
{
	struct rt_sigframe *frame = (struct rt_sigframe *)regs->sp;
	struct sigcontext_regs sc;
	int i;

	/* The handler must have left sp where the frame was built. */
	if (regs->sp & 15)
		return -EFAULT;
	if (copy_from_user(mask, &frame->uc.uc_sigmask, sizeof(*mask)) ||
	    copy_from_user(&sc, &frame->uc.uc_mcontext, sizeof(sc)))
		return -EFAULT;

	/* Only EL0t (AArch64) with D, A, I and F clear: anything else would
	 * eret into the kernel or with interrupts masked in user mode. */
	sc.pstate &= ~PSR_RES0_BITS;
	if ((sc.pstate & PSR_MODE_BITS) != PSR_MODE_EL0t ||
	    (sc.pstate & PSR_DAIF_BITS))
		return -EFAULT;
	if (restore_records(&frame->uc.uc_mcontext))
		return -EFAULT;

	for (i = 0; i < 31; i++)
		regs->regs[i] = sc.regs[i];
	regs->sp = sc.sp;
	regs->pc = sc.pc;
	regs->pstate = sc.pstate;
	/* A restored context is never a system call to restart. */
	regs->syscallno = NO_SYSCALL;
	return 0;
}

_Static_assert(__NR_rt_sigreturn == 139, "the trampoline's number");

/* Copied into the signal page: the handler "returns" here. */
__asm__(".pushsection .rodata, \"a\"\n"
	".balign 4\n"
	".globl arch_sigreturn_trampoline\n"
	"arch_sigreturn_trampoline:\n"
	"	mov x8, #139\n"
	"	svc #0\n"
	".globl arch_sigreturn_trampoline_end\n"
	"arch_sigreturn_trampoline_end:\n"
	".popsection\n");
