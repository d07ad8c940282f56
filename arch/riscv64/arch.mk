# riscv64 build settings, included by the top Makefile: RV64 S-mode kernel
# under OpenSBI on QEMU virt, built by Debian's cross gcc or by clang.

CROSS_COMPILE ?= riscv64-linux-gnu-
CLANG_TARGET := riscv64-unknown-elf

# Integer-only ISA (no F/D) so the kernel never touches FP registers, and no
# linker relaxation: relaxing to gp-relative accesses would need gp set up and
# would break the code that runs at its physical address before the MMU is on.
# clang 14 does not know the Zicsr/Zifencei names (it still treats them as
# part of the base ISA); gcc 12 with binutils 2.40 requires them.
ifeq ($(LLVM),1)
RISCV_MARCH := rv64imac
RISCV_MARCH_FP := rv64imafdc
else
RISCV_MARCH := rv64imac_zicsr_zifencei
RISCV_MARCH_FP := rv64imafdc_zicsr_zifencei
endif

# medany: code and data are reached PC-relative, so the same instructions
# work at the load address (MMU off) and at the link address (MMU on).
ARCH_CFLAGS := -march=$(RISCV_MARCH) -mabi=lp64 -mcmodel=medany -mno-relax
ARCH_LDFLAGS := --no-relax

ARCH_SRCS := arch/riscv64/head.S arch/riscv64/entry.S \
	arch/riscv64/setup.c arch/riscv64/sbi.c arch/riscv64/traps.c \
	arch/riscv64/timer.c arch/riscv64/plic.c \
	arch/riscv64/stacktrace.c arch/riscv64/board-virt.c \
	arch/riscv64/fault.c arch/riscv64/uaccess.S \
	arch/riscv64/switch.S arch/riscv64/fpu.S arch/riscv64/process.c \
	arch/riscv64/signal.c arch/riscv64/smp.c

# fpu.S saves and loads the user's F/D registers: the one object assembled
# with D (the ABI stays lp64, so it links with the rest). The later -march
# wins.
$(BUILD)/arch/riscv64/fpu.o: CFLAGS += -march=$(RISCV_MARCH_FP)

SUPPORTED_BOARDS := virt

# QEMU's -kernel with OpenSBI firmware takes a flat binary loaded at
# 0x80200000; the ELF stays next to it for gdb and addr2line.
KERNEL_IMAGE := $(BUILD)/faultline.bin

$(KERNEL_IMAGE): $(BUILD)/faultline.elf
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@
