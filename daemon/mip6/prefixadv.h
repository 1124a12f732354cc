/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unsolicited Mobile Prefix Advertisements (RFC 6275 10.6.2, 10.6.3):
 * when a reload changes the home prefix information that Mobile Prefix
 * Advertisements carry (a prefix added or removed, its flags, its valid
 * or preferred lifetime), every mobile node registered then is sent one,
 * to its home address through its care-of address as solicited ones go.
 * The advertisements are retransmitted PREFIX_ADV_TIMEOUT (3 s) after
 * the first, the interval doubling each time, PREFIX_ADV_RETRIES (3)
 * times at most (RFC 6275 12), to each mobile node that has not
 * acknowledged: a Mobile Prefix Solicitation or a Binding Update from
 * its home address does. A Binding Update that arrives first is
 * accepted with status 1 (registration.h), which makes the mobile node
 * solicit. A binding gone, or this home agent no longer serving, ends
 * that mobile node's part. A change during the retransmissions starts
 * them again, for the bindings registered then.
 *
 * Not done: the periodic advertisements of 10.6.2's schedule
 * (MinMobPfxAdvInterval, MaxMobPfxAdvInterval). The prefixes are
 * configured and each advertisement gives their lifetimes in full, so
 * they change only through a reload, which is advertised; a mobile node
 * whose copy nears its end solicits (11.4.2).
 */
#ifndef DHAD_PREFIXADV_H
#define DHAD_PREFIXADV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "mip6/config.h"
#include "wire/ndisc.h"

struct mip6;
struct prefixadv;

/* Remembers the prefix information advertised now. NULL: no memory. */
struct prefixadv *prefixadv_new(struct mip6 *ha);
/* Stops the retransmissions. NULL is ignored. */
void prefixadv_free(struct prefixadv *p);
/*
 * The configuration was reloaded: if the prefix information changed,
 * every registered mobile node is told.
 */
void prefixadv_reload(struct prefixadv *p);
/* An advertisement to home_address is unacknowledged. */
bool prefixadv_pending(const struct prefixadv *p,
		       const struct in6_addr *home_address);
/* The mobile node at home_address solicited or registered. */
void prefixadv_acknowledge(struct prefixadv *p,
			   const struct in6_addr *home_address);

/* ---- pure helpers, exposed for the unit tests ---- */

/* RFC 6275 12 */
#define PREFIX_ADV_TIMEOUT_MS	3000
#define PREFIX_ADV_RETRIES	3

/*
 * After sent transmissions (>= 1), the milliseconds until the next,
 * into *delay_ms; false when none is due.
 */
bool prefixadv_next_delay(unsigned int sent, uint64_t *delay_ms);

/*
 * The options of a Mobile Prefix Advertisement under config: those of
 * the Router Advertisements without an option of the home agent's own
 * (ra_prefix_options()). Returns the count.
 */
size_t prefixadv_options(const struct mip6_config *config,
			 struct dha_nd_prefix out[DHA_ND_PREFIX_MAX]);

/* The mobile nodes still to be told: home addresses, sorted. */
struct prefixadv_targets {
	struct prefixadv_target {
		struct in6_addr home_address;
		bool done;
	} *v;
	size_t count;
	size_t left;			/* not done */
};

/*
 * Takes the count home addresses of v (malloc'd, any order) in:
 * sorts them, none done.
 */
void prefixadv_targets_set(struct prefixadv_targets *t,
			   struct prefixadv_target *v, size_t count);
/* The target for home_address, NULL if none or done. */
struct prefixadv_target *
prefixadv_targets_find(const struct prefixadv_targets *t,
		       const struct in6_addr *home_address);
/* Marks a target done; once all are, frees them. */
void prefixadv_targets_done(struct prefixadv_targets *t,
			    struct prefixadv_target *target);
void prefixadv_targets_clear(struct prefixadv_targets *t);

#endif /* DHAD_PREFIXADV_H */
