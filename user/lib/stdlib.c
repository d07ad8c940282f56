/* Number conversion, sorting, the environment, exit and abort. */
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

/*
 * The common part of the strto* family: skip blanks, take a sign and a
 * base prefix, accumulate the magnitude saturating at `limit`. *neg tells
 * the sign; *end points past the last digit used (or at s if none).
 */
static unsigned long long strtox(const char *s, char **end, int base,
				 unsigned long long limit, int *neg, int *over)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0, d;

	while (isspace((unsigned char)*p))
		p++;
	*neg = 0;
	*over = 0;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	for (;; p++) {
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		any = 1;
		if (v > (limit - (unsigned)d) / (unsigned)base)
			*over = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (*over) {
		errno = ERANGE;
		return limit;
	}
	return v;
}

long long strtoll(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = strtox(s, end, base,
				      (unsigned long long)LLONG_MAX + 1, &neg,
				      &over);

	if (!neg && v > LLONG_MAX) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}

long strtol(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

/* Like C says: a leading minus negates the unsigned result (but an
 * overflow is ULLONG_MAX whatever the sign). */
unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = strtox(s, end, base, ULLONG_MAX, &neg, &over);

	return neg && !over ? 0 - v : v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

static unsigned long rand_state = 1;

int rand(void)
{
	rand_state = rand_state * 6364136223846793005UL + 1442695040888963407UL;
	return (int)(rand_state >> 33);
}

void srand(unsigned int seed)
{
	rand_state = seed;
}

static void swap_bytes(char *a, char *b, size_t size)
{
	char t;

	while (size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Heapsort: O(n log n) whatever the input, no recursion, no allocation. */
static void sift_down(char *base, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *))
{
	char *b = base;
	size_t i;

	if (nmemb < 2 || size == 0)
		return;
	for (i = nmemb / 2; i-- > 0;)
		sift_down(b, i, nmemb, size, compar);
	for (i = nmemb - 1; i > 0; i--) {
		swap_bytes(b, b + i * size, size);
		sift_down(b, 0, i, size, compar);
	}
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const char *b = base;
	size_t lo = 0, hi = nmemb, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = compar(key, b + mid * size);
		if (c == 0)
			return (void *)(b + mid * size);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The slot of environ holding name=..., or NULL. */
static char **env_find(const char *name, size_t len)
{
	char **e;

	for (e = environ; e && *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return e;
	return NULL;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e = env_find(name, len);

	return e ? *e + len + 1 : NULL;
}

/* environ is ours once we change it: the initial array stays on the stack,
 * later ones come from malloc and the old ones are leaked (they are small
 * and programs change their environment rarely). */
int putenv(char *string)
{
	char *eq = strchr(string, '=');
	char **e, **n;
	size_t count = 0;

	if (!eq || eq == string) {
		errno = EINVAL;
		return -1;
	}
	e = env_find(string, (size_t)(eq - string));
	if (e) {
		*e = string;
		return 0;
	}
	while (environ && environ[count])
		count++;
	n = malloc((count + 2) * sizeof(*n));
	if (!n)
		return -1;
	if (count)
		memcpy(n, environ, count * sizeof(*n));
	n[count] = string;
	n[count + 1] = NULL;
	environ = n;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nlen = strlen(name), vlen = strlen(value);
	char *s;

	if (!nlen || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	if (!overwrite && env_find(name, nlen))
		return 0;
	s = malloc(nlen + vlen + 2);
	if (!s)
		return -1;
	memcpy(s, name, nlen);
	s[nlen] = '=';
	memcpy(s + nlen + 1, value, vlen + 1);
	return putenv(s);
}

int unsetenv(const char *name)
{
	size_t len = strlen(name);
	char **e;

	if (!len || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	while ((e = env_find(name, len)))
		for (; *e; e++)
			e[0] = e[1];
	return 0;
}

#define ATEXIT_MAX 32
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

/* atexit functions in reverse order, then stdio, then the kernel. */
_Noreturn void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	__stdio_flush_all();
	_exit(status);
}

_Noreturn void abort(void)
{
	sigset_t set = 1UL << (SIGABRT - 1);
	struct sigaction sa;

	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	/* A handler returned: die by the default action anyway. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGABRT, &sa, NULL);
	raise(SIGABRT);
	_exit(127);
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line,
			     const char *func)
{
	fprintf(stderr, "%s:%d: %s: Assertion `%s' failed.\n", file, line, func,
		expr);
	abort();
}
