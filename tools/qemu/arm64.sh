#!/bin/sh
# Boot a Faultline arm64 Image on QEMU virt with serial on stdio.
#   tools/qemu/arm64.sh BUILD_DIR "CMDLINE" [VARIANT]   (GDB=1: wait for gdb)
#   tools/qemu/arm64.sh --variants
# a72:     cortex-a72, entered at EL1 (PSCI via hvc)
# max-el2: -cpu max with EL2, entered at EL2 and dropping to EL1 (PSCI via smc)
set -e

if [ "$1" = "--variants" ]; then
	echo a72
	echo max-el2
	exit 0
fi

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR \"CMDLINE\" [VARIANT] | --variants" >&2
	exit 2
fi
build=$1
cmdline=$2
variant=${3:-a72}

case $variant in
a72)
	machine=virt,gic-version=2
	cpu=cortex-a72
	;;
max-el2)
	machine=virt,virtualization=on,gic-version=2
	cpu=max
	;;
*)
	echo "$0: unknown variant '$variant' (try --variants)" >&2
	exit 2
	;;
esac

image=$build/Image
if [ ! -f "$image" ]; then
	echo "$0: $image not found; run make ARCH=arm64 first" >&2
	exit 1
fi

gdb=
if [ "${GDB:-0}" = 1 ]; then
	gdb="-s -S"
fi

# shellcheck disable=SC2086
exec qemu-system-aarch64 -M "$machine" -cpu "$cpu" -smp 1 -m 256M \
	-kernel "$image" -append "$cmdline" \
	-serial stdio -display none -monitor none -no-reboot $gdb
