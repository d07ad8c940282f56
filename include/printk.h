/* printk and its own format implementation (kernel/vsprintf.c, kernel/printk.c). */
#ifndef FAULTLINE_PRINTK_H
#define FAULTLINE_PRINTK_H

#include <types.h>
#include <compiler.h>
#include <stdarg.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

void __noreturn panic(const char *fmt, ...) __printf(1, 2);

#define pr_info(...) printk(__VA_ARGS__)
#define BUG_ON(cond) do { if (unlikely(cond)) \
	panic("BUG: %s at %s:%d", #cond, __FILE__, __LINE__); } while (0)

#endif
