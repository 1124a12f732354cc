// SPDX-License-Identifier: GPL-2.0-only
/*
 * Netlink requests against the host's kernel: a link dump (every
 * namespace has lo) handed to the callback, its error returned after the
 * whole answer, and a refused request's errno.
 */
#include <errno.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "sys/nlsock.h"
#include "check.h"

union link_dump {
	struct nlmsghdr align;
	char buf[NLMSG_SPACE(sizeof(struct ifinfomsg))];
};

static struct nlmsghdr *link_dump(union link_dump *req, uint32_t seq)
{
	memset(req, 0, sizeof(*req));
	req->align.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	req->align.nlmsg_type = RTM_GETLINK;
	req->align.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP;
	req->align.nlmsg_seq = seq;
	return &req->align;
}

static int count_links(const struct nlmsghdr *nlh, size_t len, void *arg)
{
	unsigned int *count = arg;

	CHECK(nlh->nlmsg_len <= len);
	CHECK_INT(nlh->nlmsg_type, RTM_NEWLINK);
	++*count;
	return 0;
}

static int refuse(const struct nlmsghdr *nlh, size_t len, void *arg)
{
	(void)nlh;
	(void)len;
	++*(unsigned int *)arg;
	return -ECANCELED;
}

static void test_nlsock_dump(void)
{
	struct nlsock nl;
	union link_dump req;
	unsigned int count = 0;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	CHECK_INT(nlsock_request(&nl, link_dump(&req, ++nl.seq), count_links,
				 &count), 0);
	CHECK(count >= 1);
	/* The callback's error, once, after the rest of the dump was read. */
	count = 0;
	CHECK_INT(nlsock_request(&nl, link_dump(&req, ++nl.seq), refuse,
				 &count), -ECANCELED);
	CHECK_INT(count, 1);
	count = 0;
	CHECK_INT(nlsock_request(&nl, link_dump(&req, ++nl.seq), count_links,
				 &count), 0);
	CHECK(count >= 1);
	nlsock_close(&nl);
	CHECK_INT(nl.fd, -1);
}

static void test_nlsock_refused(void)
{
	struct nlsock nl;
	struct {
		struct nlmsghdr nlh;
		struct ifinfomsg ifi;
	} req = {
		.nlh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = RTM_GETLINK,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		/* No link has index 0x7fffffff. */
		.ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 0x7fffffff },
	};

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	req.nlh.nlmsg_seq = ++nl.seq;
	CHECK_INT(nlsock_request(&nl, &req.nlh, NULL, NULL), -ENODEV);
	nlsock_close(&nl);
}

SUITE(nlsock,
      TEST_CASE(test_nlsock_dump),
      TEST_CASE(test_nlsock_refused));
