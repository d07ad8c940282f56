/*
 * init: PID 1. Makes sure fds 0-2 are the console, sets a default PATH,
 * runs the shell (or `init prog args...`: the kernel passes what follows
 * "--" on its command line) in a session of its own with the console as
 * its controlling terminal, so that the shell can do job control, reaps
 * every orphan handed to it meanwhile, and exits with the shell's status
 * when the shell is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

static void console_fds(void)
{
	int fd;

	if (fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 &&
	    fcntl(2, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;		/* nothing to talk to; carry on silently */
	while (fd >= 0 && fd < 3)
		fd = fcntl(0, F_GETFD) < 0 ? dup2(fd, 0) :
		     fcntl(1, F_GETFD) < 0 ? dup2(fd, 1) :
		     fcntl(2, F_GETFD) < 0 ? dup2(fd, 2) : 3;
	if (fd > 2)
		close(fd);
}

int main(int argc, char **argv)
{
	char *shell[] = { "sh", NULL };
	char **cmd = argc > 1 ? argv + 1 : shell;
	int status, code;
	pid_t child, pid;

	console_fds();
	if (!getenv("PATH"))
		setenv("PATH", "/bin:/usr/bin", 1);
	if (!getenv("HOME"))
		setenv("HOME", "/", 1);
	if (!getenv("TERM"))
		setenv("TERM", "vt100", 1);

	child = fork();
	if (child < 0) {
		perror("init: fork");
		return 1;
	}
	if (child == 0) {
		/* A shell that can stop and continue its jobs (^Z, fg, bg)
		 * leads a session whose terminal is the console. */
		if (setsid() >= 0)
			ioctl(0, TIOCSCTTY, 0);
		execvp(cmd[0], cmd);
		fprintf(stderr, "init: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	for (;;) {
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			perror("init: wait");
			return 1;
		}
		if (pid != child)
			continue;	/* an orphan: reaped, nothing more */
		if (WIFSIGNALED(status)) {
			fprintf(stderr, "init: %s: %s\n", cmd[0],
				strsignal(WTERMSIG(status)));
			code = 128 + WTERMSIG(status);
		} else {
			code = WEXITSTATUS(status);
		}
		return code;
	}
}
