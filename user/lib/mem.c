/* The program break and memory mappings. */
#include <unistd.h>
#include <sys/mman.h>
#include "libc.h"

static unsigned long cur_brk;

/* The brk syscall returns the new break, or the old one when it refuses. */
int brk(void *addr)
{
	unsigned long r = (unsigned long)SC1(brk, addr);

	cur_brk = r;
	if (r < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = (unsigned long)SC1(brk, 0);
	old = cur_brk;
	if (increment == 0)
		return (void *)old;
	if (brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)__syscall_ret(SC6(mmap, addr, len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return __syscall_ret(SC2(munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return __syscall_ret(SC3(mprotect, addr, len, prot));
}

int madvise(void *addr, size_t len, int advice)
{
	return __syscall_ret(SC3(madvise, addr, len, advice));
}
