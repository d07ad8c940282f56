/* /dev/slow (Faultline's own device, 1:250): pages that take time to be
 * produced, so that a fault on them must wait (VM_FAULT_RETRY). Shared by
 * the kernel (kernel/fs/slow.c) and the tests. */
#ifndef FAULTLINE_UAPI_SLOWDEV_H
#define FAULTLINE_UAPI_SLOWDEV_H

/* Each open file is an object of this many pages; mapping beyond it gives
 * SIGBUS on access. */
#define SLOW_PAGES		256
/* A page is ready this many ticks (10 ms each) after its first fault. */
#define SLOW_DEFAULT_DELAY	2

/* ioctl requests on an open /dev/slow. */
#define SLOW_IOC_HOLD		0x7301	/* arg 1: nothing becomes ready
					 * until HOLD 0 */
#define SLOW_IOC_DELAY		0x7302	/* arg: ticks from first fault */
#define SLOW_IOC_WAITERS	0x7303	/* returns: faults waiting now */
#define SLOW_IOC_PRODUCED	0x7304	/* returns: pages produced */

/* The 64-bit word at byte offset off (a multiple of 8) of the object. */
#define SLOW_WORD(off)	(0x510e000000000000ULL | (unsigned long long)(off))

#endif
