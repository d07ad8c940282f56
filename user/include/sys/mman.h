/* Memory mappings: mmap, munmap, mprotect, madvise. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>
#include "../../../include/uapi/mman.h"

#define MAP_FAILED	((void *)-1)
#define MAP_ANON	MAP_ANONYMOUS
#ifndef MADV_NORMAL
#define MADV_NORMAL	0
#define MADV_WILLNEED	3
#endif

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);

#endif
