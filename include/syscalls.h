/*
 * Prototypes of every system-call handler, grouped by the file that
 * implements it. kernel/syscall_table.c maps the Linux numbers of
 * include/uapi/unistd.h onto these. User pointers arrive as unsigned long
 * and go through include/uaccess.h; the return value is the result or a
 * negative errno, exactly what user space sees.
 */
#ifndef FAULTLINE_SYSCALLS_H
#define FAULTLINE_SYSCALLS_H

#include <types.h>

/* kernel/fs/ (VFS, files, pipes, tty, /proc) */
long sys_read(int fd, unsigned long buf, size_t count);
long sys_write(int fd, unsigned long buf, size_t count);
long sys_readv(int fd, unsigned long iov, int iovcnt);
long sys_writev(int fd, unsigned long iov, int iovcnt);
long sys_pread64(int fd, unsigned long buf, size_t count, long off);
long sys_pwrite64(int fd, unsigned long buf, size_t count, long off);
long sys_openat(int dirfd, unsigned long path, int flags, unsigned int mode);
long sys_close(int fd);
long sys_lseek(int fd, long off, int whence);
long sys_fstat(int fd, unsigned long statbuf);
long sys_newfstatat(int dirfd, unsigned long path, unsigned long statbuf,
		    int flags);
long sys_getdents64(int fd, unsigned long dirp, size_t count);
long sys_mkdirat(int dirfd, unsigned long path, unsigned int mode);
long sys_unlinkat(int dirfd, unsigned long path, int flags);
long sys_chdir(unsigned long path);
long sys_getcwd(unsigned long buf, size_t size);
long sys_dup(int fd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_pipe2(unsigned long fds, int flags);
long sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl(int fd, int cmd, unsigned long arg);
long sys_faccessat(int dirfd, unsigned long path, int mode);
long sys_readlinkat(int dirfd, unsigned long path, unsigned long buf,
		    size_t size);
long sys_ftruncate(int fd, long length);
long sys_umask(unsigned int mask);
long sys_symlinkat(unsigned long target, int newdirfd, unsigned long path);
long sys_fchdir(int fd);
long sys_linkat(int olddirfd, unsigned long oldpath, int newdirfd,
		unsigned long newpath, int flags);
long sys_mknodat(int dirfd, unsigned long path, unsigned int mode,
		 unsigned int dev);
/* kernel/fs/rename.c */
long sys_renameat2(int olddirfd, unsigned long oldpath, int newdirfd,
		   unsigned long newpath, unsigned int flags);
long sys_renameat(int olddirfd, unsigned long oldpath, int newdirfd,
		  unsigned long newpath);
/* kernel/fs/attr.c */
long sys_fchmodat(int dirfd, unsigned long path, unsigned int mode);
long sys_fchmod(int fd, unsigned int mode);
long sys_fchownat(int dirfd, unsigned long path, unsigned int uid,
		  unsigned int gid, int flags);
long sys_fchown(int fd, unsigned int uid, unsigned int gid);
long sys_utimensat(int dirfd, unsigned long path, unsigned long times,
		   int flags);
/* kernel/fs/sync.c */
long sys_sync(void);
long sys_mount(unsigned long source, unsigned long target,
	       unsigned long fstype, unsigned long flags, unsigned long data);
long sys_umount2(unsigned long target, int flags);
long sys_syncfs(int fd);
long sys_fsync(int fd);
long sys_fdatasync(int fd);
/* kernel/fs/space.c */
long sys_statfs(unsigned long path, unsigned long buf);
long sys_fstatfs(int fd, unsigned long buf);
long sys_fallocate(int fd, int mode, long off, long len);
/* kernel/fs/poll.c */
long sys_ppoll(unsigned long ufds, unsigned int nfds, unsigned long tsp,
	       unsigned long sigmask, size_t sigsetsize);
long sys_pselect6(int nfds, unsigned long in, unsigned long out,
		  unsigned long ex, unsigned long tsp, unsigned long usig);
long sys_poll(unsigned long ufds, unsigned int nfds, int timeout_ms);
long sys_select(int nfds, unsigned long in, unsigned long out,
		unsigned long ex, unsigned long utv);

/* kernel/fs/eventfd.c, timerfd.c */
long sys_eventfd2(unsigned int initval, int flags);
long sys_eventfd(unsigned int initval);
long sys_timerfd_create(int clock, int flags);
long sys_timerfd_settime(int fd, int flags, unsigned long new_value,
			 unsigned long old_value);
long sys_timerfd_gettime(int fd, unsigned long cur);

/* kernel/posix_timers.c */
long sys_timer_create(int clock, unsigned long sevp, unsigned long timerid);
long sys_timer_settime(int id, int flags, unsigned long new_value,
		       unsigned long old_value);
long sys_timer_gettime(int id, unsigned long cur);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);

/* kernel/fs/signalfd.c */
long sys_signalfd4(int fd, unsigned long mask, size_t size, int flags);
long sys_signalfd(int fd, unsigned long mask, size_t size);

/* kernel/fs/memfd.c */
long sys_memfd_create(unsigned long name, unsigned int flags);

/* kernel/rusage.c */
long sys_getrusage(int who, unsigned long ru);

/* kernel/fs/sendfile.c */
long sys_sendfile(int out_fd, int in_fd, unsigned long offset, size_t count);

/* kernel/fs/eventpoll.c */
long sys_epoll_create1(int flags);
long sys_epoll_create(int size);
long sys_epoll_ctl(int epfd, int op, int fd, unsigned long event);
long sys_epoll_wait(int epfd, unsigned long events, int max, int timeout);
long sys_epoll_pwait(int epfd, unsigned long events, int max, int timeout,
		     unsigned long sigmask, size_t sigsetsize);

/* x86_64's legacy path calls (the asm-generic arches use the *at forms) */
long sys_open(unsigned long path, int flags, unsigned int mode);
long sys_stat(unsigned long path, unsigned long statbuf);
long sys_lstat(unsigned long path, unsigned long statbuf);
long sys_access(unsigned long path, int mode);
long sys_dup2(int oldfd, int newfd);
long sys_pipe(unsigned long fds);
long sys_mkdir(unsigned long path, unsigned int mode);
long sys_unlink(unsigned long path);
long sys_rmdir(unsigned long path);
long sys_symlink(unsigned long target, unsigned long path);
long sys_readlink(unsigned long path, unsigned long buf, size_t size);
long sys_creat(unsigned long path, unsigned int mode);
long sys_link(unsigned long oldpath, unsigned long newpath);
long sys_mknod(unsigned long path, unsigned int mode, unsigned int dev);
long sys_rename(unsigned long oldpath, unsigned long newpath);
long sys_chmod(unsigned long path, unsigned int mode);
long sys_chown(unsigned long path, unsigned int uid, unsigned int gid);
long sys_lchown(unsigned long path, unsigned int uid, unsigned int gid);
long sys_utime(unsigned long path, unsigned long times);
long sys_utimes(unsigned long path, unsigned long times);
long sys_futimesat(int dirfd, unsigned long path, unsigned long times);

/* kernel/process.c */
long sys_clone(unsigned long flags, unsigned long newsp,
	       unsigned long parent_tid, unsigned long a3, unsigned long a4);
long sys_fork(void);
long sys_vfork(void);
long sys_execve(unsigned long path, unsigned long argv, unsigned long envp);
long sys_exit(int status);
long sys_exit_group(int status);
long sys_wait4(int pid, unsigned long status, int options,
	       unsigned long rusage);
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_set_tid_address(unsigned long tidptr);
long sys_set_robust_list(unsigned long head, size_t len);
long sys_sched_yield(void);
long sys_sched_setaffinity(int pid, unsigned long len, unsigned long umask);
long sys_sched_getaffinity(int pid, unsigned long len, unsigned long umask);
long sys_getcpu(unsigned long ucpu, unsigned long unode,
		unsigned long unused);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);
long sys_prlimit64(int pid, unsigned int resource, unsigned long new_limit,
		   unsigned long old_limit);
long sys_getrlimit(unsigned int resource, unsigned long rlim);

/* kernel/signal.c */
long sys_kill(int pid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_tkill(int tid, int sig);
long sys_rt_sigaction(int sig, unsigned long act, unsigned long oldact,
		      size_t sigsetsize);
long sys_rt_sigprocmask(int how, unsigned long set, unsigned long oldset,
			size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(unsigned long set, size_t sigsetsize);
long sys_rt_sigsuspend(unsigned long mask, size_t sigsetsize);
long sys_sigaltstack(unsigned long ss, unsigned long old_ss);
long sys_pause(void);

/* kernel/itimer.c */
long sys_getitimer(int which, unsigned long value);
long sys_setitimer(int which, unsigned long new_value,
		   unsigned long old_value);
long sys_alarm(unsigned int seconds);

/* kernel/futex.c */
long sys_futex(unsigned long uaddr, int op, u32 val, unsigned long timeout,
	       unsigned long uaddr2, u32 val3);

/* kernel/sys.c: time, system information */
long sys_nanosleep(unsigned long req, unsigned long rem);
long sys_clock_nanosleep(int clock, int flags, unsigned long req,
			 unsigned long rem);
long sys_clock_gettime(int clock, unsigned long tp);
long sys_clock_getres(int clock, unsigned long tp);
long sys_gettimeofday(unsigned long tv, unsigned long tz);
long sys_time(unsigned long tloc);
long sys_getrandom(unsigned long buf, size_t count, unsigned int flags);
long sys_reboot(int magic1, int magic2, unsigned int cmd, unsigned long arg);
long sys_sysinfo(unsigned long info);

/* kernel/cred.c: user and group ids (uid_t/gid_t/int arguments arrive
 * whole and are cut to 32 bits inside, as Linux reads them) */
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_getresuid(unsigned long ruid, unsigned long euid, unsigned long suid);
long sys_getresgid(unsigned long rgid, unsigned long egid, unsigned long sgid);
long sys_setuid(unsigned long uid);
long sys_setgid(unsigned long gid);
long sys_setreuid(unsigned long ruid, unsigned long euid);
long sys_setregid(unsigned long rgid, unsigned long egid);
long sys_setresuid(unsigned long ruid, unsigned long euid, unsigned long suid);
long sys_setresgid(unsigned long rgid, unsigned long egid, unsigned long sgid);
long sys_setfsuid(unsigned long uid);
long sys_setfsgid(unsigned long gid);
long sys_getgroups(unsigned long size, unsigned long list);
long sys_setgroups(unsigned long size, unsigned long list);
/* kernel/priority.c */
long sys_getpriority(unsigned long which, unsigned long who);
long sys_setpriority(unsigned long which, unsigned long who,
		     unsigned long nice);
/* kernel/prctl.c */
long sys_prctl(unsigned long option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5);
/* kernel/utsname.c */
long sys_uname(unsigned long buf);
long sys_sethostname(unsigned long name, unsigned long len);
long sys_setdomainname(unsigned long name, unsigned long len);
/* kernel/syslog.c */
long sys_syslog(unsigned long type, unsigned long buf, unsigned long len);

/* mm/syscalls.c */
long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, int fd, unsigned long off);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot);
long sys_madvise(unsigned long addr, unsigned long len, int advice);
long sys_msync(unsigned long addr, size_t len, int flags);
long sys_mincore(unsigned long addr, size_t len, unsigned long vec);
long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr);

/* mm/mlock.c */
long sys_mlock(unsigned long addr, size_t len);
long sys_mlock2(unsigned long addr, size_t len, int flags);
long sys_munlock(unsigned long addr, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);

/* arch/x86_64 */
long sys_arch_prctl(int code, unsigned long addr);

#endif
