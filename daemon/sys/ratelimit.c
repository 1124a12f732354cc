// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-peer token buckets. See ratelimit.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "sys/ratelimit.h"
#include "sys/siphash.h"

/* Tokens are counted in thousandths, so that 1 ms refills rate of them. */
#define MILLI 1000u

int ratelimit_init(struct ratelimit *limit, size_t slots)
{
	size_t sets = 1;

	memset(limit, 0, sizeof(*limit));
	if (!slots)
		return -EINVAL;
	while (sets * RATELIMIT_WAYS < slots)
		sets *= 2;
	if (getrandom(limit->key, sizeof(limit->key), 0) != sizeof(limit->key))
		return -errno;
	limit->slots = calloc(sets * RATELIMIT_WAYS, sizeof(*limit->slots));
	if (!limit->slots)
		return -ENOMEM;
	limit->set_count = sets;
	return 0;
}

void ratelimit_destroy(struct ratelimit *limit)
{
	free(limit->slots);
	memset(limit, 0, sizeof(*limit));
}

/* The bucket's tokens at now_ms, at most burst. */
static uint64_t refilled(const struct ratelimit_slot *slot, uint64_t now_ms,
			 uint32_t rate, uint32_t burst)
{
	uint64_t full = (uint64_t)burst * MILLI;
	uint64_t elapsed = now_ms - slot->updated_ms;

	/* Past this, the bucket is full whatever it held. */
	if (elapsed >= full / rate + 1)
		return full;
	return slot->tokens + elapsed * rate >= full ?
		       full : slot->tokens + elapsed * rate;
}

/* The slot of peer in its set, or the one to give it. */
static struct ratelimit_slot *slot_for(struct ratelimit *limit,
				       const struct in6_addr *peer,
				       uint64_t now_ms, uint32_t rate,
				       uint32_t burst)
{
	size_t set = (size_t)siphash24(limit->key, peer, sizeof(*peer)) &
		     (limit->set_count - 1);
	struct ratelimit_slot *slots = &limit->slots[set * RATELIMIT_WAYS];
	struct ratelimit_slot *free_slot = NULL, *idle = NULL, *oldest = NULL;
	uint64_t full = (uint64_t)burst * MILLI;
	size_t i;

	for (i = 0; i < RATELIMIT_WAYS; i++) {
		struct ratelimit_slot *slot = &slots[i];

		if (!slot->used) {
			if (!free_slot)
				free_slot = slot;
			continue;
		}
		if (!memcmp(&slot->peer, peer, sizeof(*peer)))
			return slot;
		if (!idle && refilled(slot, now_ms, rate, burst) == full)
			idle = slot;
		if (!oldest || slot->updated_ms < oldest->updated_ms)
			oldest = slot;
	}
	if (free_slot)
		return free_slot;
	if (idle)
		return idle;
	limit->evictions++;
	return oldest;
}

bool ratelimit_allow(struct ratelimit *limit, const struct in6_addr *peer,
		     uint64_t now_ms, uint32_t rate, uint32_t burst)
{
	struct ratelimit_slot *slot = slot_for(limit, peer, now_ms, rate,
					       burst);

	if (!slot->used || memcmp(&slot->peer, peer, sizeof(*peer))) {
		slot->used = true;
		slot->peer = *peer;
		slot->tokens = (uint64_t)burst * MILLI;
	} else {
		slot->tokens = refilled(slot, now_ms, rate, burst);
	}
	slot->updated_ms = now_ms;
	if (slot->tokens < MILLI)
		return false;
	slot->tokens -= MILLI;
	return true;
}
