#!/bin/sh
# Boot a Faultline riscv64 kernel on QEMU virt under OpenSBI, serial on stdio.
# virt:      rv64 with Sstc: the tick is armed with the stimecmp CSR
# sbi-timer: rv64 with Sstc turned off: the tick goes through SBI set_timer
ARCH=riscv64
VARIANTS="virt sbi-timer"
. "$(dirname "$0")/common.sh"

case $variant in
virt)
	cpu=rv64
	;;
sbi-timer)
	cpu=rv64,sstc=off
	;;
esac

image=$build/faultline.bin
require_image "$image"

# Name the firmware explicitly when Debian's opensbi package provides it
# (fw_dynamic: QEMU tells it where the kernel and DTB are); otherwise use
# the OpenSBI build that ships with QEMU.
bios=default
fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
if [ -f "$fw" ]; then
	bios=$fw
fi

# shellcheck disable=SC2086
exec qemu-system-riscv64 -M virt -cpu "$cpu" -bios "$bios" \
	-kernel "$image" -append "$cmdline" ${INITRD:+-initrd "$INITRD"} $QEMU_COMMON
