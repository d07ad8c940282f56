/*
 * Is this ELF file something exec can run? Every check that decides
 * between "load it" and ENOEXEC/ENOMEM lives here, apart from the loading
 * itself (kernel/exec.c), so that a student can read the rules in one place
 * and the host tests can feed it malformed headers.
 */
#include <elf.h>
#include <page.h>
#include <uapi/errno.h>
#include <asm/elf.h>

static bool header_ok(const struct elf_image *img, const char **why)
{
	const struct elf64_ehdr *eh = &img->ehdr;

	if (img->file_size < sizeof(*eh) || eh->e_ident[0] != 0x7f ||
	    eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
	    eh->e_ident[3] != 'F')
		*why = "not an ELF file";
	else if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB)
		*why = "not a 64-bit little-endian ELF file";
	else if (eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT)
		*why = "unknown ELF version";
	else if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		*why = "not an executable";
	else if (eh->e_machine != ELF_MACHINE)
		*why = "built for another architecture";
	else if (eh->e_phentsize != sizeof(struct elf64_phdr) ||
		 eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		*why = "bad program header table size";
	else if (eh->e_phoff > img->file_size ||
		 img->file_size - eh->e_phoff <
		 (u64)eh->e_phnum * sizeof(struct elf64_phdr))
		*why = "program headers beyond the end of the file";
	else
		return true;
	return false;
}

static int segment_check(const struct elf64_phdr *ph, unsigned long task_size,
			 const char **why)
{
	if (ph->p_type == PT_INTERP) {
		*why = "dynamically linked (no program interpreter support)";
		return -ENOEXEC;
	}
	if (ph->p_type != PT_LOAD)
		return 0;
	if (ph->p_filesz > ph->p_memsz) {
		*why = "segment file size exceeds its memory size";
		return -ENOEXEC;
	}
	if ((ph->p_vaddr - ph->p_offset) & (PAGE_SIZE - 1)) {
		*why = "segment address and file offset disagree modulo the page size";
		return -ENOEXEC;
	}
	if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
	    ph->p_vaddr + ph->p_memsz > task_size) {
		*why = "segment beyond the user address space";
		return -ENOMEM;
	}
	return 0;
}

int elf_check(const struct elf_image *img, unsigned long task_size,
	      const char **why)
{
	int i, loads = 0, err;

	if (!header_ok(img, why))
		return -ENOEXEC;
	for (i = 0; i < img->ehdr.e_phnum; i++) {
		const struct elf64_phdr *ph = &img->phdr[i];

		err = segment_check(ph, task_size, why);
		if (err)
			return err;
		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_offset > img->file_size ||
		    img->file_size - ph->p_offset < ph->p_filesz) {
			*why = "segment data beyond the end of the file";
			return -ENOEXEC;
		}
		loads++;
	}
	if (!loads) {
		*why = "no loadable segment";
		return -ENOEXEC;
	}
	return 0;
}
