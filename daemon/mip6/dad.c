// SPDX-License-Identifier: GPL-2.0-only
/* Duplicate Address Detection of new home addresses (dad.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/ip6.h>
#include <arpa/inet.h>

#include "mip6/dad.h"
#include "mip6/intercept.h"
#include "sys/addr.h"
#include "sys/log.h"
#include "sys/loop.h"
#include "sys/rawsock.h"
#include "sys/timer.h"
#include "wire/csum.h"
#include "wire/ndisc.h"
#include "wire/numbers.h"

#define DAD_HOP_LIMIT 255		/* RFC 4861 7.1 */
#define DAD_BATCH 16

struct dad_check {
	struct dad *dad;
	struct in6_addr targets[2];	/* the home address, its link-local */
	unsigned int target_count;
	struct loop_timer timer;
	/*
	 * A home agent of the link answered the first probe: the check
	 * waits (again) and then probes once more (reprobed).
	 */
	bool again, reprobed;
	struct dad_check *next;
	size_t len;
	uint8_t *data;
};

struct dad {
	struct loop *loop;
	char ifname[IF_NAMESIZE];
	const struct dad_ops *ops;
	void *ops_ctx;
	int rx_fd, tx_fd;
	struct loop_io *io;
	dad_done_fn done;
	void *arg;
	dad_home_agent_fn home_agent;
	void *home_agent_arg;
	struct dad_check *checks;
	size_t count;
	uint8_t buf[1280];
};

/* ---- pure ---- */

void dad_link_local(const struct in6_addr *addr, struct in6_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr[0] = 0xfe;
	out->s6_addr[1] = 0x80;
	memcpy(&out->s6_addr[8], &addr->s6_addr[8], 8);
}

/* RFC 4291 2.7.1 */
static void solicited_node(const struct in6_addr *addr, struct in6_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr[0] = 0xff;
	out->s6_addr[1] = 0x02;
	out->s6_addr[11] = 0x01;
	out->s6_addr[12] = 0xff;
	memcpy(&out->s6_addr[13], &addr->s6_addr[13], 3);
}

int dad_probe_build(uint8_t *buf, size_t cap, const struct in6_addr *target)
{
	struct dha_ns ns = { .target = *target, .is_dad = true };
	struct ip6_hdr ip6 = { 0 };
	uint16_t csum;
	size_t len;
	int ret;

	if (cap < sizeof(ip6))
		return -ENOSPC;
	ret = dha_ns_build(buf + sizeof(ip6), cap - sizeof(ip6), &ns, &len);
	if (ret)
		return ret;
	ip6.ip6_flow = htonl(6u << 28);
	ip6.ip6_plen = htons((uint16_t)len);
	ip6.ip6_nxt = IPPROTO_ICMPV6;
	ip6.ip6_hlim = DAD_HOP_LIMIT;
	solicited_node(target, &ip6.ip6_dst);
	memcpy(buf, &ip6, sizeof(ip6));
	buf[sizeof(ip6) + 2] = 0;
	buf[sizeof(ip6) + 3] = 0;
	csum = dha_csum_ipv6(&ip6.ip6_src, &ip6.ip6_dst, IPPROTO_ICMPV6,
			     buf + sizeof(ip6), len);
	buf[sizeof(ip6) + 2] = (uint8_t)(csum >> 8);
	buf[sizeof(ip6) + 3] = (uint8_t)csum;
	return (int)(sizeof(ip6) + len);
}

bool dad_conflict(const struct in6_addr *target, const uint8_t *msg,
		  size_t len, const struct in6_addr *source, int hop_limit)
{
	struct dha_ns ns;
	struct dha_na na;

	/* RFC 4861 7.1.1, 7.1.2: from off the link it is no evidence. */
	if (len < 2 || hop_limit != DAD_HOP_LIMIT || msg[1] != 0)
		return false;
	switch (msg[0]) {
	case DHA_ICMP6_NEIGHBOR_ADVERT:
		return !dha_na_parse(msg, len, &na) &&
		       !memcmp(&na.target, target, sizeof(*target));
	case DHA_ICMP6_NEIGHBOR_SOLICIT:
		/* Another node's probe (RFC 4862 5.4.3); not a resolution. */
		return !dha_ns_parse(msg, len, source, &ns) && ns.is_dad &&
		       !memcmp(&ns.target, target, sizeof(*target));
	default:
		return false;
	}
}

/* ---- checks ---- */

static bool same_group(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(&a->s6_addr[13], &b->s6_addr[13], 3);
}

/* Whether a check under way listens to target's group. */
static bool group_used(const struct dad *dad, const struct in6_addr *target)
{
	const struct dad_check *check;
	unsigned int i;

	for (check = dad->checks; check; check = check->next)
		for (i = 0; i < check->target_count; i++)
			if (same_group(&check->targets[i], target))
				return true;
	return false;
}

/*
 * The kernel refuses a second join of a group on one socket: fine. It
 * charges each group to the socket's option memory (net.core.optmem_max,
 * 20 KB by default before Linux 6.9: some 360 groups), and refuses more
 * with ENOMEM (ENOBUFS for some options).
 */
static int socket_join(void *ctx, const struct in6_addr *group, bool on)
{
	struct dad *dad = ctx;
	struct ipv6_mreq mreq = {
		.ipv6mr_multiaddr = *group,
		.ipv6mr_interface = if_nametoindex(dad->ifname),
	};

	if (setsockopt(dad->rx_fd, IPPROTO_IPV6,
		       on ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP, &mreq,
		       sizeof(mreq)) < 0 && !(on && errno == EADDRINUSE))
		return -errno;
	return 0;
}

static int socket_send(void *ctx, const uint8_t *pkt, size_t len,
		       const struct in6_addr *group)
{
	struct dad *dad = ctx;
	struct sockaddr_in6 sa = {
		.sin6_family = AF_INET6,
		.sin6_addr = *group,
		.sin6_scope_id = if_nametoindex(dad->ifname),
	};

	if (!sa.sin6_scope_id)
		return -ENODEV;
	if (sendto(dad->tx_fd, pkt, len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	return 0;
}

static const struct dad_ops socket_ops = {
	.join = socket_join,
	.send = socket_send,
};

static int join(struct dad *dad, const struct in6_addr *target, bool on)
{
	char text[INET6_ADDRSTRLEN];
	struct in6_addr group;
	int ret;

	solicited_node(target, &group);
	ret = dad->ops->join(dad->ops_ctx, &group, on);
	/*
	 * The group only brings another node's probe for the address (RFC
	 * 4862 5.4.3); the answer of a node holding it goes to all-nodes
	 * (RFC 4861 7.2.4), which is always heard. So the check runs
	 * without the group rather than refuse the registration.
	 */
	if (on && (ret == -ENOMEM || ret == -ENOBUFS)) {
		log_debug("dad: %s: no room to join its solicited-node group; checked without it",
			  addr_format(target, text));
		return 0;
	}
	return ret;
}

static void check_free(struct dad_check *check)
{
	struct dad *dad = check->dad;
	struct dad_check **p;

	for (p = &dad->checks; *p; p = &(*p)->next) {
		if (*p == check) {
			*p = check->next;
			break;
		}
	}
	dad->count--;
	loop_timer_stop(dad->loop, &check->timer);
	/* Its link-local twin shares the home address's group. */
	if (!group_used(dad, &check->targets[0]))
		join(dad, &check->targets[0], false);
	free(check->data);
	free(check);
}

static void finish(struct dad_check *check, bool duplicate)
{
	struct dad *dad = check->dad;
	char text[INET6_ADDRSTRLEN];
	uint8_t *data = check->data;
	size_t len = check->len;

	if (duplicate)
		log_info("home address %s is in use on %s: duplicate",
			 addr_format(&check->targets[0], text), dad->ifname);
	check->data = NULL;
	check_free(check);
	dad->done(dad->arg, data, len, duplicate);
	free(data);
}

static int probe(struct dad *dad, const struct in6_addr *target);

static void expired(struct loop_timer *timer)
{
	struct dad_check *check = container_of(timer, struct dad_check, timer);
	struct dad *dad = check->dad;
	unsigned int i;
	int ret = 0;

	if (!check->again) {
		finish(check, false);
		return;
	}
	check->again = false;
	check->reprobed = true;
	for (i = 0; !ret && i < check->target_count; i++)
		ret = probe(dad, &check->targets[i]);
	if (!ret)
		ret = loop_timer_start(dad->loop, &check->timer,
				       intercept_retrans_ms(dad->ifname));
	/* Not probed again: the first answer stands. */
	if (ret)
		finish(check, true);
}

/*
 * A conflict told by a home agent of the link, at the first probe: one
 * more round, RetransTimer later. The home agent that handed the mobile
 * node over lets go of it on seeing the first probe (load balancing,
 * Documentation/load-balancing.md), and then answers no more.
 */
static bool probe_again(struct dad_check *check, const struct rawsock_rx *rx)
{
	struct dad *dad = check->dad;

	if (check->again)
		return true;
	if (check->reprobed || !dad->home_agent ||
	    !dad->home_agent(dad->home_agent_arg, &rx->source))
		return false;
	check->again = true;
	loop_timer_stop(dad->loop, &check->timer);
	if (loop_timer_start(dad->loop, &check->timer,
			     intercept_retrans_ms(dad->ifname)))
		return false;
	return true;
}

static struct dad_check *find(struct dad *dad, const struct in6_addr *addr)
{
	struct dad_check *check;

	for (check = dad->checks; check; check = check->next)
		if (!memcmp(&check->targets[0], addr, sizeof(*addr)))
			return check;
	return NULL;
}

static int probe(struct dad *dad, const struct in6_addr *target)
{
	struct in6_addr group;
	uint8_t pkt[128];
	int len;

	len = dad_probe_build(pkt, sizeof(pkt), target);
	if (len < 0)
		return len;
	solicited_node(target, &group);
	return dad->ops->send(dad->ops_ctx, pkt, (size_t)len, &group);
}

static int replace_data(struct dad_check *check, const void *data, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, len);
	free(check->data);
	check->data = copy;
	check->len = len;
	return 0;
}

int dad_start(struct dad *dad, const struct in6_addr *home_address,
	      bool link_local, const void *data, size_t len)
{
	struct dad_check *check = find(dad, home_address);
	char text[INET6_ADDRSTRLEN];
	unsigned int i;
	int ret;

	if (check) {
		ret = replace_data(check, data, len);
		return ret ? ret : 1;
	}
	if (dad->count >= DAD_CHECKS_MAX)
		return -ENOBUFS;
	check = calloc(1, sizeof(*check));
	if (!check)
		return -ENOMEM;
	check->dad = dad;
	check->targets[0] = *home_address;
	check->target_count = 1;
	if (link_local)
		dad_link_local(home_address, &check->targets[check->target_count++]);
	timer_init(&check->timer, expired);
	ret = replace_data(check, data, len);
	if (ret) {
		free(check);
		return ret;
	}
	check->next = dad->checks;
	dad->checks = check;
	dad->count++;
	/* Listening first: an answer may come back at once. */
	for (i = 0; !ret && i < check->target_count; i++)
		ret = join(dad, &check->targets[i], true);
	for (i = 0; !ret && i < check->target_count; i++)
		ret = probe(dad, &check->targets[i]);
	/* RFC 4862 5.4: DupAddrDetectTransmits 1, RetransTimer of the link. */
	if (!ret)
		ret = loop_timer_start(dad->loop, &check->timer,
				       intercept_retrans_ms(dad->ifname));
	if (ret) {
		log_err("dad: cannot probe %s on %s: %s",
			addr_format(home_address, text), dad->ifname,
			strerror(-ret));
		check_free(check);
		return ret;
	}
	return 0;
}

void dad_set_home_agent(struct dad *dad, dad_home_agent_fn fn, void *arg)
{
	dad->home_agent = fn;
	dad->home_agent_arg = arg;
}

size_t dad_count(const struct dad *dad)
{
	return dad->count;
}

static void received(void *arg, const struct rawsock_rx *rx)
{
	struct dad *dad = arg;
	struct dad_check *check, *next;
	unsigned int i;

	if (rx->ifindex != if_nametoindex(dad->ifname))
		return;
	for (check = dad->checks; check; check = next) {
		next = check->next;
		for (i = 0; i < check->target_count; i++) {
			if (dad_conflict(&check->targets[i], rx->buf, rx->len,
					 &rx->source, rx->hop_limit)) {
				if (probe_again(check, rx))
					break;
				finish(check, true);
				/* finish() may have ended others. */
				return;
			}
		}
	}
}

static void readable(struct loop_io *io, int fd, int events, void *arg)
{
	struct dad *dad = arg;

	(void)io;
	(void)events;
	rawsock_read(fd, dad->buf, sizeof(dad->buf), DAD_BATCH, "dad",
		     received, dad);
}

/* ---- start and stop ---- */

static int open_sockets(struct dad *dad)
{
	static const int off = 0;
	struct icmp6_filter filter;
	int fd;

	fd = rawsock_open(IPPROTO_ICMPV6, NULL,
			  RAWSOCK_PKTINFO | RAWSOCK_HOPLIMIT);
	if (fd < 0)
		return fd;
	dad->rx_fd = fd;
	ICMP6_FILTER_SETBLOCKALL(&filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_NEIGHBOR_SOLICIT, &filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_NEIGHBOR_ADVERT, &filter);
	if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter,
		       sizeof(filter)) < 0)
		return -errno;
	/* IPPROTO_RAW: the header is ours (IPV6_HDRINCL). */
	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    IPPROTO_RAW);
	if (fd < 0)
		return -errno;
	dad->tx_fd = fd;
	/* Our probes are not another node's. */
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &off,
		       sizeof(off)) < 0)
		return -errno;
	return 0;
}

static struct dad *dad_new(struct loop *loop, const char *ifname,
			   dad_done_fn done, void *arg)
{
	struct dad *dad = calloc(1, sizeof(*dad));

	if (!dad)
		return NULL;
	dad->loop = loop;
	snprintf(dad->ifname, sizeof(dad->ifname), "%s", ifname);
	dad->done = done;
	dad->arg = arg;
	dad->rx_fd = dad->tx_fd = -1;
	return dad;
}

int dad_open(struct loop *loop, const char *ifname, dad_done_fn done,
	     void *arg, struct dad **out)
{
	struct dad *dad = dad_new(loop, ifname, done, arg);
	int ret;

	if (!dad)
		return -ENOMEM;
	dad->ops = &socket_ops;
	dad->ops_ctx = dad;
	ret = open_sockets(dad);
	if (!ret) {
		dad->io = loop_io_add(loop, dad->rx_fd, LOOP_READ, readable, dad);
		if (!dad->io)
			ret = -ENOMEM;
	}
	if (ret) {
		log_err("dad: cannot open the sockets: %s", strerror(-ret));
		dad_close(dad);
		return ret;
	}
	*out = dad;
	return 0;
}

int dad_open_ops(struct loop *loop, const char *ifname,
		 const struct dad_ops *ops, void *ctx, dad_done_fn done,
		 void *arg, struct dad **out)
{
	struct dad *dad = dad_new(loop, ifname, done, arg);

	if (!dad)
		return -ENOMEM;
	dad->ops = ops;
	dad->ops_ctx = ctx;
	*out = dad;
	return 0;
}

void dad_close(struct dad *dad)
{
	if (!dad)
		return;
	while (dad->checks)
		check_free(dad->checks);
	loop_io_del(dad->io);
	if (dad->rx_fd >= 0)
		close(dad->rx_fd);
	if (dad->tx_fd >= 0)
		close(dad->tx_fd);
	free(dad);
}
