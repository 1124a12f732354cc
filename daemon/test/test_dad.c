// SPDX-License-Identifier: GPL-2.0-only
/*
 * Duplicate Address Detection of home addresses (dad.c): the probe on
 * the wire, the link-local twin, which received messages tell of a
 * duplicate, and the checks' lifecycle through dad_open_ops() (the
 * link replaced by the test's join and send). The checks against a
 * node of the home link run in the guest scenario dhad-dad.sh.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <netinet/ip6.h>

#include "mip6/dad.h"
#include "mip6/mobility.h"
#include "sys/loop.h"
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

/* The test's link: what was joined and sent, and what fails. */
struct fake_link {
	struct loop *loop;
	unsigned int joined, left, sent;
	int join_error;			/* returned by join when nonzero */
	int send_error;			/* returned by send when nonzero */
	unsigned int done;		/* checks ended */
	char last[16];			/* data of the last one ended */
	bool duplicate;
};

static int fake_join(void *ctx, const struct in6_addr *group, bool on)
{
	struct fake_link *link = ctx;

	CHECK(group->s6_addr[0] == 0xff && group->s6_addr[11] == 1);
	if (on && link->join_error)
		return link->join_error;
	if (on)
		link->joined++;
	else
		link->left++;
	return 0;
}

static int fake_send(void *ctx, const uint8_t *pkt, size_t len,
		     const struct in6_addr *group)
{
	struct fake_link *link = ctx;

	CHECK(len == 40 + 24 && !memcmp(pkt + 24, group, sizeof(*group)));
	if (link->send_error)
		return link->send_error;
	link->sent++;
	return 0;
}

static const struct dad_ops fake_ops = {
	.join = fake_join,
	.send = fake_send,
};

static void fake_done(void *arg, const void *data, size_t len, bool duplicate)
{
	struct fake_link *link = arg;

	link->done++;
	link->duplicate = duplicate;
	CHECK(len < sizeof(link->last));
	memcpy(link->last, data, len);
	link->last[len] = '\0';
	loop_stop(link->loop);
}

/* An interface that is not there: the default RetransTimer, 1 s. */
static struct dad *fake_open(struct fake_link *link)
{
	struct dad *dad;

	memset(link, 0, sizeof(*link));
	link->loop = loop_new();
	CHECK(link->loop);
	CHECK_INT(dad_open_ops(link->loop, "dadtest-none", &fake_ops, link,
			       fake_done, link, &dad), 0);
	return dad;
}

static void fake_close(struct fake_link *link, struct dad *dad)
{
	dad_close(dad);
	loop_free(link->loop);
}

/*
 * A retransmitted or newer Binding Update for a home address under
 * check replaces the one held: one probe, and when the check ends only
 * the latest is handed back, once.
 */
static void test_dad_replace(void)
{
	struct in6_addr hoa = addr("2001:db8:1::10");
	struct fake_link link;
	struct dad *dad = fake_open(&link);

	CHECK_INT(dad_start(dad, &hoa, false, "bu-seq1", 7), 0);
	CHECK_INT(dad_start(dad, &hoa, false, "bu-seq1", 7), 1);
	CHECK_INT(dad_start(dad, &hoa, true, "bu-seq2", 7), 1);
	CHECK_INT(dad_count(dad), 1);
	CHECK_INT(link.sent, 1);
	CHECK_INT(link.joined, 1);
	CHECK_INT(loop_run(link.loop), 0);
	CHECK_INT(link.done, 1);
	CHECK(!link.duplicate);
	CHECK(!strcmp(link.last, "bu-seq2"));
	CHECK_INT(dad_count(dad), 0);
	CHECK_INT(link.left, 1);
	/* Once ended, the home address is checked anew. */
	CHECK_INT(dad_start(dad, &hoa, false, "bu-seq3", 7), 0);
	CHECK_INT(link.sent, 2);
	fake_close(&link, dad);
}

/* At most DAD_CHECKS_MAX at once: then -ENOBUFS, BA status 130. */
static void test_dad_limit(void)
{
	struct in6_addr hoa = addr("2001:db8:1::");
	struct fake_link link;
	struct dad *dad = fake_open(&link);
	unsigned int i;

	for (i = 0; i < DAD_CHECKS_MAX; i++) {
		hoa.s6_addr[14] = (uint8_t)(i >> 8);
		hoa.s6_addr[15] = (uint8_t)i;
		CHECK_INT(dad_start(dad, &hoa, false, "x", 1), 0);
	}
	CHECK_INT(dad_count(dad), DAD_CHECKS_MAX);
	hoa.s6_addr[12] = 1;
	CHECK_INT(dad_start(dad, &hoa, false, "x", 1), -ENOBUFS);
	CHECK_INT(dad_count(dad), DAD_CHECKS_MAX);
	CHECK_INT(mobility_dad_refusal(-ENOBUFS),
		  DHA_BA_INSUFFICIENT_RESOURCES);
	CHECK_INT(mobility_dad_refusal(-ENOMEM),
		  DHA_BA_INSUFFICIENT_RESOURCES);
	/* One held already is still replaced. */
	hoa.s6_addr[12] = 0;
	CHECK_INT(dad_start(dad, &hoa, false, "y", 1), 1);
	fake_close(&link, dad);
}

/* A probe that cannot be sent: no check runs, BA status 128. */
static void test_dad_probe_fails(void)
{
	struct in6_addr hoa = addr("2001:db8:1::10");
	struct fake_link link;
	struct dad *dad = fake_open(&link);

	link.send_error = -ENETDOWN;
	CHECK_INT(dad_start(dad, &hoa, false, "bu", 2), -ENETDOWN);
	CHECK_INT(dad_count(dad), 0);
	CHECK_INT(loop_timer_count(link.loop), 0);
	CHECK_INT(link.left, 1);
	CHECK_INT(mobility_dad_refusal(-ENETDOWN), DHA_BA_REASON_UNSPECIFIED);
	CHECK_INT(mobility_dad_refusal(-ENODEV), DHA_BA_REASON_UNSPECIFIED);
	/* The next try starts afresh. */
	link.send_error = 0;
	CHECK_INT(dad_start(dad, &hoa, false, "bu", 2), 0);
	CHECK_INT(dad_count(dad), 1);
	fake_close(&link, dad);
}

/*
 * No room for another group on the socket (optmem_max, before 6.9 some
 * 360 groups; ENOMEM from Linux): the check runs without it; another
 * failure ends it.
 */
static void test_dad_join_fails(void)
{
	struct in6_addr hoa = addr("2001:db8:1::10");
	struct fake_link link;
	struct dad *dad = fake_open(&link);

	link.join_error = -ENOMEM;
	CHECK_INT(dad_start(dad, &hoa, true, "bu", 2), 0);
	CHECK_INT(dad_count(dad), 1);
	CHECK_INT(link.sent, 2);
	CHECK_INT(loop_run(link.loop), 0);
	CHECK_INT(link.done, 1);
	CHECK(!link.duplicate);
	link.join_error = -ENOBUFS;
	CHECK_INT(dad_start(dad, &hoa, false, "bu", 2), 0);
	CHECK_INT(dad_count(dad), 1);
	CHECK_INT(loop_run(link.loop), 0);
	CHECK_INT(link.done, 2);
	link.join_error = -ENODEV;
	CHECK_INT(dad_start(dad, &hoa, false, "bu", 2), -ENODEV);
	CHECK_INT(dad_count(dad), 0);
	CHECK_INT(link.sent, 3);
	fake_close(&link, dad);
}

SUITE(dad, TEST_CASE(test_dad_link_local), TEST_CASE(test_dad_probe),
      TEST_CASE(test_dad_conflict), TEST_CASE(test_dad_replace),
      TEST_CASE(test_dad_limit), TEST_CASE(test_dad_probe_fails),
      TEST_CASE(test_dad_join_fails));
