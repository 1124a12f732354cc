/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whether an IPv6 address is one of this host's, from the interfaces'
 * addresses (getifaddrs(), an RTM_GETADDR dump). Not from bind(): with
 * net.ipv6.ip_nonlocal_bind set, or an address in a route of type
 * local, bind() succeeds for addresses no interface has.
 */
#ifndef DHAD_LOCAL_H
#define DHAD_LOCAL_H

#include <stdbool.h>
#include <ifaddrs.h>
#include <netinet/in.h>

/*
 * addr is among the IPv6 addresses of list; a link-local one counts on
 * interface ifindex only (its sin6_scope_id), unless ifindex is 0. Pure.
 */
bool local_address_listed(const struct ifaddrs *list,
			  const struct in6_addr *addr, unsigned int ifindex);

/*
 * The same against the host's addresses now. False when they cannot be
 * read (logged): the caller then treats the address as someone else's.
 */
bool local_address(const struct in6_addr *addr, unsigned int ifindex);

#endif /* DHAD_LOCAL_H */
