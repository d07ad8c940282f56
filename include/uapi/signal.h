/* Linux signal numbers and fault si_codes used by the kernel (identical on
 * x86_64, arm64 and riscv64). */
#ifndef FAULTLINE_UAPI_SIGNAL_H
#define FAULTLINE_UAPI_SIGNAL_H

#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11

#define SEGV_MAPERR 1	/* address not mapped */
#define SEGV_ACCERR 2	/* mapping forbids this access */
#define BUS_ADRALN 1	/* misaligned access */
#define BUS_ADRERR 2	/* no object behind the address */
#define BUS_OBJERR 3	/* hardware error on the object */
#define BUS_MCEERR_AR 4	/* hardware memory error, action required */

#endif
