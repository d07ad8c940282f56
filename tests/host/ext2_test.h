/* Shared by the host ext2 suite (test_ext2.c) and its stand-ins for the
 * rest of the kernel (ext2_stubs.c): disks backed by image files or by
 * host memory. */
#ifndef EXT2_TEST_H
#define EXT2_TEST_H

#include "host.h"
#include <block.h>

/* A registered block device reading and writing the image file at path
 * (NULL if it cannot be opened) or the bytes at mem (the caller's, not
 * copied). Requests complete before submit returns. */
struct block_device *host_disk_file(const char *path);
struct block_device *host_disk_mem(void *mem, u64 bytes);
/* Done with the disk: its slot may serve another image. Drops its clean
 * buffers from the cache first. */
void host_disk_close(struct block_device *bd);
/* From now on, a user-memory io_buf faults at (and after) this address;
 * NULL: never. */
extern char *host_user_fault_at;

#endif
