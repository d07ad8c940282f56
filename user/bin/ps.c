/* ps: every process from /proc/<pid>/stat (pid, parent, state) with its
 * command line from /proc/<pid>/cmdline, or its name when that is empty. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, got = 0;

	if (fd < 0)
		return -1;
	while ((size_t)got < size - 1 &&
	       (n = read(fd, buf + got, size - 1 - (size_t)got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

static int cmp_pids(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void show(int pid)
{
	char path[64], stat[1024], cmd[256], comm[64], state = '?';
	char *open_paren, *close_paren;
	ssize_t n;
	int ppid = 0, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, stat, sizeof(stat)) <= 0)
		return;		/* gone meanwhile */
	/* "pid (comm) S ppid ...": comm may hold spaces and parentheses,
	 * so it runs from the first '(' to the last ')'. */
	open_paren = strchr(stat, '(');
	close_paren = strrchr(stat, ')');
	comm[0] = '\0';
	if (open_paren && close_paren && close_paren > open_paren) {
		n = close_paren - open_paren - 1;
		if (n >= (ssize_t)sizeof(comm))
			n = sizeof(comm) - 1;
		memcpy(comm, open_paren + 1, (size_t)n);
		comm[n] = '\0';
		state = close_paren[2];
		ppid = atoi(close_paren + 4);
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_file(path, cmd, sizeof(cmd));
	if (n > 0) {
		for (i = 0; i < n - 1; i++)
			if (!cmd[i])
				cmd[i] = ' ';
	} else {
		snprintf(cmd, sizeof(cmd), "[%s]", comm);
	}
	printf("%5d %5d %c %s\n", pid, ppid, state, cmd);
}

int main(void)
{
	int *pids = NULL, n = 0, cap = 0, i;
	struct dirent *e;
	DIR *d = opendir("/proc");

	if (!d) {
		perror("ps: /proc");
		return 1;
	}
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			pids = realloc(pids, (size_t)cap * sizeof(int));
			if (!pids)
				return 1;
		}
		pids[n++] = atoi(e->d_name);
	}
	closedir(d);
	qsort(pids, (size_t)n, sizeof(int), cmp_pids);
	printf("  PID  PPID S CMD\n");
	for (i = 0; i < n; i++)
		show(pids[i]);
	free(pids);
	return 0;
}
