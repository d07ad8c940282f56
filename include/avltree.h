/*
 * An intrusive AVL tree (kernel/avltree.c): balanced, so lookups, inserts and
 * removals are O(log n), with parent links for in-order iteration. The user
 * embeds a struct avl_node and does its own descent for lookups (see
 * find_vma() in mm/vma.c); insertion takes a "less than" callback.
 */
#ifndef FAULTLINE_AVLTREE_H
#define FAULTLINE_AVLTREE_H

#include <types.h>

struct avl_node {
	struct avl_node *left, *right, *parent;
	int height;	/* of the subtree rooted here; a leaf has 1 */
};

struct avl_tree {
	struct avl_node *root;
	unsigned long count;
};

void avl_insert(struct avl_tree *tree, struct avl_node *node,
		bool (*less)(const struct avl_node *a, const struct avl_node *b));
void avl_erase(struct avl_tree *tree, struct avl_node *node);
struct avl_node *avl_first(const struct avl_tree *tree);
struct avl_node *avl_last(const struct avl_tree *tree);
struct avl_node *avl_next(const struct avl_node *node);
struct avl_node *avl_prev(const struct avl_node *node);
/* Check heights, balance, parent links and count (tests); 0 if sound. */
int avl_check(const struct avl_tree *tree,
	      bool (*less)(const struct avl_node *a, const struct avl_node *b));

#endif
