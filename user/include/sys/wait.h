/* waitpid/wait4 and the Linux wait status encoding: exit code in bits 8-15,
 * terminating signal in bits 0-6, core flag 0x80, 0x7f in the low byte for
 * a stopped child. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG		1
#define WUNTRACED	2
#define WCONTINUED	8

#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WTERMSIG(s)	((s) & 0x7f)
#define WSTOPSIG(s)	WEXITSTATUS(s)
#define WCOREDUMP(s)	((s) & 0x80)
#define WIFEXITED(s)	(WTERMSIG(s) == 0)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WIFSTOPPED(s)	(((s) & 0xff) == 0x7f)
#define WIFCONTINUED(s)	((s) == 0xffff)

struct rusage;

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);

#endif
