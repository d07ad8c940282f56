/* Exception-table lookup: sorted once at boot, then binary search by the
 * faulting PC. */
#include <extable.h>
#include <fault.h>

extern struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* Insertion sort: the table is small and mostly in link order already. */
void extable_sort(struct exception_table_entry *start,
		  struct exception_table_entry *end)
{
	struct exception_table_entry *i, *j;

	for (i = start + 1; i < end; i++) {
		struct exception_table_entry e = *i;

		for (j = i; j > start && j[-1].insn > e.insn; j--)
			*j = j[-1];
		*j = e;
	}
}

const struct exception_table_entry *
extable_search(const struct exception_table_entry *start,
	       const struct exception_table_entry *end, unsigned long pc)
{
	while (start < end) {
		const struct exception_table_entry *mid =
			start + (end - start) / 2;

		if (mid->insn == pc)
			return mid;
		if (mid->insn < pc)
			start = mid + 1;
		else
			end = mid;
	}
	return NULL;
}

void sort_exception_table(void)
{
	extable_sort(__start___ex_table, __stop___ex_table);
}

unsigned long search_exception_fixup(unsigned long pc)
{
	const struct exception_table_entry *e =
		extable_search(__start___ex_table, __stop___ex_table, pc);

	return e ? e->fixup : 0;
}

bool search_exception_tables(unsigned long pc)
{
	return search_exception_fixup(pc) != 0;
}
