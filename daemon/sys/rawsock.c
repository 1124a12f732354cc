// SPDX-License-Identifier: GPL-2.0-only
/* Raw IPv6 sockets for the Mobility Header and ICMPv6 (rawsock.h). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sys/log.h"
#include "sys/rawsock.h"
#include "wire/ipv6ext.h"

int rawsock_open(int protocol, const struct in6_addr *local, int report)
{
	static const struct {
		int flag, option;
	} options[] = {
		{ RAWSOCK_PKTINFO, IPV6_RECVPKTINFO },
		{ RAWSOCK_HOPLIMIT, IPV6_RECVHOPLIMIT },
		{ RAWSOCK_DSTOPTS, IPV6_RECVDSTOPTS },
	};
	static const int on = 1;
	int fd, err;
	size_t i;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    protocol);
	if (fd < 0)
		return -errno;
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if ((report & options[i].flag) &&
		    setsockopt(fd, IPPROTO_IPV6, options[i].option, &on,
			       sizeof(on)) < 0)
			goto fail;
	}
	if (local) {
		struct sockaddr_in6 sa = {
			.sin6_family = AF_INET6,
			.sin6_addr = *local,
		};

		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
			goto fail;
	}
	return fd;
fail:
	err = -errno;
	close(fd);
	return err;
}

static bool decode(struct msghdr *hdr, struct rawsock_rx *rx)
{
	bool have_dst = false;
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(hdr); c; c = CMSG_NXTHDR(hdr, c)) {
		struct in6_pktinfo pi;

		if (c->cmsg_level != IPPROTO_IPV6)
			continue;
		if (c->cmsg_type == IPV6_PKTINFO &&
		    c->cmsg_len >= CMSG_LEN(sizeof(pi))) {
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			rx->destination = pi.ipi6_addr;
			rx->ifindex = pi.ipi6_ifindex;
			have_dst = true;
		} else if (c->cmsg_type == IPV6_HOPLIMIT &&
			   c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(&rx->hop_limit, CMSG_DATA(c),
			       sizeof(rx->hop_limit));
		} else if (c->cmsg_type == IPV6_DSTOPTS) {
			rx->dstopts = CMSG_DATA(c);
			rx->dstopts_len = c->cmsg_len - CMSG_LEN(0);
		}
	}
	return have_dst;
}

void rawsock_read(int fd, uint8_t *buf, size_t size, unsigned int batch,
		  const char *who, rawsock_fn fn, void *arg)
{
	unsigned int i;

	for (i = 0; i < batch; i++) {
		union {
			struct cmsghdr align;
			uint8_t buf[1024];
		} ctl;
		struct sockaddr_in6 from;
		struct iovec iov = { .iov_base = buf, .iov_len = size };
		struct msghdr hdr = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
		};
		struct rawsock_rx rx = { .buf = buf, .hop_limit = -1 };
		ssize_t n;

		n = recvmsg(fd, &hdr, MSG_DONTWAIT);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR)
				log_warn("%s: recvmsg: %s", who,
					 strerror(errno));
			return;
		}
		rx.source = from.sin6_addr;
		rx.len = (size_t)n;
		if (!decode(&hdr, &rx) || n < 1 ||
		    (hdr.msg_flags & (MSG_TRUNC | MSG_CTRUNC)))
			continue;
		fn(arg, &rx);
	}
}

int rawsock_send(int fd, uint8_t next_header, const void *msg, size_t len,
		 const struct in6_addr *src, const struct in6_addr *dst,
		 unsigned int ifindex, int hop_limit,
		 const struct in6_addr *rh2)
{
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo)) +
			    CMSG_SPACE(sizeof(int)) +
			    CMSG_SPACE(DHA_RH2_LEN)];
	} ctl;
	struct sockaddr_in6 to = {
		.sin6_family = AF_INET6,
		.sin6_addr = *dst,
		.sin6_scope_id = ifindex,
	};
	struct in6_pktinfo pi = { .ipi6_ifindex = ifindex };
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr hdr = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf,
	};
	uint8_t rh2_buf[DHA_RH2_LEN];
	size_t rh2_len = 0, used = 0;
	struct cmsghdr *c;
	int ret;

	if (rh2) {
		ret = dha_rh2_build(rh2_buf, sizeof(rh2_buf), next_header, rh2,
				    &rh2_len);
		if (ret)
			return ret;
	}
	if (src)
		pi.ipi6_addr = *src;
	memset(&ctl, 0, sizeof(ctl));
	/* Laid out by hand: CMSG_FIRSTHDR() confuses -Warray-bounds. */
	if (src || ifindex) {
		c = &ctl.align;
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		used = CMSG_SPACE(sizeof(pi));
	}
	if (hop_limit) {
		c = (struct cmsghdr *)(ctl.buf + used);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_HOPLIMIT;
		c->cmsg_len = CMSG_LEN(sizeof(hop_limit));
		memcpy(CMSG_DATA(c), &hop_limit, sizeof(hop_limit));
		used += CMSG_SPACE(sizeof(hop_limit));
	}
	if (rh2) {
		c = (struct cmsghdr *)(ctl.buf + used);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_RTHDR;
		c->cmsg_len = CMSG_LEN(rh2_len);
		memcpy(CMSG_DATA(c), rh2_buf, rh2_len);
		used += CMSG_SPACE(rh2_len);
	}
	hdr.msg_controllen = used;
	if (!used)
		hdr.msg_control = NULL;
	if (sendmsg(fd, &hdr, 0) < 0)
		return -errno;
	return 0;
}
