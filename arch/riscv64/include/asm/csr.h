/* riscv64 supervisor CSRs: names, bits and accessors (private to
 * arch/riscv64). */
#ifndef ASM_RISCV64_CSR_H
#define ASM_RISCV64_CSR_H

#include <asm/ptrace.h>	/* SSTATUS_* */

#ifdef __ASSEMBLY__
#define _AC(x, s) x
#else
#define _AC(x, s) x##s
#endif

/* sie / sip: which S-mode interrupts are enabled / pending. */
#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9
#define SIE_SSIE	(_AC(1, UL) << IRQ_S_SOFT)
#define SIE_STIE	(_AC(1, UL) << IRQ_S_TIMER)
#define SIE_SEIE	(_AC(1, UL) << IRQ_S_EXT)

/* scause: top bit set for interrupts, the rest is the code. */
#define SCAUSE_IRQ	(_AC(1, UL) << 63)

/* scause codes of the three page faults (the rest: traps.c's names). */
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15	/* stores and AMOs */

/* satp: MODE in bits 60..63, root table PPN in bits 0..43. */
#define SATP_MODE_SV39	(_AC(8, UL) << 60)

/* Sstc's supervisor timer compare register (not known to every
 * assembler by name). */
#define CSR_STIMECMP	0x14d

#ifndef __ASSEMBLY__
#define csr_read(csr) ({						\
	unsigned long __v;						\
	__asm__ __volatile__("csrr %0, " #csr : "=r"(__v) : : "memory"); \
	__v;								\
})

#define csr_write(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrw " #csr ", %0" : : "rK"(__v) : "memory"); \
})

#define csr_set(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrs " #csr ", %0" : : "rK"(__v) : "memory"); \
})

#define csr_clear(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrc " #csr ", %0" : : "rK"(__v) : "memory"); \
})

static inline unsigned long read_time(void)
{
	unsigned long t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}
#endif

#endif
