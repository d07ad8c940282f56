/* futex(): wait for a word to change, wake its waiters. */
#ifndef _SYS_FUTEX_H
#define _SYS_FUTEX_H

#include <time.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128

long futex(int *uaddr, int op, int val, const struct timespec *timeout,
	   int *uaddr2, int val3);

#endif
