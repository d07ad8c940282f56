/*
 * Random bytes: a xorshift128+ generator stirred with the free-running
 * counter on every call. Unpredictable enough for AT_RANDOM's stack-guard
 * seed, getrandom() and /dev/urandom in a teaching kernel; NOT
 * cryptographically strong (there is no entropy source on these QEMU
 * boards we rely on). Bytes written to /dev/random are stirred in too.
 * The state is guarded by the big kernel lock: every caller is a system
 * call or exec.
 */
#include <random.h>
#include <arch.h>

static u64 state[2] = { 0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL };

static u64 next(void)
{
	u64 s1 = state[0], s0 = state[1];

	state[0] = s0;
	s1 ^= s1 << 23;
	state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
	return state[1] + s0;
}

void get_random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;

	state[0] ^= arch_counter_read();
	while (n) {
		u64 r = next();
		size_t chunk = n < 8 ? n : 8;

		for (size_t i = 0; i < chunk; i++)
			p[i] = r >> (8 * i);
		p += chunk;
		n -= chunk;
	}
}

/* Fold bytes from user space into the state (as Linux credits nothing
 * for them, they only make the stream harder to predict). */
void add_random_bytes(const void *buf, size_t n)
{
	const unsigned char *p = buf;

	for (size_t i = 0; i < n; i++) {
		state[i & 1] ^= (u64)p[i] << (8 * ((i >> 1) & 7));
		if ((i & 15) == 15)
			next();
	}
	if (!state[0] && !state[1])	/* xorshift's one stuck state */
		state[0] = 0x9e3779b97f4a7c15ULL;
}
