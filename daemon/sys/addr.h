/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IPv6 addresses and prefixes as the daemon takes them from its
 * configuration and renders them for the operator. Pure functions.
 */
#ifndef DHAD_ADDR_H
#define DHAD_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

struct dhad_prefix {
	struct in6_addr address;
	uint8_t length;		/* 1..128 */
};

#define PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)

/*
 * A global unicast address: refuses ::, loopback, multicast and
 * link-local (a home agent's and a binding's addresses are global).
 * On failure returns false and points *why at a short reason.
 */
bool addr_parse_global(const char *text, struct in6_addr *out,
		       const char **why);

/* "ADDRESS/LENGTH", length 1..128, host bits zero, a global address. */
bool prefix_parse(const char *text, struct dhad_prefix *out, const char **why);

bool prefix_contains(const struct dhad_prefix *prefix,
		     const struct in6_addr *addr);
bool prefix_equal(const struct dhad_prefix *a, const struct dhad_prefix *b);

const char *addr_format(const struct in6_addr *addr,
			char buf[INET6_ADDRSTRLEN]);
const char *prefix_format(const struct dhad_prefix *prefix,
			  char buf[PREFIX_STRLEN]);

/* A network interface name the kernel would accept. */
bool ifname_valid(const char *name);

#endif /* DHAD_ADDR_H */
