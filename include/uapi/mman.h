/* Linux mmap/mprotect/madvise constants (asm-generic values; the same on
 * x86_64, arm64 and riscv64), shared by the kernel and user space. */
#ifndef FAULTLINE_UAPI_MMAN_H
#define FAULTLINE_UAPI_MMAN_H

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_32BIT 0x40		/* x86_64 only */
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_HUGE_MASK (0x3fUL << 26)
#define MAP_UNINITIALIZED 0x4000000
/* What every kernel accepts; MAP_SHARED_VALIDATE refuses anything else
 * with EOPNOTSUPP (Linux's LEGACY_MAP_MASK). */
#define MAP_LEGACY_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | \
	MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | \
	MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
	MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT | MAP_HUGE_MASK)
#define MAP_FIXED_NOREPLACE 0x100000

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4
#define MLOCK_ONFAULT 1

#define MADV_DONTNEED 4
#define MADV_HWPOISON 100

#endif
