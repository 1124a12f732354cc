// SPDX-License-Identifier: GPL-2.0-only
/*
 * Requests against the host's rtnetlink, which every namespace has (lo
 * at least): a link dump handed to the callback, its error returned
 * after the whole answer, a refused request's errno and extended ack,
 * answers read datagram by datagram, acks of other requests counted,
 * and the waits that time out.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>

#include "genl.h"
#include "nlbuild.h"
#include "nlsock.h"
#include "check.h"

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

union request {
	struct nlmsghdr nlh;
	unsigned char bytes[128];
};

/* RTM_GETLINK: a dump (ifindex 0), or a get of ifindex. */
static struct nlmsghdr *getlink(union request *req, uint32_t seq, int ifindex,
				unsigned short type)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
		.ifi_type = type,
	};

	nlbuild_start(req, sizeof(*req), RTM_GETLINK,
		      NLM_F_ACK | (ifindex ? 0 : NLM_F_DUMP), seq, &ifi,
		      sizeof(ifi));
	return &req->nlh;
}

static int count_links(const struct nlmsghdr *nlh, void *arg)
{
	unsigned int *count = arg;

	CHECK_INT(nlh->nlmsg_type, RTM_NEWLINK);
	++*count;
	return 0;
}

static int refuse(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	++*(unsigned int *)arg;
	return -ECANCELED;
}

static void test_nlsock_dump(void)
{
	struct nlsock nl;
	union request req;
	unsigned int count = 0;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	CHECK(nl.portid != 0);
	CHECK_INT(nlsock_request(&nl, getlink(&req, ++nl.seq, 0, 0),
				 count_links, &count), 0);
	CHECK(count >= 1);
	/* The callback's error, once, after the rest of the dump was read. */
	count = 0;
	CHECK_INT(nlsock_request(&nl, getlink(&req, ++nl.seq, 0, 0), refuse,
				 &count), -ECANCELED);
	CHECK_INT(count, 1);
	CHECK_STR(nl.extack, "");
	count = 0;
	CHECK_INT(nlsock_request(&nl, getlink(&req, ++nl.seq, 0, 0),
				 count_links, &count), 0);
	CHECK(count >= 1);
	nlsock_close(&nl);
	CHECK_INT(nl.fd, -1);
}

/* A libnl message, numbered by the socket. */
static void test_nlsock_request_msg(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 1 };
	unsigned int count = 0;
	struct nl_msg *msg;
	struct nlsock nl;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	msg = nlmsg_alloc_simple(RTM_GETLINK, 0);
	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	CHECK_INT(nlsock_request_msg(&nl, msg, count_links, &count), 0);
	CHECK_INT(count, 1);
	CHECK_INT(nl.seq, 1);
	/* No link has index 0x7fffffff. */
	ifi.ifi_index = 0x7fffffff;
	msg = nlmsg_alloc_simple(RTM_GETLINK, 0);
	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	CHECK_INT(nlsock_request_msg(&nl, msg, count_links, &count), -ENODEV);
	CHECK_INT(count, 1);
	CHECK_INT(nl.seq, 2);
	nlsock_close(&nl);
}

/* The kernel's extended ack, as strict checking gives one to anyone. */
static void test_nlsock_extack(void)
{
	union request req;
	struct nlsock nl;
	int one = 1;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	CHECK_INT(setsockopt(nl.fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
			     sizeof(one)), 0);
	CHECK_INT(nlsock_request(&nl, getlink(&req, ++nl.seq, 1, 1), NULL,
				 NULL), -EINVAL);
	/* "... for link get request" or, newer, "... for get link request" */
	CHECK(strncmp(nl.extack, "Invalid values in header for ", 29) == 0);
	CHECK_STR(nlsock_extack_sep(&nl), ": ");
	/* the next request starts without it */
	CHECK_INT(nlsock_request(&nl, getlink(&req, ++nl.seq, 1, 0), NULL,
				 NULL), 0);
	CHECK_STR(nl.extack, "");
	nlsock_close(&nl);
}

/* Two requests in one send: the first one's error counted, not returned. */
static void test_nlsock_others(void)
{
	union request two[2];
	unsigned int others = 0, count = 0;
	struct nlsock nl;
	size_t first;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	getlink(&two[0], ++nl.seq, 0x7fffffff, 0);
	first = NLMSG_ALIGN(two[0].nlh.nlmsg_len);
	getlink((union request *)(two[0].bytes + first), ++nl.seq, 1, 0);
	CHECK_INT(nlsock_send(&nl, two, first + two[0].nlh.nlmsg_len), 0);
	CHECK_INT(nlsock_wait(&nl, nl.seq, count_links, &count, 5000, &others),
		  0);
	CHECK_INT(others, 1);
	CHECK_INT(count, 1);
	nlsock_close(&nl);
}

/* Counts the answers of a refused batch, all with its error. */
static void answer_none(size_t index, int error, const char *extack, void *arg)
{
	unsigned int *calls = arg;

	(void)index;
	(void)extack;
	CHECK_INT(error, -EINVAL);
	++*calls;
}

struct answers {
	unsigned int calls;
	int error[3];
	unsigned int order[3];		/* which call answered each */
};

static void answer(size_t index, int error, const char *extack, void *arg)
{
	struct answers *a = arg;

	(void)extack;
	CHECK(index < 3);
	a->error[index] = error;
	a->order[index] = ++a->calls;
}

/*
 * A batch of three gets, the middle one of a link that does not exist:
 * its error is answered first, as the kernel sends it, the two others 0
 * once the last is acknowledged; the links' replies are skipped.
 */
static void test_nlsock_batch(void)
{
	union request three[3];
	struct answers a = { 0 };
	unsigned char buf[3 * sizeof(union request)];
	size_t len = 0, i;
	struct nlsock nl;
	int ifindex[3] = { 1, 0x7fffffff, 1 };

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	for (i = 0; i < 3; i++) {
		getlink(&three[i], nl.seq + 1 + (uint32_t)i, ifindex[i], 0);
		if (i < 2)
			three[i].nlh.nlmsg_flags &= ~NLM_F_ACK;
		memcpy(buf + len, &three[i], three[i].nlh.nlmsg_len);
		len += NLMSG_ALIGN(three[i].nlh.nlmsg_len);
	}
	CHECK_INT(nlsock_send_batch(&nl, buf, len, nl.seq + 1, 3, answer, &a),
		  0);
	CHECK_INT(a.calls, 3);
	CHECK_INT(a.error[0], 0);
	CHECK_INT(a.error[1], -ENODEV);
	CHECK_INT(a.error[2], 0);
	CHECK_INT(a.order[1], 1);

	/* Too many for one datagram: refused, every one answered so. */
	memset(&a, 0, sizeof(a));
	CHECK_INT(nlsock_send_batch(&nl, buf, len, nl.seq + 1,
				    NLSOCK_BATCH_MAX + 1, answer_none, &a.calls),
		  -EINVAL);
	CHECK_INT(a.calls, NLSOCK_BATCH_MAX + 1);
	nlsock_close(&nl);
}

struct seen {
	unsigned int links;
	unsigned int acks;
	int error;
};

static int see(const struct nlmsghdr *nlh, void *arg)
{
	struct seen *seen = arg;
	struct nlsock ack = { .fd = -1 };

	if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR) {
		seen->acks++;
		seen->error = nlsock_parse_ack(&ack, nlh, nlh->nlmsg_len);
	} else if (nlh->nlmsg_type == RTM_NEWLINK) {
		seen->links++;
	}
	return 0;
}

/* A dump read datagram by datagram, as the notifications are. */
static void test_nlsock_read(void)
{
	struct seen seen = { .error = 1 };
	union request req;
	struct nlsock nl;
	int ret = 0, rounds = 0;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	CHECK_INT(nlsock_read(&nl, 0, 0, see, &seen), -ETIMEDOUT);
	CHECK_INT(nlsock_read(&nl, MSG_DONTWAIT, -1, see, &seen), -EAGAIN);
	CHECK_INT(nlsock_send(&nl, getlink(&req, ++nl.seq, 0, 0),
			      req.nlh.nlmsg_len), 0);
	while (!seen.acks && !ret && rounds++ < 1000)
		ret = nlsock_read(&nl, 0, 5000, see, &seen);
	CHECK_INT(ret, 0);
	CHECK(seen.links >= 1);
	CHECK_INT(seen.acks, 1);
	CHECK_INT(seen.error, 0);
	CHECK_INT(nlsock_wait(&nl, nl.seq + 1, NULL, NULL, 0, NULL),
		  -ETIMEDOUT);
	nlsock_close(&nl);
}

static int stop(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	++*(unsigned int *)arg;
	return 7;
}

/*
 * Notifications of a family: only its messages reach the callback, and
 * its nonzero return ends the datagram. Here the "family" is RTM_NEWLINK
 * and the datagram a dump's, which the host answers to anyone.
 */
static void test_nlsock_family_filter(void)
{
	struct dha_nl fake = { .family_id = RTM_NEWLINK };
	unsigned int count = 0;
	union request req;
	struct nlsock nl;

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	CHECK_INT(dha_nl_subscribe_events(&fake, &nl), -ENOENT);
	CHECK_INT(nlsock_send(&nl, getlink(&req, ++nl.seq, 1, 0),
			      req.nlh.nlmsg_len), 0);
	CHECK_INT(dha_nl_receive_events(&fake, &nl, 0, 5000, count_links,
					&count), 0);
	CHECK_INT(count, 1);
	/* the ack, in the datagram after, is no message of the family */
	CHECK_INT(dha_nl_receive_events(&fake, &nl, 0, 5000, stop, &count), 0);
	CHECK_INT(count, 1);
	CHECK_INT(nlsock_send(&nl, getlink(&req, ++nl.seq, 1, 0),
			      req.nlh.nlmsg_len), 0);
	CHECK_INT(dha_nl_receive_events(&fake, &nl, 0, 5000, stop, &count), 7);
	CHECK_INT(count, 2);
	nlsock_close(&nl);
}

static void test_nlsock_options(void)
{
	struct nlsock nl;
	int size = 0;
	socklen_t len = sizeof(size);

	CHECK_INT(nlsock_open(&nl, NETLINK_ROUTE), 0);
	CHECK_INT(nlsock_set_rcvbuf(&nl, 1 << 16, false), 0);
	CHECK_INT(getsockopt(nl.fd, SOL_SOCKET, SO_RCVBUF, &size, &len), 0);
	CHECK(size >= 1 << 16);
	/* RTNLGRP_LINK: any process may listen. */
	CHECK_INT(nlsock_join(&nl, RTNLGRP_LINK), 0);
	nlsock_close(&nl);
	CHECK_INT(nlsock_open(&nl, 9999), -EPROTONOSUPPORT);
	CHECK_INT(nl.fd, -1);
	nlsock_close(&nl);
}

SUITE(nlsock,
      TEST_CASE(test_nlsock_dump),
      TEST_CASE(test_nlsock_request_msg),
      TEST_CASE(test_nlsock_extack),
      TEST_CASE(test_nlsock_others),
      TEST_CASE(test_nlsock_batch),
      TEST_CASE(test_nlsock_read),
      TEST_CASE(test_nlsock_family_filter),
      TEST_CASE(test_nlsock_options));
