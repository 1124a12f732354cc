/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Mobile IPv6 home agent (RFC 6275) with NEMO Basic Support (RFC
 * 3963) as a protocol of dhad: home registration on the Mobility Header,
 * interception on the home link, discovery and Router Advertisements on
 * ICMPv6. It owns [home-agent] and [router-advertisement], publishes the
 * home agent's identity, and offers the other protocols its services
 * (core/home.h).
 *
 * One struct mip6 serves one home link ([home-agent], and one more for
 * each [home-agent NAME]). The first one's sockets (Mobility Header,
 * ICMPv6) receive for all of them and hand each message to the home
 * link it concerns (mip6_link_of()); the others have their own dha
 * device, interception, Duplicate Address Detection, Router
 * Advertisements, anycast and Home Agents List.
 */
#ifndef DHAD_MIP6_H
#define DHAD_MIP6_H

#include "core/control.h"
#include "core/halist.h"
#include "core/protocol.h"
#include "mip6/config.h"
#include "nlsock.h"

struct binding_io;
struct dhad;
struct discovery;
struct intercept;
struct mobility;
struct prefixadv;

struct mip6 {
	struct dhad *dhad;
	const struct mip6_config *config;	/* this home link's */
	uint32_t device;		/* this home link's dha device */
	/* The home agents of this home link: the core's for the first. */
	struct halist *halist;
	struct halist own_halist;	/* the others' */
	struct mip6 *first;		/* whose sockets serve every link */
	/* The first's: every home link, itself first. */
	unsigned int link_count;
	struct mip6 *links[DHAD_HOMES_MAX];
	struct nlsock route;		/* rtnetlink: routes to the device */
	const struct binding_io *io;	/* bindings and routes (binding.h) */
	struct mobility *mobility;	/* the Mobility Header side */
	struct intercept *intercept;	/* proxy ND on the home link */
	struct discovery *discovery;	/* DHAAD, RAs, Mobile Prefixes */
	struct prefixadv *prefixadv;	/* unsolicited Mobile Prefixes */
};

extern const struct protocol mip6_protocol;

/* The home link one of whose prefixes holds addr; NULL: none. */
struct mip6 *mip6_link_of(const struct mip6 *ha, const struct in6_addr *addr);

/* Its part of dha ha show, and its commands (show.c). */
void mip6_show(void *state, json_object *result);
extern const struct control_command mip6_commands[];

#endif /* DHAD_MIP6_H */
