#!/bin/sh
# Boot a Faultline arm64 Image on QEMU virt with serial on stdio.
# a72:     cortex-a72, entered at EL1 (PSCI via hvc)
# max-el2: -cpu max with EL2, entered at EL2 and dropping to EL1 (PSCI via smc)
ARCH=arm64
VARIANTS="a72 max-el2"
. "$(dirname "$0")/common.sh"

case $variant in
a72)
	machine=virt,gic-version=2
	cpu=cortex-a72
	;;
max-el2)
	machine=virt,virtualization=on,gic-version=2
	cpu=max
	;;
esac

image=$build/Image
require_image "$image"
# shellcheck disable=SC2086
exec qemu-system-aarch64 -M "$machine" -cpu "$cpu" \
	-kernel "$image" -append "$cmdline" ${INITRD:+-initrd "$INITRD"} $QEMU_COMMON
