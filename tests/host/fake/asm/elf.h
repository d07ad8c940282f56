/* The fake arch's ELF facts: no machine of its own to run programs of; the
 * machine name uname reports is arch_name. */
#ifndef FAKE_ASM_ELF_H
#define FAKE_ASM_ELF_H

#define ELF_MACHINE	0
#define ELF_PLATFORM	NULL

#endif
