/*
 * Kernel stacks in the vmap area: each mapped page by page at a
 * KSTACK_ALIGN boundary with an unmapped gap below, so running off a stack
 * faults instead of overwriting what lies below; and the oops when that
 * happens (kstack_overflow, called by the arch's trap entry).
 */
#include <kernel_map.h>
#include <oops.h>
#include <page.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>

/*
 * Block b of the area is [VMAP_BASE + b * KSTACK_ALIGN, + KSTACK_ALIGN).
 * Stack s is the lower half of block s + 1 and its guard is the upper
 * half of block s, right below it, which is never mapped. The lower half
 * of block 0 is left alone too: the MMIO window ends right below it.
 */
#define NR_STACKS	(VMAP_SIZE / KSTACK_ALIGN - 1)
#define STACK_PAGES	(KSTACK_SIZE / PAGE_SIZE)
#define LONG_BITS	(8 * sizeof(long))

static unsigned long used[(NR_STACKS + LONG_BITS - 1) / LONG_BITS];
static unsigned long nr_allocated;

char kstack_overflow_stack[KSTACK_SIZE] __aligned(KSTACK_ALIGN);

static unsigned long stack_addr(unsigned long s)
{
	return VMAP_BASE + (s + 1) * KSTACK_ALIGN;
}

static bool slot_used(unsigned long s)
{
	return used[s / LONG_BITS] & (1UL << (s % LONG_BITS));
}

/* The lowest free slot: stacks stay packed, and so do their page tables. */
static long find_free_slot(void)
{
	unsigned long w, s;

	for (w = 0; w < ARRAY_SIZE(used); w++) {
		if (used[w] == ~0UL)
			continue;
		for (s = w * LONG_BITS; s < (w + 1) * LONG_BITS; s++)
			if (s < NR_STACKS && !slot_used(s))
				return (long)s;
	}
	return -1;
}

/*
 * User roots copy the kernel's root entries when they are made (x86_64,
 * riscv64): create the tables the area's root entries point to now, so a
 * stack mapped later shows in every address space. Only those stay; the
 * levels below come and go with the stacks.
 */
void vmap_init(void)
{
	unsigned long top = PT_LEVEL_SIZE(PT_LEVELS - 1);
	unsigned long va;

	for (va = ALIGN_DOWN(VMAP_BASE, top); va < VMAP_BASE + VMAP_SIZE;
	     va += top)
		if (!pgtable_pte(kernel_pgtable, va, true))
			panic("vmap: cannot create the tables at %#lx", va);
	pgtable_free_empty(kernel_pgtable, VMAP_BASE, VMAP_BASE + VMAP_SIZE);
}

/* Unmap the first n pages of the stack at va and free them. */
static void unmap_stack(unsigned long va, unsigned int n)
{
	struct page *pages[STACK_PAGES];
	unsigned int i;

	for (i = 0; i < n; i++) {
		phys_addr_t pa;

		if (!pgtable_translate(kernel_pgtable, va + i * PAGE_SIZE, &pa,
				       NULL))
			panic("kstack_free: %#lx is not mapped",
			      va + i * PAGE_SIZE);
		pages[i] = phys_to_page(pa);
	}
	/* Flushes the TLB: no stale entry may reach a page once it is free. */
	pgtable_unmap(kernel_pgtable, va, n * PAGE_SIZE);
	for (i = 0; i < n; i++)
		free_page(pages[i]);
}

void *kstack_alloc(void)
{
	long s = find_free_slot();
	unsigned long va;
	unsigned int i;

	if (s < 0)
		return NULL;
	va = stack_addr(s);
	/* Page by page: a stack needs no physically contiguous block. */
	for (i = 0; i < STACK_PAGES; i++) {
		struct page *p = alloc_page();

		if (!p || pgtable_map(kernel_pgtable, va + i * PAGE_SIZE,
				      page_to_phys(p), PAGE_SIZE,
				      PGPROT_READ | PGPROT_WRITE |
				      PGPROT_GLOBAL)) {
			if (p)
				free_page(p);
			unmap_stack(va, i);
			return NULL;
		}
	}
	used[s / LONG_BITS] |= 1UL << (s % LONG_BITS);
	nr_allocated++;
	return (void *)va;
}

void kstack_free(void *stack)
{
	unsigned long va = (unsigned long)stack;
	unsigned long s = (va - VMAP_BASE) / KSTACK_ALIGN - 1;

	if (va < stack_addr(0) || s >= NR_STACKS || va != stack_addr(s) ||
	    !slot_used(s))
		panic("kstack_free: %#lx is not a kernel stack", va);
	unmap_stack(va, STACK_PAGES);
	used[s / LONG_BITS] &= ~(1UL << (s % LONG_BITS));
	nr_allocated--;
}

unsigned long kstack_nr_allocated(void)
{
	return nr_allocated;
}

bool kstack_guard_hit(unsigned long addr)
{
	unsigned long off = addr - VMAP_BASE;

	if (addr < VMAP_BASE || off >= VMAP_SIZE || !(off & KSTACK_SIZE))
		return false;
	/* The upper half of block s guards stack s. */
	return off / KSTACK_ALIGN < NR_STACKS &&
	       slot_used(off / KSTACK_ALIGN);
}

/* What the oops will say, per CPU: two CPUs may overflow at once. */
static char overflow_causes[NR_CPUS][128];
static unsigned long overflow_addrs[NR_CPUS];

static void __noreturn overflow_die(void *regs)
{
	unsigned int cpu = smp_processor_id();

	die(overflow_causes[cpu], regs, overflow_addrs[cpu]);
}

/*
 * The trapped code can never resume: its stack is full. Print the oops
 * and let die() end the task, but not from here: the overflow stack is
 * the only one there is, and the task may sleep on its way out (closing
 * files, freeing its mm) while another overflow needs it. The task's own
 * stack holds nothing that will ever be returned to, so restart from its
 * top, right below the user registers, with a copy of the trapped ones.
 * The deep frames at its bottom stay intact while die() walks them for
 * the backtrace.
 */
void __noreturn kstack_overflow(struct pt_regs *regs, unsigned long addr)
{
	struct task *t = current;
	unsigned long lo = (unsigned long)t->kstack, sp = regs_sp(regs);
	unsigned int cpu = smp_processor_id();
	char *cause = overflow_causes[cpu];
	struct pt_regs *copy;

	overflow_addrs[cpu] = addr;
	/* Not a task stack (the boot stack, or a wild sp): die right here. */
	if (!lo || sp < lo - KSTACK_SIZE || sp > lo + KSTACK_SIZE) {
		snprintf(cause, sizeof(overflow_causes[cpu]),
			 "kernel stack overflow (pid %d %s: sp %#lx, not on "
			 "its stack)", t->pid, t->comm, sp);
		die(cause, regs, addr);
	}
	snprintf(cause, sizeof(overflow_causes[cpu]),
		 "kernel stack overflow (pid %d %s: sp %#lx, stack %#lx-%#lx)",
		 t->pid, t->comm, sp, lo, lo + KSTACK_SIZE);
	copy = task_pt_regs(t) - 1;
	*copy = *regs;
	arch_call_on_stack(copy, overflow_die,
			   ALIGN_DOWN((unsigned long)copy, 16));
}
