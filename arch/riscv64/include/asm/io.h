/* riscv64 MMIO accessors. Device registers are ordered against each other
 * by the PMAs (I/O regions are strongly ordered on virt), but not against
 * ordinary memory: the fences make a write after a buffer fill, and a
 * buffer read after a status read, see the right data. */
#ifndef ASM_RISCV64_IO_H
#define ASM_RISCV64_IO_H

#include <types.h>

/* Earlier memory writes are visible to the device before this store. */
#define __io_wmb()	__asm__ __volatile__("fence w,o" : : : "memory")
/* This device load completes before later memory reads. */
#define __io_rmb()	__asm__ __volatile__("fence i,r" : : : "memory")

#define RISCV_MMIO_READ(name, type, insn)				\
static inline type name(const volatile void *addr)			\
{									\
	type val;							\
									\
	__asm__ __volatile__(insn " %0, 0(%1)"				\
			     : "=r"(val) : "r"(addr) : "memory");	\
	__io_rmb();							\
	return val;							\
}

#define RISCV_MMIO_WRITE(name, type, insn)				\
static inline void name(type val, volatile void *addr)			\
{									\
	__io_wmb();							\
	__asm__ __volatile__(insn " %0, 0(%1)"				\
			     : : "r"(val), "r"(addr) : "memory");	\
}

RISCV_MMIO_READ(readb, u8, "lbu")
RISCV_MMIO_READ(readw, u16, "lhu")
RISCV_MMIO_READ(readl, u32, "lw")
RISCV_MMIO_READ(readq, u64, "ld")
RISCV_MMIO_WRITE(writeb, u8, "sb")
RISCV_MMIO_WRITE(writew, u16, "sh")
RISCV_MMIO_WRITE(writel, u32, "sw")
RISCV_MMIO_WRITE(writeq, u64, "sd")

#endif
