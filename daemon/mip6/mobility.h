/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent's Mobility Header side: the raw IPPROTO_MH socket, the
 * xfrm state and policy that let Binding Updates with a Home Address
 * option reach it, and the I/O around registration_decide(): kernel
 * binding, cache entry, routes of the home address and the Mobile
 * Network Prefixes into the dha device, and the Binding Acknowledgement
 * or Binding Error.
 *
 * Linux facts relied upon are measured in selftests/mnemu/README.md.
 */
#ifndef DHAD_MOBILITY_H
#define DHAD_MOBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/cache.h"
#include "mip6/registration.h"

struct dhad;
struct mobility;
struct ipsec;

/*
 * Installs the xfrm state and policy (keeping any already there, which
 * are then left alone on exit), opens the MH socket and watches it.
 * Returns 0 or a negative errno, having logged why.
 */
int mobility_open(struct dhad *dhad, struct mobility **out);
/* Removes what mobility_open() installed. NULL is ignored. */
void mobility_close(struct mobility *mobility);
/* The mirror of the kernel's IPsec policies (ipsec.h); NULL: none. */
const struct ipsec *mobility_ipsec(const struct dhad *dhad);

/*
 * What the Mobility Header side did since start (dha ha show): answers
 * sent and held back by the per-peer rate limits, Binding Updates
 * discarded for want of IPsec, and the inbound MH policies mirrored.
 */
struct mobility_counters {
	uint64_t acks_sent;
	uint64_t acks_rate_limited;
	uint64_t errors_sent;
	uint64_t errors_rate_limited;
	uint64_t unprotected_discarded;
	uint64_t ipsec_policies;
};

void mobility_counters_get(const struct mobility *mobility,
			   struct mobility_counters *out);

/*
 * A binding left the cache other than by a Binding Update (expiry, kernel
 * deletion): removes the routes dhad made for it.
 */
void mobility_binding_gone(struct dhad *dhad, const struct cache_entry *entry);

/*
 * HA reliability: puts a synchronized binding into force on takeover
 * (kernel binding with the lifetime left, routes), or withdraws it when
 * this home agent stops being active (the cache keeps it, synced).
 * mobility_commit() returns 0 or a negative errno, having logged why.
 */
int mobility_commit(struct dhad *dhad, struct cache_entry *entry);
void mobility_uncommit(struct dhad *dhad, struct cache_entry *entry);

/*
 * Sends a Home Agent Switch (RFC 5142) naming count home_agents (at most
 * DHA_MH_HAS_ADDRS_MAX) to home_address through care_of_address, from
 * this home agent's address. Failures are logged.
 */
void mobility_send_ha_switch(struct mobility *mobility,
			     const struct in6_addr *home_address,
			     const struct in6_addr *care_of_address,
			     const struct in6_addr *home_agents,
			     unsigned int count);

/*
 * Sends a Binding Error of status about home_address from src to dst,
 * the care-of address, without routing header (RFC 6275 9.3.3): for
 * other parts of dhad that receive packets with a Home Address option.
 */
void mobility_send_binding_error(struct dhad *dhad, const struct in6_addr *src,
				 const struct in6_addr *dst,
				 const struct in6_addr *home_address,
				 uint8_t status);

/* ---- pure helpers, exposed for the unit tests ---- */

/*
 * What a raw MH socket reports of one datagram: the source it shows (the
 * home address when a Home Address option was swapped), the destination
 * (IPV6_PKTINFO) and the destination options header (IPV6_RECVDSTOPTS).
 */
struct mobility_rx {
	struct in6_addr source;
	struct in6_addr destination;
	const uint8_t *dstopts;		/* NULL: none */
	size_t dstopts_len;
};

/*
 * Fills the addresses of req from rx, undoing the kernel's swap: with a
 * Home Address option the wire source (the care-of address) is the one
 * in the option and the home address is the socket's source. 0, or
 * -EBADMSG for a malformed destination options header.
 */
int mobility_request_addresses(const struct mobility_rx *rx,
			       struct registration_request *req);

/*
 * Netlink requests, built into buf (size bytes, aligned for nlmsghdr):
 * the length of the message, or -ENOSPC.
 *
 * The wildcard Home Address option state: src :: dst :: proto hao mode
 * ro coa :: flag wildrecv (add), or its deletion.
 */
int mobility_xfrm_state_msg(void *buf, size_t size, bool add, uint32_t seq);
/*
 * The inbound policy for the Mobility Header: dir in proto 135 tmpl
 * proto hao mode ro level use (add), or its deletion. Its priority is
 * MOBILITY_POLICY_PRIORITY: of matching policies the kernel uses the
 * one of the lowest value, the oldest on a tie (measured in
 * selftests/mnemu/README.md), so a policy requiring ESP for a home
 * address, at a priority below this, is the one enforced whenever it
 * was added.
 */
#define MOBILITY_POLICY_PRIORITY 2147483647U
int mobility_xfrm_policy_msg(void *buf, size_t size, bool add, uint32_t seq);
/* PREFIX dev IFINDEX in the main table (add replaces), or its deletion. */
int mobility_route_msg(void *buf, size_t size, bool add, uint32_t seq,
		       const struct in6_addr *dst, uint8_t length,
		       uint32_t ifindex);

#endif /* DHAD_MOBILITY_H */
