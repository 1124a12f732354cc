/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Router Advertisements that dhad sends on the home link itself, when
 * [router-advertisement] send = yes (RFC 4861 6.2, RFC 6275 7.1-7.5): the
 * H flag, a Prefix Information option per home prefix, the one holding
 * this home agent's address with the R flag set, the Advertisement
 * Interval option and, unless both its values are the defaults, the Home
 * Agent Information option; a member of a redundant set that does not
 * serve sends neither H nor that option. Solicitations are answered;
 * the last advertisement, when dhad stops or stops advertising, has H
 * clear and Router Lifetime 0, so that the other home agents drop this
 * one from their lists at once. The Linux facts and the coexistence with radvd
 * are in Documentation/dhad.md.
 */
#ifndef DHAD_RA_H
#define DHAD_RA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/load.h"
#include "mip6/config.h"
#include "wire/ndisc.h"

struct mip6;
struct ra;

/*
 * The sender of the home link ifindex, sending on the core's ICMPv6
 * socket; it starts advertising if the configuration says so. NULL
 * when out of memory.
 */
struct ra *ra_new(struct mip6 *ha, unsigned int ifindex);
/* Sends the final advertisement if advertising. NULL is ignored. */
void ra_free(struct ra *ra);
/* The configuration changed: starts, stops or restarts advertising. */
void ra_reload(struct ra *ra);
/* A valid Router Solicitation arrived on the home link. */
void ra_solicited(struct ra *ra);
/*
 * This home agent began or ceased to serve (core's dhad_serving()):
 * an advertisement goes out now. NULL is ignored.
 */
void ra_serving_changed(struct ra *ra);
bool ra_advertising(const struct ra *ra);

/* ---- pure helpers, exposed for the unit tests ---- */

/*
 * The Prefix Information options of the home prefixes (L, and A for a
 * 64-bit prefix), with the configured lifetimes
 * (prefix-valid-lifetime, prefix-preferred-lifetime): the one that holds the home agent's address carries
 * that address with R set (RFC 6275 7.2). With own_address, an address
 * outside every home prefix gets an option of its own with only R set,
 * which hosts ignore and home agents learn it from. Returns the count.
 */
size_t ra_prefix_options(const struct mip6_config *config, bool own_address,
			 struct dha_nd_prefix out[DHA_ND_PREFIX_MAX]);

/*
 * The advertisement: lladdr is the home link's link-layer address (NULL
 * if it has none); final, the last one, with H clear, Router Lifetime 0
 * and no Home Agent Information. A home agent that does not serve (a
 * standby of a redundant set) is still a router: H clear and no Home
 * Agent Information, the rest as usual. With load balancing active
 * (load, core/load.h), an advertisement with H also has the L flag and
 * the Load Balance Information option with this home agent's figures
 * (draft-deng sections 6, 7), and its Advertisement Interval option
 * says the draft's longest interval, 3 x min-ra-interval.
 */
void ra_fill(const struct mip6_config *config,
	     const struct dha_nd_lladdr *lladdr, bool final, bool serving,
	     const struct dhad_load *load, struct dha_ra *ra);

/*
 * Milliseconds until the next unsolicited advertisement once sent of
 * them went out: uniform in [min-interval, max-interval] from random, at
 * most 16 s while fewer than three went out (RFC 4861 6.2.4). With load
 * balancing active, uniform in [min-ra-interval, 3 x min-ra-interval]
 * of [load-balance] instead (draft-deng section 7).
 */
uint64_t ra_interval_ms(const struct mip6_config *config,
			const struct dhad_load *load, unsigned int sent,
			uint32_t random);

/*
 * When to answer a solicitation received at now (RFC 4861 6.2.6): after
 * a random delay up to 500 ms, but no earlier than the minimum delay
 * between advertisements after the last one (last_sent_ms, 0 for none),
 * and no later than the next one already scheduled.
 */
uint64_t ra_solicited_at_ms(const struct mip6_config *config, uint64_t now,
			    uint64_t last_sent_ms, uint64_t scheduled_ms,
			    uint32_t random);

#endif /* DHAD_RA_H */
