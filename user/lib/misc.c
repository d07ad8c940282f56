/* Time, sleeping, identity of the machine, randomness, futexes, reboot. */
#include <time.h>
#include <unistd.h>
#include <sys/futex.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include "libc.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return __syscall_ret(SC2(clock_gettime, clk, ts));
}

int clock_getres(clockid_t clk, struct timespec *ts)
{
	return __syscall_ret(SC2(clock_getres, clk, ts));
}

int gettimeofday(struct timeval *tv, void *tz)
{
	return __syscall_ret(SC2(gettimeofday, tv, tz));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall_ret(SC2(nanosleep, req, rem));
}

/* Returns the seconds left if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { .tv_sec = seconds }, rem;

	if (nanosleep(&ts, &rem) < 0 && errno == EINTR)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = {
		.tv_sec = usec / 1000000,
		.tv_nsec = (long)(usec % 1000000) * 1000,
	};

	return nanosleep(&ts, NULL);
}

int uname(struct utsname *u)
{
	return __syscall_ret(SC1(uname, u));
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return __syscall_ret(SC3(getrandom, buf, len, flags));
}

long futex(int *uaddr, int op, int val, const struct timespec *timeout,
	   int *uaddr2, int val3)
{
	return __syscall_ret(SC6(futex, uaddr, op, val, timeout, uaddr2, val3));
}

#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793

int reboot(int cmd)
{
	return __syscall_ret(SC4(reboot, LINUX_REBOOT_MAGIC1,
				 LINUX_REBOOT_MAGIC2, (unsigned int)cmd, 0));
}
