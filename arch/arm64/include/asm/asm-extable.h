/* Assembler macros that emit exception-table entries (include/extable.h):
 * mark an instruction that may fault on a user address and where to go if
 * it does. For .S files only. */
#ifndef ASM_ARM64_ASM_EXTABLE_H
#define ASM_ARM64_ASM_EXTABLE_H

#ifdef __ASSEMBLY__
/* One entry {insn, fixup}, absolute addresses, as mm/extable.c reads it. */
	.macro	_asm_extable, insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.quad	\insn, \fixup
	.popsection
	.endm

/* Emit \insn (an instruction touching user memory) with an entry that
 * resumes at \fixup if it faults and no mapping can be made. */
	.macro	user_insn, fixup, insn:vararg
9998:	\insn
	_asm_extable 9998b, \fixup
	.endm
#endif

#endif
