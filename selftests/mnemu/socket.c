// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <netinet/icmp6.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "socket.h"

int mh_open(bool kernel_csum)
{
	static const int on = 1, off = -1;
	static const int opts[] = {
		IPV6_RECVPKTINFO, IPV6_RECVRTHDR, IPV6_RECVDSTOPTS,
	};
	int fd, err;
	size_t i;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_MH);
	if (fd < 0)
		return -errno;
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (setsockopt(fd, IPPROTO_IPV6, opts[i], &on, sizeof(on)) < 0)
			goto fail;
	/*
	 * A raw MH socket starts with the kernel's checksum at offset 4;
	 * -1 switches it off for sending and for checking on receipt.
	 */
	if (!kernel_csum &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off)) < 0)
		goto fail;
	return fd;
fail:
	err = -errno;
	close(fd);
	return err;
}

static struct cmsghdr *cmsg_put(struct msghdr *msg, struct cmsghdr *c,
				int type, const void *data, size_t len)
{
	c = c ? CMSG_NXTHDR(msg, c) : CMSG_FIRSTHDR(msg);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return c;
}

int mh_send(int fd, const uint8_t *mh, size_t len,
	    const struct in6_addr *src, const struct in6_addr *dst,
	    const uint8_t *dstopts, size_t dstopts_len,
	    const uint8_t *rthdr, size_t rthdr_len)
{
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo)) +
			    CMSG_SPACE(256) + CMSG_SPACE(256)];
	} ctl;
	struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_addr = *dst };
	struct iovec iov = { .iov_base = (void *)mh, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct in6_pktinfo pi = { .ipi6_addr = *src };
	struct cmsghdr *c = NULL;
	size_t used = 0;

	if (dstopts_len > 256 || rthdr_len > 256)
		return -EINVAL;
	memset(&ctl, 0, sizeof(ctl));
	c = cmsg_put(&msg, c, IPV6_PKTINFO, &pi, sizeof(pi));
	used += CMSG_SPACE(sizeof(pi));
	if (dstopts) {
		c = cmsg_put(&msg, c, IPV6_DSTOPTS, dstopts, dstopts_len);
		used += CMSG_SPACE(dstopts_len);
	}
	if (rthdr) {
		c = cmsg_put(&msg, c, IPV6_RTHDR, rthdr, rthdr_len);
		used += CMSG_SPACE(rthdr_len);
	}
	msg.msg_controllen = used;
	if (sendmsg(fd, &msg, 0) < 0)
		return -errno;
	return 0;
}

static void copy_hdr(uint8_t *to, size_t *to_len, size_t cap,
		     const struct cmsghdr *c)
{
	size_t len = c->cmsg_len - CMSG_LEN(0);

	*to_len = len < cap ? len : cap;
	memcpy(to, CMSG_DATA(c), *to_len);
}

int mh_recv(int fd, struct mh_rx *rx)
{
	union {
		struct cmsghdr align;
		uint8_t buf[1024];
	} ctl;
	struct sockaddr_in6 from;
	struct iovec iov = { .iov_base = rx->buf, .iov_len = sizeof(rx->buf) };
	struct msghdr msg = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &msg, 0);
	if (n < 0)
		return -errno;
	rx->len = (size_t)n;
	rx->dst = in6addr_any;
	rx->ifindex = 0;
	rx->has_rthdr = rx->has_dstopts = false;
	rx->rthdr_len = rx->dstopts_len = 0;
	rx->src = from.sin6_addr;
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != IPPROTO_IPV6)
			continue;
		switch (c->cmsg_type) {
		case IPV6_PKTINFO: {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			rx->dst = pi.ipi6_addr;
			rx->ifindex = (int)pi.ipi6_ifindex;
			break;
		}
		case IPV6_RTHDR:
			rx->has_rthdr = true;
			copy_hdr(rx->rthdr, &rx->rthdr_len, sizeof(rx->rthdr), c);
			break;
		case IPV6_DSTOPTS:
			rx->has_dstopts = true;
			copy_hdr(rx->dstopts, &rx->dstopts_len,
				 sizeof(rx->dstopts), c);
			break;
		}
	}
	return 0;
}

int icmp6_open(uint8_t type)
{
	static const int on = 1;
	static const int opts[] = { IPV6_RECVPKTINFO, IPV6_RECVRTHDR };
	struct icmp6_filter filter;
	int fd, err;
	size_t i;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	ICMP6_FILTER_SETBLOCKALL(&filter);
	ICMP6_FILTER_SETPASS(type, &filter);
	if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter,
		       sizeof(filter)) < 0)
		goto fail;
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (setsockopt(fd, IPPROTO_IPV6, opts[i], &on, sizeof(on)) < 0)
			goto fail;
	return fd;
fail:
	err = -errno;
	close(fd);
	return err;
}

int icmp6_send(int fd, const uint8_t *msg, size_t len,
	       const struct in6_addr *src, const struct in6_addr *dst)
{
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} ctl;
	struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_addr = *dst };
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr m = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct in6_pktinfo pi = { .ipi6_addr = *src };

	memset(&ctl, 0, sizeof(ctl));
	cmsg_put(&m, NULL, IPV6_PKTINFO, &pi, sizeof(pi));
	if (sendmsg(fd, &m, 0) < 0)
		return -errno;
	return 0;
}

int icmp6_recv(int fd, struct icmp6_rx *rx)
{
	union {
		struct cmsghdr align;
		uint8_t buf[1024];
	} ctl;
	struct sockaddr_in6 from;
	struct iovec iov = { .iov_base = rx->buf, .iov_len = sizeof(rx->buf) };
	struct msghdr m = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return -errno;
	rx->len = (size_t)n;
	rx->src = from.sin6_addr;
	rx->dst = in6addr_any;
	rx->has_rthdr = false;
	rx->rthdr_len = 0;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != IPPROTO_IPV6)
			continue;
		if (c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			rx->dst = pi.ipi6_addr;
		} else if (c->cmsg_type == IPV6_RTHDR) {
			rx->has_rthdr = true;
			copy_hdr(rx->rthdr, &rx->rthdr_len, sizeof(rx->rthdr),
				 c);
		}
	}
	return 0;
}

int ipv6_send_raw(const uint8_t *pkt, size_t len, const struct in6_addr *dst)
{
	struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_addr = *dst };
	/* IPPROTO_RAW implies IPV6_HDRINCL. */
	int fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (sendto(fd, pkt, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		err = -errno;
	close(fd);
	return err;
}
