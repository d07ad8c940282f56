/*
 * Touching user memory from the kernel (mm/uaccess.c). Every access goes
 * through one arch routine, arch_copy_user(), whose loads and stores have
 * exception-table entries: a fault on a bad user address resumes at the
 * routine's fixup, which returns how many bytes were not copied. The kernel
 * never dereferences a user pointer anywhere else.
 */
#ifndef FAULTLINE_UACCESS_H
#define FAULTLINE_UACCESS_H

#include <types.h>

/* Marks a pointer into user space (documentation only). */
#define __user

/* Is [addr, addr+size) entirely below the user address limit? */
bool access_ok(const void __user *addr, size_t size);

/* Both return the number of bytes NOT copied (0 on success). */
size_t copy_to_user(void __user *to, const void *from, size_t n);
size_t copy_from_user(void *to, const void __user *from, size_t n);

/* 0 or -EFAULT. size is 1, 2, 4 or 8. */
int get_user_sized(void *val, const void __user *ptr, size_t size);
int put_user_sized(void __user *ptr, const void *val, size_t size);
#define get_user(x, ptr) get_user_sized(&(x), (ptr), sizeof(*(ptr)))
#define put_user(x, ptr) ({ __typeof__(*(ptr)) _v = (x); \
	put_user_sized((ptr), &_v, sizeof(_v)); })

/* Copy a NUL-terminated string of at most n bytes including the NUL.
 * Returns its length, n if it did not fit, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, size_t n);

/*
 * The arch routine (arch/<arch>/uaccess.S): copy n bytes, allowing user
 * access for its duration (riscv64 SUM, arm64 PAN, x86_64 SMAP), and return
 * the number of bytes not copied when a load or store faults.
 */
size_t arch_copy_user(void *to, const void *from, size_t n);

#endif
