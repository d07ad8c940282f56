/* clone() and sched_yield(). */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>
#include "../../include/uapi/sched.h"

int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
int sched_yield(void);

#endif
