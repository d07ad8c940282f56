/* Fast user-space mutexes (kernel/futex.c): wait on a 32-bit user word,
 * wake its waiters. */
#ifndef FAULTLINE_FUTEX_H
#define FAULTLINE_FUTEX_H

#include <types.h>

/* Wake up to n tasks waiting on the user address uaddr of current's mm;
 * returns how many were woken. */
int futex_wake_address(unsigned long uaddr, int n);

#endif
