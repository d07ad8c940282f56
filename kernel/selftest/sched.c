/* Self-test: kernel threads run, sleep and wake through wait queues, take
 * turns, exit, and leave no memory behind. Runs in the idle task, which
 * waits for its threads like any sleeper. */
#include <selftest.h>
#include <sched.h>
#include <page.h>
#include <rwsem.h>

static struct wait_queue turn_wq = WAIT_QUEUE_INIT(turn_wq);
static volatile int turn, rounds_done, finished;

#define ROUNDS 50

/* Two threads hand a token back and forth: each waits for its turn. */
static int ping_pong(void *arg)
{
	int me = (int)(long)arg, i;

	for (i = 0; i < ROUNDS; i++) {
		wait_event(turn_wq, turn == me);
		rounds_done++;
		turn = !me;
		wake_up(&turn_wq);
	}
	finished++;
	wake_up(&turn_wq);
	return 0;
}

static void threads_take_turns(struct ktap_case_state *t)
{
	unsigned long free_before = nr_free_pages();
	struct task *a, *b;

	turn = 0;
	rounds_done = 0;
	finished = 0;
	a = kthread_create("ping", ping_pong, (void *)0L);
	b = kthread_create("pong", ping_pong, (void *)1L);
	REQUIRE(t, a && b);
	EXPECT(t, a->pid != b->pid);
	wait_event(turn_wq, finished == 2);
	EXPECT_EQ(t, rounds_done, 2 * ROUNDS);
	/* Both exited; the idle task ignores its children, so they are
	 * reaped at once and freed when they leave the CPU for good. */
	schedule();
	EXPECT_EQ(t, nr_free_pages(), free_before);
}

static int sleeper(void *arg)
{
	(void)arg;
	wait_event(turn_wq, turn == 7);
	finished = 1;
	return 0;
}

static void sleeper_wakes_only_when_told(struct ktap_case_state *t)
{
	finished = 0;
	turn = 0;
	REQUIRE(t, kthread_create("sleeper", sleeper, NULL));
	schedule();		/* it runs and goes to sleep */
	wake_up(&turn_wq);	/* a wake-up with the condition still false */
	schedule();
	EXPECT_EQ(t, finished, 0);
	turn = 7;
	wake_up(&turn_wq);
	wait_event(turn_wq, finished == 1);
	EXPECT_EQ(t, finished, 1);
	schedule();
}

static struct rw_semaphore test_sem;
static volatile int reader_state;	/* 1 waiting, 2 holds the lock */

static int reader(void *arg)
{
	(void)arg;
	reader_state = 1;
	down_read(&test_sem);
	reader_state = 2;
	up_read(&test_sem);
	wake_up(&turn_wq);
	return 0;
}

/* The mmap lock's rwsem puts a contended reader to sleep (off the run
 * queue) until the writer lets go. */
static void rwsem_reader_sleeps_until_writer_leaves(struct ktap_case_state *t)
{
	struct task *r;

	reader_state = 0;
	down_write(&test_sem);
	r = kthread_create("reader", reader, NULL);
	REQUIRE(t, r);
	schedule();		/* the reader runs into the lock */
	EXPECT_EQ(t, reader_state, 1);
	EXPECT_EQ(t, r->state, TASK_UNINTERRUPTIBLE);
	EXPECT(t, test_sem.contended >= 1);
	up_write(&test_sem);
	wait_event(turn_wq, reader_state == 2);
	EXPECT_EQ(t, reader_state, 2);
	schedule();
}

static const struct ktap_case sched_cases[] = {
	KTAP_CASE(threads_take_turns),
	KTAP_CASE(sleeper_wakes_only_when_told),
	KTAP_CASE(rwsem_reader_sleeps_until_writer_leaves),
};
KTAP_SUITE(sched_suite, "sched", sched_cases);
