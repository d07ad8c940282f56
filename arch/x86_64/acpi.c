/*
 * A small ACPI table reader: find the RSDP (the boot loader's copy or
 * pointer, else the BIOS areas), follow the XSDT or RSDT to the MADT
 * ("APIC") and keep the local APIC ids of the CPUs it lists, the CPUs
 * smp.c starts, and to the MCFG, whose PCI configuration windows (ECAM)
 * arch_pci_ecam() hands to kernel/drivers/pci.c. Every table's checksum
 * is checked. It runs from
 * arch_discover_boot_info(), while the boot page tables still map all of
 * [0, 4 GiB): the tables sit in firmware memory the final direct map does
 * not cover.
 */
#include <arch.h>
#include <pci.h>
#include <printk.h>
#include <string.h>
#include <asm/memory.h>
#include <asm/x86.h>

struct acpi_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* over the first 20 bytes */
	char oem_id[6];
	u8 revision;			/* 0: ACPI 1.0; 2: 2.0 and later */
	u32 rsdt_address;
	u32 length;			/* 2.0: the whole structure */
	u64 xsdt_address;
	u8 extended_checksum;		/* over all of length */
	u8 reserved[3];
} __packed;

struct acpi_header {
	char signature[4];
	u32 length;			/* header included */
	u8 revision;
	u8 checksum;			/* the bytes of the table sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

struct acpi_madt {
	struct acpi_header header;
	u32 lapic_address;
	u32 flags;
	/* then variable entries, each starting with type and length */
} __packed;

#define MADT_LAPIC		0
#define MADT_IOAPIC		1
#define MADT_LAPIC_OVERRIDE	5
#define MADT_X2APIC		9
#define MADT_ENABLED		0x1	/* processor usable now */

struct madt_lapic {
	u8 type, length;
	u8 acpi_processor_id;
	u8 apic_id;
	u32 flags;
} __packed;

struct madt_ioapic {
	u8 type, length;
	u8 ioapic_id;
	u8 reserved;
	u32 address;
	u32 gsi_base;
} __packed;

struct madt_x2apic {
	u8 type, length;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 acpi_processor_uid;
} __packed;

/* The MCFG (PCI Firmware 3.0, 4.1.2): after the header 8 reserved bytes,
 * then one entry per window. base is where bus 0 of the segment would
 * be, even when the window starts at a later bus. */
struct acpi_mcfg_entry {
	u64 base;
	u16 segment;
	u8 bus_start, bus_end;
	u32 reserved;
} __packed;

#define MCFG_ENTRIES_OFFSET	(sizeof(struct acpi_header) + 8)

unsigned int acpi_nr_cpus;
u32 acpi_cpu_apic_id[ACPI_MAX_CPUS];

static unsigned int nr_ecam;
static struct pci_ecam ecam[ACPI_MAX_ECAM];

/* Physical memory the boot map covers, or NULL. */
static const void *acpi_map(u64 pa, u64 size)
{
	if (!pa || pa + size > EARLY_MAP_LIMIT || pa + size < pa)
		return NULL;
	return __va(pa);
}

static bool checksum_ok(const void *p, u32 len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum == 0;
}

static const struct acpi_rsdp *rsdp_at(u64 pa)
{
	const struct acpi_rsdp *r = acpi_map(pa, 20);

	if (!r || memcmp(r->signature, "RSD PTR ", 8) || !checksum_ok(r, 20))
		return NULL;
	if (r->revision >= 2 &&
	    (!acpi_map(pa, sizeof(*r)) || r->length < sizeof(*r) ||
	     !acpi_map(pa, r->length) || !checksum_ok(r, r->length)))
		return NULL;
	return r;
}

/* The BIOS puts the RSDP on a 16-byte boundary in the first KiB of the
 * EBDA (its segment is at 0x40e) or in the ROM area 0xe0000-0xfffff. */
static const struct acpi_rsdp *rsdp_scan(void)
{
	const struct acpi_rsdp *r;
	u64 ebda = (u64)*(const u16 *)__va(0x40e) << 4, pa;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		for (pa = ebda; pa < ebda + 1024; pa += 16)
			if ((r = rsdp_at(pa)))
				return r;
	for (pa = 0xe0000; pa < 0x100000; pa += 16)
		if ((r = rsdp_at(pa)))
			return r;
	return NULL;
}

/* A table by physical address, if it is mapped, whole and sums to 0. */
static const struct acpi_header *table_at(u64 pa, const char **why)
{
	const struct acpi_header *h = acpi_map(pa, sizeof(*h));

	if (!h) {
		*why = "above 4 GiB";
		return NULL;
	}
	if (h->length < sizeof(*h) || !acpi_map(pa, h->length)) {
		*why = "a bad length";
		return NULL;
	}
	if (!checksum_ok(h, h->length)) {
		*why = "a bad checksum";
		return NULL;
	}
	return h;
}

/* The table with this signature, through the XSDT (64-bit entries) when
 * ACPI 2.0 gives one, else the RSDT (32-bit entries). */
static const struct acpi_header *find_table(const struct acpi_rsdp *r,
					    const char *sig)
{
	bool xsdt = r->revision >= 2 && r->xsdt_address;
	const char *why = "";
	const struct acpi_header *root = table_at(xsdt ? r->xsdt_address :
						  r->rsdt_address, &why);
	unsigned int i, n, size = xsdt ? 8 : 4;

	if (!root) {
		printk("acpi: the %s has %s\n", xsdt ? "XSDT" : "RSDT", why);
		return NULL;
	}
	n = (root->length - sizeof(*root)) / size;
	for (i = 0; i < n; i++) {
		const u8 *e = (const u8 *)(root + 1) + i * size;
		u64 pa = 0;
		const struct acpi_header *h;

		memcpy(&pa, e, size);	/* entries are not 8-byte aligned */
		h = acpi_map(pa, sizeof(*h));
		if (!h || memcmp(h->signature, sig, 4))
			continue;
		h = table_at(pa, &why);
		if (!h)
			printk("acpi: the %.4s table at %#llx has %s\n", sig, pa,
			       why);
		return h;
	}
	return NULL;
}

static void add_cpu(u32 apic_id, u32 flags)
{
	unsigned int i;

	if (!(flags & MADT_ENABLED))
		return;		/* hot-pluggable or disabled: not started */
	for (i = 0; i < acpi_nr_cpus; i++)
		if (acpi_cpu_apic_id[i] == apic_id)
			return;	/* listed as both LAPIC and x2APIC */
	if (apic_id >= 0xff) {
		printk("acpi: CPU with x2APIC id %u ignored (the kernel drives "
		       "the APICs in xAPIC mode, ids below 255)\n", apic_id);
		return;
	}
	if (acpi_nr_cpus == ACPI_MAX_CPUS) {
		printk("acpi: CPU with APIC id %u ignored (more than %u)\n",
		       apic_id, ACPI_MAX_CPUS);
		return;
	}
	acpi_cpu_apic_id[acpi_nr_cpus++] = apic_id;
}

static void parse_madt(const struct acpi_madt *madt, const char *from)
{
	const u8 *p = (const u8 *)(madt + 1);
	const u8 *end = (const u8 *)madt + madt->header.length;
	u64 lapic_pa = madt->lapic_address;
	u64 ioapic_pa = 0;

	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		const struct madt_lapic *l = (const void *)p;
		const struct madt_ioapic *io = (const void *)p;
		const struct madt_x2apic *x2 = (const void *)p;

		if (p[0] == MADT_LAPIC && p[1] >= sizeof(*l))
			add_cpu(l->apic_id, l->flags);
		else if (p[0] == MADT_X2APIC && p[1] >= sizeof(*x2))
			add_cpu(x2->x2apic_id, x2->flags);
		else if (p[0] == MADT_IOAPIC && p[1] >= sizeof(*io) &&
			 !ioapic_pa)
			ioapic_pa = io->address;
		else if (p[0] == MADT_LAPIC_OVERRIDE && p[1] >= 12)
			memcpy(&lapic_pa, p + 4, 8);
		p += p[1];
	}
	printk("acpi: MADT (RSDP %s) lists %u CPU%s, local APICs at %#llx, "
	       "IOAPIC at %#llx\n", from, acpi_nr_cpus,
	       acpi_nr_cpus == 1 ? "" : "s", lapic_pa, ioapic_pa);
	if (lapic_pa != x86_board.lapic_base ||
	    (ioapic_pa && ioapic_pa != x86_board.ioapic_base))
		printk("acpi: the MADT's APIC addresses differ from the board's "
		       "(%#lx, %#lx); the board's are used\n",
		       x86_board.lapic_base, x86_board.ioapic_base);
}

static void parse_mcfg(const struct acpi_header *mcfg)
{
	const struct acpi_mcfg_entry *e;
	unsigned int i, n;

	if (mcfg->length < MCFG_ENTRIES_OFFSET)
		return;		/* acpi_init says there is no window */
	n = (mcfg->length - MCFG_ENTRIES_OFFSET) / sizeof(*e);
	e = (const void *)((const u8 *)mcfg + MCFG_ENTRIES_OFFSET);
	for (i = 0; i < n; i++, e++) {
		if (e->bus_end < e->bus_start || !e->base)
			continue;
		if (nr_ecam == ACPI_MAX_ECAM) {
			printk("acpi: MCFG windows past the first %u ignored\n",
			       ACPI_MAX_ECAM);
			return;
		}
		ecam[nr_ecam++] = (struct pci_ecam){
			.base = e->base + ((u64)e->bus_start << 20),
			.segment = e->segment,
			.bus_start = e->bus_start,
			.bus_end = e->bus_end,
		};
	}
}

bool arch_pci_ecam(unsigned int index, struct pci_ecam *out)
{
	if (index >= nr_ecam)
		return false;
	*out = ecam[index];
	return true;
}

/*
 * rsdp_hint: the physical address of an RSDP the boot loader named
 * (multiboot2's copy in its information, PVH's rsdp_paddr), or 0. With no
 * usable MADT the kernel runs on the boot CPU alone, and with no MCFG
 * without PCI devices; either way it says why.
 */
void acpi_init(phys_addr_t rsdp_hint)
{
	const struct acpi_rsdp *r = rsdp_hint ? rsdp_at(rsdp_hint) : NULL;
	const char *from = "from the boot loader";
	const struct acpi_header *madt, *mcfg;

	if (rsdp_hint && !r)
		printk("acpi: the boot loader's RSDP at %#lx is not valid "
		       "(signature or checksum); scanning the BIOS areas\n",
		       rsdp_hint);
	if (!r) {
		r = rsdp_scan();
		from = "found in the BIOS area";
	}
	if (!r) {
		printk("acpi: no RSDP (none from the boot loader, none in the "
		       "EBDA or 0xe0000-0xfffff): one CPU only, no PCI\n");
		return;
	}
	madt = find_table(r, "APIC");
	if (!madt)
		printk("acpi: no usable MADT (\"APIC\" table) under the %s: one "
		       "CPU only\n",
		       r->revision >= 2 && r->xsdt_address ? "XSDT" : "RSDT");
	else if (madt->length < sizeof(struct acpi_madt))
		printk("acpi: the MADT is too short: one CPU only\n");
	else
		parse_madt((const struct acpi_madt *)madt, from);

	mcfg = find_table(r, "MCFG");
	if (mcfg)
		parse_mcfg(mcfg);
	if (!nr_ecam)
		printk("acpi: no PCI configuration window (no usable MCFG "
		       "table): PCI devices are not used\n");
}
