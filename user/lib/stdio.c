/*
 * FILE streams: a buffer per stream over a file descriptor. stdout is line
 * buffered on a terminal and fully buffered otherwise, stderr unbuffered;
 * reading a stream first flushes stdout, so prompts show before input is
 * awaited. Every open stream is on a list that exit() flushes.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"
#include "printf.h"

#define F_READ		1
#define F_WRITE		2
#define F_EOF		4
#define F_ERR		8
#define MODE_UNKNOWN	(-1)	/* decided at first use: tty or not */

struct __file {
	int fd;
	int flags;
	int mode;		/* _IOFBF, _IOLBF, _IONBF or MODE_UNKNOWN */
	char *buf;
	size_t size;
	size_t wlen;		/* bytes waiting to be written */
	size_t rpos, rlen;	/* read buffer: next byte, bytes held */
	int ungot;		/* a byte pushed back by ungetc, or EOF */
	int own_buf;
	struct __file *next;
};

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static struct __file std_files[3] = {
	{ .fd = 0, .flags = F_READ, .mode = _IOFBF, .buf = stdin_buf,
	  .size = BUFSIZ, .ungot = EOF },
	{ .fd = 1, .flags = F_WRITE, .mode = MODE_UNKNOWN, .buf = stdout_buf,
	  .size = BUFSIZ, .ungot = EOF },
	{ .fd = 2, .flags = F_WRITE, .mode = _IONBF, .ungot = EOF },
};

FILE *stdin = &std_files[0];
FILE *stdout = &std_files[1];
FILE *stderr = &std_files[2];
static FILE *open_files;

void __stdio_init(void)
{
	std_files[0].next = &std_files[1];
	std_files[1].next = &std_files[2];
	open_files = &std_files[0];
}

static void decide_mode(FILE *f)
{
	if (f->mode == MODE_UNKNOWN)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
}

static int write_all(FILE *f, const char *p, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(f->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			f->flags |= F_ERR;
			return EOF;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int flush_write(FILE *f)
{
	int r = 0;

	if (f->wlen) {
		r = write_all(f, f->buf, f->wlen);
		f->wlen = 0;
	}
	return r;
}

/* Before writing a stream we were reading: give back what we read ahead. */
static void drop_read(FILE *f)
{
	long ahead = (long)(f->rlen - f->rpos) + (f->ungot != EOF);

	if (ahead)
		lseek(f->fd, -ahead, SEEK_CUR);
	f->rpos = f->rlen = 0;
	f->ungot = EOF;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		for (f = open_files; f; f = f->next)
			if (fflush(f))
				r = EOF;
		return r;
	}
	if (f->wlen)
		return flush_write(f);
	if (f->rlen && f->rpos < f->rlen && (f->flags & F_WRITE))
		drop_read(f);
	return 0;
}

void __stdio_flush_all(void)
{
	fflush(NULL);
}

size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *f)
{
	const char *p = ptr;
	size_t n = size * nmemb, room;

	if (!n)
		return 0;
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return 0;
	}
	if (f->rlen)
		drop_read(f);
	decide_mode(f);
	if (f->mode == _IONBF || !f->buf) {
		if (flush_write(f) || write_all(f, p, n))
			return 0;
		return nmemb;
	}
	if (n >= f->size) {		/* big: no point copying it */
		if (flush_write(f) || write_all(f, p, n))
			return 0;
		return nmemb;
	}
	room = f->size - f->wlen;
	if (n > room) {
		memcpy(f->buf + f->wlen, p, room);
		f->wlen += room;
		if (flush_write(f))
			return 0;
		p += room;
		n -= room;
	}
	memcpy(f->buf + f->wlen, p, n);
	f->wlen += n;
	if (f->mode == _IOLBF && memchr(p, '\n', n) && flush_write(f))
		return 0;
	return nmemb;
}

static int refill(FILE *f)
{
	ssize_t n;

	if (stdout->wlen && f != stdout)
		flush_write(stdout);
	if (f->wlen)
		flush_write(f);
	do {
		n = read(f->fd, f->buf, f->size);
	} while (n < 0 && errno == EINTR);
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return EOF;
	}
	f->rpos = 0;
	f->rlen = (size_t)n;
	return 0;
}

int fgetc(FILE *f)
{
	unsigned char c;
	int u;

	if (f->ungot != EOF) {
		u = f->ungot;
		f->ungot = EOF;
		return u;
	}
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->rpos < f->rlen)
		return (unsigned char)f->buf[f->rpos++];
	if (!f->buf) {			/* unbuffered: one byte at a time */
		if (read(f->fd, &c, 1) != 1) {
			f->flags |= F_EOF;
			return EOF;
		}
		return c;
	}
	if (refill(f))
		return EOF;
	return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->ungot != EOF)
		return EOF;
	f->ungot = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

char *fgets(char *s, int size, FILE *f)
{
	int i = 0, c = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && c == EOF)
		return NULL;
	s[i] = '\0';
	return s;
}

size_t fread(void *ptr, size_t size, size_t nmemb, FILE *f)
{
	char *p = ptr;
	size_t n = size * nmemb, got = 0;
	int c;

	if (!n)
		return 0;
	while (got < n) {
		if (f->ungot == EOF && f->rpos < f->rlen) {
			size_t k = f->rlen - f->rpos;

			if (k > n - got)
				k = n - got;
			memcpy(p + got, f->buf + f->rpos, k);
			f->rpos += k;
			got += k;
			continue;
		}
		c = fgetc(f);
		if (c == EOF)
			break;
		p[got++] = (char)c;
	}
	return got / size;
}

int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	return fwrite(&b, 1, 1, f) == 1 ? b : EOF;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return n == 0 || fwrite(s, n, 1, f) == 1 ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

int feof(FILE *f)
{
	return !!(f->flags & F_EOF);
}

int ferror(FILE *f)
{
	return !!(f->flags & F_ERR);
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int fileno(FILE *f)
{
	return f->fd;
}

int fseek(FILE *f, long off, int whence)
{
	if (flush_write(f))
		return -1;
	if (whence == SEEK_CUR)
		off -= (long)(f->rlen - f->rpos) + (f->ungot != EOF);
	f->rpos = f->rlen = 0;
	f->ungot = EOF;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

long ftell(FILE *f)
{
	long pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos + (long)f->wlen - (long)(f->rlen - f->rpos) -
	       (f->ungot != EOF);
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	clearerr(f);
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	flush_write(f);
	f->mode = mode;
	if (buf && size) {
		if (f->own_buf)
			free(f->buf);
		f->buf = buf;
		f->size = size;
		f->own_buf = 0;
	}
	return 0;
}

static int parse_mode(const char *mode, int *flags)
{
	int o;

	switch (*mode) {
	case 'r':
		o = O_RDONLY;
		*flags = F_READ;
		break;
	case 'w':
		o = O_WRONLY | O_CREAT | O_TRUNC;
		*flags = F_WRITE;
		break;
	case 'a':
		o = O_WRONLY | O_CREAT | O_APPEND;
		*flags = F_WRITE;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (mode++; *mode; mode++) {
		if (*mode == '+') {
			o = (o & ~O_ACCMODE) | O_RDWR;
			*flags = F_READ | F_WRITE;
		} else if (*mode == 'e') {
			o |= O_CLOEXEC;
		} else if (*mode == 'x') {
			o |= O_EXCL;
		}
	}
	return o;
}

FILE *fdopen(int fd, const char *mode)
{
	int flags;
	FILE *f;

	if (parse_mode(mode, &flags) < 0)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->buf = malloc(BUFSIZ);
	if (!f->buf) {
		free(f);
		return NULL;
	}
	f->fd = fd;
	f->flags = flags;
	f->mode = MODE_UNKNOWN;
	f->size = BUFSIZ;
	f->ungot = EOF;
	f->own_buf = 1;
	f->next = open_files;
	open_files = f;
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int flags, o = parse_mode(mode, &flags), fd;
	FILE *f;

	if (o < 0)
		return NULL;
	fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

int fclose(FILE *f)
{
	FILE **pp;
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	for (pp = &open_files; *pp; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	if (f >= std_files && f < std_files + 3)
		return r;
	if (f->own_buf)
		free(f->buf);
	free(f);
	return r;
}

struct file_sink {
	struct sink s;
	FILE *f;
};

static void file_put(struct sink *s, const char *p, size_t n)
{
	fwrite(p, 1, n, ((struct file_sink *)s)->f);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct file_sink fs = { { file_put, 0 }, f };
	int r;

	/* Unbuffered streams (stderr) would write piece by piece: buffer
	 * the whole message on the stack and write it once. */
	if (f->mode == _IONBF) {
		char buf[512];
		va_list copy;

		va_copy(copy, ap);
		r = vsnprintf(buf, sizeof(buf), fmt, copy);
		va_end(copy);
		if (r >= 0 && (size_t)r < sizeof(buf))
			return fwrite(buf, 1, (size_t)r, f) == (size_t)r || !r ?
			       r : -1;
	}
	r = __vformat(&fs.s, fmt, ap);
	return ferror(f) ? -1 : r;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
