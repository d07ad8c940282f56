#!/bin/sh
# Boot a Faultline riscv64 kernel on QEMU virt under OpenSBI, serial on stdio.
#   tools/qemu/riscv64.sh BUILD_DIR "CMDLINE" [VARIANT]   (GDB=1: wait for gdb)
#   tools/qemu/riscv64.sh --variants
# virt:      rv64 with Sstc: the tick is armed with the stimecmp CSR
# sbi-timer: rv64 with Sstc turned off: the tick goes through SBI set_timer
set -e

if [ "$1" = "--variants" ]; then
	echo virt
	echo sbi-timer
	exit 0
fi

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR \"CMDLINE\" [VARIANT] | --variants" >&2
	exit 2
fi
build=$1
cmdline=$2
variant=${3:-virt}

case $variant in
virt)
	cpu=rv64
	;;
sbi-timer)
	cpu=rv64,sstc=off
	;;
*)
	echo "$0: unknown variant '$variant' (try --variants)" >&2
	exit 2
	;;
esac

image=$build/faultline.bin
if [ ! -f "$image" ]; then
	echo "$0: $image not found; run make ARCH=riscv64 first" >&2
	exit 1
fi

# Name the firmware explicitly when Debian's opensbi package provides it
# (fw_dynamic: QEMU tells it where the kernel and DTB are); otherwise use
# the OpenSBI build that ships with QEMU.
bios=default
for fw in /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin; do
	if [ -f "$fw" ]; then
		bios=$fw
	fi
done

gdb=
if [ "${GDB:-0}" = 1 ]; then
	gdb="-s -S"
fi

# shellcheck disable=SC2086
exec qemu-system-riscv64 -M virt -cpu "$cpu" -smp 1 -m 256M \
	-bios "$bios" -kernel "$image" -append "$cmdline" \
	-serial stdio -display none -monitor none -no-reboot $gdb
