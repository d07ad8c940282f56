/*
 * Shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS, /dev/zero shared): one
 * object per mmap call holding its pages, so that every VMA that shares it
 * after a split or a fork maps the same pages. Pages arrive zeroed on
 * first touch; the object dies with the last VMA.
 */
#include <mm.h>
#include <fault.h>
#include <kmalloc.h>
#include <uapi/errno.h>

struct anon_shared {
	int refcount;			/* VMAs pointing here */
	unsigned long nr_pages;
	struct page **pages;		/* NULL until first touched */
};

static unsigned int anon_shared_fault(struct vm_area_struct *vma,
				      unsigned long pgoff, unsigned int flags,
				      struct page **page)
{
	struct anon_shared *s = vma->vm_private;
	void *va;

	(void)flags;
	if (pgoff >= s->nr_pages)
		return VM_FAULT_SIGBUS;
	if (!s->pages[pgoff]) {
		va = get_zeroed_page();
		if (!va)
			return VM_FAULT_OOM;
		s->pages[pgoff] = virt_to_page(va);	/* the object's own */
	}
	get_page(s->pages[pgoff]);
	*page = s->pages[pgoff];
	return 0;
}

static void anon_shared_open(struct vm_area_struct *vma)
{
	struct anon_shared *s = vma->vm_private;

	s->refcount++;
}

static void anon_shared_close(struct vm_area_struct *vma)
{
	struct anon_shared *s = vma->vm_private;
	unsigned long i;

	if (--s->refcount > 0)
		return;
	for (i = 0; i < s->nr_pages; i++)
		if (s->pages[i])
			put_page(s->pages[i]);
	kfree(s->pages);
	kfree(s);
}

static const struct vm_operations anon_shared_ops = {
	.fault = anon_shared_fault,
	.open = anon_shared_open,
	.close = anon_shared_close,
};

int anon_shared_attach(struct vm_area_struct *vma)
{
	struct anon_shared *s = kzalloc(sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->refcount = 1;
	s->nr_pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	/* One array of page pointers, made now so that a mapping too large
	 * for it (over 2 GiB) fails here with ENOMEM, not at first touch. */
	s->pages = s->nr_pages * sizeof(*s->pages) <= (PAGE_SIZE << MAX_ORDER) ?
		   kzalloc(s->nr_pages * sizeof(*s->pages)) : NULL;
	if (!s->pages) {
		kfree(s);
		return -ENOMEM;
	}
	vma->vm_ops = &anon_shared_ops;
	vma->vm_private = s;
	vma->vm_pgoff = 0;
	return 0;
}

/* Put a kernel page (the sigreturn trampoline) in the object. */
void anon_shared_set_page(struct vm_area_struct *vma, unsigned long pgoff,
			  struct page *page)
{
	struct anon_shared *s = vma->vm_private;

	get_page(page);
	if (s->pages[pgoff])
		put_page(s->pages[pgoff]);
	s->pages[pgoff] = page;
}
