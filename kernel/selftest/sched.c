/* Self-test: kernel threads run, sleep and wake through wait queues, take
 * turns, exit, and leave no memory behind. Runs in the idle task, which
 * waits for its threads like any sleeper. */
#include <selftest.h>
#include <sched.h>
#include <page.h>

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

static const struct ktap_case sched_cases[] = {
	KTAP_CASE(threads_take_turns),
	KTAP_CASE(sleeper_wakes_only_when_told),
};
KTAP_SUITE(sched_suite, "sched", sched_cases);
