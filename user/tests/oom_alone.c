/*
 * oom_alone: run as pid 1 (`init=/tests/oom_alone`) with nothing else in
 * the system, and touch memory until there is none. Init is never the
 * out-of-memory victim and nobody else holds memory, so the kernel must
 * stop with a clear panic instead of retrying the fault for ever.
 * tools/test's "oom alone" boot checks the message and that the machine
 * powered off by itself. Anywhere but pid 1 it refuses to run.
 */
#include "ktap.h"

#define MiB		(1024UL * 1024)
#define CHUNK		(16 * MiB)
#define PAGE		4096UL

int main(void)
{
	unsigned long mib = 0, off;
	char *p;

	if (getpid() != 1) {
		ktap_print("# oom_alone: only as pid 1 "
			   "(init=/tests/oom_alone)");
		return 1;
	}
	ktap_print("# oom_alone: touching memory until there is none");
	for (;;) {
		p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			/* Init exits: the run fails on the missing panic. */
			ktap_print("# oom_alone: mmap failed after %lu MiB: %s",
				   mib, ktap_errname(errno));
			return 1;
		}
		for (off = 0; off < CHUNK; off += PAGE)
			p[off] = 1;
		mib += CHUNK / MiB;
	}
}
