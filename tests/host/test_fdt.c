/* Host tests for kernel/fdt.c: device trees built here (so malformed ones
 * can be made on purpose), including thousands of random corruptions run
 * under AddressSanitizer. */
#include "host.h"
#include <fdt.h>
#include <string.h>

/* A minimal device-tree writer for building test blobs. */
struct fdtw {
	u32 st[1024];
	u32 nst;
	char strs[1024];
	u32 nstrs;
	u64 rsv[8][2];
	int nrsv;
};

static u32 be(u32 v) { return __builtin_bswap32(v); }

static void w_word(struct fdtw *w, u32 v) { w->st[w->nst++] = be(v); }

static void w_bytes(struct fdtw *w, const void *p, u32 len)
{
	memset(&w->st[w->nst], 0, ALIGN_UP(len, 4));
	memcpy(&w->st[w->nst], p, len);
	w->nst += ALIGN_UP(len, 4) / 4;
}

static void begin(struct fdtw *w, const char *name)
{
	w_word(w, 1);
	w_bytes(w, name, strlen(name) + 1);
}

static void end(struct fdtw *w) { w_word(w, 2); }

static u32 str_off(struct fdtw *w, const char *name)
{
	u32 off = w->nstrs;

	strlcpy(w->strs + w->nstrs, name, sizeof(w->strs) - w->nstrs);
	w->nstrs += strlen(name) + 1;
	return off;
}

static void prop(struct fdtw *w, const char *name, const void *v, u32 len)
{
	w_word(w, 3);
	w_word(w, len);
	w_word(w, str_off(w, name));
	w_bytes(w, v, len);
}

static void prop_str(struct fdtw *w, const char *name, const char *s)
{
	prop(w, name, s, strlen(s) + 1);
}

static void prop_cells(struct fdtw *w, const char *name, int n, const u32 *cells)
{
	u32 buf[16];
	int i;

	for (i = 0; i < n; i++)
		buf[i] = be(cells[i]);
	prop(w, name, buf, n * 4);
}

/* Lay out header, reservation map, structure and strings; returns size. */
static u32 finish(struct fdtw *w, u8 *out)
{
	u32 off_rsv = 40, off_st = off_rsv + (w->nrsv + 1) * 16;
	u32 off_str = off_st + w->nst * 4 + 4, total = off_str + w->nstrs;
	u32 h[10] = { FDT_MAGIC, total, off_st, off_str, off_rsv, 17, 16, 0,
		      w->nstrs, w->nst * 4 + 4 };
	int i;

	for (i = 0; i < 10; i++)
		h[i] = be(h[i]);
	memset(out, 0, total);
	memcpy(out, h, 40);
	for (i = 0; i < w->nrsv; i++) {
		u64 a = __builtin_bswap64(w->rsv[i][0]);
		u64 s = __builtin_bswap64(w->rsv[i][1]);

		memcpy(out + off_rsv + i * 16, &a, 8);
		memcpy(out + off_rsv + i * 16 + 8, &s, 8);
	}
	memcpy(out + off_st, w->st, w->nst * 4);
	*(u32 *)(out + off_st + w->nst * 4) = be(9);	/* FDT_END */
	memcpy(out + off_str, w->strs, w->nstrs);
	return total;
}

static u8 blob[8192];

/* A virt-like tree: 2/2 cells, two RAM banks, chosen, reserved memory. */
static u32 build_virt_like(struct fdtw *w)
{
	static const u32 two = 2, mem[8] = { 0, 0x80000000, 0, 0x8000000,
					      1, 0, 0, 0x1000000 };
	static const u32 rsv[4] = { 0, 0x80000000, 0, 0x40000 };
	u64 initrd_end = __builtin_bswap64(0x88100000ULL);
	u32 initrd_start = be(0x88000000);

	memset(w, 0, sizeof(*w));
	w->rsv[0][0] = 0x87f00000;
	w->rsv[0][1] = 0x2000;
	w->nrsv = 1;
	begin(w, "");
	prop_cells(w, "#address-cells", 1, &two);
	prop_cells(w, "#size-cells", 1, &two);
	begin(w, "memory@80000000");
	prop_str(w, "device_type", "memory");
	prop_cells(w, "reg", 8, mem);
	end(w);
	begin(w, "chosen");
	prop_str(w, "bootargs", "selftest quiet");
	prop(w, "linux,initrd-start", &initrd_start, 4);
	prop(w, "linux,initrd-end", &initrd_end, 8);
	end(w);
	begin(w, "reserved-memory");
	prop_cells(w, "#address-cells", 1, &two);
	prop_cells(w, "#size-cells", 1, &two);
	begin(w, "mmode_resv0@80000000");
	prop_cells(w, "reg", 4, rsv);
	end(w);
	end(w);
	begin(w, "cpus");
	end(w);
	end(w);
	return finish(w, blob);
}

static bool has_reserved(const struct boot_info *bi, u64 base, u64 size)
{
	int i;

	for (i = 0; i < bi->nr_reserved; i++)
		if (bi->reserved[i].base == base && bi->reserved[i].size == size)
			return true;
	return false;
}

static void parses_virt_like_tree(struct ktap_case_state *t)
{
	static struct fdtw w;
	static struct boot_info bi;
	u32 size = build_virt_like(&w);

	memset(&bi, 0, sizeof(bi));
	bi.dtb_phys = 0x9f000000;
	REQUIRE(t, fdt_parse_boot_info(blob, size, &bi) == NULL);
	EXPECT_EQ(t, bi.nr_ram, 2);
	EXPECT_EQ(t, bi.ram[0].base, 0x80000000);
	EXPECT_EQ(t, bi.ram[0].size, 0x8000000);
	EXPECT_EQ(t, bi.ram[1].base, 0x100000000ULL);
	EXPECT_EQ(t, bi.ram[1].size, 0x1000000);
	EXPECT(t, !strcmp(bi.cmdline, "selftest quiet"));
	EXPECT_EQ(t, bi.initrd_start, 0x88000000);
	EXPECT_EQ(t, bi.initrd_end, 0x88100000);
	EXPECT(t, has_reserved(&bi, 0x87f00000, 0x2000));	/* memreserve */
	EXPECT(t, has_reserved(&bi, 0x80000000, 0x40000));	/* reserved-memory */
	EXPECT(t, has_reserved(&bi, 0x88000000, 0x100000));	/* initrd */
	EXPECT(t, has_reserved(&bi, 0x9f000000, ALIGN_UP((u64)size, 4096)));
}

static void lookups(struct ktap_case_state *t)
{
	static struct fdtw w;
	u32 size = build_virt_like(&w);
	int mem, rsv;
	u64 base, len;

	REQUIRE(t, fdt_validate(blob, size) == NULL);
	mem = fdt_path_offset(blob, "/memory");
	EXPECT(t, mem > 0);
	EXPECT(t, fdt_path_offset(blob, "/memory@80000000") == mem);
	EXPECT(t, fdt_path_offset(blob, "/memory@9") < 0);
	rsv = fdt_path_offset(blob, "/reserved-memory/mmode_resv0");
	EXPECT(t, rsv > 0);
	EXPECT(t, fdt_get_reg(blob, rsv, 0, &base, &len));
	EXPECT_EQ(t, base, 0x80000000);
	EXPECT(t, !fdt_get_reg(blob, rsv, 1, &base, &len));
	EXPECT(t, fdt_get_reg(blob, mem, 1, &base, &len));
	EXPECT_EQ(t, base, 0x100000000ULL);
	EXPECT(t, fdt_path_offset(blob, "/cpus") > 0);
	EXPECT(t, fdt_path_offset(blob, "/chosen/x") < 0);
}

static void one_cell_addresses(struct ktap_case_state *t)
{
	static struct fdtw w;
	static struct boot_info bi;
	static const u32 one = 1, mem[2] = { 0x40000000, 0x10000000 };
	u32 size;

	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop_cells(&w, "#address-cells", 1, &one);
	prop_cells(&w, "#size-cells", 1, &one);
	begin(&w, "memory@40000000");
	prop_str(&w, "device_type", "memory");
	prop_cells(&w, "reg", 2, mem);
	end(&w);
	end(&w);
	size = finish(&w, blob);
	memset(&bi, 0, sizeof(bi));
	REQUIRE(t, fdt_parse_boot_info(blob, size, &bi) == NULL);
	EXPECT_EQ(t, bi.nr_ram, 1);
	EXPECT_EQ(t, bi.ram[0].base, 0x40000000);
	EXPECT_EQ(t, bi.ram[0].size, 0x10000000);
	EXPECT(t, bi.cmdline[0] == '\0');
}

static void missing_memory_is_named(struct ktap_case_state *t)
{
	static struct fdtw w;
	static struct boot_info bi;
	const char *err;
	u32 size;

	memset(&w, 0, sizeof(w));
	begin(&w, "");
	begin(&w, "chosen");
	end(&w);
	end(&w);
	size = finish(&w, blob);
	memset(&bi, 0, sizeof(bi));
	err = fdt_parse_boot_info(blob, size, &bi);
	REQUIRE(t, err != NULL);
	EXPECT(t, strstr_simple(err, "/memory"));
	EXPECT(t, fdt_parse_boot_info(NULL, 0, &bi) != NULL);
}

/* Each malformation of a valid blob must be named, not crash. */
static void malformed_trees_are_refused(struct ktap_case_state *t)
{
	static struct fdtw w;
	static u8 copy[8192];
	u32 size = build_virt_like(&w);
	u32 off_st = be(((u32 *)blob)[2]);
	u32 st_words = be(((u32 *)blob)[9]) / 4;
	u32 *st;

#define MUTATE(stmt, what) do { memcpy(copy, blob, size); \
	st = (u32 *)(copy + off_st); (void)st; stmt; \
	if (!fdt_validate(copy, size)) \
		ktap_fail(t, __FILE__, __LINE__, "accepted: %s", what); \
	} while (0)

	EXPECT(t, fdt_validate(blob, size) == NULL);
	EXPECT(t, fdt_validate(blob, 20) != NULL);
	EXPECT(t, fdt_validate(blob, size - 1) != NULL);
	MUTATE(((u32 *)copy)[0] = 0, "bad magic");
	MUTATE(((u32 *)copy)[5] = be(15), "version 15");
	MUTATE(((u32 *)copy)[2] = be(size), "struct offset at the end");
	MUTATE(((u32 *)copy)[9] = be(0xfffffff0), "huge struct size");
	MUTATE(((u32 *)copy)[8] = be(0), "empty strings block");
	MUTATE(st[0] = be(3), "property before the root");
	MUTATE(st[0] = be(2), "end before begin");
	MUTATE(st[0] = be(7), "unknown token");
	MUTATE(st[st_words - 2] = be(4), "root never closed");
	MUTATE(st[st_words - 1] = be(1), "no FDT_END");
	MUTATE(memset(copy + off_st + 4, 'x', size - off_st - 4),
	       "unterminated node name");
	MUTATE(st[3] = be(0x7fffffff), "property length past the block");
	MUTATE(st[4] = be(0x7fffff00), "property name offset out of range");
#undef MUTATE
}

static void random_corruption_is_safe(struct ktap_case_state *t)
{
	static struct fdtw w;
	static u8 copy[8192];
	static struct boot_info bi;
	u32 size = build_virt_like(&w);
	unsigned int seed = 12345, i, accepted = 0;

	for (i = 0; i < 5000; i++) {
		u32 len = size - host_rand(&seed) % 16 * (i % 3 == 0);
		int flips = 1 + host_rand(&seed) % 4;

		memcpy(copy, blob, size);
		while (flips--)
			copy[host_rand(&seed) % size] ^= 1u << (host_rand(&seed) % 8);
		if (fdt_validate(copy, len))
			continue;
		accepted++;
		memset(&bi, 0, sizeof(bi));
		/* A corrupt tree may be refused or may panic on overflowing
		 * tables; either is fine, reading out of bounds is not. */
		HOST_PANICS(fdt_parse_boot_info(copy, len, &bi));
		fdt_path_offset(copy, "/reserved-memory/mmode_resv0");
		fdt_find_compatible(copy, -1, "x");
	}
	EXPECT(t, accepted > 0);	/* some flips land in harmless bytes */
	EXPECT(t, accepted < 5000);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(parses_virt_like_tree),
	KTAP_CASE(lookups),
	KTAP_CASE(one_cell_addresses),
	KTAP_CASE(missing_memory_is_named),
	KTAP_CASE(malformed_trees_are_refused),
	KTAP_CASE(random_corruption_is_safe),
};
KTAP_SUITE(host_fdt_suite, "host_fdt", cases);
