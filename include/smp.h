/*
 * Several CPUs (kernel/smp.c): what each CPU keeps for itself, how
 * secondary CPUs are started, interrupts between CPUs (IPIs) and calls run
 * on other CPUs. docs/smp.md tells the whole story.
 *
 * Locking at this stage is the big kernel lock (include/bkl.h): a CPU
 * holds it whenever it runs kernel code, except in the idle loop's wait,
 * in the IPI handler and while it spins for the lock itself. User code
 * runs on every CPU at once; kernel code on one CPU at a time.
 */
#ifndef FAULTLINE_SMP_H
#define FAULTLINE_SMP_H

#include <types.h>
#include <compiler.h>
#include <atomic.h>
#include <asm/smp.h>

/* At most this many CPUs are used; firmware may describe more. */
#define NR_CPUS 8

struct task;
struct mm_struct;
struct pt_regs;

/* A secondary CPU's start: the boot CPU waits for it to come up, and gives
 * up after a while; a CPU that comes later then parks itself for good. */
enum cpu_start_state {
	CPU_STARTING,
	CPU_STARTED,
	CPU_ABANDONED,
};

/* What a CPU asks of another: bits of struct cpu's ipi_pending. */
enum ipi_kind {
	IPI_RESCHEDULE,		/* a task became runnable: look again */
	IPI_CALL,		/* run call_fn(call_arg) (smp_call_on_cpu) */
	IPI_STOP,		/* the machine stops (panic, die_fatal) */
};

/*
 * One per CPU, in cpus[] by logical number. Each field is touched only by
 * its own CPU unless it says otherwise.
 */
struct cpu {
	/* First, so the arch's entry code finds its fields (asm/smp.h says
	 * which) at fixed offsets from its per-CPU register. */
	struct arch_cpu arch;
	struct task *task;		/* the task running here */
	struct task *idle;		/* this CPU's idle task */
	void *overflow_stack;		/* its own emergency stack (KSTACK_SIZE,
					 * guarded; NULL on the boot CPU, which
					 * has kstack_overflow_stack): where
					 * the arch's entry goes when a kernel
					 * stack is full (x86: #DF's IST) */
	unsigned int id;		/* logical number, 0 = the boot CPU */
	unsigned long hwid;		/* hart id, MPIDR affinity or APIC id
					 * (firmware's name for the CPU) */
	unsigned int irq_nesting;	/* interrupt handlers running here */
	const struct pt_regs *irq_regs;	/* what the outermost one interrupted */
	/* Ticks of this CPU spent in user mode, in the kernel, and idle
	 * (/proc/stat); counted by this CPU's own tick. */
	unsigned long ticks_user, ticks_system, ticks_idle;
	unsigned long context_switches;	/* schedule() picked another task */
	unsigned int bkl_depth;		/* how often this CPU took the BKL */
	struct mm_struct *active_mm;	/* whose user tables are loaded here;
					 * kernel threads and idle keep the
					 * last one (changed by this CPU under
					 * the BKL, or in an IPI from the BKL's
					 * holder: mm_drop_from_cpus) */
	bool online;			/* set by the CPU itself once it takes
					 * interrupts; read by all */
	int start_state;		/* enum cpu_start_state: the boot CPU
					 * and the starting one race on it */
	unsigned long ipi_pending;	/* enum ipi_kind bits; any CPU sets
					 * them atomically, this CPU clears */
	/* smp_call_on_cpu(): fn, arg and done written by the caller
	 * (holding the call lock, kernel/smp.c) before IPI_CALL; this CPU
	 * sets call_started once it has read them, and *done (the caller's
	 * own flag, none for a call that does not wait) once fn returned. */
	void (*call_fn)(void *arg);
	void *call_arg;
	int *call_done;
	int call_started;
	unsigned long ipis_received;	/* statistics (/proc/interrupts) */
};

extern struct cpu cpus[NR_CPUS];
/* CPUs the firmware describes (capped at NR_CPUS) and CPUs running. */
extern unsigned int nr_cpus_possible;
extern unsigned int nr_cpus_online;

/* This CPU's struct cpu: one register read (asm/smp.h). */
static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

static inline unsigned int smp_processor_id(void)
{
	return this_cpu()->id;
}

/* The task running on this CPU. */
#define current (this_cpu()->task)

#define for_each_online_cpu(c)						\
	for ((c) = &cpus[0]; (c) < &cpus[nr_cpus_possible]; (c)++)	\
		if (!READ_ONCE((c)->online)) {} else

/* Boot CPU: make cpus[0] this CPU's and name its hardware id. The first
 * thing start_kernel() does, so `current` works from then on. */
void smp_boot_cpu_init(struct task *idle);
/* Start every secondary CPU the firmware describes; returns how many CPUs
 * run. After the file systems are up; `nosmp` (or maxcpus=1) keeps them parked. */
unsigned int smp_init(void);
/* Where a secondary CPU's arch entry code goes once its MMU is on, with
 * its per-CPU register set and sp on its idle task's stack. */
void __noreturn secondary_start_kernel(void);

/* Ask cpu for something (enum ipi_kind); returns at once. */
void smp_send_ipi(struct cpu *cpu, enum ipi_kind kind);
/* Run fn(arg) on cpu (interrupts off there, no BKL) and wait until it
 * returned; on this CPU it is a plain call. Safe with interrupts off:
 * while it waits, this CPU still answers requests made to it. */
void smp_call_on_cpu(struct cpu *cpu, void (*fn)(void *), void *arg);
/* The same, returning as soon as cpu has started fn (fn and what it uses
 * must outlive the call; the self-tests run CPUs side by side with it). */
void smp_call_on_cpu_nowait(struct cpu *cpu, void (*fn)(void *), void *arg);
/* The same on every other online CPU, one after the other. */
void smp_call_on_others(void (*fn)(void *), void *arg);
/* The online CPUs as a mask (bit per logical CPU). */
unsigned long smp_online_mask(void);
/* Stop every other CPU (panic, die_fatal): they spin with interrupts off. */
void smp_stop_others(void);
/* The arch's interrupt code calls this for an IPI, outside irq_enter():
 * it handles every request pending for this CPU. */
void smp_ipi_interrupt(void);
/* Do the same from a spin loop with interrupts off, so a CPU waiting for
 * a lock still answers another CPU waiting for it (kernel/bkl.c). */
void smp_poll_ipis(void);

struct fdt_cpu;
/*
 * For arch_smp_enumerate() on device-tree machines: the boot CPU (whose
 * firmware id is boot_hwid) becomes cpus[0], the other /cpus nodes follow
 * in tree order up to NR_CPUS (the rest are named and left parked); ids
 * are compared under hwid_mask; found, if given, sees each cpu and its
 * node. Returns how many CPUs.
 */
unsigned int smp_cpus_from_fdt(const void *blob, unsigned long boot_hwid,
			       unsigned long hwid_mask,
			       void (*found)(struct cpu *, const struct fdt_cpu *));

/* ---- what the arch implements (arch/<arch>/smp.c), docs/porting.md ---- */

/*
 * Fill cpus[i].hwid for every CPU the firmware describes (device tree
 * /cpus, ACPI MADT), the boot CPU as cpus[0]; returns how many (at most
 * NR_CPUS; the rest are reported and left alone).
 */
unsigned int arch_smp_enumerate(void);

/*
 * Start cpu: it must come up with its MMU on the kernel page tables
 * (kernel_pgtable), its per-CPU register pointing at cpu, sp = stack_top
 * (on cpu->idle's kernel stack), its overflow stack cpu->overflow_stack
 * and interrupts off, and call secondary_start_kernel(). Returns 0 once the CPU was told to start, or
 * a negative errno (the firmware refused; the CPU stays parked).
 */
int arch_cpu_start(struct cpu *cpu, unsigned long stack_top);

/* On the new CPU, before it is online: trap vectors, this CPU's part of
 * the interrupt controller (IPIs unmasked), its timer at hz. */
void arch_secondary_cpu_init(unsigned int hz);

/* Raise the IPI on cpu; its handler calls smp_ipi_interrupt(). */
void arch_send_ipi(struct cpu *cpu);

/*
 * In asm/smp.h (inline):
 *   struct arch_cpu          per-CPU state the arch's entry code needs
 *   arch_this_cpu()          this CPU's struct cpu (one register read)
 *   arch_set_this_cpu(cpu)   load the per-CPU register
 *   arch_cpu_relax()         the spin-loop hint (pause, yield, nop)
 */

#endif
