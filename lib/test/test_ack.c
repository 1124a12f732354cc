// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding the kernel's acks: NLMSG_ERROR capped or with the request
 * echoed, NLMSG_DONE, the extended ack's message and missing attribute,
 * and what is malformed.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nlsock.h"
#include "check.h"

/* Any type for the echoed request. */
#define TEST_FAMILY 0x20

/* An NLMSG_ERROR as the kernel sends it, capped or with the echo. */
static struct nl_msg *error_ack(int error, const char *text, bool capped)
{
	struct nl_msg *msg = nlmsg_alloc();
	int flags = NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0);
	/* uncapped: the echoed request carries 8 bytes of payload */
	size_t echo = capped ? 0 : 8;
	struct nlmsghdr *nlh;
	struct nlmsgerr *err;

	nlh = nlmsg_put(msg, 0, 1, NLMSG_ERROR, (int)(sizeof(*err) + echo),
			flags);
	err = nlmsg_data(nlh);
	err->error = error;
	err->msg.nlmsg_len = (uint32_t)(NLMSG_HDRLEN + echo);
	err->msg.nlmsg_type = TEST_FAMILY;
	if (!capped)
		memset(err + 1, 0xaa, echo);
	if (text)
		nla_put_string(msg, NLMSGERR_ATTR_MSG, text);
	return msg;
}

static int parse(struct nlsock *nl, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	return nlsock_parse_ack(nl, nlh, nlh->nlmsg_len);
}

static void test_ack_extack(void)
{
	struct nlsock nl = { .fd = -1 };
	struct nl_msg *msg;

	msg = error_ack(-EEXIST, "binding exists", true);
	CHECK_INT(parse(&nl, msg), -EEXIST);
	CHECK_STR(nl.extack, "binding exists");
	CHECK_STR(nlsock_extack_sep(&nl), ": ");
	CHECK(!nl.has_missing_type);
	nlmsg_free(msg);

	msg = error_ack(-EINVAL, "care-of address is multicast", false);
	CHECK_INT(parse(&nl, msg), -EINVAL);
	CHECK_STR(nl.extack, "care-of address is multicast");
	nlmsg_free(msg);

	/* A message without one leaves none from before. */
	msg = error_ack(-EPERM, NULL, true);
	CHECK_INT(parse(&nl, msg), -EPERM);
	CHECK_STR(nl.extack, "");
	CHECK_STR(nlsock_extack_sep(&nl), "");
	nlmsg_free(msg);

	msg = error_ack(0, NULL, true);
	CHECK_INT(parse(&nl, msg), 0);
	CHECK_STR(nl.extack, "");
	nlmsg_free(msg);
}

static void test_ack_printable(void)
{
	struct nlsock nl = { .fd = -1 };
	char text[NLSOCK_EXTACK_MAX + 40];
	struct nl_msg *msg;

	/* Control characters never reach a terminal or a log. */
	msg = error_ack(-EINVAL, "bad\x1b[2Jthing", true);
	parse(&nl, msg);
	CHECK_STR(nl.extack, "bad?[2Jthing");
	nlmsg_free(msg);

	msg = error_ack(-EINVAL, "a\tb", true);
	parse(&nl, msg);
	CHECK_STR(nl.extack, "a?b");
	nlmsg_free(msg);

	/* A long message is cut to the buffer. */
	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	msg = error_ack(-EINVAL, text, true);
	CHECK_INT(parse(&nl, msg), -EINVAL);
	CHECK_INT(strlen(nl.extack), NLSOCK_EXTACK_MAX - 1);
	nlmsg_free(msg);
}

static void test_ack_missing_attribute(void)
{
	struct nlsock nl = { .fd = -1 };
	struct nl_msg *msg = error_ack(-EINVAL, NULL, true);

	nla_put_u32(msg, NLMSGERR_ATTR_MISS_TYPE, 1);
	CHECK_INT(parse(&nl, msg), -EINVAL);
	CHECK_STR(nl.extack, "");
	CHECK(nl.has_missing_type);
	CHECK_INT(nl.missing_type, 1);
	nlmsg_free(msg);

	/* Of the wrong size, it is not one. */
	msg = error_ack(-EINVAL, "no ifindex", true);
	nla_put_u8(msg, NLMSGERR_ATTR_MISS_TYPE, 1);
	CHECK_INT(parse(&nl, msg), -EINVAL);
	CHECK_STR(nl.extack, "no ifindex");
	CHECK(!nl.has_missing_type);
	nlmsg_free(msg);

	nl.has_missing_type = true;
	nlsock_clear_extack(&nl);
	CHECK(!nl.has_missing_type);
}

static void test_ack_done(void)
{
	struct nlsock nl = { .fd = -1 };
	struct nl_msg *msg = nlmsg_alloc();
	struct nlmsghdr *nlh;
	int error = -ENODEV;

	nlh = nlmsg_put(msg, 0, 1, NLMSG_DONE, sizeof(error),
			NLM_F_MULTI | NLM_F_ACK_TLVS);
	memcpy(nlmsg_data(nlh), &error, sizeof(error));
	nla_put_string(msg, NLMSGERR_ATTR_MSG, "no dha device");
	CHECK_INT(parse(&nl, msg), -ENODEV);
	CHECK_STR(nl.extack, "no dha device");
	nlmsg_free(msg);
}

static void test_ack_malformed(void)
{
	union {
		struct nlmsghdr nlh;
		unsigned char bytes[64];
	} buf;
	struct nlsock nl = { .fd = -1 };
	int error = -EINVAL;

	memset(&buf, 0, sizeof(buf));
	buf.nlh.nlmsg_type = NLMSG_ERROR;
	buf.nlh.nlmsg_len = NLMSG_HDRLEN + 2;
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, sizeof(buf)), -EBADMSG);
	/* an errno alone is too short for an NLMSG_ERROR... */
	buf.nlh.nlmsg_len = NLMSG_HDRLEN + sizeof(error);
	memcpy(buf.bytes + NLMSG_HDRLEN, &error, sizeof(error));
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, sizeof(buf)), -EBADMSG);
	/* ...but enough for an NLMSG_DONE */
	buf.nlh.nlmsg_type = NLMSG_DONE;
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, sizeof(buf)), -EINVAL);
	/* not if the datagram ends first */
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, NLMSG_HDRLEN + 2), -EBADMSG);
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, NLMSG_HDRLEN + 3), -EBADMSG);
	/* positive or absurd "errors" are garbage */
	error = 5;
	memcpy(buf.bytes + NLMSG_HDRLEN, &error, sizeof(error));
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, sizeof(buf)), -EBADMSG);
	error = -5000;
	memcpy(buf.bytes + NLMSG_HDRLEN, &error, sizeof(error));
	CHECK_INT(nlsock_parse_ack(&nl, &buf.nlh, sizeof(buf)), -EBADMSG);
}

/* TLVs that run past the message are not read. */
static void test_ack_lying_tlv(void)
{
	struct nlsock nl = { .fd = -1 };
	struct nl_msg *msg = error_ack(-EINVAL, "fine", true);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *attr = (struct nlattr *)((char *)nlmsg_data(nlh) +
						sizeof(struct nlmsgerr));

	attr->nla_len = 200;
	CHECK_INT(parse(&nl, msg), -EINVAL);
	CHECK_STR(nl.extack, "");
	nlmsg_free(msg);
}

SUITE(ack,
      TEST_CASE(test_ack_extack),
      TEST_CASE(test_ack_printable),
      TEST_CASE(test_ack_missing_attribute),
      TEST_CASE(test_ack_done),
      TEST_CASE(test_ack_malformed),
      TEST_CASE(test_ack_lying_tlv));
