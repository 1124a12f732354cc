// SPDX-License-Identifier: GPL-2.0-only
/* This host's addresses, from the interfaces' (sys/local.h). */
#include <arpa/inet.h>
#include <string.h>

#include "sys/local.h"
#include "check.h"

static struct sockaddr_in6 sin6(const char *text, uint32_t scope)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_scope_id = scope };

	CHECK_INT(inet_pton(AF_INET6, text, &sa.sin6_addr), 1);
	return sa;
}

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK_INT(inet_pton(AF_INET6, text, &addr), 1);
	return addr;
}

static void test_local_address_listed(void)
{
	struct sockaddr_in6 global = sin6("2001:db8:1::1", 0);
	struct sockaddr_in6 link = sin6("fe80::1", 3);
	struct sockaddr_in v4 = { .sin_family = AF_INET };
	struct ifaddrs ifa[4] = {
		{ .ifa_name = "lo", .ifa_addr = NULL },	/* no address */
		{ .ifa_name = "eth0", .ifa_addr = (struct sockaddr *)&v4 },
		{ .ifa_name = "eth0", .ifa_addr = (struct sockaddr *)&global },
		{ .ifa_name = "eth1", .ifa_addr = (struct sockaddr *)&link },
	};
	struct in6_addr addr;

	ifa[0].ifa_next = &ifa[1];
	ifa[1].ifa_next = &ifa[2];
	ifa[2].ifa_next = &ifa[3];
	addr = a6("2001:db8:1::1");
	CHECK(local_address_listed(ifa, &addr, 0));
	CHECK(local_address_listed(ifa, &addr, 7));
	addr = a6("2001:db8:1::2");
	CHECK(!local_address_listed(ifa, &addr, 0));
	/* A link-local address is the host's on its own interface only. */
	addr = a6("fe80::1");
	CHECK(local_address_listed(ifa, &addr, 3));
	CHECK(!local_address_listed(ifa, &addr, 4));
	CHECK(local_address_listed(ifa, &addr, 0));
	CHECK(!local_address_listed(NULL, &addr, 0));
	/* The IPv4 entry's bytes never match. */
	addr = a6("::");
	CHECK(!local_address_listed(ifa, &addr, 0));
}

/*
 * Against the host: ::1 is on lo wherever IPv6 is; a documentation
 * address is on no interface, even where bind() would take it
 * (net.ipv6.ip_nonlocal_bind; selftests/scenarios/dhad-duties.sh).
 */
static void test_local_address_host(void)
{
	struct in6_addr addr = a6("::1");

	CHECK(local_address(&addr, 0));
	addr = a6("2001:db8:ffff::4242");
	CHECK(!local_address(&addr, 0));
}

SUITE(local, TEST_CASE(test_local_address_listed),
      TEST_CASE(test_local_address_host));
