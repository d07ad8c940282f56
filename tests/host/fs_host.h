/* Shared by the host fs suite and its stand-ins for the rest of the kernel
 * (fs_stubs.c). */
#ifndef FS_HOST_H
#define FS_HOST_H

#include "host.h"
#include <fs.h>
#include <sched.h>
#include <mm.h>

struct fs_host_state {
	char echo[4096];		/* what the tty echoed */
	size_t echo_len;
	int would_block;		/* waits that would have slept */
	int last_kill_pgrp, last_kill_sig;
	int last_thread_sig;
};
extern struct fs_host_state fs_host;

/* A 4096-byte user buffer that faults (copy_*_user stop at it); the bytes
 * either side of it are good. */
extern char *const fs_host_bad_page;

#define FS_HOST_NR_VMAS 8
extern struct vm_area_struct fs_host_vmas[FS_HOST_NR_VMAS];
extern int fs_host_nr_vmas;

/* Fresh descriptor table and cwd for the one task; forget recorded
 * events. */
void fs_host_reset_task(void);

/* Nonzero: stdout (printk) goes nowhere until called again with 0. */
void fs_host_quiet(int quiet);

extern const struct ktap_suite host_fs_suite;

#endif
