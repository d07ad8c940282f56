/* sleep seconds[.fraction]...: pause for the sum of the arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	long sec = 0, nsec = 0, scale;
	struct timespec ts;
	char *p, *end;
	int i;

	if (argc < 2) {
		fprintf(stderr, "sleep: missing operand\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		sec += strtol(argv[i], &end, 10);
		p = end;
		if (*p == '.') {
			for (p++, scale = 100000000; *p >= '0' && *p <= '9';
			     p++, scale /= 10)
				nsec += (*p - '0') * scale;
		}
		if (*p || (end == argv[i] && *end != '.')) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n",
				argv[i]);
			return 1;
		}
	}
	ts.tv_sec = sec + nsec / 1000000000;
	ts.tv_nsec = nsec % 1000000000;
	while (nanosleep(&ts, &ts) < 0)
		;	/* a handled signal: sleep the rest */
	return 0;
}
