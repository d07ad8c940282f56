/* Scatter/gather I/O: readv and writev on the kernel's struct iovec. */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>
#include "../../../include/uapi/uio.h"

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

#endif
