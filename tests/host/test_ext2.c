/*
 * Host tests of ext2 (kernel/fs/ext2/) on the real block layer and buffer
 * cache (kernel/block/), against Debian's e2fsprogs:
 *  - images made by mke2fs -d from a tree written here are mounted and
 *    read back (files of every map depth, holes, symlinks, hard links,
 *    directories over several blocks, hashed directories);
 *  - thousands of random operations, with fixed seeds, are compared with
 *    an in-memory model after every step; then e2fsck -fn must find the
 *    image clean and debugfs must read the same file contents;
 *  - malformed images (fuzzed superblocks, group descriptors, inodes,
 *    directory blocks, block pointers, indirect loops) must give errors or
 *    valid data: never a crash (ASan, UBSan), never a hang, never a
 *    buffer left held.
 * Images live in a scratch directory removed at the end.
 */
#include "ext2_test.h"
#include "ext2_host.h"
#include "../../kernel/fs/ext2/ext2.h"
#include <kmalloc.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <uapi/dirent.h>

static char mke2fs[256], e2fsck[256], debugfs_tool[256];
static char scratch[256];

#define FAIL(t, ...) ktap_fail(t, __FILE__, __LINE__, __VA_ARGS__)

/* ---- randomness: xorshift64, one stream per test ---- */

static u64 rng;

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static u32 below(u32 n)
{
	return n ? (u32)(rnd() % n) : 0;
}

static void seed(u64 s)
{
	rng = s * 0x9e3779b97f4a7c15ULL + 1;
}

/* ---- the host side: images, tools ---- */

static u32 host_clock(void)
{
	return eh_time();
}

static void path_in_scratch(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", scratch, name);
}

/* Print a tool's output as KTAP diagnostics. */
static void print_diag(const char *what, const char *out)
{
	char line[200];
	size_t n = 0;
	int lines = 0;

	printk("# %s\n", what);
	for (; *out && lines < 40; out++) {
		if (*out == '\n' || n + 1 >= sizeof(line)) {
			line[n] = '\0';
			printk("#   %s\n", line);
			n = 0;
			lines++;
			continue;
		}
		line[n++] = *out;
	}
	if (n) {
		line[n] = '\0';
		printk("#   %s\n", line);
	}
}

static char tool_out[16384];

/* mke2fs -t ext2 -b bs [opts] [-d src] img size_kib: 0 or its status. */
static int make_image(const char *img, u32 bs, u32 size_kib, const char *opts,
		      const char *src)
{
	char cmd[1200];
	int st;

	snprintf(cmd, sizeof(cmd), "'%s' -q -F -t ext2 -b %u %s %s%s%s '%s' %uk",
		 mke2fs, bs, opts ? opts : "", src ? "-d '" : "",
		 src ? src : "", src ? "'" : "", img, size_kib);
	st = eh_run(cmd, tool_out, sizeof(tool_out));
	if (st)
		print_diag(cmd, tool_out);
	return st;
}

/* e2fsck -fn: 0 when the image is clean. */
static int fsck_image(const char *img)
{
	char cmd[600];
	int st;

	snprintf(cmd, sizeof(cmd), "'%s' -fn '%s'", e2fsck, img);
	st = eh_run(cmd, tool_out, sizeof(tool_out));
	if (st)
		print_diag(cmd, tool_out);
	return st;
}

static void expect_clean(struct ktap_case_state *t, const char *img)
{
	int st = fsck_image(img);

	if (st)
		FAIL(t, "e2fsck -fn %s: exit status %d", img, st);
}

/* debugfs -R "dump path out" img, then the dumped bytes into buf. */
static long debugfs_dump(const char *img, const char *path, void *buf,
			 unsigned long max)
{
	char cmd[1400], out[300];

	path_in_scratch(out, sizeof(out), "dump.out");
	eh_rm_rf(out);
	snprintf(cmd, sizeof(cmd), "'%s' -R 'dump \"%s\" %s' '%s'",
		 debugfs_tool, path, out, img);
	if (eh_run(cmd, tool_out, sizeof(tool_out)) != 0) {
		print_diag(cmd, tool_out);
		return -1;
	}
	return eh_read_file(out, buf, max);
}

static bool tools_present(struct ktap_case_state *t)
{
	if (mke2fs[0] && e2fsck[0] && debugfs_tool[0] && scratch[0])
		return true;
	FAIL(t, "e2fsprogs missing (mke2fs, e2fsck, debugfs): run tools/setup");
	return false;
}

/* ---- mounting ---- */

struct mnt {
	struct block_device *bd;
	struct ext2_fs *fs;
};

static int mount_image(struct mnt *m, const char *img, bool ro)
{
	int err;

	m->fs = NULL;
	m->bd = host_disk_file(img);
	if (!m->bd)
		return -ENODEV;
	err = ext2_mount(m->bd, ro, &m->fs);
	if (err) {
		host_disk_close(m->bd);
		m->bd = NULL;
	}
	return err;
}

/* Unmount and let the disk go; every buffer must have come back. */
static int unmount_image(struct ktap_case_state *t, struct mnt *m)
{
	int err = ext2_unmount(m->fs);

	if (err == -EBUSY) {
		FAIL(t, "unmount: inodes still held");
		return err;
	}
	host_disk_close(m->bd);
	if (buffer_cache_bytes())
		FAIL(t, "%lu bytes of buffers left after unmount",
		     buffer_cache_bytes());
	m->fs = NULL;
	return err;
}

static struct io_buf kbuf(void *p)
{
	return (struct io_buf){ .base = p, .user = false };
}

/* The inode at path (no symlinks followed), from the root. */
static int walk(struct ext2_fs *fs, const char *path, struct ext2_inode **out)
{
	struct ext2_inode *cur;
	int err = ext2_iget(fs, EXT2_ROOT_INO, &cur);

	while (!err && *path) {
		const char *end = path;
		u32 ino;

		while (*end && *end != '/')
			end++;
		if (end > path) {
			err = ext2_lookup(cur, path, end - path, &ino);
			ext2_iput(cur);
			cur = NULL;
			if (!err)
				err = ext2_iget(fs, ino, &cur);
		}
		path = *end ? end + 1 : end;
	}
	if (err)
		return err;
	*out = cur;
	return 0;
}

/* All of a file (up to max bytes), read in pieces of varying size. */
static long read_all(struct ext2_inode *ei, u8 *buf, size_t max)
{
	size_t done = 0;

	for (;;) {
		size_t piece = 1 + below(9000);	/* once: MIN evaluates twice */
		size_t want = MIN(max - done, piece);
		long n = ext2_read(ei, kbuf(buf + done), want, done);

		if (n < 0)
			return n;
		if (!n || !want)
			return (long)done;
		done += (size_t)n;
	}
}

/* ---- readdir into a list ---- */

struct listed {
	char name[EXT2_NAME_LEN + 1];
	u32 len, ino, dtype;
};

struct listing {
	struct listed *e;
	int n, cap;
	int stop_after;		/* take this many per call (0: all) */
	int taken;
	bool bad;
};

static bool collect(void *ctx, const char *name, size_t len, u64 ino,
		    unsigned int dtype, u64 next_pos)
{
	struct listing *l = ctx;
	struct listed *e;

	(void)next_pos;
	if (l->stop_after && l->taken >= l->stop_after)
		return false;
	if (len > EXT2_NAME_LEN || !len) {
		l->bad = true;
		return false;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->e = eh_realloc(l->e, l->cap * sizeof(*l->e));
	}
	e = &l->e[l->n++];
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->len = (u32)len;
	e->ino = (u32)ino;
	e->dtype = dtype;
	l->taken++;
	return true;
}

/* The whole directory, chunk entries per readdir call (0: one call). */
static int list_dir(struct ext2_inode *dir, struct listing *l, int chunk)
{
	u64 pos = 0, last = ~0ULL;
	int err = 0, calls = 0;

	memset(l, 0, sizeof(*l));
	l->stop_after = chunk;
	while (!err) {
		l->taken = 0;
		err = ext2_readdir(dir, &pos, collect, l);
		if (err || l->bad)
			break;
		if (l->taken == 0 || !chunk)
			break;
		if (pos == last || ++calls > 100000) {
			err = -ELOOP;	/* no progress */
			break;
		}
		last = pos;
	}
	if (!err && l->bad)
		err = -EINVAL;
	return err;
}

static void listing_free(struct listing *l)
{
	eh_free(l->e);
	l->e = NULL;
}

static struct listed *listing_find(struct listing *l, const char *name)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->e[i].name, name))
			return &l->e[i];
	return NULL;
}

/* ---- 1: images made by mke2fs -d ---- */

/* The contents of the generated files: a pattern from a name and an
 * offset, so the check can recompute it. */
static u8 pattern(u32 salt, u64 off)
{
	u64 x = (off + 1) * 0x9e3779b97f4a7c15ULL ^ salt * 0xc2b2ae3d27d4eb4fULL;

	return (u8)(x >> 29);
}

static void fill_pattern(u8 *buf, size_t n, u32 salt, u64 off)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = pattern(salt, off + i);
}

#define BIG_SIZE	(600 * 1024)	/* double indirect with 1 KiB blocks */
#define SPARSE_FAR	(70ULL << 20)	/* triple indirect with 1 KiB blocks */
#define DIR2_FILES	150
#define LONG_TARGET	"a/long/symlink/target/that/does/not/fit/in/the/inode/" \
			"block/array/because/it/is/longer/than/sixty/bytes"

static bool make_source_tree(const char *src)
{
	char p[400], name[64];
	u8 *buf = eh_malloc(BIG_SIZE);
	bool ok = true;
	int i;

	eh_rm_rf(src);
	ok &= !eh_mkdir(src);
	snprintf(p, sizeof(p), "%s/hello.txt", src);
	ok &= !eh_write_file(p, "hello, ext2\n", 12);
	snprintf(p, sizeof(p), "%s/empty", src);
	ok &= !eh_write_file(p, "", 0);
	snprintf(p, sizeof(p), "%s/dir1", src);
	ok &= !eh_mkdir(p);
	snprintf(p, sizeof(p), "%s/dir1/nested", src);
	ok &= !eh_mkdir(p);
	snprintf(p, sizeof(p), "%s/dir1/nested/deep.txt", src);
	ok &= !eh_write_file(p, "deep\n", 5);
	snprintf(p, sizeof(p), "%s/dir1/hard", src);
	{
		char h[400];

		snprintf(h, sizeof(h), "%s/hello.txt", src);
		ok &= !eh_link(h, p);
	}
	snprintf(p, sizeof(p), "%s/dir2", src);
	ok &= !eh_mkdir(p);
	for (i = 0; i < DIR2_FILES; i++) {
		snprintf(name, sizeof(name), "file-with-a-longish-name-%03d", i);
		snprintf(p, sizeof(p), "%s/dir2/%s", src, name);
		fill_pattern(buf, (size_t)i * 7, (u32)i, 0);
		ok &= !eh_write_file(p, buf, (unsigned long)i * 7);
	}
	snprintf(p, sizeof(p), "%s/big.bin", src);
	fill_pattern(buf, BIG_SIZE, 1000, 0);
	ok &= !eh_write_file(p, buf, BIG_SIZE);
	snprintf(p, sizeof(p), "%s/sparse.bin", src);
	fill_pattern(buf, 4096, 2000, 0);
	ok &= !eh_write_at(p, buf, 4096, 0);
	fill_pattern(buf, 4096, 2000, 1 << 20);
	ok &= !eh_write_at(p, buf, 4096, 1 << 20);
	fill_pattern(buf, 100, 2000, SPARSE_FAR);
	ok &= !eh_write_at(p, buf, 100, SPARSE_FAR);
	snprintf(p, sizeof(p), "%s/link-short", src);
	ok &= !eh_symlink("hello.txt", p);
	snprintf(p, sizeof(p), "%s/link-long", src);
	ok &= !eh_symlink(LONG_TARGET, p);
	snprintf(p, sizeof(p), "%s/link-dir", src);
	ok &= !eh_symlink("dir1/nested", p);
	eh_free(buf);
	return ok;
}

/* Read the file at path and compare with the pattern (salt) over
 * [0, size), holes at [hole_from, hole_to) reading as zeros. */
static void expect_file(struct ktap_case_state *t, struct ext2_fs *fs,
			const char *path, u64 size, u32 salt)
{
	struct ext2_inode *ei;
	struct ext2_attr a;
	u8 *buf;
	long n;
	u64 i;

	if (walk(fs, path, &ei)) {
		FAIL(t, "%s: not found", path);
		return;
	}
	ext2_getattr(ei, &a);
	if (!S_ISREG(a.mode) || a.size != size) {
		FAIL(t, "%s: mode 0%o size %llu", path, a.mode,
		     (unsigned long long)a.size);
		ext2_iput(ei);
		return;
	}
	buf = eh_malloc(size + 16);
	n = read_all(ei, buf, size + 16);
	if (n != (long)size)
		FAIL(t, "%s: read %ld of %llu bytes", path, n,
		     (unsigned long long)size);
	for (i = 0; n == (long)size && i < size; i++)
		if (buf[i] != pattern(salt, i)) {
			FAIL(t, "%s: byte %llu differs", path,
			     (unsigned long long)i);
			break;
		}
	eh_free(buf);
	ext2_iput(ei);
}

static void expect_link(struct ktap_case_state *t, struct ext2_fs *fs,
			const char *path, const char *target)
{
	struct ext2_inode *ei;
	char buf[300];
	long n;

	if (walk(fs, path, &ei)) {
		FAIL(t, "%s: not found", path);
		return;
	}
	n = ext2_readlink(ei, buf, sizeof(buf));
	if (n != (long)strlen(target) || memcmp(buf, target, (size_t)n))
		FAIL(t, "%s: readlink gave %ld bytes", path, n);
	n = ext2_readlink(ei, buf, 4);
	if (n != 4 || memcmp(buf, target, 4))
		FAIL(t, "%s: short readlink gave %ld", path, n);
	ext2_iput(ei);
}

static u32 nlink_of(struct ext2_fs *fs, const char *path)
{
	struct ext2_inode *ei;
	struct ext2_attr a;

	if (walk(fs, path, &ei))
		return 0;
	ext2_getattr(ei, &a);
	ext2_iput(ei);
	return a.nlink;
}

static void check_source_image(struct ktap_case_state *t, struct ext2_fs *fs)
{
	struct ext2_inode *ei;
	struct listing l;
	int i;

	if (!walk(fs, "hello.txt", &ei)) {
		char s[16];

		EXPECT_EQ(t, ext2_read(ei, kbuf(s), sizeof(s), 0), 12);
		EXPECT(t, !memcmp(s, "hello, ext2\n", 12));
		EXPECT_EQ(t, ext2_read(ei, kbuf(s), sizeof(s), 12), 0);
		EXPECT_EQ(t, ext2_read(ei, kbuf(s), sizeof(s), 1 << 30), 0);
		ext2_iput(ei);
	}
	EXPECT_EQ(t, nlink_of(fs, "hello.txt"), 2);
	EXPECT_EQ(t, nlink_of(fs, "dir1/hard"), 2);
	EXPECT_EQ(t, nlink_of(fs, ""), 5);	/* dir1, dir2, lost+found */
	EXPECT_EQ(t, nlink_of(fs, "dir1"), 3);
	EXPECT_EQ(t, nlink_of(fs, "dir1/nested"), 2);
	expect_file(t, fs, "empty", 0, 0);
	expect_file(t, fs, "big.bin", BIG_SIZE, 1000);
	expect_link(t, fs, "link-short", "hello.txt");
	expect_link(t, fs, "link-long", LONG_TARGET);
	expect_link(t, fs, "link-dir", "dir1/nested");
	if (!walk(fs, "dir1/nested/deep.txt", &ei)) {
		char s[8];

		EXPECT_EQ(t, ext2_read(ei, kbuf(s), sizeof(s), 0), 5);
		EXPECT(t, !memcmp(s, "deep\n", 5));
		ext2_iput(ei);
	} else {
		FAIL(t, "dir1/nested/deep.txt not found");
	}
	/* The sparse file: data where it was written, zeros between, and
	 * few blocks. */
	if (!walk(fs, "sparse.bin", &ei)) {
		struct ext2_attr a;
		u64 offs[] = { 0, 1 << 20, SPARSE_FAR };
		u32 lens[] = { 4096, 4096, 100 };
		u8 chunk[4096], z[4096];
		unsigned int k, j;

		ext2_getattr(ei, &a);
		EXPECT_EQ(t, a.size, SPARSE_FAR + 100);
		EXPECT(t, a.blocks < 200);
		for (k = 0; k < 3; k++) {
			EXPECT_EQ(t, ext2_read(ei, kbuf(chunk), lens[k], offs[k]),
				  lens[k]);
			for (j = 0; j < lens[k]; j++)
				if (chunk[j] != pattern(2000, offs[k] + j))
					break;
			EXPECT_EQ(t, j, lens[k]);
		}
		memset(z, 0, sizeof(z));
		EXPECT_EQ(t, ext2_read(ei, kbuf(chunk), 4096, 500000), 4096);
		EXPECT(t, !memcmp(chunk, z, 4096));
		EXPECT_EQ(t, ext2_read(ei, kbuf(chunk), 4096, SPARSE_FAR - 4096),
			  4096);
		EXPECT(t, !memcmp(chunk, z, 4096));
		ext2_iput(ei);
	} else {
		FAIL(t, "sparse.bin not found");
	}
	/* dir2: every name once, each file its contents; listed whole and
	 * in small pieces. */
	if (walk(fs, "dir2", &ei)) {
		FAIL(t, "dir2 not found");
		return;
	}
	for (i = 0; i < 2; i++) {
		int err = list_dir(ei, &l, i ? 7 : 0), k;

		EXPECT_EQ(t, err, 0);
		EXPECT_EQ(t, l.n, DIR2_FILES + 2);
		for (k = 0; k < DIR2_FILES; k++) {
			char name[64];
			struct listed *e;

			snprintf(name, sizeof(name), "file-with-a-longish-name-%03d",
				 k);
			e = listing_find(&l, name);
			if (!e || e->dtype != DT_REG) {
				FAIL(t, "dir2/%s missing from listing", name);
				break;
			}
		}
		EXPECT(t, listing_find(&l, ".") && listing_find(&l, ".."));
		listing_free(&l);
	}
	ext2_iput(ei);
	for (i = 0; i < DIR2_FILES; i += 17) {
		char p[80];

		snprintf(p, sizeof(p), "dir2/file-with-a-longish-name-%03d", i);
		expect_file(t, fs, p, (u64)i * 7, (u32)i);
	}
}

static u16 image_state(const char *img)
{
	int fd = eh_open(img);
	u16 state = 0xffff;

	if (fd >= 0) {
		eh_pread(fd, &state, 2, EXT2_SUPER_OFFSET +
			 offsetof(struct ext2_super_block, s_state));
		eh_close(fd);
	}
	return state;
}

static void mkfs_image(struct ktap_case_state *t, u32 bs)
{
	char src[300], img[300];
	struct mnt m;
	int err;

	if (!tools_present(t))
		return;
	path_in_scratch(src, sizeof(src), "src");
	path_in_scratch(img, sizeof(img), "mkfs.img");
	REQUIRE(t, make_source_tree(src));
	REQUIRE(t, make_image(img, bs, 16384, NULL, src) == 0);
	REQUIRE(t, (err = mount_image(&m, img, true)) == 0);
	check_source_image(t, m.fs);
	unmount_image(t, &m);
	EXPECT_EQ(t, image_state(img) & EXT2_VALID_FS, EXT2_VALID_FS);

	/* Read-write: not clean while mounted, clean again after. */
	REQUIRE(t, mount_image(&m, img, false) == 0);
	EXPECT_EQ(t, image_state(img) & EXT2_VALID_FS, 0);
	check_source_image(t, m.fs);
	unmount_image(t, &m);
	EXPECT_EQ(t, image_state(img) & EXT2_VALID_FS, EXT2_VALID_FS);
	expect_clean(t, img);
	eh_rm_rf(src);
	eh_rm_rf(img);
}

static void mkfs_1k(struct ktap_case_state *t)
{
	mkfs_image(t, 1024);
}

static void mkfs_4k(struct ktap_case_state *t)
{
	mkfs_image(t, 4096);
}

/* ---- 2: random operations against a model ---- */

enum { M_REG = 1, M_DIR, M_LNK };

struct mnode;

struct ment {
	char *name;
	u32 len;
	struct mnode *node;
};

/* What one inode should look like. */
struct mnode {
	int type;
	u32 ino;
	u32 nlink;
	u32 perm, uid, gid;
	bool pinned;			/* lost+found: e2fsck wants it kept */
	struct ext2_inode *held;	/* a reference kept across operations */
	u8 *data;			/* M_REG */
	u64 size, cap;
	char *target;			/* M_LNK */
	u32 tlen;
	struct ment *ents;		/* M_DIR, without "." and ".." */
	int nents, ents_cap;
	struct mnode *parent;
};

#define MAX_NODES	300
#define MAX_DIR_ENTS	40
#define SMALL_OFF	(64 * 1024)
#define LARGE_OFF	(330 * 1024)
#define WBUF_SIZE	(96 * 1024)

struct model {
	struct ktap_case_state *t;
	struct mnt m;
	char img[300];
	u32 bs;
	struct mnode *nodes[MAX_NODES];	/* every inode alive: named or held */
	int nnodes;
	struct mnode *root;
	u64 base_used;			/* inodes in use not in the model */
	u8 *wbuf;
	unsigned long op, expected_errors, enospc, checks;
	bool stop;			/* the first mismatch ends the run */
};

static void mismatch(struct model *md, const char *fmt, ...) __printf(2, 3);

static void mismatch(struct model *md, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!md->stop)
		FAIL(md->t, "op %lu: %s", md->op, msg);
	md->stop = true;
}

static struct mnode *node_new(struct model *md, int type, u32 ino, u32 perm)
{
	struct mnode *n = eh_malloc(sizeof(*n));

	n->type = type;
	n->ino = ino;
	n->perm = perm;
	md->nodes[md->nnodes++] = n;
	return n;
}

static void node_forget(struct model *md, struct mnode *n)
{
	int i;

	for (i = 0; i < md->nnodes; i++)
		if (md->nodes[i] == n) {
			md->nodes[i] = md->nodes[--md->nnodes];
			break;
		}
	for (i = 0; i < n->nents; i++)
		eh_free(n->ents[i].name);
	eh_free(n->ents);
	eh_free(n->data);
	eh_free(n->target);
	eh_free(n);
}

/* n lost a name or a holder: gone when it has neither. */
static void node_settle(struct model *md, struct mnode *n)
{
	if (!n->nlink && !n->held)
		node_forget(md, n);
}

static int ent_find(struct mnode *dir, const char *name, u32 len)
{
	int i;

	for (i = 0; i < dir->nents; i++)
		if (dir->ents[i].len == len && !memcmp(dir->ents[i].name, name, len))
			return i;
	return -1;
}

static void ent_add(struct mnode *dir, const char *name, u32 len,
		    struct mnode *n)
{
	struct ment *e;

	if (dir->nents == dir->ents_cap) {
		dir->ents_cap = dir->ents_cap ? 2 * dir->ents_cap : 8;
		dir->ents = eh_realloc(dir->ents,
				       dir->ents_cap * sizeof(*dir->ents));
	}
	e = &dir->ents[dir->nents++];
	e->name = eh_malloc(len + 1);
	memcpy(e->name, name, len);
	e->len = len;
	e->node = n;
}

static void ent_del(struct mnode *dir, int i)
{
	eh_free(dir->ents[i].name);
	dir->ents[i] = dir->ents[--dir->nents];
}

/* Is a at or above d? */
static bool above(struct mnode *a, struct mnode *d)
{
	for (; d; d = d->parent == d ? NULL : d->parent)
		if (d == a)
			return true;
	return false;
}

static struct ext2_inode *get(struct model *md, struct mnode *n)
{
	struct ext2_inode *ei;
	int err = ext2_iget(md->m.fs, n->ino, &ei);

	if (err) {
		mismatch(md, "iget %u: %d", n->ino, err);
		return NULL;
	}
	return ei;
}

static u32 rand_name(char *buf)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
	u32 r = below(100), len, i;

	if (r < 75) {
		snprintf(buf, 8, "n%u", below(24));
		return (u32)strlen(buf);
	}
	len = r < 96 ? 1 + below(30) : 200 + below(56);
	for (i = 0; i < len; i++)
		buf[i] = chars[below(sizeof(chars) - 1)];
	buf[len] = '\0';
	return len;
}

static struct mnode *rand_of(struct model *md, int type)
{
	int tries;

	for (tries = 0; tries < 50 && md->nnodes; tries++) {
		struct mnode *n = md->nodes[below(md->nnodes)];

		if ((!type || n->type == type) && !n->pinned &&
		    (n->nlink || n->type != M_DIR))
			return n;
	}
	return type == M_DIR ? md->root : NULL;
}

/* ---- comparing ext2 with the model ---- */

static void check_attrs(struct model *md, struct mnode *n,
			struct ext2_inode *ei, u32 type_bits)
{
	struct ext2_attr a;

	ext2_getattr(ei, &a);
	if ((a.mode & S_IFMT) != type_bits || (a.mode & 07777) != n->perm ||
	    a.uid != n->uid || a.gid != n->gid)
		mismatch(md, "inode %u: mode 0%o uid %u gid %u, want 0%o/%u/%u",
			 n->ino, a.mode, a.uid, a.gid, type_bits | n->perm,
			 n->uid, n->gid);
	if (a.nlink != n->nlink)
		mismatch(md, "inode %u: nlink %u, want %u", n->ino, a.nlink,
			 n->nlink);
	if (n->type == M_REG && a.size != n->size)
		mismatch(md, "inode %u: size %llu, want %llu", n->ino,
			 (unsigned long long)a.size,
			 (unsigned long long)n->size);
	if (n->type == M_LNK && a.size != n->tlen)
		mismatch(md, "symlink %u: size %llu", n->ino,
			 (unsigned long long)a.size);
	if (n->type == M_REG &&
	    a.blocks * 512 > ALIGN_UP(n->size, md->bs) + 4 * md->bs +
	    (n->size / md->bs / (md->bs / 4) + 2) * md->bs)
		mismatch(md, "inode %u: %llu sectors for %llu bytes", n->ino,
			 (unsigned long long)a.blocks,
			 (unsigned long long)n->size);
}

static void check_file(struct model *md, struct mnode *n)
{
	struct ext2_inode *ei = get(md, n);
	u8 *buf;
	long got;

	if (!ei)
		return;
	check_attrs(md, n, ei, S_IFREG);
	buf = eh_malloc(n->size + 64);
	got = read_all(ei, buf, n->size + 64);
	if (got != (long)n->size)
		mismatch(md, "file %u: read %ld of %llu bytes", n->ino, got,
			 (unsigned long long)n->size);
	else if (memcmp(buf, n->data, n->size))
		mismatch(md, "file %u: contents differ", n->ino);
	eh_free(buf);
	ext2_iput(ei);
}

static unsigned int dtype_of(struct model *md, struct mnode *n)
{
	if (!md->m.fs->filetype)
		return DT_UNKNOWN;
	return n->type == M_REG ? DT_REG : n->type == M_DIR ? DT_DIR : DT_LNK;
}

static void check_dir(struct model *md, struct mnode *n)
{
	struct ext2_inode *ei = get(md, n);
	struct listing l;
	struct listed *e;
	int err, i;

	if (!ei)
		return;
	check_attrs(md, n, ei, S_IFDIR);
	err = list_dir(ei, &l, below(3) ? 0 : 1 + (int)below(9));
	if (err) {
		mismatch(md, "readdir %u: %d", n->ino, err);
		goto out;
	}
	if (l.n != n->nents + 2)
		mismatch(md, "dir %u: %d entries, want %d", n->ino, l.n,
			 n->nents + 2);
	e = listing_find(&l, ".");
	if (!e || e->ino != n->ino)
		mismatch(md, "dir %u: bad \".\"", n->ino);
	e = listing_find(&l, "..");
	if (!e || e->ino != n->parent->ino)
		mismatch(md, "dir %u: \"..\" is %u, want %u", n->ino,
			 e ? e->ino : 0, n->parent->ino);
	for (i = 0; i < n->nents && !md->stop; i++) {
		struct ment *me = &n->ents[i];
		char name[EXT2_NAME_LEN + 1];

		memcpy(name, me->name, me->len);
		name[me->len] = '\0';
		e = listing_find(&l, name);
		if (!e || e->ino != me->node->ino ||
		    e->dtype != dtype_of(md, me->node))
			mismatch(md, "dir %u: entry %s is %u, want %u", n->ino,
				 name, e ? e->ino : 0, me->node->ino);
	}
out:
	listing_free(&l);
	ext2_iput(ei);
}

static void check_link(struct model *md, struct mnode *n)
{
	struct ext2_inode *ei = get(md, n);
	char *buf;
	long got;

	if (!ei)
		return;
	check_attrs(md, n, ei, S_IFLNK);
	buf = eh_malloc(n->tlen + 8);
	got = ext2_readlink(ei, buf, n->tlen + 8);
	if (got != (long)n->tlen || memcmp(buf, n->target, n->tlen))
		mismatch(md, "symlink %u: readlink %ld, want %u", n->ino, got,
			 n->tlen);
	eh_free(buf);
	ext2_iput(ei);
}

static void check_node(struct model *md, struct mnode *n)
{
	if (md->stop || !n)
		return;
	md->checks++;
	if (n->type == M_REG)
		check_file(md, n);
	else if (n->type == M_DIR)
		check_dir(md, n);
	else
		check_link(md, n);
}

static void check_all(struct model *md)
{
	struct ext2_statfs st;
	int i;

	for (i = 0; i < md->nnodes && !md->stop; i++)
		check_node(md, md->nodes[i]);
	ext2_statfs(md->m.fs, &st);
	if (st.files - st.ffree != md->base_used + (u64)md->nnodes)
		mismatch(md, "%llu inodes in use, want %llu",
			 (unsigned long long)(st.files - st.ffree),
			 (unsigned long long)(md->base_used + md->nnodes));
	if (st.bfree > st.blocks || st.bavail > st.bfree)
		mismatch(md, "statfs: %llu free of %llu blocks",
			 (unsigned long long)st.bfree,
			 (unsigned long long)st.blocks);
}

/* An error the model expects, or ENOSPC where space may run out. */
static bool result_ok(struct model *md, int err, int want, bool allocates)
{
	if (err == want) {
		if (want)
			md->expected_errors++;
		return true;
	}
	if (allocates && !want && err == -ENOSPC) {
		md->enospc++;
		return true;
	}
	mismatch(md, "returned %d, want %d", err, want);
	return false;
}

/* ---- the operations ---- */

static void op_create(struct model *md, int type)
{
	struct mnode *dir = rand_of(md, M_DIR), *n;
	struct ext2_inode *die, *ei = NULL;
	char name[EXT2_NAME_LEN + 1], target[4200];
	u32 len = rand_name(name), tlen = 0, perm;
	int want, err;

	if (dir->nents >= MAX_DIR_ENTS || md->nnodes >= MAX_NODES - 2)
		return;
	want = ent_find(dir, name, len) >= 0 ? -EEXIST : 0;
	if (type == M_LNK) {
		u32 r = below(100), i;

		tlen = r < 60 ? 1 + below(59) : r < 90 ? 60 + below(240) :
		       r < 97 ? 300 + below(md->bs - 300) : md->bs;
		for (i = 0; i < tlen; i++)
			target[i] = "abcdefgh/."[below(10)];
		if (!want && tlen >= md->bs)
			want = -ENAMETOOLONG;
	}
	if (!(die = get(md, dir)))
		return;
	perm = type == M_DIR ? 0755 : type == M_REG ? 0644 : 0777;
	if (type == M_REG)
		err = ext2_mknod(die, name, len, S_IFREG | perm, 0, &ei);
	else if (type == M_DIR)
		err = ext2_mkdir(die, name, len, perm, &ei);
	else
		err = ext2_symlink(die, name, len, target, tlen, &ei);
	ext2_iput(die);
	if (!result_ok(md, err, want, true) || err) {
		if (!err)
			ext2_iput(ei);
		check_node(md, dir);
		return;
	}
	n = node_new(md, type, ei->ino, perm);
	n->nlink = type == M_DIR ? 2 : 1;
	if (type == M_DIR) {
		n->parent = dir;
		dir->nlink++;
	}
	if (type == M_LNK) {
		n->target = eh_malloc(tlen);
		memcpy(n->target, target, tlen);
		n->tlen = tlen;
	}
	ent_add(dir, name, len, n);
	if (type == M_REG && below(8) == 0)
		n->held = ei;
	else
		ext2_iput(ei);
	check_node(md, dir);
	check_node(md, n);
}

static void model_write(struct mnode *n, u64 off, const u8 *src, u64 len)
{
	if (off + len > n->cap) {
		u64 cap = MAX(off + len, 2 * n->cap);

		n->data = eh_realloc(n->data, cap);
		memset(n->data + n->cap, 0, cap - n->cap);
		n->cap = cap;
	}
	if (off > n->size)
		memset(n->data + n->size, 0, off - n->size);
	memcpy(n->data + off, src, len);
	n->size = MAX(n->size, off + len);
}

static void op_write(struct model *md)
{
	struct mnode *n = rand_of(md, M_REG);
	struct ext2_inode *ei;
	u64 off;
	u32 len;
	u8 *src;
	long got;

	if (!n || !(ei = get(md, n)))
		return;
	off = below(100) < 85 ? below(SMALL_OFF) : below(LARGE_OFF);
	if (below(4) == 0)
		off = n->size;		/* appending */
	len = below(100) < 80 ? 1 + below(4096) : 1 + below(40000);
	src = md->wbuf + below(WBUF_SIZE - len);
	got = ext2_write(ei, kbuf(src), len, off);
	ext2_iput(ei);
	if (got < 0) {
		result_ok(md, (int)got, 0, true);
		got = 0;
	} else if (got < (long)len) {
		md->enospc++;		/* a short write: the disk is full */
	}
	model_write(n, off, src, (u64)got);
	check_node(md, n);
}

static void op_truncate(struct model *md)
{
	struct mnode *n = rand_of(md, M_REG);
	struct ext2_inode *ei;
	u32 r = below(100);
	u64 size;
	int err;

	if (!n || !(ei = get(md, n)))
		return;
	size = r < 10 ? 0 : r < 55 ? below((u32)n->size + 1) :
	       n->size + below(LARGE_OFF - MIN(n->size, (u64)LARGE_OFF) + 1);
	err = ext2_truncate(ei, size);
	ext2_iput(ei);
	if (!result_ok(md, err, 0, false))
		return;
	if (size > n->size) {
		static const u8 nothing[1];

		model_write(n, size, nothing, 0);
	}
	n->size = size;
	check_node(md, n);
}

/* A name in dir: mostly one of its entries, else any. */
static int pick_name(struct mnode *dir, char *name, u32 *len, int pct_existing)
{
	int i = -1;

	if (dir->nents && (int)below(100) < pct_existing) {
		i = (int)below(dir->nents);
		memcpy(name, dir->ents[i].name, dir->ents[i].len);
		*len = dir->ents[i].len;
		name[*len] = '\0';
		return i;
	}
	*len = rand_name(name);
	return ent_find(dir, name, *len);
}

static void op_unlink(struct model *md, bool rmdir)
{
	struct mnode *dir = rand_of(md, M_DIR), *n = NULL;
	char name[EXT2_NAME_LEN + 1];
	struct ext2_inode *die;
	u32 len;
	int i, want, err;

	if (below(30) == 0) {
		i = -2;
		len = 1 + below(2);
		memcpy(name, "..", len);
	} else {
		i = pick_name(dir, name, &len, 85);
		n = i >= 0 ? dir->ents[i].node : NULL;
		if (n && n->pinned)
			return;
	}
	if (i == -2)
		want = rmdir ? (len == 1 ? -EINVAL : -ENOTEMPTY) : -EISDIR;
	else if (!n)
		want = -ENOENT;
	else if (!rmdir)
		want = n->type == M_DIR ? -EISDIR : 0;
	else
		want = n->type != M_DIR ? -ENOTDIR : n->nents ? -ENOTEMPTY : 0;
	if (!(die = get(md, dir)))
		return;
	err = rmdir ? ext2_rmdir(die, name, len) : ext2_unlink(die, name, len);
	ext2_iput(die);
	if (!result_ok(md, err, want, false) || err) {
		check_node(md, dir);
		return;
	}
	ent_del(dir, i);
	if (rmdir) {
		n->nlink = 0;
		dir->nlink--;
	} else {
		n->nlink--;
	}
	check_node(md, dir);
	if (n->nlink || n->held)
		check_node(md, n);
	node_settle(md, n);
}

static void op_link(struct model *md)
{
	struct mnode *dir = rand_of(md, M_DIR), *n;
	char name[EXT2_NAME_LEN + 1];
	struct ext2_inode *die, *ei;
	u32 len = rand_name(name);
	int want, err;

	n = below(10) ? rand_of(md, below(4) ? M_REG : M_LNK) : rand_of(md, M_DIR);
	if (!n || dir->nents >= MAX_DIR_ENTS)
		return;
	want = ent_find(dir, name, len) >= 0 ? -EEXIST :
	       n->type == M_DIR ? -EPERM : !n->nlink ? -ENOENT : 0;
	if (!(die = get(md, dir)))
		return;
	if (!(ei = get(md, n))) {
		ext2_iput(die);
		return;
	}
	err = ext2_link(die, name, len, ei);
	ext2_iput(ei);
	ext2_iput(die);
	if (result_ok(md, err, want, true) && !err) {
		ent_add(dir, name, len, n);
		n->nlink++;
	}
	check_node(md, dir);
	check_node(md, n);
}

static void op_rename(struct model *md)
{
	struct mnode *sd = rand_of(md, M_DIR), *dd, *o = NULL, *nn = NULL;
	char on[EXT2_NAME_LEN + 1], nname[EXT2_NAME_LEN + 1];
	struct ext2_inode *sdi, *ddi;
	u32 ol, nl, r = below(100);
	unsigned int flags = r < 85 ? 0 : r < 93 ? RENAME_NOREPLACE :
			     RENAME_EXCHANGE;
	int oi, ni, want = 0, err;
	bool odir, ndir;

	dd = below(2) ? sd : rand_of(md, M_DIR);
	oi = pick_name(sd, on, &ol, 90);
	ni = pick_name(dd, nname, &nl, 40);
	if (below(40) == 0) {
		nl = 1 + below(2);
		memcpy(nname, "..", nl);
		ni = -1;
		want = -EBUSY;
	}
	if (oi >= 0)
		o = sd->ents[oi].node;
	if (ni >= 0)
		nn = dd->ents[ni].node;
	if ((o && o->pinned) || (nn && nn->pinned))
		return;
	odir = o && o->type == M_DIR;
	ndir = nn && nn->type == M_DIR;
	if (want)
		;
	else if (!o)
		want = -ENOENT;
	else if (nn && flags & RENAME_NOREPLACE)
		want = -EEXIST;
	else if (nn == o)
		want = 0;
	else if (!nn && flags & RENAME_EXCHANGE)
		want = -ENOENT;
	else if (nn && !flags && odir && !ndir)
		want = -ENOTDIR;
	else if (nn && !flags && !odir && ndir)
		want = -EISDIR;
	else if (sd != dd && odir && above(o, dd))
		want = -EINVAL;
	else if (sd != dd && flags & RENAME_EXCHANGE && ndir && above(nn, sd))
		want = -EINVAL;
	else if (ndir && !flags && nn->nents)
		want = -ENOTEMPTY;
	if (!want && !nn && dd->nents >= MAX_DIR_ENTS)
		return;
	if (!(sdi = get(md, sd)))
		return;
	if (!(ddi = get(md, dd))) {
		ext2_iput(sdi);
		return;
	}
	err = ext2_rename(sdi, on, ol, ddi, nname, nl, flags);
	ext2_iput(sdi);
	ext2_iput(ddi);
	if (!result_ok(md, err, want, !nn) || err || nn == o)
		goto check;

	if (flags & RENAME_EXCHANGE) {
		sd->ents[oi].node = nn;
		dd->ents[ni].node = o;
		if (sd != dd && odir) {
			o->parent = dd;
			sd->nlink--;
			dd->nlink++;
		}
		if (sd != dd && ndir) {
			nn->parent = sd;
			dd->nlink--;
			sd->nlink++;
		}
		goto check;
	}
	if (nn) {
		dd->ents[ni].node = o;
		if (ndir) {
			nn->nlink = 0;
			dd->nlink--;
		} else {
			nn->nlink--;
		}
	} else {
		ent_add(dd, nname, nl, o);
	}
	oi = ent_find(sd, on, ol);
	ent_del(sd, oi);
	if (odir && sd != dd) {
		o->parent = dd;
		sd->nlink--;
		dd->nlink++;
	}
check:
	check_node(md, sd);
	if (dd != sd)
		check_node(md, dd);
	check_node(md, o);
	if (nn && (nn->nlink || nn->held)) {
		check_node(md, nn);
	} else if (nn && nn != o) {
		node_settle(md, nn);
	}
}

static void op_setattr(struct model *md)
{
	struct mnode *n = rand_of(md, 0);
	struct ext2_setattr sa = { .valid = EXT2_SET_MODE | EXT2_SET_UID |
					    EXT2_SET_GID };
	struct ext2_inode *ei;
	int err;

	if (!n || !(ei = get(md, n)))
		return;
	sa.mode = below(07777 + 1);
	sa.uid = below(3) ? below(1000) : 70000 + below(100000);
	sa.gid = below(1000);
	err = ext2_setattr(ei, &sa);
	ext2_iput(ei);
	if (result_ok(md, err, 0, false)) {
		n->perm = sa.mode;
		n->uid = sa.uid;
		n->gid = sa.gid;
	}
	check_node(md, n);
}

static void op_hold(struct model *md, bool hold)
{
	int i, start = (int)below(md->nnodes);

	for (i = 0; i < md->nnodes; i++) {
		struct mnode *n = md->nodes[(start + i) % md->nnodes];

		if (n->type != M_REG || !n->held == !hold)
			continue;
		if (hold) {
			n->held = get(md, n);
		} else {
			ext2_iput(n->held);
			n->held = NULL;
			node_settle(md, n);
		}
		return;
	}
}

static void release_all(struct model *md)
{
	int i;

	for (i = md->nnodes - 1; i >= 0; i--) {
		struct mnode *n = md->nodes[i];

		if (n->held) {
			ext2_iput(n->held);
			n->held = NULL;
			node_settle(md, n);
		}
	}
}

static void remount(struct model *md, bool ro)
{
	int err;

	release_all(md);
	err = unmount_image(md->t, &md->m);
	if (err)
		mismatch(md, "unmount: %d", err);
	err = mount_image(&md->m, md->img, ro);
	if (err) {
		mismatch(md, "mount: %d", err);
		md->m.fs = NULL;
	}
}

/* The model of a fresh mke2fs image: the root and lost+found. */
static bool model_init(struct model *md)
{
	struct ext2_statfs st;
	struct mnode *lf;
	u32 ino;

	md->root = node_new(md, M_DIR, EXT2_ROOT_INO, 0755);
	md->root->parent = md->root;
	md->root->nlink = 3;
	struct ext2_inode *ei;

	if (walk(md->m.fs, "lost+found", &ei))
		return false;
	ino = ei->ino;
	ext2_iput(ei);
	lf = node_new(md, M_DIR, ino, 0700);
	lf->parent = md->root;
	lf->nlink = 2;
	lf->pinned = true;
	ent_add(md->root, "lost+found", 10, lf);
	ext2_statfs(md->m.fs, &st);
	md->base_used = st.files - st.ffree - 2;
	return true;
}

/* A path naming n, from the root; false if none short enough. */
static bool path_of(struct mnode *dir, struct mnode *n, char *buf, size_t size,
		    size_t used, int depth)
{
	int i;

	if (depth > 20)
		return false;
	for (i = 0; i < dir->nents; i++) {
		struct ment *e = &dir->ents[i];

		if (used + e->len + 2 > size)
			continue;
		buf[used] = '/';
		memcpy(buf + used + 1, e->name, e->len);
		buf[used + 1 + e->len] = '\0';
		if (e->node == n)
			return true;
		if (e->node->type == M_DIR &&
		    path_of(e->node, n, buf, size, used + 1 + e->len, depth + 1))
			return true;
	}
	return false;
}

/* After the run: debugfs reads what the model says the files hold. */
static void compare_with_debugfs(struct model *md)
{
	int i, done = 0;

	for (i = 0; i < md->nnodes && done < 6 && !md->stop; i++) {
		struct mnode *n = md->nodes[i];
		char path[700];
		u8 *buf;
		long got;

		if (n->type != M_REG || !n->size ||
		    !path_of(md->root, n, path, sizeof(path), 0, 0))
			continue;
		buf = eh_malloc(n->size + 16);
		got = debugfs_dump(md->img, path, buf, n->size + 16);
		if (got != (long)n->size || memcmp(buf, n->data, n->size))
			mismatch(md, "debugfs dump %s: %ld bytes, want %llu",
				 path, got, (unsigned long long)n->size);
		eh_free(buf);
		done++;
	}
	if (!done)
		mismatch(md, "no file for debugfs to read");
}

static void model_free(struct model *md)
{
	while (md->nnodes)
		node_forget(md, md->nodes[md->nnodes - 1]);
	eh_free(md->wbuf);
}

static void model_run(struct ktap_case_state *t, u32 bs, u64 s,
		      unsigned long nr_ops, const char *mkfs_opts, u32 kib)
{
	static struct model model;
	struct model *md = &model;
	unsigned long long start = eh_ms();
	unsigned long i;

	if (!tools_present(t))
		return;
	memset(md, 0, sizeof(*md));
	md->t = t;
	md->bs = bs;
	seed(s);
	snprintf(md->img, sizeof(md->img), "%s/model-%u-%llu.img", scratch, bs,
		 (unsigned long long)s);
	REQUIRE(t, make_image(md->img, bs, kib, mkfs_opts, NULL) == 0);
	REQUIRE(t, mount_image(&md->m, md->img, false) == 0);
	md->wbuf = eh_malloc(WBUF_SIZE);
	for (i = 0; i < WBUF_SIZE; i++)
		md->wbuf[i] = (u8)rnd();
	if (!model_init(md)) {
		FAIL(t, "no lost+found in a new image");
		goto out;
	}
	check_all(md);
	for (md->op = 1; md->op <= nr_ops && !md->stop; md->op++) {
		u32 r = below(100);

		if (r < 12)
			op_create(md, M_REG);
		else if (r < 17)
			op_create(md, M_DIR);
		else if (r < 22)
			op_create(md, M_LNK);
		else if (r < 42)
			op_write(md);
		else if (r < 49)
			op_truncate(md);
		else if (r < 58)
			op_unlink(md, false);
		else if (r < 62)
			op_unlink(md, true);
		else if (r < 67)
			op_link(md);
		else if (r < 80)
			op_rename(md);
		else if (r < 83)
			op_setattr(md);
		else if (r < 86)
			op_hold(md, true);
		else if (r < 89)
			op_hold(md, false);
		else
			check_node(md, md->nodes[below(md->nnodes)]);
		if (md->op % 97 == 0 && ext2_sync(md->m.fs))
			mismatch(md, "sync failed");
		if (md->op % 50 == 0)
			check_all(md);
		if (md->op % 1000 == 0) {
			remount(md, false);
			if (md->m.fs)
				check_all(md);
		}
		if (!md->m.fs)
			break;
	}
	md->op = nr_ops + 1;
	if (!md->m.fs)
		goto out;
	release_all(md);
	check_all(md);
	if (unmount_image(t, &md->m))
		FAIL(t, "unmount failed");
	expect_clean(t, md->img);
	/* What reached the disk, read back by a fresh mount. */
	if (mount_image(&md->m, md->img, true) == 0) {
		check_all(md);
		unmount_image(t, &md->m);
	} else {
		FAIL(t, "read-only mount failed");
	}
	compare_with_debugfs(md);
	printk("# %u-byte blocks, seed %llu: %lu operations, %lu expected "
	       "errors, %lu ENOSPC, %lu checks, e2fsck clean, %llu ms\n", bs,
	       (unsigned long long)s, nr_ops, md->expected_errors, md->enospc,
	       md->checks, eh_ms() - start);
out:
	if (md->m.fs) {
		release_all(md);
		unmount_image(t, &md->m);
	}
	model_free(md);
	eh_rm_rf(md->img);
}

static void model_1k_seed1(struct ktap_case_state *t)
{
	model_run(t, 1024, 1, 3000, NULL, 32768);
}

static void model_1k_seed2(struct ktap_case_state *t)
{
	model_run(t, 1024, 2, 3000, NULL, 32768);
}

static void model_4k_seed3(struct ktap_case_state *t)
{
	model_run(t, 4096, 3, 3000, "-g 4096", 65536);
}

static void model_4k_seed4(struct ktap_case_state *t)
{
	model_run(t, 4096, 4, 3000, "-g 4096", 65536);
}

/* Revision 0 (no features: fixed 128-byte inodes, no file types in
 * directories) and 2 KiB blocks without file types. */
static void model_rev0(struct ktap_case_state *t)
{
	model_run(t, 1024, 5, 1000, "-r 0", 16384);
}

static void model_2k_nofiletype(struct ktap_case_state *t)
{
	model_run(t, 2048, 6, 1000, "-O ^filetype", 16384);
}

/* ---- special cases: features, hashed directories, full disks ---- */

static void features(struct ktap_case_state *t)
{
	char img[300];
	struct ext2_inode *root, *ei;
	struct listing l;
	struct mnt m;
	int fd;
	u16 zero = 0;

	if (!tools_present(t))
		return;
	path_in_scratch(img, sizeof(img), "feat.img");
	/* INCOMPAT: refused either way. */
	REQUIRE(t, make_image(img, 1024, 4096, "-O extent", NULL) == 0);
	EXPECT_EQ(t, mount_image(&m, img, false), -EINVAL);
	EXPECT_EQ(t, mount_image(&m, img, true), -EINVAL);
	REQUIRE(t, make_image(img, 4096, 8192, "-O ^resize_inode,meta_bg", NULL) == 0);
	EXPECT_EQ(t, mount_image(&m, img, true), -EINVAL);
	/* An unknown RO_COMPAT feature: read-only only. */
	REQUIRE(t, make_image(img, 1024, 4096, "-O metadata_csum", NULL) == 0);
	EXPECT_EQ(t, mount_image(&m, img, false), -EINVAL);
	if (mount_image(&m, img, true) == 0) {
		REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
		EXPECT_EQ(t, list_dir(root, &l, 0), 0);
		EXPECT(t, listing_find(&l, "lost+found") != NULL);
		listing_free(&l);
		EXPECT_EQ(t, ext2_mknod(root, "x", 1, S_IFREG | 0644, 0, NULL),
			  -EROFS);
		EXPECT_EQ(t, ext2_mkdir(root, "x", 1, 0755, NULL), -EROFS);
		ext2_iput(root);
		unmount_image(t, &m);
	} else {
		FAIL(t, "read-only mount with metadata_csum failed");
	}
	/* A journal (ext3) is a COMPAT feature: written as plain ext2. */
	REQUIRE(t, make_image(img, 1024, 8192, "-O has_journal", NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	EXPECT_EQ(t, ext2_mkdir(root, "d", 1, 0755, NULL), 0);
	EXPECT_EQ(t, ext2_mknod(root, "f", 1, S_IFREG | 0600, 0, &ei), 0);
	if (ei) {
		EXPECT_EQ(t, ext2_write(ei, kbuf(tool_out), 5000, 0), 5000);
		ext2_iput(ei);
	}
	/* Device nodes, FIFOs, sockets: no data, the number in i_block. */
	EXPECT_EQ(t, ext2_mknod(root, "null", 4, S_IFCHR | 0666, mkdev(1, 3),
				&ei), 0);
	if (ei) {
		struct ext2_attr a;

		ext2_getattr(ei, &a);
		EXPECT_EQ(t, a.rdev, mkdev(1, 3));
		EXPECT_EQ(t, ext2_write(ei, kbuf(tool_out), 1, 0), -EINVAL);
		ext2_iput(ei);
	}
	EXPECT_EQ(t, ext2_mknod(root, "blk", 3, S_IFBLK | 0600,
				mkdev(259, 70000), &ei), 0);
	if (ei) {
		struct ext2_attr a;

		ext2_getattr(ei, &a);
		EXPECT_EQ(t, a.rdev, mkdev(259, 70000));
		ext2_iput(ei);
	}
	EXPECT_EQ(t, ext2_mknod(root, "fifo", 4, S_IFIFO | 0600, 0, NULL), 0);
	EXPECT_EQ(t, ext2_mknod(root, "sock", 4, S_IFSOCK | 0600, 0, NULL), 0);
	EXPECT_EQ(t, ext2_mknod(root, "dir", 3, S_IFDIR | 0600, 0, NULL),
		  -EINVAL);
	EXPECT_EQ(t, ext2_mknod(root, "a/b", 3, S_IFREG, 0, NULL), -EINVAL);
	ext2_iput(root);
	unmount_image(t, &m);
	expect_clean(t, img);
	/* Bad magic, and a disk whose sectors are larger than the blocks. */
	fd = eh_open(img);
	REQUIRE(t, fd >= 0);
	eh_pwrite(fd, &zero, 2, EXT2_SUPER_OFFSET +
		  offsetof(struct ext2_super_block, s_magic));
	eh_close(fd);
	EXPECT_EQ(t, mount_image(&m, img, true), -EINVAL);
	REQUIRE(t, make_image(img, 1024, 4096, NULL, NULL) == 0);
	m.bd = host_disk_file(img);
	REQUIRE(t, m.bd != NULL);
	m.bd->block_size = 4096;
	EXPECT_EQ(t, ext2_mount(m.bd, true, &m.fs), -EINVAL);
	m.bd->block_size = 512;
	host_disk_close(m.bd);
	/* A read-only device mounts read-only. */
	m.bd = host_disk_file(img);
	REQUIRE(t, m.bd != NULL);
	m.bd->read_only = true;
	if (ext2_mount(m.bd, false, &m.fs) == 0) {
		EXPECT(t, m.fs->read_only);
		REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
		EXPECT_EQ(t, ext2_mkdir(root, "x", 1, 0755, NULL), -EROFS);
		ext2_iput(root);
		EXPECT_EQ(t, ext2_unmount(m.fs), 0);
	} else {
		FAIL(t, "mount of a read-only disk failed");
	}
	host_disk_close(m.bd);
	eh_rm_rf(img);
}

/* Directories e2fsck -D gave a hashed index: read as lists, and changed
 * they lose the index flag, which leaves them valid. */
static void hashed_dirs(struct ktap_case_state *t)
{
	char src[300], img[300], cmd[700], name[64];
	struct ext2_inode *dir;
	struct listing l;
	struct mnt m;
	int i, st;

	if (!tools_present(t))
		return;
	path_in_scratch(src, sizeof(src), "src");
	path_in_scratch(img, sizeof(img), "htree.img");
	REQUIRE(t, make_source_tree(src));
	REQUIRE(t, make_image(img, 1024, 16384, NULL, src) == 0);
	snprintf(cmd, sizeof(cmd), "'%s' -fyD '%s'", e2fsck, img);
	st = eh_run(cmd, tool_out, sizeof(tool_out));
	EXPECT(t, st == 0 || st == 1);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, walk(m.fs, "dir2", &dir) == 0);
	EXPECT(t, dir->flags & EXT2_INDEX_FL);
	for (i = 0; i < DIR2_FILES; i++) {
		u32 ino;

		snprintf(name, sizeof(name), "file-with-a-longish-name-%03d", i);
		if (ext2_lookup(dir, name, strlen(name), &ino)) {
			FAIL(t, "lookup %s in a hashed directory", name);
			break;
		}
	}
	for (i = 0; i < 60; i++) {
		snprintf(name, sizeof(name), "added-%d", i);
		EXPECT_EQ(t, ext2_mknod(dir, name, strlen(name), S_IFREG | 0644,
					0, NULL), 0);
	}
	for (i = 0; i < DIR2_FILES; i += 3) {
		snprintf(name, sizeof(name), "file-with-a-longish-name-%03d", i);
		EXPECT_EQ(t, ext2_unlink(dir, name, strlen(name)), 0);
	}
	EXPECT(t, !(dir->flags & EXT2_INDEX_FL));
	EXPECT_EQ(t, list_dir(dir, &l, 0), 0);
	EXPECT_EQ(t, l.n, 2 + 60 + DIR2_FILES - (DIR2_FILES + 2) / 3);
	listing_free(&l);
	ext2_iput(dir);
	unmount_image(t, &m);
	expect_clean(t, img);
	eh_rm_rf(src);
	eh_rm_rf(img);
}

static void full_disk(struct ktap_case_state *t)
{
	char img[300], name[32];
	struct ext2_statfs before, st;
	struct ext2_inode *root, *ei;
	u64 written = 0;
	struct mnt m;
	int i, files = 0, err = 0;

	if (!tools_present(t))
		return;
	path_in_scratch(img, sizeof(img), "full.img");
	REQUIRE(t, make_image(img, 1024, 1024, "-N 48 -m 5", NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	ext2_statfs(m.fs, &before);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	/* Blocks run out: a short write, then ENOSPC. */
	for (i = 0; i < 40 && !err; i++) {
		long n;

		snprintf(name, sizeof(name), "big%d", i);
		err = ext2_mknod(root, name, strlen(name), S_IFREG | 0644, 0,
				 &ei);
		if (err)
			break;
		files++;
		n = ext2_write(ei, kbuf(tool_out), sizeof(tool_out), 0);
		while (n == (long)sizeof(tool_out)) {
			written += (u64)n;
			n = ext2_write(ei, kbuf(tool_out), sizeof(tool_out),
				       ei->size);
		}
		if (n > 0)
			written += (u64)n;
		else if (n != -ENOSPC)
			FAIL(t, "write: %ld", n);
		if (n < (long)sizeof(tool_out)) {
			ext2_statfs(m.fs, &st);
			EXPECT_EQ(t, st.bfree, 0);
			err = -ENOSPC;
		}
		ext2_iput(ei);
	}
	EXPECT_EQ(t, err, -ENOSPC);
	EXPECT(t, written > 700 * 1024);
	/* Inodes run out. */
	for (err = 0, i = 0; i < 100 && !err; i++) {
		snprintf(name, sizeof(name), "empty%d", i);
		err = ext2_mknod(root, name, strlen(name), S_IFREG | 0644, 0,
				 NULL);
		if (!err)
			files++;
	}
	EXPECT_EQ(t, err, -ENOSPC);
	ext2_statfs(m.fs, &st);
	EXPECT_EQ(t, st.ffree, 0);
	EXPECT_EQ(t, ext2_mkdir(root, "nodir", 5, 0755, NULL), -ENOSPC);
	EXPECT_EQ(t, ext2_symlink(root, "l", 1, "t", 1, NULL), -ENOSPC);
	ext2_iput(root);
	unmount_image(t, &m);
	expect_clean(t, img);

	/* Everything back. */
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "big%d", i);
		ext2_unlink(root, name, strlen(name));
	}
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "empty%d", i);
		ext2_unlink(root, name, strlen(name));
	}
	ext2_statfs(m.fs, &st);
	EXPECT_EQ(t, st.ffree, before.ffree);
	/* The root directory grew a block for the names. */
	EXPECT(t, st.bfree + 2 >= before.bfree && st.bfree <= before.bfree);
	ext2_iput(root);
	unmount_image(t, &m);
	expect_clean(t, img);
	eh_rm_rf(img);
}

/* Offsets for every depth of the map, the size limits, large_file. */
static void far_offsets(struct ktap_case_state *t)
{
	char img[300], buf[64];
	struct ext2_inode *root, *ei;
	struct ext2_attr a;
	struct mnt m;
	u64 far = 70ULL << 20, huge = 5ULL << 30;

	if (!tools_present(t))
		return;
	path_in_scratch(img, sizeof(img), "far.img");
	REQUIRE(t, make_image(img, 1024, 8192, NULL, NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	REQUIRE(t, ext2_mknod(root, "f", 1, S_IFREG | 0644, 0, &ei) == 0);
	EXPECT_EQ(t, ext2_write(ei, kbuf("triple"), 6, far), 6);
	EXPECT_EQ(t, ext2_write(ei, kbuf("double"), 6, 300 * 1024), 6);
	EXPECT_EQ(t, ext2_read(ei, kbuf(buf), 64, far - 3), 9);
	EXPECT(t, !memcmp(buf, "\0\0\0triple", 9));
	EXPECT_EQ(t, ext2_write(ei, kbuf("x"), 1, m.fs->max_file_size), -EFBIG);
	EXPECT_EQ(t, ext2_write(ei, kbuf("xy"), 2, m.fs->max_file_size - 1), 1);
	EXPECT_EQ(t, ext2_truncate(ei, m.fs->max_file_size + 1), -EFBIG);
	EXPECT_EQ(t, ext2_truncate(ei, far + 3), 0);
	EXPECT_EQ(t, ext2_read(ei, kbuf(buf), 64, far), 3);
	EXPECT(t, !memcmp(buf, "tri", 3));
	EXPECT_EQ(t, ext2_truncate(ei, far + 1000), 0);
	EXPECT_EQ(t, ext2_read(ei, kbuf(buf), 8, far), 8);
	EXPECT(t, !memcmp(buf, "tri\0\0\0\0\0", 8));
	ext2_getattr(ei, &a);
	EXPECT(t, a.blocks <= 2 * 8);
	ext2_iput(ei);
	ext2_iput(root);
	unmount_image(t, &m);
	expect_clean(t, img);

	/* 4 KiB blocks without large_file: the first file past 2 GiB
	 * turns it on (e2fsck would complain otherwise). */
	REQUIRE(t, make_image(img, 4096, 16384, "-O ^large_file", NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	REQUIRE(t, ext2_mknod(root, "g", 1, S_IFREG | 0644, 0, &ei) == 0);
	EXPECT_EQ(t, ext2_write(ei, kbuf("beyond4g"), 8, huge), 8);
	EXPECT_EQ(t, ext2_read(ei, kbuf(buf), 64, huge), 8);
	EXPECT(t, m.fs->ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE);
	ext2_iput(ei);
	ext2_iput(root);
	unmount_image(t, &m);
	expect_clean(t, img);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, walk(m.fs, "g", &ei) == 0);
	ext2_getattr(ei, &a);
	EXPECT_EQ(t, a.size, huge + 8);
	EXPECT_EQ(t, ext2_truncate(ei, 3ULL << 30), 0);
	ext2_getattr(ei, &a);
	EXPECT_EQ(t, a.blocks, 0);
	ext2_iput(ei);
	unmount_image(t, &m);
	expect_clean(t, img);
	eh_rm_rf(img);
}

/* Unlinked and removed while held; unmount refused meanwhile. */
static void held_inodes(struct ktap_case_state *t)
{
	char img[300], buf[100];
	struct ext2_statfs s0, s1;
	struct ext2_inode *root, *f, *d, *dd;
	struct listing l;
	struct ext2_attr a;
	struct mnt m;
	u32 ino;

	if (!tools_present(t))
		return;
	path_in_scratch(img, sizeof(img), "held.img");
	REQUIRE(t, make_image(img, 1024, 4096, NULL, NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	ext2_statfs(m.fs, &s0);
	REQUIRE(t, ext2_mknod(root, "f", 1, S_IFREG | 0644, 0, &f) == 0);
	EXPECT_EQ(t, ext2_write(f, kbuf(tool_out), 10000, 0), 10000);
	EXPECT_EQ(t, ext2_unlink(root, "f", 1), 0);
	EXPECT_EQ(t, ext2_lookup(root, "f", 1, &ino), -ENOENT);
	ext2_getattr(f, &a);
	EXPECT_EQ(t, a.nlink, 0);
	EXPECT_EQ(t, ext2_write(f, kbuf("more"), 4, 10000), 4);
	EXPECT_EQ(t, ext2_read(f, kbuf(buf), 100, 9998), 6);
	EXPECT_EQ(t, ext2_link(root, "g", 1, f), -ENOENT);
	ext2_statfs(m.fs, &s1);
	EXPECT_EQ(t, s1.ffree + 1, s0.ffree);
	EXPECT_EQ(t, ext2_unmount(m.fs), -EBUSY);
	ext2_iput(f);
	ext2_statfs(m.fs, &s1);
	EXPECT_EQ(t, s1.ffree, s0.ffree);
	EXPECT_EQ(t, s1.bfree, s0.bfree);

	REQUIRE(t, ext2_mkdir(root, "d", 1, 0755, &d) == 0);
	EXPECT_EQ(t, ext2_mkdir(d, "sub", 3, 0755, &dd), 0);
	EXPECT_EQ(t, ext2_rmdir(root, "d", 1), -ENOTEMPTY);
	EXPECT_EQ(t, ext2_rename(d, "sub", 3, dd, "x", 1, 0), -EINVAL);
	EXPECT_EQ(t, ext2_rename(root, "d", 1, dd, "x", 1, 0), -EINVAL);
	EXPECT_EQ(t, ext2_rename(root, "d", 1, d, "x", 1, 0), -EINVAL);
	EXPECT_EQ(t, ext2_rmdir(d, "sub", 3), 0);
	EXPECT_EQ(t, list_dir(dd, &l, 0), 0);
	EXPECT_EQ(t, l.n, 0);
	listing_free(&l);
	EXPECT_EQ(t, ext2_mknod(dd, "x", 1, S_IFREG, 0, NULL), -ENOENT);
	EXPECT_EQ(t, ext2_lookup(dd, ".", 1, &ino), -ENOENT);
	ext2_iput(dd);
	EXPECT_EQ(t, ext2_rmdir(root, "d", 1), 0);
	ext2_getattr(root, &a);
	EXPECT_EQ(t, a.nlink, 3);
	ext2_iput(d);
	ext2_iput(root);
	ext2_statfs(m.fs, &s1);
	EXPECT_EQ(t, s1.ffree, s0.ffree);
	EXPECT_EQ(t, s1.bfree, s0.bfree);
	unmount_image(t, &m);
	expect_clean(t, img);
	eh_rm_rf(img);
}

/* The n of a "stable-<n>" name: true and *n, or false for other names. */
static bool sscanf_stable(const char *name, int *n)
{
	const char *p = name + 7;

	if (strncmp(name, "stable-", 7) || !*p)
		return false;
	for (*n = 0; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		*n = *n * 10 + (*p - '0');
	}
	return true;
}

/* Positions from a listing stay good while entries come and go: what is
 * there all along is listed once, nothing twice. */
static void readdir_positions(struct ktap_case_state *t)
{
	char img[300], name[32];
	struct ext2_inode *dir;
	u8 seen[60];
	struct listing l;
	struct mnt m;
	u64 pos = 0;
	int i, round, added = 0, removed = 0;

	if (!tools_present(t))
		return;
	seed(77);
	path_in_scratch(img, sizeof(img), "rd.img");
	REQUIRE(t, make_image(img, 1024, 4096, NULL, NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &dir) == 0);
	for (i = 0; i < 60; i++) {
		snprintf(name, sizeof(name), "stable-%d", i);
		ext2_mknod(dir, name, strlen(name), S_IFREG, 0, NULL);
		snprintf(name, sizeof(name), "volatile-%d", i);
		ext2_mknod(dir, name, strlen(name), S_IFREG, 0, NULL);
	}
	memset(seen, 0, sizeof(seen));
	memset(&l, 0, sizeof(l));
	for (round = 0; round < 1000; round++) {
		int before = l.n, err;

		l.stop_after = 1 + (int)below(6);
		l.taken = 0;
		err = ext2_readdir(dir, &pos, collect, &l);
		if (err || l.n == before)
			break;
		/* Between calls: a volatile name goes, a new one comes. */
		snprintf(name, sizeof(name), "volatile-%d", removed++);
		ext2_unlink(dir, name, strlen(name));
		snprintf(name, sizeof(name), "new-%d-with-a-longer-name", added++);
		ext2_mknod(dir, name, strlen(name), S_IFREG, 0, NULL);
	}
	for (i = 0; i < l.n; i++) {
		int k, n;

		for (k = i + 1; k < l.n; k++)
			if (!strcmp(l.e[i].name, l.e[k].name))
				FAIL(t, "%s listed twice", l.e[i].name);
		if (sscanf_stable(l.e[i].name, &n) && n < 60)
			seen[n]++;
	}
	for (i = 0; i < 60; i++)
		if (seen[i] != 1)
			FAIL(t, "stable-%d listed %u times", i, seen[i]);
	listing_free(&l);
	ext2_iput(dir);
	unmount_image(t, &m);
	expect_clean(t, img);
	eh_rm_rf(img);
}

/* A user buffer that faults part way: short counts, no block past the
 * end, nothing half-done. */
static void short_copies(struct ktap_case_state *t)
{
	char img[300];
	static char ubuf[8192];
	struct ext2_inode *root, *ei;
	struct io_buf ub = { .base = ubuf, .user = true };
	struct ext2_attr a;
	struct mnt m;

	if (!tools_present(t))
		return;
	path_in_scratch(img, sizeof(img), "short.img");
	REQUIRE(t, make_image(img, 1024, 4096, NULL, NULL) == 0);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	REQUIRE(t, ext2_mknod(root, "f", 1, S_IFREG | 0644, 0, &ei) == 0);
	memset(ubuf, 'u', sizeof(ubuf));
	host_user_fault_at = ubuf + 3000;
	EXPECT_EQ(t, ext2_write(ei, ub, 8192, 1000), 3000);
	ext2_getattr(ei, &a);
	EXPECT_EQ(t, a.size, 4000);
	host_user_fault_at = ubuf;
	EXPECT_EQ(t, ext2_write(ei, ub, 100, 50000), -EFAULT);
	EXPECT_EQ(t, ext2_write(ei, ub, 100, 20), -EFAULT);
	ext2_getattr(ei, &a);
	EXPECT_EQ(t, a.size, 4000);
	EXPECT_EQ(t, a.blocks, 8);
	host_user_fault_at = ubuf + 10;
	EXPECT_EQ(t, ext2_read(ei, ub, 100, 995), 10);
	EXPECT(t, !memcmp(ubuf, "\0\0\0\0\0uuuuu", 10));
	host_user_fault_at = ubuf;
	EXPECT_EQ(t, ext2_read(ei, ub, 100, 0), -EFAULT);
	host_user_fault_at = NULL;
	ext2_iput(ei);
	ext2_iput(root);
	unmount_image(t, &m);
	expect_clean(t, img);
	eh_rm_rf(img);
}

/* A disk that fails: errors come back, nothing crashes, and once it
 * works again everything reaches it. */
static void io_errors(struct ktap_case_state *t)
{
	char src[300], img[300], buf[4096];
	struct ext2_inode *root, *ei;
	struct listing l;
	struct mnt m;
	int i;

	if (!tools_present(t))
		return;
	path_in_scratch(src, sizeof(src), "src");
	path_in_scratch(img, sizeof(img), "eio.img");
	REQUIRE(t, make_source_tree(src));
	REQUIRE(t, make_image(img, 1024, 8192, NULL, src) == 0);
	m.bd = host_disk_file(img);
	REQUIRE(t, m.bd != NULL);
	m.bd->make_it_fail = true;
	EXPECT_EQ(t, ext2_mount(m.bd, false, &m.fs), -EIO);
	m.bd->make_it_fail = false;
	host_disk_close(m.bd);
	REQUIRE(t, mount_image(&m, img, false) == 0);
	REQUIRE(t, ext2_iget(m.fs, EXT2_ROOT_INO, &root) == 0);
	m.bd->make_it_fail = true;
	eh_quiet(1);
	EXPECT(t, walk(m.fs, "big.bin", &ei) == -EIO);
	EXPECT(t, list_dir(root, &l, 0) == -EIO);
	listing_free(&l);
	for (i = 0; i < 20; i++) {
		char name[16];

		snprintf(name, sizeof(name), "n%d", i);
		ext2_mkdir(root, name, strlen(name), 0755, NULL);
		if (!ext2_mknod(root, name, strlen(name), S_IFREG, 0, &ei)) {
			ext2_write(ei, kbuf(buf), sizeof(buf), (u64)i * 5000);
			ext2_iput(ei);
		}
	}
	EXPECT(t, ext2_sync(m.fs) == -EIO);
	eh_quiet(0);
	m.bd->make_it_fail = false;
	EXPECT_EQ(t, ext2_sync(m.fs), 0);
	EXPECT_EQ(t, walk(m.fs, "big.bin", &ei), 0);
	if (ei) {
		EXPECT_EQ(t, ext2_read(ei, kbuf(buf), sizeof(buf), 0),
			  sizeof(buf));
		ext2_iput(ei);
	}
	ext2_iput(root);
	EXPECT_EQ(t, unmount_image(t, &m), 0);
	eh_rm_rf(src);
	eh_rm_rf(img);
}

/* ---- 3: malformed images ---- */

#define FUZZ_KIB	3072

static struct {
	u8 *pristine, *img;
	u64 bytes;
	u32 bs, isz, table, bbitmap, ibitmap, gdt;
	u32 dir_blocks[64];
	int ndir_blocks;
	u32 big_ino, big_ind, big_dind, sparse_ino, sparse_tind, dir2_ino;
	u32 hello_ino, hello_blk;
	unsigned long variants, mounted;
	bool ready;
} fz;

static void put32(u64 off, u32 v)
{
	le32 x = cpu_to_le32(v);

	memcpy(fz.img + off, &x, 4);
}

static u32 get32(u64 off)
{
	le32 x;

	memcpy(&x, fz.img + off, 4);
	return le32_to_cpu(x);
}

static u64 inode_off(u32 ino)
{
	return (u64)fz.table * fz.bs + (u64)(ino - 1) * fz.isz;
}

static u64 block_off(u32 blk)
{
	return (u64)blk * fz.bs;
}

static u32 ino_of(struct ext2_fs *fs, const char *path)
{
	struct ext2_inode *ei;
	u32 ino;

	if (walk(fs, path, &ei))
		return 0;
	ino = ei->ino;
	ext2_iput(ei);
	return ino;
}

static void add_dir_blocks(struct ext2_fs *fs, const char *path)
{
	struct ext2_inode *ei;
	u32 i, blk;

	if (walk(fs, path, &ei))
		return;
	for (i = 0; i < ei->size / fs->block_size && fz.ndir_blocks < 64; i++)
		if (!ext2_bmap(ei, i, false, &blk, NULL) && blk)
			fz.dir_blocks[fz.ndir_blocks++] = blk;
	ext2_iput(ei);
}

/* The image every malformed one starts from, and where its structures
 * are. */
static bool fuzz_setup(struct ktap_case_state *t)
{
	char src[300], img[300];
	struct block_device *bd;
	struct ext2_inode *ei;
	struct ext2_fs *fs;
	int fd;

	if (fz.ready)
		return true;
	if (!tools_present(t))
		return false;
	path_in_scratch(src, sizeof(src), "src");
	path_in_scratch(img, sizeof(img), "fuzz.img");
	if (!make_source_tree(src) ||
	    make_image(img, 1024, FUZZ_KIB, NULL, src) != 0) {
		FAIL(t, "cannot make the image to fuzz");
		return false;
	}
	fz.bytes = (u64)FUZZ_KIB << 10;
	fz.pristine = eh_malloc(fz.bytes);
	fz.img = eh_malloc(fz.bytes);
	fd = eh_open(img);
	if (fd < 0 || eh_pread(fd, fz.pristine, fz.bytes, 0) != (long)fz.bytes) {
		FAIL(t, "cannot read %s", img);
		return false;
	}
	eh_close(fd);
	eh_rm_rf(img);
	eh_rm_rf(src);
	eh_memcpy(fz.img, fz.pristine, fz.bytes);
	bd = host_disk_mem(fz.img, fz.bytes);
	if (!bd || ext2_mount(bd, true, &fs)) {
		FAIL(t, "cannot mount the image to fuzz");
		return false;
	}
	fz.bs = fs->block_size;
	fz.isz = fs->inode_size;
	fz.table = le32_to_cpu(ext2_group(fs, 0)->bg_inode_table);
	fz.bbitmap = le32_to_cpu(ext2_group(fs, 0)->bg_block_bitmap);
	fz.ibitmap = le32_to_cpu(ext2_group(fs, 0)->bg_inode_bitmap);
	fz.gdt = fs->first_data_block + 1;
	add_dir_blocks(fs, "");
	add_dir_blocks(fs, "dir1");
	add_dir_blocks(fs, "dir1/nested");
	add_dir_blocks(fs, "dir2");
	fz.big_ino = ino_of(fs, "big.bin");
	fz.sparse_ino = ino_of(fs, "sparse.bin");
	fz.dir2_ino = ino_of(fs, "dir2");
	fz.hello_ino = ino_of(fs, "hello.txt");
	if (!walk(fs, "big.bin", &ei)) {
		fz.big_ind = ei->block[EXT2_IND_BLOCK];
		fz.big_dind = ei->block[EXT2_DIND_BLOCK];
		ext2_iput(ei);
	}
	if (!walk(fs, "sparse.bin", &ei)) {
		fz.sparse_tind = ei->block[EXT2_TIND_BLOCK];
		ext2_iput(ei);
	}
	if (!walk(fs, "hello.txt", &ei)) {
		fz.hello_blk = ei->block[0];
		ext2_iput(ei);
	}
	ext2_unmount(fs);
	host_disk_close(bd);
	if (!fz.big_ind || !fz.big_dind || !fz.sparse_tind || fz.ndir_blocks < 4) {
		FAIL(t, "the image to fuzz is not laid out as expected");
		return false;
	}
	fz.ready = true;
	return true;
}

static u8 fuzz_data[16384];

/* Use a (possibly broken) file system the way programs would: walk it,
 * read what is there, change a few things. Only termination and sanity
 * are checked. */
static void exercise_dir(struct ktap_case_state *t, struct ext2_fs *fs,
			 struct ext2_inode *dir, int depth, int *budget)
{
	struct listing l;
	int i;

	if (depth > 6 || *budget <= 0)
		return;
	list_dir(dir, &l, below(2) ? 0 : 5);
	for (i = 0; i < l.n && *budget > 0; i++) {
		struct listed *e = &l.e[(i * 37) % l.n];
		struct ext2_inode *ei;
		struct ext2_attr a;
		u32 ino;
		long n;

		if (!strcmp(e->name, ".") || !strcmp(e->name, ".."))
			continue;
		(*budget)--;
		if (ext2_lookup(dir, e->name, e->len, &ino) ||
		    ext2_iget(fs, ino, &ei))
			continue;
		ext2_getattr(ei, &a);
		if (S_ISREG(a.mode)) {
			n = ext2_read(ei, kbuf(fuzz_data), 4096, 0);
			if (n > 4096)
				FAIL(t, "read returned %ld", n);
			n = ext2_read(ei, kbuf(fuzz_data), 2048,
				      rnd() % (MIN(a.size, 1ULL << 31) + 1));
			if (n > 2048)
				FAIL(t, "read returned %ld", n);
			if (!fs->read_only && below(3) == 0)
				ext2_write(ei, kbuf(fuzz_data), 1 + below(3000),
					   below(300000));
			if (!fs->read_only && below(5) == 0)
				ext2_truncate(ei, below(200000));
		} else if (S_ISLNK(a.mode)) {
			n = ext2_readlink(ei, (char *)fuzz_data, 200);
			if (n > 200)
				FAIL(t, "readlink returned %ld", n);
		} else if (S_ISDIR(a.mode)) {
			exercise_dir(t, fs, ei, depth + 1, budget);
		}
		ext2_iput(ei);
	}
	if (fs->read_only) {
		if (!ext2_mknod(dir, "fz", 2, S_IFREG, 0, NULL))
			FAIL(t, "created a file on a read-only mount");
	} else if (l.n > 2) {
		struct listed *e = &l.e[below(l.n)], *f = &l.e[below(l.n)];
		struct ext2_inode *ei;

		ext2_mknod(dir, "fz", 2, S_IFREG, 0, NULL);
		ext2_mkdir(dir, "fzd", 3, 0755, NULL);
		ext2_symlink(dir, "fzl", 3, LONG_TARGET, strlen(LONG_TARGET),
			     NULL);
		ext2_rename(dir, e->name, e->len, dir, "fzr", 3, 0);
		ext2_rename(dir, f->name, f->len, dir, "fzd", 3, 0);
		if (!ext2_iget(fs, f->ino, &ei)) {
			ext2_link(dir, "fzh", 3, ei);
			ext2_iput(ei);
		}
		e = &l.e[below(l.n)];
		ext2_unlink(dir, e->name, e->len);
		e = &l.e[below(l.n)];
		ext2_rmdir(dir, e->name, e->len);
	}
	listing_free(&l);
}

static void exercise(struct ktap_case_state *t, struct ext2_fs *fs)
{
	struct ext2_inode *root;
	struct ext2_statfs st;
	int budget = 40;

	ext2_statfs(fs, &st);
	if (ext2_iget(fs, EXT2_ROOT_INO, &root))
		return;
	exercise_dir(t, fs, root, 0, &budget);
	ext2_iput(root);
	if (!fs->read_only && below(2))
		ext2_sync(fs);
}

/* One malformed image: mount it, use it, unmount it. */
static void fuzz_one(struct ktap_case_state *t, bool ro)
{
	struct block_device *bd = host_disk_mem(fz.img, fz.bytes);
	struct ext2_fs *fs;
	int err;

	if (!bd) {
		FAIL(t, "no disk");
		return;
	}
	fz.variants++;
	if (!ext2_mount(bd, ro, &fs)) {
		fz.mounted++;
		exercise(t, fs);
		err = ext2_unmount(fs);
		if (err == -EBUSY)
			FAIL(t, "variant %lu: an inode reference leaked",
			     fz.variants);
	}
	host_disk_close(bd);
	if (buffer_cache_bytes()) {
		FAIL(t, "variant %lu: a buffer reference leaked", fz.variants);
		buffer_invalidate_device(bd);
	}
}

static void fuzz_restore(void)
{
	eh_memcpy(fz.img, fz.pristine, fz.bytes);
}

static void mutate_bytes(u64 start, u64 len, int n)
{
	while (n-- > 0) {
		u64 off = start + rnd() % len;

		if (below(2))
			fz.img[off] ^= (u8)(1U << below(8));
		else
			fz.img[off] = (u8)rnd();
	}
}

static void fuzz_report(struct ktap_case_state *t, const char *what,
			unsigned long long start)
{
	eh_quiet(0);
	eh_watchdog(0, NULL);
	printk("# %s: %lu malformed images, %lu mounted, %llu ms\n", what,
	       fz.variants, fz.mounted, eh_ms() - start);
	(void)t;
}

static unsigned long long fuzz_begin(const char *what, u64 s)
{
	fz.variants = fz.mounted = 0;
	seed(s);
	eh_watchdog(60, what);
	eh_quiet(1);
	return eh_ms();
}

static void fuzz_superblock(struct ktap_case_state *t)
{
	static const u32 edge[] = { 0, 1, 0xffffffff, 0x80000000, 7, 8192 };
	unsigned long long start;
	u32 off, k;
	int i;

	if (!fuzz_setup(t))
		return;
	start = fuzz_begin("superblock", 101);
	for (i = 0; i < 300; i++) {
		fuzz_restore();
		mutate_bytes(EXT2_SUPER_OFFSET, 264, 1 + (int)below(3));
		fuzz_one(t, below(4) == 0);
	}
	for (off = 0; off < 264; off += 4)
		for (k = 0; k < ARRAY_SIZE(edge); k++) {
			fuzz_restore();
			put32(EXT2_SUPER_OFFSET + off, edge[k]);
			fuzz_one(t, false);
		}
	fuzz_report(t, "superblock", start);
}

static void fuzz_groups_and_bitmaps(struct ktap_case_state *t)
{
	unsigned long long start;
	int i;

	if (!fuzz_setup(t))
		return;
	start = fuzz_begin("group descriptors and bitmaps", 102);
	for (i = 0; i < 150; i++) {
		fuzz_restore();
		mutate_bytes(block_off(fz.gdt), 32, 1 + (int)below(3));
		fuzz_one(t, false);
	}
	for (i = 0; i < 200; i++) {
		fuzz_restore();
		/* Free-looking metadata, used-looking free space. */
		mutate_bytes(block_off(i % 2 ? fz.bbitmap : fz.ibitmap),
			     i % 4 < 2 ? 64 : fz.bs, 1 + (int)below(8));
		fuzz_one(t, false);
	}
	fuzz_report(t, "group descriptors and bitmaps", start);
}

static void fuzz_inodes(struct ktap_case_state *t)
{
	unsigned long long start;
	int i;

	if (!fuzz_setup(t))
		return;
	start = fuzz_begin("inodes", 103);
	for (i = 0; i < 500; i++) {
		u32 ino = i % 3 == 0 ? EXT2_ROOT_INO : 1 + below(40);

		fuzz_restore();
		mutate_bytes(inode_off(ino), 160, 1 + (int)below(4));
		fuzz_one(t, below(5) == 0);
	}
	fuzz_report(t, "inodes", start);
}

static void fuzz_directories(struct ktap_case_state *t)
{
	unsigned long long start;
	int i;

	if (!fuzz_setup(t))
		return;
	start = fuzz_begin("directory blocks", 104);
	for (i = 0; i < 500; i++) {
		u32 blk = fz.dir_blocks[below(fz.ndir_blocks)];

		fuzz_restore();
		mutate_bytes(block_off(blk), i % 2 ? 48 : fz.bs,
			     1 + (int)below(4));
		fuzz_one(t, below(5) == 0);
	}
	fuzz_report(t, "directory blocks", start);
}

static void fuzz_block_pointers(struct ktap_case_state *t)
{
	unsigned long long start;
	int i;

	if (!fuzz_setup(t))
		return;
	start = fuzz_begin("block pointers", 105);
	for (i = 0; i < 300; i++) {
		u32 inos[] = { fz.big_ino, fz.sparse_ino, fz.dir2_ino,
			       fz.hello_ino, EXT2_ROOT_INO };
		u32 values[] = { 0xffffffff, 3072, 3071, 1, 2, fz.table,
				 fz.table + 3, fz.bbitmap, fz.ibitmap,
				 fz.hello_blk, fz.big_ind, fz.big_dind,
				 fz.dir_blocks[0], (u32)rnd() };
		u32 v = values[below(ARRAY_SIZE(values))];
		u64 where;

		fuzz_restore();
		if (below(3) == 0)
			where = block_off(below(2) ? fz.big_ind : fz.big_dind) +
				4 * below(fz.bs / 4);
		else
			where = inode_off(inos[below(ARRAY_SIZE(inos))]) +
				offsetof(struct ext2_disk_inode, i_block) +
				4 * below(EXT2_N_BLOCKS);
		put32(where, v);
		fuzz_one(t, below(4) == 0);
	}
	fuzz_report(t, "block pointers", start);
}

/* Block maps that point back into themselves: reading, writing,
 * truncating and deleting the file end, with errors. */
static void indirect_loops(struct ktap_case_state *t)
{
	u64 big_blk = inode_off(0) , sp = 0;
	unsigned long long start;
	int c;

	if (!fuzz_setup(t))
		return;
	big_blk = inode_off(fz.big_ino) + offsetof(struct ext2_disk_inode, i_block);
	sp = inode_off(fz.sparse_ino) + offsetof(struct ext2_disk_inode, i_block);
	start = fuzz_begin("indirect loops", 106);
	for (c = 0; c < 8; c++) {
		int pass;

		for (pass = 0; pass < 2; pass++) {
			struct block_device *bd;
			struct ext2_inode *root, *ei;
			struct ext2_fs *fs;
			u32 x;

			fuzz_restore();
			switch (c) {
			case 0:		/* single indirect: entry 0 is itself */
				put32(block_off(fz.big_ind), fz.big_ind);
				break;
			case 1:		/* double: its first child is itself */
				put32(block_off(fz.big_dind), fz.big_dind);
				break;
			case 2:		/* a grandchild pointing at the top */
				x = get32(block_off(fz.big_dind));
				put32(block_off(x) + 20, fz.big_dind);
				break;
			case 3:		/* a leaf is an indirect block */
				put32(block_off(fz.big_ind) + 12, fz.big_dind);
				break;
			case 4:		/* double indirect = single indirect */
				put32(big_blk + 4 * EXT2_DIND_BLOCK, fz.big_ind);
				break;
			case 5:		/* every slot the same block */
				for (x = 0; x < fz.bs / 4; x++)
					put32(block_off(fz.big_dind) + 4 * x,
					      get32(block_off(fz.big_dind)));
				break;
			case 6:		/* triple: its first child is itself */
				put32(block_off(fz.sparse_tind), fz.sparse_tind);
				break;
			case 7:		/* two files share an indirect block */
				put32(sp + 4 * EXT2_IND_BLOCK, fz.big_ind);
				break;
			}
			bd = host_disk_mem(fz.img, fz.bytes);
			if (!bd || ext2_mount(bd, false, &fs)) {
				FAIL(t, "case %d: mount failed", c);
				if (bd)
					host_disk_close(bd);
				continue;
			}
			fz.variants++;
			fz.mounted++;
			if (!ext2_iget(fs, EXT2_ROOT_INO, &root)) {
				const char *name = c >= 6 ? "sparse.bin" :
						   "big.bin";
				static u8 whole[BIG_SIZE + 16];
				u32 ino;

				if (!ext2_lookup(root, name, strlen(name), &ino) &&
				    !ext2_iget(fs, ino, &ei)) {
					read_all(ei, whole, sizeof(whole));
					ext2_read(ei, kbuf(whole), 4096,
						  SPARSE_FAR);
					if (pass == 0) {
						ext2_write(ei, kbuf(whole), 3000,
							   290 * 1024);
						ext2_truncate(ei, 400 * 1024);
						ext2_truncate(ei, 13 * 1024);
						ext2_truncate(ei, 0);
					}
					ext2_iput(ei);
				}
				ext2_unlink(root, name, strlen(name));
				if (c == 7)
					ext2_unlink(root, "big.bin", 7);
				ext2_iput(root);
			}
			exercise(t, fs);
			if (ext2_unmount(fs) == -EBUSY)
				FAIL(t, "case %d: an inode reference leaked", c);
			host_disk_close(bd);
			if (buffer_cache_bytes()) {
				FAIL(t, "case %d: a buffer leaked", c);
				buffer_invalidate_device(bd);
			}
		}
	}
	fuzz_report(t, "indirect loops", start);
}

/* Random bytes anywhere in the metadata the image uses. */
static void fuzz_anywhere(struct ktap_case_state *t)
{
	unsigned long long start;
	int i;

	if (!fuzz_setup(t))
		return;
	start = fuzz_begin("any metadata block", 107);
	for (i = 0; i < 300; i++) {
		int k, n = 1 + (int)below(3);

		fuzz_restore();
		for (k = 0; k < n; k++) {
			u32 blocks[] = { 1, fz.gdt, fz.bbitmap, fz.ibitmap,
					 fz.table, fz.table + 1, fz.big_ind,
					 fz.big_dind, fz.sparse_tind,
					 fz.dir_blocks[below(fz.ndir_blocks)] };

			mutate_bytes(block_off(blocks[below(ARRAY_SIZE(blocks))]),
				     fz.bs, 1 + (int)below(6));
		}
		fuzz_one(t, below(5) == 0);
	}
	fuzz_report(t, "any metadata block", start);
	eh_free(fz.pristine);
	eh_free(fz.img);
	fz.ready = false;
}

static const struct ktap_case cases[] = {
	KTAP_CASE(mkfs_1k),
	KTAP_CASE(mkfs_4k),
	KTAP_CASE(model_1k_seed1),
	KTAP_CASE(model_1k_seed2),
	KTAP_CASE(model_4k_seed3),
	KTAP_CASE(model_4k_seed4),
	KTAP_CASE(model_rev0),
	KTAP_CASE(model_2k_nofiletype),
	KTAP_CASE(features),
	KTAP_CASE(hashed_dirs),
	KTAP_CASE(full_disk),
	KTAP_CASE(far_offsets),
	KTAP_CASE(held_inodes),
	KTAP_CASE(readdir_positions),
	KTAP_CASE(short_copies),
	KTAP_CASE(io_errors),
	KTAP_CASE(fuzz_superblock),
	KTAP_CASE(fuzz_groups_and_bitmaps),
	KTAP_CASE(fuzz_inodes),
	KTAP_CASE(fuzz_directories),
	KTAP_CASE(fuzz_block_pointers),
	KTAP_CASE(indirect_loops),
	KTAP_CASE(fuzz_anywhere),
};
KTAP_SUITE(host_ext2_suite, "host_ext2", cases);

/* The main program has no exception table entries. */
__asm__(".data\n.globl __start___ex_table\n__start___ex_table:\n"
	".globl __stop___ex_table\n__stop___ex_table:\n.text\n");

int main(void)
{
	static struct boot_info bi;
	int failed;

	host_boot_machine(&bi, 64);
	ext2_clock = host_clock;
	if (eh_find_tool("mke2fs", mke2fs, sizeof(mke2fs)) ||
	    eh_find_tool("e2fsck", e2fsck, sizeof(e2fsck)) ||
	    eh_find_tool("debugfs", debugfs_tool, sizeof(debugfs_tool))) {
		printk("# ext2-tests: e2fsprogs (mke2fs, e2fsck, debugfs) not "
		       "found in /usr/sbin, /sbin or $PATH; tools/setup "
		       "installs them\n");
		mke2fs[0] = e2fsck[0] = debugfs_tool[0] = '\0';
	}
	if (eh_mkdtemp(scratch, sizeof(scratch)))
		scratch[0] = '\0';
	failed = ktap_run_suite(&host_ext2_suite);
	if (scratch[0])
		eh_rm_rf(scratch);
	return failed ? 1 : 0;
}
