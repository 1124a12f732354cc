// SPDX-License-Identifier: GPL-2.0-only
/* The pure helpers of the MH socket: address swap and netlink requests. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include "mip6/binding.h"
#include "mip6/mobility.h"
#include "mip6/xfrm.h"
#include "wire/ipv6ext.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

static void test_request_addresses(void)
{
	struct in6_addr hoa = a6("2001:db8:1::100"), coa = a6("2001:db8:2::2");
	struct in6_addr ha = a6("2001:db8:4::1");
	struct registration_request req;
	struct rawsock_rx rx = { .source = hoa, .destination = ha };
	uint8_t dstopts[DHA_DSTOPTS_HAO_LEN];
	size_t len;

	/* No destination options: a mobile node at home. */
	memset(&req, 0xaa, sizeof(req));
	CHECK(mobility_request_addresses(&rx, &req) == 0);
	CHECK(!req.has_home_address_option);
	CHECK(!memcmp(&req.source_address, &hoa, sizeof(hoa)));

	/* The kernel swapped: source HoA, the option holds the CoA. */
	CHECK(dha_dstopts_build_hao(dstopts, sizeof(dstopts), 135, &coa,
				    &len) == 0);
	rx.dstopts = dstopts;
	rx.dstopts_len = len;
	CHECK(mobility_request_addresses(&rx, &req) == 0);
	CHECK(req.has_home_address_option);
	CHECK(!memcmp(&req.source_address, &coa, sizeof(coa)));
	CHECK(!memcmp(&req.home_address_option, &hoa, sizeof(hoa)));

	/* Destination options without a Home Address option (PadN only). */
	memset(dstopts, 0, 8);
	dstopts[0] = 135;
	dstopts[2] = 1;		/* PadN */
	dstopts[3] = 4;
	rx.dstopts_len = 8;
	CHECK(mobility_request_addresses(&rx, &req) == 0);
	CHECK(!req.has_home_address_option);
	CHECK(!memcmp(&req.source_address, &hoa, sizeof(hoa)));

	/* Malformed: Hdr Ext Len beyond the data. */
	dstopts[1] = 5;
	CHECK(mobility_request_addresses(&rx, &req) == -EBADMSG);
}

static const struct nlattr *find_attr(const struct nlmsghdr *nlh,
				      size_t body_len, uint16_t type)
{
	size_t at = NLMSG_HDRLEN + NLMSG_ALIGN(body_len);

	while (at + NLA_HDRLEN <= nlh->nlmsg_len) {
		const struct nlattr *nla =
			(const struct nlattr *)((const char *)nlh + at);

		if (nla->nla_len < NLA_HDRLEN)
			return NULL;
		if (nla->nla_type == type)
			return nla;
		at += NLA_ALIGN(nla->nla_len);
	}
	return NULL;
}

static void test_xfrm_state(void)
{
	union {
		struct nlmsghdr nlh;
		char buf[512];
	} m;
	const struct xfrm_usersa_info *sa;
	const struct xfrm_usersa_id *id;
	const struct nlattr *nla;
	int len;

	len = xfrm_hao_state_msg(m.buf, sizeof(m.buf), true, 7);
	CHECK(len > 0 && (size_t)len == m.nlh.nlmsg_len);
	CHECK(m.nlh.nlmsg_type == XFRM_MSG_NEWSA);
	CHECK(m.nlh.nlmsg_seq == 7);
	CHECK(m.nlh.nlmsg_flags & NLM_F_ACK);
	CHECK(m.nlh.nlmsg_flags & NLM_F_EXCL);
	sa = NLMSG_DATA(&m.nlh);
	CHECK(sa->family == AF_INET6 && sa->sel.family == AF_INET6);
	CHECK(sa->id.proto == IPPROTO_DSTOPTS);
	CHECK(sa->mode == XFRM_MODE_ROUTEOPTIMIZATION);
	CHECK(sa->flags == XFRM_STATE_WILDRECV);
	CHECK(sa->lft.hard_packet_limit == XFRM_INF);
	nla = find_attr(&m.nlh, sizeof(*sa), XFRMA_COADDR);
	CHECK(nla && nla->nla_len == NLA_HDRLEN + sizeof(xfrm_address_t));

	len = xfrm_hao_state_msg(m.buf, sizeof(m.buf), false, 8);
	CHECK(len > 0);
	CHECK(m.nlh.nlmsg_type == XFRM_MSG_DELSA);
	id = NLMSG_DATA(&m.nlh);
	CHECK(id->proto == IPPROTO_DSTOPTS && id->family == AF_INET6);
	CHECK(find_attr(&m.nlh, sizeof(*id), XFRMA_SRCADDR));

	CHECK(xfrm_hao_state_msg(m.buf, 32, true, 1) == -ENOSPC);
	CHECK(xfrm_hao_state_msg(m.buf, NLMSG_SPACE(sizeof(*sa)), true,
				      1) == -ENOSPC);
}

static void test_xfrm_policy(void)
{
	union {
		struct nlmsghdr nlh;
		char buf[512];
	} m;
	const struct xfrm_userpolicy_info *pol;
	const struct xfrm_userpolicy_id *id;
	const struct xfrm_user_tmpl *tmpl;
	const struct nlattr *nla;
	int len;

	len = xfrm_mh_policy_msg(m.buf, sizeof(m.buf), true, 3);
	CHECK(len > 0);
	CHECK(m.nlh.nlmsg_type == XFRM_MSG_NEWPOLICY);
	pol = NLMSG_DATA(&m.nlh);
	CHECK(pol->dir == XFRM_POLICY_IN);
	CHECK(pol->sel.family == AF_INET6 && pol->sel.proto == 135);
	CHECK(pol->sel.prefixlen_d == 0 && pol->sel.prefixlen_s == 0);
	/* Last of all policies a home address's ESP policy could tie. */
	CHECK(pol->priority == 2147483647U);
	nla = find_attr(&m.nlh, sizeof(*pol), XFRMA_TMPL);
	CHECK(nla && nla->nla_len == NLA_HDRLEN + sizeof(*tmpl));
	if (nla) {
		tmpl = (const void *)((const char *)nla + NLA_HDRLEN);
		CHECK(tmpl->id.proto == IPPROTO_DSTOPTS);
		CHECK(tmpl->mode == XFRM_MODE_ROUTEOPTIMIZATION);
		CHECK(tmpl->optional == 1);
		CHECK(tmpl->family == AF_INET6);
	}

	len = xfrm_mh_policy_msg(m.buf, sizeof(m.buf), false, 4);
	CHECK(len > 0);
	CHECK(m.nlh.nlmsg_type == XFRM_MSG_DELPOLICY);
	id = NLMSG_DATA(&m.nlh);
	CHECK(id->dir == XFRM_POLICY_IN && id->sel.proto == 135);
	CHECK(xfrm_mh_policy_msg(m.buf, 16, false, 4) == -ENOSPC);
}

static void test_route(void)
{
	union {
		struct nlmsghdr nlh;
		char buf[256];
	} m;
	struct in6_addr hoa = a6("2001:db8:1::100");
	const struct rtmsg *rtm;
	const struct nlattr *nla;
	uint32_t oif;
	int len;

	len = binding_route_msg(m.buf, sizeof(m.buf), true, 9, &hoa, 128, 42);
	CHECK(len > 0);
	CHECK(m.nlh.nlmsg_type == RTM_NEWROUTE);
	CHECK(m.nlh.nlmsg_flags & NLM_F_REPLACE);
	rtm = NLMSG_DATA(&m.nlh);
	CHECK(rtm->rtm_family == AF_INET6 && rtm->rtm_dst_len == 128);
	CHECK(rtm->rtm_table == RT_TABLE_MAIN);
	nla = find_attr(&m.nlh, sizeof(*rtm), RTA_DST);
	CHECK(nla && !memcmp((const char *)nla + NLA_HDRLEN, &hoa, 16));
	nla = find_attr(&m.nlh, sizeof(*rtm), RTA_OIF);
	CHECK(nla != NULL);
	if (nla) {
		memcpy(&oif, (const char *)nla + NLA_HDRLEN, sizeof(oif));
		CHECK(oif == 42);
	}
	len = binding_route_msg(m.buf, sizeof(m.buf), false, 10, &hoa, 64, 42);
	CHECK(len > 0 && m.nlh.nlmsg_type == RTM_DELROUTE);
	CHECK(!(m.nlh.nlmsg_flags & NLM_F_CREATE));
	CHECK(binding_route_msg(m.buf, 40, true, 1, &hoa, 128, 1) == -ENOSPC);
}

SUITE(mobility, TEST_CASE(test_request_addresses), TEST_CASE(test_xfrm_state),
      TEST_CASE(test_xfrm_policy), TEST_CASE(test_route));
