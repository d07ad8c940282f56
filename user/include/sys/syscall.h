/* System-call numbers (the kernel's table) for syscall(). */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include "../../../include/uapi/unistd.h"

long syscall(long nr, ...);

#endif
