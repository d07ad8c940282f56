/* The fake arch's system-call ABI facts that generic code uses. */
#ifndef FAKE_ASM_SYSCALL_H
#define FAKE_ASM_SYSCALL_H

/* struct epoll_event with natural alignment, as on arm64 and riscv64. */
#define ARCH_EPOLL_EVENT_PACKED

#endif
