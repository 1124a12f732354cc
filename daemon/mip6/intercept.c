// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interception on the home link (intercept.h).
 *
 * The dha device intercepts (kmod/intercept.c, kmod/ndisc.c): dhad hands it
 * the home link and the home prefixes while it serves, and asks it to
 * announce each new binding. What remains here: removing what an older
 * dhad used instead (a proxy entry and a route per binding), and the
 * advertisements of the home agent's own addresses on a virtual switch.
 *
 * The kernel detaches the device when the home link is taken down; dhad
 * watches the link (RTNLGRP_LINK) and attaches it again when the link
 * comes back up while this home agent serves.
 *
 * Advertisements: every burst has the same count and spacing, so the
 * pending ones form a queue in the order they are due, driven by one
 * timer; a burst is freed after its last advertisement, and nothing of
 * it remains afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/dhad.h"
#include "mip6/binding.h"
#include "mip6/intercept.h"
#include "mip6/mip6.h"
#include "nlsock.h"
#include "sys/lladdr.h"
#include "sys/log.h"
#include "wire/ndisc.h"

#ifndef NDA_PROTOCOL
#define NDA_PROTOCOL 12
#endif

/* The advertisements still due for one address. */
struct na_burst {
	struct in6_addr target;
	bool router;			/* one of this home agent's addresses */
	unsigned int left;
	uint64_t due_ms;
	struct na_burst *next;
};

struct intercept {
	struct dhad *dhad;
	const struct mip6_config *config;
	uint32_t ifindex;		/* the home link */
	uint32_t device;		/* its dha device */
	struct nlsock route;		/* NETLINK_ROUTE, requests */
	struct nlsock links;		/* NETLINK_ROUTE, link events */
	struct loop_io *links_io;
	bool link_up;			/* administratively, as last seen */
	int icmp_fd;			/* raw ICMPv6, sending only */
	uint32_t retrans_ms;
	uint8_t lladdr[ETHER_ADDR_LEN];
	size_t lladdr_len;		/* 0: the link has none */
	struct na_burst *head, *tail;	/* in due order */
	struct loop_timer timer;
	struct loop_timer start_timer;	/* the first, once started */
};

/* ---- pure helpers ---- */

struct nl_msg *intercept_neigh_del_msg(uint32_t ifindex,
				       const struct in6_addr *addr)
{
	struct ndmsg ndm = {
		.ndm_family = AF_INET6,
		.ndm_ifindex = (int)ifindex,
		.ndm_flags = NTF_PROXY,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_DELNEIGH, 0);

	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ndm, sizeof(ndm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, NDA_DST, sizeof(*addr), addr) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int intercept_parse_neigh(const struct nlmsghdr *nlh, size_t len,
			  struct intercept_neigh *out)
{
	struct nlattr *tb[NDA_MAX + 1];
	struct ndmsg ndm;

	memset(out, 0, sizeof(*out));
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;
	if (nlh->nlmsg_type != RTM_NEWNEIGH)
		return -ENOMSG;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ndm)))
		return -EBADMSG;
	memcpy(&ndm, NLMSG_DATA(nlh), sizeof(ndm));
	if (ndm.ndm_family != AF_INET6 || !(ndm.ndm_flags & NTF_PROXY))
		return -ENOMSG;
	if (nlmsg_parse((struct nlmsghdr *)nlh, sizeof(ndm), tb, NDA_MAX,
			NULL) < 0 ||
	    !tb[NDA_DST] || nla_len(tb[NDA_DST]) != sizeof(out->address) ||
	    (tb[NDA_PROTOCOL] && nla_len(tb[NDA_PROTOCOL]) != 1))
		return -EBADMSG;
	out->ifindex = (uint32_t)ndm.ndm_ifindex;
	memcpy(&out->address, nla_data(tb[NDA_DST]), sizeof(out->address));
	if (tb[NDA_PROTOCOL])
		out->protocol = nla_get_u8(tb[NDA_PROTOCOL]);
	return 0;
}

int intercept_parse_route(const struct nlmsghdr *nlh, size_t len,
			  struct intercept_route *out)
{
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg rtm;

	memset(out, 0, sizeof(*out));
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;
	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return -ENOMSG;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(rtm)))
		return -EBADMSG;
	memcpy(&rtm, NLMSG_DATA(nlh), sizeof(rtm));
	if (rtm.rtm_family != AF_INET6)
		return -ENOMSG;
	if (nlmsg_parse((struct nlmsghdr *)nlh, sizeof(rtm), tb, RTA_MAX,
			NULL) < 0 ||
	    (tb[RTA_DST] && nla_len(tb[RTA_DST]) != sizeof(out->dst)) ||
	    (tb[RTA_OIF] && nla_len(tb[RTA_OIF]) != sizeof(uint32_t)) ||
	    (tb[RTA_TABLE] && nla_len(tb[RTA_TABLE]) != sizeof(uint32_t)))
		return -EBADMSG;
	if (tb[RTA_DST])
		memcpy(&out->dst, nla_data(tb[RTA_DST]), sizeof(out->dst));
	out->dst_len = rtm.rtm_dst_len;
	out->protocol = rtm.rtm_protocol;
	out->table = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : rtm.rtm_table;
	if (tb[RTA_OIF])
		out->oif = nla_get_u32(tb[RTA_OIF]);
	return 0;
}

int intercept_parse_link(const struct nlmsghdr *nlh, size_t len,
			 struct intercept_link *out)
{
	struct ifinfomsg ifi;

	memset(out, 0, sizeof(*out));
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return -ENOMSG;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ifi)))
		return -EBADMSG;
	memcpy(&ifi, NLMSG_DATA(nlh), sizeof(ifi));
	if (ifi.ifi_index <= 0)
		return -EBADMSG;
	out->ifindex = (uint32_t)ifi.ifi_index;
	out->gone = nlh->nlmsg_type == RTM_DELLINK;
	out->up = !out->gone && (ifi.ifi_flags & IFF_UP);
	return 0;
}

int intercept_na_build(uint8_t *buf, size_t cap, const struct in6_addr *target,
		       bool router, const uint8_t *lladdr, size_t lladdr_len,
		       size_t *out_len)
{
	struct dha_na na = { .target = *target };

	na.flags = DHA_NA_FLAG_O | (router ? DHA_NA_FLAG_R : 0);

	if (lladdr_len > sizeof(na.target_lladdr.addr))
		return -EINVAL;
	if (lladdr_len) {
		na.has_target_lladdr = true;
		na.target_lladdr.len = lladdr_len;
		memcpy(na.target_lladdr.addr, lladdr, lladdr_len);
	}
	return dha_na_build(buf, cap, &na, out_len);
}

static const char *home_link(const struct intercept *ic)
{
	return ic->config->home.home_link;
}

/* ---- what an older dhad left ---- */

/* Addresses to remove, gathered from a dump (no request fits inside one). */
struct addr_list {
	struct in6_addr *addrs;
	size_t count, capacity;
};

static int addr_list_add(struct addr_list *list, const struct in6_addr *addr)
{
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? 2 * list->capacity : 64;
		struct in6_addr *addrs = realloc(list->addrs,
						 capacity * sizeof(*addrs));

		if (!addrs)
			return -ENOMEM;
		list->addrs = addrs;
		list->capacity = capacity;
	}
	list->addrs[list->count++] = *addr;
	return 0;
}

struct legacy {
	struct intercept *ic;
	struct addr_list list;
};

static int collect_proxy(const struct nlmsghdr *nlh, void *arg)
{
	struct legacy *l = arg;
	struct intercept_neigh neigh;

	if (intercept_parse_neigh(nlh, nlh->nlmsg_len, &neigh) ||
	    neigh.ifindex != l->ic->ifindex ||
	    neigh.protocol != INTERCEPT_PROTOCOL)
		return 0;
	return addr_list_add(&l->list, &neigh.address);
}

static bool in_home_prefix(const struct intercept *ic,
			   const struct in6_addr *addr)
{
	const struct dhad_home *home = &ic->config->home;
	unsigned int i;

	for (i = 0; i < home->prefix_count; i++)
		if (prefix_contains(&home->prefixes[i], addr))
			return true;
	return false;
}

/* A binding's route as an older dhad added it: a static /128 into dha0. */
static int collect_route(const struct nlmsghdr *nlh, void *arg)
{
	struct legacy *l = arg;
	struct intercept_route route;

	if (intercept_parse_route(nlh, nlh->nlmsg_len, &route) ||
	    route.oif != l->ic->device || route.dst_len != 128 ||
	    route.protocol != RTPROT_STATIC || route.table != RT_TABLE_MAIN ||
	    !in_home_prefix(l->ic, &route.dst))
		return 0;
	return addr_list_add(&l->list, &route.dst);
}

static int dump(struct intercept *ic, int type, const void *hdr, size_t len,
		nlsock_msg_fn fn, struct legacy *l)
{
	struct nl_msg *msg = nlmsg_alloc_simple(type, NLM_F_DUMP);

	if (!msg || nlmsg_append(msg, (void *)hdr, len, NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nlsock_request_msg(&ic->route, msg, fn, l);
}

/*
 * An older dhad intercepted with a proxy entry (protocol 135) and a /128
 * route into the dha device per binding; the device does it now, and
 * those entries would only keep a solicited-node group each on the home
 * link. Removed once, at start.
 */
static void legacy_cleanup(struct intercept *ic)
{
	struct ndmsg ndm = { .ndm_family = AF_INET6, .ndm_flags = NTF_PROXY };
	struct rtmsg rtm = { .rtm_family = AF_INET6 };
	struct legacy l = { .ic = ic };
	size_t i, proxies = 0, routes = 0;
	union {
		struct nlmsghdr align;
		char buf[256];
	} req;
	int ret;

	/* NTF_PROXY alone asks for the proxy table. */
	ret = dump(ic, RTM_GETNEIGH, &ndm, sizeof(ndm), collect_proxy, &l);
	for (i = 0; !ret && i < l.list.count; i++) {
		struct nl_msg *msg = intercept_neigh_del_msg(ic->ifindex,
							     &l.list.addrs[i]);

		if (!msg) {
			ret = -ENOMEM;
			break;
		}
		if (!nlsock_request_msg(&ic->route, msg, NULL, NULL))
			proxies++;
	}
	l.list.count = 0;
	if (!ret)
		ret = dump(ic, RTM_GETROUTE, &rtm, sizeof(rtm), collect_route,
			   &l);
	for (i = 0; !ret && i < l.list.count; i++) {
		ret = binding_route_msg(req.buf, sizeof(req.buf), false, 0,
					&l.list.addrs[i], 128,
					ic->device);
		if (ret < 0)
			break;
		ret = 0;
		if (!nlsock_request(&ic->route, &req.align, NULL, NULL))
			routes++;
	}
	if (ret)
		log_err("cannot clean up the proxy entries and routes of an older dhad: %s%s%s",
			strerror(-ret), nlsock_extack_sep(&ic->route),
			ic->route.extack);
	if (proxies || routes)
		log_notice("removed %zu proxy entries on %s and %zu routes into %s left by an older dhad",
			   proxies, home_link(ic), routes,
			   ic->config->home.device);
	free(l.list.addrs);
}

/* ---- the device's home link ---- */

/*
 * Only a home agent that serves intercepts: a member of a redundant set
 * before it is elected active must not answer for the addresses, so the
 * device is attached to the home link only while this one serves.
 */
static void attach(struct intercept *ic)
{
	const struct dhad_home *home = &ic->config->home;
	bool serving = dhad_serving(ic->dhad);
	int ret;

	ret = kernel_set_home(&ic->dhad->kernel, ic->device,
			      serving ? ic->ifindex : 0, home->prefixes,
			      home->prefix_count);
	if (ret)
		log_err("kernel: cannot %s %s %s home link %s: %s%s%s",
			serving ? "attach" : "detach", home->device,
			serving ? "to" : "from", home_link(ic), strerror(-ret),
			nlsock_extack_sep(&ic->dhad->kernel.nl.sock),
			ic->dhad->kernel.nl.sock.extack);
	else
		log_info("%s %s home link %s", home->device,
			 serving ? "intercepts on" : "no longer intercepts on",
			 home_link(ic));
}

/* ---- advertisements ---- */

/* The home link's link-layer address, for the Target Link-layer option. */
static void read_lladdr(struct intercept *ic)
{
	int ret = lladdr_read(home_link(ic), ic->lladdr, &ic->lladdr_len);

	if (ret)
		log_warn("home link %s: cannot read its link-layer address: %s",
			 home_link(ic), strerror(-ret));
}

static void na_send(struct intercept *ic, const struct in6_addr *target,
		    bool router)
{
	struct sockaddr_in6 all_nodes = {
		.sin6_family = AF_INET6,
		.sin6_addr = { .s6_addr = { 0xff, 0x02, [15] = 1 } },
		.sin6_scope_id = ic->ifindex,
	};
	char text[INET6_ADDRSTRLEN];
	uint8_t buf[64];
	size_t len;

	if (intercept_na_build(buf, sizeof(buf), target, router, ic->lladdr,
			       ic->lladdr_len, &len))
		return;
	if (sendto(ic->icmp_fd, buf, len, 0, (struct sockaddr *)&all_nodes,
		   sizeof(all_nodes)) < 0)
		log_warn("Neighbor Advertisement for %s on %s: %s",
			 addr_format(target, text), home_link(ic),
			 strerror(errno));
}

static void burst_arm(struct intercept *ic)
{
	if (ic->head)
		loop_timer_start_at(ic->dhad->loop, &ic->timer,
				    ic->head->due_ms);
	else
		loop_timer_stop(ic->dhad->loop, &ic->timer);
}

static void burst_append(struct intercept *ic, struct na_burst *b)
{
	b->next = NULL;
	if (ic->tail)
		ic->tail->next = b;
	else
		ic->head = b;
	ic->tail = b;
}

static void burst_due(struct loop_timer *timer)
{
	struct intercept *ic = container_of(timer, struct intercept, timer);
	uint64_t now = loop_now_ms(ic->dhad->loop);

	while (ic->head && ic->head->due_ms <= now) {
		struct na_burst *b = ic->head;

		ic->head = b->next;
		if (!ic->head)
			ic->tail = NULL;
		na_send(ic, &b->target, b->router);
		if (--b->left) {
			/* now only grows: the queue stays in due order. */
			b->due_ms = now + ic->retrans_ms;
			burst_append(ic, b);
		} else {
			free(b);
		}
	}
	burst_arm(ic);
}

/* Sends the first advertisement now and queues the others. */
static void burst_start(struct intercept *ic, const struct in6_addr *target,
			bool router)
{
	struct na_burst *b;

	na_send(ic, target, router);
	b = calloc(1, sizeof(*b));
	if (!b) {
		log_err("out of memory");
		return;
	}
	b->target = *target;
	b->router = router;
	b->left = INTERCEPT_NA_COUNT - 1;
	b->due_ms = loop_now_ms(ic->dhad->loop) + ic->retrans_ms;
	burst_append(ic, b);
	if (ic->head == b)
		burst_arm(ic);
}

/*
 * Drops the pending advertisements of target. The queue only holds the
 * registrations of the last few RetransTimers, so a walk is cheap.
 */
static void burst_cancel(struct intercept *ic, const struct in6_addr *target)
{
	struct na_burst **p = &ic->head, *prev = NULL;

	while (*p) {
		struct na_burst *b = *p;

		if (memcmp(&b->target, target, sizeof(*target))) {
			prev = b;
			p = &b->next;
			continue;
		}
		*p = b->next;
		if (ic->tail == b)
			ic->tail = prev;
		free(b);
	}
	burst_arm(ic);
}

/* ---- the API ---- */

void intercept_announce(struct intercept *ic, const struct in6_addr *addr)
{
	if (!ic)
		return;
	read_lladdr(ic);
	burst_cancel(ic, addr);
	burst_start(ic, addr, true);
}

void intercept_announce_stop(struct intercept *ic,
			     const struct in6_addr *addr)
{
	if (ic)
		burst_cancel(ic, addr);
}

/* ---- start: sysctls, reconciliation ---- */

/* Reads an IPv6 sysctl of the home link: its value, or a negative errno. */
static int sysctl_read(const char *ifname, const char *key)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/%s", ifname,
		 key);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	return atoi(buf);
}

uint32_t intercept_retrans_ms(const char *ifname)
{
	char path[128], buf[32];
	ssize_t n;
	long ms;
	int fd;

	snprintf(path, sizeof(path),
		 "/proc/sys/net/ipv6/neigh/%s/retrans_time_ms", ifname);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return INTERCEPT_RETRANS_MS;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return INTERCEPT_RETRANS_MS;
	buf[n] = '\0';
	ms = atol(buf);
	return ms > 0 && ms < 60000 ? (uint32_t)ms : INTERCEPT_RETRANS_MS;
}

/* The device intercepts whatever forwarding is; mobile nodes' own packets
 * are forwarded by the stack, though. */
static void check_forwarding(struct intercept *ic)
{
	const char *ifname = home_link(ic);

	if (sysctl_read(ifname, "forwarding") == 0)
		log_err("net.ipv6.conf.%s.forwarding is 0: the packets mobile nodes send through %s go nowhere; set it to 1",
			ifname, ic->config->home.device);
	ic->retrans_ms = intercept_retrans_ms(ifname);
}

static void start_due(struct loop_timer *timer)
{
	struct intercept *ic = container_of(timer, struct intercept,
					    start_timer);

	legacy_cleanup(ic);
	attach(ic);
}

void intercept_serving_changed(struct intercept *ic)
{
	attach(ic);
}

/* ---- the home link's state ---- */

static bool link_is_up(struct intercept *ic)
{
	struct ifreq ifr = { 0 };

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", home_link(ic));
	/* Unknown: taken as up, as at start. */
	return ioctl(ic->icmp_fd, SIOCGIFFLAGS, &ifr) < 0 ||
	       (ifr.ifr_flags & IFF_UP);
}

static void link_changed(struct intercept *ic, const struct intercept_link *l)
{
	if (l->ifindex != ic->ifindex)
		return;
	if (l->gone) {
		log_err("home link %s was deleted: mobile nodes away from home are unreachable; restart dhad once it is back",
			home_link(ic));
		ic->link_up = false;
		return;
	}
	if (l->up == ic->link_up)
		return;
	ic->link_up = l->up;
	if (!l->up) {
		log_warn("home link %s is down: %s no longer intercepts there; mobile nodes away from home are unreachable until it is up",
			 home_link(ic), ic->config->home.device);
		return;
	}
	log_notice("home link %s is up again", home_link(ic));
	read_lladdr(ic);
	/* The kernel detached the device when the link went down. */
	if (dhad_serving(ic->dhad))
		attach(ic);
}

static int link_event(const struct nlmsghdr *nlh, void *arg)
{
	struct intercept_link l;

	if (!intercept_parse_link(nlh, nlh->nlmsg_len, &l))
		link_changed(arg, &l);
	return 0;
}

static void links_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct intercept *ic = arg;
	struct intercept_link now;
	int ret;

	(void)io;
	(void)fd;
	(void)events;
	for (;;) {
		ret = nlsock_read(&ic->links, MSG_DONTWAIT, -1, link_event, ic);
		if (ret == -EAGAIN || ret == -EWOULDBLOCK)
			return;
		if (ret == -ENOBUFS) {
			/* Events lost: the link's state now is what counts. */
			now = (struct intercept_link){
				.ifindex = ic->ifindex, .up = link_is_up(ic),
			};
			link_changed(ic, &now);
			continue;
		}
		if (ret) {
			log_err("rtnetlink: reading link events: %s",
				strerror(-ret));
			return;
		}
	}
}

static int links_open(struct intercept *ic)
{
	int ret = nlsock_open(&ic->links, NETLINK_ROUTE);

	if (!ret)
		ret = nlsock_join(&ic->links, RTNLGRP_LINK);
	if (!ret) {
		ic->links_io = loop_io_add(ic->dhad->loop, ic->links.fd,
					   LOOP_READ, links_io, ic);
		if (!ic->links_io)
			ret = -ENOMEM;
	}
	ic->link_up = link_is_up(ic);
	return ret;
}

/* ---- start and stop ---- */

static int icmp_socket(uint32_t ifindex)
{
	static const int hops = 255;	/* RFC 4861 7.1.2 */
	/* Our own advertisements need not come back. */
	static const int loop = 0;
	struct icmp6_filter none;
	int fd, err;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	ICMP6_FILTER_SETBLOCKALL(&none);
	if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &none,
		       sizeof(none)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
		       sizeof(hops)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop,
		       sizeof(loop)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex,
		       sizeof(ifindex)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

int intercept_open(struct mip6 *ha, struct intercept **out)
{
	struct intercept *ic = calloc(1, sizeof(*ic));
	int ret;

	if (!ic) {
		log_err("out of memory");
		return -ENOMEM;
	}
	ic->dhad = ha->dhad;
	ic->config = ha->config;
	ic->device = ha->device;
	ic->route.fd = ic->links.fd = ic->icmp_fd = -1;
	timer_init(&ic->timer, burst_due);
	timer_init(&ic->start_timer, start_due);
	ic->ifindex = if_nametoindex(home_link(ic));
	if (!ic->ifindex) {
		ret = -errno;
		log_err("home link %s: %s", home_link(ic), strerror(errno));
		goto fail;
	}
	ret = nlsock_open(&ic->route, NETLINK_ROUTE);
	if (ret) {
		log_err("rtnetlink: cannot open a socket: %s", strerror(-ret));
		goto fail;
	}
	ic->icmp_fd = icmp_socket(ic->ifindex);
	if (ic->icmp_fd < 0) {
		ret = ic->icmp_fd;
		log_err("cannot open a raw ICMPv6 socket on %s: %s",
			home_link(ic), strerror(-ret));
		goto fail;
	}
	ret = links_open(ic);
	if (ret) {
		log_err("rtnetlink: cannot watch the home link: %s",
			strerror(-ret));
		goto fail;
	}
	check_forwarding(ic);
	/*
	 * From the loop, once every protocol has started: whether this home
	 * agent serves is known then, and a start that fails later has
	 * claimed nothing on the home link.
	 */
	loop_timer_start(ic->dhad->loop, &ic->start_timer, 0);
	*out = ic;
	return 0;
fail:
	intercept_close(ic);
	return ret;
}

void intercept_close(struct intercept *ic)
{
	if (!ic)
		return;
	loop_timer_stop(ic->dhad->loop, &ic->timer);
	loop_timer_stop(ic->dhad->loop, &ic->start_timer);
	while (ic->head) {
		struct na_burst *b = ic->head;

		ic->head = b->next;
		free(b);
	}
	if (ic->links_io)
		loop_io_del(ic->links_io);
	nlsock_close(&ic->links);
	if (ic->icmp_fd >= 0)
		close(ic->icmp_fd);
	nlsock_close(&ic->route);
	free(ic);
}
