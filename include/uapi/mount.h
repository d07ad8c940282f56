/* mount(2) and umount2(2) flags, as <linux/mount.h> and <sys/mount.h>
 * number them. */
#ifndef FAULTLINE_UAPI_MOUNT_H
#define FAULTLINE_UAPI_MOUNT_H

#define MS_RDONLY	0x0001
#define MS_NOSUID	0x0002
#define MS_NODEV	0x0004
#define MS_NOEXEC	0x0008
#define MS_SYNCHRONOUS	0x0010
#define MS_REMOUNT	0x0020
#define MS_MANDLOCK	0x0040
#define MS_DIRSYNC	0x0080
#define MS_NOSYMFOLLOW	0x0100
#define MS_NOATIME	0x0400
#define MS_NODIRATIME	0x0800
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_REC		0x4000
#define MS_SILENT	0x8000
#define MS_RELATIME	0x200000
#define MS_STRICTATIME	0x1000000
#define MS_LAZYTIME	0x2000000
/* The old magic in the top half that callers may still pass. */
#define MS_MGC_MSK	0xffff0000UL
#define MS_MGC_VAL	0xc0ed0000UL

#define MNT_FORCE	1
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

#endif
