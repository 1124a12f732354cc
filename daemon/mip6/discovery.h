/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent's ICMPv6 side (RFC 6275 10.5, 10.6; RFC 3963 for
 * mobile routers), on the core's ICMPv6 socket (core/icmp.h):
 *
 * - Dynamic Home Agent Address Discovery: the Mobile IPv6 Home-Agents
 *   anycast address of each home prefix is joined on the home link
 *   (IPV6_JOIN_ANYCAST), and a Request to one of them is answered from
 *   this home agent's address with the home agents of the link in
 *   preference order: this one and the Home Agents List.
 * - Mobile Prefix Solicitations, which come with a Home Address option
 *   from a registered mobile node, are answered with the home prefixes
 *   through a type 2 routing header. A policy of the socket's own naming
 *   hao, which this sets, lets them through the kernel; the witness
 *   (witness.h) tells those that came through ESP, and with
 *   require-ipsec, or an inbound IPsec policy requiring ESP for their
 *   flow, the others are discarded (RFC 6275 5.4).
 * - Router Advertisements on the home link keep the Home Agents List;
 *   Router Solicitations go to the sender of ra.h, which advertises if
 *   configured to.
 *
 * The Linux facts relied upon are in Documentation/dhad.md.
 */
#ifndef DHAD_DISCOVERY_H
#define DHAD_DISCOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/halist.h"
#include "core/load.h"
#include "mip6/config.h"
#include "wire/ndisc.h"

struct discovery;
struct mip6;

/*
 * Listens, joins the anycast addresses and starts the advertisement
 * sender. Returns 0 or a negative errno, having logged
 * why. Mobile Prefix Solicitations need the hao state that
 * mobility_open() installs.
 */
int discovery_open(struct mip6 *ha, struct discovery **out);
/* Sends the final advertisement and stops. NULL is ignored. */
void discovery_close(struct discovery *discovery);
/*
 * The configuration was reloaded: anycast memberships follow the
 * prefixes, the advertisements [router-advertisement].
 */
void discovery_reload(struct discovery *discovery);
/*
 * The home agent began or ceased to serve: the advertisements say so
 * at once. NULL is ignored.
 */
void discovery_serving_changed(struct discovery *discovery);
/* dhad sends Router Advertisements now. */
bool discovery_advertising(const struct discovery *discovery);
/*
 * DHAAD Replies and Mobile Prefix Advertisements not sent for the
 * per-peer rate limit (error-rate, error-burst). 0 for NULL.
 */
uint64_t discovery_answers_rate_limited(const struct discovery *discovery);
/*
 * Mobile Prefix Solicitations discarded because they did not come
 * through ESP while require-ipsec or an inbound policy for their flow
 * asked for it.
 */
uint64_t discovery_mps_unprotected(const struct discovery *discovery);
/*
 * A Mobile Prefix Advertisement with the home prefixes (prefixadv.h)
 * and identifier id, from source to the mobile node at home_address
 * through care_of_address (a type 2 routing header, RFC 6275 10.6.3).
 * 0 or a negative errno, logged.
 */
int discovery_send_mpa(struct discovery *discovery, uint16_t id,
		       const struct in6_addr *source,
		       const struct in6_addr *home_address,
		       const struct in6_addr *care_of_address);
/* The anycast addresses joined on the home link; their count. */
size_t discovery_anycast(const struct discovery *discovery,
			 const struct in6_addr **addresses);

/* ---- pure helpers, exposed for the unit tests ---- */

enum discovery_ra_action {
	DISCOVERY_RA_IGNORE,
	DISCOVERY_RA_REMOVE,
	DISCOVERY_RA_UPDATE,
};

struct discovery_ra_entry {
	struct in6_addr address;
	int16_t preference;
	uint16_t lifetime;
	bool mobile_routers;
	bool has_load;			/* L and Load Balance Information */
	struct halist_load load;
};

/*
 * What a Router Advertisement from a link-local address does to its
 * sender's Home Agents List entry (RFC 6275 10.5.1, 7.4): H clear or a
 * lifetime of 0 removes it; otherwise the entry gets the preference and
 * lifetime of the Home Agent Information option (0 and the Router
 * Lifetime without one) and the first valid global address of a Prefix
 * Information option with R. known is the entry's address (NULL: no
 * entry), kept when the advertisement names none; one that a prefix
 * option with R declares invalid (valid lifetime 0) is not. With no
 * address at all the advertisement is ignored. The load figures count
 * only with the L flag and the option both (draft-deng section 6: L
 * says the option is there).
 */
enum discovery_ra_action discovery_ra_learn(const struct dha_ra *ra,
					    const struct in6_addr *known,
					    struct discovery_ra_entry *out);

/*
 * The addresses of a DHAAD Reply (RFC 6275 10.5, RFC 3963): this
 * home agent (config->home.address at config->preference) if serving
 * (a standby of a redundant set is not), and the list's agents, by
 * preference, highest first, equal preferences in an order shuffled
 * from *rng (xorshift state, nonzero); with mobile_routers only agents
 * that serve mobile routers. Each address once; this agent's address
 * is never taken from the list. At most max addresses, the most
 * preferred. Returns the count. With load balancing active (load, NULL
 * for none), LIGHT home agents come first (draft-deng section 5: this
 * one by load->own, the others by figures fresh at now_ms), then the
 * others, each group by preference as above.
 */
size_t discovery_dhaad_addresses(const struct mip6_config *config,
				 const struct halist *list, bool serving,
				 bool mobile_routers,
				 const struct dhad_load *load, uint64_t now_ms,
				 uint64_t *rng, struct in6_addr *out,
				 size_t max);

/*
 * The socket's inbound policy (IPV6_XFRM_POLICY), which lets a Mobile
 * Prefix Solicitation with a Home Address option reach it: dir in, any
 * selector, tmpl proto hao mode ro level use; with esp (the witness's,
 * witness.h) preceded with tmpl proto esp mode transport, required. Not
 * selected by ICMPv6 type: Linux 6.1 reads the type at the wrong offset
 * when a destination options header comes first. Built into buf: its
 * length, or -ENOSPC.
 */
int discovery_socket_policy(void *buf, size_t size, bool esp);

#endif /* DHAD_DISCOVERY_H */
