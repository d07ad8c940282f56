/* x86_64 signal return: sigaction() installs this as sa_restorer (with
 * SA_RESTORER, which Linux x86_64 requires); a handler returns into it. */
	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov $15, %eax			/* __NR_rt_sigreturn */
	syscall
	hlt
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
