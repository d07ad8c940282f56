/*
 * kmalloc: objects of 16..2048 bytes come from pages carved into one size
 * class each (power-of-two classes); each such page keeps its own free list
 * and use count in its struct page, and goes back to the page allocator as
 * soon as its last object is freed, so leak checks see every page. Larger
 * requests get a whole 2^order block.
 */
#include <kmalloc.h>
#include <page.h>
#include <printk.h>
#include <string.h>
#include <spinlock.h>

#define NR_CLASSES 8	/* 16, 32, ..., 2048 */
#define KMALLOC_POISON 0x6b

/* Guards partial[] and the slab fields of every PG_SLAB page (taken with
 * interrupts off; the page allocator's lock nests inside it). */
static DEFINE_SPINLOCK(kmalloc_lock);
/* Pages of each class that still have a free object. */
static struct page *partial[NR_CLASSES];

static unsigned int class_of(size_t size)
{
	unsigned int c = 0;

	while ((size_t)(KMALLOC_MIN_SIZE << c) < size)
		c++;
	return c;
}

static size_t class_size(unsigned int c)
{
	return (size_t)KMALLOC_MIN_SIZE << c;
}

static void partial_add(unsigned int c, struct page *p)
{
	p->prev = NULL;
	p->next = partial[c];
	if (partial[c])
		partial[c]->prev = p;
	partial[c] = p;
}

static void partial_del(unsigned int c, struct page *p)
{
	if (p->prev)
		p->prev->next = p->next;
	else
		partial[c] = p->next;
	if (p->next)
		p->next->prev = p->prev;
	p->next = p->prev = NULL;
}

/* A fresh page cut into objects chained through their first word. */
static struct page *new_slab(unsigned int c)
{
	struct page *p = alloc_page();
	char *base;
	size_t sz = class_size(c), off;

	if (!p)
		return NULL;
	base = page_to_virt(p);
	for (off = 0; off + sz < PAGE_SIZE; off += sz)
		*(void **)(base + off) = base + off + sz;
	*(void **)(base + off) = NULL;
	p->flags |= PG_SLAB;
	p->slab_class = c;
	p->slab_free = base;
	p->slab_inuse = 0;
	partial_add(c, p);
	return p;
}

static void *alloc_large(size_t size)
{
	unsigned int order = 0;
	struct page *p;

	while ((PAGE_SIZE << order) < size)
		order++;
	p = alloc_pages(order);
	if (!p)
		return NULL;
	p->flags |= PG_LARGE;
	return page_to_virt(p);
}

void *kmalloc(size_t size)
{
	unsigned int c;
	struct page *p;
	void *obj;
	unsigned long flags;

	if (!size)
		return NULL;
	if (size > KMALLOC_MAX_CLASS_SIZE)
		return alloc_large(size);
	c = class_of(size);
	flags = spin_lock_irqsave(&kmalloc_lock);
	p = partial[c] ? partial[c] : new_slab(c);
	if (!p) {
		spin_unlock_irqrestore(&kmalloc_lock, flags);
		return NULL;
	}
	obj = p->slab_free;
	p->slab_free = *(void **)obj;
	p->slab_inuse++;
	if (!p->slab_free)
		partial_del(c, p);
	spin_unlock_irqrestore(&kmalloc_lock, flags);
	return obj;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, ksize(p));
	return p;
}

static struct page *owner_page(const void *ptr)
{
	struct page *p = virt_to_page((void *)ALIGN_DOWN((unsigned long)ptr,
							 PAGE_SIZE));

	if (!p || !(p->flags & (PG_SLAB | PG_LARGE)))
		panic("kfree/ksize: %p was not allocated by kmalloc", ptr);
	return p;
}

size_t ksize(const void *ptr)
{
	struct page *p = owner_page(ptr);

	if (p->flags & PG_LARGE)
		return PAGE_SIZE << p->order;
	return class_size(p->slab_class);
}

void kfree(const void *ptr)
{
	struct page *p;
	unsigned int c;
	unsigned long flags;

	if (!ptr)
		return;
	p = owner_page(ptr);
	if (p->flags & PG_LARGE) {
		free_pages(p, p->order);
		return;
	}
	c = p->slab_class;
	if ((unsigned long)ptr % class_size(c))
		panic("kfree: %p is not the start of a %zu-byte object", ptr,
		      class_size(c));
	/* Poison the object so a use after free reads garbage, not data. */
	memset((void *)ptr, KMALLOC_POISON, class_size(c));
	flags = spin_lock_irqsave(&kmalloc_lock);
	if (!p->slab_free)
		partial_add(c, p);	/* it was full: now it has room */
	*(void **)ptr = p->slab_free;
	p->slab_free = (void *)ptr;
	if (--p->slab_inuse == 0) {
		partial_del(c, p);
		free_page(p);
	}
	spin_unlock_irqrestore(&kmalloc_lock, flags);
}
