/*
 * The VMA tree of an address space: VMAs never overlap and are kept in an
 * AVL tree ordered by start address, so find_vma() is O(log n) and in-order
 * iteration walks the address space from low to high.
 */
#include <mm.h>
#include <kmalloc.h>
#include <printk.h>
#include <uapi/errno.h>

static struct vm_area_struct *to_vma(struct avl_node *n)
{
	return n ? container_of(n, struct vm_area_struct, node) : NULL;
}

static bool starts_before(const struct avl_node *a, const struct avl_node *b)
{
	return container_of(a, struct vm_area_struct, node)->vm_start <
	       container_of(b, struct vm_area_struct, node)->vm_start;
}

/* The first VMA that ends above addr: the one containing addr, or the next
 * one up (which a stack fault just below it may extend). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct avl_node *n = mm->vmas.root;
	struct vm_area_struct *best = NULL;

	while (n) {
		struct vm_area_struct *v = to_vma(n);

		if (v->vm_end > addr) {
			best = v;
			if (v->vm_start <= addr)
				break;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

struct vm_area_struct *vma_first(struct mm_struct *mm)
{
	return to_vma(avl_first(&mm->vmas));
}

struct vm_area_struct *vma_last(struct mm_struct *mm)
{
	return to_vma(avl_last(&mm->vmas));
}

struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	return to_vma(avl_next(&vma->node));
}

struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	return to_vma(avl_prev(&vma->node));
}

struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
				 unsigned long end, unsigned long flags,
				 unsigned long pgoff)
{
	struct vm_area_struct *v = kzalloc(sizeof(*v));

	if (!v)
		return NULL;
	v->vm_mm = mm;
	v->vm_start = start;
	v->vm_end = end;
	v->vm_flags = flags;
	v->vm_pgoff = pgoff;
	return v;
}

void vma_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	avl_insert(&mm->vmas, &vma->node, starts_before);
}

void vma_remove(struct mm_struct *mm, struct vm_area_struct *vma)
{
	avl_erase(&mm->vmas, &vma->node);
}

void vma_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	kfree(vma);
}

void vma_copy_backing(struct vm_area_struct *dst,
		      const struct vm_area_struct *src)
{
	dst->vm_ops = src->vm_ops;
	dst->vm_private = src->vm_private;
	dst->vm_file = src->vm_file;
	if (dst->vm_ops && dst->vm_ops->open)
		dst->vm_ops->open(dst);
}

/*
 * Cut vma in two at addr (page aligned, strictly inside). The lower part
 * keeps the struct; the upper part is a new VMA. Page tables are untouched:
 * both halves keep mapping what they mapped.
 */
int vma_split(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper;

	if (addr <= vma->vm_start || addr >= vma->vm_end)
		return 0;
	upper = vma_alloc(vma->vm_mm, addr, vma->vm_end, vma->vm_flags,
			  vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
	if (!upper)
		return -ENOMEM;
	vma_copy_backing(upper, vma);
	vma->vm_end = addr;	/* the tree key (vm_start) is unchanged */
	vma_insert(vma->vm_mm, upper);
	return 0;
}

/* Can b continue a, as if they had been mapped as one? Objects must be
 * the same and b's pages follow a's in it. */
static bool mergeable(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
	       a->vm_ops == b->vm_ops && a->vm_private == b->vm_private &&
	       a->vm_file == b->vm_file && !(a->vm_flags & VM_GROWSDOWN) &&
	       (!a->vm_ops || a->vm_pgoff + ((a->vm_end - a->vm_start) >>
					     PAGE_SHIFT) == b->vm_pgoff);
}

/* Merge every compatible neighbour pair touching [start, end], sweeping
 * forward so that nothing still to be visited is freed. */
void vma_merge_range(struct mm_struct *mm, unsigned long start,
		     unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start ? start - 1 : 0);

	while (v && v->vm_start <= end) {
		struct vm_area_struct *next = vma_next(v);

		if (next && mergeable(v, next)) {
			v->vm_end = next->vm_end;
			vma_remove(mm, next);
			vma_free(next);
		} else {
			v = next;
		}
	}
}

/* Fold vma into its neighbours where they are compatible. */
void vma_try_merge(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_merge_range(mm, vma->vm_start, vma->vm_end);
}

int vma_tree_check(struct mm_struct *mm)
{
	struct vm_area_struct *v, *prev = NULL;

	if (avl_check(&mm->vmas, starts_before))
		return -1;
	for (v = vma_first(mm); v; prev = v, v = vma_next(v)) {
		if (v->vm_start >= v->vm_end ||
		    (v->vm_start | v->vm_end) & (PAGE_SIZE - 1) ||
		    v->vm_end > mm->task_size)
			return -2;
		if (prev && prev->vm_end > v->vm_start)
			return -3;
	}
	return 0;
}
