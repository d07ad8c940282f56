/* ELF64 file structures and the auxiliary-vector tags exec uses (the ELF
 * gABI and the Linux ABI). kernel/elf.c checks a file; kernel/exec.c loads
 * it. */
#ifndef FAULTLINE_ELF_H
#define FAULTLINE_ELF_H

#include <types.h>
#include <uapi/auxvec.h>

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define EM_AARCH64	183
#define EM_RISCV	243

#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551
#define PF_X		1
#define PF_W		2
#define PF_R		4

struct elf64_ehdr {
	unsigned char e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* At most this many program headers (Linux allows 64 KiB of them; real
 * static binaries have under 16). */
#define ELF_MAX_PHNUM	64

struct elf_image {
	struct elf64_ehdr ehdr;
	struct elf64_phdr phdr[ELF_MAX_PHNUM];
	u64 file_size;
};

/* kernel/elf.c: 0 if the header and program headers describe a static
 * executable for this arch that fits in task_size; -ENOEXEC (malformed,
 * foreign, dynamically linked) or -ENOMEM (segments beyond the address
 * space) otherwise, with a one-line reason in *why. */
int elf_check(const struct elf_image *img, unsigned long task_size,
	      const char **why);

#endif
