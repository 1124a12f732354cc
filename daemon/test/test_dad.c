// SPDX-License-Identifier: GPL-2.0-only
/*
 * Duplicate Address Detection of home addresses (dad.c): the probe on
 * the wire, the link-local twin, and which received messages tell of a
 * duplicate. The checks themselves run in the guest scenario
 * dhad-dad.sh, against a node of the home link.
 */
#include <arpa/inet.h>
#include <string.h>
#include <netinet/ip6.h>

#include "mip6/dad.h"
#include "wire/csum.h"
#include "wire/ndisc.h"
#include "wire/numbers.h"
#include "check.h"

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	CHECK_INT(inet_pton(AF_INET6, text, &a), 1);
	return a;
}

static bool addr_is(const struct in6_addr *a, const char *text)
{
	struct in6_addr b = addr(text);

	return !memcmp(a, &b, sizeof(b));
}

static void test_dad_link_local(void)
{
	struct in6_addr hoa = addr("2001:db8:1::12:3456:789a:bcde"), ll;

	dad_link_local(&hoa, &ll);
	CHECK(addr_is(&ll, "fe80::12:3456:789a:bcde"));
}

static void test_dad_probe(void)
{
	struct in6_addr hoa = addr("2001:db8:1::a:bc:de01");
	uint8_t buf[128];
	struct ip6_hdr ip6;
	struct dha_ns ns;
	int len;

	len = dad_probe_build(buf, sizeof(buf), &hoa);
	CHECK_INT(len, 40 + 24);
	memcpy(&ip6, buf, sizeof(ip6));
	CHECK_INT(ntohl(ip6.ip6_flow) >> 28, 6);
	CHECK_INT(ntohs(ip6.ip6_plen), 24);
	CHECK_INT(ip6.ip6_nxt, IPPROTO_ICMPV6);
	CHECK_INT(ip6.ip6_hlim, 255);
	CHECK(addr_is(&ip6.ip6_src, "::"));
	CHECK(addr_is(&ip6.ip6_dst, "ff02::1:ffbc:de01"));
	CHECK_INT(buf[40], DHA_ICMP6_NEIGHBOR_SOLICIT);
	/* Checksummed: the sum over it is 0. */
	CHECK_INT(dha_csum_ipv6(&ip6.ip6_src, &ip6.ip6_dst, IPPROTO_ICMPV6,
				buf + 40, 24), 0);
	CHECK_INT(dha_ns_parse(buf + 40, 24, &ip6.ip6_src, &ns), 0);
	CHECK(ns.is_dad && !ns.has_source_lladdr);
	CHECK(!memcmp(&ns.target, &hoa, sizeof(hoa)));
	/* It is another node's probe to a node probing the same address. */
	CHECK(dad_conflict(&hoa, buf + 40, 24, &ip6.ip6_src, 255));
	CHECK(dad_probe_build(buf, 50, &hoa) < 0);
	CHECK(dad_probe_build(buf, 20, &hoa) < 0);
}

static size_t na(uint8_t *buf, const char *target)
{
	struct dha_na msg = { .flags = DHA_NA_FLAG_O, .target = addr(target) };
	size_t len;

	CHECK_INT(dha_na_build(buf, 64, &msg, &len), 0);
	return len;
}

static size_t ns(uint8_t *buf, const char *target, bool dad)
{
	struct dha_ns msg = { .target = addr(target), .is_dad = dad };
	size_t len;

	if (!dad) {
		msg.has_source_lladdr = true;
		msg.source_lladdr.len = 6;
	}
	CHECK_INT(dha_ns_build(buf, 64, &msg, &len), 0);
	return len;
}

static void test_dad_conflict(void)
{
	struct in6_addr hoa = addr("2001:db8:1::10");
	struct in6_addr holder = addr("fe80::99"), none = addr("::");
	uint8_t buf[64];
	size_t len;

	/* The holder answers the probe. */
	len = na(buf, "2001:db8:1::10");
	CHECK(dad_conflict(&hoa, buf, len, &holder, 255));
	/* From beyond a router: no evidence (RFC 4861 7.1.2). */
	CHECK(!dad_conflict(&hoa, buf, len, &holder, 254));
	/* About another address. */
	len = na(buf, "2001:db8:1::11");
	CHECK(!dad_conflict(&hoa, buf, len, &holder, 255));
	/* Another node probing it too. */
	len = ns(buf, "2001:db8:1::10", true);
	CHECK(dad_conflict(&hoa, buf, len, &none, 255));
	/* A node resolving it (the mobile node's correspondent, say). */
	len = ns(buf, "2001:db8:1::10", false);
	CHECK(!dad_conflict(&hoa, buf, len, &holder, 255));
	/* Code not 0, truncated, another type. */
	len = na(buf, "2001:db8:1::10");
	buf[1] = 1;
	CHECK(!dad_conflict(&hoa, buf, len, &holder, 255));
	buf[1] = 0;
	CHECK(!dad_conflict(&hoa, buf, 10, &holder, 255));
	buf[0] = DHA_ICMP6_ROUTER_ADVERT;
	CHECK(!dad_conflict(&hoa, buf, len, &holder, 255));
}

SUITE(dad, TEST_CASE(test_dad_link_local), TEST_CASE(test_dad_probe),
      TEST_CASE(test_dad_conflict));
