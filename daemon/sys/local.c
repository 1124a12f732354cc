// SPDX-License-Identifier: GPL-2.0-only
/* This host's addresses. See local.h. */
#include <errno.h>
#include <string.h>

#include "sys/local.h"
#include "sys/log.h"

bool local_address_listed(const struct ifaddrs *list,
			  const struct in6_addr *addr, unsigned int ifindex)
{
	bool scoped = ifindex && IN6_IS_ADDR_LINKLOCAL(addr);
	const struct ifaddrs *ifa;

	for (ifa = list; ifa; ifa = ifa->ifa_next) {
		const struct sockaddr_in6 *sin6 =
			(const struct sockaddr_in6 *)ifa->ifa_addr;

		if (!sin6 || sin6->sin6_family != AF_INET6 ||
		    memcmp(&sin6->sin6_addr, addr, sizeof(*addr)))
			continue;
		if (!scoped || sin6->sin6_scope_id == ifindex)
			return true;
	}
	return false;
}

bool local_address(const struct in6_addr *addr, unsigned int ifindex)
{
	struct ifaddrs *list;
	bool found;

	if (getifaddrs(&list) < 0) {
		log_warn("cannot read this host's addresses: %s",
			 strerror(errno));
		return false;
	}
	found = local_address_listed(list, addr, ifindex);
	freeifaddrs(list);
	return found;
}
