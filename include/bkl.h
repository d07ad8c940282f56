/*
 * The big kernel lock (kernel/bkl.c): one CPU at a time runs kernel code.
 * A CPU takes it on every system call and exception from user mode but a
 * page fault, in device interrupt handlers (handle_irq) and for the boot
 * CPU's tick, keeps it while it switches between tasks, and drops it on
 * the way back to user mode and while its idle loop waits. It is recursive per CPU (an
 * interrupt in kernel code takes it again). A secondary CPU's tick and
 * the IPI handler take it not at all: they touch only that CPU's own
 * state. Everything the kernel shares between CPUs that has no lock of
 * its own is guarded by it; what does have its own says so where it is
 * defined (docs/smp.md has the table: printk's buffer, the IPI requests,
 * the page allocator, kmalloc, rwsems, page tables, the fault trace...).
 *
 * A CPU spinning for it keeps answering IPIs (smp_poll_ipis), so the
 * holder may wait for another CPU (a TLB shootdown, smp_call_on_cpu).
 * It is always the outermost lock: nothing calls bkl_lock() holding a
 * spinlock (the BKL's holder may want that spinlock; the lock checker
 * oopses, even where the CPU holds the BKL already and would not wait).
 * Sleeping locks (the mmap lock) may be held while taking it.
 *
 * Code that runs without it: a user page fault, from its trap to its
 * return unless it ends in a signal or a reschedule (its locks:
 * mm/fault.c), the IPI handler, the secondary CPUs' tick.
 */
#ifndef FAULTLINE_BKL_H
#define FAULTLINE_BKL_H

#include <types.h>

void bkl_lock(void);
void bkl_unlock(void);
/* Does this CPU hold it? */
bool bkl_held(void);
/* For a path that may sleep under it, running with or without it:
 * schedule() wants it taken exactly once. Takes it unless this CPU holds
 * it, and says whether it did, for bkl_unlock_if(). */
bool bkl_lock_once(void);
void bkl_unlock_if(bool taken);
/* Drop every level this CPU holds and return how many; bkl_relock() takes
 * it back as deep (the idle loop's wait). */
unsigned int bkl_release_all(void);
void bkl_relock(unsigned int depth);

/* Entry from user mode: the arch's trap code calls this first, with
 * interrupts off, for system calls and exceptions but a page fault (an
 * interrupt's handler takes the BKL itself if it must); exit_to_user_mode()
 * drops the lock again (and takes it first if it has work and the trap
 * came without it). */
void enter_from_user_mode(void);

#endif
