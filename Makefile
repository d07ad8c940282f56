# Faultline build.
#   make [ARCH=riscv64|arm64|x86_64] [BOARD=virt|raspi3] [LLVM=1] <target>
# Targets: all (default), run, gdb, test, host-test, bench-boot, bench-faults,
# bench-smp, faultabi, user, initramfs, clean.
# make run EXTRA=<dir> INIT=/<program>: add <dir> to the initramfs root and
# run /<program> as pid 1 instead of the shell. SMP=N: QEMU's CPUs (2).
# make run boots Debian's busybox sh (tools/busybox) as the console shell;
# USERLAND=faultline runs Faultline's own sh instead. The initramfs always
# holds /bin/busybox and the busybox suite (/tests/busybox/); BUSYBOX=0
# leaves them out (no download or build; the shell is then Faultline's).
# Objects go to build/<arch>[-llvm][-<board>]/ so arches never clobber each other.

ARCH ?= riscv64
BOARD ?= virt
LLVM ?=
CMDLINE ?=
EXTRA ?=
INIT ?=
BUSYBOX ?= 1
USERLAND ?= $(if $(filter 0,$(BUSYBOX)),faultline,busybox)
VARIANT ?=
SMP ?= 2
# The lock checker (kernel/lockcheck*.c): on unless LOCK_CHECKER=0.
LOCK_CHECKER ?= 1
ARCHES ?= riscv64 arm64 x86_64

SUPPORTED_ARCHES := riscv64 arm64 x86_64
ifeq ($(filter $(ARCH),$(SUPPORTED_ARCHES)),)
$(error ARCH=$(ARCH) is not supported; choose one of: $(SUPPORTED_ARCHES))
endif

BUILD := build/$(ARCH)$(if $(filter 1,$(LLVM)),-llvm)$(if $(filter-out virt,$(BOARD)),-$(BOARD))$(if $(filter 0,$(LOCK_CHECKER)),-nolockcheck)

# The arch sets CROSS_COMPILE, CLANG_TARGET, ARCH_CFLAGS, ARCH_LDFLAGS,
# ARCH_SRCS, SUPPORTED_BOARDS and KERNEL_IMAGE (with a rule to make it
# from $(BUILD)/faultline.elf).
include arch/$(ARCH)/arch.mk

ifeq ($(filter $(USERLAND),faultline busybox),)
$(error USERLAND=$(USERLAND): choose faultline or busybox)
endif
ifeq ($(USERLAND)$(BUSYBOX),busybox0)
$(error USERLAND=busybox needs busybox in the initramfs (not BUSYBOX=0))
endif

ifeq ($(filter $(BOARD),$(SUPPORTED_BOARDS)),)
$(error BOARD=$(BOARD) is not supported on $(ARCH); choose one of: $(SUPPORTED_BOARDS))
endif

ifeq ($(LLVM),1)
CC := clang --target=$(CLANG_TARGET)
LD := ld.lld
OBJCOPY := llvm-objcopy
else
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
endif

LINKER_SCRIPT := linker/$(ARCH)-$(BOARD).ld

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-stack-protector -fno-pic -fno-pie -fno-omit-frame-pointer \
	-fno-strict-aliasing -fno-common \
	-Iinclude -Iarch/$(ARCH)/include -DBOARD_$(BOARD) \
	-MMD -MP $(ARCH_CFLAGS) $(if $(filter 1,$(LOCK_CHECKER)),-DCONFIG_LOCK_CHECKER)
LDFLAGS := -nostdlib -static -z max-page-size=4096 --no-warn-rwx-segments $(ARCH_LDFLAGS)
ifeq ($(LLVM),1)
LDFLAGS := $(filter-out --no-warn-rwx-segments,$(LDFLAGS))
else
# Stop GCC from turning the loops in memset/memcpy into calls to themselves.
CFLAGS += -fno-tree-loop-distribute-patterns
endif

GENERIC_SRCS := $(sort $(wildcard kernel/*.c kernel/drivers/*.c kernel/selftest/*.c \
	kernel/fs/*.c kernel/fs/ext2/*.c kernel/block/*.c mm/*.c))
SRCS := $(GENERIC_SRCS) $(ARCH_SRCS)
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

.PHONY: all run gdb test host-test bench-boot bench-faults clean setup \
	user initramfs faultabi bench-smp
all: $(KERNEL_IMAGE)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(BUILD)/faultline.elf: $(OBJS) $(LINKER_SCRIPT)
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -T $(LINKER_SCRIPT) -o $@ $(OBJS)

# User space (user/Makefile): the libc, init, sh, coreutils and the tests;
# and a program built with the stock Debian compiler and glibc (user/glibc).
USER_OUT := $(abspath $(BUILD))/user
user:
	@$(MAKE) --no-print-directory -C user ARCH=$(ARCH) LLVM=$(LLVM) \
		O=$(USER_OUT)
	@$(MAKE) --no-print-directory -C user/glibc ARCH=$(ARCH) O=$(USER_OUT)
	@cp user/tests/faultabi.expected.$(ARCH) $(USER_OUT)/tests/faultabi.expected

# The root file system the kernel unpacks at boot: /init, /bin, /tests,
# /etc (user/etc: passwd and group with root and nobody), and everything
# in EXTRA. The QEMU runners pass it when it exists.
# Busybox is only /bin/busybox (no applet links to shadow Faultline's /bin
# programs; its shell runs its own applets first).
INITRAMFS := $(BUILD)/initramfs.cpio
BUSYBOX_OUT := $(USER_OUT)/busybox
initramfs: user
	@rm -rf $(BUILD)/root
	@mkdir -p $(BUILD)/root
	@cp -r $(USER_OUT)/bin $(BUILD)/root/
	@if [ -d $(USER_OUT)/tests ]; then cp -r $(USER_OUT)/tests $(BUILD)/root/; fi
	@cp $(USER_OUT)/bin/init $(BUILD)/root/init
	@cp -r user/etc $(BUILD)/root/
	@# Debug info stays in $(USER_OUT) for gdb; the guest gets lean copies
	@# (the glibc programs have none, and llvm-objcopy 14 rejects them).
	@for f in $(BUILD)/root/init $(BUILD)/root/bin/* $(BUILD)/root/tests/*; do \
		case $$f in *.expected|*/glibc-*) ;; \
		*) $(OBJCOPY) --strip-debug $$f ;; esac; \
	done
ifneq ($(BUSYBOX),0)
	@$(MAKE) --no-print-directory -C user/tests/busybox ARCH=$(ARCH) \
		O=$(BUSYBOX_OUT)
	@mkdir -p $(BUILD)/root/tests/busybox
	@cp $(BUSYBOX_OUT)/busybox $(BUILD)/root/bin/busybox
	@cp $(BUSYBOX_OUT)/run $(BUSYBOX_OUT)/suite.sh $(BUILD)/root/tests/busybox/
endif
	@echo "  CPIO    $(INITRAMFS)"
	@tools/mkinitramfs -o $(INITRAMFS) $(BUILD)/root $(EXTRA)

# USERLAND=busybox: Faultline's /init runs the shell it is given after
# "--" (the kernel passes those words to init, as Linux does).
RUN_CMDLINE := $(strip $(CMDLINE) $(if $(INIT),init=$(INIT),$(if \
	$(filter busybox,$(USERLAND)),-- /bin/busybox sh)))

# Install missing tools (once), build, boot in QEMU on this terminal.
run: setup
	@$(MAKE) --no-print-directory all initramfs
	@SMP=$(SMP) tools/qemu/$(ARCH).sh $(BUILD) "$(RUN_CMDLINE)" $(VARIANT)

# Boot paused with a GDB stub and attach gdb-multiarch to it.
gdb: setup
	@$(MAKE) --no-print-directory all initramfs
	@SMP=$(SMP) tools/gdb $(ARCH) $(BUILD) "$(RUN_CMDLINE)" $(VARIANT)

# Host unit tests, then every arch in QEMU; last line "N passed, N failed".
test: setup
	@ARCHES="$(ARCHES)" tools/test

host-test:
	@$(MAKE) --no-print-directory -C tests/host

bench-boot: setup
	@tools/bench-boot

# Fault-path cost per arch, as ratios to zeroing a page (a benchmark).
bench-faults: setup
	@tools/bench-faults

# Fault scaling with 1, 2 and 4 workers under -smp 4, against Linux in the
# same QEMU (Debian's kernels for x86_64 and arm64: downloads them once).
bench-smp: setup
	@tools/bench-smp --arches "$(ARCHES)"

# The fault-ABI table: the faultabi suite on Faultline and on Linux (native
# x86_64, Debian's arm64 kernel in QEMU: downloads it once) for ARCHES.
# FAULTABI_DOC=1 also rewrites the table in docs/fault-abi.md.
faultabi: setup
	@tools/faultabi --arches "$(ARCHES)" $(if $(FAULTABI_DOC),--doc docs/fault-abi.md)

setup:
	@tools/setup --if-missing

clean:
	rm -rf build
	@$(MAKE) --no-print-directory -C tests/host clean

-include $(OBJS:.o=.d)
