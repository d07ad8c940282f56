/* Fake arch for host tests: a minimal trapped context. */
#ifndef FAKE_ASM_PTRACE_H
#define FAKE_ASM_PTRACE_H
#include <types.h>
struct pt_regs { unsigned long pc, sp, fp; bool user; };
static inline unsigned long regs_pc(const struct pt_regs *r) { return r->pc; }
static inline unsigned long regs_sp(const struct pt_regs *r) { return r->sp; }
static inline unsigned long regs_fp(const struct pt_regs *r) { return r->fp; }
static inline bool regs_user_mode(const struct pt_regs *r) { return r->user; }
static inline bool regs_irqs_enabled(const struct pt_regs *r) { (void)r; return false; }
static inline void regs_set_pc(struct pt_regs *r, unsigned long pc) { r->pc = pc; }
#endif
