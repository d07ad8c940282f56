#!/bin/sh
# Boot a Faultline x86_64 kernel on QEMU q35, serial on stdio.
#   tools/qemu/x86_64.sh BUILD_DIR "CMDLINE" [VARIANT]   (GDB=1: wait for gdb)
#   tools/qemu/x86_64.sh --variants
# grub: the real PC path: SeaBIOS boots an ISO (tools/mkiso) whose GRUB 2
#       loads the kernel with multiboot2; the command line is in grub.cfg
# pvh:  QEMU loads the ELF itself through its Xen PVH note (faster)
# The guest powers off through isa-debug-exit, so QEMU's exit status is
# (code << 1) | 1: 1 for success.
set -e

if [ "$1" = "--variants" ]; then
	echo grub
	echo pvh
	exit 0
fi

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR \"CMDLINE\" [VARIANT] | --variants" >&2
	exit 2
fi
build=$1
cmdline=$2
variant=${3:-grub}
here=$(cd "$(dirname "$0")/../.." && pwd)

kernel=$build/faultline-boot.elf
if [ ! -f "$kernel" ]; then
	echo "$0: $kernel not found; run make ARCH=x86_64 first" >&2
	exit 1
fi

gdb=
if [ "${GDB:-0}" = 1 ]; then
	gdb="-s -S"
fi

# A CPU with NX, SMEP and SMAP (the kernel uses them when present).
cpu=qemu64,+nx,+smep,+smap

case $variant in
grub)
	# One ISO per command line, rebuilt when the kernel is newer.
	key=$(printf '%s' "$cmdline" | cksum | cut -d' ' -f1)
	iso=$build/iso/faultline-$key.iso
	if [ ! -f "$iso" ] || [ "$kernel" -nt "$iso" ]; then
		mkdir -p "$build/iso"
		"$here/tools/mkiso" "$build" "$cmdline" "$iso"
	fi
	boot="-cdrom $iso"
	;;
pvh)
	boot="-kernel $kernel"
	;;
*)
	echo "$0: unknown variant '$variant' (try --variants)" >&2
	exit 2
	;;
esac

if [ "$variant" = pvh ]; then
	# shellcheck disable=SC2086
	exec qemu-system-x86_64 -M q35 -cpu "$cpu" -smp 1 -m 256M $boot \
		-append "$cmdline" -serial stdio -display none -monitor none \
		-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 $gdb
fi
# shellcheck disable=SC2086
exec qemu-system-x86_64 -M q35 -cpu "$cpu" -smp 1 -m 256M $boot \
	-serial stdio -display none -monitor none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $gdb
