/*
 * glibc-hello: a static program built with the stock Debian cross gcc and
 * its glibc. Everything it prints is the same on every Linux (and must be
 * on Faultline): printf formats, strtol, qsort, malloc, a thread, argv.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *sum_range(void *arg)
{
	long from = (long)arg, i, s = 0;

	for (i = from; i < from + 1000; i++)
		s += i;
	pthread_mutex_lock(&lock);
	total += s;
	pthread_mutex_unlock(&lock);
	return (void *)s;
}

static const char *volatile digits = "0123456789";

static void formats(void)
{
	char small[8];
	int n;

	printf("[%d] [%i] [%u] [%x] [%X] [%o]\n", -42, 42, 42u, 255, 255, 8);
	printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%.3d]\n", 7, 7, 7, 7, 7, 7);
	printf("[%#x] [%#o] [%ld] [%lld] [%zu] [%hhd]\n", 255, 8,
	       LONG_MIN, LLONG_MAX, (size_t)123456789, 300);
	printf("[%c] [%s] [%.3s] [%10s] [%-10s] [%%]\n", 'A', "text",
	       "truncate", "right", "left");
	printf("[%f] [%.2f] [%e] [%g] [%g] [%10.4f]\n", 3.14159265,
	       2.675, 12345.678, 0.0001, 1e20, -1.5);
	printf("[%a] [%.0f] [%.0f] [%5.1e]\n", 1.0, 0.5, 1.5, 9.99e-5);
	printf("[%p] [%s]\n", (void *)0, strerror(ENOENT));
	n = snprintf(small, sizeof(small), "%s", digits);
	printf("snprintf kept \"%s\" and returned %d\n", small, n);
}

static void numbers(void)
{
	char *end;
	long v;

	printf("strtol: %ld %ld %ld %ld\n", strtol("12345", NULL, 10),
	       strtol("-0x1f", NULL, 0), strtol("0777", NULL, 0),
	       strtol("zz", NULL, 36));
	v = strtol("  -17abc", &end, 10);
	printf("strtol stops: %ld at \"%s\"\n", v, end);
	errno = 0;
	v = strtol("99999999999999999999", NULL, 10);
	printf("overflow: %s %s\n", v == LONG_MAX ? "LONG_MAX" : "wrong",
	       errno == ERANGE ? "ERANGE" : "no ERANGE");
	printf("strtoul: %lu, atoi: %d, strtod: %.5f\n",
	       strtoul("4294967296", NULL, 10), atoi("-2147483648"),
	       strtod("3.14159", NULL));
}

static void sorting(void)
{
	int a[20], i;
	unsigned int x = 12345;
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry" };

	for (i = 0; i < 20; i++) {
		x = x * 1103515245u + 12345u;
		a[i] = (int)(x >> 16) % 1000 - 500;
	}
	qsort(a, 20, sizeof(a[0]), cmp_int);
	printf("qsort:");
	for (i = 0; i < 20; i++)
		printf(" %d", a[i]);
	printf("\n");
	qsort(words, 5, sizeof(words[0]), cmp_str);
	printf("words: %s %s %s %s %s\n", words[0], words[1], words[2],
	       words[3], words[4]);
}

static void memory(void)
{
	char *blocks[500];
	char *grow = NULL;
	int i, j, bad = 0;
	int *zero;

	for (i = 0; i < 500; i++) {
		size_t size = (size_t)(i * 37 % 4000) + 1;

		blocks[i] = malloc(size);
		if (!blocks[i]) {
			bad++;
			continue;
		}
		memset(blocks[i], i & 0xff, size);
	}
	for (i = 0; i < 500; i++) {
		size_t size = (size_t)(i * 37 % 4000) + 1;

		for (j = 0; blocks[i] && j < (int)size; j++)
			if (blocks[i][j] != (char)(i & 0xff))
				bad++;
		free(blocks[i]);
	}
	for (i = 1; i <= 20; i++) {
		char *g = realloc(grow, (size_t)i * 10000);

		if (!g) {
			bad++;
			break;
		}
		grow = g;
		grow[(size_t)i * 10000 - 1] = 'z';
	}
	free(grow);
	zero = calloc(1000, sizeof(*zero));
	for (i = 0; zero && i < 1000; i++)
		if (zero[i])
			bad++;
	free(zero);
	grow = malloc(8 << 20);		/* big: mmap'd */
	if (grow) {
		memset(grow, 1, 8 << 20);
		free(grow);
	} else {
		bad++;
	}
	printf("malloc: %s\n", bad ? "BAD" : "ok");
}

static void threads(void)
{
	pthread_t t[4];
	void *ret;
	long i, sum = 0;

	for (i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, sum_range, (void *)(i * 1000)))
			printf("pthread_create failed\n");
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &ret);
		sum += (long)ret;
	}
	printf("threads: total %ld, joined sum %ld\n", total, sum);
}

int main(int argc, char **argv)
{
	struct utsname u;
	int i;

	printf("hello from glibc\n");
	printf("argc=%d\n", argc);
	for (i = 1; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	formats();
	numbers();
	sorting();
	memory();
	threads();
	printf("pid %s\n", getpid() > 0 ? "ok" : "BAD");
	printf("uname %s\n", uname(&u) == 0 && u.sysname[0] ? "ok" : "BAD");
	printf("goodbye\n");
	return 0;
}
