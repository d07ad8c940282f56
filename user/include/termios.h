/* Terminal attributes: the kernel's struct termios and flags (uapi), which
 * TCGETS/TCSETS copy as they are; our libc has no larger struct of its own. */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include "../../include/uapi/termios.h"

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;

#define TCSANOW		0
#define TCSADRAIN	1
#define TCSAFLUSH	2

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);

#endif
