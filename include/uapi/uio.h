/* struct iovec for readv/writev (the same on every arch). */
#ifndef FAULTLINE_UAPI_UIO_H
#define FAULTLINE_UAPI_UIO_H

#define UIO_MAXIOV 1024

#ifndef __ASSEMBLY__
struct iovec {
	void *iov_base;
	unsigned long iov_len;
};
#endif

#endif
