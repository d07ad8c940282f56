/*
 * open() flags and fcntl() commands. Defined here until the kernel's uapi
 * grows an fcntl.h; the values are Linux's (asm-generic), except arm64,
 * which numbers O_DIRECTORY/O_NOFOLLOW/O_DIRECT/O_LARGEFILE differently.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_CLOEXEC	02000000
#ifdef __aarch64__
#define O_DIRECTORY	00040000
#define O_NOFOLLOW	00100000
#else
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#endif

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_EMPTY_PATH		0x1000

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
