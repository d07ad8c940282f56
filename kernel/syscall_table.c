/*
 * System-call number -> handler, from the Linux numbers of the arch being
 * compiled (include/uapi/unistd.h). Numbers not listed return -ENOSYS
 * (kernel/syscall.c). x86_64 also has the old path-based calls that the
 * asm-generic arches (arm64, riscv64) only have in their *at forms.
 */
#include <compiler.h>
#include <syscalls.h>
#include <uapi/unistd.h>

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

#define COMMON_SYSCALLS(X) \
	X(read, 3) X(write, 3) X(readv, 3) X(writev, 3) X(openat, 4) \
	X(close, 1) X(lseek, 3) X(pread64, 4) X(pwrite64, 4) X(fstat, 2) \
	X(newfstatat, 4) X(getdents64, 3) X(mkdirat, 3) X(unlinkat, 3) \
	X(chdir, 1) X(getcwd, 2) X(dup, 1) X(dup3, 3) X(pipe2, 2) \
	X(ioctl, 3) X(fcntl, 3) X(brk, 1) X(mmap, 6) X(munmap, 2) \
	X(mprotect, 3) X(madvise, 3) X(clone, 5) X(execve, 3) X(exit, 1) \
	X(exit_group, 1) X(wait4, 4) X(getpid, 0) X(getppid, 0) \
	X(gettid, 0) X(kill, 2) X(tgkill, 3) X(tkill, 2) X(futex, 6) \
	X(rt_sigaction, 4) X(rt_sigprocmask, 4) X(rt_sigreturn, 0) \
	X(rt_sigpending, 2) X(rt_sigsuspend, 2) X(sigaltstack, 2) \
	X(nanosleep, 2) X(clock_nanosleep, 4) X(clock_gettime, 2) \
	X(clock_getres, 2) X(gettimeofday, 2) X(uname, 1) \
	X(set_tid_address, 1) X(set_robust_list, 2) X(prlimit64, 4) \
	X(getrandom, 3) X(sched_yield, 0) X(getuid, 0) X(geteuid, 0) \
	X(getgid, 0) X(getegid, 0) X(reboot, 4) X(faccessat, 3) \
	X(readlinkat, 4) X(setpgid, 2) X(getpgid, 1) X(getsid, 1) \
	X(setsid, 0) X(umask, 1) X(sysinfo, 1) X(getrlimit, 2) \
	X(ftruncate, 2) X(symlinkat, 3) X(fchdir, 1) \
	X(sched_setaffinity, 3) X(sched_getaffinity, 3) X(getcpu, 3) \
	X(ppoll, 5) X(pselect6, 6) X(getitimer, 2) X(setitimer, 3) \
	X(msync, 3) X(mincore, 3) X(mlock, 2) X(mlock2, 3) X(munlock, 2) \
	X(mlockall, 1) X(munlockall, 0) X(mremap, 5) X(eventfd2, 2) \
	X(timerfd_create, 2) X(timerfd_settime, 4) X(timerfd_gettime, 2) \
	X(epoll_create1, 1) X(epoll_ctl, 4) X(epoll_pwait, 6) \
	X(sendfile, 4) X(getrusage, 2) X(memfd_create, 2) X(signalfd4, 4) \
	X(timer_create, 3) X(timer_settime, 4) X(timer_gettime, 2) \
	X(timer_getoverrun, 1) X(timer_delete, 1) X(getresuid, 3) \
	X(getresgid, 3) X(setuid, 1) X(setgid, 1) X(setreuid, 2) \
	X(setregid, 2) X(setresuid, 3) X(setresgid, 3) X(setfsuid, 1) \
	X(setfsgid, 1) X(getgroups, 2) X(setgroups, 2) X(getpriority, 2) \
	X(setpriority, 3) X(prctl, 5) X(sethostname, 2) X(setdomainname, 2) \
	X(syslog, 3) X(linkat, 5) X(mknodat, 4) X(renameat2, 5) \
	X(fchmodat, 3) X(fchmod, 2) X(fchownat, 5) X(fchown, 3) \
	X(utimensat, 4) X(sync, 0) X(syncfs, 1) X(fsync, 1) X(fdatasync, 1) \
	X(statfs, 2) X(fstatfs, 2) X(fallocate, 4) \
	X(mount, 5) X(umount2, 2)

#ifdef __x86_64__
#define ARCH_SYSCALLS(X) \
	X(stat, 2) X(lstat, 2) X(dup2, 2) X(fork, 0) X(vfork, 0) \
	X(arch_prctl, 2) X(open, 3) X(access, 2) X(pipe, 1) X(mkdir, 2) \
	X(unlink, 1) X(rmdir, 1) X(getpgrp, 0) X(symlink, 2) X(readlink, 3) \
	X(poll, 3) X(select, 5) X(pause, 0) X(alarm, 1) X(time, 1) \
	X(eventfd, 1) X(signalfd, 3) X(epoll_create, 1) X(epoll_wait, 4) \
	X(renameat, 4) X(rename, 2) X(creat, 2) X(link, 2) X(mknod, 3) \
	X(chmod, 2) X(chown, 3) X(lchown, 3) X(utime, 2) X(utimes, 2) \
	X(futimesat, 3)
#elif defined(__aarch64__)
#define ARCH_SYSCALLS(X) X(renameat, 4)	/* riscv64 has only renameat2 */
#else
#define ARCH_SYSCALLS(X)
#endif

/*
 * Each handler is reached through a wrapper that takes the six argument
 * registers as they are and calls it through its prototype, so that C
 * converts each one to its declared type. Calling the handler directly
 * through syscall_fn_t would not do: riscv64's calling convention has
 * 32-bit arguments arrive sign-extended, and a handler taking an
 * `unsigned int` trusts the upper half of the register, which user
 * space sets as it likes (an ioctl number with bit 31 set arrives
 * zero-extended from a `long`). The number after each name is its
 * argument count; a wrong one does not compile.
 */
#define ARGS_0(a)
#define ARGS_1(a)	a[0]
#define ARGS_2(a)	a[0], a[1]
#define ARGS_3(a)	a[0], a[1], a[2]
#define ARGS_4(a)	a[0], a[1], a[2], a[3]
#define ARGS_5(a)	a[0], a[1], a[2], a[3], a[4]
#define ARGS_6(a)	a[0], a[1], a[2], a[3], a[4], a[5]
#define WRAPPER(name, n)						\
	static long wrap_##name(unsigned long a0, unsigned long a1,	\
				unsigned long a2, unsigned long a3,	\
				unsigned long a4, unsigned long a5)	\
	{								\
		const unsigned long a[6] = { a0, a1, a2, a3, a4, a5 };	\
									\
		(void)a;						\
		return sys_##name(ARGS_##n(a));				\
	}
COMMON_SYSCALLS(WRAPPER)
ARCH_SYSCALLS(WRAPPER)

#define ENTRY(name, n) [__NR_##name] = wrap_##name,
#define NAME(name, n) [__NR_##name] = #name,

const syscall_fn_t syscall_table[] = {
	COMMON_SYSCALLS(ENTRY)
	ARCH_SYSCALLS(ENTRY)
};
const unsigned int nr_syscalls = ARRAY_SIZE(syscall_table);

/* For the `strace` boot option. */
const char *const syscall_names[ARRAY_SIZE(syscall_table)] = {
	COMMON_SYSCALLS(NAME)
	ARCH_SYSCALLS(NAME)
};
