/*
 * Who a task is (kernel/cred.c): Linux's user and group ids and the
 * supplementary groups, without capabilities or user namespaces. A task
 * with effective uid 0 may do what Linux's capabilities would let root
 * do; everyone else is held to the real/effective/saved rules. Nothing
 * checks file permissions against these ids yet (docs/processes.md).
 */
#ifndef FAULTLINE_CRED_H
#define FAULTLINE_CRED_H

#include <types.h>

/* Linux allows 65536 supplementary groups; a task here keeps this many
 * (setgroups with more is EINVAL, the errno Linux gives beyond its own
 * limit). */
#define NGROUPS_SMALL	32
#define NGROUPS_MAX	65536

/*
 * One per task, inside struct task: each thread has its own copy, as on
 * Linux, where glibc's setuid() and friends change every thread in turn.
 * Only the task itself changes its copy (under the big kernel lock);
 * others read it under the same lock (/proc, kill, getpriority).
 */
struct cred {
	u32 uid, euid, suid, fsuid;	/* real, effective, saved, file-sys. */
	u32 gid, egid, sgid, fsgid;
	int ngroups;
	u32 groups[NGROUPS_SMALL];	/* sorted, as getgroups returns them */
};

struct task;
struct inode;

/* What a task may do that root may: effective uid 0. */
bool cred_privileged(const struct task *t);

/* The task's identity at clone: ids, groups, nice, dumpable,
 * no_new_privs and the program (a new reference), from parent; the
 * parent-death signal is not inherited, as on Linux. */
void task_clone_identity(struct task *child, const struct task *parent);
/* At exec's point of no return: the saved and file-system ids become the
 * effective ones, the program is recorded for /proc/<pid>/exe, dumpable
 * is set again (unless the ids differ). */
void task_exec_identity(struct inode *program);
/* AT_SECURE for the program being exec'ed: real and effective ids differ. */
bool cred_exec_is_secure(void);
/* Let go of what the identity holds (the program's inode). */
void task_release_identity(struct task *t);

/* kernel/prctl.c: the parent of child's process has died; send it the
 * signal it asked for with PR_SET_PDEATHSIG, if any. */
void task_parent_died(struct task *child);
/* PR_SET_DUMPABLE's flag (0 or 1) for every thread of t's process. */
void set_dumpable(struct task *t, int value);

#endif
