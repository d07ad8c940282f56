/* CPU affinity and the current CPU: sched_setaffinity, sched_getaffinity
 * (as glibc's: 0 on success, the mask past what the kernel wrote zeroed),
 * getcpu and sched_getcpu, and the count behind CPU_COUNT. */
#include <sched.h>
#include <string.h>
#include "libc.h"

/* Bits by clearing the lowest one at a time: no libgcc popcount. */
int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	size_t i, words = size / sizeof(unsigned long);
	unsigned long w;
	int n = 0;

	for (i = 0; i < words; i++)
		for (w = set->__bits[i]; w; w &= w - 1)
			n++;
	return n;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	return (int)__syscall_ret(SC3(sched_setaffinity, pid, size, set));
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	long r = __syscall_ret(SC3(sched_getaffinity, pid, size, set));

	if (r < 0)
		return -1;
	/* The kernel returns how many bytes of its own mask it wrote. */
	if ((size_t)r < size)
		memset((char *)set + r, 0, size - (size_t)r);
	return 0;
}

int getcpu(unsigned int *cpu, unsigned int *node)
{
	return (int)__syscall_ret(SC3(getcpu, cpu, node, 0));
}

int sched_getcpu(void)
{
	unsigned int cpu;

	if (getcpu(&cpu, NULL) < 0)
		return -1;
	return (int)cpu;
}
