/* Calls into the SBI firmware (OpenSBI): the ecall convention, extension
 * probing, and the console, timer, reset, hart-start, IPI and remote-fence
 * services the kernel uses. */
#include <asm/sbi.h>
#include <asm/irqflags.h>

struct sbiret sbi_call(unsigned long ext, unsigned long fid,
		       unsigned long a0, unsigned long a1, unsigned long a2)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a2 __asm__("a2") = a2;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
			     : "+r"(r_a0), "+r"(r_a1)
			     : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			     : "memory");
	ret.error = r_a0;
	ret.value = r_a1;
	return ret;
}

/* Legacy (v0.1) calls return only a0 and ignore a6. */
static long sbi_legacy_call(unsigned long ext, unsigned long a0)
{
	return sbi_call(ext, 0, a0, 0, 0).error;
}

bool sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0);

	return r.error == 0 && r.value != 0;
}

/*
 * The console is used from the first C line, before anything else is set
 * up, so it probes on first use. DBCN (SBI 2.0) is the supported way;
 * older firmware (OpenSBI 1.1/1.2 in QEMU 7.2 and Debian 12) only has the
 * legacy console_putchar, which is still fine for a debug console.
 */
void sbi_putc(char c)
{
	static int has_dbcn = -1;

	if (has_dbcn < 0)
		has_dbcn = sbi_probe(SBI_EXT_DBCN);
	if (has_dbcn)
		sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, (u8)c, 0, 0);
	else
		sbi_legacy_call(SBI_EXT_LEGACY_PUTCHAR, (u8)c);
}

void sbi_set_timer(u64 deadline)
{
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0);
}

void __noreturn sbi_shutdown(bool failure)
{
	arch_irq_disable();
	if (sbi_probe(SBI_EXT_SRST))
		sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_TYPE_SHUTDOWN,
			 failure ? SBI_SRST_REASON_FAILURE :
				   SBI_SRST_REASON_NONE, 0);
	/* No SRST, or it failed: try the legacy call before giving up. */
	sbi_legacy_call(SBI_EXT_LEGACY_SHUTDOWN, 0);
	for (;;)
		arch_wait_for_interrupt();
}

const char *sbi_strerror(long error)
{
	switch (error) {
	case SBI_SUCCESS:		return "success";
	case SBI_ERR_FAILED:		return "failed";
	case SBI_ERR_NOT_SUPPORTED:	return "not supported";
	case SBI_ERR_INVALID_PARAM:	return "invalid parameter";
	case SBI_ERR_DENIED:		return "denied";
	case SBI_ERR_INVALID_ADDRESS:	return "invalid address";
	case SBI_ERR_ALREADY_AVAILABLE:	return "already started";
	default:			return "unknown error";
	}
}

long sbi_hart_start(unsigned long hartid, unsigned long start,
		    unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, start,
			opaque).error;
}

long sbi_send_ipi(unsigned long mask, unsigned long base)
{
	return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, mask, base, 0).error;
}

/* Five arguments: one more than sbi_call() passes. */
long sbi_remote_sfence_vma(unsigned long mask, unsigned long base,
			   unsigned long start, unsigned long size)
{
	register unsigned long r_a0 __asm__("a0") = mask;
	register unsigned long r_a1 __asm__("a1") = base;
	register unsigned long r_a2 __asm__("a2") = start;
	register unsigned long r_a3 __asm__("a3") = size;
	register unsigned long r_a6 __asm__("a6") = SBI_RFENCE_SFENCE_VMA;
	register unsigned long r_a7 __asm__("a7") = SBI_EXT_RFENCE;

	__asm__ __volatile__("ecall"
			     : "+r"(r_a0), "+r"(r_a1)
			     : "r"(r_a2), "r"(r_a3), "r"(r_a6), "r"(r_a7)
			     : "memory");
	return r_a0;
}
