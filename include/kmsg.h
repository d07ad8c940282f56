/*
 * The kernel log (kernel/syslog.c): every line printk prints is also kept
 * in a ring that syslog(2) reads (busybox's dmesg), and the console level
 * that decides which lines reach the console.
 */
#ifndef FAULTLINE_KMSG_H
#define FAULTLINE_KMSG_H

#include <types.h>

/* Linux's levels: 0 (emergency) .. 7 (debug). printk has no level
 * prefixes, so every line is logged at the default, as Linux logs a
 * printk without one. */
#define LOGLEVEL_DEFAULT_MESSAGE	4
#define LOGLEVEL_MINIMUM_CONSOLE	1
#define LOGLEVEL_DEFAULT_CONSOLE	7

#define LOG_BUF_SIZE	(64 * 1024)	/* bytes of text kept */

/*
 * Keep len bytes of printk output (pieces of lines are joined until their
 * newline; each line gets "<level>[seconds.micros] " in front). Any CPU,
 * any context, interrupts off. Returns whether the console should print
 * them (their level is below the console level).
 */
bool kmsg_store(const char *text, size_t len);
/* Everything reaches the console from now on (panic). */
void kmsg_console_verbose(void);
/* /proc/sys/kernel/printk: console level, default message level,
 * minimum console level, default console level. */
void kmsg_levels(int levels[4]);

#endif
