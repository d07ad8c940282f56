/*
 * Flattened device tree reader (DTB format version 16/17). fdt_validate()
 * walks the whole structure block once with bounds checks, so that a
 * malformed tree produces a message naming the problem; the lookups after it
 * trust that walk but still never read past the blob.
 */
#include <fdt.h>
#include <bootinfo.h>
#include <string.h>

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define FDT_MAX_DEPTH 32

struct fdt_header {
	u32 magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap;
	u32 version, last_comp_version, boot_cpuid_phys;
	u32 size_dt_strings, size_dt_struct;
};

static u32 be32_at(const void *p)
{
	u32 v;

	memcpy(&v, p, 4);	/* DTB cells need not be naturally aligned */
	return fdt32_to_cpu(v);
}

static u64 be64_at(const void *p)
{
	return ((u64)be32_at(p) << 32) | be32_at((const char *)p + 4);
}

static u32 hdr(const void *blob, int field)
{
	return be32_at((const u32 *)blob + field);
}

#define HDR_TOTALSIZE 1
#define HDR_OFF_STRUCT 2
#define HDR_OFF_STRINGS 3
#define HDR_OFF_RSVMAP 4
#define HDR_VERSION 5
#define HDR_LAST_COMP 6
#define HDR_SIZE_STRINGS 8
#define HDR_SIZE_STRUCT 9

static const char *structure(const void *blob) { return (const char *)blob + hdr(blob, HDR_OFF_STRUCT); }
static u32 struct_size(const void *blob) { return hdr(blob, HDR_SIZE_STRUCT); }
static const char *strings(const void *blob) { return (const char *)blob + hdr(blob, HDR_OFF_STRINGS); }

u32 fdt_total_size(const void *blob)
{
	return hdr(blob, HDR_TOTALSIZE);
}

/* Offset just past a NUL-terminated string at off, 4-byte aligned; 0 if the
 * string runs off the end of the structure block. */
static u32 skip_string(const void *blob, u32 off)
{
	u32 end = struct_size(blob);
	const char *s = structure(blob);

	while (off < end && s[off])
		off++;
	if (off >= end)
		return 0;
	return ALIGN_UP(off + 1, 4);
}

const char *fdt_validate(const void *blob, size_t max_size)
{
	u32 total, off_struct, size_struct, off_strings, size_strings, off = 0;
	int depth = 0;
	bool seen_root = false;

	if (!blob)
		return "no device tree was passed by the boot loader";
	if (max_size < sizeof(struct fdt_header))
		return "device tree is smaller than its header";
	if (hdr(blob, 0) != FDT_MAGIC)
		return "device tree has a bad magic number (not a DTB)";
	total = hdr(blob, HDR_TOTALSIZE);
	off_struct = hdr(blob, HDR_OFF_STRUCT);
	size_struct = hdr(blob, HDR_SIZE_STRUCT);
	off_strings = hdr(blob, HDR_OFF_STRINGS);
	size_strings = hdr(blob, HDR_SIZE_STRINGS);
	if (total > max_size || total < sizeof(struct fdt_header))
		return "device tree totalsize is out of range";
	if (hdr(blob, HDR_LAST_COMP) > 17 || hdr(blob, HDR_VERSION) < 16)
		return "device tree version is not supported (need 16 or 17)";
	if (off_struct > total || size_struct > total - off_struct ||
	    off_strings > total || size_strings > total - off_strings ||
	    hdr(blob, HDR_OFF_RSVMAP) > total - 16 || (off_struct & 3))
		return "device tree block offsets lie outside the blob";

	for (;;) {
		u32 token;

		if (off + 4 > size_struct)
			return "device tree structure block ends without FDT_END";
		token = be32_at(structure(blob) + off);
		off += 4;
		switch (token) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && seen_root)
				return "device tree has more than one root node";
			seen_root = true;
			if (++depth > FDT_MAX_DEPTH)
				return "device tree nests nodes too deeply";
			off = skip_string(blob, off);
			if (!off)
				return "device tree node name is not terminated";
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return "device tree closes a node it never opened";
			break;
		case FDT_PROP: {
			u32 len, nameoff;

			if (depth == 0)
				return "device tree property outside any node";
			if (off + 8 > size_struct)
				return "device tree property header is truncated";
			len = be32_at(structure(blob) + off);
			nameoff = be32_at(structure(blob) + off + 4);
			off += 8;
			if (len > size_struct - off)
				return "device tree property value runs past the block";
			if (nameoff >= size_strings ||
			    !memchr_n(strings(blob) + nameoff, '\0',
				      size_strings - nameoff))
				return "device tree property name is out of range";
			off = ALIGN_UP(off + len, 4);
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth != 0 || !seen_root)
				return "device tree ends inside a node";
			return NULL;
		default:
			return "device tree has an unknown structure token";
		}
	}
}

/* Skip the properties and NOPs that follow a node's name; returns the offset
 * of the next BEGIN_NODE/END_NODE/END token. */
static u32 skip_props(const void *blob, u32 off)
{
	for (;;) {
		u32 token = be32_at(structure(blob) + off);

		if (token == FDT_PROP)
			off = ALIGN_UP(off + 12 + be32_at(structure(blob) + off + 4), 4);
		else if (token == FDT_NOP)
			off += 4;
		else
			return off;
	}
}

int fdt_next_node(const void *blob, int offset, int *depth)
{
	u32 off;

	if (offset < 0) {
		*depth = 0;
		return be32_at(structure(blob)) == FDT_BEGIN_NODE ? 0 : -1;
	}
	off = skip_props(blob, skip_string(blob, offset + 4));
	for (;;) {
		u32 token = be32_at(structure(blob) + off);

		if (token == FDT_BEGIN_NODE) {
			(*depth)++;
			return off;
		}
		if (token != FDT_END_NODE)
			return -1;
		(*depth)--;
		off = skip_props(blob, off + 4);
	}
}

const char *fdt_node_name(const void *blob, int offset)
{
	return structure(blob) + offset + 4;
}

const void *fdt_getprop(const void *blob, int offset, const char *name,
			int *len)
{
	u32 off = skip_string(blob, offset + 4);

	for (;;) {
		u32 token = be32_at(structure(blob) + off);

		if (token == FDT_NOP) {
			off += 4;
			continue;
		}
		if (token != FDT_PROP)
			return NULL;
		if (!strcmp(strings(blob) + be32_at(structure(blob) + off + 8),
			    name)) {
			if (len)
				*len = (int)be32_at(structure(blob) + off + 4);
			return structure(blob) + off + 12;
		}
		off = ALIGN_UP(off + 12 + be32_at(structure(blob) + off + 4), 4);
	}
}

/* Does a node name match a path component? "memory" matches "memory@0". */
static bool name_matches(const char *name, const char *comp, size_t len)
{
	if (strncmp(name, comp, len))
		return false;
	return name[len] == '\0' ||
	       (name[len] == '@' && !memchr_n(comp, '@', len));
}

int fdt_path_offset(const void *blob, const char *path)
{
	int depth = 0, node = fdt_next_node(blob, -1, &depth);

	if (node < 0 || path[0] != '/')
		return -1;
	for (path++; *path; ) {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);
		int want = depth + 1;

		for (node = fdt_next_node(blob, node, &depth);
		     node >= 0 && depth >= want;
		     node = fdt_next_node(blob, node, &depth))
			if (depth == want &&
			    name_matches(fdt_node_name(blob, node), path, len))
				break;
		if (node < 0 || depth < want)
			return -1;
		path += len;
		while (*path == '/')
			path++;
	}
	return node;
}

static bool stringlist_contains(const char *list, int len, const char *s)
{
	size_t slen = strlen(s);

	while (len > 0) {
		size_t n = strnlen(list, len);

		if (n == slen && !memcmp(list, s, n))
			return true;
		list += n + 1;
		len -= n + 1;
	}
	return false;
}

int fdt_find_compatible(const void *blob, int start, const char *compat)
{
	int depth = 0, node = start;

	if (start < 0)
		node = fdt_next_node(blob, -1, &depth);
	for (node = fdt_next_node(blob, node, &depth); node >= 0;
	     node = fdt_next_node(blob, node, &depth)) {
		int len;
		const char *c = fdt_getprop(blob, node, "compatible", &len);

		if (c && stringlist_contains(c, len, compat))
			return node;
	}
	return -1;
}

/* The parent of node: a walk from the root keeping one offset per depth. */
static int fdt_parent(const void *blob, int node)
{
	int stack[FDT_MAX_DEPTH + 1];
	int depth = 0, off;

	for (off = fdt_next_node(blob, -1, &depth); off >= 0;
	     off = fdt_next_node(blob, off, &depth)) {
		if (depth < 0 || depth > FDT_MAX_DEPTH)
			return -1;
		stack[depth] = off;
		if (off == node)
			return depth > 0 ? stack[depth - 1] : -1;
	}
	return -1;
}

bool fdt_get_u32(const void *blob, int offset, const char *name, int index,
		 u32 *val)
{
	int len;
	const char *p = fdt_getprop(blob, offset, name, &len);

	if (!p || index < 0 || len < (index + 1) * 4)
		return false;
	*val = be32_at(p + index * 4);
	return true;
}

static u32 cells_of(const void *blob, int node, const char *name, u32 dflt)
{
	u32 v;

	if (node >= 0 && fdt_get_u32(blob, node, name, 0, &v) && v <= 2)
		return v;
	return dflt;
}

static u64 read_cells(const char *p, u32 cells)
{
	return cells == 2 ? be64_at(p) : cells == 1 ? be32_at(p) : 0;
}

bool fdt_get_reg(const void *blob, int offset, int index, u64 *base,
		 u64 *size)
{
	int parent = fdt_parent(blob, offset), len;
	u32 ac = cells_of(blob, parent, "#address-cells", 2);
	u32 sc = cells_of(blob, parent, "#size-cells", 1);
	u32 stride = (ac + sc) * 4;
	const char *reg = fdt_getprop(blob, offset, "reg", &len);

	if (!reg || !stride || index < 0 || (u32)len < (index + 1) * stride)
		return false;
	*base = read_cells(reg + index * stride, ac);
	*size = read_cells(reg + index * stride + ac * 4, sc);
	return true;
}

static void add_regs(const void *blob, int node, struct boot_info *bi,
		     const char *reserved_what)
{
	u64 base, size;
	int i;

	for (i = 0; fdt_get_reg(blob, node, i, &base, &size); i++) {
		if (reserved_what)
			boot_add_reserved(bi, base, size, reserved_what);
		else
			boot_add_ram(bi, base, size);
	}
}

static const char *parse_memory(const void *blob, struct boot_info *bi)
{
	int depth = 0, node;

	for (node = fdt_next_node(blob, -1, &depth); node >= 0;
	     node = fdt_next_node(blob, node, &depth)) {
		int len;
		const char *type = fdt_getprop(blob, node, "device_type", &len);

		if (depth == 1 && type && len >= 7 && !strcmp(type, "memory"))
			add_regs(blob, node, bi, NULL);
	}
	if (!bi->nr_ram)
		return "device tree has no usable /memory node";
	return NULL;
}

static void parse_reservations(const void *blob, struct boot_info *bi)
{
	const char *rsv = (const char *)blob + hdr(blob, HDR_OFF_RSVMAP);
	const char *end = (const char *)blob + fdt_total_size(blob) - 16;
	int depth, node = fdt_path_offset(blob, "/reserved-memory");

	for (; rsv <= end; rsv += 16) {
		u64 base = be64_at(rsv), size = be64_at(rsv + 8);

		if (!base && !size)
			break;
		boot_add_reserved(bi, base, size, "dtb memreserve");
	}
	if (node < 0)
		return;
	depth = 1;
	for (int child = fdt_next_node(blob, node, &depth);
	     child >= 0 && depth >= 2; child = fdt_next_node(blob, child, &depth))
		if (depth == 2)
			add_regs(blob, child, bi, "reserved-memory");
}

static u64 chosen_addr(const void *blob, int chosen, const char *name)
{
	int len;
	const char *p = fdt_getprop(blob, chosen, name, &len);

	if (!p)
		return 0;
	return len == 8 ? be64_at(p) : len == 4 ? be32_at(p) : 0;
}

const char *fdt_parse_boot_info(const void *blob, size_t max_size,
				struct boot_info *bi)
{
	const char *err = fdt_validate(blob, max_size);
	int chosen;

	if (err)
		return err;
	bi->source = "device tree";
	err = parse_memory(blob, bi);
	if (err)
		return err;
	parse_reservations(blob, bi);
	if (bi->dtb_phys)
		boot_add_reserved(bi, bi->dtb_phys,
				  ALIGN_UP((u64)fdt_total_size(blob), 4096), "dtb");

	chosen = fdt_path_offset(blob, "/chosen");
	if (chosen >= 0) {
		int len;
		const char *args = fdt_getprop(blob, chosen, "bootargs", &len);

		if (args && len > 0)
			strlcpy(bi->cmdline, args,
				MIN((size_t)len, sizeof(bi->cmdline)));
		bi->initrd_start = chosen_addr(blob, chosen, "linux,initrd-start");
		bi->initrd_end = chosen_addr(blob, chosen, "linux,initrd-end");
		if (bi->initrd_end > bi->initrd_start)
			boot_add_reserved(bi, bi->initrd_start,
					  bi->initrd_end - bi->initrd_start,
					  "initrd");
		else
			bi->initrd_start = bi->initrd_end = 0;
	}
	return NULL;
}

int fdt_cpus(const void *blob, struct fdt_cpu *out, int max)
{
	int cpus = fdt_path_offset(blob, "/cpus");
	int depth = 0, off, n = 0, base_depth;
	u64 hwid, unused;

	if (cpus < 0)
		return 0;
	/* The children of /cpus: the walk stops once it leaves the node. */
	off = fdt_next_node(blob, -1, &depth);
	while (off >= 0 && off != cpus)
		off = fdt_next_node(blob, off, &depth);
	base_depth = depth;
	for (off = fdt_next_node(blob, cpus, &depth);
	     off >= 0 && depth > base_depth;
	     off = fdt_next_node(blob, off, &depth)) {
		int len;
		const char *type = fdt_getprop(blob, off, "device_type", &len);
		const char *status = fdt_getprop(blob, off, "status", &len);

		if (depth != base_depth + 1 || !type || strcmp(type, "cpu"))
			continue;
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		if (!fdt_get_reg(blob, off, 0, &hwid, &unused))
			continue;
		if (n < max) {
			out[n].hwid = hwid;
			out[n].node = off;
			out[n].enable_method =
				fdt_getprop(blob, off, "enable-method", &len);
		}
		n++;
	}
	return n;
}
