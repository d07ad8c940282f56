/* Self-test: our printf formatting against known strings. */
#include <selftest.h>
#include <printk.h>
#include <string.h>

static bool fmt_is(struct ktap_case_state *t, const char *want,
		   const char *fmt, ...)
{
	char buf[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(buf, want)) {
		ktap_fail(t, __FILE__, __LINE__, "'%s' gave '%s', want '%s'",
			  fmt, buf, want);
		return false;
	}
	return true;
}

static void integers(struct ktap_case_state *t)
{
	fmt_is(t, "42 -7 0", "%d %i %u", 42, -7, 0);
	fmt_is(t, "ff FF 0xff 17", "%x %X %#x %o", 255, 255, 255, 15);
	fmt_is(t, "-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	fmt_is(t, "18446744073709551615", "%llu", ~0ULL);
	fmt_is(t, "65535 255", "%hu %hhu", 0xffffffff, 0x1ff);
	fmt_is(t, "4294967295", "%zu", (size_t)0xffffffffUL);
}

static void widths_and_flags(struct ktap_case_state *t)
{
	fmt_is(t, "   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	fmt_is(t, "+5 -5  5", "%+d %+d % d", 5, -5, 5);
	fmt_is(t, "  007|-0042", "%5.3d|%05d", 7, -42);
	fmt_is(t, "0x000000ff", "%#010x", 255);
	fmt_is(t, "   ab", "%*x", 5, 0xab);
}

static void strings_and_chars(struct ktap_case_state *t)
{
	fmt_is(t, "[hi   ][   hi][he]", "[%-5s][%5s][%.2s]", "hi", "hi", "hello");
	fmt_is(t, "(null) x %", "%s %c %%", (char *)NULL, 'x');
}

static void truncation(struct ktap_case_state *t)
{
	char buf[8];
	int n = snprintf(buf, sizeof(buf), "%s", "0123456789");

	EXPECT_EQ(t, n, 10);
	EXPECT(t, !strcmp(buf, "0123456"));
	EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

static void pointers(struct ktap_case_state *t)
{
	fmt_is(t, "0x1234", "%p", (void *)0x1234);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(integers),
	KTAP_CASE(widths_and_flags),
	KTAP_CASE(strings_and_chars),
	KTAP_CASE(truncation),
	KTAP_CASE(pointers),
};
KTAP_SUITE(vsprintf_suite, "vsprintf", cases);
