/* Kernel stack geometry, usable from assembly: the trap entry code tests
 * one bit of sp to tell a blown stack (mm/vmap.c, docs/porting.md). */
#ifndef FAULTLINE_KSTACK_H
#define FAULTLINE_KSTACK_H

#define KSTACK_SHIFT	14

#ifdef __ASSEMBLY__
#define KSTACK_SIZE	(1 << KSTACK_SHIFT)
#else
#define KSTACK_SIZE	(1UL << KSTACK_SHIFT)	/* 16 KiB */
#endif

/*
 * Every stack the kernel runs on (task stacks, the boot stack on arches
 * without a hardware stack switch, the overflow stack) is at most
 * KSTACK_SIZE bytes and starts at a multiple of KSTACK_ALIGN. Bit
 * KSTACK_SHIFT of an address on such a stack is then 0, and it is 1 in
 * the KSTACK_SIZE bytes below: one test of sp minus a trap frame says
 * whether saving that frame would run off the stack.
 */
#define KSTACK_ALIGN	(2 * KSTACK_SIZE)

#endif
