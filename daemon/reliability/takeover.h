/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HA reliability: what a member of a redundant set does to the network
 * when it becomes the active home agent, and undoes when it stops being
 * it (draft-ietf-mip6-hareliability-00 5.1, 5.2, 7.4, 7.8). The bindings
 * themselves are sync.c's: it commits the synchronized ones to the
 * kernel first (home_commit_many(), which also announces each home address
 * on the home link); then, through redundancy.c's set_role(),
 * this announces the member itself:
 *
 *   - both modes: each home prefix goes into [redundancy] route-table as
 *     "PREFIX dev HOME-LINK proto 135 metric 135", for a routing daemon
 *     that redistributes that table to announce the prefix here;
 *   - virtual switch: the shared [home-agent] address comes up on the
 *     home link ("/128 nodad noprefixroute proto 135") and is advertised
 *     with unsolicited Neighbor Advertisements (home_announce());
 *     a /128 route for it joins the prefixes when no home prefix holds
 *     it;
 *   - hard switch: each binding registered at another member and served
 *     here now (a takeover's commits, or a merge after a partition) gets
 *     a Home Agent Switch naming this member's address (haswitch.c,
 *     paced by switch-rate), so its mobile node registers here.
 *
 * Becoming standby undoes all of it: the address (if dhad put it there:
 * this process, or proto 135), the routes (proto 135 only), the pending
 * advertisements and switches. A member starting (role init) touches
 * nothing; what an earlier dhad left goes when it settles as standby.
 * Documentation/reliability.md, "Takeover", has the reasons.
 */
#ifndef DHAD_TAKEOVER_H
#define DHAD_TAKEOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <json-c/json.h>
#include <linux/netlink.h>

#include "core/home.h"
#include "reliability/redundancy.h"
#include "sys/addr.h"
#include "sys/route.h"

struct config_redundancy;
struct dhad;
struct nl_msg;
struct takeover;

/* The shared address and the routes are dhad's (sys/route.h). */
#define TAKEOVER_PROTOCOL ROUTE_PROTOCOL
#define TAKEOVER_METRIC ROUTE_METRIC
/* The home prefixes, and the shared address outside them. */
#define TAKEOVER_ROUTES_MAX (CONFIG_PREFIXES_MAX + 1)

/* 0 or a negative errno, having logged why. */
int takeover_open(struct dhad *dhad, const struct config_redundancy *config,
		  struct takeover **out);
/* Leaves the kernel as it is. NULL is ignored. */
void takeover_close(struct takeover *takeover);

/*
 * After every role change, once sync_roles_changed() has committed or
 * withdrawn the bindings: announces this member (now active) or
 * withdraws it (now standby).
 */
void takeover_roles_changed(struct takeover *takeover,
			    enum redundancy_role old, enum redundancy_role now);
/* The configuration was reloaded: the active's routes follow it. */
void takeover_reload(struct takeover *takeover);

/*
 * The binding of hoa, registered at another member, was committed here
 * (home_commit_many()): in hard mode its mobile node is told to register
 * here.
 */
void takeover_binding_adopted(struct takeover *takeover,
			      const struct in6_addr *hoa);

/* The "takeover" object of dha ha show's redundancy. */
json_object *takeover_json(const struct takeover *takeover);

/* ---- pure helpers, exposed for the unit tests and the fuzzer ---- */

/*
 * The routes an active member installs: each home prefix and, when
 * with_address and no prefix holds it, address/128. Returns how many
 * (at most TAKEOVER_ROUTES_MAX) went into out.
 */
unsigned int takeover_routes(const struct dhad_prefix *prefixes,
			     unsigned int prefix_count,
			     const struct in6_addr *address, bool with_address,
			     struct dhad_prefix *out);

/*
 * address/128 on ifindex: RTM_NEWADDR (nodad, noprefixroute, dhad's
 * protocol; replaces one already there), RTM_DELADDR or RTM_GETADDR
 * (that one address). NULL when out of memory.
 */
struct nl_msg *takeover_addr_msg(int type, uint32_t ifindex,
				 const struct in6_addr *address);

/* An IPv6 address as a get or a dump reports it. */
struct takeover_addr {
	uint32_t ifindex;
	uint8_t prefix_len;
	struct in6_addr address;
	uint8_t protocol;		/* IFA_PROTO; 0: none given */
};

/*
 * One message of len bytes from the kernel: 0 with *out filled for an
 * IPv6 address, -ENOMSG for any other family or message type, -EBADMSG
 * if malformed.
 */
int takeover_parse_addr(const struct nlmsghdr *nlh, size_t len,
			struct takeover_addr *out);

#endif /* DHAD_TAKEOVER_H */
