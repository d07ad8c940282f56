/* Declarations shared by the host test files (kernel-header side). */
#ifndef HOST_H
#define HOST_H

#include <ktap.h>
#include <bootinfo.h>
#include <string.h>

typedef long host_jmp_buf[64];	/* larger than any libc jmp_buf */
extern host_jmp_buf *host_panic_catcher;
extern char host_panic_message[256];
int _setjmp(host_jmp_buf env);

void *host_alloc_ram(unsigned long size);
unsigned int host_rand(unsigned int *seed);

/* Is needle somewhere in hay? */
static inline bool strstr_simple(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

/* Run stmt; true if it called panic() (which must not return). */
#define HOST_PANICS(stmt) ({ \
	host_jmp_buf _env; bool _p = false; \
	host_panic_catcher = &_env; \
	if (_setjmp(_env) == 0) { stmt; } else { _p = true; } \
	host_panic_catcher = NULL; _p; })

/* Give the page allocator a fresh fake machine of ram_mib MiB. */
void host_boot_machine(struct boot_info *bi, unsigned long ram_mib);
/* How deep the one context holds the big kernel lock (host_machine.c). */
extern unsigned int host_bkl_depth;

extern const struct ktap_suite host_fdt_suite, host_bootinfo_suite,
	host_cmdline_suite, host_panic_suite, host_mm_suite,
	host_ad_suite, host_vmobj_suite, host_lockcheck_suite;

#endif
