/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Load balancing between the home agents of one home link
 * (draft-deng-mip6-ha-loadbalance) as the other protocols see it: the
 * load-balancing protocol (loadbalance/) publishes here this home
 * agent's figures and the thresholds that judge them; the home agent's
 * Router Advertisements (mip6/ra.c) carry them with the L flag, at the
 * draft's pace, and its DHAAD Replies (mip6/discovery.c) put LIGHT home
 * agents first. Nothing is published (active false) without
 * [load-balance]: then the home agent behaves as RFC 6275 alone says.
 * Documentation/load-balancing.md explains the figures.
 */
#ifndef DHAD_LOAD_H
#define DHAD_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/halist.h"

struct dhad_load {
	bool active;
	/* Queue Size below which a home agent is LIGHT. */
	uint16_t light;
	/* MinRtrAdvInterval: unsolicited RAs in [min, 3 x min]. */
	uint32_t min_ra_interval_ms;
	/* This home agent's figures, as last sampled. */
	struct halist_load own;
};

/* The draft's MaxRtrAdvInterval: MinRtrAdvInterval + 2 x MinRtrAdvInterval. */
static inline uint64_t load_max_ra_interval_ms(const struct dhad_load *load)
{
	return 3 * (uint64_t)load->min_ra_interval_ms;
}

/*
 * Figures heard longer ago than three of the longest intervals between
 * advertisements are stale: the home agent stopped advertising them,
 * or its advertisements are lost, and nothing is known of its load.
 */
static inline bool load_entry_fresh(const struct dhad_load *load,
				    const struct halist_entry *entry,
				    uint64_t now_ms)
{
	return entry->has_load &&
	       now_ms - entry->load_ms <= 3 * load_max_ra_interval_ms(load);
}

static inline bool load_is_light(const struct dhad_load *load,
				 uint16_t queue_size)
{
	return queue_size < load->light;
}

/* An entry is LIGHT only on fresh figures that say so. */
static inline bool load_entry_light(const struct dhad_load *load,
				    const struct halist_entry *entry,
				    uint64_t now_ms)
{
	return load->active && load_entry_fresh(load, entry, now_ms) &&
	       load_is_light(load, entry->load.queue_size);
}

#endif /* DHAD_LOAD_H */
