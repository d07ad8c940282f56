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
	X(read) X(write) X(readv) X(writev) X(openat) X(close) X(lseek) \
	X(pread64) X(pwrite64) X(fstat) X(newfstatat) X(getdents64) \
	X(mkdirat) X(unlinkat) X(chdir) X(getcwd) X(dup) X(dup3) X(pipe2) \
	X(ioctl) X(fcntl) X(brk) X(mmap) X(munmap) X(mprotect) X(madvise) \
	X(clone) X(execve) X(exit) X(exit_group) X(wait4) X(getpid) \
	X(getppid) X(gettid) X(kill) X(tgkill) X(tkill) X(futex) \
	X(rt_sigaction) X(rt_sigprocmask) X(rt_sigreturn) X(rt_sigpending) \
	X(rt_sigsuspend) X(sigaltstack) X(nanosleep) X(clock_nanosleep) \
	X(clock_gettime) X(clock_getres) X(gettimeofday) X(uname) \
	X(set_tid_address) X(set_robust_list) X(prlimit64) X(getrandom) \
	X(sched_yield) X(getuid) X(geteuid) X(getgid) X(getegid) X(reboot) \
	X(faccessat) X(readlinkat) X(setpgid) X(getpgid) X(getsid) \
	X(setsid) X(umask) X(sysinfo) X(getrlimit) X(ftruncate) \
	X(symlinkat) X(fchdir) X(sched_setaffinity) X(sched_getaffinity) \
	X(getcpu) \
	X(ppoll) X(pselect6) X(getitimer) X(setitimer) \
	X(msync) X(mincore) X(mlock) X(mlock2) X(munlock) X(mlockall) \
	X(munlockall) X(mremap) X(eventfd2) X(timerfd_create) \
	X(timerfd_settime) X(timerfd_gettime) X(epoll_create1) \
	X(epoll_ctl) X(epoll_pwait) X(sendfile) X(getrusage) \
	X(memfd_create) X(signalfd4) X(timer_create) X(timer_settime) \
	X(timer_gettime) X(timer_getoverrun) X(timer_delete) \
	X(getresuid) X(getresgid) X(setuid) X(setgid) X(setreuid) \
	X(setregid) X(setresuid) X(setresgid) X(setfsuid) X(setfsgid) \
	X(getgroups) X(setgroups) X(getpriority) X(setpriority) X(prctl) \
	X(sethostname) X(setdomainname) X(syslog) \
	X(linkat) X(mknodat) X(renameat2) X(fchmodat) X(fchmod) \
	X(fchownat) X(fchown) X(utimensat) X(sync) X(syncfs) X(fsync) \
	X(fdatasync) X(statfs) X(fstatfs) X(fallocate)

#ifdef __x86_64__
#define ARCH_SYSCALLS(X) \
	X(stat) X(lstat) X(dup2) X(fork) X(vfork) X(arch_prctl) X(open) \
	X(access) X(pipe) X(mkdir) X(unlink) X(rmdir) X(getpgrp) \
	X(symlink) X(readlink) \
	X(poll) X(select) X(pause) X(alarm) X(time) X(eventfd) X(signalfd) \
	X(epoll_create) X(epoll_wait) \
	X(renameat) X(rename) X(creat) X(link) X(mknod) X(chmod) \
	X(chown) X(lchown) X(utime) X(utimes) X(futimesat)
#elif defined(__aarch64__)
#define ARCH_SYSCALLS(X) X(renameat)	/* riscv64 has only renameat2 */
#else
#define ARCH_SYSCALLS(X)
#endif

/* Every handler takes at most six register-sized arguments, so calling it
 * through syscall_fn_t passes them as a direct call would on all three
 * ABIs. */
#define ENTRY(name) [__NR_##name] = (syscall_fn_t)(void *)sys_##name,
#define NAME(name) [__NR_##name] = #name,

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
