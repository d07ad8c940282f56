/* riscv64 process entry: sp points at argc, then argv, envp and the
 * auxiliary vector; hand that pointer to __libc_start in C. No gp: we link
 * without relaxation, so nothing is addressed relative to it. */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	li ra, 0			/* outermost frame for backtraces */
	li s0, 0
	mv a0, sp
	andi sp, sp, -16		/* the ABI wants sp 16-byte aligned */
	call __libc_start
	ebreak
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
