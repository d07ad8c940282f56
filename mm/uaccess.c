/* The uaccess helpers: range checks here, the faulting copy in the arch's
 * arch_copy_user(), the recovery in the exception table. */
#include <uaccess.h>
#include <fault.h>
#include <mm.h>
#include <uapi/errno.h>

bool access_ok(const void __user *addr, size_t size)
{
	struct mm_struct *mm = current_mm();
	unsigned long a = (unsigned long)addr;
	unsigned long limit = mm ? mm->task_size : 0;

	return size <= limit && a <= limit - size;
}

size_t copy_to_user(void __user *to, const void *from, size_t n)
{
	if (!access_ok(to, n))
		return n;
	return arch_copy_user(to, from, n);
}

size_t copy_from_user(void *to, const void __user *from, size_t n)
{
	if (!access_ok(from, n))
		return n;
	return arch_copy_user(to, from, n);
}

int get_user_sized(void *val, const void __user *ptr, size_t size)
{
	return copy_from_user(val, ptr, size) ? -EFAULT : 0;
}

int put_user_sized(void __user *ptr, const void *val, size_t size)
{
	return copy_to_user(ptr, val, size) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (get_user_sized(&dst[i], src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return n;
}
