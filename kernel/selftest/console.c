/* Self-test: bytes typed on the serial line arrive through the UART's
 * receive interrupt. The test runner sends the text named by
 * selftest_input= on the command line. */
#include <selftest.h>
#include <cmdline.h>
#include <console.h>
#include <string.h>
#include <time.h>
#include <arch.h>
#include <irq.h>

static void receives_input(struct ktap_case_state *t)
{
	const char *want = boot_options.selftest_input;
	size_t n = 0, len = strlen(want);
	char got[sizeof(boot_options.selftest_input)];
	u64 deadline = ktime_get_ns() + 10 * NSEC_PER_SEC;

	if (!len) {
		ktap_skip(t, "no selftest_input= on the command line");
		return;
	}
	while (n < len && ktime_get_ns() < deadline) {
		int c = console_getc_nonblock();

		if (c < 0) {
			arch_wait_for_interrupt();
			continue;
		}
		if (c != '\r' && c != '\n')
			got[n++] = (char)c;
	}
	got[n] = '\0';
	if (strcmp(got, want))
		ktap_fail(t, __FILE__, __LINE__, "received '%s', want '%s'",
			  got, want);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(receives_input),
};
KTAP_SUITE(console_suite, "console", cases);
