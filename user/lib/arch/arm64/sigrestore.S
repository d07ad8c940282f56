/* arm64 signal return: sigaction() passes this as sa_restorer with
 * SA_RESTORER (as glibc does); a handler returns into it through x30. */
	.text
	.globl __restore_rt
	.type __restore_rt, %function
__restore_rt:
	mov x8, #139			/* __NR_rt_sigreturn */
	svc #0
	brk #0
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", %progbits
