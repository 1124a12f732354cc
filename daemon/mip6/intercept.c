// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interception on the home link (intercept.h).
 *
 * Linux answers a Neighbor Solicitation for a proxy entry's address only
 * when the interface forwards and has proxy_ndp (net/ipv6/ndisc.c), and
 * then also defends the address against other nodes' Duplicate Address
 * Detection. A proxy entry added with NLM_F_CREATE overwrites the flags
 * and protocol of one already there, so each change first asks for the
 * single entry: one with another protocol is someone else's and left
 * alone, neither claimed nor removed.
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
#include <sys/socket.h>
#include <unistd.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/dhad.h"
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
	struct nlsock route;		/* NETLINK_ROUTE, requests */
	int icmp_fd;			/* raw ICMPv6, sending only */
	uint32_t retrans_ms;
	uint8_t lladdr[ETHER_ADDR_LEN];
	size_t lladdr_len;		/* 0: the link has none */
	struct na_burst *head, *tail;	/* in due order */
	struct loop_timer timer;
	struct loop_timer reconcile_timer;	/* the first, once started */
};

/* ---- pure helpers ---- */

void intercept_link_local(const struct in6_addr *hoa, struct in6_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr[0] = 0xfe;
	out->s6_addr[1] = 0x80;
	memcpy(&out->s6_addr[8], &hoa->s6_addr[8], 8);
}

struct nl_msg *intercept_neigh_msg(int type, uint32_t ifindex,
				   const struct in6_addr *addr)
{
	struct ndmsg ndm = {
		.ndm_family = AF_INET6,
		.ndm_ifindex = (int)ifindex,
		.ndm_flags = NTF_PROXY,
	};
	int flags = 0;
	struct nl_msg *msg;

	if (type == RTM_NEWNEIGH) {
		ndm.ndm_state = NUD_PERMANENT;
		flags = NLM_F_CREATE | NLM_F_REPLACE;
	}
	msg = nlmsg_alloc_simple(type, flags);
	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ndm, sizeof(ndm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, NDA_DST, sizeof(*addr), addr) < 0 ||
	    (type == RTM_NEWNEIGH &&
	     nla_put_u8(msg, NDA_PROTOCOL, INTERCEPT_PROTOCOL) < 0)) {
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

/* ---- rtnetlink ---- */

typedef int (*neigh_fn)(const struct intercept_neigh *neigh, void *arg);

struct neigh_reply {
	neigh_fn fn;
	void *arg;
};

/* Each proxy entry of a get or dump goes to the caller's function. */
static int neigh_reply(const struct nlmsghdr *nlh, void *arg)
{
	const struct neigh_reply *reply = arg;
	struct intercept_neigh neigh;

	if (intercept_parse_neigh(nlh, nlh->nlmsg_len, &neigh))
		return 0;
	return reply->fn(&neigh, reply->arg);
}

/* Sends msg (freeing it), handing each proxy entry in the answer to fn. */
static int transact(struct intercept *ic, struct nl_msg *msg, neigh_fn fn,
		    void *arg)
{
	struct neigh_reply reply = { fn, arg };

	return nlsock_request_msg(&ic->route, msg, fn ? neigh_reply : NULL,
				  &reply);
}

static int neigh_request(struct intercept *ic, int type,
			 const struct in6_addr *addr, neigh_fn fn, void *arg)
{
	struct nl_msg *msg = intercept_neigh_msg(type, ic->ifindex, addr);

	if (!msg)
		return -ENOMEM;
	return transact(ic, msg, fn, arg);
}

static int take_protocol(const struct intercept_neigh *neigh, void *arg)
{
	*(int *)arg = neigh->protocol;
	return 0;
}

/* The protocol of addr's proxy entry on the home link; -ENOENT if none. */
static int proxy_owner(struct intercept *ic, const struct in6_addr *addr)
{
	int protocol = -ENOENT;
	int ret = neigh_request(ic, RTM_GETNEIGH, addr, take_protocol,
				&protocol);

	return ret ? ret : protocol;
}

static const char *home_link(const struct intercept *ic)
{
	return ic->config->home.home_link;
}

/* Adds dhad's proxy entry for addr unless there is one: true if added. */
static bool proxy_ensure(struct intercept *ic, const struct in6_addr *addr)
{
	char text[INET6_ADDRSTRLEN];
	int ret = proxy_owner(ic, addr);

	if (ret >= 0) {
		if (ret != INTERCEPT_PROTOCOL)
			log_debug("proxy %s dev %s: there is one of protocol %d already; left alone",
				  addr_format(addr, text), home_link(ic), ret);
		return false;
	}
	if (ret == -ENOENT)
		ret = neigh_request(ic, RTM_NEWNEIGH, addr, NULL, NULL);
	if (ret) {
		log_err("cannot add proxy %s dev %s: %s%s%s",
			addr_format(addr, text), home_link(ic), strerror(-ret),
			nlsock_extack_sep(&ic->route), ic->route.extack);
		return false;
	}
	return true;
}

/* Removes addr's proxy entry if it is dhad's. */
static void proxy_release(struct intercept *ic, const struct in6_addr *addr)
{
	char text[INET6_ADDRSTRLEN];
	int ret = proxy_owner(ic, addr);

	if (ret == -ENOENT || (ret >= 0 && ret != INTERCEPT_PROTOCOL))
		return;
	if (ret >= 0)
		ret = neigh_request(ic, RTM_DELNEIGH, addr, NULL, NULL);
	if (ret && ret != -ENOENT)
		log_err("cannot remove proxy %s dev %s: %s%s%s",
			addr_format(addr, text), home_link(ic), strerror(-ret),
			nlsock_extack_sep(&ic->route), ic->route.extack);
}

/*
 * Whether a binding other than except's has the interface identifier of
 * the link-local address ll, under one of the home prefixes: its
 * link-local proxy entry is shared then. except may be NULL.
 */
static bool link_local_in_use(struct intercept *ic, const struct in6_addr *ll,
			      const struct in6_addr *except)
{
	const struct dhad_home *home = &ic->config->home;
	unsigned int i;

	for (i = 0; i < home->prefix_count; i++) {
		struct in6_addr candidate = home->prefixes[i].address;

		if (home->prefixes[i].length > 64)
			continue;
		memcpy(&candidate.s6_addr[8], &ll->s6_addr[8], 8);
		if (except && !memcmp(&candidate, except, sizeof(candidate)))
			continue;
		if (cache_lookup(&ic->dhad->cache, &candidate))
			return true;
	}
	return false;
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

void intercept_binding_set(struct intercept *ic, const struct in6_addr *hoa,
			   uint16_t flags, bool created)
{
	struct in6_addr ll;

	if (!ic)
		return;
	if (created)
		read_lladdr(ic);
	if (proxy_ensure(ic, hoa) || created)
		burst_start(ic, hoa, false);
	intercept_link_local(hoa, &ll);
	if (flags & CACHE_FLAG_LINK_LOCAL) {
		if (proxy_ensure(ic, &ll) || created)
			burst_start(ic, &ll, false);
	} else if (!created && !link_local_in_use(ic, &ll, hoa)) {
		/* A renewal without L of a binding that had it. */
		burst_cancel(ic, &ll);
		proxy_release(ic, &ll);
	}
}

void intercept_binding_gone(struct intercept *ic, const struct in6_addr *hoa)
{
	struct in6_addr ll;

	if (!ic)
		return;
	burst_cancel(ic, hoa);
	proxy_release(ic, hoa);
	/* L is not known for restored bindings: try the link-local always. */
	intercept_link_local(hoa, &ll);
	if (!link_local_in_use(ic, &ll, hoa)) {
		burst_cancel(ic, &ll);
		proxy_release(ic, &ll);
	}
}

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

static int sysctl_write(const char *ifname, const char *key, const char *value)
{
	char path[128];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/%s", ifname,
		 key);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static uint32_t retrans_ms(const char *ifname)
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

static int sysctls(struct intercept *ic)
{
	const char *ifname = home_link(ic);
	int ret;

	ret = sysctl_read("all", "proxy_ndp");
	if (ret <= 0)
		ret = sysctl_read(ifname, "proxy_ndp");
	if (ret == 0) {
		ret = sysctl_write(ifname, "proxy_ndp", "1");
		if (ret) {
			log_err("cannot set net.ipv6.conf.%s.proxy_ndp to 1: %s",
				ifname, strerror(-ret));
			return ret;
		}
		log_notice("set net.ipv6.conf.%s.proxy_ndp to 1", ifname);
	} else if (ret < 0) {
		log_err("cannot read net.ipv6.conf.%s.proxy_ndp: %s", ifname,
			strerror(-ret));
		return ret;
	}
	if (sysctl_read(ifname, "forwarding") == 0)
		log_err("net.ipv6.conf.%s.forwarding is 0: Linux answers no Neighbor Solicitation for a proxied home address on %s and forwards nothing into %s; set it to 1",
			ifname, ifname, ic->config->home.device);
	ic->retrans_ms = retrans_ms(ifname);
	return 0;
}

/* dhad's proxy entries on the home link, from the dump. */
struct own_list {
	uint32_t ifindex;
	struct in6_addr *addrs;
	size_t count, capacity;
};

static int collect_own(const struct intercept_neigh *neigh, void *arg)
{
	struct own_list *list = arg;

	if (neigh->ifindex != list->ifindex ||
	    neigh->protocol != INTERCEPT_PROTOCOL)
		return 0;
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? 2 * list->capacity : 64;
		struct in6_addr *addrs = realloc(list->addrs,
						 capacity * sizeof(*addrs));

		if (!addrs)
			return -ENOMEM;
		list->addrs = addrs;
		list->capacity = capacity;
	}
	list->addrs[list->count++] = neigh->address;
	return 0;
}

static int addr_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct in6_addr));
}

struct reconcile {
	struct intercept *ic;
	const struct own_list *own;
	size_t added;
};

/*
 * A binding in force here without its proxy entry in the dump gets one;
 * a synchronized copy is the pacer's to commit (reliability/pacer.h).
 */
static int ensure_entry(struct cache_entry *entry, void *arg)
{
	struct reconcile *r = arg;

	if (entry->synced)
		return 0;
	if (r->own->count &&
	    bsearch(&entry->home_address, r->own->addrs, r->own->count,
		    sizeof(struct in6_addr), addr_cmp))
		return 0;
	if (proxy_ensure(r->ic, &entry->home_address)) {
		burst_start(r->ic, &entry->home_address, false);
		r->added++;
	}
	return 0;
}

/*
 * dhad's proxy entries on the home link against the cache. A home agent
 * that does not serve (a member of a redundant set before it is elected
 * active) claims no home address: it removes its entries and adds none.
 */
static int reconcile(struct intercept *ic)
{
	struct own_list own = { .ifindex = ic->ifindex };
	struct reconcile r = { .ic = ic, .own = &own };
	bool serving = dhad_serving(ic->dhad);
	struct ndmsg ndm = { .ndm_family = AF_INET6, .ndm_flags = NTF_PROXY };
	struct nl_msg *msg;
	size_t i, removed = 0;
	int ret;

	/* NTF_PROXY alone asks for the proxy table. */
	msg = nlmsg_alloc_simple(RTM_GETNEIGH, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &ndm, sizeof(ndm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	ret = transact(ic, msg, collect_own, &own);
	if (ret) {
		log_err("cannot dump the proxy neighbour entries: %s%s%s",
			strerror(-ret), nlsock_extack_sep(&ic->route),
			ic->route.extack);
		free(own.addrs);
		return ret;
	}
	for (i = 0; i < own.count; i++) {
		const struct in6_addr *a = &own.addrs[i];
		bool keep = serving && (IN6_IS_ADDR_LINKLOCAL(a) ?
			    link_local_in_use(ic, a, NULL) :
			    cache_lookup(&ic->dhad->cache, a) != NULL);

		if (keep)
			continue;
		proxy_release(ic, a);
		removed++;
	}
	if (own.count)	/* qsort() wants a real array even for none */
		qsort(own.addrs, own.count, sizeof(*own.addrs), addr_cmp);
	read_lladdr(ic);
	if (serving)
		cache_for_each(&ic->dhad->cache, ensure_entry, &r);
	if (own.count || r.added)
		log_notice("proxy entries on %s: %zu kept, %zu removed, %zu added",
			   home_link(ic), own.count - removed, removed, r.added);
	free(own.addrs);
	return 0;
}

static void reconcile_due(struct loop_timer *timer)
{
	reconcile(container_of(timer, struct intercept, reconcile_timer));
}

void intercept_serving_changed(struct intercept *ic)
{
	/* Serving now: what is in force here gets its entries. Stopping is
	 * the withdrawal pacer's, at its pace. */
	if (dhad_serving(ic->dhad))
		reconcile(ic);
}

/* ---- start and stop ---- */

static int icmp_socket(uint32_t ifindex)
{
	static const int hops = 255;	/* RFC 4861 7.1.2 */
	/*
	 * Our own advertisements need not come back: each looped copy
	 * costs the kernel a walk of the home link's multicast list, which
	 * holds a solicited-node group per proxy entry (O(bindings)).
	 */
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
	ic->route.fd = ic->icmp_fd = -1;
	timer_init(&ic->timer, burst_due);
	timer_init(&ic->reconcile_timer, reconcile_due);
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
	ret = sysctls(ic);
	if (ret)
		goto fail;
	/*
	 * From the loop, once every protocol has started: whether this home
	 * agent serves is known then, and a start that fails later has
	 * claimed nothing on the home link.
	 */
	loop_timer_start(ic->dhad->loop, &ic->reconcile_timer, 0);
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
	loop_timer_stop(ic->dhad->loop, &ic->reconcile_timer);
	while (ic->head) {
		struct na_burst *b = ic->head;

		ic->head = b->next;
		free(b);
	}
	if (ic->icmp_fd >= 0)
		close(ic->icmp_fd);
	nlsock_close(&ic->route);
	free(ic);
}
