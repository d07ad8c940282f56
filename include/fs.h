/*
 * The VFS (kernel/fs/): inodes, open files, per-process descriptor tables
 * and working directories, path lookup, and the file systems behind them:
 * ramfs (the root, filled from the initramfs), devices, pipes and /proc.
 * One CPU at a time in the kernel (the big kernel lock, include/bkl.h)
 * and a kernel that only gives the CPU up by sleeping: code that does not
 * sleep needs no lock of its own; what may sleep in a user copy says so.
 */
#ifndef FAULTLINE_FS_H
#define FAULTLINE_FS_H

#include <types.h>
#include <list.h>
#include <rwsem.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

/* Linux errno values the shared table (uapi/errno.h) does not list yet. */
#ifndef ELOOP
#define ELOOP 40
#endif
#ifndef EXDEV
#define EXDEV 18
#endif

#define NAME_MAX	255
#define PATH_MAX	4096		/* including the NUL */
#define NR_OPEN		1024		/* = RLIMIT_NOFILE as reported */
#define MAX_SYMLINKS	40		/* links followed in one lookup */
#define MAX_RW_COUNT	0x7ffff000UL	/* Linux's cap on one read/write */
#define PIPE_BUF	4096		/* writes up to this are atomic */
#define PIPE_CAPACITY	65536		/* Linux's default pipe size */

/* Linux's dev_t as stat reports it (new_encode_dev). */
static inline u32 mkdev(u32 major, u32 minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

struct fs_time {
	s64 sec;
	long nsec;
};

struct inode;
struct file;
struct vm_area_struct;
struct vm_backing;

/* Where a read or write moves its data: user memory (syscalls) or kernel
 * memory (exec, /proc, the initramfs). */
struct io_buf {
	char *base;
	bool user;
};
/* Copy n bytes to/from b at offset off. Return how many were copied: fewer
 * than n only when a user address faults. May sleep (user page faults). */
size_t io_copy_to(struct io_buf b, size_t off, const void *src, size_t n);
size_t io_copy_from(void *dst, struct io_buf b, size_t off, size_t n);

/* A directory listing hands each entry here; false means "no room": the
 * listing stops and resumes at the same entry next time. */
typedef bool (*filldir_t)(void *ctx, const char *name, size_t len, u64 ino,
			  unsigned int dtype, u64 next_pos);

/* What an inode can do as a name space object. NULL = not supported. */
struct inode_operations {
	/* Directories. lookup returns a new reference in *out. */
	int (*lookup)(struct inode *dir, const char *name, size_t len,
		      struct inode **out);
	int (*mknod)(struct inode *dir, const char *name, size_t len,
		     unsigned int mode, u32 rdev, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len,
		     unsigned int mode);
	int (*symlink)(struct inode *dir, const char *name, size_t len,
		       const char *target);
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	/* Entries from *pos on; *pos is left at the first one not taken. */
	int (*readdir)(struct inode *dir, u64 *pos, filldir_t fill,
		       void *ctx);
	/* Name inode (of this file system, not a directory) in dir too. */
	int (*link)(struct inode *dir, const char *name, size_t len,
		    struct inode *inode);
	/*
	 * Move old_dir's entry to new_dir (the same file system), replacing
	 * what is there, or with RENAME_EXCHANGE swap the two. The VFS
	 * (rename.c) has checked the rules every file system shares: both
	 * names exist as the flags require, no directory moves under itself,
	 * a directory only replaces a directory. Left here: whether a
	 * replaced directory is empty, and which flags are supported.
	 */
	int (*rename)(struct inode *old_dir, const char *old_name,
		      size_t old_len, struct inode *new_dir,
		      const char *new_name, size_t new_len,
		      unsigned int flags);
	/* Symlinks: the target (not NUL-terminated), its length or -errno. */
	long (*readlink)(struct inode *link, char *buf, size_t size);
	/* Regular files. */
	int (*truncate)(struct inode *inode, u64 size);
	/* Reserve the bytes [off, off + len) (FALLOC_FL_* mode, checked by
	 * the VFS against Linux's generic rules; space.c). */
	int (*fallocate)(struct inode *inode, int mode, u64 off, u64 len);
	/* Free the file system's own data: the inode is going away. */
	void (*evict)(struct inode *inode);
	/* Store mode, owner and times changed in the inode (chmod, chown,
	 * utimensat) where the file system keeps them; NULL: in memory
	 * only (ramfs). 0 or -errno. */
	int (*write_inode)(struct inode *inode);
};

/* What an open file can do. NULL read/write = -EINVAL, ioctl = -ENOTTY. */
struct poll_table;

struct file_operations {
	int (*open)(struct inode *inode, struct file *f);
	long (*read)(struct file *f, struct io_buf buf, size_t n, u64 *pos);
	long (*write)(struct file *f, struct io_buf buf, size_t n, u64 *pos);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Fill in what backs a mapping of the file (include/mm.h; the
	 * access was checked against the open mode). NULL: not mappable
	 * (ENODEV). */
	int (*mmap)(struct file *f, struct vm_backing *b);
	/* Readiness for poll and select (include/poll.h): the POLL* bits
	 * true now, after poll_wait() on every queue whose wake-up may
	 * change them. NULL: always readable and writable, as on Linux. */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	/* Make the data (datasync) or data and metadata durable. NULL:
	 * fsync and fdatasync are EINVAL, as on Linux for pipes and most
	 * devices. */
	int (*fsync)(struct file *f, bool datasync);
	void (*release)(struct file *f);
	bool stream;		/* no positions: lseek/pread are -ESPIPE */
};

struct ramfs_dirent;
struct super_block;
struct statfs;

/*
 * A mounted file system (kernel/fs/mount.c). The root ramfs, /proc and
 * /sys are not in the mount table (they are the tree mounts hang from);
 * everything mount(2) mounts is. A super_block and its ops belong to
 * the file system's code; the mount table (guarded by the big kernel
 * lock, as the rest of the VFS) says where it is attached.
 */
struct super_operations {
	/* The figures statfs reports (f_type, blocks, inodes...). */
	void (*statfs)(struct super_block *sb, struct statfs *st);
	/* Write everything dirty and wait; the first error. */
	int (*sync)(struct super_block *sb);
	/* Whether inodes other than the root are in use (umount: EBUSY). */
	bool (*busy)(struct super_block *sb);
	/* Unmount: write back, release the root and free what sb holds. */
	void (*put_super)(struct super_block *sb);
};

struct super_block {
	u32 dev;			/* st_dev of its inodes */
	const struct super_operations *ops;
	const char *type;		/* "ext2", "tmpfs" */
	char source[64];		/* what mount was given: "/dev/vda" */
	unsigned long flags;		/* MS_RDONLY, MS_NOSUID, ... */
	struct inode *root;		/* a reference held while mounted */
	struct block_device *bdev;	/* NULL for tmpfs */
	void *fs_info;			/* the file system's own */
};

/* A file system type mount(2) can name. */
struct file_system_type {
	const char *name;
	bool needs_device;		/* the source is a block device */
	/* Read the file system on bd (NULL without a device) and fill a new
	 * super_block: 0, or -errno (-EINVAL for what is not this type,
	 * after a printk naming the reason). */
	int (*mount)(struct block_device *bd, unsigned long flags,
		     const char *data, struct super_block **out);
};

struct inode {
	u64 ino;
	u32 mode;			/* S_IF* type and permission bits */
	u32 nlink;			/* directory entries naming it */
	u32 uid, gid;
	u32 dev;			/* st_dev: which file system */
	u32 rdev;			/* device inodes: the device number */
	u64 size;
	struct fs_time atime, mtime, ctime;
	int refcount;		/* open files, cwds, lookups in flight */
	bool ephemeral;		/* made on demand (/proc, pipes): dies
				 * with its last reference */
	const struct inode_operations *iop;
	const struct file_operations *fop;
	struct super_block *sb;		/* its mounted file system; NULL for
					 * the root ramfs, /proc, pipes */
	struct pipe *fifo;		/* a FIFO's pipe while it is open
					 * (kernel/fs/pipe.c) */
	/* Regular files: held across a data copy that may sleep in a user
	 * page fault (read for reading, write for changing the data). */
	struct rw_semaphore lock;
	/* Directories: ".." (a counted reference) and the name in it, for
	 * lookup of ".." and getcwd. The root is its own parent. */
	struct inode *parent;
	char *name;
	union {
		struct {			/* ramfs directory */
			struct list_head entries;
			u64 next_pos;
		} dir;
		struct {			/* ramfs regular file */
			void **pages;	/* NULL slots read as zeros */
			unsigned long nr_slots;
		} file;
		char *link;			/* ramfs symlink target */
		struct {			/* /proc */
			int pid;
			int kind;
		} proc;
		void *priv;
	} u;
};

/* st_dev of each file system */
#define RAMFS_DEV	mkdev(0, 1)
#define PROCFS_DEV	mkdev(0, 2)
#define PIPEFS_DEV	mkdev(0, 3)
#define ANON_INODE_DEV	mkdev(0, 4)	/* eventfd, timerfd, epoll */

/* kernel/fs/inode.c */
struct inode *inode_alloc(u32 dev, unsigned int mode);
void iget(struct inode *inode);
void iput(struct inode *inode);
void fs_now(struct fs_time *t);
/* Something changed: mtime and ctime (data) or ctime alone (metadata). */
void inode_touch_data(struct inode *inode);
void inode_touch_meta(struct inode *inode);
unsigned int inode_dtype(const struct inode *inode);	/* DT_* */
/* A directory's name and parent, kept for ".." and getcwd. */
int inode_set_dir_link(struct inode *dir, struct inode *parent,
		       const char *name, size_t len);
/* The same with a name already allocated (kmalloc; dir takes it): what
 * a rename does once it can no longer fail. */
void inode_adopt_dir_link(struct inode *dir, struct inode *parent,
			  char *name);
/* Inodes alive now (statfs's f_files). */
extern unsigned long nr_inodes;

/* An open file description: shared by dup'ed descriptors and across fork. */
struct file {
	int refcount;
	unsigned int flags;		/* O_ACCMODE and status flags */
	u64 pos;
	struct inode *inode;
	const struct file_operations *ops;
	void *priv;			/* the driver's own */
	u64 version;			/* the driver's note of what it saw
					 * at open (a FIFO reader: how many
					 * writers had opened) */
	/* The epoll instances watching it (kernel/fs/eventpoll.c): its
	 * last file_put takes it out of every one. */
	struct list_head epoll_items;
};

static inline bool file_readable(const struct file *f)
{
	return !(f->flags & O_PATH) && (f->flags & O_ACCMODE) != O_WRONLY;
}

static inline bool file_writable(const struct file *f)
{
	return !(f->flags & O_PATH) && ((f->flags & O_ACCMODE) == O_WRONLY ||
					(f->flags & O_ACCMODE) == O_RDWR);
}

/* kernel/fs/file.c */
/* A new open file on inode (takes its own inode reference) with the
 * inode's file operations; calls their open. */
long file_alloc(struct inode *inode, unsigned int flags, struct file **out);
void file_get(struct file *f);
void file_put(struct file *f);
/* Read/write through the file's operations; pos is the position to use and
 * advance (f->pos or a pread offset). */
long file_read(struct file *f, struct io_buf buf, size_t n, u64 *pos);
long file_write(struct file *f, struct io_buf buf, size_t n, u64 *pos);
/* For the kernel (exec): read n bytes at off into kbuf; bytes read or
 * -errno. */
long file_read_at(struct file *f, void *kbuf, size_t n, u64 off);
u64 file_size(struct file *f);
/* A regular file with an execute bit. */
bool file_is_executable(struct file *f);
/* vm_operations open/close for a mapping of a file: the VMA holds a
 * reference to vma->vm_file. */
void file_vma_open(struct vm_area_struct *vma);
void file_vma_close(struct vm_area_struct *vma);
/* Open kpath (a kernel string) as open(2) would, relative to current's
 * cwd ("/" if current has no fs_struct). */
long file_open(const char *kpath, int flags, unsigned int mode,
	       struct file **out);

/* The descriptor table of a process; shared by CLONE_FILES threads. */
struct files_struct {
	int refcount;
	int max_fds;			/* slots allocated in fd[] */
	struct file **fd;
	u8 *cloexec;			/* one flag per slot */
};

/* kernel/fs/fdtable.c */
struct files_struct *files_create(void);
struct files_struct *files_copy(struct files_struct *old);
void files_get(struct files_struct *files);
void files_put(struct files_struct *files);
void files_close_on_exec(struct files_struct *files);
/* fds 0, 1 and 2 on one open file of /dev/console. 0 or -errno. */
int files_open_console(struct files_struct *files);
/* Put f (a new reference is taken) in the lowest free slot >= min;
 * the fd or -EMFILE. */
int files_install(struct files_struct *files, struct file *f, int min,
		  bool cloexec);
/* Put f at exactly fd, closing what was there. */
int files_install_at(struct files_struct *files, struct file *f, int fd,
		     bool cloexec);
int files_close(struct files_struct *files, int fd);
/*
 * current's open file at fd with a new reference, or NULL: a reference
 * for the running system call, which gives it back with file_put(). The
 * task keeps a record of those it has not given back yet, so that an
 * oops ending the call gives them back (kernel/oops.c) instead of leaking
 * the file. file_borrowed_put_all() does that.
 */
struct file *fget(int fd);
void file_borrowed_put_all(void);
/* fget() for the calls an O_PATH descriptor cannot make (fchmod, fsync,
 * ...): NULL for those too, which the callers turn into EBADF. */
static inline struct file *fget_no_path(int fd)
{
	struct file *f = fget(fd);

	if (f && (f->flags & O_PATH)) {
		file_put(f);
		return NULL;
	}
	return f;
}
/* file_put() calls this: f given back, forget it (kernel/fs/fdtable.c). */
void file_borrowed_forget(struct file *f);
struct file *files_lookup(struct files_struct *files, int fd);

/* Working directory and umask; shared by CLONE_FS threads. */
struct fs_struct {
	int refcount;
	struct inode *cwd;
	unsigned int umask;
};

/* kernel/fs/fs_struct.c */
struct fs_struct *fs_create(void);
struct fs_struct *fs_copy(struct fs_struct *old);
void fs_get(struct fs_struct *fs);
void fs_put(struct fs_struct *fs);
/* current's cwd (a new reference): the root if it has none. */
struct inode *current_cwd(void);
unsigned int current_umask(void);

/* kernel/fs/namei.c: path lookup. */
extern struct inode *fs_root;
#define LOOKUP_FOLLOW		0x1	/* follow a last-step symlink */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */
/* Resolve path (relative ones from base) to a new inode reference. */
int path_walk(struct inode *base, const char *path, unsigned int flags,
	      struct inode **out);
/* Resolve all but the last component: *dir (a new reference) and the last
 * name (pointing into path; length 0 for "/"). *must_dir when the path
 * ended in a slash. */
int path_parent(struct inode *base, const char *path, struct inode **dir,
		const char **last, size_t *len, bool *must_dir);
/* A path from user space in a kmalloc'ed PATH_MAX buffer; kfree it. */
long getname(unsigned long upath, char **out);
/* Where a *at call's relative path starts: the cwd (AT_FDCWD) or the
 * directory open at dirfd. A new reference. */
int at_base(int dirfd, const char *path, struct inode **out);
/* The absolute path of dir into buf; its length or -errno. */
long inode_path(struct inode *dir, char *buf, size_t size);
/* The inode a *at call names (a new reference): upath from dirfd, or with
 * AT_EMPTY_PATH in flags and an empty path, what dirfd itself is open on
 * (O_PATH descriptors too). lookup_flags: LOOKUP_*. */
long path_lookup_at(int dirfd, unsigned long upath, int flags,
		    unsigned int lookup_flags, struct inode **out);
/* The same with the *at calls' rule for a last symlink: followed unless
 * flags has AT_SYMLINK_NOFOLLOW. */
long path_lookup_at_flags(int dirfd, unsigned long upath, int flags,
			  struct inode **out);

/* kernel/fs/ramfs.c */
struct inode *ramfs_create_root(void);
/* A regular file in no directory (memfd_create): it lives while open. */
struct inode *ramfs_new_file(void);
/* Make name in dir refer to inode (which must outlive it): how /proc is
 * attached to the root ramfs. */
int ramfs_attach(struct inode *dir, const char *name, struct inode *inode);
extern const struct file_operations dir_fops;
/* The path naming a ramfs inode (a search from the root: files keep no
 * parent), into buf; its length, or -ENOENT if it has no name. */
long ramfs_path_of(struct inode *inode, char *buf, size_t size);

/* kernel/fs/devices.c: the file operations of a device number. */
const struct file_operations *chrdev_fops(u32 rdev);
/* One more device, known only once registered (at boot, before its node
 * is made): /dev/crash, which exists only with `crashdev`. */
void chrdev_register(u32 major, u32 minor,
		     const struct file_operations *fops);
extern const struct file_operations null_fops, zero_fops;
/* kernel/fs/ramfs.c: what a device node or socket of any file system
 * opens through (the driver's operations, found by device number). */
extern const struct file_operations device_node_fops;

/* kernel/fs/slow.c: /dev/slow, a device whose pages take time to be
 * produced (include/uapi/slowdev.h): the real VM_FAULT_RETRY path. */
extern const struct file_operations slow_fops;	/* device (1, 250) */

/* kernel/fs/tty.c: /dev/console. The first open takes the console's input
 * (console_set_input_handler); until then the kernel monitor has it. */
extern const struct file_operations tty_fops;
/* Called for every received byte (interrupt context). */
void tty_receive(char c);
/* The session the console controls and its foreground group (0: none),
 * for /proc/<pid>/stat. */
int tty_session(void);
int tty_foreground_pgrp(void);
#define CONSOLE_RDEV mkdev(5, 1)

/* kernel/fs/anon_file.c: a file of its own nameless inode ("[kind]")
 * with fops and priv, installed as a new descriptor (flags: O_NONBLOCK,
 * O_CLOEXEC); the fd, or -errno with priv released through fops. */
int anon_file_install(const char *kind, const struct file_operations *fops,
		      void *priv, unsigned int flags);

/* kernel/fs/eventpoll.c: f is going away; no epoll may watch it any more. */
void eventpoll_release(struct file *f);

/* kernel/fs/pipe.c */
long pipe_create(unsigned int flags, struct file **rd, struct file **wr);
/* What opening a FIFO inode (S_IFIFO made by mknod) goes through. */
extern const struct file_operations fifo_fops;

/* kernel/fs/procfs.c */
/* /sys: the few files of it programs read (kernel/fs/procfs.c). */
struct inode *sysfs_create_root(void);
struct inode *procfs_create_root(void);

/* kernel/fs/initramfs.c: 0, or -EINVAL after a printk saying what is
 * wrong with the archive (what came before it stays unpacked). */
int initramfs_unpack(const void *data, size_t len);

/* kernel/fs/mount.c */
/* What a path step that found child sees: the root of what is mounted on
 * child (a new reference; child's is dropped), else child itself. */
struct inode *mount_cross(struct inode *child);
/* Sync every mounted file system (sync(2)); the first error. */
int mounts_sync(void);
/* The mount table as /proc/mounts prints it, after the fixed lines. */
void mounts_show(void (*line)(void *ctx, const char *source,
			      const char *target, const char *type,
			      unsigned long flags), void *ctx);

/* kernel/fs/fs_init.c: the root ramfs with /dev, /proc and /tmp. */
void fs_init(void);
/* kernel/drivers/drivers.c: probe the machine's devices (disks), after
 * fs_init so that they get their /dev nodes. */
void drivers_init(void);

/* kernel/fs/readdir.c: linux_dirent64 records from *pos on into kbuf;
 * bytes used (0 at the end), -EINVAL if not even one fits. */
long dir_read_entries(struct inode *dir, u64 *pos, char *kbuf, size_t size);

/* kernel/fs/stat.c */
struct stat;
void inode_fill_stat(struct inode *inode, struct stat *st);

#endif
