/*
 * execve: replace the calling process's image with a static ELF program.
 * The new address space is built completely (segments, brk, stack with
 * argv, envp and the auxiliary vector, the sigreturn page) before the old
 * one is let go, so a failing exec returns an error to a caller that is
 * still intact. kernel/elf.c decides whether a file is runnable at all.
 */
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <elf.h>
#include <fs.h>
#include <mm.h>
#include <fault.h>
#include <page.h>
#include <kmalloc.h>
#include <random.h>
#include <string.h>
#include <printk.h>
#include <uaccess.h>
#include <arch.h>
#include <uapi/mman.h>
#include <uapi/errno.h>
#include <cmdline.h>
#include <asm/elf.h>
#include <asm/cacheflush.h>

/* argv and envp strings together (Linux allows far more; a shell and its
 * tests need a few KiB). */
#define ARG_SPACE_ORDER	3
#define ARG_SPACE	(PAGE_SIZE << ARG_SPACE_ORDER)
#define MAX_ARGS	256		/* each of argv and envp */
#define INITIAL_STACK	(32 * PAGE_SIZE)	/* grows on demand past it */

/* The strings of argv and envp, copied out of the old image. */
struct exec_args {
	char *space;			/* argc + envc NUL-terminated strings */
	size_t used;
	int argc, envc;
	char path[256];
};

void vfork_release(struct task *t);	/* kernel/process.c */

static struct page *sigpage;
static const char *const platform_name = ELF_PLATFORM;	/* AT_PLATFORM */

/* Append one string (from the kernel or from user space). */
static long add_string(struct exec_args *a, const char *s, bool user)
{
	size_t room = ARG_SPACE - a->used;
	long len;

	if (user) {
		len = strncpy_from_user(a->space + a->used,
					(const char __user *)s, room);
		if (len < 0)
			return len;
		if ((size_t)len >= room)
			return -E2BIG;
	} else {
		len = strlen(s);
		if ((size_t)len >= room)
			return -E2BIG;
		memcpy(a->space + a->used, s, len + 1);
	}
	a->used += len + 1;
	return 0;
}

/* Copy a NULL-terminated array of strings; returns the count or -errno. */
static long add_vector(struct exec_args *a, const char *const *vec,
		       bool user)
{
	long n, err;

	for (n = 0; vec; n++) {
		const char *s;

		if (n >= MAX_ARGS)
			return -E2BIG;
		if (user) {
			unsigned long p;

			if (get_user(p, (unsigned long __user *)&vec[n]))
				return -EFAULT;
			s = (const char *)p;
		} else {
			s = vec[n];
		}
		if (!s)
			break;
		err = add_string(a, s, user);
		if (err)
			return err;
	}
	return n;
}

static long read_image_headers(struct file *f, struct elf_image *img)
{
	long n;

	img->file_size = file_size(f);
	memset(&img->ehdr, 0, sizeof(img->ehdr));
	n = file_read_at(f, &img->ehdr, sizeof(img->ehdr), 0);
	if (n < 0)
		return n;
	if (img->ehdr.e_phnum && img->ehdr.e_phnum <= ELF_MAX_PHNUM &&
	    img->ehdr.e_phentsize == sizeof(struct elf64_phdr) &&
	    img->ehdr.e_phoff < img->file_size) {
		n = file_read_at(f, img->phdr,
				 img->ehdr.e_phnum * sizeof(img->phdr[0]),
				 img->ehdr.e_phoff);
		if (n < 0)
			return n;
	}
	return 0;
}

static unsigned long pf_to_prot(u32 flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) |
	       ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

/* Copy [off, off+len) of the file to user address va of the current mm. */
static long copy_file_to_user(struct file *f, u64 off, unsigned long va,
			      u64 len, void *buf)
{
	while (len) {
		size_t n = len < PAGE_SIZE ? len : PAGE_SIZE;
		long got = file_read_at(f, buf, n, off);

		if (got != (long)n)
			return got < 0 ? got : -EIO;
		if (copy_to_user((void __user *)va, buf, n))
			return -EFAULT;
		off += n;
		va += n;
		len -= n;
	}
	return 0;
}

struct loaded_image {
	unsigned long bias;		/* ET_DYN load offset */
	unsigned long entry, phdr_addr, brk;
};

/* The page-aligned range a PT_LOAD segment covers; false if empty. */
static bool segment_pages(const struct loaded_image *li,
			  const struct elf64_phdr *ph, unsigned long *start,
			  unsigned long *end)
{
	*start = ALIGN_DOWN(li->bias + ph->p_vaddr, PAGE_SIZE);
	*end = PAGE_ALIGN(li->bias + ph->p_vaddr + ph->p_memsz);
	return ph->p_type == PT_LOAD && *end > *start;
}

/* Step 1 (mmap lock held): every segment mapped writable and empty. */
static long map_segments(const struct elf_image *img, struct loaded_image *li)
{
	struct mm_struct *mm = current->mm;
	const struct elf64_ehdr *eh = &img->ehdr;
	unsigned long start, end;
	long r;
	int i;

	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = &img->phdr[i];

		if (!segment_pages(li, ph, &start, &end))
			continue;
		r = do_mmap(mm, start, end - start, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
		if (r < 0)
			return r;
		mm->start_brk = mm->brk = MAX(mm->brk, end);
		/* Where the program headers appear in memory (AT_PHDR). */
		if (eh->e_phoff >= ph->p_offset &&
		    eh->e_phoff - ph->p_offset < ph->p_filesz)
			li->phdr_addr = li->bias + ph->p_vaddr +
					(eh->e_phoff - ph->p_offset);
	}
	return 0;
}

/* Step 2 (no lock: the copies fault pages in, and the fault path takes
 * the mmap lock): the file bytes; bss stays demand-zero. */
static long fill_segments(struct file *f, const struct elf_image *img,
			  const struct loaded_image *li)
{
	void *buf = get_zeroed_page();
	long err = 0;
	int i;

	if (!buf)
		return -ENOMEM;
	for (i = 0; i < img->ehdr.e_phnum && !err; i++) {
		const struct elf64_phdr *ph = &img->phdr[i];

		if (ph->p_type != PT_LOAD || !ph->p_filesz)
			continue;
		err = copy_file_to_user(f, ph->p_offset, li->bias + ph->p_vaddr,
					ph->p_filesz, buf);
		/* Instructions written as data: make the fetch side see them. */
		if (!err && (ph->p_flags & PF_X))
			arch_sync_icache((void *)(li->bias + ph->p_vaddr),
					 ph->p_filesz);
	}
	free_page_va(buf);
	return err;
}

/* Step 3 (mmap lock held): each segment's final permissions. */
static long protect_segments(const struct elf_image *img,
			     const struct loaded_image *li)
{
	unsigned long start, end;
	long err = 0;
	int i;

	for (i = 0; i < img->ehdr.e_phnum && !err; i++) {
		const struct elf64_phdr *ph = &img->phdr[i];

		if (segment_pages(li, ph, &start, &end))
			err = do_mprotect(current->mm, start, end - start,
					  pf_to_prot(ph->p_flags));
	}
	return err;
}

/*
 * Map every PT_LOAD segment of img into the current (new) mm: first all
 * writable and empty, then fill in the file bytes, then give each segment
 * its final permissions. The break starts after the highest segment.
 */
static long load_segments(struct file *f, const struct elf_image *img,
			  struct loaded_image *li)
{
	struct mm_struct *mm = current->mm;
	long err;

	li->bias = img->ehdr.e_type == ET_DYN ?
		   ALIGN_DOWN(mm->task_size / 3 * 2, 1UL << 21) : 0;
	li->entry = li->bias + img->ehdr.e_entry;
	li->phdr_addr = 0;
	down_write(&mm->mmap_lock);
	err = map_segments(img, li);
	up_write(&mm->mmap_lock);
	if (!err)
		err = fill_segments(f, img, li);
	if (!err) {
		down_write(&mm->mmap_lock);
		err = protect_segments(img, li);
		up_write(&mm->mmap_lock);
	}
	return err;
}

/* Push bytes onto the new stack; returns the new sp (0 on a fault). */
static unsigned long push_bytes(unsigned long sp, const void *data,
				size_t n)
{
	sp -= n;
	return copy_to_user((void __user *)sp, data, n) ? 0 : sp;
}

/*
 * The initial stack as the ABI fixes it, from the top: the strings, 16
 * random bytes, then (16-byte aligned) argc, argv[], NULL, envp[], NULL,
 * auxv pairs, AT_NULL.
 */
static long build_stack(struct exec_args *a, struct loaded_image *li,
			const struct elf_image *img, unsigned long *sp_out)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = mm->stack_top, strings, execfn, random, platform = 0;
	unsigned long auxv[2 * 20], *vec;
	struct page *vec_page;
	unsigned char rnd[16];
	int nr_words, i, n = 0, words;
	char *s;
	long err;

	down_write(&mm->mmap_lock);
	err = do_mmap(mm, mm->stack_top - INITIAL_STACK, INITIAL_STACK,
		      PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN,
		      0);
	up_write(&mm->mmap_lock);
	if (err < 0)
		return err;
	sp = push_bytes(sp, a->space, a->used);
	strings = sp;
	execfn = sp ? push_bytes(sp, a->path, strlen(a->path) + 1) : 0;
	sp = execfn;
	if (sp && platform_name) {
		sp = push_bytes(sp, platform_name, strlen(platform_name) + 1);
		platform = sp;
	}
	get_random_bytes(rnd, sizeof(rnd));
	sp = sp ? push_bytes(ALIGN_DOWN(sp, 16), rnd, sizeof(rnd)) : 0;
	random = sp;
	if (!sp)
		return -EFAULT;

#define AUX(tag, val) do { auxv[n++] = (tag); auxv[n++] = (val); } while (0)
	AUX(AT_PHDR, li->phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, img->ehdr.e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, li->entry);
	AUX(AT_UID, current->cred.uid);
	AUX(AT_EUID, current->cred.euid);
	AUX(AT_GID, current->cred.gid);
	AUX(AT_EGID, current->cred.egid);
	AUX(AT_SECURE, cred_exec_is_secure());
	AUX(AT_HWCAP, arch_elf_hwcap());
	AUX(AT_CLKTCK, 100);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, execfn);
	if (platform)
		AUX(AT_PLATFORM, platform);
	AUX(AT_NULL, 0);
#undef AUX

	/* argc, argv pointers + NULL, envp pointers + NULL, auxv */
	words = 1 + a->argc + 1 + a->envc + 1 + n;
	_Static_assert((3 + 2 * MAX_ARGS + 40) * sizeof(long) <= 2 * PAGE_SIZE,
		       "the pointer vector fits two pages");
	sp = ALIGN_DOWN(sp - words * sizeof(unsigned long), 16);
	vec_page = alloc_pages(1);
	if (!vec_page)
		return -ENOMEM;
	vec = page_to_virt(vec_page);
	nr_words = 0;
	vec[nr_words++] = a->argc;
	s = a->space;
	for (i = 0; i < a->argc; i++, s += strlen(s) + 1)
		vec[nr_words++] = strings + (s - a->space);
	vec[nr_words++] = 0;			/* end of argv */
	for (i = 0; i < a->envc; i++, s += strlen(s) + 1)
		vec[nr_words++] = strings + (s - a->space);
	vec[nr_words++] = 0;			/* end of envp */
	memcpy(&vec[nr_words], auxv, n * sizeof(unsigned long));
	nr_words += n;
	err = copy_to_user((void __user *)sp, vec,
			   nr_words * sizeof(unsigned long)) ? -EFAULT : 0;
	free_pages(vec_page, 1);
	*sp_out = sp;
	return err;
}

static long map_sigpage(struct mm_struct *mm)
{
	size_t len = arch_sigreturn_trampoline_end - arch_sigreturn_trampoline;
	long addr;

	if (!len)
		return 0;
	if (!sigpage) {
		sigpage = alloc_page();
		if (!sigpage)
			return -ENOMEM;
		memset(page_to_virt(sigpage), 0, PAGE_SIZE);
		memcpy(page_to_virt(sigpage), arch_sigreturn_trampoline, len);
		arch_sync_icache(page_to_virt(sigpage), len);
	}
	addr = install_special_page(mm, sigpage, PROT_READ | PROT_EXEC);
	if (addr < 0)
		return addr;
	mm->sigpage = addr;
	return 0;
}

/* A fresh image has default signal actions (ignored stays ignored), no
 * alternate stack, and its close-on-exec files closed. */
static void reset_process_state(const char *path)
{
	const char *base = strrchr(path, '/');
	struct sighand *sh = current->sighand;
	int i;

	if (sh->refcount > 1) {
		struct sighand *copy = kzalloc(sizeof(*copy));

		if (copy) {
			memcpy(copy->action, sh->action, sizeof(sh->action));
			copy->refcount = 1;
			sh->refcount--;
			current->sighand = sh = copy;
		}
	}
	for (i = 0; i < NSIG_MAX; i++)
		if (sh->action[i].handler != SIG_IGN_HANDLER)
			memset(&sh->action[i], 0, sizeof(sh->action[i]));
	current->altstack.sp = 0;
	current->altstack.size = 0;
	current->altstack.flags = SS_DISABLE;
	files_close_on_exec(current->files);
	strlcpy(current->comm, base ? base + 1 : path, sizeof(current->comm));
}

/* Keep (the start of) argv for /proc/<pid>/cmdline. */
static void record_cmdline(const struct exec_args *a)
{
	size_t len = 0;
	int i;

	for (i = 0; i < a->argc; i++)
		len += strlen(a->space + len) + 1;
	if (len > sizeof(current->cmdline)) {
		len = sizeof(current->cmdline);
		a->space[len - 1] = '\0';
	}
	memcpy(current->cmdline, a->space, len);
	current->cmdline_len = len;
}

/* Build the new image in a new mm; switch to it only when complete. */
static long exec_image(struct exec_args *a, struct file *f,
		       struct elf_image *img)
{
	struct mm_struct *old = current->mm, *mm;
	struct loaded_image li;
	unsigned long sp = 0;
	const char *why = NULL;
	long err;

	err = elf_check(img, TASK_SIZE, &why);
	if (err) {
		if (boot_options.strace)
			printk("exec %s: %s\n", a->path, why);
		return err;
	}
	mm = mm_create(TASK_SIZE);
	if (!mm)
		return -ENOMEM;
	mm->users = 1;
	switch_mm(mm);
	err = load_segments(f, img, &li);
	if (!err) {
		down_write(&mm->mmap_lock);
		err = map_sigpage(mm);
		up_write(&mm->mmap_lock);
	}
	if (!err)
		err = build_stack(a, &li, img, &sp);
	if (err) {
		switch_mm(old);
		mm_destroy(mm);
		return err;
	}

	/* Point of no return: the other threads and the old image go. */
	de_thread();
	posix_timers_delete_all(current->group);	/* as Linux's exec */
	if (old && --old->users == 0)
		mm_destroy(old);
	vfork_release(current);
	current->kthread_fn = NULL;
	reset_process_state(a->path);
	record_cmdline(a);
	task_exec_identity(f->inode);
	arch_start_user(current_pt_regs(), li.entry, sp);
	return 0;
}

static long do_execve(const char *path, const char *const *argv,
		      const char *const *envp, bool user)
{
	struct exec_args a = { 0 };
	struct elf_image *img = NULL;
	struct file *f = NULL;
	struct page *space;
	long err;

	if (user) {
		err = strncpy_from_user(a.path, (const char __user *)path,
					sizeof(a.path));
		if (err < 0)
			return err;
		if ((size_t)err >= sizeof(a.path))
			return -ENAMETOOLONG;
	} else {
		strlcpy(a.path, path, sizeof(a.path));
	}
	space = alloc_pages(ARG_SPACE_ORDER);
	a.space = space ? page_to_virt(space) : NULL;
	img = get_zeroed_page();
	if (!a.space || !img) {
		err = -ENOMEM;
		goto out;
	}
	err = add_vector(&a, argv, user);
	if (err < 0)
		goto out;
	a.argc = err;
	/* No argv at all: the program gets argv[0] = "", as Linux gives it
	 * since 5.18, so that nothing reads envp as argv. */
	if (!a.argc) {
		err = add_string(&a, "", false);
		if (err)
			goto out;
		a.argc = 1;
	}
	err = add_vector(&a, envp, user);
	if (err < 0)
		goto out;
	a.envc = err;

	err = file_open(a.path, 0, 0, &f);
	if (err)
		goto out;
	if (!file_is_executable(f)) {
		err = -EACCES;
		goto out;
	}
	err = read_image_headers(f, img);
	if (!err)
		err = exec_image(&a, f, img);
out:
	if (f)
		file_put(f);
	if (img)
		free_page_va(img);
	if (a.space)
		free_pages(virt_to_page(a.space), ARG_SPACE_ORDER);
	return err;
}

long sys_execve(unsigned long path, unsigned long argv, unsigned long envp)
{
	return do_execve((const char *)path, (const char *const *)argv,
			 (const char *const *)envp, true);
}

/* exec from a kernel thread (init): on success the thread is a user
 * process and enters user mode; on failure the error comes back. */
long kernel_execve(const char *path, const char *const *argv,
		   const char *const *envp)
{
	long err = do_execve(path, argv, envp, false);

	if (err)
		return err;
	arch_irq_disable();
	exit_to_user_mode(current_pt_regs());
	arch_return_to_user(current_pt_regs());
}
