/*
 * The system's names (include/utsname.h): uname, sethostname and
 * setdomainname, and the strings /proc shows. Programs built for Linux
 * parse these, so they read as a Linux kernel's would; the version
 * string is where Faultline names itself.
 */
#include <utsname.h>
#include <cred.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>
#include <arch.h>
#include <asm/elf.h>
#include <uapi/errno.h>

#define UTS_VERSION	"#1 SMP Faultline " __DATE__

#ifdef __clang__
#define UTS_COMPILER	"clang version " __clang_version__
#else
#define UTS_COMPILER	"gcc version " __VERSION__
#endif

struct new_utsname {
	char sysname[UTS_LEN + 1];
	char nodename[UTS_LEN + 1];
	char release[UTS_LEN + 1];
	char version[UTS_LEN + 1];
	char machine[UTS_LEN + 1];
	char domainname[UTS_LEN + 1];
};

static char hostname[UTS_LEN + 1] = "faultline";
static char domainname[UTS_LEN + 1] = "(none)";	/* Linux's "unset" */

const char *uts_hostname(void)
{
	return hostname;
}

const char *uts_domainname(void)
{
	return domainname;
}

const char *uts_version(void)
{
	return UTS_VERSION;
}

const char *uts_banner(void)
{
	return UTS_SYSNAME " version " UTS_RELEASE " (faultline@faultline) ("
	       UTS_COMPILER ") " UTS_VERSION "\n";
}

/* Linux keeps exactly the bytes given, NUL-padded, even NULs inside. */
static long set_name(char *dst, const char *name, size_t len)
{
	if (len > UTS_LEN)
		return -EINVAL;
	memset(dst, 0, UTS_LEN + 1);
	memcpy(dst, name, len);
	return 0;
}

long uts_set_hostname(const char *name, size_t len)
{
	return set_name(hostname, name, len);
}

long uts_set_domainname(const char *name, size_t len)
{
	return set_name(domainname, name, len);
}

long sys_uname(unsigned long buf)
{
	struct new_utsname u;
	/* Linux's names: "x86_64", "aarch64", "riscv64". */
	const char *machine = ELF_PLATFORM ? ELF_PLATFORM : arch_name;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, UTS_SYSNAME, sizeof(u.sysname));
	strlcpy(u.nodename, hostname, sizeof(u.nodename));
	strlcpy(u.release, UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, UTS_VERSION, sizeof(u.version));
	strlcpy(u.machine, machine, sizeof(u.machine));
	strlcpy(u.domainname, domainname, sizeof(u.domainname));
	return copy_to_user((void __user *)buf, &u, sizeof(u)) ? -EFAULT : 0;
}

/* Root only (Linux: CAP_SYS_ADMIN); len is an int, negative is EINVAL. */
static long set_from_user(long (*set)(const char *, size_t),
			  unsigned long uname, unsigned long len_arg)
{
	char tmp[UTS_LEN];
	int len = (int)len_arg;

	if (!cred_privileged(current))
		return -EPERM;
	if (len < 0 || len > UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, (const void __user *)uname, (size_t)len))
		return -EFAULT;
	return set(tmp, (size_t)len);
}

long sys_sethostname(unsigned long name, unsigned long len)
{
	return set_from_user(uts_set_hostname, name, len);
}

long sys_setdomainname(unsigned long name, unsigned long len)
{
	return set_from_user(uts_set_domainname, name, len);
}
