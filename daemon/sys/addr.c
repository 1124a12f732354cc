// SPDX-License-Identifier: GPL-2.0-only
/* IPv6 address and prefix helpers. See addr.h. */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/addr.h"

bool addr_parse_global(const char *text, struct in6_addr *out,
		       const char **why)
{
	if (inet_pton(AF_INET6, text, out) != 1) {
		*why = "not an IPv6 address";
		return false;
	}
	if (IN6_IS_ADDR_UNSPECIFIED(out)) {
		*why = "the unspecified address";
		return false;
	}
	if (IN6_IS_ADDR_LOOPBACK(out)) {
		*why = "a loopback address";
		return false;
	}
	if (IN6_IS_ADDR_MULTICAST(out)) {
		*why = "a multicast address";
		return false;
	}
	if (IN6_IS_ADDR_LINKLOCAL(out)) {
		*why = "a link-local address";
		return false;
	}
	return true;
}

bool prefix_parse(const char *text, struct dhad_prefix *out, const char **why)
{
	char address[INET6_ADDRSTRLEN];
	const char *slash = strchr(text, '/');
	const char *digits;
	unsigned long length = 0;
	unsigned int bit;

	if (!slash || (size_t)(slash - text) >= sizeof(address)) {
		*why = "not ADDRESS/LENGTH";
		return false;
	}
	memcpy(address, text, (size_t)(slash - text));
	address[slash - text] = '\0';
	/* Plain decimal only: no sign, blanks or leading zeros. */
	digits = slash + 1;
	if (digits[0] < '1' || digits[0] > '9' || strlen(digits) > 3) {
		*why = "prefix length must be 1..128";
		return false;
	}
	for (; *digits; digits++) {
		if (*digits < '0' || *digits > '9') {
			*why = "prefix length must be 1..128";
			return false;
		}
		length = length * 10 + (unsigned long)(*digits - '0');
	}
	if (length > 128) {
		*why = "prefix length must be 1..128";
		return false;
	}
	if (!addr_parse_global(address, &out->address, why))
		return false;
	out->length = (uint8_t)length;
	for (bit = out->length; bit < 128; bit++) {
		if (out->address.s6_addr[bit / 8] & (0x80 >> (bit % 8))) {
			*why = "host bits set";
			return false;
		}
	}
	return true;
}

bool prefix_contains(const struct dhad_prefix *prefix,
		     const struct in6_addr *addr)
{
	unsigned int full = prefix->length / 8, rest = prefix->length % 8;
	uint8_t mask;

	if (memcmp(prefix->address.s6_addr, addr->s6_addr, full) != 0)
		return false;
	if (!rest)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (prefix->address.s6_addr[full] & mask) ==
	       (addr->s6_addr[full] & mask);
}

bool prefix_equal(const struct dhad_prefix *a, const struct dhad_prefix *b)
{
	return a->length == b->length &&
	       memcmp(&a->address, &b->address, sizeof(a->address)) == 0;
}

const char *addr_format(const struct in6_addr *addr,
			char buf[INET6_ADDRSTRLEN])
{
	return inet_ntop(AF_INET6, addr, buf, INET6_ADDRSTRLEN);
}

const char *prefix_format(const struct dhad_prefix *prefix,
			  char buf[PREFIX_STRLEN])
{
	char address[INET6_ADDRSTRLEN];

	snprintf(buf, PREFIX_STRLEN, "%s/%u", addr_format(&prefix->address,
							  address),
		 prefix->length);
	return buf;
}

bool ifname_valid(const char *name)
{
	size_t len = strlen(name), i;

	if (len == 0 || len >= IF_NAMESIZE || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (name[i] == '/' || name[i] == ':' || name[i] <= ' ' ||
		    name[i] == 0x7f)
			return false;
	}
	return true;
}
