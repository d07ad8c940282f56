/* clone(), sched_yield(), and which CPUs a thread runs on: CPU masks
 * (cpu_set_t, the CPU_* macros), sched_{set,get}affinity, getcpu. */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>
#include "../../include/uapi/sched.h"

int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
int sched_yield(void);

/* A CPU mask as Linux and glibc lay it out: one bit per CPU in longs. */
#define CPU_SETSIZE	1024
#define __CPU_BITS	(8 * sizeof(unsigned long))

typedef struct {
	unsigned long __bits[CPU_SETSIZE / (8 * sizeof(unsigned long))];
} cpu_set_t;

#define __CPU_WORD(cpu)	((size_t)(cpu) / __CPU_BITS)
#define __CPU_BIT(cpu)	(1UL << ((size_t)(cpu) % __CPU_BITS))
#define __CPU_IN(cpu)	((size_t)(cpu) < CPU_SETSIZE)

#define CPU_ZERO(set)	__builtin_memset((set), 0, sizeof(cpu_set_t))
#define CPU_SET(cpu, set) \
	((void)(__CPU_IN(cpu) ? \
		((set)->__bits[__CPU_WORD(cpu)] |= __CPU_BIT(cpu)) : 0))
#define CPU_CLR(cpu, set) \
	((void)(__CPU_IN(cpu) ? \
		((set)->__bits[__CPU_WORD(cpu)] &= ~__CPU_BIT(cpu)) : 0))
#define CPU_ISSET(cpu, set) \
	(__CPU_IN(cpu) && \
	 ((set)->__bits[__CPU_WORD(cpu)] & __CPU_BIT(cpu)) != 0)
#define CPU_COUNT(set)	__sched_cpucount(sizeof(cpu_set_t), (set))

int __sched_cpucount(size_t size, const cpu_set_t *set);
int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
int getcpu(unsigned int *cpu, unsigned int *node);
int sched_getcpu(void);

#endif
