/*
 * MMIO accessors. Each access is one plain ldr/str on a base register, so
 * a hypervisor trapping it gets a usable syndrome. Barriers order device
 * accesses against normal memory (e.g. a buffer filled before a doorbell).
 */
#ifndef ASM_ARM64_IO_H
#define ASM_ARM64_IO_H

#include <types.h>

#define __io_rmb() __asm__ __volatile__("dmb oshld" : : : "memory")
#define __io_wmb() __asm__ __volatile__("dmb oshst" : : : "memory")

static inline u8 readb(const volatile void *addr)
{
	u32 v;

	__asm__ __volatile__("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	__io_rmb();
	return (u8)v;
}

static inline u16 readw(const volatile void *addr)
{
	u32 v;

	__asm__ __volatile__("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	__io_rmb();
	return (u16)v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	__io_rmb();
	return v;
}

static inline u64 readq(const volatile void *addr)
{
	u64 v;

	__asm__ __volatile__("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	__io_rmb();
	return v;
}

static inline void writeb(u8 val, volatile void *addr)
{
	__io_wmb();
	__asm__ __volatile__("strb %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline void writew(u16 val, volatile void *addr)
{
	__io_wmb();
	__asm__ __volatile__("strh %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline void writel(u32 val, volatile void *addr)
{
	__io_wmb();
	__asm__ __volatile__("str %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline void writeq(u64 val, volatile void *addr)
{
	__io_wmb();
	__asm__ __volatile__("str %x0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

#endif
