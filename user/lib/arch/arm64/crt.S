/* arm64 process entry: sp points at argc, then argv, envp and the auxiliary
 * vector; hand that pointer to __libc_start in C. */
	.section .text.start, "ax"
	.globl _start
	.type _start, %function
_start:
	mov x29, #0			/* outermost frame for backtraces */
	mov x30, #0
	mov x0, sp
	and x1, x0, #~15		/* the ABI wants sp 16-byte aligned */
	mov sp, x1
	bl __libc_start
	brk #0
	.size _start, . - _start

	.section .note.GNU-stack, "", %progbits
