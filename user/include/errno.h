/* errno (per thread) and the Linux error numbers. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "../../include/uapi/errno.h"

/* Linux numbers the kernel's uapi header does not list (yet). */
#ifndef ENOTBLK
#define ENOTBLK 15
#endif
#ifndef EXDEV
#define EXDEV 18
#endif
#ifndef ETXTBSY
#define ETXTBSY 26
#endif
#ifndef EMLINK
#define EMLINK 31
#endif
#ifndef EDOM
#define EDOM 33
#endif
#ifndef EDEADLK
#define EDEADLK 35
#endif
#ifndef ENOLCK
#define ENOLCK 37
#endif
#ifndef ELOOP
#define ELOOP 40
#endif
#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif
#ifndef EOVERFLOW
#define EOVERFLOW 75
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif

int *__errno_location(void);
#define errno (*__errno_location())

#endif
