/* The auxiliary vector the kernel passed at exec. */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include "../../../include/uapi/auxvec.h"

unsigned long getauxval(unsigned long type);

#endif
