/*
 * The fault trace: a ring of the last FAULT_TRACE_SIZE faults (address,
 * decoded flags, result, the arch's cause), printed live with the
 * "faulttrace" boot option so a student can watch demand paging happen,
 * and on demand from the monitor's "faults" command.
 */
#include <fault.h>
#include <cmdline.h>
#include <printk.h>
#include <spinlock.h>

#define FAULT_TRACE_SIZE 64

struct fault_trace_entry {
	unsigned long addr;
	unsigned int flags;
	enum fault_action action;
	const char *cause;
};

/* Guards ring and recorded: user faults record on several CPUs at once,
 * without the big kernel lock. */
static DEFINE_SPINLOCK(fault_trace_lock);
static struct fault_trace_entry ring[FAULT_TRACE_SIZE];
static unsigned long recorded;

static void print_entry(const struct fault_trace_entry *e)
{
	printk("fault: %#014lx %s %s -> %s (%s)\n", e->addr,
	       e->flags & FAULT_FLAG_USER ? "user" : "kernel",
	       e->flags & FAULT_FLAG_INSTRUCTION ? "exec" :
	       e->flags & FAULT_FLAG_WRITE ? "write" : "read",
	       fault_action_name(e->action), e->cause);
}

void fault_trace_record(unsigned long addr, unsigned int flags,
			enum fault_action action, const char *cause)
{
	struct fault_trace_entry e = { addr, flags, action, cause };
	unsigned long irq = spin_lock_irqsave(&fault_trace_lock);

	ring[recorded++ % FAULT_TRACE_SIZE] = e;
	spin_unlock_irqrestore(&fault_trace_lock, irq);
	if (boot_options.faulttrace)
		print_entry(&e);
}

void fault_trace_dump(void)
{
	static struct fault_trace_entry copy[FAULT_TRACE_SIZE];
	unsigned long irq = spin_lock_irqsave(&fault_trace_lock);
	unsigned long seen = recorded, i = seen > FAULT_TRACE_SIZE ?
					  seen - FAULT_TRACE_SIZE : 0;
	int a;

	/* A copy, so printing (slow) does not hold the lock. */
	for (a = 0; a < FAULT_TRACE_SIZE; a++)
		copy[a] = ring[a];
	spin_unlock_irqrestore(&fault_trace_lock, irq);

	printk("faults by result:");
	for (a = 0; a < NR_FAULT_ACTIONS; a++)
		printk(" %s=%lu", fault_action_name(a), fault_action_counts[a]);
	printk("\nlast %lu of %lu faults:\n", seen - i, seen);
	for (; i < seen; i++)
		print_entry(&copy[i % FAULT_TRACE_SIZE]);
}
