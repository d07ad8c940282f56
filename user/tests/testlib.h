/*
 * testlib.h - for the suites that provoke SIGSEGV/SIGBUS on purpose (faults,
 * filemap): a handler that records the siginfo and jumps back to the case.
 */
#ifndef USER_TESTS_TESTLIB_H
#define USER_TESTS_TESTLIB_H

#include <setjmp.h>
#include "ktap.h"

static sigjmp_buf fault_jb;
static volatile siginfo_t fault_info;
static volatile int fault_count;

static inline void fault_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_info = *si;
	fault_count++;
	siglongjmp(fault_jb, 1);
}

/* Send SIGSEGV and SIGBUS to fault_handler: after sigsetjmp(fault_jb, 1)
 * a fault returns there with fault_info filled. */
static inline void catch_faults(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGSEGV, &sa, NULL));
	CHECK_SYS(sigaction(SIGBUS, &sa, NULL));
}

#endif
