/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whether a Binding Update came through IPsec ESP (RFC 3776, RFC 4877),
 * which `require-ipsec` asks for. The kernel enforces the inbound
 * policies; dhad keeps a mirror of those that can apply to the Mobility
 * Header (spd.h explains why that tells what a raw socket cannot) and
 * answers from it.
 *
 * Why a mirror rather than a query per Binding Update: the kernel has
 * no request "which policy would you select for this flow", only get by
 * selector or index, which misses a covering prefix or a preferred
 * policy of another selector; and a dump per BU costs O(policies) with
 * 100000 bindings. The mirror is dumped once at start, follows the
 * XFRMNLGRP_POLICY notifications, and is dumped again when they were
 * lost (socket overrun) or could not be applied; until that succeeds
 * every BU counts as unprotected.
 *
 * Documentation/ipsec.md describes the policies and SAs to configure.
 */
#ifndef DHAD_IPSEC_H
#define DHAD_IPSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/loop.h"

struct ipsec;

/*
 * Subscribes to the policy notifications, dumps the policies and
 * watches the socket. Returns 0 or a negative errno, having logged why.
 */
int ipsec_open(struct loop *loop, struct ipsec **out);
/* NULL is ignored. */
void ipsec_close(struct ipsec *ipsec);

/*
 * A Mobility Header message of mh_type from source (for a Binding
 * Update the home address: the socket's source after the kernel's swap
 * of the Home Address option) to destination (where it was sent) was
 * protected by ESP. NULL: no mirror, false.
 */
bool ipsec_mh_protected(const struct ipsec *ipsec,
			const struct in6_addr *source,
			const struct in6_addr *destination, uint8_t mh_type);

/*
 * Whether the inbound policy for an ICMPv6 message of type from source
 * to destination requires ESP (a Mobile Prefix Solicitation's source is
 * the home address). NULL or no mirror: false.
 */
bool ipsec_icmp_protected(const struct ipsec *ipsec,
			  const struct in6_addr *source,
			  const struct in6_addr *destination, uint8_t type);

/* Policies mirrored (inbound, main, able to match the MH or ICMPv6). */
size_t ipsec_policy_count(const struct ipsec *ipsec);

#endif /* DHAD_IPSEC_H */
