/*
 * poll, ppoll, select and pselect6 (kernel/fs/poll.c). A file says what it
 * is ready for through its poll operation (include/fs.h): it returns the
 * POLL* bits that hold now and, the first time it is asked, names with
 * poll_wait() each wait queue that is woken when they may change. The
 * caller sleeps on all of those queues at once, and asks every file again
 * after any wake-up.
 */
#ifndef FAULTLINE_POLL_H
#define FAULTLINE_POLL_H

#include <types.h>
#include <sched.h>

/* Linux's event bits (asm-generic/poll.h). */
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

/* What a file without a poll operation is: always ready both ways. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* At most this many queues per file (a pipe opened read-write: two). */
#define POLL_QUEUES_PER_FILE 2

/* Who is asking, and how it wants to be queued on each wait queue a file
 * names: poll and select (kernel/fs/poll.c) for one call, epoll
 * (kernel/fs/eventpoll.c) for as long as the file is watched. */
struct poll_table {
	void (*queue)(struct poll_table *pt, struct wait_queue *wq);
};

/* From a file's poll operation: wake the poller when wq is woken. pt is
 * NULL when the caller only asks (no waiting, or not the first look). */
static inline void poll_wait(struct wait_queue *wq, struct poll_table *pt)
{
	if (pt)
		pt->queue(pt, wq);
}

/* The file's ready bits, registering on its queues if pt is given. */
struct file;
unsigned int file_poll(struct file *f, struct poll_table *pt);

#endif
