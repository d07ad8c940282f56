/*
 * signals: siginfo for kill/tgkill/SIGCHLD, sigreturn restoring every
 * register (an assembly probe per arch), masks and pending sets,
 * SA_RESETHAND, SA_NODEFER, sigaltstack, default actions, a blocked
 * SIGSEGV, faults inside handlers, what fork and exec keep, and init
 * surviving what would kill another process.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "ktap.h"

/*
 * sigregs_probe(out, in): load every general register it can (and three
 * FP/SIMD registers) from in, make the kill(in.pid, in.sig) system call
 * directly, and store what the registers hold afterwards in out. The
 * signal is delivered on the way back from kill; its handler,
 * sigregs_clobber, overwrites every register it may before returning, so
 * anything that differs afterwards was not restored by rt_sigreturn.
 * in/out: 32 general registers (by number, as each arch names them), then
 * 6 words of FP/SIMD state at byte 256.
 */
struct probe {
	unsigned long gpr[32];
	unsigned long fp[6];
};

void sigregs_probe(struct probe *out, const struct probe *in);
void sigregs_clobber(int sig);
volatile int probe_handled;

#if defined(__x86_64__)
/* gpr: rbx rbp r12 r13 r14 r15 r8 r9 r10 rdx rdi(pid) rsi(sig); out
 * gpr[12] = rax (kill's result), gpr[13] = red-zone words changed. */
#define PROBE_NGPR	12
#define PROBE_PID	10
#define PROBE_SIG	11
#define PROBE_RET	12
#define PROBE_NFP	6
static const char *const reg_name[32] = {
	"rbx", "rbp", "r12", "r13", "r14", "r15", "r8", "r9", "r10", "rdx",
	"rdi", "rsi",
};
static const char *const fp_name[6] = {
	"xmm0.lo", "xmm0.hi", "xmm8.lo", "xmm8.hi", "xmm15.lo", "xmm15.hi",
};
__asm__(
"	.text\n"
"	.globl sigregs_probe\n"
"	.type sigregs_probe, @function\n"
"sigregs_probe:\n"
"	push %rbx\n"
"	push %rbp\n"
"	push %r12\n"
"	push %r13\n"
"	push %r14\n"
"	push %r15\n"
"	push %rdi\n"
"	movdqu 256(%rsi), %xmm0\n"
"	movdqu 272(%rsi), %xmm8\n"
"	movdqu 288(%rsi), %xmm15\n"
"	mov 0(%rsi), %rbx\n"
"	mov $16, %ecx\n"		/* fill the 128-byte red zone */
"1:	mov %rbx, -136(%rsp,%rcx,8)\n"
"	dec %ecx\n"
"	jnz 1b\n"
"	mov 8(%rsi), %rbp\n"
"	mov 16(%rsi), %r12\n"
"	mov 24(%rsi), %r13\n"
"	mov 32(%rsi), %r14\n"
"	mov 40(%rsi), %r15\n"
"	mov 48(%rsi), %r8\n"
"	mov 56(%rsi), %r9\n"
"	mov 64(%rsi), %r10\n"
"	mov 72(%rsi), %rdx\n"
"	mov 80(%rsi), %rdi\n"
"	mov 88(%rsi), %rsi\n"
"	mov $62, %eax\n"		/* __NR_kill */
"	syscall\n"
"	mov (%rsp), %r11\n"
"	mov %rbx, 0(%r11)\n"
"	mov %rbp, 8(%r11)\n"
"	mov %r12, 16(%r11)\n"
"	mov %r13, 24(%r11)\n"
"	mov %r14, 32(%r11)\n"
"	mov %r15, 40(%r11)\n"
"	mov %r8, 48(%r11)\n"
"	mov %r9, 56(%r11)\n"
"	mov %r10, 64(%r11)\n"
"	mov %rdx, 72(%r11)\n"
"	mov %rdi, 80(%r11)\n"
"	mov %rsi, 88(%r11)\n"
"	mov %rax, 96(%r11)\n"
"	movdqu %xmm0, 256(%r11)\n"
"	movdqu %xmm8, 272(%r11)\n"
"	movdqu %xmm15, 288(%r11)\n"
"	xor %eax, %eax\n"
"	mov $16, %ecx\n"
"2:	cmp %rbx, -136(%rsp,%rcx,8)\n"
"	je 3f\n"
"	inc %eax\n"
"3:	dec %ecx\n"
"	jnz 2b\n"
"	mov %rax, 104(%r11)\n"
"	pop %rdi\n"
"	pop %r15\n"
"	pop %r14\n"
"	pop %r13\n"
"	pop %r12\n"
"	pop %rbp\n"
"	pop %rbx\n"
"	ret\n"
"	.size sigregs_probe, . - sigregs_probe\n"
"	.globl sigregs_clobber\n"
"	.type sigregs_clobber, @function\n"
"sigregs_clobber:\n"
"	addl $1, probe_handled(%rip)\n"
"	movabs $0xdeadbeefcafef00d, %rax\n"
"	mov %rax, %rbx\n"
"	mov %rax, %rcx\n"
"	mov %rax, %rdx\n"
"	mov %rax, %rsi\n"
"	mov %rax, %rdi\n"
"	mov %rax, %rbp\n"
"	mov %rax, %r8\n"
"	mov %rax, %r9\n"
"	mov %rax, %r10\n"
"	mov %rax, %r11\n"
"	mov %rax, %r12\n"
"	mov %rax, %r13\n"
"	mov %rax, %r14\n"
"	mov %rax, %r15\n"
"	movq %rax, %xmm0\n"
"	movq %rax, %xmm8\n"
"	movq %rax, %xmm15\n"
"	ret\n"
"	.size sigregs_clobber, . - sigregs_clobber\n");

#elif defined(__aarch64__)
/* gpr[i] = x<i> for i = 0..30: x0 = pid in, kill's result out; x1 = sig;
 * x8 = __NR_kill. fp: q0, q8, q31. */
#define PROBE_NGPR	31
#define PROBE_PID	0
#define PROBE_SIG	1
#define PROBE_NR	8
#define PROBE_NRVAL	129
#define PROBE_RET	0
#define PROBE_NFP	6
static const char *const fp_name[6] = {
	"q0.lo", "q0.hi", "q8.lo", "q8.hi", "q31.lo", "q31.hi",
};
__asm__(
"	.text\n"
"	.globl sigregs_probe\n"
"	.type sigregs_probe, %function\n"
"sigregs_probe:\n"
"	sub sp, sp, #512\n"
"	stp x29, x30, [sp, #0]\n"
"	stp x19, x20, [sp, #16]\n"
"	stp x21, x22, [sp, #32]\n"
"	stp x23, x24, [sp, #48]\n"
"	stp x25, x26, [sp, #64]\n"
"	stp x27, x28, [sp, #80]\n"
"	stp d8, d9, [sp, #96]\n"
"	stp d10, d11, [sp, #112]\n"
"	stp d12, d13, [sp, #128]\n"
"	stp d14, d15, [sp, #144]\n"
"	str x0, [sp, #160]\n"
"	ldr q0, [x1, #256]\n"
"	ldr q8, [x1, #272]\n"
"	ldr q31, [x1, #288]\n"
"	ldp x2, x3, [x1, #16]\n"
"	ldp x4, x5, [x1, #32]\n"
"	ldp x6, x7, [x1, #48]\n"
"	ldp x8, x9, [x1, #64]\n"
"	ldp x10, x11, [x1, #80]\n"
"	ldp x12, x13, [x1, #96]\n"
"	ldp x14, x15, [x1, #112]\n"
"	ldp x16, x17, [x1, #128]\n"
"	ldp x18, x19, [x1, #144]\n"
"	ldp x20, x21, [x1, #160]\n"
"	ldp x22, x23, [x1, #176]\n"
"	ldp x24, x25, [x1, #192]\n"
"	ldp x26, x27, [x1, #208]\n"
"	ldp x28, x29, [x1, #224]\n"
"	ldr x30, [x1, #240]\n"
"	ldp x0, x1, [x1, #0]\n"
"	svc #0\n"
"	stp x0, x1, [sp, #176]\n"
"	stp x2, x3, [sp, #192]\n"
"	stp x4, x5, [sp, #208]\n"
"	stp x6, x7, [sp, #224]\n"
"	stp x8, x9, [sp, #240]\n"
"	stp x10, x11, [sp, #256]\n"
"	stp x12, x13, [sp, #272]\n"
"	stp x14, x15, [sp, #288]\n"
"	stp x16, x17, [sp, #304]\n"
"	stp x18, x19, [sp, #320]\n"
"	stp x20, x21, [sp, #336]\n"
"	stp x22, x23, [sp, #352]\n"
"	stp x24, x25, [sp, #368]\n"
"	stp x26, x27, [sp, #384]\n"
"	stp x28, x29, [sp, #400]\n"
"	str x30, [sp, #416]\n"
"	str q0, [sp, #432]\n"
"	str q8, [sp, #448]\n"
"	str q31, [sp, #464]\n"
"	ldr x0, [sp, #160]\n"
"	add x1, sp, #176\n"
"	mov x2, #38\n"
"1:	ldr x3, [x1], #8\n"
"	str x3, [x0], #8\n"
"	subs x2, x2, #1\n"
"	b.ne 1b\n"
"	ldp x29, x30, [sp, #0]\n"
"	ldp x19, x20, [sp, #16]\n"
"	ldp x21, x22, [sp, #32]\n"
"	ldp x23, x24, [sp, #48]\n"
"	ldp x25, x26, [sp, #64]\n"
"	ldp x27, x28, [sp, #80]\n"
"	ldp d8, d9, [sp, #96]\n"
"	ldp d10, d11, [sp, #112]\n"
"	ldp d12, d13, [sp, #128]\n"
"	ldp d14, d15, [sp, #144]\n"
"	add sp, sp, #512\n"
"	ret\n"
"	.size sigregs_probe, . - sigregs_probe\n"
"	.globl sigregs_clobber\n"
"	.type sigregs_clobber, %function\n"
"sigregs_clobber:\n"
"	adrp x9, probe_handled\n"
"	add x9, x9, :lo12:probe_handled\n"
"	ldr w10, [x9]\n"
"	add w10, w10, #1\n"
"	str w10, [x9]\n"
"	mov x0, #0xf00d\n"
"	movk x0, #0xdead, lsl #48\n"
"	mov x1, x0\n"
"	mov x2, x0\n"
"	mov x3, x0\n"
"	mov x4, x0\n"
"	mov x5, x0\n"
"	mov x6, x0\n"
"	mov x7, x0\n"
"	mov x8, x0\n"
"	mov x9, x0\n"
"	mov x10, x0\n"
"	mov x11, x0\n"
"	mov x12, x0\n"
"	mov x13, x0\n"
"	mov x14, x0\n"
"	mov x15, x0\n"
"	mov x16, x0\n"
"	mov x17, x0\n"
"	mov x18, x0\n"
"	mov x19, x0\n"
"	mov x20, x0\n"
"	mov x21, x0\n"
"	mov x22, x0\n"
"	mov x23, x0\n"
"	mov x24, x0\n"
"	mov x25, x0\n"
"	mov x26, x0\n"
"	mov x27, x0\n"
"	mov x28, x0\n"
"	mov x29, x0\n"
"	dup v0.2d, x0\n"
"	dup v8.2d, x0\n"
"	dup v31.2d, x0\n"
"	ret\n"
"	.size sigregs_clobber, . - sigregs_clobber\n");

#elif defined(__riscv)
/* gpr[i] = x<i> (x0 and sp not tested): a0 (x10) = pid in, kill's result
 * out; a1 (x11) = sig; a7 (x17) = __NR_kill. fp: f0, f8, f31. */
#define PROBE_NGPR	32
#define PROBE_PID	10
#define PROBE_SIG	11
#define PROBE_NR	17
#define PROBE_NRVAL	129
#define PROBE_RET	10
#define PROBE_NFP	3
static const char *const fp_name[6] = { "f0", "f8", "f31" };
__asm__(
"	.text\n"
"	.globl sigregs_probe\n"
"	.type sigregs_probe, @function\n"
"sigregs_probe:\n"
"	addi sp, sp, -512\n"
"	sd ra, 0(sp)\n"
"	sd gp, 8(sp)\n"
"	sd tp, 16(sp)\n"
"	sd s0, 24(sp)\n"
"	sd s1, 32(sp)\n"
"	sd s2, 40(sp)\n"
"	sd s3, 48(sp)\n"
"	sd s4, 56(sp)\n"
"	sd s5, 64(sp)\n"
"	sd s6, 72(sp)\n"
"	sd s7, 80(sp)\n"
"	sd s8, 88(sp)\n"
"	sd s9, 96(sp)\n"
"	sd s10, 104(sp)\n"
"	sd s11, 112(sp)\n"
"	fsd fs0, 120(sp)\n"
"	fsd fs1, 128(sp)\n"
"	fsd fs2, 136(sp)\n"
"	fsd fs3, 144(sp)\n"
"	fsd fs4, 152(sp)\n"
"	fsd fs5, 160(sp)\n"
"	fsd fs6, 168(sp)\n"
"	fsd fs7, 176(sp)\n"
"	fsd fs8, 184(sp)\n"
"	fsd fs9, 192(sp)\n"
"	fsd fs10, 200(sp)\n"
"	fsd fs11, 208(sp)\n"
"	sd a0, 216(sp)\n"
"	fld f0, 256(a1)\n"
"	fld f8, 264(a1)\n"
"	fld f31, 272(a1)\n"
"	ld x1, 8(a1)\n"
"	ld x3, 24(a1)\n"
"	ld x4, 32(a1)\n"
"	ld x5, 40(a1)\n"
"	ld x6, 48(a1)\n"
"	ld x7, 56(a1)\n"
"	ld x8, 64(a1)\n"
"	ld x9, 72(a1)\n"
"	ld x10, 80(a1)\n"
"	ld x12, 96(a1)\n"
"	ld x13, 104(a1)\n"
"	ld x14, 112(a1)\n"
"	ld x15, 120(a1)\n"
"	ld x16, 128(a1)\n"
"	ld x17, 136(a1)\n"
"	ld x18, 144(a1)\n"
"	ld x19, 152(a1)\n"
"	ld x20, 160(a1)\n"
"	ld x21, 168(a1)\n"
"	ld x22, 176(a1)\n"
"	ld x23, 184(a1)\n"
"	ld x24, 192(a1)\n"
"	ld x25, 200(a1)\n"
"	ld x26, 208(a1)\n"
"	ld x27, 216(a1)\n"
"	ld x28, 224(a1)\n"
"	ld x29, 232(a1)\n"
"	ld x30, 240(a1)\n"
"	ld x31, 248(a1)\n"
"	ld x11, 88(a1)\n"
"	ecall\n"
"	sd x1, 232(sp)\n"
"	sd x3, 248(sp)\n"
"	sd x4, 256(sp)\n"
"	sd x5, 264(sp)\n"
"	sd x6, 272(sp)\n"
"	sd x7, 280(sp)\n"
"	sd x8, 288(sp)\n"
"	sd x9, 296(sp)\n"
"	sd x10, 304(sp)\n"
"	sd x11, 312(sp)\n"
"	sd x12, 320(sp)\n"
"	sd x13, 328(sp)\n"
"	sd x14, 336(sp)\n"
"	sd x15, 344(sp)\n"
"	sd x16, 352(sp)\n"
"	sd x17, 360(sp)\n"
"	sd x18, 368(sp)\n"
"	sd x19, 376(sp)\n"
"	sd x20, 384(sp)\n"
"	sd x21, 392(sp)\n"
"	sd x22, 400(sp)\n"
"	sd x23, 408(sp)\n"
"	sd x24, 416(sp)\n"
"	sd x25, 424(sp)\n"
"	sd x26, 432(sp)\n"
"	sd x27, 440(sp)\n"
"	sd x28, 448(sp)\n"
"	sd x29, 456(sp)\n"
"	sd x30, 464(sp)\n"
"	sd x31, 472(sp)\n"
"	fsd f0, 480(sp)\n"
"	fsd f8, 488(sp)\n"
"	fsd f31, 496(sp)\n"
"	ld t0, 216(sp)\n"
"	addi t1, sp, 224\n"
"	li t2, 35\n"
"1:	ld t3, 0(t1)\n"
"	sd t3, 0(t0)\n"
"	addi t1, t1, 8\n"
"	addi t0, t0, 8\n"
"	addi t2, t2, -1\n"
"	bnez t2, 1b\n"
"	ld ra, 0(sp)\n"
"	ld gp, 8(sp)\n"
"	ld tp, 16(sp)\n"
"	ld s0, 24(sp)\n"
"	ld s1, 32(sp)\n"
"	ld s2, 40(sp)\n"
"	ld s3, 48(sp)\n"
"	ld s4, 56(sp)\n"
"	ld s5, 64(sp)\n"
"	ld s6, 72(sp)\n"
"	ld s7, 80(sp)\n"
"	ld s8, 88(sp)\n"
"	ld s9, 96(sp)\n"
"	ld s10, 104(sp)\n"
"	ld s11, 112(sp)\n"
"	fld fs0, 120(sp)\n"
"	fld fs1, 128(sp)\n"
"	fld fs2, 136(sp)\n"
"	fld fs3, 144(sp)\n"
"	fld fs4, 152(sp)\n"
"	fld fs5, 160(sp)\n"
"	fld fs6, 168(sp)\n"
"	fld fs7, 176(sp)\n"
"	fld fs8, 184(sp)\n"
"	fld fs9, 192(sp)\n"
"	fld fs10, 200(sp)\n"
"	fld fs11, 208(sp)\n"
"	addi sp, sp, 512\n"
"	ret\n"
"	.size sigregs_probe, . - sigregs_probe\n"
"	.globl sigregs_clobber\n"
"	.type sigregs_clobber, @function\n"
"sigregs_clobber:\n"
"	lla t0, probe_handled\n"
"	lw t1, 0(t0)\n"
"	addi t1, t1, 1\n"
"	sw t1, 0(t0)\n"
"	li t0, 0x5eadbeef\n"
"	mv x3, t0\n"
"	mv x4, t0\n"
"	mv x6, t0\n"
"	mv x7, t0\n"
"	mv x8, t0\n"
"	mv x9, t0\n"
"	mv x10, t0\n"
"	mv x11, t0\n"
"	mv x12, t0\n"
"	mv x13, t0\n"
"	mv x14, t0\n"
"	mv x15, t0\n"
"	mv x16, t0\n"
"	mv x17, t0\n"
"	mv x18, t0\n"
"	mv x19, t0\n"
"	mv x20, t0\n"
"	mv x21, t0\n"
"	mv x22, t0\n"
"	mv x23, t0\n"
"	mv x24, t0\n"
"	mv x25, t0\n"
"	mv x26, t0\n"
"	mv x27, t0\n"
"	mv x28, t0\n"
"	mv x29, t0\n"
"	mv x30, t0\n"
"	mv x31, t0\n"
"	fmv.d.x f0, t0\n"
"	fmv.d.x f8, t0\n"
"	fmv.d.x f31, t0\n"
"	ret\n"
"	.size sigregs_clobber, . - sigregs_clobber\n");
#else
#error "unknown arch"
#endif

/* Run the probe with SIGUSR1 handled by sigregs_clobber. */
static void run_probe(struct probe *in, struct probe *out)
{
	struct sigaction sa;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sigregs_clobber;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	memset(in, 0, sizeof(*in));
	memset(out, 0, sizeof(*out));
	for (i = 0; i < 32; i++)
		in->gpr[i] = 0x0101010101010101UL * (unsigned long)(i + 1) ^
			     0x8000000000000042UL;
	for (i = 0; i < 6; i++)
		in->fp[i] = 0x3ff0000000000000UL + (unsigned long)i * 0x1111;
	in->gpr[PROBE_PID] = (unsigned long)getpid();
	in->gpr[PROBE_SIG] = SIGUSR1;
#ifdef PROBE_NR
	in->gpr[PROBE_NR] = PROBE_NRVAL;
#endif
#ifdef __riscv
	/* gp and tp: the libc's, so nothing breaks if they are lost */
	__asm__("mv %0, gp" : "=r"(in->gpr[3]));
	__asm__("mv %0, tp" : "=r"(in->gpr[4]));
#endif
	probe_handled = 0;
	sigregs_probe(out, in);
	CHECK_EQ(probe_handled, 1);
	CHECK_EQ(out->gpr[PROBE_RET], 0);	/* kill's result */
}

static void sigreturn_restores_gprs(void)
{
	struct probe in, out;
	int i;

	run_probe(&in, &out);
	for (i = 0; i < PROBE_NGPR; i++) {
		char name[8];

#if defined(__x86_64__)
		snprintf(name, sizeof(name), "%s", reg_name[i]);
#else
		if (i == 0 || i == PROBE_RET || (i == 2 && PROBE_NGPR == 32))
			continue;	/* riscv x0/sp; arm64 x0 = result */
		snprintf(name, sizeof(name), "x%d", i);
#endif
		if (out.gpr[i] != in.gpr[i])
			ktap_fail("%s is 0x%lx after the handler, was 0x%lx",
				  name, out.gpr[i], in.gpr[i]);
	}
#ifdef __x86_64__
	if (out.gpr[13] != 0)
		ktap_fail("the signal frame overwrote %lu words of the "
			  "128-byte red zone below rsp", out.gpr[13]);
#endif
}

static void sigreturn_restores_fp_regs(void)
{
	struct probe in, out;
	int i;

	run_probe(&in, &out);
	for (i = 0; i < PROBE_NFP; i++)
		if (out.fp[i] != in.fp[i])
			ktap_fail("%s is 0x%lx after the handler, was 0x%lx",
				  fp_name[i], out.fp[i], in.fp[i]);
}

/* Locals of a C function, in registers or on the stack, survive a
 * handler that uses a lot of stack and FP. */
static volatile double hv;

static void busy_handler(int sig)
{
	volatile char junk[8192];
	int i;

	for (i = 0; i < (int)sizeof(junk); i++)
		junk[i] = (char)(i ^ sig);
	for (i = 0; i < 100; i++)
		hv = hv * 1.5 + i;
}

static __attribute__((noinline)) long compute(long a, double d, int sig)
{
	long b = a * 3, c = a ^ 0x55, e = a + 7, f = a * a;
	double g = d * 2.0, h = d + 0.25;

	if (sig)
		raise(sig);
	return b + c + e + f + (long)(g * 4) + (long)(h * 8);
}

static void locals_survive_handler(void)
{
	struct sigaction sa;
	long want = compute(123, 2.5, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = busy_handler;
	CHECK_SYS(sigaction(SIGUSR2, &sa, NULL));
	CHECK_EQ(compute(123, 2.5, SIGUSR2), want);
}

static volatile siginfo_t got_info;
static volatile int got_count;

static void info_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_info = *si;
	got_count++;
}

static void install_info(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO | flags;
	CHECK_SYS(sigaction(sig, &sa, NULL));
	got_count = 0;
}

static void siginfo_kill(void)
{
	install_info(SIGUSR1, 0);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_EQ(got_count, 1);		/* before kill returned */
	CHECK_EQ(got_info.si_signo, SIGUSR1);
	CHECK_EQ(got_info.si_code, SI_USER);
	CHECK_EQ(got_info.si_pid, getpid());
	CHECK_EQ(got_info.si_uid, getuid());
	CHECK_EQ(got_info.si_errno, 0);
}

/* si_uid is the sender's real uid: a child whose real uid is nobody's
 * (still root in effect, so that it may signal us) says so. */
static void siginfo_uid_of_sender(void)
{
	pid_t pid;

	if (getuid() != 0)
		ktap_skip("needs root to become another user");
	install_info(SIGUSR1, 0);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (syscall(__NR_setresuid, 65534, 0, 0))
			_exit(1);
		_exit(kill(getppid(), SIGUSR1) ? 3 : 0);
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_info.si_pid, pid);
	CHECK_EQ(got_info.si_uid, 65534);
	/* Not root at all: reboot is refused (EPERM) before its magic
	 * numbers are even looked at, as on Linux. */
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (syscall(__NR_setresuid, 65534, 65534, 65534))
			_exit(1);
		errno = 0;
		_exit(syscall(__NR_reboot, 0, 0, 0, NULL) == -1 &&
		      errno == EPERM ? 0 : 2);
	}
	CHECK_EXITED(pid, 0);
}

static void siginfo_tgkill(void)
{
	install_info(SIGUSR2, 0);
	CHECK_SYS(tgkill(getpid(), gettid(), SIGUSR2));
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_info.si_signo, SIGUSR2);
	CHECK_EQ(got_info.si_code, SI_TKILL);
	CHECK_EQ(got_info.si_pid, getpid());
	CHECK_EQ(got_info.si_uid, getuid());
}

/* A signal from another process carries that process's pid. */
static void siginfo_kill_from_child(void)
{
	sigset_t block, empty;
	pid_t pid, parent = getpid();

	install_info(SIGUSR1, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
	sigemptyset(&empty);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_info.si_code, SI_USER);
	CHECK_EQ(got_info.si_pid, pid);
	CHECK_EXITED(pid, 0);
}

static void siginfo_sigchld(void)
{
	sigset_t block, empty;
	pid_t pid;

	install_info(SIGCHLD, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	sigemptyset(&empty);

	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(3);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_info.si_signo, SIGCHLD);
	CHECK_EQ(got_info.si_code, CLD_EXITED);
	CHECK_EQ(got_info.si_pid, pid);
	CHECK_EQ(got_info.si_status, 3);
	CHECK_EXITED(pid, 3);

	got_count = 0;
	pid = CHECK_SYS(fork());
	if (pid == 0)
		for (;;)
			ktap_sleep_ms(1000);
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_info.si_code, CLD_KILLED);
	CHECK_EQ(got_info.si_pid, pid);
	CHECK_EQ(got_info.si_status, SIGKILL);
	CHECK_KILLED(pid, SIGKILL);
}

static volatile int count1, count2;

static void count_handler(int sig)
{
	if (sig == SIGUSR1)
		count1++;
	else
		count2++;
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

static void sigprocmask_blocks_sigpending_reports(void)
{
	sigset_t set, pend, old;

	install(SIGUSR1, count_handler, 0);
	install(SIGUSR2, count_handler, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK_EQ(sigismember(&old, SIGUSR1), 0);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_SYS(kill(getpid(), SIGUSR1));	/* not queued twice */
	CHECK_EQ(count1, 0);
	CHECK_SYS(sigpending(&pend));
	CHECK_EQ(sigismember(&pend, SIGUSR1), 1);
	CHECK_EQ(sigismember(&pend, SIGUSR2), 0);
	CHECK_SYS(raise(SIGUSR2));		/* not blocked: runs now */
	CHECK_EQ(count2, 1);
	/* unblocking delivers, before sigprocmask returns */
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &set, &old));
	CHECK_EQ(sigismember(&old, SIGUSR1), 1);
	CHECK_EQ(count1, 1);
	CHECK_SYS(sigpending(&pend));
	CHECK_EQ(sigismember(&pend, SIGUSR1), 0);
	/* SIG_SETMASK and a bad how */
	CHECK_SYS(sigprocmask(SIG_SETMASK, &set, NULL));
	CHECK_SYS(sigprocmask(SIG_SETMASK, NULL, &old));
	CHECK_EQ(sigismember(&old, SIGUSR1), 1);
	CHECK_ERR(sigprocmask(7, &set, NULL), EINVAL);
}

/* Ignoring a pending signal discards it. */
static void ignoring_discards_pending(void)
{
	sigset_t set, pend;

	install(SIGUSR1, count_handler, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK_SYS(raise(SIGUSR1));
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	CHECK_SYS(sigpending(&pend));
	CHECK_EQ(sigismember(&pend, SIGUSR1), 0);
	install(SIGUSR1, count_handler, 0);
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(count1, 0);
}

static void sigkill_sigstop_cannot_be_caught_or_blocked(void)
{
	struct sigaction sa;
	sigset_t all, cur;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_handler;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(syscall(__NR_rt_sigaction, 0, NULL, NULL, 8), EINVAL);
	CHECK_ERR(syscall(__NR_rt_sigaction, 65, NULL, NULL, 8), EINVAL);
	CHECK_ERR(syscall(__NR_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL);
	sigfillset(&all);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &all, NULL));
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK_EQ(sigismember(&cur, SIGKILL), 0);
	CHECK_EQ(sigismember(&cur, SIGSTOP), 0);
	CHECK_EQ(sigismember(&cur, SIGTERM), 1);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	CHECK_KILLED(pid, SIGKILL);
}

static void sa_resethand(void)
{
	struct sigaction old;
	pid_t pid;

	install(SIGUSR1, count_handler, SA_RESETHAND);
	CHECK_SYS(raise(SIGUSR1));
	CHECK_EQ(count1, 1);
	CHECK_SYS(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		raise(SIGUSR1);		/* the default action now */
		_exit(0);
	}
	CHECK_KILLED(pid, SIGUSR1);
}

static volatile int depth, max_depth, calls;

static void nesting_handler(int sig)
{
	depth++;
	calls++;
	if (depth > max_depth)
		max_depth = depth;
	if (calls == 1)
		raise(sig);	/* again, from inside the handler */
	depth--;
}

static void sa_nodefer_nests(void)
{
	install(SIGUSR1, nesting_handler, SA_NODEFER);
	CHECK_SYS(raise(SIGUSR1));
	CHECK_EQ(calls, 2);
	CHECK_EQ(max_depth, 2);
}

static void same_signal_deferred_without_nodefer(void)
{
	install(SIGUSR1, nesting_handler, 0);
	CHECK_SYS(raise(SIGUSR1));
	CHECK_EQ(calls, 2);	/* the second ran after the first returned */
	CHECK_EQ(max_depth, 1);
}

static volatile unsigned long mask_in_handler;

static void mask_handler(int sig)
{
	sigset_t cur;

	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	mask_in_handler = 0;
	if (sigismember(&cur, SIGUSR1) == 1)
		mask_in_handler |= 1;
	if (sigismember(&cur, SIGUSR2) == 1)
		mask_in_handler |= 2;
	if (sigismember(&cur, SIGTERM) == 1)
		mask_in_handler |= 4;
}

/* During a handler: its own signal and sa_mask are blocked; after it the
 * old mask is back. */
static void handler_mask_and_restore(void)
{
	struct sigaction sa;
	sigset_t cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mask_handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	CHECK_SYS(raise(SIGUSR1));
	CHECK_EQ(mask_in_handler, 1 | 2);
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK_EQ(sigismember(&cur, SIGUSR1), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR2), 0);
	sa.sa_flags = SA_NODEFER;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	CHECK_SYS(raise(SIGUSR1));
	CHECK_EQ(mask_in_handler, 2);
}

#define ALT_SIZE	(64 * 1024)
static char *alt_base;
static volatile uintptr_t alt_local;
static volatile int alt_flags;

static void alt_handler(int sig)
{
	volatile int local = sig;
	stack_t cur;

	alt_local = (uintptr_t)&local;
	alt_flags = -1;
	if (sigaltstack(NULL, &cur) == 0)
		alt_flags = cur.ss_flags;
}

static void sigaltstack_runs_handler_there(void)
{
	stack_t ss, old;

	alt_base = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(alt_base != MAP_FAILED);
	ss.ss_sp = alt_base;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0;
	CHECK_SYS(sigaltstack(&ss, &old));
	CHECK_EQ(old.ss_flags, SS_DISABLE);
	install(SIGUSR1, alt_handler, SA_ONSTACK);
	install(SIGUSR2, alt_handler, 0);

	CHECK_SYS(raise(SIGUSR1));
	if (alt_local < (uintptr_t)alt_base ||
	    alt_local >= (uintptr_t)alt_base + ALT_SIZE)
		ktap_fail("SA_ONSTACK handler's local at %p, alt stack %p-%p",
			  (void *)alt_local, alt_base, alt_base + ALT_SIZE);
	CHECK_EQ(alt_flags, SS_ONSTACK);

	CHECK_SYS(raise(SIGUSR2));	/* no SA_ONSTACK: the normal stack */
	CHECK(alt_local < (uintptr_t)alt_base ||
	      alt_local >= (uintptr_t)alt_base + ALT_SIZE);
	CHECK_EQ(alt_flags, 0);

	CHECK_SYS(sigaltstack(NULL, &old));
	CHECK(old.ss_sp == alt_base);
	CHECK_EQ(old.ss_size, ALT_SIZE);
	CHECK_EQ(old.ss_flags, 0);
	ss.ss_size = 100;		/* below MINSIGSTKSZ */
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_flags = 0x1234;
	ss.ss_size = ALT_SIZE;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
}

/* The classic use: catch a stack overflow on the alternate stack. */
static volatile char *first_frame;

static __attribute__((noinline)) int recurse_forever(volatile char *prev)
{
	volatile char pad[1024];

	pad[0] = prev ? prev[0] + 1 : 0;
	/* stop (and fail) after 64 MiB if the stack never runs out */
	if ((uintptr_t)first_frame - (uintptr_t)pad > 64UL << 20)
		return -1;
	return recurse_forever(pad) + pad[0];
}

static void overflow_handler(int sig, siginfo_t *si, void *uc)
{
	volatile int local;

	(void)uc;
	if (sig != SIGSEGV || (uintptr_t)&local < (uintptr_t)alt_base ||
	    (uintptr_t)&local >= (uintptr_t)alt_base + ALT_SIZE)
		_exit(3);
	_exit(si->si_code == SEGV_MAPERR ? 0 : 10 + (si->si_code & 0xff));
}

static __attribute__((noinline)) int overflow_start(void)
{
	volatile char here[16];

	here[0] = 0;
	first_frame = here;
	return recurse_forever(here);
}

static void sigaltstack_catches_stack_overflow(void)
{
	pid_t pid = CHECK_SYS(fork());
	int st;

	if (pid == 0) {
		struct sigaction sa;
		stack_t ss;

		alt_base = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ss.ss_sp = alt_base;
		ss.ss_size = ALT_SIZE;
		ss.ss_flags = 0;
		if (alt_base == MAP_FAILED || sigaltstack(&ss, NULL) < 0)
			_exit(4);
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = overflow_handler;
		sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
		sigaction(SIGSEGV, &sa, NULL);
		_exit(overflow_start() == -1 ? 5 : 6);
	}
	st = WAIT_CHILD(pid);
	if (st == 5 << 8)
		ktap_fail("64 MiB of stack and no SIGSEGV (no stack limit?)");
	if (st == 3 << 8)
		ktap_fail("SIGSEGV handler not on the alternate stack");
	if (WIFEXITED(st) && WEXITSTATUS(st) >= 10)
		ktap_fail("stack overflow SIGSEGV has si_code %d, want "
			  "SEGV_MAPERR", WEXITSTATUS(st) - 10);
	if (st != 0)
		ktap_fail("child %s", ktap_status(st));
}

static void default_actions_terminate(void)
{
	static const int sigs[] = { SIGTERM, SIGUSR1, SIGUSR2, SIGHUP,
				    SIGINT, SIGALRM, SIGPIPE };
	unsigned int i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		pid_t pid = CHECK_SYS(fork());
		int st;

		if (pid == 0) {
			raise(sigs[i]);
			_exit(0);
		}
		st = WAIT_CHILD(pid);
		if (!WIFSIGNALED(st) || WTERMSIG(st) != sigs[i])
			ktap_fail("raise(%d) with the default action: child "
				  "%s", sigs[i], ktap_status(st));
	}
}

/* SIGCHLD, SIGURG and SIGWINCH are ignored by default. */
static void default_actions_ignore(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		raise(SIGCHLD);
		raise(SIGURG);
		raise(SIGWINCH);
		kill(getpid(), SIGCHLD);
		_exit(7);
	}
	CHECK_EXITED(pid, 7);
}

/* A SIGSEGV the process has blocked (or ignores) cannot be held back:
 * the fault kills it. */
static void blocked_sigsegv_kills(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		sigset_t set;

		install_info(SIGSEGV, 0);
		sigemptyset(&set);
		sigaddset(&set, SIGSEGV);
		sigprocmask(SIG_BLOCK, &set, NULL);
		*(volatile int *)ktap_ptr(8) = 1;
		_exit(got_count ? 2 : 1);
	}
	CHECK_KILLED(pid, SIGSEGV);

	pid = CHECK_SYS(fork());
	if (pid == 0) {
		signal(SIGSEGV, SIG_IGN);
		*(volatile int *)ktap_ptr(8) = 1;
		_exit(1);
	}
	CHECK_KILLED(pid, SIGSEGV);
}

/* A fault inside a SIGUSR1 handler runs the SIGSEGV handler, which
 * escapes with siglongjmp; everything works afterwards. */
static sigjmp_buf jb;
static volatile void *fault_addr;

static void segv_jump(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	siglongjmp(jb, 1);
}

static void faulting_handler(int sig)
{
	(void)sig;
	count1++;
	*(volatile int *)ktap_ptr(24) = 1;
}

static void fault_in_handler_delivers_sigsegv(void)
{
	struct sigaction sa;
	sigset_t cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = segv_jump;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGSEGV, &sa, NULL));
	install(SIGUSR1, faulting_handler, 0);
	if (sigsetjmp(jb, 1) == 0) {
		raise(SIGUSR1);
		ktap_fail("the handler's fault did not reach SIGSEGV");
	}
	CHECK_EQ(count1, 1);
	CHECK(fault_addr == (void *)24);
	/* siglongjmp restored the mask from before: nothing blocked */
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK_EQ(sigismember(&cur, SIGUSR1), 0);
	CHECK_EQ(sigismember(&cur, SIGSEGV), 0);
	if (sigsetjmp(jb, 1) == 0) {
		raise(SIGUSR1);
		ktap_fail("second fault not caught");
	}
	CHECK_EQ(count1, 2);
}

static void segv_faults_again(int sig)
{
	(void)sig;
	/* SIGSEGV is blocked while its handler runs */
	*(volatile int *)ktap_ptr(32) = 1;
}

static void fault_in_sigsegv_handler_kills(void)
{
	pid_t pid = CHECK_SYS(fork());

	if (pid == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = segv_faults_again;
		sigaction(SIGSEGV, &sa, NULL);
		*(volatile int *)ktap_ptr(16) = 1;
		_exit(1);
	}
	CHECK_KILLED(pid, SIGSEGV);
}

static void sigsuspend_waits_and_restores_mask(void)
{
	sigset_t block, empty, cur;
	pid_t pid, parent = getpid();

	install(SIGUSR1, count_handler, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(20);
		_exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
	}
	sigemptyset(&empty);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(count1, 1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	CHECK_EXITED(pid, 0);
}

/* A child sends SIGUSR1 while we sleep in a blocking call. */
static pid_t poke_later(int ms)
{
	pid_t parent = getpid(), pid = CHECK_SYS(fork());

	if (pid == 0) {
		ktap_sleep_ms(ms);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	return pid;
}

static void nanosleep_interrupted_eintr(void)
{
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	pid_t pid;

	install(SIGUSR1, count_handler, 0);
	pid = poke_later(30);
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	CHECK_EQ(count1, 1);
	CHECK(rem.tv_sec < 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0));
	CHECK_EXITED(pid, 0);
}

static void read_interrupted_eintr(void)
{
	int p[2];
	char c;
	pid_t pid;

	install(SIGUSR1, count_handler, 0);
	CHECK_SYS(pipe(p));
	pid = poke_later(30);
	CHECK_ERR(read(p[0], &c, 1), EINTR);
	CHECK_EQ(count1, 1);
	CHECK_EXITED(pid, 0);
}

/* With SA_RESTART, Linux restarts the interrupted read: it goes on
 * waiting and returns the byte written later. */
static void sa_restart_restarts_read(void)
{
	int p[2];
	char c = 0;
	pid_t pid, parent = getpid();

	install(SIGUSR1, count_handler, SA_RESTART);
	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(30);
		kill(parent, SIGUSR1);
		ktap_sleep_ms(30);
		_exit(write(p[1], "r", 1) == 1 ? 0 : 1);
	}
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'r');
	CHECK_EQ(count1, 1);
	CHECK_EXITED(pid, 0);
}

/* fork: the child keeps handlers and mask, not the pending signals. */
static void fork_keeps_handlers_and_mask_not_pending(void)
{
	sigset_t set;
	pid_t pid;

	install(SIGUSR1, count_handler, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK_SYS(raise(SIGUSR1));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		struct sigaction old;
		sigset_t pend, cur;

		if (sigpending(&pend) < 0 || sigismember(&pend, SIGUSR1))
			_exit(1);
		if (sigprocmask(SIG_BLOCK, NULL, &cur) < 0 ||
		    !sigismember(&cur, SIGUSR1))
			_exit(2);
		if (sigaction(SIGUSR1, NULL, &old) < 0 ||
		    old.sa_handler != count_handler)
			_exit(3);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		_exit(count1 == 0 ? 0 : 4);
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(count1, 1);
}

/* exec: handled signals go back to the default, ignored ones stay
 * ignored, the mask stays (the helper prints what it finds). */
static void exec_resets_handlers_keeps_ignored_and_mask(void)
{
	char *argv[] = { (char *)ktap_argv0, (char *)"--sigstate", NULL };
	char *envp[] = { NULL };
	char out[128];
	sigset_t set;
	int st;

	install(SIGUSR1, count_handler, 0);
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &set, NULL));
	st = ktap_capture(ktap_argv0, argv, envp, out, sizeof(out));
	CHECK_EQ(st, 0);
	if (strcmp(out, "usr1=dfl usr2=ign term=blocked\n"))
		ktap_fail("after exec: \"%s\"", out);
}

static int helper(int argc, char **argv)
{
	struct sigaction a, b;
	sigset_t cur;
	char out[128];
	int n;

	if (argc != 2 || strcmp(argv[1], "--sigstate"))
		return 100;
	sigaction(SIGUSR1, NULL, &a);
	sigaction(SIGUSR2, NULL, &b);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	n = snprintf(out, sizeof(out), "usr1=%s usr2=%s term=%s\n",
		     a.sa_handler == SIG_DFL ? "dfl" : "other",
		     b.sa_handler == SIG_IGN ? "ign" : "other",
		     sigismember(&cur, SIGTERM) == 1 ? "blocked" : "open");
	ktap_write_all(1, out, (size_t)n);
	return 0;
}

/* The state letter of /proc/<pid>/stat, or 0 if there is no such task. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/*
 * Init dies of no signal it has no handler for (Linux's SIGNAL_UNKILLABLE):
 * an orphan whose clone() chose SIGKILL, SIGUSR1 or SIGTERM as its exit
 * signal is handed to init with SIGCHLD instead, and kill(1, SIGKILL)
 * from another process is dropped. When this suite runs under /tests/run
 * (pid 1), a signal that got through would end the whole run here.
 */
static void init_survives_orphans_and_kill(void)
{
	static const int exit_sigs[] = { SIGKILL, SIGUSR1, SIGTERM };
	unsigned int i;
	pid_t child, orphan;
	int p[2], st;
	long end;

	for (i = 0; i < sizeof(exit_sigs) / sizeof(exit_sigs[0]); i++) {
		CHECK_SYS(pipe(p));
		child = CHECK_SYS(fork());
		if (child == 0) {
			pid_t me = getpid();
			/* All-zero arguments read the same in every arch's
			 * clone argument order: a fork with this exit signal. */
			long g = syscall(__NR_clone, (unsigned long)exit_sigs[i],
					 0L, 0L, 0L, 0L);

			if (g == 0) {
				/* Exit only once orphaned: the exit signal then
				 * goes to init. */
				long until = ktap_now_ms() + 8000;

				while (getppid() == me && ktap_now_ms() < until)
					ktap_sleep_ms(1);
				_exit(0);
			}
			if (write(p[1], &g, sizeof(g)) != sizeof(g))
				_exit(2);
			_exit(g > 0 ? 0 : 1);
		}
		close(p[1]);
		orphan = 0;
		{
			long g = 0;

			if (read(p[0], &g, sizeof(g)) == sizeof(g))
				orphan = (pid_t)g;
		}
		close(p[0]);
		st = WAIT_CHILD(child);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || orphan <= 0)
			ktap_fail("clone with exit signal %d failed (status %#x)",
				  exit_sigs[i], st);
		/* Gone (init reaped it) or a zombie: it has exited. */
		end = ktap_now_ms() + 8000;
		while (proc_state(orphan) && proc_state(orphan) != 'Z') {
			if (ktap_now_ms() > end)
				ktap_fail("orphan %d with exit signal %d never "
					  "exited", (int)orphan, exit_sigs[i]);
			ktap_sleep_ms(2);
		}
	}
	child = CHECK_SYS(fork());
	if (child == 0)
		_exit(kill(1, SIGKILL) == 0 ? 0 : 1);
	CHECK_EXITED(child, 0);		/* dropped, as Linux: no error */
	/* Still here, and so is init. */
	CHECK_SYS(kill(1, 0));
}

/* ---- job control ---- */

#include <pthread.h>
#include <sys/mman.h>

/* A child that counts in shared memory as fast as it can, in a process
 * group of its own (so that a terminal-style stop applies to it). */
static volatile unsigned long *counter;

static pid_t counting_child(void)
{
	pid_t pid;

	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(counter != MAP_FAILED);
	*counter = 0;
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			(*counter)++;
	}
	setpgid(pid, pid);
	while (*counter == 0)
		ktap_sleep_ms(10);
	return pid;
}

/* Does the counter stay put for a while (the child is not running)? */
static int counter_still(void)
{
	unsigned long before = *counter;

	ktap_sleep_ms(200);
	return *counter == before;
}

static int wait_status(pid_t pid, int options)
{
	int st = 0;

	CHECK_EQ(waitpid(pid, &st, options), pid);
	return st;
}

static void sigstop_then_sigcont(void)
{
	pid_t pid = counting_child();
	int st;

	CHECK_SYS(kill(pid, SIGSTOP));
	st = wait_status(pid, WUNTRACED);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	CHECK_EQ(proc_state(pid), 'T');
	CHECK(counter_still());
	/* Reported once: a second WUNTRACED wait finds nothing new. */
	CHECK_EQ(waitpid(pid, &st, WUNTRACED | WNOHANG), 0);
	CHECK_SYS(kill(pid, SIGCONT));
	st = wait_status(pid, WCONTINUED);
	CHECK(WIFCONTINUED(st));
	CHECK(!counter_still());
	CHECK(proc_state(pid) != 'T');
	/* SIGKILL ends a stopped process too. */
	CHECK_SYS(kill(pid, SIGSTOP));
	st = wait_status(pid, WUNTRACED);
	CHECK(WIFSTOPPED(st));
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_KILLED(pid, SIGKILL);
}

static volatile int sigchld_code, sigchld_status;

static void sigchld_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	sigchld_code = si->si_code;
	sigchld_status = si->si_status;
}

/* SIGTSTP's default action stops; the parent hears CLD_STOPPED and then
 * CLD_CONTINUED in its SIGCHLD handler. */
static void sigtstp_stops_and_parent_is_told(void)
{
	struct sigaction sa;
	pid_t pid;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sigchld_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGCHLD, &sa, NULL));
	pid = counting_child();
	CHECK_SYS(kill(pid, SIGTSTP));
	st = wait_status(pid, WUNTRACED);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGTSTP);
	/* The SIGCHLD may come a moment after wait4 saw the stop. */
	for (st = 0; sigchld_code != CLD_STOPPED && st < 200; st++)
		ktap_sleep_ms(10);
	CHECK_EQ(sigchld_code, CLD_STOPPED);
	CHECK_EQ(sigchld_status, SIGTSTP);
	CHECK_SYS(kill(pid, SIGCONT));
	st = wait_status(pid, WCONTINUED);
	CHECK(WIFCONTINUED(st));
	for (st = 0; sigchld_code != CLD_CONTINUED && st < 200; st++)
		ktap_sleep_ms(10);
	CHECK_EQ(sigchld_code, CLD_CONTINUED);
	CHECK_EQ(sigchld_status, SIGCONT);
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_KILLED(pid, SIGKILL);
}

/* A process stopped in a blocking call goes back into it when continued:
 * here a read that then gets its data. */
static void stopped_read_resumes(void)
{
	int p[2], st;
	pid_t pid;
	char c;

	CHECK_SYS(pipe(p));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		_exit(c == 'x' ? 0 : 2);
	}
	ktap_sleep_ms(100);
	CHECK_SYS(kill(pid, SIGSTOP));
	st = wait_status(pid, WUNTRACED);
	CHECK(WIFSTOPPED(st));
	CHECK_SYS(kill(pid, SIGCONT));
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EXITED(pid, 0);
}

static void *spin_thread(void *arg)
{
	(void)arg;
	for (;;)
		counter[1]++;
	return NULL;
}

/* A stop stops every thread of the process. */
static void stop_stops_every_thread(void)
{
	pid_t pid;
	int st;
	unsigned long before;

	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(counter != MAP_FAILED);
	counter[1] = 0;
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		pthread_t t;

		if (pthread_create(&t, NULL, spin_thread, NULL))
			_exit(3);
		for (;;)
			ktap_sleep_ms(1000);
	}
	while (counter[1] == 0)
		ktap_sleep_ms(10);
	CHECK_SYS(kill(pid, SIGSTOP));
	st = wait_status(pid, WUNTRACED);
	CHECK(WIFSTOPPED(st));
	before = counter[1];
	ktap_sleep_ms(200);
	CHECK_EQ(counter[1], before);
	CHECK_SYS(kill(pid, SIGCONT));
	ktap_sleep_ms(200);
	CHECK(counter[1] != before);
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_KILLED(pid, SIGKILL);
}

/* Sending SIGCONT throws away pending stop signals, and a stop signal a
 * pending SIGCONT; a SIGCONT handler runs after the continue. */
static void sigcont_and_stop_cancel_each_other(void)
{
	int p[2], q[2], st;
	pid_t pid;

	CHECK_SYS(pipe(p));
	CHECK_SYS(pipe(q));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		sigset_t set, pend;
		char c;

		setpgid(0, 0);
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigaddset(&set, SIGCONT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		if (write(q[1], "r", 1) != 1 || read(p[0], &c, 1) != 1)
			_exit(5);
		/* The parent sent SIGTSTP, SIGCONT, SIGTSTP: the last
		 * stop cancelled the SIGCONT, the SIGCONT the first stop;
		 * one SIGTSTP is pending. */
		sigpending(&pend);
		if (!sigismember(&pend, SIGTSTP))
			_exit(6);
		if (sigismember(&pend, SIGCONT))
			_exit(7);
		_exit(0);
	}
	setpgid(pid, pid);
	{
		char c;

		CHECK_EQ(read(q[0], &c, 1), 1);
	}
	CHECK_SYS(kill(pid, SIGTSTP));
	CHECK_SYS(kill(pid, SIGCONT));
	CHECK_SYS(kill(pid, SIGTSTP));
	CHECK_EQ(write(p[1], "g", 1), 1);
	st = wait_status(pid, 0);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
}

/* A stop and continue does not end a sleep early: nanosleep, a poll with
 * a timeout and sigsuspend go on (Linux restarts them), to the deadline
 * they had. */
static void stop_does_not_cut_sleeps(void)
{
	int p[2], st, what;

	CHECK_SYS(pipe(p));
	for (what = 0; what < 2; what++) {
		pid_t pid = CHECK_SYS(fork());

		if (pid == 0) {
			long t0 = ktap_now_ms(), r;

			if (what == 0) {
				struct timespec ts = { 0, 600000000L };

				r = nanosleep(&ts, NULL);
			} else {
				struct { int fd; short ev, rev; } f =
					{ p[0], 1, 0 };

				r = syscall(__NR_ppoll, &f, 1,
					    &(struct timespec){ 0, 600000000L },
					    NULL, 8);
			}
			if (r != 0)
				_exit(1);
			_exit(ktap_now_ms() - t0 >= 550 ? 0 : 2);
		}
		ktap_sleep_ms(100);
		CHECK_SYS(kill(pid, SIGSTOP));
		st = wait_status(pid, WUNTRACED);
		CHECK(WIFSTOPPED(st));
		CHECK_SYS(kill(pid, SIGCONT));
		CHECK_EXITED(pid, 0);
	}
}

static void waitpid_int_min(void)
{
	int st;

	CHECK_ERR(waitpid((pid_t)0x80000000, &st, WNOHANG), ESRCH);
	CHECK_ERR(waitpid(-1, &st, 0x100), EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sigstop_then_sigcont),
	KTAP_CASE(sigtstp_stops_and_parent_is_told),
	KTAP_CASE(stopped_read_resumes),
	KTAP_CASE(stop_stops_every_thread),
	KTAP_CASE(sigcont_and_stop_cancel_each_other),
	KTAP_CASE(stop_does_not_cut_sleeps),
	KTAP_CASE(waitpid_int_min),
	KTAP_CASE(siginfo_kill),
	KTAP_CASE(siginfo_uid_of_sender),
	KTAP_CASE(siginfo_tgkill),
	KTAP_CASE(siginfo_kill_from_child),
	KTAP_CASE(siginfo_sigchld),
	KTAP_CASE(sigreturn_restores_gprs),
	KTAP_CASE(sigreturn_restores_fp_regs),
	KTAP_CASE(locals_survive_handler),
	KTAP_CASE(sigprocmask_blocks_sigpending_reports),
	KTAP_CASE(ignoring_discards_pending),
	KTAP_CASE(sigkill_sigstop_cannot_be_caught_or_blocked),
	KTAP_CASE(sa_resethand),
	KTAP_CASE(sa_nodefer_nests),
	KTAP_CASE(same_signal_deferred_without_nodefer),
	KTAP_CASE(handler_mask_and_restore),
	KTAP_CASE(sigaltstack_runs_handler_there),
	KTAP_CASE(sigaltstack_catches_stack_overflow),
	KTAP_CASE(default_actions_terminate),
	KTAP_CASE(default_actions_ignore),
	KTAP_CASE(blocked_sigsegv_kills),
	KTAP_CASE(fault_in_handler_delivers_sigsegv),
	KTAP_CASE(fault_in_sigsegv_handler_kills),
	KTAP_CASE(sigsuspend_waits_and_restores_mask),
	KTAP_CASE(nanosleep_interrupted_eintr),
	KTAP_CASE(read_interrupted_eintr),
	KTAP_CASE(sa_restart_restarts_read),
	KTAP_CASE(fork_keeps_handlers_and_mask_not_pending),
	KTAP_CASE(exec_resets_handlers_keeps_ignored_and_mask),
	KTAP_CASE(init_survives_orphans_and_kill),
};

int main(int argc, char **argv)
{
	ktap_argv0 = argv[0];
	if (argc > 1 && !strncmp(argv[1], "--", 2))
		return helper(argc, argv);
	return ktap_run("signals", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
