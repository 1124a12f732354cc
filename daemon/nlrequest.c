// SPDX-License-Identifier: GPL-2.0-only
/* Synchronous raw netlink requests. See nlrequest.h. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "kernel.h"
#include "nlrequest.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

int nlrequest_open(int protocol)
{
	static const int on = 1;
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);

	if (fd < 0)
		return -errno;
	/* Best effort: only the error messages get better with it. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

int nlrequest_start(void *buf, size_t size, uint16_t type, uint16_t flags,
		    uint32_t seq, const void *body, size_t body_len)
{
	struct nlmsghdr *nlh = buf;
	size_t len = NLMSG_LENGTH(body_len);

	if (NLMSG_ALIGN(len) > size)
		return -ENOSPC;
	memset(buf, 0, NLMSG_ALIGN(len));
	nlh->nlmsg_len = (uint32_t)len;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags | NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	memcpy(NLMSG_DATA(nlh), body, body_len);
	return 0;
}

int nlrequest_attr(void *buf, size_t size, uint16_t type, const void *data,
		   size_t len)
{
	struct nlmsghdr *nlh = buf;
	size_t at = NLMSG_ALIGN(nlh->nlmsg_len);
	struct nlattr *nla = (struct nlattr *)((char *)buf + at);

	if (at > size || NLA_ALIGN(NLA_HDRLEN + len) > size - at)
		return -ENOSPC;
	memset(nla, 0, NLA_ALIGN(NLA_HDRLEN + len));
	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = (uint32_t)(at + NLA_ALIGN(NLA_HDRLEN + len));
	return 0;
}

size_t nlrequest_len(const void *buf)
{
	return ((const struct nlmsghdr *)buf)->nlmsg_len;
}

int nlrequest_run(int fd, const void *buf, char *extack, size_t size)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	uint32_t seq = ((const struct nlmsghdr *)buf)->nlmsg_seq;
	union {
		struct nlmsghdr align;
		char buf[8192];
	} rx;
	ssize_t n;

	extack[0] = '\0';
	if (sendto(fd, buf, nlrequest_len(buf), 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *nlh;
		size_t left;

		n = recv(fd, rx.buf, sizeof(rx.buf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		left = (size_t)n;
		for (nlh = &rx.align; NLMSG_OK(nlh, left);
		     nlh = NLMSG_NEXT(nlh, left)) {
			if (nlh->nlmsg_seq == seq &&
			    nlh->nlmsg_type == NLMSG_ERROR)
				return kernel_parse_ack(nlh, nlh->nlmsg_len,
							extack, size);
		}
	}
}
