// SPDX-License-Identifier: GPL-2.0-only
/* The ICMPv6 socket and its listeners (icmp.h). */
#include <errno.h>
#include <netinet/icmp6.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/icmp.h"
#include "core/msgstats.h"
#include "sys/loop.h"
#include "wire/ndisc.h"
#include "wire/numbers.h"

/* Datagrams handled per wakeup, so the loop stays responsive. */
#define ICMP_BATCH 64

struct icmp_listener {
	rawsock_fn fn;
	void *arg;
};

struct icmp {
	int fd;
	struct loop_io *io;
	struct icmp6_filter filter;
	struct icmp_listener listeners[256];
	struct msgstats stats;
	uint8_t buf[DHA_IPV6_MIN_MTU * 2];
};

static void dispatch(void *arg, const struct rawsock_rx *rx)
{
	struct icmp *icmp = arg;
	const struct icmp_listener *l = &icmp->listeners[rx->buf[0]];

	/* The filter passes only the types listened to. */
	icmp->stats.type[rx->buf[0]].received++;
	if (l->fn)
		l->fn(l->arg, rx);
	else
		icmp->stats.type[rx->buf[0]].dropped++;
}

static void icmp_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct icmp *icmp = arg;

	(void)io;
	(void)events;
	rawsock_read(fd, icmp->buf, sizeof(icmp->buf), ICMP_BATCH,
		     "discovery", dispatch, icmp);
}

static int set_filter(struct icmp *icmp)
{
	if (setsockopt(icmp->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &icmp->filter,
		       sizeof(icmp->filter)) < 0)
		return -errno;
	return 0;
}

int icmp_listen(struct icmp *icmp, uint8_t type, rawsock_fn fn, void *arg)
{
	struct icmp_listener *l = &icmp->listeners[type];
	int ret;

	if (l->fn)
		return -EEXIST;
	ICMP6_FILTER_SETPASS(type, &icmp->filter);
	ret = set_filter(icmp);
	if (ret) {
		ICMP6_FILTER_SETBLOCK(type, &icmp->filter);
		return ret;
	}
	l->fn = fn;
	l->arg = arg;
	return 0;
}

void icmp_unlisten(struct icmp *icmp, uint8_t type)
{
	icmp->listeners[type].fn = NULL;
	ICMP6_FILTER_SETBLOCK(type, &icmp->filter);
	set_filter(icmp);
}

int icmp_set_policy(struct icmp *icmp, const void *policy, size_t len)
{
	if (setsockopt(icmp->fd, IPPROTO_IPV6, IPV6_XFRM_POLICY, policy,
		       (socklen_t)len) < 0)
		return -errno;
	return 0;
}

static int membership(struct icmp *icmp, int option, unsigned int ifindex,
		      const struct in6_addr *addr)
{
	struct ipv6_mreq mreq = {
		.ipv6mr_multiaddr = *addr,
		.ipv6mr_interface = ifindex,
	};

	if (setsockopt(icmp->fd, IPPROTO_IPV6, option, &mreq,
		       sizeof(mreq)) < 0)
		return -errno;
	return 0;
}

int icmp_anycast(struct icmp *icmp, unsigned int ifindex,
		 const struct in6_addr *addr, bool join)
{
	return membership(icmp, join ? IPV6_JOIN_ANYCAST : IPV6_LEAVE_ANYCAST,
			  ifindex, addr);
}

int icmp_multicast(struct icmp *icmp, unsigned int ifindex,
		   const struct in6_addr *group, bool join)
{
	return membership(icmp, join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP,
			  ifindex, group);
}

int icmp_send(struct icmp *icmp, const void *msg, size_t len,
	      const struct in6_addr *src, const struct in6_addr *dst,
	      unsigned int ifindex, int hop_limit, const struct in6_addr *rh2)
{
	int ret = rawsock_send(icmp->fd, DHA_IPPROTO_ICMPV6, msg, len, src,
			       dst, ifindex, hop_limit, rh2);

	if (!ret && len)
		icmp->stats.type[((const uint8_t *)msg)[0]].sent++;
	return ret;
}

void icmp_dropped(struct icmp *icmp, uint8_t type)
{
	icmp->stats.type[type].dropped++;
}

const struct msgstats *icmp_stats(const struct icmp *icmp)
{
	return &icmp->stats;
}

int icmp_open(struct loop *loop, struct icmp **out)
{
	static const int off = 0;
	struct icmp *icmp = calloc(1, sizeof(*icmp));
	int ret;

	if (!icmp)
		return -ENOMEM;
	icmp->fd = rawsock_open(DHA_IPPROTO_ICMPV6, NULL,
				RAWSOCK_PKTINFO | RAWSOCK_HOPLIMIT |
					RAWSOCK_DSTOPTS);
	if (icmp->fd < 0) {
		ret = icmp->fd;
		free(icmp);
		return ret;
	}
	ICMP6_FILTER_SETBLOCKALL(&icmp->filter);
	ret = set_filter(icmp);
	/* Our own advertisements are not for us. */
	if (!ret && setsockopt(icmp->fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP,
			       &off, sizeof(off)) < 0)
		ret = -errno;
	if (!ret) {
		icmp->io = loop_io_add(loop, icmp->fd, LOOP_READ, icmp_io,
				       icmp);
		if (!icmp->io)
			ret = -ENOMEM;
	}
	if (ret) {
		close(icmp->fd);
		free(icmp);
		return ret;
	}
	*out = icmp;
	return 0;
}

void icmp_close(struct icmp *icmp)
{
	if (!icmp)
		return;
	loop_io_del(icmp->io);
	close(icmp->fd);
	free(icmp);
}
