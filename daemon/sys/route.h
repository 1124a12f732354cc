/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The routes dhad puts into a routing table for a routing daemon to
 * announce (BIRD, FRR): the home prefixes of the member that serves them
 * (HA reliability's active member, every member of a global home agent
 * set that can serve). Building the request is here; sending it is the
 * caller's, on its own NETLINK_ROUTE socket (lib/nlsock.h).
 */
#ifndef DHAD_ROUTE_H
#define DHAD_ROUTE_H

#include <stdint.h>

#include "sys/addr.h"

struct nl_msg;

/*
 * The protocol of dhad's routes and addresses (`ip -6 route show proto
 * 135`): the Mobility Header's number, as for the home agent's proxy
 * entries.
 */
#define ROUTE_PROTOCOL 135
/*
 * The metric of dhad's routes: other than the kernel's connected route
 * (256) and ip's default (1024), so that neither collides with them in
 * the main table.
 */
#define ROUTE_METRIC 135

/*
 * "PREFIX dev IFINDEX table TABLE proto 135 metric 135": RTM_NEWROUTE
 * (replacing one of the same metric) or RTM_DELROUTE (which the kernel
 * matches against the protocol too, so only dhad's goes). NULL when out
 * of memory.
 */
struct nl_msg *route_msg(int type, uint32_t table, uint32_t ifindex,
			 const struct dhad_prefix *prefix);

#endif /* DHAD_ROUTE_H */
