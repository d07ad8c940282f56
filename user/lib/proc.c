/* Processes: fork, exec, wait, exit, ids and clone. */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "libc.h"

long __clone_raw(int (*fn)(void *), void *stack, int flags, void *arg,
		 pid_t *ptid, void *tls, pid_t *ctid);

/* arm64 and riscv64 have no fork syscall: clone with just SIGCHLD is one. */
pid_t fork(void)
{
	long r;

#ifdef __NR_fork
	r = SC0(fork);
#else
	r = SC5(clone, SIGCHLD, 0, 0, 0, 0);
#endif
	if (r == 0) {
		/* The child is a new thread with a new tid. */
		__pthread_self()->tid = (int)SC0(gettid);
		__malloc_atfork_child();
	}
	return (pid_t)__syscall_ret(r);
}

int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	pid_t *ptid = NULL, *ctid = NULL;
	void *tls = NULL;
	va_list ap;

	if (!fn || !stack) {
		errno = EINVAL;
		return -1;
	}
	va_start(ap, arg);
	if (flags & (CLONE_PARENT_SETTID | CLONE_SETTLS | CLONE_CHILD_SETTID |
		     CLONE_CHILD_CLEARTID)) {
		ptid = va_arg(ap, pid_t *);
		tls = va_arg(ap, void *);
		ctid = va_arg(ap, pid_t *);
	}
	va_end(ap);
	return (int)__syscall_ret(__clone_raw(fn, stack, flags, arg, ptid, tls,
					      ctid));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(SC3(execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try each directory of PATH in turn; keep the most telling error (EACCES
 * over ENOENT, as the shells report it). */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH");
	const char *p, *end;
	char buf[4096];
	size_t dlen, flen = strlen(file);
	int seen_eacces = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!path)
		path = "/bin:/usr/bin";
	for (p = path;; p = end + 1) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		dlen = (size_t)(end - p);
		if (dlen + 1 + flen + 1 <= sizeof(buf)) {
			memcpy(buf, p, dlen);
			if (dlen == 0)
				buf[dlen++] = '.';	/* empty entry: cwd */
			buf[dlen] = '/';
			memcpy(buf + dlen + 1, file, flen + 1);
			execve(buf, argv, envp);
			if (errno == EACCES)
				seen_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
	}
	errno = seen_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

_Noreturn void _exit(int status)
{
	for (;;) {
		SC1(exit_group, status);
		SC1(exit, status);
	}
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return (pid_t)__syscall_ret(SC4(wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

pid_t getpid(void)
{
	return (pid_t)SC0(getpid);
}

pid_t getppid(void)
{
	return (pid_t)SC0(getppid);
}

pid_t gettid(void)
{
	return (pid_t)SC0(gettid);
}

pid_t getpgrp(void)
{
	return (pid_t)__syscall_ret(SC1(getpgid, 0));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return __syscall_ret(SC2(setpgid, pid, pgid));
}

pid_t setsid(void)
{
	return (pid_t)__syscall_ret(SC0(setsid));
}

uid_t getuid(void)
{
	return (uid_t)SC0(getuid);
}

uid_t geteuid(void)
{
	return (uid_t)SC0(geteuid);
}

gid_t getgid(void)
{
	return (gid_t)SC0(getgid);
}

gid_t getegid(void)
{
	return (gid_t)SC0(getegid);
}

int sched_yield(void)
{
	return __syscall_ret(SC0(sched_yield));
}
