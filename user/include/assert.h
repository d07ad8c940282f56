/* assert(): print the failed expression and abort. */
#ifndef _ASSERT_H
#define _ASSERT_H

_Noreturn void __assert_fail(const char *expr, const char *file, int line,
			     const char *func);

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) \
	((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#endif
