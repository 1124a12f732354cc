// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pure helpers of interception: the cleanup of an older dhad's proxy
 * entries and routes (request, parsers), the unsolicited advertisement.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>

#include "mip6/intercept.h"
#include "wire/ndisc.h"
#include "check.h"

#ifndef NDA_PROTOCOL
#define NDA_PROTOCOL 12
#endif

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

static bool same(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static const struct nlattr *find_attr(const struct nlmsghdr *nlh, int type)
{
	const struct nlattr *nla = (const void *)((const char *)NLMSG_DATA(nlh) +
						  NLMSG_ALIGN(sizeof(struct ndmsg)));
	int left = (int)nlh->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct ndmsg)));

	for (; nla_ok(nla, left); nla = nla_next(nla, &left))
		if (nla_type(nla) == type)
			return nla;
	return NULL;
}

static void test_neigh_del_msg(void)
{
	struct in6_addr hoa = a6("2001:db8:1::100");
	const struct nlattr *nla;
	const struct ndmsg *ndm;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;

	/* No state, no protocol: the kernel matches on the address. */
	msg = intercept_neigh_del_msg(7, &hoa);
	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_type, RTM_DELNEIGH);
	CHECK(!(nlh->nlmsg_flags & NLM_F_CREATE));
	ndm = NLMSG_DATA(nlh);
	CHECK_INT(ndm->ndm_family, AF_INET6);
	CHECK_INT(ndm->ndm_ifindex, 7);
	CHECK_INT(ndm->ndm_flags, NTF_PROXY);
	CHECK_INT(ndm->ndm_state, 0);
	nla = find_attr(nlh, NDA_DST);
	CHECK(nla && nla_len(nla) == 16 && !memcmp(nla_data(nla), &hoa, 16));
	CHECK(find_attr(nlh, NDA_PROTOCOL) == NULL);
	nlmsg_free(msg);
}

/* A kernel answer: RTM_NEWNEIGH for a proxy entry, built by hand. */
static size_t neigh_reply(uint8_t *buf, size_t size, uint8_t family,
			  uint8_t flags, const struct in6_addr *dst,
			  int protocol)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct ndmsg *ndm;
	struct nlattr *nla;
	size_t at;

	memset(buf, 0, size);
	nlh->nlmsg_type = RTM_NEWNEIGH;
	ndm = NLMSG_DATA(nlh);
	ndm->ndm_family = family;
	ndm->ndm_flags = flags;
	ndm->ndm_ifindex = 3;
	at = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*ndm)));
	nla = (struct nlattr *)(buf + at);
	nla->nla_type = NDA_DST;
	nla->nla_len = NLA_HDRLEN + 16;
	memcpy(buf + at + NLA_HDRLEN, dst, 16);
	at += NLA_ALIGN(nla->nla_len);
	if (protocol >= 0) {
		nla = (struct nlattr *)(buf + at);
		nla->nla_type = NDA_PROTOCOL;
		nla->nla_len = NLA_HDRLEN + 1;
		buf[at + NLA_HDRLEN] = (uint8_t)protocol;
		at += NLA_ALIGN(nla->nla_len);
	}
	nlh->nlmsg_len = (uint32_t)at;
	return at;
}

static void test_parse_neigh(void)
{
	union {
		struct nlmsghdr nlh;
		uint8_t buf[256];
	} m;
	struct in6_addr hoa = a6("2001:db8:1::100");
	struct intercept_neigh n;
	size_t len;

	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, NTF_PROXY, &hoa,
			  INTERCEPT_PROTOCOL);
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), 0);
	CHECK_INT(n.ifindex, 3);
	CHECK(same(&n.address, &hoa));
	CHECK_INT(n.protocol, INTERCEPT_PROTOCOL);

	/* The operator's entry: no protocol. */
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, NTF_PROXY, &hoa, -1);
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), 0);
	CHECK_INT(n.protocol, 0);

	/* Not a proxy entry, not IPv6, not a neighbour message. */
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, 0, &hoa, 4);
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), -ENOMSG);
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET, NTF_PROXY, &hoa, 4);
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), -ENOMSG);
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, NTF_PROXY, &hoa, 4);
	m.nlh.nlmsg_type = RTM_NEWROUTE;
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), -ENOMSG);

	/* Malformed: longer than the buffer, cut in the header or the
	 * attributes, an address of the wrong size, no address. */
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, NTF_PROXY, &hoa, 4);
	CHECK_INT(intercept_parse_neigh(&m.nlh, len - 1, &n), -EBADMSG);
	m.nlh.nlmsg_len = NLMSG_LENGTH(4);
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), -EBADMSG);
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, NTF_PROXY, &hoa, -1);
	m.buf[NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct ndmsg)))] = NLA_HDRLEN + 4;
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), -EBADMSG);
	len = neigh_reply(m.buf, sizeof(m.buf), AF_INET6, NTF_PROXY, &hoa, -1);
	m.nlh.nlmsg_len = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct ndmsg)));
	CHECK_INT(intercept_parse_neigh(&m.nlh, len, &n), -EBADMSG);
	CHECK_INT(intercept_parse_neigh(&m.nlh, 8, &n), -EBADMSG);
}

/* A kernel answer: RTM_NEWROUTE, built by hand. */
static size_t route_reply(uint8_t *buf, size_t size, uint8_t family,
			  const struct in6_addr *dst, uint8_t dst_len,
			  uint32_t oif)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct rtmsg *rtm;
	struct nlattr *nla;
	size_t at;

	memset(buf, 0, size);
	nlh->nlmsg_type = RTM_NEWROUTE;
	rtm = NLMSG_DATA(nlh);
	rtm->rtm_family = family;
	rtm->rtm_dst_len = dst_len;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_table = RT_TABLE_MAIN;
	at = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*rtm)));
	nla = (struct nlattr *)(buf + at);
	nla->nla_type = RTA_DST;
	nla->nla_len = NLA_HDRLEN + 16;
	memcpy(buf + at + NLA_HDRLEN, dst, 16);
	at += NLA_ALIGN(nla->nla_len);
	nla = (struct nlattr *)(buf + at);
	nla->nla_type = RTA_OIF;
	nla->nla_len = NLA_HDRLEN + 4;
	memcpy(buf + at + NLA_HDRLEN, &oif, 4);
	at += NLA_ALIGN(nla->nla_len);
	nlh->nlmsg_len = (uint32_t)at;
	return at;
}

static void test_parse_route(void)
{
	union {
		struct nlmsghdr nlh;
		uint8_t buf[256];
	} m;
	struct in6_addr hoa = a6("2001:db8:1::100");
	struct intercept_route r;
	size_t len;

	len = route_reply(m.buf, sizeof(m.buf), AF_INET6, &hoa, 128, 9);
	CHECK_INT(intercept_parse_route(&m.nlh, len, &r), 0);
	CHECK(same(&r.dst, &hoa));
	CHECK_INT(r.dst_len, 128);
	CHECK_INT(r.protocol, RTPROT_STATIC);
	CHECK_INT(r.table, RT_TABLE_MAIN);
	CHECK_INT(r.oif, 9);

	/* Another family, another message type. */
	len = route_reply(m.buf, sizeof(m.buf), AF_INET, &hoa, 32, 9);
	CHECK_INT(intercept_parse_route(&m.nlh, len, &r), -ENOMSG);
	len = route_reply(m.buf, sizeof(m.buf), AF_INET6, &hoa, 128, 9);
	m.nlh.nlmsg_type = RTM_NEWNEIGH;
	CHECK_INT(intercept_parse_route(&m.nlh, len, &r), -ENOMSG);

	/* Malformed: cut, a destination of the wrong size. */
	len = route_reply(m.buf, sizeof(m.buf), AF_INET6, &hoa, 128, 9);
	CHECK_INT(intercept_parse_route(&m.nlh, len - 1, &r), -EBADMSG);
	m.nlh.nlmsg_len = NLMSG_LENGTH(4);
	CHECK_INT(intercept_parse_route(&m.nlh, len, &r), -EBADMSG);
	len = route_reply(m.buf, sizeof(m.buf), AF_INET6, &hoa, 128, 9);
	m.buf[NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct rtmsg)))] = NLA_HDRLEN + 4;
	CHECK_INT(intercept_parse_route(&m.nlh, len, &r), -EBADMSG);
	CHECK_INT(intercept_parse_route(&m.nlh, 8, &r), -EBADMSG);
}

static void test_na(void)
{
	static const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct in6_addr hoa = a6("2001:db8:1::100");
	uint8_t buf[64];
	struct dha_na na;
	size_t len;

	CHECK_INT(intercept_na_build(buf, sizeof(buf), &hoa, false, mac,
				     sizeof(mac), &len), 0);
	CHECK_INT(len, 32);
	CHECK_INT(buf[0], 136);			/* Neighbor Advertisement */
	CHECK_INT(buf[1], 0);
	CHECK_INT(buf[4], 0x20);		/* O only: not R, not S */
	CHECK(!memcmp(buf + 8, &hoa, 16));
	CHECK_INT(buf[24], 2);			/* Target Link-layer Address */
	CHECK_INT(buf[25], 1);
	CHECK(!memcmp(buf + 26, mac, 6));
	CHECK_INT(dha_na_parse(buf, len, &na), 0);
	CHECK_INT(na.flags, DHA_NA_FLAG_O);
	CHECK(na.has_target_lladdr && na.target_lladdr.len == 6);

	/* The home agent's own address: a router's. */
	CHECK_INT(intercept_na_build(buf, sizeof(buf), &hoa, true, mac,
				     sizeof(mac), &len), 0);
	CHECK_INT(buf[4], 0xa0);		/* R and O, not S */
	CHECK_INT(dha_na_parse(buf, len, &na), 0);
	CHECK_INT(na.flags, DHA_NA_FLAG_R | DHA_NA_FLAG_O);

	/* A link without link-layer addresses: no option. */
	CHECK_INT(intercept_na_build(buf, sizeof(buf), &hoa, false, NULL, 0,
				     &len), 0);
	CHECK_INT(len, 24);
	CHECK_INT(intercept_na_build(buf, 31, &hoa, false, mac, 6, &len),
		  -ENOSPC);
	CHECK_INT(intercept_na_build(buf, sizeof(buf), &hoa, false, mac, 31,
				     &len), -EINVAL);
}

/* A link event: RTM_NEWLINK or RTM_DELLINK, with an attribute after it. */
static size_t link_event(uint8_t *buf, size_t size, uint16_t type, int index,
			 unsigned int flags)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct ifinfomsg *ifi;
	struct nlattr *nla;
	size_t at = NLMSG_LENGTH(sizeof(*ifi));

	memset(buf, 0, size);
	nlh->nlmsg_type = type;
	ifi = NLMSG_DATA(nlh);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	ifi->ifi_flags = flags;
	nla = (struct nlattr *)(buf + NLMSG_ALIGN(at));
	nla->nla_type = IFLA_IFNAME;
	nla->nla_len = NLA_HDRLEN + 3;
	memcpy(buf + NLMSG_ALIGN(at) + NLA_HDRLEN, "r0", 3);
	at = NLMSG_ALIGN(at) + NLA_ALIGN(nla->nla_len);
	nlh->nlmsg_len = (uint32_t)at;
	return at;
}

static void test_parse_link(void)
{
	union {
		struct nlmsghdr nlh;
		uint8_t buf[128];
	} m;
	struct intercept_link l;
	size_t len;

	len = link_event(m.buf, sizeof(m.buf), RTM_NEWLINK, 3,
			 IFF_UP | IFF_RUNNING);
	CHECK_INT(intercept_parse_link(&m.nlh, len, &l), 0);
	CHECK_INT(l.ifindex, 3);
	CHECK(l.up && !l.gone);

	/* Down: administratively, whatever the carrier. */
	len = link_event(m.buf, sizeof(m.buf), RTM_NEWLINK, 3, IFF_RUNNING);
	CHECK_INT(intercept_parse_link(&m.nlh, len, &l), 0);
	CHECK(!l.up && !l.gone);

	/* Deleted: gone, and so not up, whatever its flags said. */
	len = link_event(m.buf, sizeof(m.buf), RTM_DELLINK, 3, IFF_UP);
	CHECK_INT(intercept_parse_link(&m.nlh, len, &l), 0);
	CHECK(l.gone && !l.up);

	/* Another message; malformed: cut, beyond the buffer, no index. */
	len = link_event(m.buf, sizeof(m.buf), RTM_NEWROUTE, 3, IFF_UP);
	CHECK_INT(intercept_parse_link(&m.nlh, len, &l), -ENOMSG);
	len = link_event(m.buf, sizeof(m.buf), RTM_NEWLINK, 3, IFF_UP);
	CHECK_INT(intercept_parse_link(&m.nlh, len - 1, &l), -EBADMSG);
	m.nlh.nlmsg_len = NLMSG_LENGTH(4);
	CHECK_INT(intercept_parse_link(&m.nlh, len, &l), -EBADMSG);
	len = link_event(m.buf, sizeof(m.buf), RTM_NEWLINK, 0, IFF_UP);
	CHECK_INT(intercept_parse_link(&m.nlh, len, &l), -EBADMSG);
	CHECK_INT(intercept_parse_link(&m.nlh, 8, &l), -EBADMSG);
}

SUITE(intercept, TEST_CASE(test_neigh_del_msg), TEST_CASE(test_parse_neigh),
      TEST_CASE(test_parse_link),
      TEST_CASE(test_parse_route), TEST_CASE(test_na));
