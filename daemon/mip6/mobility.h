/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent's Mobility Header side: it listens for Binding Updates
 * (and for every type no other protocol takes) through the core
 * (core/mh.h), with the xfrm state and policy that let Binding Updates
 * with a Home Address option reach it (xfrm.h), decides with
 * registration_decide(), puts the result into force (binding.h), and
 * answers with a Binding Acknowledgement or Binding Error, rate-limited
 * per peer.
 *
 * Linux facts relied upon are measured in selftests/mnemu/README.md.
 */
#ifndef DHAD_MOBILITY_H
#define DHAD_MOBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "mip6/registration.h"
#include "sys/rawsock.h"

struct mip6;
struct mobility;

/*
 * Installs the xfrm state and policy (keeping any already there, which
 * are then left alone on exit) and listens. Returns 0 or a negative
 * errno, having logged why.
 */
int mobility_open(struct mip6 *ha, struct mobility **out);
/* Removes what mobility_open() installed. NULL is ignored. */
void mobility_close(struct mobility *mobility);

/*
 * What the Mobility Header side did since start (dha ha show): answers
 * sent and held back by the per-peer rate limits, Binding Updates
 * discarded for want of IPsec, the inbound MH policies mirrored, and
 * Binding Updates refused by binding-policy.
 */
struct mobility_counters {
	uint64_t acks_sent;
	uint64_t acks_rate_limited;
	uint64_t errors_sent;
	uint64_t errors_rate_limited;
	uint64_t unprotected_discarded;
	uint64_t ipsec_policies;
	uint64_t policy_denied;		/* refused with 129 by binding-policy */
};

void mobility_counters_get(const struct mobility *mobility,
			   struct mobility_counters *out);

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
 * other parts of the home agent that receive packets with a Home
 * Address option. Rate-limited per dst and counted like the Binding
 * Errors the Mobility Header side sends. False if held back by the
 * limit (or NULL mobility), true if handed to the socket.
 */
bool mobility_send_binding_error(struct mobility *mobility,
				 const struct in6_addr *src,
				 const struct in6_addr *dst,
				 const struct in6_addr *home_address,
				 uint8_t status);

/* ---- pure helpers, exposed for the unit tests ---- */

/*
 * Fills the addresses of req from rx, undoing the kernel's swap: with a
 * Home Address option the wire source (the care-of address) is the one
 * in the option and the home address is the socket's source. 0, or
 * -EBADMSG for a malformed destination options header.
 */
int mobility_request_addresses(const struct rawsock_rx *rx,
			       struct registration_request *req);

/*
 * The Binding Acknowledgement status refusing a new home registration
 * whose Duplicate Address Detection could not start (dad_start()'s
 * negative errno): 130 (insufficient resources) for no room (-ENOBUFS,
 * -ENOMEM), else 128 (reason unspecified: the probe was not sent).
 */
uint8_t mobility_dad_refusal(int err);

#endif /* DHAD_MOBILITY_H */
