/*
 * malloc on brk and mmap, simple but correct: requests up to 64 KiB are
 * rounded to a power of two and served from per-size free lists, carved
 * from an arena that grows with sbrk (or mmap when the break cannot move);
 * bigger ones get their own mapping, returned with munmap on free. Freed
 * small blocks are reused for their size only; there is no coalescing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "libc.h"

#define MIN_SHIFT	4		/* smallest block: 16 bytes */
#define MAX_SHIFT	16		/* largest from the free lists: 64 KiB */
#define NCLASSES	(MAX_SHIFT - MIN_SHIFT + 1)
#define ARENA_GROW	(256 * 1024)
#define PAGE_SIZE	4096UL

#define MAGIC_USED	0xa110c8edUL
#define MAGIC_FREE	0xf7eeb10cUL
#define CLASS_MMAP	0xffff

/* 16 bytes before every block, so blocks stay 16-byte aligned. */
struct header {
	uint32_t magic;
	uint32_t class;			/* free-list index or CLASS_MMAP */
	size_t size;			/* usable bytes (mmap: mapping length) */
};

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[NCLASSES];
static char *arena_cur, *arena_end;
static int malloc_lock;

static _Noreturn void heap_corrupt(const char *what, void *p)
{
	char buf[96];
	int n = snprintf(buf, sizeof(buf), "malloc: %s %p\n", what, p);

	write(2, buf, (size_t)n);
	abort();
}

static unsigned size_class(size_t size)
{
	unsigned c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

/* Room for `need` more bytes in the arena: move the break, or map a fresh
 * region if the break will not move (what is left of the old one is lost). */
static int arena_grow(size_t need)
{
	size_t grow = need > ARENA_GROW ? need : ARENA_GROW;
	char *p;

	grow = (grow + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	p = sbrk((long)grow);
	if (p != (char *)-1) {
		if (p != arena_end)	/* not contiguous with the old arena */
			arena_cur = (char *)(((uintptr_t)p + 15) & ~(uintptr_t)15);
		arena_end = p + grow;
		return 0;
	}
	p = mmap(NULL, grow, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	arena_cur = p;
	arena_end = p + grow;
	return 0;
}

static void *alloc_small(unsigned c)
{
	size_t usable = (size_t)1 << (c + MIN_SHIFT);
	size_t total = sizeof(struct header) + usable;
	struct header *h;
	struct free_block *b = free_lists[c];

	if (b) {
		free_lists[c] = b->next;
		h = (struct header *)b - 1;
		if (h->magic != MAGIC_FREE || h->class != c)
			heap_corrupt("corrupted free list at", b);
		h->magic = MAGIC_USED;
		return b;
	}
	if ((size_t)(arena_end - arena_cur) < total && arena_grow(total) < 0)
		return NULL;
	h = (struct header *)arena_cur;
	arena_cur += total;
	h->magic = MAGIC_USED;
	h->class = c;
	h->size = usable;
	return h + 1;
}

static void *alloc_large(size_t size)
{
	size_t len = (size + sizeof(struct header) + PAGE_SIZE - 1) &
		     ~(PAGE_SIZE - 1);
	struct header *h;

	if (len < size)
		return NULL;	/* wrapped */
	h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (h == MAP_FAILED)
		return NULL;
	h->magic = MAGIC_USED;
	h->class = CLASS_MMAP;
	h->size = len;
	return h + 1;
}

void *malloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if (size > ((size_t)1 << MAX_SHIFT)) {
		p = alloc_large(size);
	} else {
		__lock(&malloc_lock);
		p = alloc_small(size_class(size));
		__unlock(&malloc_lock);
	}
	if (!p)
		errno = ENOMEM;
	return p;
}

static struct header *check_used(void *ptr)
{
	struct header *h = (struct header *)ptr - 1;

	if ((uintptr_t)ptr & 15)
		heap_corrupt("free of a misaligned pointer", ptr);
	if (h->magic == MAGIC_FREE)
		heap_corrupt("double free of", ptr);
	if (h->magic != MAGIC_USED)
		heap_corrupt("free of a pointer malloc did not return:", ptr);
	return h;
}

static size_t usable_size(struct header *h)
{
	return h->class == CLASS_MMAP ? h->size - sizeof(*h) : h->size;
}

void free(void *ptr)
{
	struct header *h;
	struct free_block *b = ptr;

	if (!ptr)
		return;
	h = check_used(ptr);
	if (h->class == CLASS_MMAP) {
		h->magic = MAGIC_FREE;
		munmap(h, h->size);
		return;
	}
	if (h->class >= NCLASSES)
		heap_corrupt("bad block header at", ptr);
	__lock(&malloc_lock);
	h->magic = MAGIC_FREE;
	b->next = free_lists[h->class];
	free_lists[h->class] = b;
	__unlock(&malloc_lock);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	if (p)
		memset(p, 0, total);	/* reused blocks are not zero */
	return p;
}

void *realloc(void *ptr, size_t size)
{
	size_t old;
	void *n;

	if (!ptr)
		return malloc(size);
	if (size == 0) {
		free(ptr);
		return NULL;
	}
	old = usable_size(check_used(ptr));
	if (size <= old)
		return ptr;
	n = malloc(size);
	if (!n)
		return NULL;
	memcpy(n, ptr, old);
	free(ptr);
	return n;
}

/* A fork child has one thread: whoever held the lock is not in it. */
void __malloc_atfork_child(void)
{
	malloc_lock = 0;
}
