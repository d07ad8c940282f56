/* Linux file modes and struct stat as fstat/newfstatat/stat write it:
 * x86_64 has its own layout, arm64 and riscv64 the asm-generic one. */
#ifndef FAULTLINE_UAPI_STAT_H
#define FAULTLINE_UAPI_STAT_H

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

/* utimensat: a tv_nsec meaning "now" or "leave this one alone". */
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

/* statfs f_type values (Linux's include/uapi/linux/magic.h) */
#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0
#define PIPEFS_MAGIC		0x50495045
#define ANON_INODE_FS_MAGIC	0x09041934

/* statfs f_flags: ST_VALID says the other bits mean something. */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_VALID	0x0020
#define ST_NOATIME	0x0400

#ifndef __ASSEMBLY__
/* struct statfs of statfs/fstatfs: asm-generic's 64-bit layout, which
 * x86_64, arm64 and riscv64 all use (120 bytes). */
struct statfs {
	long f_type;
	long f_bsize;		/* the preferred I/O size */
	long f_blocks;		/* in f_frsize units */
	long f_bfree;
	long f_bavail;		/* free for unprivileged users */
	long f_files;		/* inodes */
	long f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;		/* ST_* */
	long f_spare[4];
};

#if defined(__x86_64__)
/* arch/x86/include/uapi/asm/stat.h: 144 bytes, nlink is 64-bit and comes
 * before mode. */
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;		/* 512-byte units */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	long __reserved[3];	/* Linux: __unused (a macro here) */
};
#else
/* include/uapi/asm-generic/stat.h: 128 bytes, 32-bit nlink and blksize. */
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned long st_rdev;
	unsigned long __pad1;
	long st_size;
	int st_blksize;
	int __pad2;
	long st_blocks;		/* 512-byte units */
	long st_atime;
	unsigned long st_atime_nsec;
	long st_mtime;
	unsigned long st_mtime_nsec;
	long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned int __unused4;
	unsigned int __unused5;
};
#endif
#endif /* __ASSEMBLY__ */

#endif
