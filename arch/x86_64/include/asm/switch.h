/* What an x86_64 task keeps outside pt_regs: the callee-saved registers of
 * a switched-out task (arch_context) and the user state the CPU holds in
 * MSRs and the FP/SSE unit (arch_thread); arch_context_switch() handles
 * both. */
#ifndef ASM_X86_64_SWITCH_H
#define ASM_X86_64_SWITCH_H

/* Offsets for x86_switch_to (switch.S); process.c checks them. */
#define CTX_RBX		0
#define CTX_RBP		8
#define CTX_R12		16
#define CTX_R13		24
#define CTX_R14		32
#define CTX_R15		40
#define CTX_RSP		48
#define CTX_RIP		56

#ifndef __ASSEMBLY__
#include <types.h>

/*
 * The SysV ABI's callee-saved registers, the stack pointer and where the
 * task resumes: everything else is dead across the call to the switch.
 */
struct arch_context {
	u64 rbx, rbp, r12, r13, r14, r15;
	u64 rsp;
	u64 rip;
};

/*
 * The FXSAVE image (x87, MMX and SSE state), as fxsave64 writes it and as
 * the Linux signal frame carries it (struct _fpstate_64, without the
 * XSAVE extension). fxsave/fxrstor need 16-byte alignment.
 */
struct x86_fxstate {
	u16 fcw;		/* x87 control word */
	u16 fsw;		/* x87 status word */
	u8 ftw;			/* abridged tag word: 1 bit per register */
	u8 reserved0;
	u16 fop;
	u64 fip;
	u64 fdp;
	u32 mxcsr;
	u32 mxcsr_mask;		/* which MXCSR bits may be set */
	u32 st_space[32];	/* st0-st7, 16 bytes each */
	u32 xmm_space[64];	/* xmm0-xmm15, 16 bytes each */
	u32 padding[12];
	u32 sw_reserved[12];	/* Linux: the XSAVE magic; zero here */
} __aligned(16);

/*
 * Per-thread user state the CPU keeps outside the general registers. The
 * kernel runs without FP/SSE (-mno-sse), so the user's FP registers stay
 * live in the CPU while the task is in the kernel and are saved to fx only
 * when it is switched out (or copied for fork and a signal frame). FS and
 * GS bases are the user's TLS pointers (arch_prctl); they too stay in
 * the CPU until a switch: FS base in MSR_FS_BASE (the kernel does not use
 * FS), the GS base in MSR_KERNEL_GS_BASE, where swapgs put it while the
 * kernel's own (struct cpu) is loaded. cr2, trap_nr
 * and error_code record the last exception from user mode, which Linux
 * reports in the signal frame's sigcontext.
 */
struct arch_thread {
	struct x86_fxstate fx;
	u64 fs_base;
	u64 gs_base;
	u64 cr2;
	u64 trap_nr;
	u64 error_code;
	bool fx_valid;		/* fx holds a real image (else: reset state) */
};
#endif

#endif
