/* BSD string functions (case-insensitive compares live in string.h). */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <string.h>

#endif
