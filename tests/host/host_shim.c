/* The C-library side of the host tests: printk to stdout, panic that a test
 * can catch, and the fake RAM arena. Compiled without the kernel headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fl_vsnprintf(char *buf, unsigned long size, const char *fmt, va_list ap);

char *fake_ram;
unsigned long fake_ram_base = 0x80000000UL;

jmp_buf *host_panic_catcher;
char host_panic_message[256];

int fl_vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int n = fl_vsnprintf(buf, sizeof(buf), fmt, ap);

	fputs(buf, stdout);
	return n;
}

int fl_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fl_vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void fl_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fl_vsnprintf(host_panic_message, sizeof(host_panic_message), fmt, ap);
	va_end(ap);
	if (host_panic_catcher)
		longjmp(*host_panic_catcher, 1);
	fprintf(stderr, "unexpected panic: %s\n", host_panic_message);
	abort();
}

void *host_alloc_ram(unsigned long size)
{
	free(fake_ram);
	fake_ram = aligned_alloc(1UL << 22, size);
	if (!fake_ram) {
		perror("aligned_alloc");
		exit(2);
	}
	memset(fake_ram, 0xcc, size);	/* garbage, as real RAM would be */
	return fake_ram;
}

unsigned int host_rand(unsigned int *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffffff;
}
