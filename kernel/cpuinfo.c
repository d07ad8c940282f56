/*
 * /proc/cpuinfo, one paragraph per CPU as each arch's Linux lays it out:
 * "processor" first (what programs count), then the lines that say what
 * the CPU can do, from the same feature bits exec hands programs as
 * AT_HWCAP, named as Linux names them.
 */
#include <cpuinfo.h>
#include <printk.h>
#include <smp.h>
#include <asm/elf.h>

#if defined(__x86_64__) || defined(__aarch64__)
/* Append the names of the set bits of hwcap (names[bit], NULL: none). */
static int feature_names(char *buf, size_t size, unsigned long hwcap,
			 const char *const *names, unsigned int nr)
{
	int n = 0;
	unsigned int bit;

	for (bit = 0; bit < nr; bit++) {
		if (!(hwcap & (1UL << bit)) || !names[bit])
			continue;
		n += snprintf(buf + n, (size_t)n < size ? size - (size_t)n : 0,
			      "%s%s", n ? " " : "", names[bit]);
	}
	return n;
}
#endif

#if defined(__x86_64__)
/* CPUID leaf 1, edx. */
static const char *const features[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
	NULL, "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
	"clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss",
	"ht", "tm", "ia64", "pbe",
};

int cpuinfo_paragraph(char *buf, size_t size, const struct cpu *c)
{
	char flags[256];

	feature_names(flags, sizeof(flags), arch_elf_hwcap(), features, 32);
	return snprintf(buf, size, "processor\t: %u\napicid\t\t: %lu\n"
			"flags\t\t: %s\n\n", c->id, c->hwid, flags);
}
#elif defined(__aarch64__)
/* Linux's HWCAP_* bits that asm/elf.h reports. */
static const char *const features[9] = {
	"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
	"atomics",
};

int cpuinfo_paragraph(char *buf, size_t size, const struct cpu *c)
{
	char names[128];

	feature_names(names, sizeof(names), arch_elf_hwcap(), features, 9);
	return snprintf(buf, size, "processor\t: %u\nFeatures\t: %s\n"
			"CPU architecture: 8\n\n", c->id, names);
}
#elif defined(__riscv)
/* The single-letter extensions in the canonical order of ISA strings. */
static const char isa_order[] = "imafdqcbkjpvh";

int cpuinfo_paragraph(char *buf, size_t size, const struct cpu *c)
{
	unsigned long hwcap = arch_elf_hwcap();
	char isa[32] = "rv64";
	int n = 4;
	const char *l;

	for (l = isa_order; *l; l++)
		if (hwcap & RISCV_HWCAP(*l))
			isa[n++] = *l;
	isa[n] = '\0';
	return snprintf(buf, size, "processor\t: %u\nhart\t\t: %lu\n"
			"isa\t\t: %s\nmmu\t\t: sv39\n\n", c->id, c->hwid, isa);
}
#endif
