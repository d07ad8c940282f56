/*
 * sysinfo: what a process learns about itself and the system, as Linux
 * answers it: uname and the host name, user and group ids with their
 * rules, nice values, prctl, the kernel log (syslog), /proc (exe, fd,
 * fdinfo, task, stat, cpuinfo, mounts, sys/...) and the /dev files
 * (urandom, full, tty). Proved on Linux first: as root, in a UTS
 * namespace of its own (unshare -u), so that host names stay put.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "ktap.h"

#ifndef AT_SECURE
#define AT_SECURE	23
#endif
#ifndef AT_UID
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#endif
#ifndef AT_FDCWD
#define AT_FDCWD	-100
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC	02000000
#endif
/* What Linux's 64-bit open adds to every file's flags (glibc defines
 * O_LARGEFILE as 0 there, so it is spelled out). */
#if defined(__aarch64__)
#define LINUX_O_LARGEFILE	0400000
#else
#define LINUX_O_LARGEFILE	0100000
#endif

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39
#define PR_GET_TID_ADDRESS	40

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

#define SYSLOG_READ		2
#define SYSLOG_READ_ALL		3
#define SYSLOG_READ_CLEAR	4
#define SYSLOG_CLEAR		5
#define SYSLOG_CONSOLE_OFF	6
#define SYSLOG_CONSOLE_ON	7
#define SYSLOG_CONSOLE_LEVEL	8
#define SYSLOG_SIZE_UNREAD	9
#define SYSLOG_SIZE_BUFFER	10

/* An address nothing is mapped at, for EFAULT (through a volatile, so
 * that the compiler does not reason about it). */
static void *bad_ptr(void)
{
	volatile uintptr_t p = 16;

	return (void *)p;
}
#define BAD_PTR		bad_ptr()

#ifndef TIOCGSID
#define TIOCGSID	0x5429
#endif

/* A user nobody on a test machine is, and two more ids. */
#define U1	1000
#define U2	1001
#define U3	1002

static char **env;

/* ---- helpers ---- */

/* The whole file, NUL-terminated; its length or -1 (errno). */
static long read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t n;

	if (fd < 0)
		return -1;
	n = ktap_read_all(fd, buf, size);
	close(fd);
	return (long)n;
}

static long write_text(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	long r;

	if (fd < 0)
		return -1;
	r = write(fd, s, strlen(s));
	close(fd);
	return r;
}

/* readlink, NUL-terminated. */
static long rdlink(const char *path, char *buf, size_t size)
{
	long n = syscall(__NR_readlinkat, AT_FDCWD, path, buf, size - 1);

	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static int on_faultline(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.version, "Faultline") != NULL;
}

static long my_tid(void)
{
	return syscall(__NR_gettid);
}

/* The n-th space-separated field (1-based) of /proc/<path>/stat after the
 * comm's closing parenthesis (field 3 is the state). */
static long stat_field(const char *path, int n)
{
	char buf[2048], *p;
	int f;

	if (read_text(path, buf, sizeof(buf)) <= 0)
		ktap_fail("cannot read %s: %s", path, ktap_errname(errno));
	p = strrchr(buf, ')');
	if (!p)
		ktap_fail("%s: no ')' in \"%s\"", path, buf);
	p += 2;
	for (f = 3; f < n; f++) {
		p = strchr(p, ' ');
		if (!p)
			ktap_fail("%s has fewer than %d fields", path, n);
		p++;
	}
	return strtol(p, NULL, 10);
}

/* The value after "name" in /proc/self/status (name with its colon). */
static char *status_line(const char *name, char *buf, size_t size)
{
	char *p, *end;

	if (read_text("/proc/self/status", buf, size) <= 0)
		ktap_fail("cannot read /proc/self/status");
	p = strstr(buf, name);
	if (!p)
		ktap_fail("no %s in /proc/self/status", name);
	p += strlen(name);
	while (*p == '\t')
		p++;
	end = strchr(p, '\n');
	if (end)
		*end = '\0';
	return p;
}

static void check_resuid(unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int gr = 7, ge = 7, gs = 7;

	CHECK_SYS(syscall(__NR_getresuid, &gr, &ge, &gs));
	if (gr != r || ge != e || gs != s)
		ktap_fail("uids %u %u %u, want %u %u %u", gr, ge, gs, r, e, s);
}

static void check_resgid(unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int gr = 7, ge = 7, gs = 7;

	CHECK_SYS(syscall(__NR_getresgid, &gr, &ge, &gs));
	if (gr != r || ge != e || gs != s)
		ktap_fail("gids %u %u %u, want %u %u %u", gr, ge, gs, r, e, s);
}

/* Run this program again as `argv0 --<what>` and return what it prints. */
static int run_helper(const char *what, char *out, size_t size)
{
	char *argv[] = { (char *)ktap_argv0, (char *)what, NULL };

	return ktap_capture(ktap_argv0, argv, env, out, size);
}

static int helper(int argc, char **argv)
{
	char buf[256];
	unsigned int r, e, s;
	int n;

	(void)argc;
	if (!strcmp(argv[1], "--ids")) {
		syscall(__NR_getresuid, &r, &e, &s);
		n = snprintf(buf, sizeof(buf),
			     "uid %u %u %u aux %lu %lu secure %lu dump %ld "
			     "nnp %ld\n", r, e, s, getauxval(AT_UID),
			     getauxval(AT_EUID), getauxval(AT_SECURE),
			     syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0),
			     syscall(__NR_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0,
				     0));
		ktap_write_all(1, buf, (size_t)n);
		return 0;
	}
	if (!strcmp(argv[1], "--exe")) {
		if (rdlink("/proc/self/exe", buf, sizeof(buf)) < 0)
			return 1;
		ktap_write_all(1, buf, strlen(buf));
		return 0;
	}
	return 100;
}

/* ---- uname and the host name ---- */

static void uname_says_linux(void)
{
	struct utsname u;
	char buf[256];
	long major, minor;
	char *end;

	CHECK_SYS(uname(&u));
	if (strcmp(u.sysname, "Linux"))
		ktap_fail("sysname \"%s\"", u.sysname);
	/* glibc refuses to start below its minimum kernel (3.2) */
	major = strtol(u.release, &end, 10);
	CHECK(*end == '.');
	minor = strtol(end + 1, NULL, 10);
	if (major < 3 || (major == 3 && minor < 2))
		ktap_fail("release \"%s\" is older than 3.2", u.release);
#if defined(__x86_64__)
	CHECK(!strcmp(u.machine, "x86_64"));
#elif defined(__aarch64__)
	CHECK(!strcmp(u.machine, "aarch64"));
#elif defined(__riscv)
	CHECK(!strcmp(u.machine, "riscv64"));
#endif
	CHECK(u.version[0] == '#');
	CHECK_SYS(read_text("/proc/sys/kernel/hostname", buf, sizeof(buf)));
	CHECK(!strncmp(buf, u.nodename, strlen(u.nodename)) &&
	      !strcmp(buf + strlen(u.nodename), "\n"));
	CHECK_ERR(uname(BAD_PTR), EFAULT);
}

static void sethostname_roundtrip(void)
{
	struct utsname u, old;
	char buf[256];

	CHECK_SYS(uname(&old));
	CHECK_SYS(syscall(__NR_sethostname, "sysinfo-test", 12));
	CHECK_SYS(uname(&u));
	CHECK(!strcmp(u.nodename, "sysinfo-test"));
	CHECK_SYS(read_text("/proc/sys/kernel/hostname", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "sysinfo-test\n"));
	/* 64 bytes is the most: no NUL needed */
	memset(buf, 'h', 64);
	CHECK_SYS(syscall(__NR_sethostname, buf, 64));
	CHECK_SYS(uname(&u));
	CHECK_EQ(strlen(u.nodename), 64);
	CHECK_SYS(syscall(__NR_setdomainname, "example.org", 11));
	CHECK_SYS(uname(&u));
	CHECK(!strcmp(u.domainname, "example.org"));
	CHECK_SYS(read_text("/proc/sys/kernel/domainname", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "example.org\n"));
	CHECK_SYS(syscall(__NR_sethostname, old.nodename,
			  strlen(old.nodename)));
	CHECK_SYS(syscall(__NR_setdomainname, old.domainname,
			  strlen(old.domainname)));
}

static void sethostname_errors(void)
{
	char big[80];
	pid_t pid;

	memset(big, 'x', sizeof(big));
	CHECK_ERR(syscall(__NR_sethostname, big, 65), EINVAL);
	CHECK_ERR(syscall(__NR_sethostname, big, -1L), EINVAL);
	CHECK_ERR(syscall(__NR_sethostname, BAD_PTR, 3), EFAULT);
	CHECK_ERR(syscall(__NR_setdomainname, big, 65), EINVAL);
	CHECK_ERR(syscall(__NR_setdomainname, BAD_PTR, 3), EFAULT);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (syscall(__NR_setresuid, U1, U1, U1) ||
		    syscall(__NR_sethostname, "x", 1) != -1 || errno != EPERM ||
		    syscall(__NR_setdomainname, "x", 1) != -1 ||
		    errno != EPERM)
			_exit(1);
		_exit(0);
	}
	CHECK_EXITED(pid, 0);
}

/* /proc/sys/kernel/hostname: a newline ends the name, a second write
 * continues the first; read-only sysctls and non-root writers get
 * EACCES. */
static void proc_hostname_write(void)
{
	struct utsname u, old;
	int fd;
	pid_t pid;

	CHECK_SYS(uname(&old));
	CHECK_EQ(write_text("/proc/sys/kernel/hostname", "first\nignored"),
		 13);
	CHECK_SYS(uname(&u));
	CHECK(!strcmp(u.nodename, "first"));
	fd = CHECK_SYS(open("/proc/sys/kernel/hostname", O_WRONLY));
	CHECK_EQ(write(fd, "ab", 2), 2);
	CHECK_EQ(write(fd, "cd", 2), 2);
	close(fd);
	CHECK_SYS(uname(&u));
	CHECK(!strcmp(u.nodename, "abcd"));
	CHECK_ERR(open("/proc/sys/kernel/ostype", O_WRONLY), EACCES);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (syscall(__NR_setresuid, U1, U1, U1) ||
		    open("/proc/sys/kernel/hostname", O_WRONLY) != -1 ||
		    errno != EACCES)
			_exit(1);
		_exit(0);
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(syscall(__NR_sethostname, old.nodename,
			  strlen(old.nodename)));
}

static void proc_sys_kernel(void)
{
	struct utsname u;
	char buf[512], want[512];
	long v;

	CHECK_SYS(uname(&u));
	CHECK_SYS(read_text("/proc/sys/kernel/ostype", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "Linux\n"));
	CHECK_SYS(read_text("/proc/sys/kernel/osrelease", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "%s\n", u.release);
	CHECK(!strcmp(buf, want));
	CHECK_SYS(read_text("/proc/sys/kernel/version", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "%s\n", u.version);
	CHECK(!strcmp(buf, want));
	CHECK_SYS(read_text("/proc/sys/kernel/pid_max", buf, sizeof(buf)));
	v = strtol(buf, NULL, 10);
	if (v < 301 || v <= getpid())
		ktap_fail("pid_max %ld (pid %d)", v, (int)getpid());
	CHECK_SYS(read_text("/proc/sys/kernel/tainted", buf, sizeof(buf)));
	CHECK(buf[0] >= '0' && buf[0] <= '9');
	/* mm's commit rule is Linux's heuristic, mode 0 */
	CHECK_SYS(read_text("/proc/sys/vm/overcommit_memory", buf,
			    sizeof(buf)));
	CHECK(strlen(buf) == 2 && buf[0] >= '0' && buf[0] <= '2' &&
	      buf[1] == '\n');
	if (on_faultline())
		CHECK(!strcmp(buf, "0\n"));
	CHECK_SYS(read_text("/proc/version", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "Linux version %s ", u.release);
	CHECK(!strncmp(buf, want, strlen(want)));
	CHECK(strstr(buf, u.version) != NULL);
	CHECK(buf[strlen(buf) - 1] == '\n');
}

/* ---- user and group ids ---- */

static void ids_start_as_root(void)
{
	unsigned int list[64];
	long n;

	CHECK_EQ(getuid(), 0);
	CHECK_EQ(geteuid(), 0);
	CHECK_EQ(getgid(), 0);
	CHECK_EQ(getegid(), 0);
	check_resuid(0, 0, 0);
	check_resgid(0, 0, 0);
	n = CHECK_SYS(syscall(__NR_getgroups, 0, NULL));
	CHECK(n >= 0 && n <= 64);
	CHECK_EQ(syscall(__NR_getgroups, 64, list), n);
}

static void getres_efault(void)
{
	unsigned int a, b;

	CHECK_ERR(syscall(__NR_getresuid, BAD_PTR, &a, &b), EFAULT);
	CHECK_ERR(syscall(__NR_getresuid, &a, BAD_PTR, &b), EFAULT);
	CHECK_ERR(syscall(__NR_getresuid, &a, &b, BAD_PTR), EFAULT);
	CHECK_ERR(syscall(__NR_getresgid, BAD_PTR, &a, &b), EFAULT);
	CHECK_ERR(syscall(__NR_getresgid, &a, &b, BAD_PTR), EFAULT);
}

/* setuid: root sets all three; a user only the effective id, to its real
 * or saved one. */
static void setuid_rules(void)
{
	char buf[4096];

	CHECK_ERR(syscall(__NR_setuid, -1L), EINVAL);
	CHECK_SYS(syscall(__NR_setresuid, U1, U2, U3));
	check_resuid(U1, U2, U3);
	CHECK(!strcmp(status_line("Uid:", buf, sizeof(buf)),
		      "1000\t1001\t1002\t1001"));
	CHECK_EQ(getuid(), U1);
	CHECK_EQ(geteuid(), U2);
	CHECK_ERR(syscall(__NR_setuid, 0), EPERM);
	CHECK_SYS(syscall(__NR_setuid, U3));	/* the saved one */
	check_resuid(U1, U3, U3);
	CHECK_SYS(syscall(__NR_setuid, U1));	/* the real one */
	check_resuid(U1, U1, U3);
	CHECK_ERR(syscall(__NR_setuid, U2), EPERM);
}

static void setuid_as_root_sets_all(void)
{
	CHECK_SYS(syscall(__NR_setuid, U1));
	check_resuid(U1, U1, U1);
	CHECK_ERR(syscall(__NR_setuid, 0), EPERM);
	CHECK_ERR(syscall(__NR_setresuid, -1, 0, -1), EPERM);
}

/* setreuid: real may become real or effective, effective any of three;
 * the saved id follows the effective one when the real id is set or the
 * effective one moves off the real one. */
static void setreuid_rules(void)
{
	CHECK_SYS(syscall(__NR_setreuid, U1, U2));
	check_resuid(U1, U2, U2);
	CHECK_SYS(syscall(__NR_setreuid, -1, U1));	/* back to the real */
	check_resuid(U1, U1, U2);
	CHECK_SYS(syscall(__NR_setreuid, -1, U2));	/* to the saved */
	check_resuid(U1, U2, U2);
	CHECK_ERR(syscall(__NR_setreuid, U3, -1), EPERM);
	CHECK_ERR(syscall(__NR_setreuid, -1, U3), EPERM);
	CHECK_SYS(syscall(__NR_setreuid, U2, -1));	/* real := effective */
	check_resuid(U2, U2, U2);
	CHECK_SYS(syscall(__NR_setreuid, -1, -1));
	check_resuid(U2, U2, U2);
}

static void setresuid_rules(void)
{
	CHECK_SYS(syscall(__NR_setresuid, U1, U2, U3));
	CHECK_SYS(syscall(__NR_setresuid, U3, U1, U2));	/* any order */
	check_resuid(U3, U1, U2);
	CHECK_SYS(syscall(__NR_setresuid, -1, -1, -1));
	check_resuid(U3, U1, U2);
	CHECK_SYS(syscall(__NR_setresuid, -1, U3, -1));
	check_resuid(U3, U3, U2);
	CHECK_ERR(syscall(__NR_setresuid, 0, -1, -1), EPERM);
	CHECK_ERR(syscall(__NR_setresuid, -1, -1, 4242), EPERM);
	check_resuid(U3, U3, U2);
}

/* setfsuid answers the old value, changed or not. */
static void setfsuid_rules(void)
{
	char buf[4096];

	CHECK_EQ(syscall(__NR_setfsuid, 4242), 0);
	CHECK_EQ(syscall(__NR_setfsuid, -1), 4242);	/* only asks */
	CHECK(!strcmp(status_line("Uid:", buf, sizeof(buf)),
		      "0\t0\t0\t4242"));
	CHECK_EQ(syscall(__NR_setfsuid, 0), 4242);
	CHECK_SYS(syscall(__NR_setresuid, U1, U2, U3));
	/* setresuid makes the file-system id the effective one */
	CHECK_EQ(syscall(__NR_setfsuid, U3), U2);
	CHECK_EQ(syscall(__NR_setfsuid, 4242), U3);	/* refused */
	CHECK_EQ(syscall(__NR_setfsuid, -1), U3);
}

static void setgid_family_rules(void)
{
	char buf[4096];

	CHECK_ERR(syscall(__NR_setgid, -1L), EINVAL);
	CHECK_SYS(syscall(__NR_setresgid, U1, U2, U3));
	check_resgid(U1, U2, U3);
	CHECK(!strcmp(status_line("Gid:", buf, sizeof(buf)),
		      "1000\t1001\t1002\t1001"));
	CHECK_EQ(getgid(), U1);
	CHECK_EQ(getegid(), U2);
	CHECK_SYS(syscall(__NR_setregid, -1, U3));
	check_resgid(U1, U3, U3);
	CHECK_EQ(syscall(__NR_setfsgid, 77), U3);
	CHECK_EQ(syscall(__NR_setfsgid, -1), 77);
	/* a user (euid not 0) moves only among its three group ids */
	CHECK_SYS(syscall(__NR_setresuid, U1, U1, U1));
	CHECK_ERR(syscall(__NR_setgid, 0), EPERM);
	CHECK_ERR(syscall(__NR_setregid, 0, -1), EPERM);
	CHECK_ERR(syscall(__NR_setresgid, -1, -1, 0), EPERM);
	CHECK_SYS(syscall(__NR_setgid, U1));
	check_resgid(U1, U1, U3);
	CHECK_SYS(syscall(__NR_setresgid, U3, U3, U1));
	check_resgid(U3, U3, U1);
	CHECK_EQ(syscall(__NR_setfsgid, 9999), U3);	/* refused */
	CHECK_EQ(syscall(__NR_setfsgid, -1), U3);
}

/* Root's setgroups; kept sorted; EINVAL, EFAULT and EPERM. */
static void supplementary_groups(void)
{
	unsigned int in[4] = { 5, 3, 9, 3 }, out[8] = { 0 }, bad[1] = { ~0u };
	char buf[4096];
	pid_t pid;

	CHECK_SYS(syscall(__NR_setgroups, 4, in));
	CHECK_EQ(syscall(__NR_getgroups, 0, NULL), 4);
	CHECK_EQ(syscall(__NR_getgroups, 8, out), 4);
	CHECK(out[0] == 3 && out[1] == 3 && out[2] == 5 && out[3] == 9);
	CHECK(!strcmp(status_line("Groups:", buf, sizeof(buf)), "3 3 5 9 "));
	CHECK_ERR(syscall(__NR_getgroups, 2, out), EINVAL);
	CHECK_ERR(syscall(__NR_getgroups, -1, out), EINVAL);
	CHECK_ERR(syscall(__NR_getgroups, 4, BAD_PTR), EFAULT);
	CHECK_ERR(syscall(__NR_setgroups, 1, bad), EINVAL);
	CHECK_ERR(syscall(__NR_setgroups, 65537, in), EINVAL);
	CHECK_ERR(syscall(__NR_setgroups, -1, in), EINVAL);
	CHECK_ERR(syscall(__NR_setgroups, 2, BAD_PTR), EFAULT);
	CHECK_EQ(syscall(__NR_getgroups, 0, NULL), 4);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		/* inherited; and only root may change them */
		if (syscall(__NR_getgroups, 8, out) != 4 ||
		    syscall(__NR_setresuid, U1, U1, U1) ||
		    syscall(__NR_setgroups, 0, NULL) != -1 || errno != EPERM)
			_exit(1);
		_exit(0);
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(syscall(__NR_setgroups, 0, NULL));
	CHECK_EQ(syscall(__NR_getgroups, 0, NULL), 0);
	CHECK(!strcmp(status_line("Groups:", buf, sizeof(buf)), " "));
}

/* fork keeps the ids; exec makes the saved ids the effective ones and
 * tells the program (auxv) whose they are; a program run with real and
 * effective ids that differ is "secure" and not dumpable. */
static void ids_across_fork_and_exec(void)
{
	char out[512];
	pid_t pid;
	int st;

	CHECK_SYS(syscall(__NR_setresgid, 7, 7, 7));
	CHECK_SYS(syscall(__NR_setresuid, U1, U2, U3));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		unsigned int r, e, s;

		syscall(__NR_getresuid, &r, &e, &s);
		_exit(r == U1 && e == U2 && s == U3 ? 0 : 1);
	}
	CHECK_EXITED(pid, 0);
	st = run_helper("--ids", out, sizeof(out));
	CHECK_EQ(st, 0);
	if (strcmp(out, "uid 1000 1001 1001 aux 1000 1001 secure 1 dump 0 "
			"nnp 0\n"))
		ktap_fail("helper said \"%s\"", out);
	CHECK_SYS(syscall(__NR_setresuid, U1, U1, U1));
	st = run_helper("--ids", out, sizeof(out));
	CHECK_EQ(st, 0);
	if (strcmp(out, "uid 1000 1000 1000 aux 1000 1000 secure 0 dump 1 "
			"nnp 0\n"))
		ktap_fail("helper said \"%s\"", out);
}

/* Changing the effective id forgets the parent-death signal and makes
 * the process undumpable, as Linux's commit_creds does. */
static void cred_change_resets_pdeathsig_and_dumpable(void)
{
	int sig = -1;

	CHECK_SYS(syscall(__NR_prctl, PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0));
	CHECK_SYS(syscall(__NR_setresuid, 0, 0, 0));	/* no change */
	CHECK_SYS(syscall(__NR_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	CHECK_EQ(sig, SIGUSR1);
	CHECK_EQ(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	CHECK_SYS(syscall(__NR_setresuid, 0, U1, 0));
	CHECK_SYS(syscall(__NR_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	CHECK_EQ(sig, 0);
	CHECK_EQ(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

/* ---- nice values ---- */

static void priority_raw_values(void)
{
	pid_t pid;

	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, 0), 20);
	CHECK_EQ(stat_field("/proc/self/stat", 18), 20);
	CHECK_EQ(stat_field("/proc/self/stat", 19), 0);
	CHECK_SYS(syscall(__NR_setpriority, PRIO_PROCESS, 0, 5));
	/* the raw call answers 20 - nice; /proc shows 20 + nice and nice */
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, 0), 15);
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, getpid()), 15);
	CHECK_EQ(stat_field("/proc/self/stat", 18), 25);
	CHECK_EQ(stat_field("/proc/self/stat", 19), 5);
	CHECK_SYS(syscall(__NR_setpriority, PRIO_PROCESS, 0, 100));
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, 0), 1);
	CHECK_SYS(syscall(__NR_setpriority, PRIO_PROCESS, 0, -100));
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, 0), 40);
	CHECK_EQ(stat_field("/proc/self/stat", 19), -20);
	CHECK_SYS(syscall(__NR_setpriority, PRIO_PROCESS, 0, 6));
	pid = CHECK_SYS(fork());
	if (pid == 0)	/* inherited */
		_exit(syscall(__NR_getpriority, PRIO_PROCESS, 0) == 14 ? 0 : 1);
	CHECK_EXITED(pid, 0);
}

static void priority_errors(void)
{
	pid_t pid;

	CHECK_ERR(syscall(__NR_getpriority, 3, 0), EINVAL);
	CHECK_ERR(syscall(__NR_getpriority, -1, 0), EINVAL);
	CHECK_ERR(syscall(__NR_setpriority, 3, 0, 0), EINVAL);
	CHECK_ERR(syscall(__NR_getpriority, PRIO_PROCESS, 999999), ESRCH);
	CHECK_ERR(syscall(__NR_setpriority, PRIO_PROCESS, 999999, 1), ESRCH);
	CHECK_ERR(syscall(__NR_getpriority, PRIO_PGRP, 999999), ESRCH);
	CHECK_ERR(syscall(__NR_getpriority, PRIO_USER, 4243), ESRCH);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		/* a user may raise its nice value, not lower it (EACCES),
		 * and may not touch root's processes (EPERM) */
		if (syscall(__NR_setpriority, PRIO_PROCESS, 0, 3) ||
		    syscall(__NR_setresuid, U1, U1, U1) ||
		    syscall(__NR_setpriority, PRIO_PROCESS, 0, 4) ||
		    syscall(__NR_setpriority, PRIO_PROCESS, 0, 2) != -1 ||
		    errno != EACCES ||
		    syscall(__NR_setpriority, PRIO_PROCESS, getppid(), 5) !=
		    -1 || errno != EPERM)
			_exit(1);
		_exit(syscall(__NR_getpriority, PRIO_PROCESS, 0) == 16 ? 0 : 2);
	}
	CHECK_EXITED(pid, 0);
}

/* Wait for a byte on fd (the other side is ready). */
static void wait_byte(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		ktap_fail("line %d: no byte from the other process", __LINE__);
}

static void priority_pgrp_and_user(void)
{
	int ready[2], go[2];
	pid_t pid;
	char c = 'x';

	CHECK_SYS(pipe(ready));
	CHECK_SYS(pipe(go));
	CHECK_SYS(setpgid(0, 0));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (syscall(__NR_setresuid, 4242, 4242, 4242))
			_exit(1);
		write(ready[1], &c, 1);
		read(go[0], &c, 1);
		_exit(syscall(__NR_getpriority, PRIO_PROCESS, 0) == 11 ? 0 : 1);
	}
	wait_byte(ready[0]);
	/* PRIO_PGRP 0: the caller's group, both processes */
	CHECK_SYS(syscall(__NR_setpriority, PRIO_PGRP, 0, 7));
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, pid), 13);
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, 0), 13);
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PGRP, getpgrp()), 13);
	/* PRIO_USER: the user's processes only */
	CHECK_SYS(syscall(__NR_setpriority, PRIO_USER, 4242, 9));
	CHECK_EQ(syscall(__NR_getpriority, PRIO_USER, 4242), 11);
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PROCESS, 0), 13);
	/* the highest priority of the group: the lowest nice */
	CHECK_EQ(syscall(__NR_getpriority, PRIO_PGRP, 0), 13);
	write(go[1], &c, 1);
	CHECK_EXITED(pid, 0);
}

/* ---- prctl ---- */

static void prctl_name(void)
{
	char name[32], buf[256];

	CHECK_SYS(syscall(__NR_prctl, PR_SET_NAME, "sysinfo-renamed-long",
			  0, 0, 0));
	memset(name, 'z', sizeof(name));
	CHECK_SYS(syscall(__NR_prctl, PR_GET_NAME, name, 0, 0, 0));
	CHECK(!strcmp(name, "sysinfo-renamed"));
	CHECK_EQ(name[16], 'z');	/* 16 bytes written */
	CHECK_SYS(read_text("/proc/self/comm", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "sysinfo-renamed\n"));
	CHECK_SYS(read_text("/proc/self/stat", buf, sizeof(buf)));
	CHECK(strstr(buf, " (sysinfo-renamed) ") != NULL);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall(__NR_prctl, PR_GET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
}

static void prctl_pdeathsig_values(void)
{
	int sig = -1;

	CHECK_SYS(syscall(__NR_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	CHECK_EQ(sig, 0);
	CHECK_SYS(syscall(__NR_prctl, PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0));
	CHECK_SYS(syscall(__NR_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	CHECK_EQ(sig, SIGUSR2);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_PDEATHSIG, 65, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_PDEATHSIG, -1L, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(__NR_prctl, PR_GET_PDEATHSIG, BAD_PTR, 0, 0, 0),
		  EFAULT);
	CHECK_SYS(syscall(__NR_prctl, PR_SET_PDEATHSIG, 64, 0, 0, 0));
	CHECK_SYS(syscall(__NR_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0));
}

static int pdeath_pipe = -1;

static void pdeath_handler(int sig, siginfo_t *si, void *uc)
{
	char msg[64];
	int n;

	(void)uc;
	n = snprintf(msg, sizeof(msg), "sig %d code %d pid %d\n", sig,
		     si->si_code, (int)si->si_pid);
	ktap_write_all(pdeath_pipe, msg, (size_t)n);
	_exit(0);
}

/* The grandchild asks for SIGUSR1 when its parent dies; the parent
 * exits; the signal comes from it (SI_USER, its pid). */
static void prctl_pdeathsig_delivered(void)
{
	int report[2], ready[2];
	char out[128];
	pid_t mid, me = getpid();

	CHECK_SYS(pipe(report));
	CHECK_SYS(pipe(ready));
	mid = CHECK_SYS(fork());
	if (mid == 0) {
		pid_t g = fork();

		if (g == 0) {
			struct sigaction sa;

			memset(&sa, 0, sizeof(sa));
			sa.sa_sigaction = pdeath_handler;
			sa.sa_flags = SA_SIGINFO;
			sigaction(SIGUSR1, &sa, NULL);
			pdeath_pipe = report[1];
			close(report[0]);
			syscall(__NR_prctl, PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
			write(ready[1], "r", 1);
			ktap_sleep_ms(5000);
			ktap_write_all(report[1], "no signal\n", 10);
			_exit(1);
		}
		wait_byte(ready[0]);
		_exit(0);
	}
	close(report[1]);
	close(ready[1]);
	CHECK_EXITED(mid, 0);
	ktap_read_all(report[0], out, sizeof(out));
	{
		char want[64];

		snprintf(want, sizeof(want), "sig %d code 0 pid %d\n", SIGUSR1,
			 (int)mid);
		if (strcmp(out, want))
			ktap_fail("grandchild said \"%s\", want \"%s\"", out,
				  want);
	}
	(void)me;
}

static void prctl_dumpable(void)
{
	pid_t pid;

	CHECK_EQ(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	CHECK_SYS(syscall(__NR_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0));
	CHECK_EQ(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_DUMPABLE, -1L, 0, 0, 0), EINVAL);
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0));
	CHECK_EXITED(pid, 0);
	CHECK_SYS(syscall(__NR_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0));
	CHECK_EQ(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
}

static void prctl_no_new_privs(void)
{
	char out[256];

	CHECK_EQ(syscall(__NR_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0),
		  EINVAL);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0),
		  EINVAL);
	CHECK_ERR(syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0),
		  EINVAL);
	CHECK_ERR(syscall(__NR_prctl, PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0),
		  EINVAL);
	CHECK_SYS(syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	CHECK_EQ(syscall(__NR_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
	/* kept by fork and exec, never taken back */
	CHECK_EQ(run_helper("--ids", out, sizeof(out)), 0);
	CHECK(strstr(out, " nnp 1\n") != NULL);
}

static void prctl_tid_address(void)
{
	static int word;
	int *got = NULL;

	CHECK_EQ(syscall(__NR_set_tid_address, &word), getpid());
	CHECK_SYS(syscall(__NR_prctl, PR_GET_TID_ADDRESS, &got, 0, 0, 0));
	CHECK(got == &word);
	CHECK_ERR(syscall(__NR_prctl, PR_GET_TID_ADDRESS, BAD_PTR, 0, 0, 0),
		  EFAULT);
}

static void prctl_unknown_option(void)
{
	CHECK_ERR(syscall(__NR_prctl, 9999, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall(__NR_prctl, -1L, 0, 0, 0, 0), EINVAL);
}

/* ---- /proc ---- */

static void proc_self_exe(void)
{
	char exe[512], out[512];
	struct stat a, b;
	const char *base = strrchr(ktap_argv0, '/');
	int fd;

	CHECK_SYS(rdlink("/proc/self/exe", exe, sizeof(exe)));
	CHECK(exe[0] == '/');
	base = base ? base + 1 : ktap_argv0;
	CHECK(!strcmp(strrchr(exe, '/') + 1, base));
	CHECK_SYS(stat(exe, &a));
	CHECK_SYS(stat(ktap_argv0, &b));
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	/* opening it opens the program */
	fd = CHECK_SYS(open("/proc/self/exe", O_RDONLY));
	CHECK_SYS(fstat(fd, &a));
	close(fd);
	CHECK(a.st_ino == b.st_ino);
	/* a fork has the same, an exec its new program's */
	CHECK_EQ(run_helper("--exe", out, sizeof(out)), 0);
	CHECK(!strcmp(out, exe));
	snprintf(out, sizeof(out), "/proc/%d/exe", (int)getppid());
	CHECK_SYS(rdlink(out, out, sizeof(out)));
	CHECK(!strcmp(out, exe));
}

static void proc_fd_links(void)
{
	char path[64], buf[512], want[64];
	int fd, p[2], null, n = 0, seen = 0;
	struct stat st;
	DIR *d;
	struct dirent *e;

	fd = CHECK_SYS(open("/tmp/sysinfo-fd", O_CREAT | O_RDWR | O_TRUNC,
			    0644));
	close(fd);
	fd = CHECK_SYS(open("/tmp/sysinfo-fd", O_RDONLY));
	CHECK_SYS(pipe(p));
	null = CHECK_SYS(open("/dev/null", O_WRONLY));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	CHECK_SYS(rdlink(path, buf, sizeof(buf)));
	CHECK(!strcmp(buf, "/tmp/sysinfo-fd"));
	CHECK_SYS(lstat(path, &st));
	CHECK_EQ(st.st_mode, S_IFLNK | 0500);	/* lr-x------ */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", null);
	CHECK_SYS(rdlink(path, buf, sizeof(buf)));
	CHECK(!strcmp(buf, "/dev/null"));
	CHECK_SYS(lstat(path, &st));
	CHECK_EQ(st.st_mode, S_IFLNK | 0300);	/* l-wx------ */
	CHECK_SYS(fstat(p[0], &st));
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	CHECK_SYS(rdlink(path, buf, sizeof(buf)));
	CHECK(!strcmp(buf, want));
	/* a directory open, and one of /proc's own files */
	close(p[0]);
	CHECK_SYS(chdir("/tmp"));
	snprintf(path, sizeof(path), "/proc/%d/cwd", (int)getpid());
	CHECK_SYS(rdlink(path, buf, sizeof(buf)));
	CHECK(!strcmp(buf, "/tmp"));
	CHECK_SYS(rdlink("/proc/self/root", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "/"));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	CHECK_ERR(rdlink(path, buf, sizeof(buf)), ENOENT);
	/* the listing: exactly the open descriptors */
	d = opendir("/proc/self/fd");
	CHECK(d != NULL);
	while ((e = readdir(d))) {
		int num;

		if (e->d_name[0] == '.')
			continue;
		num = atoi(e->d_name);
		CHECK_EQ(e->d_type, DT_LNK);
		n++;
		if (num == fd || num == null || num == p[1])
			seen++;
	}
	closedir(d);
	CHECK_EQ(seen, 3);
	{
		int count = 0, i;

		/* opendir's own descriptor is closed again */
		for (i = 0; i < 1024; i++)
			count += fcntl(i, F_GETFD) >= 0;
		CHECK_EQ(n, count + 1);
	}
	CHECK_SYS(lstat("/proc/self/fd", &st));
	CHECK_EQ(st.st_mode, S_IFDIR | 0500);
	unlink("/tmp/sysinfo-fd");
}

static void proc_fdinfo(void)
{
	char path[64], buf[512], want[256];
	struct stat st;
	int fd, w;

	fd = CHECK_SYS(open("/proc/self/stat", O_RDONLY | O_CLOEXEC));
	CHECK_SYS(lseek(fd, 5, SEEK_SET));
	CHECK_SYS(fstat(fd, &st));
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	CHECK_SYS(read_text(path, buf, sizeof(buf)));
	{
		unsigned long pos, ino;
		unsigned int flags;
		char *p = buf;

		/* pos, flags (octal), mnt_id, ino: one per line */
		CHECK(!strncmp(p, "pos:\t", 5));
		pos = strtoul(p + 5, &p, 10);
		CHECK_EQ(pos, 5);
		CHECK(!strncmp(p, "\nflags:\t0", 9));
		flags = (unsigned int)strtoul(p + 8, &p, 8);
		CHECK_EQ(flags & ~(unsigned int)LINUX_O_LARGEFILE, O_CLOEXEC);
		CHECK(!strncmp(p, "\nmnt_id:\t", 9));
		strtoul(p + 9, &p, 10);
		CHECK(!strncmp(p, "\nino:\t", 6));
		ino = strtoul(p + 6, &p, 10);
		CHECK_EQ(ino, st.st_ino);
		CHECK(!strcmp(p, "\n"));
	}
	close(fd);
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	w = CHECK_SYS(open("/dev/null", O_WRONLY | O_APPEND));
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", w);
	CHECK_SYS(read_text(path, buf, sizeof(buf)));
	snprintf(want, sizeof(want), "flags:\t0%o\n", O_WRONLY | O_APPEND);
	if (!strstr(buf, want)) {
		snprintf(want, sizeof(want), "flags:\t0%o\n",
			 O_WRONLY | O_APPEND | LINUX_O_LARGEFILE);
		if (!strstr(buf, want))
			ktap_fail("fdinfo of O_WRONLY|O_APPEND: \"%s\"", buf);
	}
}

static volatile int thread_go;
static volatile long thread_tid;

static void *named_thread(void *arg)
{
	(void)arg;
	syscall(__NR_prctl, PR_SET_NAME, "worker", 0, 0, 0);
	thread_tid = my_tid();
	while (!thread_go)
		ktap_sleep_ms(1);
	return NULL;
}

static void proc_task_dir(void)
{
	char path[128], buf[2048];
	pthread_t t;
	int found_main = 0, found_thread = 0, n = 0;
	DIR *d;
	struct dirent *e;
	long deadline = ktap_now_ms() + 5000;

	CHECK_EQ(pthread_create(&t, NULL, named_thread, NULL), 0);
	while (!thread_tid && ktap_now_ms() < deadline)
		ktap_sleep_ms(1);
	CHECK(thread_tid > 0);
	d = opendir("/proc/self/task");
	CHECK(d != NULL);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		found_main += atol(e->d_name) == getpid();
		found_thread += atol(e->d_name) == thread_tid;
	}
	closedir(d);
	CHECK(n == 2 && found_main == 1 && found_thread == 1);
	snprintf(path, sizeof(path), "/proc/self/task/%ld/comm", thread_tid);
	CHECK_SYS(read_text(path, buf, sizeof(buf)));
	CHECK(!strcmp(buf, "worker\n"));
	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", thread_tid);
	CHECK_SYS(read_text(path, buf, sizeof(buf)));
	snprintf(path, sizeof(path), "%ld (worker) ", thread_tid);
	CHECK(!strncmp(buf, path, strlen(path)));
	snprintf(path, sizeof(path), "/proc/self/task/%ld/status",
		 thread_tid);
	CHECK_SYS(read_text(path, buf, sizeof(buf)));
	snprintf(path, sizeof(path), "\nPid:\t%ld\n", thread_tid);
	CHECK(strstr(buf, path) != NULL);
	snprintf(path, sizeof(path), "\nTgid:\t%d\n", (int)getpid());
	CHECK(strstr(buf, path) != NULL);
	/* the process keeps the main thread's name */
	CHECK_SYS(read_text("/proc/self/comm", buf, sizeof(buf)));
	CHECK(strcmp(buf, "worker\n"));
	/* a thread of some other process is not in this one's task/ */
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat",
		 (int)getppid());
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	thread_go = 1;
	CHECK_EQ(pthread_join(t, NULL), 0);
}

/* Writing comm renames a thread of the caller's own process: the first
 * 15 bytes, a newline too; another process's is EINVAL. */
static void proc_comm_write(void)
{
	char buf[256], path[64];
	pid_t pid;
	int fd;

	CHECK_EQ(write_text("/proc/self/comm", "renamed-by-write-long"), 21);
	CHECK_SYS(read_text("/proc/self/comm", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "renamed-by-writ\n"));
	CHECK_EQ(write_text("/proc/self/comm", "two\n"), 4);
	CHECK_SYS(read_text("/proc/self/comm", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "two\n\n"));
	snprintf(path, sizeof(path), "/proc/self/task/%ld/comm", my_tid());
	CHECK_EQ(write_text(path, "via-task"), 8);
	CHECK_SYS(read_text("/proc/self/comm", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "via-task\n"));
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		ktap_sleep_ms(3000);
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = CHECK_SYS(open(path, O_WRONLY));
	CHECK_ERR(write(fd, "other", 5), EINVAL);
	close(fd);
	kill(pid, SIGKILL);
	WAIT_CHILD(pid);
}

/* Count the lines of text starting with prefix. */
static int count_lines(const char *text, const char *prefix)
{
	const char *line;
	int n = 0;

	for (line = text; *line; line += strcspn(line, "\n"),
	     line += *line == '\n')
		n += !strncmp(line, prefix, strlen(prefix));
	return n;
}

static void proc_stat_and_cpuinfo(void)
{
	static char buf[65536], info[65536];
	int cpus, fields = 0;
	char *p;

	CHECK_SYS(read_text("/proc/stat", buf, sizeof(buf)));
	CHECK(!strncmp(buf, "cpu  ", 5));
	/* the total line: "cpu" and ten counters */
	for (p = buf; *p != '\n'; p++)
		fields += *p == ' ' && p[1] != ' ';
	CHECK_EQ(fields, 10);
	cpus = count_lines(buf, "cpu") - 1;
	CHECK(cpus >= 1);
	CHECK(strstr(buf, "\nctxt ") && strstr(buf, "\nbtime ") &&
	      strstr(buf, "\nprocesses ") && strstr(buf, "\nprocs_blocked "));
	p = strstr(buf, "\nprocs_running ");
	CHECK(p && strtol(p + 15, NULL, 10) >= 1);
	CHECK_SYS(read_text("/proc/cpuinfo", info, sizeof(info)));
	CHECK_EQ(count_lines(info, "processor\t: "), cpus);
	CHECK(!strncmp(info, "processor\t: 0\n", 14));
#if defined(__x86_64__)
	p = strstr(info, "\nflags\t\t: ");
	CHECK(p && !strncmp(p + 10, "fpu ", 4));
#elif defined(__aarch64__)
	p = strstr(info, "\nFeatures\t: ");
	CHECK(p && !strncmp(p + 12, "fp ", 3));
#elif defined(__riscv)
	p = strstr(info, "\nisa\t\t: ");
	CHECK(p && !strncmp(p + 8, "rv64i", 5));
#endif
}

static void proc_uptime_loadavg(void)
{
	char buf[256];
	unsigned long up, running, total;
	long last;
	pid_t pid;
	int n;

	/* "seconds.cc idle.cc\n" */
	CHECK_SYS(read_text("/proc/uptime", buf, sizeof(buf)));
	{
		char *p;

		up = strtoul(buf, &p, 10);
		CHECK(p[0] == '.' && p[3] == ' ');
		strtoul(p + 4, &p, 10);
		CHECK(p[0] == '.' && p[3] == '\n' && !p[4]);
	}
	CHECK(up < 100000000);
	pid = CHECK_SYS(fork());
	if (pid == 0)
		_exit(0);
	CHECK_EXITED(pid, 0);
	CHECK_SYS(read_text("/proc/loadavg", buf, sizeof(buf)));
	{
		char *p = buf;

		for (n = 0; n < 3; n++) {
			strtoul(p, &p, 10);
			CHECK(p[0] == '.' && p[3] == ' ');
			p += 4;
		}
		running = strtoul(p, &p, 10);
		CHECK(*p == '/');
		total = strtoul(p + 1, &p, 10);
		last = strtol(p, &p, 10);
		CHECK(!strcmp(p, "\n"));
	}
	if (running < 1 || running > total || total < 2)
		ktap_fail("loadavg %lu/%lu", running, total);
	/* pids are handed out in order: ours came before, the child's was
	 * the last (or some other process's after it) */
	if (last < pid && last > getpid())
		ktap_fail("loadavg's last pid %ld, a child got %d", last,
			  (int)pid);
}

static void proc_mounts(void)
{
	char buf[8192];
	int root = 0, proc = 0;
	char *line;

	CHECK_SYS(rdlink("/proc/mounts", buf, sizeof(buf)));
	CHECK(!strcmp(buf, "self/mounts"));
	CHECK_SYS(read_text("/proc/self/mounts", buf, sizeof(buf)));
	for (line = buf; *line; line += strcspn(line, "\n"),
	     line += *line == '\n') {
		const char *p, *dir, *type;
		int spaces = 0;

		for (p = line; *p && *p != '\n'; p++)
			spaces += *p == ' ';
		CHECK_EQ(spaces, 5);
		dir = strchr(line, ' ') + 1;
		type = strchr(dir, ' ') + 1;
		root += !strncmp(dir, "/ ", 2);
		proc += !strncmp(dir, "/proc proc ", 11);
		(void)type;
	}
	CHECK(root >= 1 && proc == 1);
}

static void proc_statm_and_printk(void)
{
	char buf[256];
	unsigned long v[7];
	char *p = buf;
	int i;

	CHECK_SYS(read_text("/proc/self/statm", buf, sizeof(buf)));
	for (i = 0; i < 7; i++) {
		v[i] = strtoul(p, &p, 10);
		CHECK(*p == (i < 6 ? ' ' : '\n'));
	}
	CHECK(v[0] > 0 && v[1] > 0 && v[1] <= v[0] && v[3] > 0);
	CHECK_SYS(read_text("/proc/sys/kernel/printk", buf, sizeof(buf)));
	p = buf;
	for (i = 0; i < 4; i++) {
		v[i] = strtoul(p, &p, 10);
		CHECK(*p == (i < 3 ? '\t' : '\n'));
	}
	CHECK(v[0] >= 1 && v[0] <= 15);
}

/* ---- /dev ---- */

static void dev_nodes(void)
{
	static const struct { const char *path; int major, minor; } devs[] = {
		{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 },
		{ "/dev/full", 1, 7 }, { "/dev/random", 1, 8 },
		{ "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 },
		{ "/dev/console", 5, 1 },
	};
	struct stat st;
	unsigned int i;

	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		CHECK_SYS(stat(devs[i].path, &st));
		if (!S_ISCHR(st.st_mode) ||
		    st.st_rdev != (unsigned long)((devs[i].major << 8) |
						 devs[i].minor))
			ktap_fail("%s: mode %o rdev %lx", devs[i].path,
				  st.st_mode, (unsigned long)st.st_rdev);
	}
}

static void dev_urandom(void)
{
	static unsigned char big[100000];
	unsigned char a[64], b[64];
	int fd = CHECK_SYS(open("/dev/urandom", O_RDWR)), i, zeros = 0;

	CHECK_EQ(read(fd, a, sizeof(a)), 64);
	CHECK_EQ(read(fd, b, sizeof(b)), 64);
	CHECK(memcmp(a, b, sizeof(a)));
	for (i = 0; i < 64; i++)
		zeros += !a[i];
	CHECK(zeros < 16);
	CHECK_EQ(read(fd, big, sizeof(big)), sizeof(big));
	CHECK_ERR(read(fd, BAD_PTR, 16), EFAULT);
	/* writes are taken (and stirred in) */
	CHECK_EQ(write(fd, a, sizeof(a)), 64);
	CHECK_ERR(write(fd, BAD_PTR, 16), EFAULT);
	close(fd);
	fd = CHECK_SYS(open("/dev/random", O_RDONLY | O_NONBLOCK));
	CHECK_EQ(read(fd, a, sizeof(a)), 64);
	close(fd);
}

static void dev_full_and_zero(void)
{
	char buf[4096];
	int fd = CHECK_SYS(open("/dev/full", O_RDWR)), i;

	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		CHECK(!buf[i]);
	CHECK_ERR(write(fd, "x", 1), ENOSPC);
	close(fd);
	fd = CHECK_SYS(open("/dev/zero", O_RDWR));
	memset(buf, 'x', 16);
	CHECK_EQ(read(fd, buf, 16), 16);
	CHECK(!buf[0] && !buf[15]);
	CHECK_EQ(write(fd, buf, 16), 16);
	close(fd);
}

/* The session whose controlling terminal fd is, or -1. */
static long tty_sid(int fd)
{
	int sid = -1;

	return syscall(__NR_ioctl, fd, TIOCGSID, &sid) ? -1 : sid;
}

/* /dev/tty is the controlling terminal: none after setsid (ENXIO). */
static void dev_tty(void)
{
	pid_t pid;
	int fd;

	pid = CHECK_SYS(fork());
	if (pid == 0) {
		if (setsid() < 0)
			_exit(2);
		errno = 0;
		fd = open("/dev/tty", O_RDWR);
		_exit(fd == -1 && errno == ENXIO ? 0 : 1);
	}
	CHECK_EXITED(pid, 0);
	if (!isatty(0) || tty_sid(0) != syscall(__NR_getsid, 0))
		ktap_skip("stdin is not this session's terminal");
	fd = CHECK_SYS(open("/dev/tty", O_RDWR));
	CHECK(isatty(fd));
	CHECK_EQ(tty_sid(fd), syscall(__NR_getsid, 0));
	close(fd);
}

/* ---- the kernel log ---- */

/* Every line: "<level>[seconds.micros] text". */
static void check_log_lines(const char *text, long n)
{
	long i = 0;

	while (i < n) {
		const char *l = text + i, *p = l + 1;
		long len = (long)strcspn(l, "\n");

		if (l[0] != '<' || !strchr("0123456789", *p))
			ktap_fail("log line \"%.40s\" has no <level>", l);
		while (*p >= '0' && *p <= '9')
			p++;
		if (p[0] != '>' || p[1] != '[')
			ktap_fail("log line \"%.40s\": no [time]", l);
		if (i + len >= n || l[len] != '\n')
			ktap_fail("log text does not end in a newline");
		i += len + 1;
	}
}

static void syslog_read_all(void)
{
	static char buf[1 << 20], small[1 << 20];
	long size = CHECK_SYS(syscall(__NR_syslog, SYSLOG_SIZE_BUFFER, 0, 0));
	long unread = CHECK_SYS(syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0,
					0));
	long n, m;

	CHECK(size >= 4096 && size <= (long)sizeof(buf));
	CHECK(unread >= 0 && unread <= size);
	n = CHECK_SYS(syscall(__NR_syslog, SYSLOG_READ_ALL, buf, sizeof(buf)));
	CHECK(n <= size);
	check_log_lines(buf, n);
	if (n < 200)
		ktap_skip("only %ld bytes in the log", n);
	/* less room: the newest whole lines that fit */
	m = CHECK_SYS(syscall(__NR_syslog, SYSLOG_READ_ALL, small, n / 2));
	CHECK(m <= n / 2);
	check_log_lines(small, m);
	CHECK(m == 0 || small[0] == '<');
	/* reading it all consumes nothing */
	CHECK(syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0, 0) >= unread ||
	      !on_faultline());
}

static void syslog_errors(void)
{
	static char big[1 << 17];
	char buf[64];

	CHECK_ERR(syscall(__NR_syslog, SYSLOG_READ_ALL, NULL, 10), EINVAL);
	CHECK_ERR(syscall(__NR_syslog, SYSLOG_READ_ALL, buf, -1L), EINVAL);
	CHECK_EQ(syscall(__NR_syslog, SYSLOG_READ_ALL, buf, 0), 0);
	CHECK_ERR(syscall(__NR_syslog, SYSLOG_READ, NULL, 10), EINVAL);
	CHECK_ERR(syscall(__NR_syslog, SYSLOG_READ, buf, -1L), EINVAL);
	CHECK_EQ(syscall(__NR_syslog, SYSLOG_READ, buf, 0), 0);
	CHECK_ERR(syscall(__NR_syslog, 11, NULL, 0), EINVAL);
	CHECK_ERR(syscall(__NR_syslog, -1L, NULL, 0), EINVAL);
	CHECK_ERR(syscall(__NR_syslog, SYSLOG_CONSOLE_LEVEL, NULL, 0), EINVAL);
	CHECK_ERR(syscall(__NR_syslog, SYSLOG_CONSOLE_LEVEL, NULL, 9), EINVAL);
	CHECK_EQ(syscall(__NR_syslog, 0, NULL, 0), 0);	/* close */
	CHECK_EQ(syscall(__NR_syslog, 1, NULL, 0), 0);	/* open */
	/* a bad buffer is EFAULT once there is something to copy */
	if (syscall(__NR_syslog, SYSLOG_READ_ALL, big, sizeof(big)) > 0)
		CHECK_ERR(syscall(__NR_syslog, SYSLOG_READ_ALL, BAD_PTR,
				  sizeof(big)), EFAULT);
}

/* READ takes what nobody has read yet, and sleeps (interruptibly) while
 * there is none. */
static void on_usr1(int sig)
{
	(void)sig;
}

static void syslog_read_consumes(void)
{
	static char buf[1 << 17];
	long unread = CHECK_SYS(syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0,
					0));
	long n, rounds = 0;
	struct sigaction sa;
	pid_t pid;

	if (unread > 0) {
		CHECK_ERR(syscall(__NR_syslog, SYSLOG_READ, BAD_PTR, 16),
			  EFAULT);
		unread = syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0, 0);
	}
	if (unread > 10) {
		n = CHECK_SYS(syscall(__NR_syslog, SYSLOG_READ, buf, 10));
		CHECK_EQ(n, 10);
		n = syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0, 0);
		if (on_faultline())
			CHECK_EQ(n, unread - 10);
	}
	while (syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0, 0) > 0 &&
	       rounds++ < 100)
		CHECK_SYS(syscall(__NR_syslog, SYSLOG_READ, buf, sizeof(buf)));
	CHECK_EQ(syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0, 0), 0);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;	/* no SA_RESTART */
		sigaction(SIGUSR1, &sa, NULL);
		n = syscall(__NR_syslog, SYSLOG_READ, buf, sizeof(buf));
		/* a new message may come first on a busy machine */
		_exit(n == -1 && errno == EINTR ? 0 : n > 0 ? 3 : 1);
	}
	ktap_sleep_ms(300);
	CHECK_SYS(kill(pid, SIGUSR1));
	{
		int st = WAIT_CHILD(pid);

		if (WIFEXITED(st) && WEXITSTATUS(st) == 3 && !on_faultline())
			ktap_skip("a message arrived while READ slept");
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			ktap_fail("sleeping READ: %s", ktap_status(st));
	}
}

static void syslog_clear(void)
{
	static char buf[1 << 20];
	long before, after, size;

	size = syscall(__NR_syslog, SYSLOG_SIZE_BUFFER, 0, 0);
	before = CHECK_SYS(syscall(__NR_syslog, SYSLOG_READ_ALL, buf,
				   sizeof(buf)));
	if (before < 100)
		ktap_skip("only %ld bytes in the log", before);
	CHECK_EQ(syscall(__NR_syslog, SYSLOG_READ_CLEAR, buf, sizeof(buf)),
		 before);
	after = CHECK_SYS(syscall(__NR_syslog, SYSLOG_READ_ALL, buf,
				  sizeof(buf)));
	CHECK(after < before);
	if (on_faultline())
		CHECK_EQ(after, 0);
	CHECK_SYS(syscall(__NR_syslog, SYSLOG_CLEAR, 0, 0));
	CHECK(syscall(__NR_syslog, SYSLOG_READ_ALL, buf, sizeof(buf)) <
	      before);
	CHECK_EQ(syscall(__NR_syslog, SYSLOG_SIZE_BUFFER, 0, 0), size);
}

static int console_level(void)
{
	char buf[64];

	if (read_text("/proc/sys/kernel/printk", buf, sizeof(buf)) <= 0)
		ktap_fail("cannot read /proc/sys/kernel/printk");
	return atoi(buf);
}

static void syslog_console_levels(void)
{
	int old = console_level(), ok;

	CHECK_SYS(syscall(__NR_syslog, SYSLOG_CONSOLE_LEVEL, 0, 5));
	ok = console_level() == 5;
	syscall(__NR_syslog, SYSLOG_CONSOLE_OFF, 0, 0);
	ok = ok && console_level() == 1;
	syscall(__NR_syslog, SYSLOG_CONSOLE_OFF, 0, 0);	/* twice */
	ok = ok && console_level() == 1;
	syscall(__NR_syslog, SYSLOG_CONSOLE_ON, 0, 0);
	ok = ok && console_level() == 5;
	syscall(__NR_syslog, SYSLOG_CONSOLE_ON, 0, 0);	/* nothing saved */
	ok = ok && console_level() == 5;
	syscall(__NR_syslog, SYSLOG_CONSOLE_LEVEL, 0, 8);
	ok = ok && console_level() == 8;
	syscall(__NR_syslog, SYSLOG_CONSOLE_LEVEL, 0, old > 8 ? 8 : old);
	if (!ok)
		ktap_fail("console level did not follow (now %d, was %d)",
			  console_level(), old);
}

static void syslog_unprivileged(void)
{
	char buf[4096];
	int restrict_ = 0;
	pid_t pid;

	if (read_text("/proc/sys/kernel/dmesg_restrict", buf, sizeof(buf)) > 0)
		restrict_ = atoi(buf);
	pid = CHECK_SYS(fork());
	if (pid == 0) {
		long size, all;

		if (syscall(__NR_setresuid, U1, U1, U1))
			_exit(10);
		size = syscall(__NR_syslog, SYSLOG_SIZE_BUFFER, 0, 0);
		all = syscall(__NR_syslog, SYSLOG_READ_ALL, buf, sizeof(buf));
		if (restrict_ ? size != -1 || all != -1 : size <= 0 || all < 0)
			_exit(11);
		if (syscall(__NR_syslog, SYSLOG_CLEAR, 0, 0) != -1 ||
		    errno != EPERM ||
		    syscall(__NR_syslog, SYSLOG_CONSOLE_LEVEL, 0, 5) != -1 ||
		    errno != EPERM ||
		    syscall(__NR_syslog, SYSLOG_SIZE_UNREAD, 0, 0) != -1 ||
		    errno != EPERM ||
		    syscall(__NR_syslog, 99, 0, 0) != -1 || errno != EPERM)
			_exit(12);
		_exit(0);
	}
	CHECK_EXITED(pid, 0);
}

/* The CPU count of a /sys list such as "0" or "0-3". */
static int cpus_in_list(const char *path)
{
	char buf[64];
	int fd = (int)CHECK_SYS(open(path, O_RDONLY)), lo, hi;
	size_t n = ktap_read_all(fd, buf, sizeof(buf));

	close(fd);
	CHECK(n > 0 && buf[n - 1] == '\n');
	lo = atoi(buf);
	CHECK_EQ(lo, 0);
	if (!strchr(buf, '-'))
		return 1;
	hi = atoi(strchr(buf, '-') + 1);
	return hi - lo + 1;
}

/* /sys/devices/system/cpu says as many CPUs online as /proc/cpuinfo
 * lists, in /sys's list format. */
static void sys_cpu_lists(void)
{
	char buf[16384];
	int fd = (int)CHECK_SYS(open("/proc/cpuinfo", O_RDONLY)), n = 0;
	char *p;

	ktap_read_all(fd, buf, sizeof(buf));
	close(fd);
	for (p = buf; (p = strstr(p, "processor")); p++)
		n++;
	CHECK(n >= 1);
	CHECK_EQ(cpus_in_list("/sys/devices/system/cpu/online"), n);
	CHECK(cpus_in_list("/sys/devices/system/cpu/possible") >= n);
	CHECK(cpus_in_list("/sys/devices/system/cpu/present") >= n);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sys_cpu_lists),
	KTAP_CASE(uname_says_linux),
	KTAP_CASE(sethostname_roundtrip),
	KTAP_CASE(sethostname_errors),
	KTAP_CASE(proc_hostname_write),
	KTAP_CASE(proc_sys_kernel),
	KTAP_CASE(ids_start_as_root),
	KTAP_CASE(getres_efault),
	KTAP_CASE(setuid_rules),
	KTAP_CASE(setuid_as_root_sets_all),
	KTAP_CASE(setreuid_rules),
	KTAP_CASE(setresuid_rules),
	KTAP_CASE(setfsuid_rules),
	KTAP_CASE(setgid_family_rules),
	KTAP_CASE(supplementary_groups),
	KTAP_CASE(ids_across_fork_and_exec),
	KTAP_CASE(cred_change_resets_pdeathsig_and_dumpable),
	KTAP_CASE(priority_raw_values),
	KTAP_CASE(priority_errors),
	KTAP_CASE(priority_pgrp_and_user),
	KTAP_CASE(prctl_name),
	KTAP_CASE(prctl_pdeathsig_values),
	KTAP_CASE(prctl_pdeathsig_delivered),
	KTAP_CASE(prctl_dumpable),
	KTAP_CASE(prctl_no_new_privs),
	KTAP_CASE(prctl_tid_address),
	KTAP_CASE(prctl_unknown_option),
	KTAP_CASE(proc_self_exe),
	KTAP_CASE(proc_fd_links),
	KTAP_CASE(proc_fdinfo),
	KTAP_CASE(proc_task_dir),
	KTAP_CASE(proc_comm_write),
	KTAP_CASE(proc_stat_and_cpuinfo),
	KTAP_CASE(proc_uptime_loadavg),
	KTAP_CASE(proc_mounts),
	KTAP_CASE(proc_statm_and_printk),
	KTAP_CASE(dev_nodes),
	KTAP_CASE(dev_urandom),
	KTAP_CASE(dev_full_and_zero),
	KTAP_CASE(dev_tty),
	KTAP_CASE(syslog_read_all),
	KTAP_CASE(syslog_errors),
	KTAP_CASE(syslog_read_consumes),
	KTAP_CASE(syslog_clear),
	KTAP_CASE(syslog_console_levels),
	KTAP_CASE(syslog_unprivileged),
};

int main(int argc, char **argv, char **envp)
{
	env = envp;
	ktap_argv0 = argv[0];
	if (argc > 1 && !strncmp(argv[1], "--", 2))
		return helper(argc, argv);
	return ktap_run("sysinfo", cases, KTAP_NCASES(cases)) ? 1 : 0;
}
