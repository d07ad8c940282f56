/*
 * AVL tree: after every insert or erase, walk up from the change and rotate
 * wherever the two subtrees' heights differ by two, which keeps the height
 * below 1.44 log2(n).
 */
#include <avltree.h>

static int height(const struct avl_node *n)
{
	return n ? n->height : 0;
}

static void update_height(struct avl_node *n)
{
	int l = height(n->left), r = height(n->right);

	n->height = 1 + (l > r ? l : r);
}

/* Make 'new' take old's place under old's parent (or as the root). */
static void replace_child(struct avl_tree *tree, struct avl_node *old,
			  struct avl_node *new)
{
	struct avl_node *p = old->parent;

	if (!p)
		tree->root = new;
	else if (p->left == old)
		p->left = new;
	else
		p->right = new;
	if (new)
		new->parent = p;
}

/* Rotate n's right child up; returns the new subtree root. */
static struct avl_node *rotate_left(struct avl_tree *tree, struct avl_node *n)
{
	struct avl_node *r = n->right;

	replace_child(tree, n, r);
	n->right = r->left;
	if (r->left)
		r->left->parent = n;
	r->left = n;
	n->parent = r;
	update_height(n);
	update_height(r);
	return r;
}

static struct avl_node *rotate_right(struct avl_tree *tree, struct avl_node *n)
{
	struct avl_node *l = n->left;

	replace_child(tree, n, l);
	n->left = l->right;
	if (l->right)
		l->right->parent = n;
	l->right = n;
	n->parent = l;
	update_height(n);
	update_height(l);
	return l;
}

/* Restore balance from n up to the root. */
static void rebalance(struct avl_tree *tree, struct avl_node *n)
{
	while (n) {
		int balance = height(n->left) - height(n->right);

		if (balance > 1) {
			if (height(n->left->left) < height(n->left->right))
				rotate_left(tree, n->left);
			n = rotate_right(tree, n);
		} else if (balance < -1) {
			if (height(n->right->right) < height(n->right->left))
				rotate_right(tree, n->right);
			n = rotate_left(tree, n);
		} else {
			update_height(n);
		}
		n = n->parent;
	}
}

void avl_insert(struct avl_tree *tree, struct avl_node *node,
		bool (*less)(const struct avl_node *a, const struct avl_node *b))
{
	struct avl_node **link = &tree->root, *parent = NULL;

	while (*link) {
		parent = *link;
		link = less(node, parent) ? &parent->left : &parent->right;
	}
	node->left = node->right = NULL;
	node->parent = parent;
	node->height = 1;
	*link = node;
	tree->count++;
	rebalance(tree, parent);
}

void avl_erase(struct avl_tree *tree, struct avl_node *node)
{
	struct avl_node *fix;

	if (node->left && node->right) {
		/* Put the in-order successor (leftmost of the right subtree,
		 * which has no left child) in node's place. */
		struct avl_node *s = node->right;

		while (s->left)
			s = s->left;
		if (s->parent == node) {
			fix = s;
		} else {
			fix = s->parent;
			replace_child(tree, s, s->right);
			s->right = node->right;
			s->right->parent = s;
		}
		replace_child(tree, node, s);
		s->left = node->left;
		s->left->parent = s;
	} else {
		fix = node->parent;
		replace_child(tree, node, node->left ? node->left : node->right);
	}
	tree->count--;
	rebalance(tree, fix);
}

struct avl_node *avl_first(const struct avl_tree *tree)
{
	struct avl_node *n = tree->root;

	while (n && n->left)
		n = n->left;
	return n;
}

struct avl_node *avl_last(const struct avl_tree *tree)
{
	struct avl_node *n = tree->root;

	while (n && n->right)
		n = n->right;
	return n;
}

struct avl_node *avl_next(const struct avl_node *n)
{
	if (n->right) {
		n = n->right;
		while (n->left)
			n = n->left;
		return (struct avl_node *)n;
	}
	while (n->parent && n->parent->right == n)
		n = n->parent;
	return n->parent;
}

struct avl_node *avl_prev(const struct avl_node *n)
{
	if (n->left) {
		n = n->left;
		while (n->right)
			n = n->right;
		return (struct avl_node *)n;
	}
	while (n->parent && n->parent->left == n)
		n = n->parent;
	return n->parent;
}

static int check_node(const struct avl_node *n, unsigned long *count)
{
	int l, r;

	if (!n)
		return 0;
	if ((n->left && n->left->parent != n) ||
	    (n->right && n->right->parent != n))
		return -1;
	l = check_node(n->left, count);
	r = check_node(n->right, count);
	if (l < 0 || r < 0 || l - r > 1 || r - l > 1 ||
	    n->height != 1 + (l > r ? l : r))
		return -1;
	(*count)++;
	return n->height;
}

int avl_check(const struct avl_tree *tree,
	      bool (*less)(const struct avl_node *a, const struct avl_node *b))
{
	unsigned long count = 0;
	const struct avl_node *n, *prev = NULL;

	if (check_node(tree->root, &count) < 0 || count != tree->count)
		return -1;
	if (tree->root && tree->root->parent)
		return -1;
	for (n = avl_first(tree); n; prev = n, n = avl_next(n))
		if (prev && less(n, prev))
			return -1;
	return 0;
}
