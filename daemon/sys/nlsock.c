// SPDX-License-Identifier: GPL-2.0-only
/*
 * A netlink socket for requests (nlsock.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <netlink/msg.h>

#include "sys/nlsock.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

/* Enough for any datagram of a dump (the kernel sizes them to fit). */
#define NLSOCK_RX_SIZE 65536

int nlsock_open(struct nlsock *nl, int protocol)
{
	static const int on = 1;
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	int err;

	nl->seq = 0;
	nl->extack[0] = '\0';
	nl->rx = malloc(NLSOCK_RX_SIZE);
	if (!nl->rx) {
		nl->fd = -1;
		return -ENOMEM;
	}
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	if (nl->fd < 0) {
		err = -errno;
		nlsock_close(nl);
		return err;
	}
	/* Best effort: only the error messages get better with it. */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof(on));
	if (bind(nl->fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
		err = -errno;
		nlsock_close(nl);
		return err;
	}
	return 0;
}

void nlsock_close(struct nlsock *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
	free(nl->rx);
	nl->rx = NULL;
}

int nlsock_request(struct nlsock *nl, struct nlmsghdr *req,
		   nlsock_reply_fn fn, void *arg)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	uint32_t seq = req->nlmsg_seq;
	ssize_t n;
	int ret = 0;

	nl->extack[0] = '\0';
	do {
		n = sendto(nl->fd, req, req->nlmsg_len, 0,
			   (struct sockaddr *)&kernel, sizeof(kernel));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (;;) {
		struct iovec iov = { nl->rx, NLSOCK_RX_SIZE };
		struct msghdr hdr = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct nlmsghdr *nlh;
		size_t left;

		n = recvmsg(nl->fd, &hdr, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (hdr.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		left = (size_t)n;
		for (nlh = (struct nlmsghdr *)nl->rx; NLMSG_OK(nlh, left);
		     nlh = NLMSG_NEXT(nlh, left)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				int error = kernel_parse_ack(
					nlh, left, nl->extack,
					sizeof(nl->extack));

				return error ? error : ret;
			}
			if (fn && !ret)
				ret = fn(nlh, left, arg);
		}
	}
}

int nlsock_request_msg(struct nlsock *nl, struct nl_msg *msg,
		       nlsock_reply_fn fn, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int ret;

	nlh->nlmsg_seq = ++nl->seq;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	ret = nlsock_request(nl, nlh, fn, arg);
	nlmsg_free(msg);
	return ret;
}

const char *nlsock_extack_sep(const struct nlsock *nl)
{
	return nl->extack[0] ? ": " : "";
}
