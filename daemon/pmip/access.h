/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A MAG's access links as rtnetlink sees them: the shared link-local
 * address (RFC 5213 6.8) on each, a mobile node's home network prefix
 * on-link on its link, and whether a link is up with a carrier.
 */
#ifndef DHAD_PMIP_ACCESS_H
#define DHAD_PMIP_ACCESS_H

#include <stdbool.h>
#include <netinet/in.h>

#include "nlsock.h"
#include "sys/addr.h"

/* Puts addr on ifindex without Duplicate Address Detection: 0 or -errno. */
int access_add_link_local(struct nlsock *route, unsigned int ifindex,
			  const struct in6_addr *addr);
/* Routes prefix onto ifindex (add) or removes that route: 0 or -errno. */
int access_route(struct nlsock *route, bool add, unsigned int ifindex,
		 const struct dhad_prefix *prefix);
/* Whether the interface named is up with a carrier (IFF_RUNNING). */
bool access_running(const char *ifname);

#endif /* DHAD_PMIP_ACCESS_H */
