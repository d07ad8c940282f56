/* struct stat as the kernel fills it (x86_64 has its own layout, arm64 and
 * riscv64 the asm-generic one) and the mode bits: from the kernel's uapi. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include "../../../include/uapi/stat.h"

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int mkdir(const char *path, mode_t mode);
mode_t umask(mode_t mask);

#endif
