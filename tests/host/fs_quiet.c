/* The C-library side of the host fs suite: silence stdout while a test
 * feeds thousands of broken archives to the unpacker (each one printks). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int saved_stdout = -1;

void fs_host_quiet(int quiet)
{
	fflush(stdout);
	if (quiet && saved_stdout < 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null < 0)
			return;
		saved_stdout = dup(1);
		dup2(null, 1);
		close(null);
	} else if (!quiet && saved_stdout >= 0) {
		dup2(saved_stdout, 1);
		close(saved_stdout);
		saved_stdout = -1;
	}
}
