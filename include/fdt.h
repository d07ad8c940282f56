/* Reading a flattened device tree (kernel/fdt.c): validation, node and
 * property lookup, and the boot information riscv64 and arm64 need. */
#ifndef FAULTLINE_FDT_H
#define FAULTLINE_FDT_H

#include <types.h>
#include <compiler.h>

struct boot_info;

#define FDT_MAGIC 0xd00dfeedU

/* NULL if blob (at most max_size bytes readable) is a usable FDT, else a
 * message saying what is wrong with it. */
const char *fdt_validate(const void *blob, size_t max_size);
/* Total size from the header (valid only after fdt_validate). */
u32 fdt_total_size(const void *blob);

/* Node offsets are >= 0; negative means not found. */
int fdt_path_offset(const void *blob, const char *path);
int fdt_next_node(const void *blob, int offset, int *depth);
int fdt_find_compatible(const void *blob, int start, const char *compat);
const char *fdt_node_name(const void *blob, int offset);
const void *fdt_getprop(const void *blob, int offset, const char *name,
			int *len);
/* Read cell 'index' of (addr, size) pairs in 'reg', honouring the parent's
 * #address-cells and #size-cells. */
bool fdt_get_reg(const void *blob, int offset, int index, u64 *base,
		 u64 *size);
/* A one-cell property such as "interrupts" (first cell) or "phandle". */
bool fdt_get_u32(const void *blob, int offset, const char *name, int index,
		 u32 *val);

/* One CPU under /cpus (device_type "cpu", status okay): its reg (hart id
 * on riscv64, MPIDR affinity on arm64), its node and its enable-method
 * ("psci", "spin-table", or NULL when the node has none). */
struct fdt_cpu {
	u64 hwid;
	int node;
	const char *enable_method;
};
/* Fill out[] with up to max CPUs in device-tree order; returns how many
 * the tree describes (which may be more than max). */
int fdt_cpus(const void *blob, struct fdt_cpu *out, int max);

/*
 * Fill RAM (/memory), reserved regions (memory reservation block and
 * /reserved-memory), the command line and the initrd (/chosen) into *bi.
 * Returns NULL or a message naming what is missing or malformed.
 */
const char *fdt_parse_boot_info(const void *blob, size_t max_size,
				struct boot_info *bi);

/* DTBs are big-endian. Shifts, not __builtin_bswap: on rv64 without Zbb
 * the builtin becomes a libgcc call, and the kernel links no libgcc. */
static inline u32 fdt32_to_cpu(u32 v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
	       (v << 24);
}

static inline u64 fdt64_to_cpu(u64 v)
{
	return ((u64)fdt32_to_cpu((u32)v) << 32) | fdt32_to_cpu(v >> 32);
}

#endif
