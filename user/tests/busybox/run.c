/*
 * /tests/busybox/run: pid 1 for the busybox suite (init=/tests/busybox/run).
 * The kernel starts init with no arguments, so this program supplies them:
 * it becomes `busybox sh /tests/busybox/suite.sh`, and the suite's exit
 * ends the boot. Built with the stock Debian (cross) gcc and glibc, like
 * user/glibc, so it needs nothing of Faultline's own libc.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char *argv[] = { "/bin/busybox", "sh", "/tests/busybox/suite.sh", NULL };

	execv(argv[0], argv);
	fprintf(stderr, "busybox run: cannot exec %s: %s\n", argv[0],
		strerror(errno));
	return 127;
}
