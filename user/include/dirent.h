/* Directory streams on getdents64. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include "../../include/uapi/dirent.h"

/* What readdir returns: a linux_dirent64 with room for the longest name. */
struct dirent {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct __dir DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
int dirfd(DIR *d);
ssize_t getdents64(int fd, void *buf, size_t len);

#endif
