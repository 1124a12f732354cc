// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pure helpers of interception: the link-local address, the proxy
 * neighbour requests and their parser, the unsolicited advertisement.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
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

static void test_link_local(void)
{
	struct in6_addr hoa = a6("2001:db8:1::a:b:c:d"), out, want;

	memset(&out, 0xaa, sizeof(out));
	intercept_link_local(&hoa, &out);
	want = a6("fe80::a:b:c:d");
	CHECK(same(&out, &want));
	hoa = a6("2001:db8:1:2:3::");
	intercept_link_local(&hoa, &out);
	want = a6("fe80::3:0:0:0");
	CHECK(same(&out, &want));
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

static void test_neigh_msg(void)
{
	struct in6_addr hoa = a6("2001:db8:1::100");
	const struct nlattr *nla;
	const struct ndmsg *ndm;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;

	msg = intercept_neigh_msg(RTM_NEWNEIGH, 7, &hoa);
	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	CHECK_INT(nlh->nlmsg_type, RTM_NEWNEIGH);
	CHECK((nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_REPLACE)) ==
	      (NLM_F_CREATE | NLM_F_REPLACE));
	ndm = NLMSG_DATA(nlh);
	CHECK_INT(ndm->ndm_family, AF_INET6);
	CHECK_INT(ndm->ndm_ifindex, 7);
	CHECK_INT(ndm->ndm_flags, NTF_PROXY);
	CHECK_INT(ndm->ndm_state, NUD_PERMANENT);
	nla = find_attr(nlh, NDA_DST);
	CHECK(nla && nla_len(nla) == 16 && !memcmp(nla_data(nla), &hoa, 16));
	nla = find_attr(nlh, NDA_PROTOCOL);
	CHECK(nla && nla_len(nla) == 1 &&
	      *(const uint8_t *)nla_data(nla) == INTERCEPT_PROTOCOL);
	nlmsg_free(msg);

	/* Get and delete: no state, no protocol (the kernel's get refuses
	 * any attribute but NDA_DST). */
	msg = intercept_neigh_msg(RTM_GETNEIGH, 7, &hoa);
	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	ndm = NLMSG_DATA(nlh);
	CHECK_INT(nlh->nlmsg_type, RTM_GETNEIGH);
	CHECK_INT(ndm->ndm_state, 0);
	CHECK_INT(ndm->ndm_flags, NTF_PROXY);
	CHECK(find_attr(nlh, NDA_DST) != NULL);
	CHECK(find_attr(nlh, NDA_PROTOCOL) == NULL);
	nlmsg_free(msg);
	msg = intercept_neigh_msg(RTM_DELNEIGH, 7, &hoa);
	CHECK(msg && nlmsg_hdr(msg)->nlmsg_type == RTM_DELNEIGH);
	CHECK(msg && !(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_CREATE));
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

SUITE(intercept, TEST_CASE(test_link_local), TEST_CASE(test_neigh_msg),
      TEST_CASE(test_parse_neigh), TEST_CASE(test_na));
