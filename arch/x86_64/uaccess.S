/*
 * arch_copy_user(to, from, n): the one routine that touches user memory.
 * Byte by byte (simple, and a fault leaves an exact count): the load and
 * the store each have an exception-table entry whose fixup returns the
 * number of bytes not copied. With SMAP the kernel may touch user pages
 * only between stac and clac, so they bracket the loop.
 */
	.section .text
	.globl	arch_copy_user
arch_copy_user:
	movq	%rdx, %rcx
	cmpb	$0, x86_has_smap(%rip)
	je	1f
	stac
1:	testq	%rcx, %rcx
	jz	3f
2:
.Lload:	movb	(%rsi), %al
.Lstore: movb	%al, (%rdi)
	incq	%rsi
	incq	%rdi
	decq	%rcx
	jnz	2b
3:	cmpb	$0, x86_has_smap(%rip)
	je	4f
	clac
4:	movq	%rcx, %rax		/* bytes left: 0 on success */
	ret

	.section __ex_table, "a"
	.balign 8
	.quad	.Lload, 3b
	.quad	.Lstore, 3b

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
