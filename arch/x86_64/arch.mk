# x86_64 build settings, included by the top Makefile: a higher-half ELF64
# kernel that GRUB 2 loads with multiboot2 (from an ISO made by tools/mkiso)
# or QEMU boots directly through its PVH note. The host gcc is x86_64.

CROSS_COMPILE ?=
CLANG_TARGET := x86_64-unknown-elf
SUPPORTED_BOARDS := virt

# kernel code model: every symbol in the top 2 GiB. No red zone (traps push
# onto the interrupted stack), and no FP/SSE/MMX/x87 registers at all, so a
# trap never has to save them. -mgeneral-regs-only alone would do on gcc,
# the explicit -mno-* keep clang 14 equally strict.
ARCH_CFLAGS := -mcmodel=kernel -mno-red-zone -mno-mmx -mno-sse -mno-sse2 \
	-mno-80387 -mgeneral-regs-only -fno-asynchronous-unwind-tables \
	-fno-unwind-tables
ARCH_LDFLAGS :=

ARCH_SRCS := arch/x86_64/head.S arch/x86_64/entry.S arch/x86_64/uaccess.S \
	arch/x86_64/traps.c arch/x86_64/fault.c arch/x86_64/apic.c \
	arch/x86_64/timer.c arch/x86_64/setup.c arch/x86_64/multiboot2.c \
	arch/x86_64/pvh.c arch/x86_64/stacktrace.c arch/x86_64/process.c \
	arch/x86_64/signal.c arch/x86_64/acpi.c arch/x86_64/smp.c \
	arch/x86_64/trampoline.S arch/x86_64/board-$(BOARD).c

# What GRUB and QEMU load: the ELF without debug sections (a smaller ISO);
# faultline.elf keeps them for gdb and addr2line.
KERNEL_IMAGE := $(BUILD)/faultline-boot.elf

$(KERNEL_IMAGE): $(BUILD)/faultline.elf
	@echo "  STRIP   $@"
	@$(OBJCOPY) --strip-debug $< $@
