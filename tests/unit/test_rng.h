/*
 * A small reproducible generator for the unit tests that draw random inputs
 * (Marsaglia's xorshift64): each test keeps its own state and seed, so the
 * same cases come out on every machine and a failure can be replayed.
 */
#ifndef CRAMPLAB_TEST_RNG_H
#define CRAMPLAB_TEST_RNG_H

#include <stdint.h>

static inline uint64_t test_rng_next(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* A number below n (n > 0). */
static inline uint64_t test_rng_below(uint64_t *state, uint64_t n)
{
	return test_rng_next(state) % n;
}

#endif
