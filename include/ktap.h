/*
 * A tiny KTAP producer (kernel/ktap.c): each suite prints one KTAP document
 * ("KTAP version 1", "1..N", "ok N name" / "not ok N name # reason"). The
 * same suites run in the kernel and, where they need no hardware, in
 * tests/host/ against a fake arch.
 */
#ifndef FAULTLINE_KTAP_H
#define FAULTLINE_KTAP_H

#include <types.h>
#include <compiler.h>

struct ktap_case_state {
	bool failed;
	bool skipped;
	char reason[96];
};

struct ktap_case {
	const char *name;
	void (*run)(struct ktap_case_state *t);
};

struct ktap_suite {
	const char *name;
	const struct ktap_case *cases;
	int nr_cases;
};

#define KTAP_CASE(fn) { #fn, fn }
#define KTAP_SUITE(var, sname, case_array) \
	const struct ktap_suite var = { sname, case_array, ARRAY_SIZE(case_array) }

/* Record a failure (first one wins the reason) and keep going. */
void ktap_fail(struct ktap_case_state *t, const char *file, int line,
	       const char *fmt, ...) __printf(4, 5);
void ktap_skip(struct ktap_case_state *t, const char *reason);

#define EXPECT(t, cond) do { if (!(cond)) \
	ktap_fail(t, __FILE__, __LINE__, "%s", #cond); } while (0)
#define EXPECT_EQ(t, a, b) do { \
	unsigned long long _a = (unsigned long long)(a); \
	unsigned long long _b = (unsigned long long)(b); \
	if (_a != _b) ktap_fail(t, __FILE__, __LINE__, \
		"%s == %s (0x%llx != 0x%llx)", #a, #b, _a, _b); } while (0)
/* Stop the case at the first failed requirement. */
#define REQUIRE(t, cond) do { if (!(cond)) { \
	ktap_fail(t, __FILE__, __LINE__, "%s", #cond); return; } } while (0)

/* Run one suite as a KTAP document; returns the number of failed cases. */
int ktap_run_suite(const struct ktap_suite *suite);

#endif
