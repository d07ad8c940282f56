/* Directory streams: a buffer of linux_dirent64 records from getdents64,
 * handed out one at a time. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct __dir {
	int fd;
	int pos;		/* next record in buf */
	int len;		/* bytes of records in buf */
	struct dirent ent;	/* what readdir returns, NUL-terminated */
	char buf[4096] __attribute__((aligned(8)));
};

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = malloc(sizeof(*d));
	if (!d) {
		close(fd);
		return NULL;
	}
	d->fd = fd;
	d->pos = 0;
	d->len = 0;
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct linux_dirent64 *r;
	ssize_t n;

	if (d->pos >= d->len) {
		n = getdents64(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;	/* end (errno untouched) or error */
		d->len = (int)n;
		d->pos = 0;
	}
	r = (struct linux_dirent64 *)(d->buf + d->pos);
	d->pos += r->d_reclen;
	d->ent.d_ino = r->d_ino;
	d->ent.d_off = r->d_off;
	d->ent.d_reclen = r->d_reclen;
	d->ent.d_type = r->d_type;
	strncpy(d->ent.d_name, r->d_name, sizeof(d->ent.d_name) - 1);
	d->ent.d_name[sizeof(d->ent.d_name) - 1] = '\0';
	return &d->ent;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

int dirfd(DIR *d)
{
	return d->fd;
}
