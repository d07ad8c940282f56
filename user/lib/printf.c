/*
 * The printf engine and the string/fd front ends: flags - + space # 0,
 * width and precision (also as *), lengths hh h l ll z t j, conversions
 * d i u o x X c s p n % and a plain %f. Output goes to a sink callback, so
 * the same code serves snprintf, dprintf and the FILE functions.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "printf.h"

struct spec {
	int left, plus, space, alt, zero;
	int width;		/* 0 if none */
	int prec;		/* -1 if none */
};

static void put(struct sink *s, const char *p, size_t n)
{
	if (n) {
		s->put(s, p, n);
		s->count += n;
	}
}

static void put_repeat(struct sink *s, char c, int n)
{
	char chunk[32];

	memset(chunk, c, sizeof(chunk));
	while (n > 0) {
		put(s, chunk, n > 32 ? 32 : (size_t)n);
		n -= 32;
	}
}

/* Text that is `len` long, padded to the width on the correct side. */
static void put_padded(struct sink *s, const struct spec *sp, const char *p,
		       size_t len)
{
	int pad = sp->width > (int)len ? sp->width - (int)len : 0;

	if (!sp->left)
		put_repeat(s, ' ', pad);
	put(s, p, len);
	if (sp->left)
		put_repeat(s, ' ', pad);
}

static void put_int(struct sink *s, const struct spec *sp,
		    unsigned long long v, int neg, unsigned base, int upper)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24], prefix[3];
	int nd = 0, np = 0, zeros, len, pad;
	int prec = sp->prec < 0 ? 1 : sp->prec;
	int nonzero = v != 0;

	while (v) {
		digits[nd++] = digit[v % base];
		v /= base;
	}
	zeros = prec > nd ? prec - nd : 0;
	if (neg)
		prefix[np++] = '-';
	else if (sp->plus)
		prefix[np++] = '+';
	else if (sp->space)
		prefix[np++] = ' ';
	if (sp->alt && base == 16 && nonzero) {
		prefix[np++] = '0';
		prefix[np++] = upper ? 'X' : 'x';
	}
	if (sp->alt && base == 8 && zeros == 0)
		zeros = 1;	/* %#o always shows a leading 0 */
	len = np + zeros + nd;
	pad = sp->width > len ? sp->width - len : 0;
	if (!sp->left && sp->zero && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		put_repeat(s, ' ', pad);
	put(s, prefix, (size_t)np);
	put_repeat(s, '0', zeros);
	while (nd > 0)
		put(s, &digits[--nd], 1);
	if (sp->left)
		put_repeat(s, ' ', pad);
}

/* Fixed-point only, exact enough for human-readable output (no %e/%g). */
static void put_float(struct sink *s, const struct spec *sp, double d)
{
	char buf[64];
	int n = 0, prec = sp->prec < 0 ? 6 : sp->prec, i;
	unsigned long long ip;
	double frac, round = 0.5;

	if (prec > 17)
		prec = 17;
	if (d != d) {
		put_padded(s, sp, "nan", 3);
		return;
	}
	if (d < 0) {
		buf[n++] = '-';
		d = -d;
	} else if (sp->plus) {
		buf[n++] = '+';
	}
	if (d > 1.8e19) {
		memcpy(buf + n, "inf", 3);
		put_padded(s, sp, buf, (size_t)n + 3);
		return;
	}
	for (i = 0; i < prec; i++)
		round /= 10;
	d += round;
	ip = (unsigned long long)d;
	frac = d - (double)ip;
	n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%llu", ip);
	if (prec > 0 || sp->alt)
		buf[n++] = '.';
	for (i = 0; i < prec; i++) {
		frac *= 10;
		buf[n++] = (char)('0' + (int)frac);
		frac -= (int)frac;
	}
	put_padded(s, sp, buf, (size_t)n);
}

int __vformat(struct sink *s, const char *fmt, va_list ap)
{
	struct spec sp;
	unsigned long long u;
	long long i;
	const char *str;
	char c;
	int len;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			const char *start = fmt;

			while (fmt[1] && fmt[1] != '%')
				fmt++;
			put(s, start, (size_t)(fmt - start + 1));
			continue;
		}
		memset(&sp, 0, sizeof(sp));
		sp.prec = -1;
		for (;;) {
			c = *++fmt;
			if (c == '-')
				sp.left = 1;
			else if (c == '+')
				sp.plus = 1;
			else if (c == ' ')
				sp.space = 1;
			else if (c == '#')
				sp.alt = 1;
			else if (c == '0')
				sp.zero = 1;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = 1;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.prec = 0;
			if (*fmt == '*') {
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.prec = sp.prec * 10 + (*fmt++ - '0');
			}
		}
		/* Length: 'H' hh, 'h', 'l', 'L' ll (and z t j, all 64-bit). */
		len = 0;
		for (;; fmt++) {
			if (*fmt == 'h')
				len = len == 'h' ? 'H' : 'h';
			else if (*fmt == 'l')
				len = len == 'l' ? 'L' : 'l';
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j' ||
				 *fmt == 'q')
				len = 'L';
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			if (len == 'L' || len == 'l')
				i = va_arg(ap, long long);
			else
				i = va_arg(ap, int);
			if (len == 'h')
				i = (short)i;
			else if (len == 'H')
				i = (signed char)i;
			u = i < 0 ? 0 - (unsigned long long)i : (unsigned long long)i;
			put_int(s, &sp, u, i < 0, 10, 0);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (len == 'L' || len == 'l')
				u = va_arg(ap, unsigned long long);
			else
				u = va_arg(ap, unsigned int);
			if (len == 'h')
				u = (unsigned short)u;
			else if (len == 'H')
				u = (unsigned char)u;
			put_int(s, &sp, u, 0,
				*fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				*fmt == 'X');
			break;
		case 'p':
			u = (uintptr_t)va_arg(ap, void *);
			if (!u) {
				put_padded(s, &sp, "(nil)", 5);
				break;
			}
			sp.alt = 1;
			put_int(s, &sp, u, 0, 16, 0);
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			put_padded(s, &sp, &c, 1);
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			put_padded(s, &sp, str, sp.prec < 0 ? strlen(str) :
				   strnlen(str, (size_t)sp.prec));
			break;
		case 'f':
		case 'F':
			put_float(s, &sp, va_arg(ap, double));
			break;
		case 'n':
			*va_arg(ap, int *) = (int)s->count;
			break;
		case '%':
			put(s, "%", 1);
			break;
		case '\0':
			fmt--;		/* a lone % at the end: stop cleanly */
			break;
		default:		/* unknown: print the directive as is */
			put(s, "%", 1);
			put(s, fmt, 1);
			break;
		}
	}
	return (int)s->count;
}

/* snprintf: keep what fits (always NUL-terminated), count everything. */
struct buf_sink {
	struct sink s;
	char *buf;
	size_t size;
	size_t used;
};

static void buf_put(struct sink *s, const char *p, size_t n)
{
	struct buf_sink *b = (struct buf_sink *)s;
	size_t room = b->size ? b->size - 1 - b->used : 0;

	if (n > room)
		n = room;
	memcpy(b->buf + b->used, p, n);
	b->used += n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { { buf_put, 0 }, buf, size, 0 };
	int r = __vformat(&b.s, fmt, ap);

	if (size)
		buf[b.used] = '\0';
	return r;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

/* dprintf: gather in a small buffer, write when full and at the end. */
struct fd_sink {
	struct sink s;
	int fd;
	int err;
	size_t used;
	char buf[256];
};

static void fd_flush(struct fd_sink *f)
{
	size_t done = 0;
	ssize_t w;

	while (done < f->used) {
		w = write(f->fd, f->buf + done, f->used - done);
		if (w <= 0) {
			f->err = 1;
			break;
		}
		done += (size_t)w;
	}
	f->used = 0;
}

static void fd_put(struct sink *s, const char *p, size_t n)
{
	struct fd_sink *f = (struct fd_sink *)s;
	size_t k;

	while (n) {
		if (f->used == sizeof(f->buf))
			fd_flush(f);
		k = sizeof(f->buf) - f->used;
		if (k > n)
			k = n;
		memcpy(f->buf + f->used, p, k);
		f->used += k;
		p += k;
		n -= k;
	}
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_sink f;
	int r;

	f.s.put = fd_put;
	f.s.count = 0;
	f.fd = fd;
	f.err = 0;
	f.used = 0;
	r = __vformat(&f.s, fmt, ap);
	fd_flush(&f);
	return f.err ? -1 : r;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
