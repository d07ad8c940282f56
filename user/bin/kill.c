/* kill [-SIGNAL | -s SIGNAL | -l] pid...: send a signal (TERM by default);
 * signals by number or by name, with or without SIG. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",
	[SIGBUS] = "BUS", [SIGFPE] = "FPE", [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
	[SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",
	[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP", [SIGTTIN] = "TTIN",
	[SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
	[SIGWINCH] = "WINCH", [SIGIO] = "IO", [SIGPWR] = "PWR",
	[SIGSYS] = "SYS",
};

static int parse_signal(const char *s)
{
	char *end;
	long n;
	int i;

	n = strtol(s, &end, 10);
	if (*s && !*end)
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 1; i < SIGRTMIN; i++)
		if (names[i] && !strcasecmp(s, names[i]))
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, ret = 0;
	char *end;
	long pid;

	if (i < argc && !strcmp(argv[i], "-l")) {
		for (sig = 1; sig < SIGRTMIN; sig++)
			printf("%2d) SIG%s\n", sig, names[sig]);
		return 0;
	}
	if (i < argc && !strcmp(argv[i], "-s") && i + 1 < argc) {
		sig = parse_signal(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		sig = parse_signal(argv[i] + 1);
		i++;
	}
	if (sig < 0) {
		fprintf(stderr, "kill: invalid signal specification\n");
		return 1;
	}
	if (i == argc) {
		fprintf(stderr, "usage: kill [-SIGNAL] pid...\n");
		return 1;
	}
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (!*argv[i] || *end) {
			fprintf(stderr, "kill: %s: arguments must be process ids\n",
				argv[i]);
			ret = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld) - %s\n", pid,
				strerror(errno));
			ret = 1;
		}
	}
	return ret;
}
