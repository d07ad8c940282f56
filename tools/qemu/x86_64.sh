#!/bin/sh
# Boot a Faultline x86_64 kernel on QEMU q35, serial on stdio.
# grub: the real PC path: SeaBIOS boots an ISO (tools/mkiso) whose GRUB 2
#       loads the kernel with multiboot2; the command line is in grub.cfg
# pvh:  QEMU loads the ELF itself through its Xen PVH note (faster)
# The guest powers off through ACPI (exit code 0) or isa-debug-exit (QEMU
# then exits with (code << 1) | 1).
ARCH=x86_64
VARIANTS="grub pvh"
VIRTIO_BLK_DEVICE=virtio-blk-pci
. "$(dirname "$0")/common.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)

kernel=$build/faultline-boot.elf
require_image "$kernel"

case $variant in
grub)
	# One ISO per command line, rebuilt when the kernel is newer.
	key=$(printf '%s' "$cmdline" | cksum | cut -d' ' -f1)
	iso=$build/iso/faultline-$key.iso
	if [ ! -f "$iso" ] || [ "$kernel" -nt "$iso" ] ||
	   { [ -n "$INITRD" ] && [ "$INITRD" -nt "$iso" ]; }; then
		mkdir -p "$build/iso"
		"$here/tools/mkiso" "$build" "$cmdline" "$iso" $INITRD
	fi
	set -- -cdrom "$iso"
	;;
pvh)
	set -- -kernel "$kernel" -append "$cmdline" ${INITRD:+-initrd "$INITRD"}
	;;
esac

# A CPU with NX, SMEP and SMAP (the kernel uses them when present).
# shellcheck disable=SC2086
exec qemu-system-x86_64 -M q35 -cpu qemu64,+nx,+smep,+smap "$@" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $QEMU_COMMON
