/* Self-test: parse the device tree the firmware really passed, and check
 * that corrupted copies of it are refused with a message. */
#include <selftest.h>
#include <fdt.h>
#include <bootinfo.h>
#include <kmalloc.h>
#include <page.h>
#include <string.h>

static const void *live_dtb(struct ktap_case_state *t)
{
	if (!boot_info.dtb_phys) {
		ktap_skip(t, "this arch boots without a device tree");
		return NULL;
	}
	return __va(boot_info.dtb_phys);
}

static void reparse_matches_boot(struct ktap_case_state *t)
{
	static struct boot_info again;
	const void *dtb = live_dtb(t);
	int i;

	if (!dtb)
		return;
	memset(&again, 0, sizeof(again));
	EXPECT(t, fdt_parse_boot_info(dtb, fdt_total_size(dtb), &again) == NULL);
	EXPECT_EQ(t, again.nr_ram, boot_info.nr_ram);
	for (i = 0; i < again.nr_ram && i < boot_info.nr_ram; i++) {
		EXPECT_EQ(t, again.ram[i].base, boot_info.ram[i].base);
		EXPECT_EQ(t, again.ram[i].size, boot_info.ram[i].size);
	}
	EXPECT(t, !strcmp(again.cmdline, boot_info.cmdline));
}

static void finds_nodes(struct ktap_case_state *t)
{
	const void *dtb = live_dtb(t);
	int cpus;
	u32 cells;

	if (!dtb)
		return;
	cpus = fdt_path_offset(dtb, "/cpus");
	EXPECT(t, cpus > 0);
	EXPECT(t, fdt_get_u32(dtb, cpus, "#address-cells", 0, &cells));
	EXPECT(t, fdt_path_offset(dtb, "/chosen") > 0);
	EXPECT(t, fdt_path_offset(dtb, "/memory") > 0);
	EXPECT(t, fdt_path_offset(dtb, "/no-such-node") < 0);
	EXPECT(t, fdt_path_offset(dtb, "/cpus/no-such-cpu") < 0);
}

/* Corrupt a private copy in a few ways; each must be refused. */
static void rejects_corrupt_copies(struct ktap_case_state *t)
{
	const void *dtb = live_dtb(t);
	u32 size;
	u32 *copy;

	if (!dtb)
		return;
	size = fdt_total_size(dtb);
	copy = kmalloc(size);
	REQUIRE(t, copy);
	memcpy(copy, dtb, size);
	EXPECT(t, fdt_validate(copy, size) == NULL);
	copy[0] ^= 1;				/* magic */
	EXPECT(t, fdt_validate(copy, size) != NULL);
	copy[0] ^= 1;
	EXPECT(t, fdt_validate(copy, size - 8) != NULL);	/* truncated */
	copy[2] = fdt32_to_cpu(size + 64);	/* struct block out of range */
	EXPECT(t, fdt_validate(copy, size) != NULL);
	kfree(copy);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(reparse_matches_boot),
	KTAP_CASE(finds_nodes),
	KTAP_CASE(rejects_corrupt_copies),
};
KTAP_SUITE(fdt_suite, "fdt", cases);
