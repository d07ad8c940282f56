/* mkdir [-p] dir...: make directories (-p: with their parents, no error if
 * they exist). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make_parents(char *path)
{
	char *p = path;
	struct stat st;

	for (;;) {
		p = strchr(p + 1, '/');
		if (p)
			*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n",
				path, strerror(errno));
			return 1;
		}
		if (!p)
			break;
		*p = '/';
	}
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "mkdir: cannot create directory '%s': %s\n",
			path, strerror(ENOTDIR));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, parents = 0, ret = 0;

	if (i < argc && !strcmp(argv[i], "-p")) {
		parents = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "mkdir: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (parents) {
			ret |= make_parents(argv[i]);
		} else if (mkdir(argv[i], 0777) < 0) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n",
				argv[i], strerror(errno));
			ret = 1;
		}
	}
	return ret;
}
