/* Host tests: command-line parsing, and that misuse of the allocators
 * panics with a message instead of corrupting memory. */
#include "host.h"
#include <cmdline.h>
#include <page.h>
#include <kmalloc.h>
#include <string.h>

static void known_and_unknown_options(struct ktap_case_state *t)
{
	memset(&boot_options, 0, sizeof(boot_options));
	EXPECT_EQ(t, cmdline_parse("  selftest=kmalloc bogus  quiet x=1 "), 2);
	EXPECT(t, boot_options.selftest);
	EXPECT(t, !strcmp(boot_options.selftest_only, "kmalloc"));
	EXPECT(t, boot_options.quiet);
	EXPECT_EQ(t, cmdline_parse(""), 0);
	EXPECT_EQ(t, cmdline_parse("selftest_input=hello crashtest=null"), 0);
	EXPECT(t, !strcmp(boot_options.selftest_input, "hello"));
	EXPECT(t, !strcmp(boot_options.crashtest, "null"));
}

/* After "--" every word is init's, even ones that look like options. */
static void words_after_dashes_go_to_init(struct ktap_case_state *t)
{
	memset(&boot_options, 0, sizeof(boot_options));
	EXPECT_EQ(t, cmdline_parse("quiet -- /bin/busybox sh quiet x=1"), 0);
	EXPECT(t, boot_options.quiet);
	REQUIRE(t, boot_options.nr_init_args == 4);
	EXPECT(t, !strcmp(boot_options.init_args[0], "/bin/busybox"));
	EXPECT(t, !strcmp(boot_options.init_args[1], "sh"));
	EXPECT(t, !strcmp(boot_options.init_args[2], "quiet"));
	EXPECT(t, !strcmp(boot_options.init_args[3], "x=1"));
	EXPECT(t, !boot_options.selftest);
}

static void overlong_values_are_truncated(struct ktap_case_state *t)
{
	char line[300];

	memset(line, 'a', sizeof(line));
	memcpy(line, "selftest_input=", 15);
	line[sizeof(line) - 1] = '\0';
	EXPECT_EQ(t, cmdline_parse(line), 0);
	EXPECT_EQ(t, strlen(boot_options.selftest_input),
		  sizeof(boot_options.selftest_input) - 1);
}

static void double_free_panics(struct ktap_case_state *t)
{
	struct page *p = alloc_page();

	REQUIRE(t, p);
	free_page(p);
	EXPECT(t, HOST_PANICS(free_page(p)));
	EXPECT(t, strstr_simple(host_panic_message, "double free"));
}

static void kfree_of_foreign_pointer_panics(struct ktap_case_state *t)
{
	struct page *p = alloc_page();

	REQUIRE(t, p);
	EXPECT(t, HOST_PANICS(kfree(page_to_virt(p))));
	free_page(p);
}

static const struct ktap_case cmdline_cases[] = {
	KTAP_CASE(known_and_unknown_options),
	KTAP_CASE(words_after_dashes_go_to_init),
	KTAP_CASE(overlong_values_are_truncated),
};
KTAP_SUITE(host_cmdline_suite, "host_cmdline", cmdline_cases);

static const struct ktap_case panic_cases[] = {
	KTAP_CASE(double_free_panics),
	KTAP_CASE(kfree_of_foreign_pointer_panics),
};
KTAP_SUITE(host_panic_suite, "host_panic", panic_cases);
