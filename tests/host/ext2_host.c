/*
 * The C-library side of the host ext2 suite: what the kernel-side test
 * cannot do with the kernel's headers alone (files, processes, the
 * clock). See ext2_host.h.
 */
#define _GNU_SOURCE
#include "ext2_host.h"
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int eh_find_tool(const char *name, char *out, unsigned long size)
{
	static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin",
					    "/bin" };
	const char *path = getenv("PATH");
	unsigned int i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(out, size, "%s/%s", dirs[i], name);
		if (access(out, X_OK) == 0)
			return 0;
	}
	while (path && *path) {
		const char *colon = strchr(path, ':');
		int len = colon ? (int)(colon - path) : (int)strlen(path);

		snprintf(out, size, "%.*s/%s", len, path, name);
		if (len && access(out, X_OK) == 0)
			return 0;
		path = colon ? colon + 1 : NULL;
	}
	return -1;
}

int eh_run(const char *cmd, char *out, unsigned long size)
{
	char full[8192], sink[512];
	unsigned long used = 0;
	FILE *p;
	size_t n;
	int status;

	snprintf(full, sizeof(full), "%s 2>&1", cmd);
	fflush(stdout);
	p = popen(full, "r");
	if (!p)
		return -1;
	for (;;) {
		if (out && used + 1 < size) {
			n = fread(out + used, 1, size - 1 - used, p);
			used += n;
		} else {
			n = fread(sink, 1, sizeof(sink), p);
		}
		if (!n)
			break;
	}
	if (out && size)
		out[used] = '\0';
	status = pclose(p);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int eh_mkdtemp(char *out, unsigned long size)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(out, size, "%s/ext2-tests.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(out) ? 0 : -1;
}

int eh_rm_rf(const char *path)
{
	char cmd[4200];

	if (!path || !*path || !strcmp(path, "/"))
		return -1;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	return eh_run(cmd, NULL, 0);
}

int eh_mkdir(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int eh_write_at(const char *path, const void *data, unsigned long len,
		unsigned long long off)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = pwrite(fd, data, len, (off_t)off);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

int eh_write_file(const char *path, const void *data, unsigned long len)
{
	unlink(path);
	return eh_write_at(path, data, len, 0);
}

int eh_symlink(const char *target, const char *path)
{
	return symlink(target, path);
}

long eh_read_file(const char *path, void *buf, unsigned long max)
{
	int fd = open(path, O_RDONLY);
	unsigned long got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (got < max && (n = read(fd, (char *)buf + got, max - got)) > 0)
		got += (unsigned long)n;
	close(fd);
	return (long)got;
}

int eh_link(const char *old, const char *path)
{
	return link(old, path);
}

int eh_open(const char *path)
{
	return open(path, O_RDWR);
}

void eh_close(int fd)
{
	close(fd);
}

long eh_pread(int fd, void *buf, unsigned long n, unsigned long long off)
{
	return pread(fd, buf, n, (off_t)off);
}

long eh_pwrite(int fd, const void *buf, unsigned long n,
	       unsigned long long off)
{
	return pwrite(fd, buf, n, (off_t)off);
}

long long eh_file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

void *eh_malloc(unsigned long n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		abort();
	return p;
}

void *eh_realloc(void *p, unsigned long n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

void eh_free(void *p)
{
	free(p);
}

void eh_memcpy(void *dst, const void *src, unsigned long n)
{
	memcpy(dst, src, n);
}

static const char *watchdog_what;

static void watchdog_fired(int sig)
{
	static const char msg[] = "\n# ext2-tests: watchdog: a test hung: ";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0 ||
	    write(2, watchdog_what, strlen(watchdog_what)) < 0 ||
	    write(2, "\n", 1) < 0)
		_exit(3);
	_exit(3);
}

void eh_watchdog(unsigned int seconds, const char *what)
{
	watchdog_what = what ? what : "?";
	signal(SIGALRM, watchdog_fired);
	alarm(seconds);
}

unsigned int eh_time(void)
{
	return (unsigned int)time(NULL);
}

unsigned long long eh_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int saved_stdout = -1;

void eh_quiet(int quiet)
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
