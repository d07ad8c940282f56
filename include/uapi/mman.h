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
#define MAP_GROWSDOWN 0x0100
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_STACK 0x20000
#define MAP_FIXED_NOREPLACE 0x100000

#define MADV_DONTNEED 4
#define MADV_HWPOISON 100

#endif
