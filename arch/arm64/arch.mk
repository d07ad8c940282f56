# arm64 build settings, included by the top Makefile.
# Output: a raw Image with the arm64 Image header, for QEMU -kernel and
# other Linux-style loaders.

CROSS_COMPILE ?= aarch64-linux-gnu-
CLANG_TARGET := aarch64-linux-gnu
SUPPORTED_BOARDS := virt

# No FP/SIMD in the kernel (it would need saving on every trap); no
# out-of-line atomics (they live in libgcc); no unwind tables.
ARCH_CFLAGS := -mgeneral-regs-only -mcmodel=small -mno-outline-atomics \
	-mbranch-protection=none -fno-asynchronous-unwind-tables \
	-fno-unwind-tables
ARCH_LDFLAGS :=

ARCH_SRCS := arch/arm64/head.S arch/arm64/entry.S arch/arm64/setup.c \
	arch/arm64/traps.c arch/arm64/fault.c arch/arm64/uaccess.S \
	arch/arm64/process.c arch/arm64/signal.c arch/arm64/fpsimd.S \
	arch/arm64/gic.c arch/arm64/gic-v2.c arch/arm64/gic-v3.c \
	arch/arm64/timer.c \
	arch/arm64/psci.c arch/arm64/smp.c arch/arm64/board-$(BOARD).c

KERNEL_IMAGE := $(BUILD)/Image

$(KERNEL_IMAGE): $(BUILD)/faultline.elf
	@echo "  IMAGE   $@"
	@$(OBJCOPY) -O binary $< $@
