/* Fake arch for host tests: nothing to switch (struct task only). */
#ifndef FAKE_ASM_SWITCH_H
#define FAKE_ASM_SWITCH_H
struct arch_context { unsigned long sp; };
struct arch_thread { unsigned long tls; };
#endif
