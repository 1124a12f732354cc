// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pure helpers of the takeover: which routes an active member
 * installs, the address and route requests, and the parser of the
 * kernel's address messages.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>

#include "reliability/probe.h"
#include "reliability/takeover.h"
#include "sys/route.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

static struct dhad_prefix p6(const char *text, uint8_t length)
{
	struct dhad_prefix p = { .address = a6(text), .length = length };

	return p;
}

static bool same(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static void test_routes(void)
{
	struct dhad_prefix prefixes[CONFIG_PREFIXES_MAX + 1];
	struct dhad_prefix out[TAKEOVER_ROUTES_MAX];
	struct in6_addr inside = a6("2001:db8:1::1");
	struct in6_addr outside = a6("2001:db8:9::1");
	unsigned int i;

	prefixes[0] = p6("2001:db8:1::", 64);
	prefixes[1] = p6("2001:db8:2::", 48);
	/* The address in a home prefix: the prefixes alone. */
	CHECK_INT(takeover_routes(prefixes, 2, &inside, true, out), 2);
	CHECK(prefix_equal(&out[0], &prefixes[0]));
	CHECK(prefix_equal(&out[1], &prefixes[1]));
	/* Outside: its /128 too, in virtual mode only. */
	CHECK_INT(takeover_routes(prefixes, 2, &outside, true, out), 3);
	CHECK(same(&out[2].address, &outside) && out[2].length == 128);
	CHECK_INT(takeover_routes(prefixes, 2, &outside, false, out), 2);
	CHECK_INT(takeover_routes(prefixes, 0, &outside, true, out), 1);
	/* Never more than the array holds. */
	for (i = 0; i < CONFIG_PREFIXES_MAX; i++) {
		prefixes[i] = p6("2001:db8:100::", 48);
		prefixes[i].address.s6_addr[5] = (uint8_t)i;
	}
	CHECK_INT(takeover_routes(prefixes, CONFIG_PREFIXES_MAX, &outside,
				  true, out), TAKEOVER_ROUTES_MAX);
}

static const struct nlattr *find_attr(const struct nlmsghdr *nlh,
				      size_t header, int type)
{
	const struct nlattr *nla = (const void *)
		((const char *)NLMSG_DATA(nlh) + NLMSG_ALIGN(header));
	int left = (int)nlh->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(header));

	for (; nla_ok(nla, left); nla = nla_next(nla, &left))
		if (nla_type(nla) == type)
			return nla;
	return NULL;
}

static uint32_t attr_u32(const struct nlmsghdr *nlh, size_t header, int type)
{
	const struct nlattr *nla = find_attr(nlh, header, type);

	CHECK(nla && nla_len(nla) == 4);
	return nla && nla_len(nla) == 4 ? nla_get_u32((struct nlattr *)nla) : 0;
}

static void test_addr_msg(void)
{
	struct in6_addr ha = a6("2001:db8:1::1");
	const struct ifaddrmsg *ifa;
	const struct nlattr *nla;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;
	int type;

	msg = takeover_addr_msg(RTM_NEWADDR, 5, &ha);
	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_type, RTM_NEWADDR);
	CHECK((nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_REPLACE)) ==
	      (NLM_F_CREATE | NLM_F_REPLACE));
	ifa = NLMSG_DATA(nlh);
	CHECK_INT(ifa->ifa_family, AF_INET6);
	CHECK_INT(ifa->ifa_prefixlen, 128);
	CHECK_INT(ifa->ifa_index, 5);
	CHECK_INT(ifa->ifa_flags, IFA_F_NODAD);
	nla = find_attr(nlh, sizeof(*ifa), IFA_ADDRESS);
	CHECK(nla && nla_len(nla) == 16 && same(nla_data(nla), &ha));
	CHECK_INT(attr_u32(nlh, sizeof(*ifa), IFA_FLAGS),
		  IFA_F_NODAD | IFA_F_NOPREFIXROUTE);
	nla = find_attr(nlh, sizeof(*ifa), IFA_PROTO);
	CHECK(nla && nla_len(nla) == 1 &&
	      *(const uint8_t *)nla_data(nla) == TAKEOVER_PROTOCOL);
	nlmsg_free(msg);

	/* Get and delete: the address, nothing to create or mark. */
	for (type = RTM_DELADDR; type <= RTM_GETADDR; type++) {
		msg = takeover_addr_msg(type, 5, &ha);
		CHECK(msg != NULL);
		if (!msg)
			return;
		nlh = nlmsg_hdr(msg);
		ifa = NLMSG_DATA(nlh);
		CHECK_INT(nlh->nlmsg_type, type);
		CHECK_INT(nlh->nlmsg_flags & NLM_F_CREATE, 0);
		CHECK_INT(ifa->ifa_prefixlen, 128);
		CHECK_INT(ifa->ifa_index, 5);
		CHECK(find_attr(nlh, sizeof(*ifa), IFA_ADDRESS) != NULL);
		CHECK(find_attr(nlh, sizeof(*ifa), IFA_PROTO) == NULL);
		CHECK(find_attr(nlh, sizeof(*ifa), IFA_FLAGS) == NULL);
		nlmsg_free(msg);
	}
}

static void test_route_msg(void)
{
	struct dhad_prefix home = p6("2001:db8:1::", 64);
	const struct rtmsg *rtm;
	const struct nlattr *nla;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;

	msg = route_msg(RTM_NEWROUTE, RT_TABLE_MAIN, 5, &home);
	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_type, RTM_NEWROUTE);
	CHECK((nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_REPLACE)) ==
	      (NLM_F_CREATE | NLM_F_REPLACE));
	rtm = NLMSG_DATA(nlh);
	CHECK_INT(rtm->rtm_family, AF_INET6);
	CHECK_INT(rtm->rtm_dst_len, 64);
	CHECK_INT(rtm->rtm_table, RT_TABLE_MAIN);
	CHECK_INT(rtm->rtm_protocol, TAKEOVER_PROTOCOL);
	CHECK_INT(rtm->rtm_type, RTN_UNICAST);
	nla = find_attr(nlh, sizeof(*rtm), RTA_DST);
	CHECK(nla && nla_len(nla) == 16 && same(nla_data(nla), &home.address));
	CHECK_INT(attr_u32(nlh, sizeof(*rtm), RTA_TABLE), RT_TABLE_MAIN);
	CHECK_INT(attr_u32(nlh, sizeof(*rtm), RTA_OIF), 5);
	CHECK_INT(attr_u32(nlh, sizeof(*rtm), RTA_PRIORITY), TAKEOVER_METRIC);
	nlmsg_free(msg);

	/* A table above 255, and the deletion: protocol and metric kept,
	 * so that the kernel removes dhad's route only. */
	msg = route_msg(RTM_DELROUTE, 1000, 5, &home);
	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	rtm = NLMSG_DATA(nlh);
	CHECK_INT(nlh->nlmsg_type, RTM_DELROUTE);
	CHECK_INT(nlh->nlmsg_flags & NLM_F_CREATE, 0);
	CHECK_INT(rtm->rtm_table, RT_TABLE_UNSPEC);
	CHECK_INT(rtm->rtm_protocol, TAKEOVER_PROTOCOL);
	CHECK_INT(attr_u32(nlh, sizeof(*rtm), RTA_TABLE), 1000);
	CHECK_INT(attr_u32(nlh, sizeof(*rtm), RTA_PRIORITY), TAKEOVER_METRIC);
	nlmsg_free(msg);
}

/* A kernel answer: RTM_NEWADDR, built by hand; -1 leaves an attribute out. */
static size_t addr_reply(uint8_t *buf, size_t size, uint8_t family,
			 const struct in6_addr *local,
			 const struct in6_addr *address, int protocol)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct ifaddrmsg *ifa;
	struct nlattr *nla;
	size_t at;

	memset(buf, 0, size);
	nlh->nlmsg_type = RTM_NEWADDR;
	ifa = NLMSG_DATA(nlh);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = 128;
	ifa->ifa_index = 4;
	at = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*ifa)));
	if (address) {
		nla = (struct nlattr *)(buf + at);
		nla->nla_type = IFA_ADDRESS;
		nla->nla_len = NLA_HDRLEN + 16;
		memcpy(buf + at + NLA_HDRLEN, address, 16);
		at += NLA_ALIGN(nla->nla_len);
	}
	if (local) {
		nla = (struct nlattr *)(buf + at);
		nla->nla_type = IFA_LOCAL;
		nla->nla_len = NLA_HDRLEN + 16;
		memcpy(buf + at + NLA_HDRLEN, local, 16);
		at += NLA_ALIGN(nla->nla_len);
	}
	if (protocol >= 0) {
		nla = (struct nlattr *)(buf + at);
		nla->nla_type = IFA_PROTO;
		nla->nla_len = NLA_HDRLEN + 1;
		buf[at + NLA_HDRLEN] = (uint8_t)protocol;
		at += NLA_ALIGN(nla->nla_len);
	}
	nlh->nlmsg_len = (uint32_t)at;
	return at;
}

static void test_parse_addr(void)
{
	union {
		struct nlmsghdr nlh;
		uint8_t buf[256];
	} m;
	struct in6_addr ha = a6("2001:db8:1::1"), peer = a6("2001:db8:9::9");
	struct takeover_addr out;
	size_t len;

	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, NULL, &ha,
			 TAKEOVER_PROTOCOL);
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), 0);
	CHECK_INT(out.ifindex, 4);
	CHECK_INT(out.prefix_len, 128);
	CHECK(same(&out.address, &ha));
	CHECK_INT(out.protocol, TAKEOVER_PROTOCOL);

	/* The operator's: no protocol. A point-to-point one: IFA_LOCAL is
	 * the address, IFA_ADDRESS the peer's. */
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, &ha, &peer, -1);
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), 0);
	CHECK(same(&out.address, &ha));
	CHECK_INT(out.protocol, 0);

	/* Not IPv6, not an address message. */
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET, NULL, &ha, -1);
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), -ENOMSG);
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, NULL, &ha, -1);
	m.nlh.nlmsg_type = RTM_NEWROUTE;
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), -ENOMSG);

	/* Malformed: longer than the buffer, cut in the header, no
	 * address, an address or a protocol of the wrong size. */
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, NULL, &ha, 4);
	CHECK_INT(takeover_parse_addr(&m.nlh, len - 1, &out), -EBADMSG);
	CHECK_INT(takeover_parse_addr(&m.nlh, 8, &out), -EBADMSG);
	m.nlh.nlmsg_len = NLMSG_LENGTH(4);
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), -EBADMSG);
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, NULL, NULL, 4);
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), -EBADMSG);
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, NULL, &ha, -1);
	m.buf[NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct ifaddrmsg)))] =
		NLA_HDRLEN + 4;
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), -EBADMSG);
	len = addr_reply(m.buf, sizeof(m.buf), AF_INET6, NULL, &ha, 4);
	m.buf[len - NLA_ALIGN(NLA_HDRLEN + 1)] = NLA_HDRLEN + 2;
	CHECK_INT(takeover_parse_addr(&m.nlh, len, &out), -EBADMSG);
}

/* The split-brain probe asks the shared address's solicited-node group. */
static void test_probe_group(void)
{
	struct in6_addr addr, group, want;

	inet_pton(AF_INET6, "2001:db8:1::1:2a3b:4c5d", &addr);
	inet_pton(AF_INET6, "ff02::1:ff3b:4c5d", &want);
	probe_solicited_node(&addr, &group);
	CHECK(memcmp(&group, &want, sizeof(want)) == 0);
}

SUITE(takeover, TEST_CASE(test_routes), TEST_CASE(test_addr_msg),
      TEST_CASE(test_route_msg), TEST_CASE(test_parse_addr),
      TEST_CASE(test_probe_group));
