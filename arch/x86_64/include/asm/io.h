/* x86_64 device access: MMIO through the uncached ioremap window (x86 keeps
 * uncached accesses in program order; the compiler must too) and the I/O
 * port space with in/out. */
#ifndef ASM_X86_64_IO_H
#define ASM_X86_64_IO_H

#include <types.h>

#define __io_barrier() __asm__ __volatile__("" : : : "memory")

static inline u8 readb(const volatile void *addr)
{
	u8 v = *(const volatile u8 *)addr;

	__io_barrier();
	return v;
}

static inline u16 readw(const volatile void *addr)
{
	u16 v = *(const volatile u16 *)addr;

	__io_barrier();
	return v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;

	__io_barrier();
	return v;
}

static inline u64 readq(const volatile void *addr)
{
	u64 v = *(const volatile u64 *)addr;

	__io_barrier();
	return v;
}

static inline void writeb(u8 val, volatile void *addr)
{
	__io_barrier();
	*(volatile u8 *)addr = val;
}

static inline void writew(u16 val, volatile void *addr)
{
	__io_barrier();
	*(volatile u16 *)addr = val;
}

static inline void writel(u32 val, volatile void *addr)
{
	__io_barrier();
	*(volatile u32 *)addr = val;
}

static inline void writeq(u64 val, volatile void *addr)
{
	__io_barrier();
	*(volatile u64 *)addr = val;
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline void outb(u8 val, u16 port)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(val), "Nd"(port) : "memory");
}

static inline void outw(u16 val, u16 port)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(val), "Nd"(port) : "memory");
}

static inline void outl(u32 val, u16 port)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(val), "Nd"(port) : "memory");
}

#endif
