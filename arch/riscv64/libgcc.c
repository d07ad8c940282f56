/* The compiler's runtime helpers a riscv64 kernel build calls (there is no
 * libgcc in the link): gcc has no inline count-trailing-zeros without Zbb. */
#include <types.h>

int __ctzdi2(unsigned long x);

/* Trailing zero bits of x (x != 0), by halving the window. */
int __ctzdi2(unsigned long x)
{
	int n = 0, shift;

	for (shift = 32; shift; shift >>= 1) {
		if (!(x & ((1UL << shift) - 1))) {
			n += shift;
			x >>= shift;
		}
	}
	return n;
}
