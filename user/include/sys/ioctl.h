/* ioctl() and the terminal requests (uapi termios.h: TCGETS, TIOCGWINSZ and
 * struct winsize; the same numbers on x86_64, arm64 and riscv64). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include "../../../include/uapi/termios.h"

int ioctl(int fd, unsigned long request, ...);

#endif
