/* Random bytes for user space (getrandom, AT_RANDOM, /dev/urandom):
 * kernel/random.c. */
#ifndef FAULTLINE_RANDOM_H
#define FAULTLINE_RANDOM_H

#include <types.h>

void get_random_bytes(void *buf, size_t n);
/* Stir bytes written to /dev/random or /dev/urandom into the state. */
void add_random_bytes(const void *buf, size_t n);

#endif
