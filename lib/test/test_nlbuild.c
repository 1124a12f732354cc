// SPDX-License-Identifier: GPL-2.0-only
/*
 * Requests built by hand: the header, the family header, attributes and
 * nests at their offsets with zeroed padding, and buffers too small.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nlbuild.h"
#include "check.h"

union request {
	struct nlmsghdr nlh;
	unsigned char bytes[256];
};

static void test_nlbuild_header(void)
{
	struct genlmsghdr genl = { .cmd = 7, .version = 1 };
	union request req;

	memset(&req, 0xee, sizeof(req));
	CHECK_INT(nlbuild_start(&req, sizeof(req), 0x1c, NLM_F_DUMP, 42, &genl,
				sizeof(genl)), 0);
	CHECK_INT(nlbuild_len(&req), NLMSG_HDRLEN + GENL_HDRLEN);
	CHECK_INT(req.nlh.nlmsg_type, 0x1c);
	/* NLM_F_REQUEST is added; NLM_F_ACK is the caller's to ask. */
	CHECK_INT(req.nlh.nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	CHECK_INT(req.nlh.nlmsg_seq, 42);
	CHECK_INT(req.nlh.nlmsg_pid, 0);
	CHECK_INT(req.bytes[NLMSG_HDRLEN], 7);
	CHECK_INT(req.bytes[NLMSG_HDRLEN + 1], 1);
	CHECK_INT(req.bytes[NLMSG_HDRLEN + 2], 0);

	CHECK_INT(nlbuild_start(&req, NLMSG_HDRLEN + 2, 0x1c, 0, 1, &genl,
				sizeof(genl)), -ENOSPC);
}

static void test_nlbuild_attrs(void)
{
	static const unsigned char three[3] = { 1, 2, 3 };
	union request req;
	uint32_t value = 0x01020304;
	size_t at = NLMSG_HDRLEN;
	struct nlattr *attr;

	memset(&req, 0xee, sizeof(req));
	CHECK_INT(nlbuild_start(&req, sizeof(req), 0x1c, NLM_F_ACK, 1, NULL, 0),
		  0);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 5, three, sizeof(three)), 0);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 6, &value, sizeof(value)), 0);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 9, NULL, 0), 0);
	CHECK_INT(nlbuild_len(&req), NLMSG_HDRLEN + 8 + 8 + 4);

	attr = (struct nlattr *)(req.bytes + at);
	CHECK_INT(attr->nla_type, 5);
	CHECK_INT(attr->nla_len, NLA_HDRLEN + 3);
	CHECK(memcmp(req.bytes + at + NLA_HDRLEN, three, 3) == 0);
	/* the padding is zeroed, not left as it was */
	CHECK_INT(req.bytes[at + NLA_HDRLEN + 3], 0);
	attr = (struct nlattr *)(req.bytes + at + 8);
	CHECK_INT(attr->nla_type, 6);
	CHECK_INT(attr->nla_len, NLA_HDRLEN + 4);
	attr = (struct nlattr *)(req.bytes + at + 16);
	CHECK_INT(attr->nla_type, 9);
	CHECK_INT(attr->nla_len, NLA_HDRLEN);
}

static void test_nlbuild_nest(void)
{
	struct nlattr *tb[4], *inner[4];
	union request req;
	uint32_t value = 77;
	int nest;

	CHECK_INT(nlbuild_start(&req, sizeof(req), 0x1c, 0, 1, NULL, 0), 0);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 1, &value, sizeof(value)), 0);
	nest = nlbuild_nest_start(&req, sizeof(req), 2);
	CHECK_INT(nest, NLMSG_HDRLEN + 8);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 3, &value, sizeof(value)), 0);
	nlbuild_nest_end(&req, nest);

	/* What libnl reads back. */
	CHECK_INT(nlmsg_parse(&req.nlh, 0, tb, 3, NULL), 0);
	CHECK(tb[1] && nla_get_u32(tb[1]) == 77);
	CHECK(tb[2] != NULL);
	if (!tb[2])
		return;
	CHECK(tb[2]->nla_type & NLA_F_NESTED);
	CHECK_INT(nla_len(tb[2]), 8);
	CHECK_INT(nla_parse_nested(inner, 3, tb[2], NULL), 0);
	CHECK(inner[3] && nla_get_u32(inner[3]) == 77);
}

static void test_nlbuild_full(void)
{
	union request req;
	unsigned char big[300] = { 0 };
	size_t small = NLMSG_HDRLEN + 8;

	CHECK_INT(nlbuild_start(&req, small, 0x1c, 0, 1, NULL, 0), 0);
	CHECK_INT(nlbuild_attr(&req, small, 1, big, 4), 0);
	CHECK_INT(nlbuild_attr(&req, small, 1, big, 1), -ENOSPC);
	CHECK_INT(nlbuild_nest_start(&req, small, 2), -ENOSPC);
	/* a failed append leaves the request as it was */
	CHECK_INT(nlbuild_len(&req), NLMSG_HDRLEN + 8);
	CHECK_INT(nlbuild_start(&req, sizeof(req), 0x1c, 0, 1, NULL, 0), 0);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 1, big, sizeof(big)),
		  -ENOSPC);
	CHECK_INT(nlbuild_attr(&req, sizeof(req), 1, big, 70000), -EMSGSIZE);
}

SUITE(nlbuild,
      TEST_CASE(test_nlbuild_header),
      TEST_CASE(test_nlbuild_attrs),
      TEST_CASE(test_nlbuild_nest),
      TEST_CASE(test_nlbuild_full));
