/*
 * Non-local jumps. One buffer type serves setjmp and sigsetjmp: 32 words of
 * callee-saved registers (each arch's setjmp.S says which), then whether the
 * signal mask was saved, and the mask.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

struct __jmp_buf_tag {
	unsigned long __regs[32];	/* byte 0 */
	int __mask_saved;		/* byte 256 */
	unsigned long __mask;		/* byte 264 */
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
_Noreturn void _longjmp(jmp_buf env, int val);
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
