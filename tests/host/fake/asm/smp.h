/* Fake arch for host tests: one CPU, whose struct cpu the test program
 * provides (host_cpu.c). */
#ifndef FAKE_ASM_SMP_H
#define FAKE_ASM_SMP_H

struct cpu;

struct arch_cpu {
	int unused;
};

extern struct cpu *host_this_cpu;

static inline struct cpu *arch_this_cpu(void) { return host_this_cpu; }
static inline void arch_set_this_cpu(struct cpu *c) { host_this_cpu = c; }
static inline void arch_cpu_relax(void) { }

#endif
