/*
 * Our own printf formatting: %d %i %u %x %X %o %p %s %c %%, with flags
 * '-' '0' ' ' '+' '#', width, precision and the h, hh, l, ll, z length
 * modifiers. Used by printk and snprintf; tested on the host.
 */
#include <printk.h>
#include <string.h>

struct out {
	char *buf;
	size_t size;	/* capacity including the terminator */
	size_t len;	/* characters produced so far (may exceed size) */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int precision;	/* -1: none */
};

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	size_t len, i;

	if (!s)
		s = "(null)";
	len = sp->precision >= 0 ? strnlen(s, sp->precision) : strlen(s);
	if (!sp->left)
		pad(o, ' ', sp->width - (int)len);
	for (i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - (int)len);
}

static void put_number(struct out *o, unsigned long long v, bool negative,
		       unsigned int base, bool upper, struct spec sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, body, prefix_len = 0;
	char sign = 0;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp.precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (negative)
		sign = '-';
	else if (sp.plus)
		sign = '+';
	else if (sp.space)
		sign = ' ';
	if (sp.alt && base == 16)
		prefix = upper ? "0X" : "0x", prefix_len = 2;
	if (sp.alt && base == 8 && (n == 0 || tmp[n - 1] != '0'))
		prefix = "0", prefix_len = 1;

	body = n > sp.precision ? n : sp.precision;
	body += prefix_len + (sign ? 1 : 0);
	if (sp.precision >= 0)
		sp.zero = false;
	if (!sp.left && !sp.zero)
		pad(o, ' ', sp.width - body);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	if (!sp.left && sp.zero)
		pad(o, '0', sp.width - body);
	pad(o, '0', sp.precision - n);
	while (n)
		put(o, tmp[--n]);
	if (sp.left)
		pad(o, ' ', sp.width - body);
}

static const char *parse_flags(const char *f, struct spec *sp)
{
	for (;; f++) {
		switch (*f) {
		case '-': sp->left = true; break;
		case '0': sp->zero = true; break;
		case '+': sp->plus = true; break;
		case ' ': sp->space = true; break;
		case '#': sp->alt = true; break;
		default: return f;
		}
	}
}

static const char *parse_int(const char *f, int *val, va_list *ap)
{
	if (*f == '*') {
		*val = va_arg(*ap, int);
		return f + 1;
	}
	*val = 0;
	while (*f >= '0' && *f <= '9')
		*val = *val * 10 + (*f++ - '0');
	return f;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, ap_in);
	for (const char *f = fmt; *f; f++) {
		struct spec sp = { .precision = -1 };
		int length = 0;	/* -2 hh, -1 h, 0 int, 1 long, 2 long long */
		unsigned long long v;
		bool is_signed = false;
		unsigned int base = 10;

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f = parse_flags(f + 1, &sp);
		f = parse_int(f, &sp.width, &ap);
		if (sp.width < 0)
			sp.left = true, sp.width = -sp.width;
		if (*f == '.') {
			f = parse_int(f + 1, &sp.precision, &ap);
			if (sp.precision < 0)
				sp.precision = -1;
		}
		for (;; f++) {
			if (*f == 'h')
				length--;
			else if (*f == 'l')
				length++;
			else if (*f == 'z')
				length = 1;
			else
				break;
		}
		switch (*f) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			continue;
		case 's':
			put_string(&o, va_arg(ap, const char *), &sp);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'p':
			sp.alt = true;
			put_number(&o, (unsigned long)va_arg(ap, void *), false,
				   16, false, sp);
			continue;
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		case '\0':
			f--;
			continue;
		default:	/* unknown conversion: print it as it stands */
			put(&o, '%');
			put(&o, *f);
			continue;
		}
		if (is_signed) {
			long long s = length >= 2 ? va_arg(ap, long long) :
				      length == 1 ? va_arg(ap, long) :
				      va_arg(ap, int);
			if (length == -1)
				s = (short)s;
			else if (length <= -2)
				s = (signed char)s;
			v = s < 0 ? -(unsigned long long)s : (unsigned long long)s;
			put_number(&o, v, s < 0, base, false, sp);
		} else {
			v = length >= 2 ? va_arg(ap, unsigned long long) :
			    length == 1 ? va_arg(ap, unsigned long) :
			    va_arg(ap, unsigned int);
			if (length == -1)
				v = (unsigned short)v;
			else if (length <= -2)
				v = (unsigned char)v;
			put_number(&o, v, false, base, *f == 'X', sp);
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
