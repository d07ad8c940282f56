# Sourced by tools/qemu/<arch>.sh: the argument handling and the QEMU options
# every arch shares. The arch script sets ARCH and VARIANTS (the first is
# the default) before sourcing; afterwards $build, $cmdline, $variant and
# $QEMU_COMMON are set, and --variants has been answered.
#   tools/qemu/<arch>.sh BUILD_DIR "CMDLINE" [VARIANT]   (GDB=1: wait for gdb)
#   tools/qemu/<arch>.sh --variants
set -e

if [ "$1" = "--variants" ]; then
	for v in $VARIANTS; do
		echo "$v"
	done
	exit 0
fi
if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR \"CMDLINE\" [VARIANT] | --variants" >&2
	exit 2
fi
build=$1
cmdline=${2:-}
variant=${3:-${VARIANTS%% *}}
case " $VARIANTS " in
*" $variant "*) ;;
*)
	echo "$0: unknown variant '$variant' (one of: $VARIANTS)" >&2
	exit 2
	;;
esac

# Stop with a hint when the kernel image has not been built.
require_image() {
	if [ ! -f "$1" ]; then
		echo "$0: $1 not found; run make ARCH=$ARCH first" >&2
		exit 1
	fi
}

# SMP CPUs (default 1), 256 MiB, serial on stdio (the test runner reads and writes it),
# no display or monitor, exit instead of rebooting; GDB=1 waits on :1234.
# No network card: nothing uses one, and the default NICs need option ROMs
# (ipxe-qemu) that tools/setup does not install for every arch.
# On a terminal (make run), the terminal belongs to the guest: ^C, ^Z and
# ^\ reach its shell as SIGINT, SIGTSTP and SIGQUIT instead of stopping
# QEMU (and make), and Ctrl-A x is how to quit (mon: multiplexes QEMU's
# monitor behind Ctrl-A c).
SERIAL="-serial stdio"
if [ -t 0 ] && [ -t 1 ]; then
	SERIAL="-serial mon:stdio"
	echo "(QEMU: Ctrl-A x quits, Ctrl-A c is the QEMU monitor, Ctrl-A h helps)" >&2
fi
QEMU_COMMON="-smp ${SMP:-1} -m 256M $SERIAL -display none -monitor none -no-reboot -nic none"
# The initramfs (make initramfs) when there is one: the kernel's root file
# system, with /init. Without it the kernel boots to its monitor.
INITRD=""
if [ -f "$build/initramfs.cpio" ]; then
	INITRD="$build/initramfs.cpio"
fi
# DISK=image attaches a raw disk image as the first virtio-blk device
# (/dev/vda in the guest): on the transport each machine has, which the
# arch script names in VIRTIO_BLK_DEVICE (virtio-blk-device on virtio-mmio,
# virtio-blk-pci on PCI).
if [ -n "${DISK:-}" ]; then
	if [ ! -f "$DISK" ]; then
		echo "$0: disk image $DISK not found" >&2
		exit 1
	fi
	QEMU_COMMON="$QEMU_COMMON -drive file=$DISK,if=none,format=raw,id=vda"
	QEMU_COMMON="$QEMU_COMMON -device ${VIRTIO_BLK_DEVICE:-virtio-blk-device},drive=vda"
	# QEMU's virtio-mmio speaks the legacy interface unless told not to;
	# Faultline drives virtio 1.x only.
	case ${VIRTIO_BLK_DEVICE:-virtio-blk-device} in
	virtio-blk-device)
		QEMU_COMMON="$QEMU_COMMON -global virtio-mmio.force-legacy=false" ;;
	esac
fi
if [ "${GDB:-0}" = 1 ]; then
	QEMU_COMMON="$QEMU_COMMON -s -S"
fi
