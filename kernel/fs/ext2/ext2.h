/*
 * ext2 (kernel/fs/ext2/): the second extended file system, revisions 0
 * and 1, read-write, on a block device through the block buffer cache
 * (include/block.h). This header has three parts: the on-disk format
 * (little-endian structures, as the disk holds them), the in-memory
 * file system and inodes, and the API the VFS glue calls. The internal
 * helpers the files of ext2 share come last. docs/ext2.md walks through
 * the layout and the code.
 *
 * Locking: one rw_semaphore per mounted file system, fs->lock, taken by
 * every API function itself (callers hold no ext2 lock): for writing by
 * whatever may change the disk or an inode, for reading by lookups,
 * reads, readdir, readlink, getattr and statfs, so those run side by side.
 * Nothing in ext2 takes it twice, and no API function may be called with
 * it held. File data reads and writes copy to or from their io_buf with
 * it held (a user copy may fault and sleep).
 */
#ifndef FAULTLINE_EXT2_H
#define FAULTLINE_EXT2_H

#include <types.h>
#include <compiler.h>
#include <list.h>
#include <rwsem.h>
#include <spinlock.h>
#include <block.h>
#include <fs.h>

/* Linux errno values the shared table does not list. EUCLEAN is what
 * Linux's ext4 reports as EFSCORRUPTED: the metadata contradicts itself. */
#ifndef EUCLEAN
#define EUCLEAN 117
#endif
#ifndef EMLINK
#define EMLINK 31
#endif
#define EFSCORRUPTED EUCLEAN

/* ---------------------------------------------------------------------
 * On-disk format. Every multi-byte field is little-endian. The three
 * arches are little-endian too, so the accessors compile to nothing; they
 * mark each place a disk value enters or leaves the CPU's world, and the
 * wrapping structs make a forgotten one a compile error.
 */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ext2's accessors assume a little-endian CPU"
#endif

typedef struct { u16 v; } __packed le16;
typedef struct { u32 v; } __packed le32;

static inline u16 le16_to_cpu(le16 x) { return x.v; }
static inline u32 le32_to_cpu(le32 x) { return x.v; }
static inline le16 cpu_to_le16(u16 v) { return (le16){ v }; }
static inline le32 cpu_to_le32(u32 v) { return (le32){ v }; }

#define EXT2_SUPER_MAGIC	0xef53
#define EXT2_SUPER_OFFSET	1024	/* bytes from the start of the disk */
#define EXT2_MIN_BLOCK_SIZE	1024
#define EXT2_MAX_BLOCK_SIZE	4096	/* what this code supports */

/* s_state */
#define EXT2_VALID_FS		0x0001	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x0002	/* errors were detected */

/* s_rev_level */
#define EXT2_GOOD_OLD_REV	0	/* fixed inode size, no features */
#define EXT2_DYNAMIC_REV	1	/* s_first_ino, s_inode_size, features */
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128

/* Features: COMPAT ones may be ignored, RO_COMPAT ones we do not know
 * forbid writing, INCOMPAT ones we do not know forbid mounting. */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020

#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_RO_COMPAT_SUPPORTED	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_INCOMPAT_SUPPORTED		EXT2_FEATURE_INCOMPAT_FILETYPE

/* The superblock: 1024 bytes at byte 1024 of the disk (and copies at the
 * start of some groups). Fields from s_first_ino on exist in revision 1. */
struct ext2_super_block {
	le32 s_inodes_count;
	le32 s_blocks_count;
	le32 s_r_blocks_count;		/* reserved for root */
	le32 s_free_blocks_count;
	le32 s_free_inodes_count;
	le32 s_first_data_block;	/* 1 with 1 KiB blocks, else 0 */
	le32 s_log_block_size;		/* block size = 1024 << this */
	le32 s_log_frag_size;
	le32 s_blocks_per_group;
	le32 s_frags_per_group;
	le32 s_inodes_per_group;
	le32 s_mtime;			/* last mount */
	le32 s_wtime;			/* last write */
	le16 s_mnt_count;
	le16 s_max_mnt_count;
	le16 s_magic;
	le16 s_state;
	le16 s_errors;
	le16 s_minor_rev_level;
	le32 s_lastcheck;
	le32 s_checkinterval;
	le32 s_creator_os;
	le32 s_rev_level;
	le16 s_def_resuid;
	le16 s_def_resgid;
	/* revision 1 */
	le32 s_first_ino;		/* first inode not reserved */
	le16 s_inode_size;
	le16 s_block_group_nr;		/* of this copy */
	le32 s_feature_compat;
	le32 s_feature_incompat;
	le32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	le32 s_algo_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	le16 s_reserved_gdt_blocks;	/* RESIZE_INODE: room to grow the GDT */
	u8 s_journal_uuid[16];
	le32 s_journal_inum;
	le32 s_journal_dev;
	le32 s_last_orphan;
	le32 s_hash_seed[4];
	u8 s_def_hash_version;
	u8 s_jnl_backup_type;
	le16 s_desc_size;
	le32 s_default_mount_opts;
	le32 s_first_meta_bg;
	le32 s_mkfs_time;
	le32 s_jnl_blocks[17];
	le32 s_blocks_count_hi;
	le32 s_r_blocks_count_hi;
	le32 s_free_blocks_count_hi;
	le16 s_min_extra_isize;		/* in-inode fields past 128 bytes */
	le16 s_want_extra_isize;
	le32 s_flags;
	u8 s_unused[1024 - 356];
} __packed;

/* One per block group, in the blocks right after the superblock. */
struct ext2_group_desc {
	le32 bg_block_bitmap;
	le32 bg_inode_bitmap;
	le32 bg_inode_table;		/* first block of it */
	le16 bg_free_blocks_count;
	le16 bg_free_inodes_count;
	le16 bg_used_dirs_count;
	le16 bg_flags;
	u8 bg_reserved[12];
} __packed;

#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_FAST_LINK_MAX	(EXT2_N_BLOCKS * 4 - 1)	/* plus a NUL */

/* An inode: the first 128 bytes; larger inodes (s_inode_size) carry
 * i_extra_isize more bytes of fields, then in-inode extended attributes. */
struct ext2_disk_inode {
	le16 i_mode;
	le16 i_uid;			/* low 16 bits */
	le32 i_size;			/* low 32 bits */
	le32 i_atime;
	le32 i_ctime;
	le32 i_mtime;
	le32 i_dtime;			/* deletion time */
	le16 i_gid;
	le16 i_links_count;
	le32 i_blocks;			/* 512-byte units, metadata included */
	le32 i_flags;
	le32 i_osd1;
	le32 i_block[EXT2_N_BLOCKS];	/* the block map (or a fast symlink) */
	le32 i_generation;
	le32 i_file_acl;		/* extended attribute block */
	le32 i_size_high;		/* regular files: high 32 bits of size */
	le32 i_faddr;
	u8 i_frag;
	u8 i_fsize;
	le16 i_blocks_hi;
	le16 i_uid_high;
	le16 i_gid_high;
	le32 i_reserved2;
	/* s_inode_size > 128 */
	le16 i_extra_isize;
	le16 i_checksum_hi;
	le32 i_ctime_extra;
	le32 i_mtime_extra;
	le32 i_atime_extra;
	le32 i_crtime;
	le32 i_crtime_extra;
} __packed;

/* i_flags we look at */
#define EXT2_INDEX_FL		0x00001000	/* hashed-tree directory */
#define EXT4_EXTENTS_FL		0x00080000	/* i_block is an extent tree */
#define EXT4_INLINE_DATA_FL	0x10000000	/* data in the inode */

#define EXT2_BAD_INO		1
#define EXT2_ROOT_INO		2
#define EXT2_LINK_MAX		32000	/* Linux's ext2 limit on i_links_count */
#define EXT2_NAME_LEN		255

/* An extended-attribute block: only its header matters here, to drop a
 * deleted inode's share of it. */
#define EXT2_XATTR_MAGIC	0xea020000
struct ext2_xattr_header {
	le32 h_magic;
	le32 h_refcount;		/* inodes sharing the block */
	le32 h_blocks;			/* must be 1 */
} __packed;

/* A directory record. rec_len (a multiple of 4) reaches the next record;
 * the last one of a block reaches the block's end. inode 0 is an unused
 * record. Without the FILETYPE feature name_len is 16 bits and the type
 * byte is its high half. */
struct ext2_dirent {
	le32 inode;
	le16 rec_len;
	u8 name_len;
	u8 file_type;
	char name[];
} __packed;

#define EXT2_DIRENT_HEADER	8
/* The room a record with a name of n bytes needs. */
#define EXT2_DIR_REC_LEN(n)	(((n) + EXT2_DIRENT_HEADER + 3) & ~3U)

/* file_type */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

_Static_assert(sizeof(struct ext2_super_block) == 1024, "superblock");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor");
_Static_assert(offsetof(struct ext2_disk_inode, i_extra_isize) == 128,
	       "inode");
_Static_assert(sizeof(struct ext2_dirent) == EXT2_DIRENT_HEADER, "dirent");

/* ---------------------------------------------------------------------
 * In memory.
 */
#define EXT2_ICACHE_BUCKETS	64

/* A mounted file system. Set at mount and constant after: everything up
 * to lock. */
struct ext2_fs {
	struct block_device *bdev;
	u32 block_size;			/* bytes */
	u32 block_shift;		/* log2(block_size) */
	u32 addr_per_block;		/* block numbers in an indirect block */
	u32 addr_shift;			/* log2(addr_per_block) */
	u32 blocks_count, inodes_count;
	u32 first_data_block;
	u32 blocks_per_group, inodes_per_group;
	u32 groups_count;
	u32 inode_size;
	u32 first_ino;
	u32 rev;
	u32 itable_blocks;		/* inode-table blocks per group */
	u32 desc_per_block;
	u32 gdt_blocks;			/* blocks of group descriptors */
	u32 reserved_gdt_blocks;
	u32 overhead;			/* metadata blocks (statfs) */
	u32 compat, incompat;
	u32 ro_compat;			/* gains large_file under lock */
	bool filetype;			/* records carry a file type */
	bool read_only;
	u16 state_at_mount;		/* s_state to restore at unmount */
	u64 max_file_size;		/* what the block map and i_blocks reach */

	/*
	 * Guards the on-disk structures of this file system (the buffers
	 * below, bitmaps, inode tables, directories, block maps, data) and
	 * the "fs->lock" fields of every ext2_inode. Held for writing to
	 * change any of them, for reading to look.
	 */
	struct rw_semaphore lock;
	struct buffer *sb_buf;		/* held while mounted */
	struct ext2_super_block *sb;	/* in sb_buf */
	struct buffer **gd_bufs;	/* gdt_blocks of them, held */
	u32 last_dir_group;		/* where the last directory went */

	/* Guards icache[] and every ext2_inode's refcount; taken with
	 * interrupts off, never across a sleep. */
	spinlock_t icache_lock;
	struct list_head icache[EXT2_ICACHE_BUCKETS];
	unsigned long nr_cached;	/* inodes in icache */

	/* Set when corrupt metadata was seen (any context, no lock: only
	 * ever set); the superblock gets EXT2_ERROR_FS at the next write. */
	bool saw_errors;
};

/*
 * An inode in memory: the only copy of inode ino while anybody holds it,
 * so every user sees every change. Changes are written through to the
 * inode table's buffer at once (ext2_write_inode).
 */
struct ext2_inode {
	struct ext2_fs *fs;
	u32 ino;
	/* Guarded by fs->icache_lock: */
	int refcount;
	struct list_head hash_node;	/* in fs->icache */
	/* Guarded by fs->lock: */
	u32 mode;			/* S_IF* type and permission bits */
	u32 uid, gid;
	u32 nlink;
	u64 size;
	u32 atime, ctime, mtime, dtime;
	u32 flags;			/* i_flags */
	u32 blocks;			/* i_blocks: 512-byte units */
	/* i_block in CPU order: the block map; a fast symlink's bytes
	 * (byte k is bits 8*(k%4) of word k/4); a device's number */
	u32 block[EXT2_N_BLOCKS];
	u32 file_acl;
	u32 generation;
	u32 alloc_goal;			/* where the next block should go */
};

/* ---------------------------------------------------------------------
 * The API. Every function takes fs->lock itself. Inodes come from
 * ext2_iget (or the calls that make one) with a reference the caller
 * gives back with ext2_iput; an inode whose last name is gone is freed
 * on the disk when its last reference goes. Errors are Linux's errnos;
 * corrupt metadata gives -EUCLEAN (an I/O error -EIO) after a printk
 * naming the device and what is wrong, and the superblock is marked as
 * having errors.
 */

/* Seconds since the epoch for inode and superblock times. NULL: the
 * kernel's clock (seconds since boot: the kernel keeps no wall clock).
 * The host tests set their own. */
extern u32 (*ext2_clock)(void);

/*
 * Mount the ext2 file system on bd. read_only: never write (also forced
 * by a read-only device; a read-write mount of a file system with
 * RO_COMPAT features we do not know is refused with -EINVAL, as is any
 * INCOMPAT feature but FILETYPE). A read-write mount marks the file
 * system not clean until ext2_unmount.
 */
int ext2_mount(struct block_device *bd, bool read_only, struct ext2_fs **out);
/* Write everything back, mark it clean, free fs. -EBUSY while an inode
 * is held (nothing is done then); -EIO if writing failed (fs is freed
 * all the same). */
int ext2_unmount(struct ext2_fs *fs);
/* Everything changed so far to the disk and past its write cache. */
int ext2_sync(struct ext2_fs *fs);

struct ext2_statfs {
	u32 magic;			/* EXT2_SUPER_MAGIC */
	u32 bsize;
	u64 blocks;			/* the data area (metadata left out) */
	u64 bfree;
	u64 bavail;			/* bfree less the root reserve */
	u64 files, ffree;
	u32 namelen;			/* EXT2_NAME_LEN */
};
void ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st);

/* Inode ino (a new reference), read from the disk unless held already. */
int ext2_iget(struct ext2_fs *fs, u32 ino, struct ext2_inode **out);
/* Another reference to an inode already held. */
void ext2_igrab(struct ext2_inode *ei);
void ext2_iput(struct ext2_inode *ei);

struct ext2_attr {
	u32 ino;
	u32 mode;
	u32 nlink;
	u32 uid, gid;
	u32 rdev;			/* devices: mkdev() encoding */
	u64 size;
	u64 blocks;			/* 512-byte units */
	u32 blksize;
	u32 atime, mtime, ctime;	/* seconds */
};
void ext2_getattr(struct ext2_inode *ei, struct ext2_attr *a);

/* What ext2_setattr changes: the fields named in valid. */
#define EXT2_SET_MODE	0x01		/* permission bits (07777) only */
#define EXT2_SET_UID	0x02
#define EXT2_SET_GID	0x04
#define EXT2_SET_SIZE	0x08		/* regular files: truncate/extend */
#define EXT2_SET_ATIME	0x10
#define EXT2_SET_MTIME	0x20
#define EXT2_SET_CTIME	0x40		/* else ctime becomes now */
struct ext2_setattr {
	u32 valid;
	u32 mode, uid, gid;
	u64 size;
	u32 atime, mtime, ctime;
};
int ext2_setattr(struct ext2_inode *ei, const struct ext2_setattr *sa);
/* ext2_setattr with only EXT2_SET_SIZE (mtime and ctime become now). */
int ext2_truncate(struct ext2_inode *ei, u64 size);

/*
 * File block file_block of ei as a disk block in *disk_block: 0 for a
 * hole unless create, which allocates the block (and the indirect blocks
 * leading to it) near the file's other blocks. A block allocated here
 * holds whatever the disk had: *fresh (if not NULL) says so, and the
 * caller must write all of it before anyone reads it, and cover it with
 * i_size (e2fsck wants no block past the end of a file).
 */
int ext2_bmap(struct ext2_inode *ei, u32 file_block, bool create,
	      u32 *disk_block, bool *fresh);

/* File data at pos: bytes moved, or -errno if none was. Holes read as
 * zeros; reads stop at the size. A write extends the size, leaving holes
 * where nothing was written (regular files only: -EISDIR, -EINVAL). */
long ext2_read(struct ext2_inode *ei, struct io_buf buf, size_t n, u64 pos);
long ext2_write(struct ext2_inode *ei, struct io_buf buf, size_t n, u64 pos);

/*
 * Names. dir is a directory inode held by the caller; name is len bytes,
 * not NUL-terminated (1 to 255, no '/' or NUL in a new one). New inodes
 * belong to uid and gid 0 and come back (a new reference) in *out when
 * out is not NULL.
 */
int ext2_lookup(struct ext2_inode *dir, const char *name, size_t len,
		u32 *ino);
/* A regular file (type 0 is S_IFREG too), device node, FIFO or socket;
 * rdev in mkdev() encoding for devices. */
int ext2_mknod(struct ext2_inode *dir, const char *name, size_t len,
	       u32 mode, u32 rdev, struct ext2_inode **out);
int ext2_mkdir(struct ext2_inode *dir, const char *name, size_t len,
	       u32 mode, struct ext2_inode **out);
/* Targets under 60 bytes live in the inode, longer ones (up to a block
 * less one byte) in a block of their own. */
int ext2_symlink(struct ext2_inode *dir, const char *name, size_t len,
		 const char *target, size_t target_len,
		 struct ext2_inode **out);
/* Another name for inode (not a directory: -EPERM). */
int ext2_link(struct ext2_inode *dir, const char *name, size_t len,
	      struct ext2_inode *inode);
int ext2_unlink(struct ext2_inode *dir, const char *name, size_t len);
int ext2_rmdir(struct ext2_inode *dir, const char *name, size_t len);
/*
 * Linux's rename rules, all checked here too: RENAME_NOREPLACE and
 * RENAME_EXCHANGE (RENAME_WHITEOUT is -EINVAL); "." and ".." are -EBUSY;
 * a directory may not move into itself (-EINVAL), replaces only an empty
 * directory (-ENOTDIR, -ENOTEMPTY) and a file only a file (-EISDIR). A
 * directory moving to another parent takes its ".." along.
 */
int ext2_rename(struct ext2_inode *old_dir, const char *old_name,
		size_t old_len, struct ext2_inode *new_dir,
		const char *new_name, size_t new_len, unsigned int flags);
/* The symlink's target (not NUL-terminated): its length or -errno. */
long ext2_readlink(struct ext2_inode *ei, char *buf, size_t size);
/*
 * Entries from *pos (a byte offset in the directory: 0 is the start) on,
 * "." and ".." included, handed to fill with the position of the next
 * entry; *pos is left at the first entry not taken. A position from an
 * earlier call stays usable while entries come and go.
 */
int ext2_readdir(struct ext2_inode *dir, u64 *pos, filldir_t fill,
		 void *ctx);

/* ---------------------------------------------------------------------
 * Shared inside ext2 (fs->lock held as the functions need).
 */

/* super.c */
u32 ext2_now(void);
/* Report corrupt metadata (printk naming the device) and mark the fs. */
void ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...) __printf(2, 3);
struct ext2_group_desc *ext2_group(struct ext2_fs *fs, u32 group);
/* The group descriptor (or the superblock) changed: mark its buffer. */
void ext2_group_dirty(struct ext2_fs *fs, u32 group);
void ext2_super_dirty(struct ext2_fs *fs);
bool ext2_group_has_super(struct ext2_fs *fs, u32 group);
/* Is blk a block a file may own (in range and no group's metadata)? */
bool ext2_data_block_ok(struct ext2_fs *fs, u32 blk);
/* Read block blk of fs (any block in range): the buffer or NULL (-EIO). */
struct buffer *ext2_bread(struct ext2_fs *fs, u32 blk);

/* balloc.c */
/* A free block, as close to goal as there is; -ENOSPC if none. */
int ext2_new_block(struct ext2_fs *fs, u32 goal, u32 *out);
int ext2_free_block(struct ext2_fs *fs, u32 blk);
/* Is blk marked in use? 1, 0 or -errno. */
int ext2_block_in_use(struct ext2_fs *fs, u32 blk);

/* ialloc.c */
int ext2_new_inode(struct ext2_fs *fs, struct ext2_inode *dir, bool is_dir,
		   u32 *ino);
int ext2_free_inode(struct ext2_fs *fs, u32 ino, bool was_dir);

/* inode.c */
int ext2_iget_locked(struct ext2_fs *fs, u32 ino, struct ext2_inode **out);
/* Drop a reference with fs->lock held for writing (frees a dead inode). */
void ext2_iput_locked(struct ext2_inode *ei);
/* Inode ino (just allocated in the bitmap) in memory with one reference
 * and its slot in the table cleared; the caller fills it in and writes
 * it. */
int ext2_inode_new(struct ext2_fs *fs, u32 ino, u32 mode,
		   struct ext2_inode **out);
int ext2_write_inode(struct ext2_inode *ei);
bool ext2_is_fast_symlink(const struct ext2_inode *ei);
/* Regular files, directories and slow symlinks have a block map. */
bool ext2_has_block_map(const struct ext2_inode *ei);
void ext2_set_rdev(struct ext2_inode *ei, u32 rdev);
u8 ext2_mode_to_ftype(u32 mode);
/* mtime and ctime (data) or ctime alone become now. */
void ext2_touch(struct ext2_inode *ei, bool data);

/* bmap.c */
int ext2_map_block(struct ext2_inode *ei, u32 file_block, bool create,
		   u32 *disk_block, bool *fresh);
/* Free every block holding file blocks from first_block on (indirect
 * blocks included); fs->lock held for writing. */
int ext2_free_blocks_from(struct ext2_inode *ei, u32 first_block);
/* Zeros from byte pos to the end of its block, if it has one: bytes past
 * the end of a file may hold anything until the file grows over them. */
int ext2_zero_tail(struct ext2_inode *ei, u64 pos);
/* Set the size (regular files and directories), freeing what is cut
 * and zeroing the tail past the old end when growing. */
int ext2_set_size(struct ext2_inode *ei, u64 size);

/* dir.c */
int ext2_dir_find(struct ext2_inode *dir, const char *name, size_t len,
		  u32 *ino);
int ext2_dir_add(struct ext2_inode *dir, const char *name, size_t len,
		 u32 ino, u32 mode);
int ext2_dir_remove(struct ext2_inode *dir, const char *name, size_t len);
/* Point the existing entry name at ino (of type mode). */
int ext2_dir_retarget(struct ext2_inode *dir, const char *name, size_t len,
		      u32 ino, u32 mode);
/* The first block of a new directory: "." and "..". */
int ext2_dir_init(struct ext2_inode *dir, u32 parent);
int ext2_dir_get_parent(struct ext2_inode *dir, u32 *parent);
int ext2_dir_set_parent(struct ext2_inode *dir, u32 parent);
/* 1 if only "." and ".." are left, 0 if not, or -errno. */
int ext2_dir_is_empty(struct ext2_inode *dir);
int ext2_dir_iterate(struct ext2_inode *dir, u64 *pos, filldir_t fill,
		     void *ctx);

#endif
