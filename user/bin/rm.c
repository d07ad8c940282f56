/* rm [-r] [-f] path...: remove files (-r: directories and what is in them;
 * -f: no complaint about missing paths). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive, force;

static int remove_path(const char *path)
{
	char sub[4096];
	struct dirent *e;
	struct stat st;
	int ret = 0;
	DIR *d;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	if (!recursive) {
		fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
		return 1;
	}
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "rm: cannot open '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		ret |= remove_path(sub);
	}
	closedir(d);
	if (rmdir(path) < 0) {
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	return ret;
}

int main(int argc, char **argv)
{
	int i, ret = 0;
	const char *o;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (o = argv[i] + 1; *o; o++) {
			if (*o == 'r' || *o == 'R')
				recursive = 1;
			else if (*o == 'f')
				force = 1;
			else {
				fprintf(stderr, "rm: invalid option -- '%c'\n", *o);
				return 1;
			}
		}
	}
	if (i == argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}
	for (; i < argc; i++)
		ret |= remove_path(argv[i]);
	return ret;
}
