/* Calls into the Supervisor Binary Interface (OpenSBI on QEMU virt):
 * console, timer and system reset (arch/riscv64/sbi.c). */
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

#define SBI_BASE_GET_SPEC_VERSION	0
#define SBI_BASE_GET_IMPL_ID		1
#define SBI_BASE_PROBE_EXT		3
#define SBI_DBCN_WRITE_BYTE		2
#define SBI_SRST_RESET			0
#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_FAILURE		1

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

#endif
