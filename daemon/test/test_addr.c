// SPDX-License-Identifier: GPL-2.0-only
/* Address, prefix and interface name helpers. */
#include <string.h>

#include "sys/addr.h"
#include "check.h"

static void test_prefix_parse(void)
{
	struct dhad_prefix prefix, other;
	char buf[PREFIX_STRLEN];
	struct in6_addr addr;
	const char *why = NULL;

	CHECK(prefix_parse("2001:db8:1::/64", &prefix, &why));
	CHECK_STR(prefix_format(&prefix, buf), "2001:db8:1::/64");
	CHECK(prefix_parse("2001:db8::1/128", &prefix, &why));
	CHECK(!prefix_parse("2001:db8::/0", &prefix, &why));
	CHECK(!prefix_parse("2001:db8::/064", &prefix, &why));
	CHECK(!prefix_parse("2001:db8::/-1", &prefix, &why));
	CHECK(!prefix_parse("2001:db8::/ 64", &prefix, &why));
	CHECK(!prefix_parse("/64", &prefix, &why));
	CHECK(!prefix_parse("2001:db8::1/127", &prefix, &why));
	CHECK_STR(why, "host bits set");
	CHECK(prefix_parse("2001:db8:1::/48", &prefix, &why));
	CHECK(prefix_parse("2001:db8:1::/48", &other, &why));
	CHECK(prefix_equal(&prefix, &other));
	other.length = 49;
	CHECK(!prefix_equal(&prefix, &other));
	addr_parse_global("2001:db8:1:ffff::1", &addr, &why);
	CHECK(prefix_contains(&prefix, &addr));
	addr_parse_global("2001:db8:2::1", &addr, &why);
	CHECK(!prefix_contains(&prefix, &addr));
	CHECK(prefix_parse("2001:db8:1:8000::/49", &prefix, &why));
	addr_parse_global("2001:db8:1:8001::1", &addr, &why);
	CHECK(prefix_contains(&prefix, &addr));
	addr_parse_global("2001:db8:1:7fff::1", &addr, &why);
	CHECK(!prefix_contains(&prefix, &addr));
}

static void test_ifname_valid(void)
{
	CHECK(ifname_valid("dha0"));
	CHECK(ifname_valid("abcdefghijklmno"));
	CHECK(!ifname_valid("abcdefghijklmnop"));
	CHECK(!ifname_valid(""));
	CHECK(!ifname_valid("."));
	CHECK(!ifname_valid(".."));
	CHECK(!ifname_valid("a b"));
	CHECK(!ifname_valid("a:b"));
}

SUITE(addr, TEST_CASE(test_prefix_parse), TEST_CASE(test_ifname_valid));
