/* The printf engine's output interface, shared by printf.c and stdio.c. */
#ifndef _LIBC_PRINTF_H
#define _LIBC_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

struct sink {
	void (*put)(struct sink *s, const char *p, size_t n);
	size_t count;		/* characters produced so far */
};

int __vformat(struct sink *s, const char *fmt, va_list ap);

#endif
