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
#include <asm/irqflags.h>

struct cpu cpus[NR_CPUS];
unsigned int nr_cpus_possible = 1;
unsigned int nr_cpus_online = 1;

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

/* Every request pending for this CPU; interrupts are off. */
static void handle_ipis(struct cpu *c)
{
	unsigned long pending = atomic_fetch_clear(&c->ipi_pending);

	if (pending & (1UL << IPI_CALL)) {
		void (*fn)(void *) = c->call_fn;
		void *arg = c->call_arg;

		store_release(&c->call_started, 1);
		fn(arg);
		store_release(&c->call_done, 1);
	}
	if (pending & (1UL << IPI_RESCHEDULE)) {
		/* The idle loop looks at the run queue anyway; a user task
		 * gives the CPU up on its way back to user mode. */
		if (c->task != c->idle)
			c->task->need_resched = true;
	}
	if (pending & (1UL << IPI_STOP)) {
		WRITE_ONCE(c->online, false);
		for (;;)
			arch_wait_for_interrupt();
	}
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

/* Serializes smp_call_on_cpu() callers: each target has one call slot. */
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
	store_release(&cpu->call_started, 0);
	store_release(&cpu->call_done, 0);
	smp_send_ipi(cpu, IPI_CALL);
	/* The slot is free again once the target has read it. */
	wait_for_flag(&cpu->call_started);
	if (wait)
		wait_for_flag(&cpu->call_done);
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

	arch_secondary_cpu_init(HZ);
	c->active_mm = NULL;
	store_release(&c->online, true);
	bkl_lock();
	cpu_idle();
}

static bool start_one(struct cpu *c)
{
	struct task *idle = idle_task_create(c->id);
	u64 deadline;
	int err;

	if (!idle) {
		printk("smp: cpu%u (hwid %#lx): no memory for its idle task\n",
		       c->id, c->hwid);
		return false;
	}
	c->idle = idle;
	c->task = idle;
	err = arch_cpu_start(c, (unsigned long)idle->kstack + KSTACK_SIZE);
	if (err) {
		printk("smp: cpu%u (hwid %#lx) refused to start (error %d)\n",
		       c->id, c->hwid, err);
		task_struct_free(idle);
		c->idle = c->task = NULL;
		return false;
	}
	deadline = ktime_get_ns() + CPU_START_TIMEOUT_NS;
	while (!load_acquire(&c->online)) {
		if (ktime_get_ns() > deadline) {
			/* Its idle task stays allocated: the CPU may still be
			 * running on that stack. */
			printk("smp: cpu%u (hwid %#lx) did not come up\n",
			       c->id, c->hwid);
			return false;
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
