/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A mirror of the kernel's inbound IPsec policies that can apply to the
 * Mobility Header, to tell whether a Binding Update that reached the MH
 * socket came through ESP (RFC 3776, RFC 4877), and to ICMPv6, to tell
 * whether the operator asks Mobile Prefix Solicitations from a home
 * address to come through ESP (whose socket has a policy of its own,
 * mip6/discovery.h, so the kernel does not enforce these). Pure: no
 * I/O; ipsec.h feeds it the kernel's policy dump and notifications.
 *
 * A raw socket learns nothing of a packet's security path, but the
 * kernel delivers a packet only if the inbound policy it selects for
 * the packet's flow is satisfied: every template that is not "level
 * use" must have been matched by an SA the packet came through. So a
 * BU from home address H to the home agent address A was protected iff
 * the policy the kernel selects for the flow H -> A, proto 135, MH type
 * 5 (Binding Update) has a required ESP template. The kernel selects
 * the matching policy of the lowest priority value, the oldest one on a
 * tie; a policy of the sub type only adds templates to the main one's,
 * so main policies decide.
 *
 * The answer errs on the side of "not protected":
 * - a policy whose match depends on what the mirror cannot know (a
 *   mark, an xfrm interface id, an ifindex, a security context, packet
 *   offload) counts as one the kernel may or may not have selected;
 * - of policies tied on priority, the kernel's choice (the oldest) is
 *   not known here: all of them must require ESP;
 * - an ESP template counts only if it names the SA by reqid or SPI.
 *   Otherwise any transport-mode ESP SA satisfies it, including another
 *   mobile node's, unless that SA's selector names its own home address
 *   (measured: selftests/mnemu/README.md).
 * A BU is protected only if every policy the kernel could have selected
 * requires ESP, and at least one surely matches.
 *
 * Policies are kept by index (unique per namespace, kept by updates)
 * and by source address: those of a /128 source in a hash table keyed
 * by it (SipHash with a random key, as the home addresses of policies
 * may come from mobile nodes through IKE), the others in one list, which
 * every lookup walks (in practice a handful: dhad's own wildcard, an
 * operator's bypass).
 */
#ifndef DHAD_SPD_H
#define DHAD_SPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/netlink.h>

struct spd_policy {
	uint32_t index;
	uint32_t priority;
	struct in6_addr source;
	struct in6_addr destination;
	uint8_t source_length;
	uint8_t destination_length;
	uint8_t proto;			/* 0 (any), MH or ICMPv6 */
	uint16_t sport, sport_mask;	/* network order; the MH/ICMPv6 type */
	uint16_t dport, dport_mask;	/* network order; 0 for MH, code */
	/* The kernel may or may not select it (see above). */
	bool uncertain;
	/* Allows, with a required ESP template naming its SA. */
	bool requires_esp;

	/* Private to spd.c. */
	struct spd_policy *index_next;
	struct spd_policy *source_next;	/* hash chain, or the inexact list */
};

struct spd {
	struct spd_policy **by_index;
	struct spd_policy **by_source;	/* /128 sources only */
	size_t bucket_count;		/* of both tables; a power of two */
	struct spd_policy *inexact;	/* shorter sources */
	size_t count;
	uint64_t key[2];		/* SipHash key */
};

int spd_init(struct spd *spd);
void spd_destroy(struct spd *spd);
/* Forgets every policy (before a new dump). */
void spd_clear(struct spd *spd);

/*
 * A policy message (XFRM_MSG_NEWPOLICY, as in dumps, or UPDPOLICY) of
 * len bytes: 1 and *out filled for an inbound main policy that can
 * apply to IPv6 Mobility Header or ICMPv6 packets, 0 for any other
 * policy (out filled with its index only), -EBADMSG if malformed.
 */
int spd_policy_parse(const struct nlmsghdr *nlh, size_t len,
		     struct spd_policy *out);

/*
 * Applies one message of the XFRMNLGRP_POLICY group or of a policy
 * dump: NEWPOLICY and UPDPOLICY add or replace the policy of that index
 * (or drop it if no longer relevant), DELPOLICY (by index, or by
 * selector with the policy in XFRMA_POLICY) and a hard POLEXPIRE remove
 * it, FLUSHPOLICY of the main type removes all. Other types are
 * ignored. 0, -EBADMSG (nothing changed) or -ENOMEM.
 */
int spd_apply(struct spd *spd, const struct nlmsghdr *nlh, size_t len);

/*
 * Whether a Mobility Header message of type mh_type from source to
 * destination that the kernel delivered came through ESP (see above).
 */
bool spd_protected(const struct spd *spd, const struct in6_addr *source,
		   const struct in6_addr *destination, uint8_t mh_type);
/*
 * The same for a message of proto (IPPROTO_MH, IPPROTO_ICMPV6) and type
 * (ICMPv6 code 0): the policy the kernel would select for that flow
 * requires ESP.
 */
bool spd_flow_protected(const struct spd *spd, const struct in6_addr *source,
			const struct in6_addr *destination, uint8_t proto,
			uint8_t type);

#endif /* DHAD_SPD_H */
