/*
 * The C-library side of the host ext2 suite (ext2_host.c), declared with
 * plain C types so that both sides include it: image files, scratch
 * directories, running e2fsprogs (mke2fs, e2fsck, debugfs), host memory
 * for the model, the wall clock, and silencing stdout.
 */
#ifndef EXT2_HOST_H
#define EXT2_HOST_H

/* The full path of an e2fsprogs tool (looked for in /usr/sbin and /sbin
 * first, then $PATH) into out; 0, or -1 if it is nowhere. */
int eh_find_tool(const char *name, char *out, unsigned long size);
/* Run a shell command; its exit status (-1 if it could not run or was
 * killed). Up to size-1 bytes of its stdout and stderr go to out (may be
 * NULL), NUL-terminated. */
int eh_run(const char *cmd, char *out, unsigned long size);

/* A new scratch directory (under $TMPDIR or /tmp) into out; 0 or -1. */
int eh_mkdtemp(char *out, unsigned long size);
int eh_rm_rf(const char *path);
int eh_mkdir(const char *path);
int eh_write_file(const char *path, const void *data, unsigned long len);
/* Write len bytes at off of path (creating it), leaving a hole before. */
int eh_write_at(const char *path, const void *data, unsigned long len,
		unsigned long long off);
int eh_symlink(const char *target, const char *path);
/* Up to max bytes of the file at path into buf: how many, or -1. */
long eh_read_file(const char *path, void *buf, unsigned long max);
int eh_link(const char *old, const char *path);

/* Image files: a descriptor, pread/pwrite (bytes or -1), the size. */
int eh_open(const char *path);
void eh_close(int fd);
long eh_pread(int fd, void *buf, unsigned long n, unsigned long long off);
long eh_pwrite(int fd, const void *buf, unsigned long n,
	       unsigned long long off);
long long eh_file_size(const char *path);

void *eh_malloc(unsigned long n);	/* zeroed; aborts when out */
void *eh_realloc(void *p, unsigned long n);
void eh_free(void *p);

void eh_memcpy(void *dst, const void *src, unsigned long n);	/* fast */
/* Kill the program (exit status 3, after saying why) if it is still
 * running seconds from now; 0 disarms. What turns a hang into a failure. */
void eh_watchdog(unsigned int seconds, const char *what);

/* Seconds since the epoch. */
unsigned int eh_time(void);
/* Nonzero: stdout goes nowhere until called again with 0. */
void eh_quiet(int quiet);
/* Monotonic milliseconds, for the run-time figures printed. */
unsigned long long eh_ms(void);

#endif
