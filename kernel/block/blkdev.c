/*
 * The block layer's core: the list of disks, and the life of a request
 * (checked, handed to the driver, completed by its interrupt, waited
 * for). Fault injection and the per-disk counts live here too, since
 * every request passes through.
 */
#include <block.h>
#include <uapi/errno.h>
#include <printk.h>
#include <string.h>

/* Guards block_devices (the list, not the devices on it). */
static DEFINE_SPINLOCK(block_devices_lock);
static LIST_HEAD_DECLARE(block_devices);

int block_device_register(struct block_device *bd)
{
	unsigned long flags;

	if (!bd->ops || !bd->ops->submit || !bd->name[0] ||
	    bd->block_size < SECTOR_SIZE || (bd->block_size & (bd->block_size - 1)))
		return -EINVAL;
	if (block_device_by_name(bd->name) || block_device_by_devnum(bd->devnum))
		return -EEXIST;
	spin_lock_init(&bd->lock, "block_device.lock");
	bd->make_it_fail = false;
	bd->reads = bd->read_sectors = bd->writes = bd->write_sectors = 0;
	bd->flushes = bd->errors = 0;
	flags = spin_lock_irqsave(&block_devices_lock);
	list_add_tail(&bd->node, &block_devices);
	spin_unlock_irqrestore(&block_devices_lock, flags);
	printk("%s: %llu sectors (%llu MiB), %u-byte blocks%s\n", bd->name,
	       (unsigned long long)bd->nr_sectors,
	       (unsigned long long)(bd->nr_sectors >> (20 - SECTOR_SHIFT)),
	       bd->block_size, bd->read_only ? ", read-only" : "");
	return 0;
}

static struct block_device *find(bool (*match)(struct block_device *,
					       const void *),
				 const void *key)
{
	struct block_device *bd, *found = NULL;
	struct list_head *pos;
	unsigned long flags = spin_lock_irqsave(&block_devices_lock);

	list_for_each(pos, &block_devices) {
		bd = list_entry(pos, struct block_device, node);
		if (match(bd, key)) {
			found = bd;
			break;
		}
	}
	spin_unlock_irqrestore(&block_devices_lock, flags);
	return found;
}

static bool devnum_is(struct block_device *bd, const void *key)
{
	return bd->devnum == *(const u32 *)key;
}

static bool name_is(struct block_device *bd, const void *key)
{
	return strcmp(bd->name, key) == 0;
}

struct block_device *block_device_by_devnum(u32 devnum)
{
	return find(devnum_is, &devnum);
}

struct block_device *block_device_by_name(const char *name)
{
	return find(name_is, name);
}

/* Devices are never unregistered, so the walk may call fn unlocked. */
void block_device_for_each(void (*fn)(struct block_device *bd, void *arg),
			   void *arg)
{
	struct block_device *bd;
	struct list_head *pos;
	unsigned long flags = spin_lock_irqsave(&block_devices_lock);

	pos = block_devices.next;
	spin_unlock_irqrestore(&block_devices_lock, flags);
	while (pos != &block_devices) {
		bd = list_entry(pos, struct block_device, node);
		fn(bd, arg);
		flags = spin_lock_irqsave(&block_devices_lock);
		pos = pos->next;
		spin_unlock_irqrestore(&block_devices_lock, flags);
	}
}

void block_request_done(struct block_request *r, int status)
{
	struct block_device *bd = r->bdev;
	unsigned long flags = spin_lock_irqsave(&bd->lock);

	if (status) {
		bd->errors++;
	} else if (r->op == BLOCK_READ) {
		bd->reads++;
		bd->read_sectors += r->nr_sectors;
	} else if (r->op == BLOCK_WRITE) {
		bd->writes++;
		bd->write_sectors += r->nr_sectors;
	} else {
		bd->flushes++;
	}
	spin_unlock_irqrestore(&bd->lock, flags);
	r->status = status;
	/* The submitter may free r as soon as it sees done. */
	store_release(&r->done, true);
	wake_up(&r->wait);
}

/* What is wrong with r before it reaches the device, or 0. */
static int request_check(struct block_request *r)
{
	struct block_device *bd = r->bdev;
	u32 per_block = bd->block_size >> SECTOR_SHIFT;
	unsigned long flags;
	bool fail;

	if (r->op == BLOCK_WRITE && bd->read_only)
		return -EROFS;
	if (r->op != BLOCK_FLUSH &&
	    (r->sector > bd->nr_sectors ||
	     r->nr_sectors > bd->nr_sectors - r->sector ||
	     r->sector % per_block || r->nr_sectors % per_block))
		return -EIO;
	flags = spin_lock_irqsave(&bd->lock);
	fail = bd->make_it_fail;
	spin_unlock_irqrestore(&bd->lock, flags);
	return fail ? -EIO : 0;
}

void block_request_submit(struct block_request *r)
{
	int err;

	wait_queue_init(&r->wait);
	r->done = false;
	r->status = 0;
	list_init(&r->queue);
	err = request_check(r);
	if (err) {
		r->status = err;
		if (err == -EIO) {
			unsigned long flags = spin_lock_irqsave(&r->bdev->lock);

			r->bdev->errors++;
			spin_unlock_irqrestore(&r->bdev->lock, flags);
		}
		store_release(&r->done, true);
		return;
	}
	if (r->op != BLOCK_FLUSH && !r->nr_sectors) {
		store_release(&r->done, true);
		return;
	}
	r->bdev->ops->submit(r->bdev, r);
}

int block_request_wait(struct block_request *r)
{
	wait_event(r->wait, load_acquire(&r->done));
	return r->status;
}

int block_rw(struct block_device *bd, enum block_op op, u64 sector,
	     void *buf, u32 nr_sectors)
{
	struct block_request r = {
		.bdev = bd, .op = op, .sector = sector,
		.nr_sectors = nr_sectors, .buf = buf,
	};

	block_request_submit(&r);
	return block_request_wait(&r);
}
