/* Process start-up: find argc/argv/envp/auxv on the initial stack, give the
 * main thread its thread pointer, run main and exit with its result. */
#include <stdlib.h>
#include "libc.h"

char **environ;
unsigned long *__auxv;
struct pthread __main_thread;
int __tp_missing;

int main(int argc, char **argv, char **envp);
_Noreturn void __libc_start(long *sp);

_Noreturn void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;
	long tid;

	while (*p)
		p++;
	__auxv = (unsigned long *)(p + 1);
	environ = envp;

	__main_thread.self = &__main_thread;
	if (__arch_set_tp(&__main_thread) < 0)
		__tp_missing = 1;
	/* The kernel clears this word when the process's last thread exits;
	 * asking also tells us our tid without another call. */
	tid = SC1(set_tid_address, &__main_thread.tid);
	if (tid < 0)
		tid = SC0(gettid);
	__main_thread.tid = (int)tid;

	__stdio_init();
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	unsigned long *a;

	for (a = __auxv; a && a[0] != 0; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}
