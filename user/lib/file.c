/* File-descriptor and file-system system calls. The *at() forms are used
 * everywhere: arm64 and riscv64 have nothing else, and x86_64 has them too. */
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <termios.h>
#include "libc.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(SC3(read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(SC3(write, fd, buf, count));
}

ssize_t pread(int fd, void *buf, size_t count, off_t off)
{
	return __syscall_ret(SC4(pread64, fd, buf, count, off));
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t off)
{
	return __syscall_ret(SC4(pwrite64, fd, buf, count, off));
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(SC3(readv, fd, iov, iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(SC3(writev, fd, iov, iovcnt));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return __syscall_ret(SC4(openat, dirfd, path, flags, mode));
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return __syscall_ret(SC4(openat, AT_FDCWD, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
	return __syscall_ret(SC1(close, fd));
}

off_t lseek(int fd, off_t off, int whence)
{
	return __syscall_ret(SC3(lseek, fd, off, whence));
}

int dup(int fd)
{
	return __syscall_ret(SC1(dup, fd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return __syscall_ret(SC3(dup3, oldfd, newfd, flags));
}

/* dup3 refuses oldfd == newfd, where dup2 just checks oldfd is open. */
int dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)
		return fcntl(oldfd, F_GETFD) < 0 ? -1 : newfd;
	return dup3(oldfd, newfd, 0);
}

int pipe2(int fds[2], int flags)
{
	return __syscall_ret(SC2(pipe2, fds, flags));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

int ftruncate(int fd, off_t len)
{
	return __syscall_ret(SC2(ftruncate, fd, len));
}

int access(const char *path, int mode)
{
	return __syscall_ret(SC3(faccessat, AT_FDCWD, path, mode));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(SC3(fcntl, fd, cmd, arg));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(SC3(ioctl, fd, request, arg));
}

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	(void)action;
	return ioctl(fd, TCSETS, t);
}

/* A terminal is what answers TCGETS; the kernel's struct termios fits. */
int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return __syscall_ret(SC4(newfstatat, dirfd, path, st, flags));
}

int stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st)
{
	return __syscall_ret(SC2(fstat, fd, st));
}

int mkdir(const char *path, mode_t mode)
{
	return __syscall_ret(SC3(mkdirat, AT_FDCWD, path, mode));
}

int rmdir(const char *path)
{
	return __syscall_ret(SC3(unlinkat, AT_FDCWD, path, AT_REMOVEDIR));
}

int unlink(const char *path)
{
	return __syscall_ret(SC3(unlinkat, AT_FDCWD, path, 0));
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno == EISDIR)
		return rmdir(path);
	return -1;
}

mode_t umask(mode_t mask)
{
	return (mode_t)SC1(umask, mask);
}

int chdir(const char *path)
{
	return __syscall_ret(SC1(chdir, path));
}

/* getcwd(NULL, 0) allocates, as glibc's does. */
char *getcwd(char *buf, size_t size)
{
	char tmp[4096];
	long r;

	if (!buf) {
		r = __syscall_ret(SC2(getcwd, tmp, sizeof(tmp)));
		if (r < 0)
			return NULL;
		if (size && strlen(tmp) >= size) {
			errno = ERANGE;
			return NULL;
		}
		return strdup(tmp);
	}
	r = __syscall_ret(SC2(getcwd, buf, size));
	return r < 0 ? NULL : buf;
}

ssize_t getdents64(int fd, void *buf, size_t len)
{
	return __syscall_ret(SC3(getdents64, fd, buf, len));
}
