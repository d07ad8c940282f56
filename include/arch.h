/*
 * The contract between generic code and an architecture: every function
 * declared here is implemented once per arch under arch/<arch>/. Inline hooks
 * (page-table entry encoding, MMIO accessors, interrupt flags) live in the
 * arch's asm/ headers instead; docs/porting.md lists both.
 */
#ifndef FAULTLINE_ARCH_H
#define FAULTLINE_ARCH_H

#include <types.h>
#include <compiler.h>
#include <asm/ptrace.h>
#include <pgtable.h>

struct boot_info;

/* The generic boot sequence (kernel/main.c); the arch's entry code calls it
 * on the boot stack with the MMU on and BSS cleared. */
void __noreturn start_kernel(void);

/* Name printed in banners and oopses: "riscv64", "arm64", "x86_64". */
extern const char arch_name[];

/* Print one character before any console driver is up (SBI, PL011 through
 * the boot identity map, COM1 ports). Must work from the first C line. */
void arch_early_putc(char c);

/*
 * Fill *bi from what the boot loader handed over: RAM, reserved regions,
 * command line, initrd. Device-tree arches call fdt_scan_boot_info();
 * x86_64 parses the multiboot2 information. Panics with a message naming
 * the problem if the information is missing or malformed.
 */
void arch_discover_boot_info(struct boot_info *bi);

/*
 * Where drivers find their devices (kernel/drivers/): the device tree the
 * boot loader passed, or NULL where the machine describes itself through
 * ACPI instead (x86_64). arch_fdt_irq() turns the index'th entry of a
 * node's "interrupts" into the number request_irq() takes, by the binding
 * of the arch's interrupt controller; -1 when the node has none.
 */
const void *arch_device_tree(void);
int arch_fdt_irq(const void *fdt, int node, int index);

/*
 * PCI (kernel/drivers/pci.c, include/pci.h). arch_pci_ecam() fills *out
 * with the index'th ECAM window the firmware describes (x86_64: the ACPI
 * MCFG); false past the last, and at once where PCI is not used.
 * arch_msi_alloc() reserves an interrupt number for a message-signalled
 * interrupt and gives the address and data whose write raises it (edge,
 * to the boot CPU): an irq for request_irq(), or -ENOSPC when none is
 * left, -ENODEV where the arch has no MSI. An arch without PCI leaves
 * both out: kernel/drivers/pci.c has defaults that find nothing.
 */
struct pci_ecam;
bool arch_pci_ecam(unsigned int index, struct pci_ecam *out);
int arch_msi_alloc(u64 *addr, u32 *data);

/* Install the trap/exception vectors. */
void arch_trap_init(void);

/* Map and start the interrupt controller, the tick timer at hz, and the
 * console UART's receive interrupt. Called after paging_init(). */
void arch_irq_init(void);
void arch_timer_init(unsigned int hz);
void arch_console_init(void);

/* A free-running counter and its frequency in Hz (monotonic clock). */
u64 arch_counter_read(void);
u64 arch_counter_freq(void);

/* Load a kernel page-table root built by mm/kernel_map.c. */
void arch_activate_kernel_pgtable(phys_addr_t root);

/* Load a user page-table root (from mm_create) for the lower half, or
 * none (NULL: user addresses fault) and flush the TLB. */
void arch_switch_mm(pte_t *user_root);

/* Power the machine off. exit_code 0 means success; the test runner may
 * read a non-zero code where the platform can report one. Never returns. */
void __noreturn arch_poweroff(int exit_code);

/* Registers of a trapped context, in the arch's own names. */
void arch_show_regs(const struct pt_regs *regs);

/*
 * One step of the frame-pointer unwinder: given a frame pointer, return the
 * caller's frame pointer and this frame's return address. Returns false when
 * the frame is not a plausible kernel frame. The generic unwinder in
 * kernel/oops.c checks bounds and stops loops.
 */
bool arch_unwind_frame(unsigned long fp, unsigned long *next_fp,
		       unsigned long *ret_addr);

/* The frame pointer of the caller's frame (for dump_stack()). */
unsigned long arch_current_frame(void);

#endif
