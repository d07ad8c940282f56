/* Assembler macros for exception-table entries (include/extable.h): tag an
 * instruction that may fault on a user address with where to resume. */
#ifndef ASM_RISCV64_ASM_EXTABLE_H
#define ASM_RISCV64_ASM_EXTABLE_H

#ifdef __ASSEMBLY__
/*
 * Append {insn, fixup} to __ex_table: two absolute 64-bit addresses, 8-byte
 * aligned, the layout mm/extable.c sorts and searches.
 */
	.macro	ex_table_entry, insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.dword	\insn, \fixup
	.popsection
	.endm

/*
 * Assemble one instruction that touches user memory and give it an entry:
 * if it faults and no mapping can be made, execution goes on at \fixup with
 * every register as it was before the instruction.
 */
	.macro	uaccess_insn, fixup, insn:vararg
771:	\insn
	ex_table_entry 771b, \fixup
	.endm
#endif

#endif
