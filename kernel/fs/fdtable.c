/* Descriptor tables: the per-process array from fd numbers to open files,
 * with close-on-exec flags; shared by CLONE_FILES, copied by fork. */
#include <fs.h>
#include <kmalloc.h>
#include <printk.h>
#include <sched.h>
#include <string.h>

#define INITIAL_FDS 16

struct files_struct *files_create(void)
{
	struct files_struct *files = kzalloc(sizeof(*files));

	if (!files)
		return NULL;
	files->refcount = 1;
	return files;
}

/* Make slots 0..need-1 exist (need <= NR_OPEN). */
static int grow(struct files_struct *files, int need)
{
	int n = files->max_fds ? files->max_fds : INITIAL_FDS;
	struct file **fd;
	u8 *cloexec;

	if (need <= files->max_fds)
		return 0;
	while (n < need)
		n *= 2;
	if (n > NR_OPEN)
		n = NR_OPEN;
	fd = kzalloc((size_t)n * sizeof(*fd));
	cloexec = kzalloc((size_t)n);
	if (!fd || !cloexec) {
		kfree(fd);
		kfree(cloexec);
		return -ENOMEM;
	}
	if (files->max_fds) {
		memcpy(fd, files->fd, (size_t)files->max_fds * sizeof(*fd));
		memcpy(cloexec, files->cloexec, (size_t)files->max_fds);
	}
	kfree(files->fd);
	kfree(files->cloexec);
	files->fd = fd;
	files->cloexec = cloexec;
	files->max_fds = n;
	return 0;
}

struct files_struct *files_copy(struct files_struct *old)
{
	struct files_struct *files = files_create();
	int i;

	if (!files || !old)
		return files;
	if (old->max_fds && grow(files, old->max_fds)) {
		files_put(files);
		return NULL;
	}
	for (i = 0; i < old->max_fds; i++) {
		files->fd[i] = old->fd[i];
		files->cloexec[i] = old->cloexec[i];
		if (files->fd[i])
			file_get(files->fd[i]);
	}
	return files;
}

void files_get(struct files_struct *files)
{
	files->refcount++;
}

void files_put(struct files_struct *files)
{
	int i;

	if (!files)
		return;
	BUG_ON(files->refcount <= 0);
	if (--files->refcount > 0)
		return;
	/* Closing may sleep in nothing today, but take each file out of the
	 * table before putting it all the same. */
	for (i = 0; i < files->max_fds; i++) {
		struct file *f = files->fd[i];

		files->fd[i] = NULL;
		file_put(f);
	}
	kfree(files->fd);
	kfree(files->cloexec);
	kfree(files);
}

void files_close_on_exec(struct files_struct *files)
{
	int i;

	for (i = 0; files && i < files->max_fds; i++)
		if (files->fd[i] && files->cloexec[i])
			files_close(files, i);
}

int files_install(struct files_struct *files, struct file *f, int min,
		  bool cloexec)
{
	int fd;

	if (min < 0 || min >= NR_OPEN)
		return -EINVAL;
	for (fd = min; fd < files->max_fds; fd++)
		if (!files->fd[fd])
			break;
	if (fd >= NR_OPEN)
		return -EMFILE;
	if (grow(files, fd + 1))
		return -ENOMEM;
	file_get(f);
	files->fd[fd] = f;
	files->cloexec[fd] = cloexec;
	return fd;
}

int files_install_at(struct files_struct *files, struct file *f, int fd,
		     bool cloexec)
{
	struct file *old;

	if (fd < 0 || fd >= NR_OPEN)
		return -EBADF;
	if (grow(files, fd + 1))
		return -ENOMEM;
	old = files->fd[fd];
	file_get(f);
	files->fd[fd] = f;
	files->cloexec[fd] = cloexec;
	file_put(old);
	return fd;
}

int files_close(struct files_struct *files, int fd)
{
	struct file *f;

	if (!files || fd < 0 || fd >= files->max_fds || !files->fd[fd])
		return -EBADF;
	f = files->fd[fd];
	files->fd[fd] = NULL;
	files->cloexec[fd] = 0;
	file_put(f);
	return 0;
}

struct file *files_lookup(struct files_struct *files, int fd)
{
	if (!files || fd < 0 || fd >= files->max_fds)
		return NULL;
	return files->fd[fd];
}

struct file *fget(int fd)
{
	struct file *f = files_lookup(current->files, fd);
	struct task *t = current;

	if (!f)
		return NULL;
	file_get(f);
	/* A full record only means an oops here would leak the file. */
	if (t->nr_files_borrowed < TASK_FILES_BORROWED_MAX)
		t->files_borrowed[t->nr_files_borrowed++] = f;
	return f;
}

/* file_put() of a borrowed reference: forget the innermost record of f.
 * (Dropping another reference to the same file forgets it too, which at
 * worst leaks it on an oops: never a reference given back twice.) */
void file_borrowed_forget(struct file *f)
{
	struct task *t = current;
	int i;

	if (!t)
		return;
	for (i = t->nr_files_borrowed - 1; i >= 0; i--) {
		if (t->files_borrowed[i] != f)
			continue;
		t->nr_files_borrowed--;
		memmove(&t->files_borrowed[i], &t->files_borrowed[i + 1],
			(size_t)(t->nr_files_borrowed - i) *
			sizeof(t->files_borrowed[0]));
		return;
	}
}

void file_borrowed_put_all(void)
{
	struct task *t = current;

	while (t->nr_files_borrowed)
		file_put(t->files_borrowed[t->nr_files_borrowed - 1]);
}

int files_open_console(struct files_struct *files)
{
	struct file *f;
	long err = file_open("/dev/console", O_RDWR, 0, &f);
	int fd;

	if (err)
		return (int)err;
	for (fd = 0; fd < 3; fd++) {
		err = files_install_at(files, f, fd, false);
		if (err < 0)
			break;
	}
	file_put(f);
	return err < 0 ? (int)err : 0;
}
