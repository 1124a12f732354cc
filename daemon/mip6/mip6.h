/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Mobile IPv6 home agent (RFC 6275) with NEMO Basic Support (RFC
 * 3963) as a protocol of dhad: home registration on the Mobility Header,
 * interception on the home link, discovery and Router Advertisements on
 * ICMPv6. It owns [home-agent] and [router-advertisement], publishes the
 * home agent's identity, and offers the other protocols its services
 * (core/home.h).
 */
#ifndef DHAD_MIP6_H
#define DHAD_MIP6_H

#include "core/control.h"
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
	const struct mip6_config *config;
	struct nlsock route;		/* rtnetlink: routes to the device */
	const struct binding_io *io;	/* bindings and routes (binding.h) */
	struct mobility *mobility;	/* the Mobility Header side */
	struct intercept *intercept;	/* proxy ND on the home link */
	struct discovery *discovery;	/* DHAAD, RAs, Mobile Prefixes */
	struct prefixadv *prefixadv;	/* unsolicited Mobile Prefixes */
};

extern const struct protocol mip6_protocol;

/* Its part of dha ha show, and its commands (show.c). */
void mip6_show(void *state, json_object *result);
extern const struct control_command mip6_commands[];

#endif /* DHAD_MIP6_H */
