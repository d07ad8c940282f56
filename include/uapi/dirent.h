/* The record getdents64 fills (struct linux_dirent64, the same on every
 * arch) and the d_type values. */
#ifndef FAULTLINE_UAPI_DIRENT_H
#define FAULTLINE_UAPI_DIRENT_H

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#ifndef __ASSEMBLY__
/* d_reclen is the whole record rounded up to 8 bytes; d_name is
 * NUL-terminated; d_off is the position of the NEXT entry. */
struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};
#endif

#endif
