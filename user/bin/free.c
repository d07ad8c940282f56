/* free [-k|-m]: memory use from /proc/meminfo, laid out as procps's free
 * (total, used, free, shared, buff/cache, available; KiB by default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct field {
	const char *name;
	long kib;
};

static struct field fields[] = {
	{ "MemTotal", 0 }, { "MemFree", 0 }, { "MemAvailable", 0 },
	{ "Buffers", 0 }, { "Cached", 0 }, { "Shmem", 0 },
	{ "SReclaimable", 0 }, { "SwapTotal", 0 }, { "SwapFree", 0 },
};

enum { TOTAL, FREE, AVAIL, BUFFERS, CACHED, SHMEM, SRECLAIM, STOTAL, SFREE };

int main(int argc, char **argv)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256], *colon;
	int shift = 0, have_avail = 0;
	long used, cache;
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "-m"))
		shift = 10;
	if (!f) {
		perror("free: /proc/meminfo");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			if (!strcmp(line, fields[i].name)) {
				fields[i].kib = strtol(colon + 1, NULL, 10);
				have_avail |= i == AVAIL;
			}
		}
	}
	fclose(f);
	cache = fields[CACHED].kib + fields[SRECLAIM].kib;
	/* procps 4: used is what is not available; older kernels have no
	 * MemAvailable, and then it is what is neither free nor cache. */
	if (!have_avail)
		fields[AVAIL].kib = fields[FREE].kib + fields[BUFFERS].kib +
				    cache;
	used = fields[TOTAL].kib - fields[AVAIL].kib;
	if (used < 0)
		used = 0;
	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free",
	       "shared", "buff/cache", "available");
	printf("%-7s%13ld%12ld%12ld%12ld%12ld%12ld\n", "Mem:",
	       fields[TOTAL].kib >> shift, used >> shift,
	       fields[FREE].kib >> shift, fields[SHMEM].kib >> shift,
	       (fields[BUFFERS].kib + cache) >> shift,
	       fields[AVAIL].kib >> shift);
	printf("%-7s%13ld%12ld%12ld\n", "Swap:", fields[STOTAL].kib >> shift,
	       (fields[STOTAL].kib - fields[SFREE].kib) >> shift,
	       fields[SFREE].kib >> shift);
	return 0;
}
