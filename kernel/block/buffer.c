/*
 * The block buffer cache: file-system blocks of a disk kept in memory,
 * found by (device, block number, size) in a hash table. Held buffers
 * stay; unheld ones stay too, on a least-recently-used list, until the
 * cache is over its size and the oldest clean ones are dropped. Dirty
 * buffers are written when someone syncs (buffer_write, the device's
 * sync); they are never dropped before.
 *
 * One lock (buffer_cache_lock) guards the table, both lists and every
 * buffer's refcount and flags; I/O happens with it released, announced
 * by the buffer's busy flag, which makes a second reader or writer of
 * the same block wait on the buffer's idle queue.
 */
#include <block.h>
#include <kmalloc.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <uapi/errno.h>

#define HASH_BITS	8
#define HASH_SIZE	(1U << HASH_BITS)

static DEFINE_SPINLOCK(buffer_cache_lock);
static struct list_head hash_table[HASH_SIZE];
static LIST_HEAD_DECLARE(unheld);	/* oldest first */
static LIST_HEAD_DECLARE(dirty_list);
static unsigned long cached_bytes;	/* data of every buffer */
static bool table_ready;

/* Unheld clean buffers beyond this many bytes are dropped, oldest first:
 * a thirty-second of memory, at least 256 KiB. */
static unsigned long cache_limit(void)
{
	unsigned long limit = nr_total_pages() / 32 * PAGE_SIZE;

	return limit < (256UL << 10) ? 256UL << 10 : limit;
}

static struct list_head *chain(struct block_device *bd, u64 blocknr)
{
	unsigned long h = (unsigned long)bd / sizeof(void *) + blocknr * 31;
	unsigned int i;

	if (!table_ready) {
		for (i = 0; i < HASH_SIZE; i++)
			list_init(&hash_table[i]);
		table_ready = true;
	}
	return &hash_table[(h ^ (h >> HASH_BITS)) & (HASH_SIZE - 1)];
}

/* Called with the lock held. */
static struct buffer *lookup(struct block_device *bd, u64 blocknr, u32 size)
{
	struct list_head *head = chain(bd, blocknr), *pos;

	list_for_each(pos, head) {
		struct buffer *b = list_entry(pos, struct buffer, hash_node);

		if (b->bdev == bd && b->blocknr == blocknr && b->size == size)
			return b;
	}
	return NULL;
}

static void buffer_free(struct buffer *b)
{
	cached_bytes -= b->size;
	kfree(b->data);
	kfree(b);
}

/* Drop unheld clean buffers, oldest first, while over the limit. Called
 * with the lock held; kfree takes only kmalloc's lock, which nests. */
static void shrink(void)
{
	struct list_head *pos, *next;
	unsigned long limit = cache_limit();

	list_for_each_safe(pos, next, &unheld) {
		struct buffer *b = list_entry(pos, struct buffer, lru_node);

		if (cached_bytes <= limit)
			break;
		if (b->dirty || b->busy)
			continue;
		list_del(&b->lru_node);
		list_del(&b->hash_node);
		buffer_free(b);
	}
}

/* The held buffer of that block, created (not up to date) if need be. */
static struct buffer *hold(struct block_device *bd, u64 blocknr, u32 size)
{
	struct buffer *b, *fresh;
	unsigned long flags;

	if (!size || size % bd->block_size || size > PAGE_SIZE)
		return NULL;
	/* Allocate before taking the lock; thrown away if another holder
	 * made the buffer meanwhile. */
	fresh = kzalloc(sizeof(*fresh));
	if (fresh)
		fresh->data = kmalloc(size);
	if (fresh && !fresh->data) {
		kfree(fresh);
		fresh = NULL;
	}
	flags = spin_lock_irqsave(&buffer_cache_lock);
	b = lookup(bd, blocknr, size);
	if (b) {
		if (!b->refcount++)
			list_del(&b->lru_node);
	} else if (fresh) {
		b = fresh;
		fresh = NULL;
		b->bdev = bd;
		b->blocknr = blocknr;
		b->size = size;
		b->refcount = 1;
		wait_queue_init(&b->idle);
		list_init(&b->lru_node);
		list_init(&b->dirty_node);
		list_add(&b->hash_node, chain(bd, blocknr));
		cached_bytes += size;
		shrink();
	}
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	if (fresh) {
		kfree(fresh->data);
		kfree(fresh);
	}
	return b;
}

/* Wait until no I/O is in flight on b, then claim it: true if the
 * caller now owns the I/O (busy set), false if need() became false. */
static bool claim_io(struct buffer *b, bool (*need)(struct buffer *))
{
	unsigned long flags;

	for (;;) {
		wait_event(b->idle, !load_acquire(&b->busy));
		flags = spin_lock_irqsave(&buffer_cache_lock);
		if (!need(b)) {
			spin_unlock_irqrestore(&buffer_cache_lock, flags);
			return false;
		}
		if (!b->busy) {
			b->busy = true;
			spin_unlock_irqrestore(&buffer_cache_lock, flags);
			return true;
		}
		spin_unlock_irqrestore(&buffer_cache_lock, flags);
	}
}

static void release_io(struct buffer *b)
{
	unsigned long flags = spin_lock_irqsave(&buffer_cache_lock);

	store_release(&b->busy, false);
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	wake_up(&b->idle);
}

static bool needs_read(struct buffer *b)
{
	return !b->uptodate;
}

static bool needs_write(struct buffer *b)
{
	return b->dirty;
}

static u64 first_sector(const struct buffer *b)
{
	return b->blocknr * (b->size >> SECTOR_SHIFT);
}

struct buffer *buffer_read(struct block_device *bd, u64 blocknr, u32 size)
{
	struct buffer *b = hold(bd, blocknr, size);
	unsigned long flags;
	int err;

	if (!b)
		return NULL;
	if (!claim_io(b, needs_read))
		return b;
	err = block_rw(bd, BLOCK_READ, first_sector(b), b->data,
		       size >> SECTOR_SHIFT);
	flags = spin_lock_irqsave(&buffer_cache_lock);
	if (!err)
		b->uptodate = true;
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	release_io(b);
	if (err) {
		printk("%s: cannot read block %llu (%u bytes): error %d\n",
		       bd->name, (unsigned long long)blocknr, size, err);
		buffer_put(b);
		return NULL;
	}
	return b;
}

struct buffer *buffer_get(struct block_device *bd, u64 blocknr, u32 size)
{
	struct buffer *b = hold(bd, blocknr, size);
	unsigned long flags;

	if (!b)
		return NULL;
	/* A read in flight would overwrite what the caller writes. */
	wait_event(b->idle, !load_acquire(&b->busy));
	flags = spin_lock_irqsave(&buffer_cache_lock);
	if (!b->uptodate) {
		memset(b->data, 0, size);
		b->uptodate = true;
	}
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	return b;
}

void buffer_put(struct buffer *b)
{
	unsigned long flags;

	if (!b)
		return;
	flags = spin_lock_irqsave(&buffer_cache_lock);
	if (!--b->refcount) {
		list_add_tail(&b->lru_node, &unheld);
		shrink();
	}
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
}

void buffer_mark_dirty(struct buffer *b)
{
	unsigned long flags = spin_lock_irqsave(&buffer_cache_lock);

	b->uptodate = true;
	if (!b->dirty) {
		b->dirty = true;
		list_add_tail(&b->dirty_node, &dirty_list);
	}
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
}

int buffer_write(struct buffer *b)
{
	unsigned long flags;
	int err;

	if (!claim_io(b, needs_write))
		return 0;
	/* Clean from here: a change made while the write is in flight
	 * dirties it again and goes out with the next write. */
	flags = spin_lock_irqsave(&buffer_cache_lock);
	b->dirty = false;
	list_del(&b->dirty_node);
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	err = block_rw(b->bdev, BLOCK_WRITE, first_sector(b), b->data,
		       b->size >> SECTOR_SHIFT);
	if (err) {
		printk("%s: cannot write block %llu (%u bytes): error %d\n",
		       b->bdev->name, (unsigned long long)b->blocknr, b->size,
		       err);
		buffer_mark_dirty(b);
	}
	release_io(b);
	return err;
}

/* How many buffers of bd are dirty now. */
static unsigned long count_dirty(struct block_device *bd)
{
	struct list_head *pos;
	unsigned long n = 0, flags = spin_lock_irqsave(&buffer_cache_lock);

	list_for_each(pos, &dirty_list)
		if (list_entry(pos, struct buffer, dirty_node)->bdev == bd)
			n++;
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	return n;
}

/* The oldest dirty buffer of bd, held; NULL if none. */
static struct buffer *oldest_dirty(struct block_device *bd)
{
	struct list_head *pos;
	struct buffer *found = NULL;
	unsigned long flags = spin_lock_irqsave(&buffer_cache_lock);

	list_for_each(pos, &dirty_list) {
		struct buffer *b = list_entry(pos, struct buffer, dirty_node);

		if (b->bdev != bd)
			continue;
		if (!b->refcount++)
			list_del(&b->lru_node);
		found = b;
		break;
	}
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
	return found;
}

/*
 * As many writes as buffers were dirty when the sync began: a failed
 * write puts its buffer back at the tail of the dirty list, so every
 * buffer dirty at the start is tried once and the sync ends even when
 * the device fails every request.
 */
int buffer_sync_device(struct block_device *bd)
{
	unsigned long left = count_dirty(bd);
	struct buffer *b;
	int err, first = 0;

	while (left-- && (b = oldest_dirty(bd))) {
		err = buffer_write(b);
		if (err && !first)
			first = err;
		buffer_put(b);
	}
	err = block_rw(bd, BLOCK_FLUSH, 0, NULL, 0);
	return first ? first : err;
}

void buffer_invalidate_device(struct block_device *bd)
{
	struct list_head *pos, *next;
	unsigned long flags = spin_lock_irqsave(&buffer_cache_lock);

	list_for_each_safe(pos, next, &unheld) {
		struct buffer *b = list_entry(pos, struct buffer, lru_node);

		if (b->bdev != bd || b->dirty || b->busy)
			continue;
		list_del(&b->lru_node);
		list_del(&b->hash_node);
		buffer_free(b);
	}
	spin_unlock_irqrestore(&buffer_cache_lock, flags);
}

unsigned long buffer_cache_bytes(void)
{
	return READ_ONCE(cached_bytes);
}
