/*
 * The fault trace: a ring of the last FAULT_TRACE_SIZE faults (address,
 * decoded flags, result, the arch's cause), printed live with the
 * "faulttrace" boot option so a student can watch demand paging happen,
 * and on demand from the monitor's "faults" command.
 */
#include <fault.h>
#include <cmdline.h>
#include <printk.h>

#define FAULT_TRACE_SIZE 64

struct fault_trace_entry {
	unsigned long addr;
	unsigned int flags;
	enum fault_action action;
	const char *cause;
};

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
	struct fault_trace_entry *e = &ring[recorded++ % FAULT_TRACE_SIZE];

	*e = (struct fault_trace_entry){ addr, flags, action, cause };
	if (boot_options.faulttrace)
		print_entry(e);
}

void fault_trace_dump(void)
{
	unsigned long i = recorded > FAULT_TRACE_SIZE ?
			  recorded - FAULT_TRACE_SIZE : 0;
	int a;

	printk("faults by result:");
	for (a = 0; a < NR_FAULT_ACTIONS; a++)
		printk(" %s=%lu", fault_action_name(a), fault_action_counts[a]);
	printk("\nlast %lu of %lu faults:\n", recorded - i, recorded);
	for (; i < recorded; i++)
		print_entry(&ring[i % FAULT_TRACE_SIZE]);
}
