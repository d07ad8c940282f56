/*
 * System calls about time and the machine: clocks and sleeping,
 * getrandom, sysinfo, reboot. (uname is in kernel/utsname.c, user ids in
 * kernel/cred.c.)
 */
#include <syscalls.h>
#include <sched.h>
#include <time.h>
#include <timer.h>
#include <uaccess.h>
#include <random.h>
#include <string.h>
#include <page.h>
#include <arch.h>
#include <asm/elf.h>
#include <uapi/errno.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

struct user_timespec {
	long sec, nsec;
};

/* Every wall clock counts from boot: there is no real-time clock, so
 * CLOCK_REALTIME starts at the epoch (1970) when the machine boots. The
 * CPU-time clocks count the user and system ticks of the thread or of
 * its whole process (kernel/rusage.c), to the tick. */
static long clock_now(int clock, u64 *ns)
{
	struct usage u;

	switch (clock) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		usage_of_process(current->group_leader, &u);
		*ns = (u64)(u.utime + u.stime) * TICK_NSEC;
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (u64)(current->utime + current->stime) * TICK_NSEC;
		return 0;
	}
	return -EINVAL;
}

static long put_timespec(unsigned long uts, u64 ns)
{
	struct user_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return copy_to_user((void __user *)uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_gettime(int clock, unsigned long tp)
{
	u64 ns;
	long err = clock_now(clock, &ns);

	return err ? err : put_timespec(tp, ns);
}

long sys_clock_getres(int clock, unsigned long tp)
{
	u64 ns;
	long err = clock_now(clock, &ns);

	if (err || !tp)
		return err;
	return put_timespec(tp, 1);
}

long sys_gettimeofday(unsigned long tv, unsigned long tz)
{
	u64 ns = ktime_get_ns();
	struct { long sec, usec; } t = { ns / NSEC_PER_SEC,
					 (ns % NSEC_PER_SEC) / 1000 };
	static const int zero_tz[2];

	if (tv && copy_to_user((void __user *)tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user((void __user *)tz, zero_tz, sizeof(zero_tz)))
		return -EFAULT;
	return 0;
}

/* x86_64's time(2): seconds since the epoch (here: since boot, as
 * CLOCK_REALTIME), also stored at tloc if that is not NULL. */
long sys_time(unsigned long tloc)
{
	long now = (long)(ktime_get_ns() / NSEC_PER_SEC);

	if (tloc && put_user(now, (long __user *)tloc))
		return -EFAULT;
	return now;
}

/* Sleep until the monotonic deadline; on a signal write what is left. */
static long sleep_until(u64 deadline, unsigned long rem)
{
	int ret = sleep_until_deadline(deadline);
	u64 now;

	if (!ret)
		return 0;
	now = ktime_get_ns();
	if (rem && put_timespec(rem, deadline > now ? deadline - now : 0))
		return -EFAULT;
	/* EINTR if a handler runs; after a stop, the same sleep goes on. */
	return restart_at(deadline);
}

static long get_timespec_ns(unsigned long uts, u64 *ns)
{
	struct user_timespec ts;

	if (copy_from_user(&ts, (void __user *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	*ns = time_to_ns_sat((u64)ts.sec, (u64)ts.nsec);
	return 0;
}

long sys_nanosleep(unsigned long req, unsigned long rem)
{
	u64 ns;
	long err = get_timespec_ns(req, &ns);

	return err ? err :
	       sleep_until(restart_deadline(ns_add_sat(ktime_get_ns(), ns)),
			   rem);
}

long sys_clock_nanosleep(int clock, int flags, unsigned long req,
			 unsigned long rem)
{
	u64 ns, now;
	long err;

	/* Sleeping on a CPU-time clock: Linux refuses the thread's (EINVAL)
	 * and can wait for the process's; here both are refused. */
	if (clock == CLOCK_THREAD_CPUTIME_ID || clock == CLOCK_PROCESS_CPUTIME_ID)
		return -EINVAL;
	err = clock_now(clock, &now);
	if (!err)
		err = get_timespec_ns(req, &ns);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME)
		return sleep_until(ns, 0);
	return sleep_until(restart_deadline(ns_add_sat(now, ns)), rem);
}

#define GRND_NONBLOCK	1
#define GRND_RANDOM	2
#define GRND_INSECURE	4

long sys_getrandom(unsigned long buf, size_t count, unsigned int flags)
{
	unsigned char chunk[64];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done :
							    sizeof(chunk);

		get_random_bytes(chunk, n);
		if (copy_to_user((void __user *)(buf + done), chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}

#define REBOOT_MAGIC1		0xfee1dead
#define REBOOT_MAGIC2		672274793
#define REBOOT_CMD_RESTART	0x01234567
#define REBOOT_CMD_HALT		0xcdef0123
#define REBOOT_CMD_POWER_OFF	0x4321fedc

long sys_reboot(int magic1, int magic2, unsigned int cmd, unsigned long arg)
{
	(void)arg;
	/* Only root may (CAP_SYS_BOOT), asked before the magic numbers. */
	if (!cred_privileged(current))
		return -EPERM;
	if ((unsigned int)magic1 != REBOOT_MAGIC1 || magic2 != REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case REBOOT_CMD_RESTART: case REBOOT_CMD_HALT:
	case REBOOT_CMD_POWER_OFF:
		arch_poweroff(0);
	}
	return -EINVAL;
}

struct user_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char reserved[4];
};

long sys_sysinfo(unsigned long info)
{
	struct user_sysinfo si;
	struct list_head *pos;

	memset(&si, 0, sizeof(si));
	si.uptime = ktime_get_ns() / NSEC_PER_SEC;
	si.totalram = nr_total_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	list_for_each(pos, &all_tasks)
		si.procs++;
	si.mem_unit = 1;
	return copy_to_user((void __user *)info, &si, sizeof(si)) ? -EFAULT : 0;
}
