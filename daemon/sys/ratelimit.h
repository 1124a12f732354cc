/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-peer token buckets, for the Binding Acknowledgements and Binding
 * Errors dhad sends (RFC 6275 9.3.3: Binding Errors MUST be rate
 * limited). A peer is the address the answer goes to on the wire; anyone
 * can make dhad answer to any address by forging a source, so without a
 * limit dhad would be a reflector.
 *
 * Each peer has a bucket of `burst` tokens refilled at `rate` per
 * second; an answer takes one token or is not sent. Pure: the caller
 * passes the clock (the loop's, in ms) and the current rate and burst,
 * which a reload may change.
 *
 * The table is bounded: ways-associative sets of slots, indexed by a
 * SipHash of the address with a random key, so that a sender cannot
 * aim many addresses at one set. A new peer takes a free slot of its
 * set, else one whose bucket has refilled (it holds no information),
 * else the least recently used one (counted as an eviction). An
 * attacker spraying addresses can thus evict a peer's bucket, which
 * then restarts full: that peer gets at most `burst` more answers per
 * eviction, and evicting takes on the order of `slots` new addresses.
 */
#ifndef DHAD_RATELIMIT_H
#define DHAD_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define RATELIMIT_WAYS 4

struct ratelimit_slot {
	struct in6_addr peer;
	bool used;
	uint64_t tokens;		/* thousandths of a token */
	uint64_t updated_ms;		/* when tokens was last computed */
};

struct ratelimit {
	struct ratelimit_slot *slots;
	size_t set_count;		/* a power of two */
	uint64_t key[2];
	uint64_t evictions;
};

/*
 * A table of at least slots slots (rounded up to whole sets, a power of
 * two of them). 0, -EINVAL (slots 0), -ENOMEM, or an errno of
 * getrandom().
 */
int ratelimit_init(struct ratelimit *limit, size_t slots);
void ratelimit_destroy(struct ratelimit *limit);

/*
 * Takes a token from peer's bucket (created full), refilled at rate
 * tokens per second up to burst since the last call: true if there was
 * one. rate and burst are at least 1; now_ms never goes back.
 */
bool ratelimit_allow(struct ratelimit *limit, const struct in6_addr *peer,
		     uint64_t now_ms, uint32_t rate, uint32_t burst);

#endif /* DHAD_RATELIMIT_H */
