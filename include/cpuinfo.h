/* /proc/cpuinfo's paragraph for one CPU, in its arch's Linux layout
 * (kernel/cpuinfo.c). */
#ifndef FAULTLINE_CPUINFO_H
#define FAULTLINE_CPUINFO_H

#include <types.h>

struct cpu;

/* The paragraph (ending in its blank line) into buf; its length as
 * snprintf counts it. */
int cpuinfo_paragraph(char *buf, size_t size, const struct cpu *c);

#endif
