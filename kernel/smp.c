/*
 * Several CPUs (include/smp.h): the per-CPU table, starting the secondary
 * CPUs the firmware describes, requests between CPUs (IPIs) and calls run
 * on another CPU. How a CPU is found, started and interrupted is the
 * arch's (arch/<arch>/smp.c); everything around it is here.
 */
#include <smp.h>
#include <bkl.h>
#include <sched.h>
#include <spinlock.h>
#include <printk.h>
#include <cmdline.h>
#include <time.h>
#include <arch.h>
#include <fdt.h>
#include <kernel_map.h>
#include <asm/irqflags.h>

struct cpu cpus[NR_CPUS];
unsigned int nr_cpus_possible = 1;
unsigned int nr_cpus_online = 1;

/* More cpu nodes than this in a device tree are not even looked at. */
#define MAX_FDT_CPUS 64

unsigned int smp_cpus_from_fdt(const void *blob, unsigned long boot_hwid,
			       unsigned long hwid_mask,
			       void (*found)(struct cpu *, const struct fdt_cpu *))
{
	static struct fdt_cpu nodes[MAX_FDT_CPUS];
	unsigned int n = 1;
	bool boot_seen = false;
	int total, i;

	cpus[0].hwid = boot_hwid;
	if (!blob)
		return 1;
	total = fdt_cpus(blob, nodes, MAX_FDT_CPUS);
	if (total > MAX_FDT_CPUS) {
		printk("smp: the device tree describes %d CPUs; looking at %d\n",
		       total, MAX_FDT_CPUS);
		total = MAX_FDT_CPUS;
	}
	for (i = 0; i < total; i++) {
		struct cpu *c;

		if ((nodes[i].hwid & hwid_mask) == boot_hwid && !boot_seen) {
			boot_seen = true;
			c = &cpus[0];
		} else if (n < NR_CPUS) {
			c = &cpus[n++];
		} else {
			printk("smp: CPU %#llx left parked (NR_CPUS is %d)\n",
			       nodes[i].hwid, NR_CPUS);
			continue;
		}
		c->hwid = nodes[i].hwid & hwid_mask;
		if (found)
			found(c, &nodes[i]);
	}
	if (!boot_seen)
		printk("smp: the boot CPU (%#lx) is not in the device tree's /cpus\n",
		       boot_hwid);
	return n;
}

/* How long the boot CPU waits for a started CPU to say it is online. */
#define CPU_START_TIMEOUT_NS (2 * NSEC_PER_SEC)

void smp_boot_cpu_init(struct task *idle)
{
	struct cpu *c = &cpus[0];

	arch_set_this_cpu(c);
	c->id = 0;
	c->idle = idle;
	c->task = idle;
	c->online = true;
}

void smp_send_ipi(struct cpu *cpu, enum ipi_kind kind)
{
	atomic_set_bit(&cpu->ipi_pending, kind);
	arch_send_ipi(cpu);
}

/*
 * Every request pending for this CPU; interrupts are off. It counts as an
 * interrupt handler: an oops in a call cannot be blamed on the task this
 * CPU was running (kernel/oops.c).
 */
static void handle_ipis(struct cpu *c)
{
	unsigned long pending = atomic_fetch_clear(&c->ipi_pending);

	c->irq_nesting++;
	if (pending & (1UL << IPI_CALL)) {
		void (*fn)(void *) = c->call_fn;
		void *arg = c->call_arg;
		int *done = c->call_done;

		store_release(&c->call_started, 1);
		fn(arg);
		if (done)
			store_release(done, 1);
	}
	if (pending & (1UL << IPI_RESCHEDULE)) {
		/* The idle loop looks at the run queue anyway; a user task
		 * gives the CPU up on its way back to user mode. */
		if (c->task != c->idle)
			c->task->need_resched = true;
	}
	if (pending & (1UL << IPI_STOP)) {
		/* Spin rather than wait for an interrupt: x86's wait lets
		 * interrupts in for the hlt, and a stopped CPU takes none. */
		WRITE_ONCE(c->online, false);
		for (;;)
			arch_cpu_relax();
	}
	c->irq_nesting--;
}

void smp_ipi_interrupt(void)
{
	struct cpu *c = this_cpu();

	c->ipis_received++;
	handle_ipis(c);
}

void smp_poll_ipis(void)
{
	struct cpu *c = this_cpu();

	if (READ_ONCE(c->ipi_pending))
		handle_ipis(c);
}

/* Serializes every smp_call_on_cpu() caller, whatever the target: each
 * target has one call slot. (So an x86 shootdown asks one CPU after the
 * other; a slot per caller and target would let it ask all at once.) */
static DEFINE_SPINLOCK(call_lock);

/* Wait for *flag with interrupts off, answering this CPU's own requests
 * meanwhile: the CPU we wait for may be waiting for us. */
static void wait_for_flag(int *flag)
{
	while (!load_acquire(flag)) {
		smp_poll_ipis();
		arch_cpu_relax();
	}
}

static void call_on_cpu(struct cpu *cpu, void (*fn)(void *), void *arg,
			bool wait)
{
	unsigned long flags = arch_irq_save();
	int done = 0;

	if (cpu == this_cpu()) {
		fn(arg);
		arch_irq_restore(flags);
		return;
	}
	while (!spin_trylock(&call_lock)) {
		smp_poll_ipis();
		arch_cpu_relax();
	}
	cpu->call_fn = fn;
	cpu->call_arg = arg;
	/* Our own flag: a late store for an earlier call that did not wait
	 * cannot be taken for this call's end. */
	cpu->call_done = wait ? &done : NULL;
	store_release(&cpu->call_started, 0);
	smp_send_ipi(cpu, IPI_CALL);
	/* The slot is free again once the target has read it. */
	wait_for_flag(&cpu->call_started);
	if (wait)
		wait_for_flag(&done);
	spin_unlock(&call_lock);
	arch_irq_restore(flags);
}

void smp_call_on_cpu(struct cpu *cpu, void (*fn)(void *), void *arg)
{
	call_on_cpu(cpu, fn, arg, true);
}

void smp_call_on_cpu_nowait(struct cpu *cpu, void (*fn)(void *), void *arg)
{
	call_on_cpu(cpu, fn, arg, false);
}

void smp_call_on_others(void (*fn)(void *), void *arg)
{
	struct cpu *c, *me = this_cpu();

	for_each_online_cpu(c)
		if (c != me)
			smp_call_on_cpu(c, fn, arg);
}

unsigned long smp_online_mask(void)
{
	unsigned long mask = 0;
	struct cpu *c;

	for_each_online_cpu(c)
		mask |= 1UL << c->id;
	return mask;
}

void smp_stop_others(void)
{
	struct cpu *c, *me = this_cpu();

	for_each_online_cpu(c)
		if (c != me)
			smp_send_ipi(c, IPI_STOP);
}

void __noreturn secondary_start_kernel(void)
{
	struct cpu *c = this_cpu();

	/* Too late: the boot CPU gave up on us and goes on without. */
	if (__atomic_exchange_n(&c->start_state, CPU_STARTED,
				__ATOMIC_SEQ_CST) == CPU_ABANDONED) {
		WRITE_ONCE(c->start_state, CPU_ABANDONED);
		for (;;)
			arch_cpu_relax();
	}
	arch_secondary_cpu_init(HZ);
	c->active_mm = NULL;
	store_release(&c->online, true);
	bkl_lock();
	cpu_idle();
}

static bool start_one(struct cpu *c)
{
	struct task *idle = idle_task_create(c->id);
	bool told = false;
	u64 deadline;
	int err;

	if (!idle) {
		printk("smp: cpu%u (hwid %#lx): no memory for its idle task\n",
		       c->id, c->hwid);
		return false;
	}
	/* Two CPUs whose stacks overflow at once must not share a stack. */
	c->overflow_stack = kstack_alloc();
	if (!c->overflow_stack) {
		printk("smp: cpu%u (hwid %#lx): no memory for its overflow stack\n",
		       c->id, c->hwid);
		task_struct_free(idle);
		return false;
	}
	c->idle = idle;
	c->task = idle;
	c->start_state = CPU_STARTING;
	err = arch_cpu_start(c, (unsigned long)idle->kstack + KSTACK_SIZE);
	if (err) {
		printk("smp: cpu%u (hwid %#lx) refused to start (error %d)\n",
		       c->id, c->hwid, err);
		task_struct_free(idle);
		kstack_free(c->overflow_stack);
		c->overflow_stack = NULL;
		c->idle = c->task = NULL;
		return false;
	}
	deadline = ktime_get_ns() + CPU_START_TIMEOUT_NS;
	while (!load_acquire(&c->online)) {
		int starting = CPU_STARTING;

		if (ktime_get_ns() > deadline &&
		    __atomic_compare_exchange_n(&c->start_state, &starting,
						CPU_ABANDONED, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			/* If it comes later it parks itself; its idle task
			 * stays allocated, it may run on that stack. */
			printk("smp: cpu%u (hwid %#lx) did not come up\n",
			       c->id, c->hwid);
			return false;
		}
		/* Past the deadline but started: it is on its way. Say so
		 * once, so that one that never gets there is seen. */
		if (!told && ktime_get_ns() > deadline) {
			told = true;
			printk("smp: cpu%u (hwid %#lx) started but is not online "
			       "after %llu s; waiting\n", c->id, c->hwid,
			       (unsigned long long)(CPU_START_TIMEOUT_NS /
						    NSEC_PER_SEC));
		}
		arch_cpu_relax();
	}
	return true;
}

unsigned int smp_init(void)
{
	unsigned int n = arch_smp_enumerate(), i, online = 1;

	if (n < 1)
		n = 1;
	for (i = 0; i < n; i++)
		cpus[i].id = i;
	if (boot_options.nosmp && n > 1) {
		printk("smp: nosmp: %u CPU(s) left parked\n", n - 1);
		n = 1;
	}
	nr_cpus_possible = n;
	for (i = 1; i < n; i++) {
		if (!start_one(&cpus[i]))
			continue;
		online++;
		WRITE_ONCE(nr_cpus_online, online);
	}
	/* Even when quiet: the test runner checks every CPU came up. */
	if (!boot_options.quiet || n > 1)
		printk("smp: %u of %u CPU(s) online\n", online, n);
	return online;
}
