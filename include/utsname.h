/*
 * What the system says it is (kernel/utsname.c): uname's strings, the
 * settable host and domain names, and /proc/version's line. Guarded by
 * the big kernel lock, like every caller (uname, sethostname, /proc).
 */
#ifndef FAULTLINE_UTSNAME_H
#define FAULTLINE_UTSNAME_H

#include <types.h>

#define UTS_LEN		64	/* Linux's __NEW_UTS_LEN: 64 bytes + NUL */

/* "Linux", as every kernel that runs Linux binaries says; the release is
 * one glibc accepts (it refuses kernels older than its minimum). */
#define UTS_SYSNAME	"Linux"
#define UTS_RELEASE	"6.1.0-faultline"

const char *uts_hostname(void);
const char *uts_domainname(void);
const char *uts_version(void);		/* "#1 SMP Faultline <date>" */
/* Set from len bytes of kernel memory (no NUL needed): 0, or -EINVAL if
 * len > UTS_LEN. Who may do it is the caller's question. */
long uts_set_hostname(const char *name, size_t len);
long uts_set_domainname(const char *name, size_t len);
/* /proc/version's one line, with its newline. */
const char *uts_banner(void);

#endif
