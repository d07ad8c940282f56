/* ls [-l] [-a] [path...]: list directories (sorted) and files, one name a
 * line; -l adds type and mode, links, owner, size and modification time. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int long_format, show_all;

static void mode_string(unsigned int m, char *s)
{
	const char *rwx = "rwxrwxrwx";
	int i;

	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' :
	       S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
}

/* Seconds since the epoch to "YYYY-MM-DD HH:MM" (UTC), by the usual
 * days-to-civil-date arithmetic. */
static void time_string(long t, char *s, size_t size)
{
	long days = t / 86400, secs = t % 86400, era, doe, yoe, doy, mp;
	long y, m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	snprintf(s, size, "%04ld-%02ld-%02ld %02ld:%02ld", y, m, d,
		 secs / 3600, secs / 60 % 60);
}

static int show(const char *path, const char *name)
{
	struct stat st;
	char mode[11], when[32];

	if (!long_format) {
		printf("%s\n", name);
		return 0;
	}
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path,
			strerror(errno));
		return 1;
	}
	mode_string(st.st_mode, mode);
	time_string((long)st.st_mtime, when, sizeof(when));
	printf("%s %3lu %4u %4u %8ld %s %s\n", mode, (unsigned long)st.st_nlink,
	       st.st_uid, st.st_gid, (long)st.st_size, when, name);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *path)
{
	char **names = NULL, sub[4096];
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	int ret = 0;
	DIR *d = opendir(path);

	if (!d) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path,
			strerror(errno));
		return 2;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !show_all)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (!names) {
				fprintf(stderr, "ls: out of memory\n");
				return 2;
			}
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", path, names[i]);
		ret |= show(sub, names[i]);
		free(names[i]);
	}
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	int i, first = 1, ret = 0, npaths;
	struct stat st;
	const char *o;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (o = argv[i] + 1; *o; o++) {
			if (*o == 'l')
				long_format = 1;
			else if (*o == 'a')
				show_all = 1;
			else if (*o != '1') {
				fprintf(stderr, "ls: invalid option -- '%c'\n", *o);
				return 2;
			}
		}
	}
	npaths = argc - i;
	if (npaths == 0)
		return list_dir(".");
	for (; i < argc; i++) {
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", argv[i],
				strerror(errno));
			ret = 2;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			ret |= show(argv[i], argv[i]);
			continue;
		}
		if (npaths > 1)
			printf("%s%s:\n", first ? "" : "\n", argv[i]);
		first = 0;
		ret |= list_dir(argv[i]);
	}
	return ret;
}
