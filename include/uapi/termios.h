/* Terminal ioctls and the kernel's struct termios (TCGETS/TCSETS*), which
 * Linux shares across x86_64, arm64 and riscv64 (asm-generic termbits). The
 * C library's own struct termios is larger; its tcgetattr converts. */
#ifndef FAULTLINE_UAPI_TERMIOS_H
#define FAULTLINE_UAPI_TERMIOS_H

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

#define NCCS 19

/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK	0x0001
#define BRKINT	0x0002
#define IGNPAR	0x0004
#define PARMRK	0x0008
#define INPCK	0x0010
#define ISTRIP	0x0020
#define INLCR	0x0040
#define IGNCR	0x0080
#define ICRNL	0x0100
#define IUCLC	0x0200
#define IXON	0x0400
#define IXANY	0x0800
#define IXOFF	0x1000
#define IMAXBEL	0x2000
#define IUTF8	0x4000

/* c_oflag */
#define OPOST	0x0001
#define OLCUC	0x0002
#define ONLCR	0x0004
#define OCRNL	0x0008
#define ONOCR	0x0010
#define ONLRET	0x0020

/* c_cflag */
#define CBAUD	0x0000100f
#define B38400	0x0000000f
#define B115200	0x00001002
#define CSIZE	0x00000030
#define CS8	0x00000030
#define CSTOPB	0x00000040
#define CREAD	0x00000080
#define PARENB	0x00000100
#define HUPCL	0x00000400
#define CLOCAL	0x00000800

/* c_lflag */
#define ISIG	0x00001
#define ICANON	0x00002
#define ECHO	0x00008
#define ECHOE	0x00010
#define ECHOK	0x00020
#define ECHONL	0x00040
#define NOFLSH	0x00080
#define TOSTOP	0x00100
#define ECHOCTL	0x00200
#define ECHOPRT	0x00400
#define ECHOKE	0x00800
#define IEXTEN	0x08000

/* TCFLSH arguments */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

#ifndef __ASSEMBLY__
struct termios {
	unsigned int c_iflag;
	unsigned int c_oflag;
	unsigned int c_cflag;
	unsigned int c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};
#endif

#endif
