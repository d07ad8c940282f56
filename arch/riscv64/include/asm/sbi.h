/* Calls into the Supervisor Binary Interface (OpenSBI on QEMU virt):
 * console, timer, system reset, and for SMP hart start, IPIs and remote
 * TLB flushes (arch/riscv64/sbi.c). */
#ifndef ASM_RISCV64_SBI_H
#define ASM_RISCV64_SBI_H

#include <types.h>
#include <compiler.h>

/* Extension IDs: legacy ones are small numbers, v0.2+ ones spell ASCII. */
#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_LEGACY_SHUTDOWN	0x08
#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494d45	/* "TIME" */
#define SBI_EXT_SRST		0x53525354	/* "SRST" */
#define SBI_EXT_DBCN		0x4442434e	/* "DBCN" */
#define SBI_EXT_HSM		0x48534d	/* "HSM": hart state */
#define SBI_EXT_IPI		0x735049	/* "sPI": supervisor IPIs */
#define SBI_EXT_RFENCE		0x52464e43	/* "RFNC": remote fences */

#define SBI_BASE_GET_SPEC_VERSION	0
#define SBI_BASE_GET_IMPL_ID		1
#define SBI_BASE_PROBE_EXT		3
#define SBI_DBCN_WRITE_BYTE		2
#define SBI_SRST_RESET			0
#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_FAILURE		1
#define SBI_HSM_HART_START		0
#define SBI_IPI_SEND_IPI		0
#define SBI_RFENCE_SFENCE_VMA		1

/* Error codes (struct sbiret.error). */
#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2
#define SBI_ERR_INVALID_PARAM		-3
#define SBI_ERR_DENIED			-4
#define SBI_ERR_INVALID_ADDRESS		-5
#define SBI_ERR_ALREADY_AVAILABLE	-6

struct sbiret {
	long error;	/* 0 = success, negative SBI error code */
	long value;
};

struct sbiret sbi_call(unsigned long ext, unsigned long fid,
		       unsigned long a0, unsigned long a1, unsigned long a2);
/* True if the firmware implements extension ext. */
bool sbi_probe(unsigned long ext);
void sbi_putc(char c);
void sbi_set_timer(u64 deadline);
void __noreturn sbi_shutdown(bool failure);
/* A negative SBI error code in words. */
const char *sbi_strerror(long error);

/* Start a stopped hart at the physical address start (MMU off, a0 =
 * hartid, a1 = opaque); returns an SBI error code. */
long sbi_hart_start(unsigned long hartid, unsigned long start,
		    unsigned long opaque);
/*
 * Harts are named by a mask and a base: bit i of mask is hart base + i.
 * send_ipi raises the supervisor software interrupt on them; remote
 * sfence.vma runs sfence.vma for [start, start + size) on each (size -1:
 * everything) and returns once they all did it.
 */
long sbi_send_ipi(unsigned long mask, unsigned long base);
long sbi_remote_sfence_vma(unsigned long mask, unsigned long base,
			   unsigned long start, unsigned long size);

#endif
