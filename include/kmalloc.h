/* kmalloc/kfree: small objects in power-of-two size classes carved from
 * pages, larger ones straight from the page allocator (mm/kmalloc.c). */
#ifndef FAULTLINE_KMALLOC_H
#define FAULTLINE_KMALLOC_H

#include <types.h>

#define KMALLOC_MIN_SIZE 16
#define KMALLOC_MAX_CLASS_SIZE 2048	/* above this: whole pages */

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *ptr);
/* The usable size of a kmalloc'ed block (its size class). */
size_t ksize(const void *ptr);

#endif
