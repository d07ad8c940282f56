/* KTAP output for test suites, shared by the in-kernel self-tests and the
 * host unit tests (where printk writes to stdout). */
#include <ktap.h>
#include <printk.h>
#include <string.h>

void ktap_fail(struct ktap_case_state *t, const char *file, int line,
	       const char *fmt, ...)
{
	char msg[80];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("    # %s:%d: expectation failed: %s\n", file, line, msg);
	if (!t->failed)
		snprintf(t->reason, sizeof(t->reason), "%s:%d", file, line);
	t->failed = true;
}

void ktap_skip(struct ktap_case_state *t, const char *reason)
{
	t->skipped = true;
	strlcpy(t->reason, reason, sizeof(t->reason));
}

int ktap_run_suite(const struct ktap_suite *suite)
{
	int i, failed = 0;

	printk("KTAP version 1\n");
	printk("# Subtest: %s\n", suite->name);
	printk("1..%d\n", suite->nr_cases);
	for (i = 0; i < suite->nr_cases; i++) {
		struct ktap_case_state t = { 0 };
		const struct ktap_case *c = &suite->cases[i];

		c->run(&t);
		if (t.failed) {
			failed++;
			printk("not ok %d %s # %s\n", i + 1, c->name, t.reason);
		} else if (t.skipped) {
			printk("ok %d %s # SKIP %s\n", i + 1, c->name, t.reason);
		} else {
			printk("ok %d %s\n", i + 1, c->name);
		}
	}
	printk("# %s: %d of %d failed\n", suite->name, failed, suite->nr_cases);
	return failed;
}
