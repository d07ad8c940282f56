/* Random bytes for user space (getrandom, AT_RANDOM): kernel/random.c. */
#ifndef FAULTLINE_RANDOM_H
#define FAULTLINE_RANDOM_H

#include <types.h>

void get_random_bytes(void *buf, size_t n);

#endif
