/* Fixed-width integer types and the few basic kernel types every file uses. */
#ifndef FAULTLINE_TYPES_H
#define FAULTLINE_TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef long ptrdiff_t;

/* A physical address; never dereferenced directly (use __va()). */
typedef unsigned long phys_addr_t;

typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)

#endif
