/* x86_64 process entry: the kernel leaves argc at (%rsp), then argv, envp
 * and the auxiliary vector; hand that pointer to __libc_start in C. */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp			/* outermost frame for backtraces */
	mov %rsp, %rdi
	and $-16, %rsp			/* call with the ABI's 16-byte alignment */
	call __libc_start
	hlt
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
