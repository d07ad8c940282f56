/*
 * Exception tables (mm/extable.c): each entry pairs a kernel instruction
 * that may fault on a user address with the address to resume at instead.
 * The arch's uaccess code emits entries into the __ex_table section with its
 * asm macros; the linker script gathers them between __start___ex_table and
 * __stop___ex_table; generic code sorts them once and binary-searches them.
 */
#ifndef FAULTLINE_EXTABLE_H
#define FAULTLINE_EXTABLE_H

#include <types.h>

struct exception_table_entry {
	unsigned long insn;	/* address of the instruction that may fault */
	unsigned long fixup;	/* where to continue if it does */
};

/* Sort the kernel's table (call once at boot, before any uaccess). */
void sort_exception_table(void);
/* The fixup address for pc, or 0 if pc has no entry. */
unsigned long search_exception_fixup(unsigned long pc);

/* Generic helpers over any table (also used by the host tests). */
void extable_sort(struct exception_table_entry *start,
		  struct exception_table_entry *end);
const struct exception_table_entry *
extable_search(const struct exception_table_entry *start,
	       const struct exception_table_entry *end, unsigned long pc);

#endif
