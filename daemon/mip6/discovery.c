// SPDX-License-Identifier: GPL-2.0-only
/*
 * Home agent discovery on the ICMPv6 socket. See discovery.h.
 *
 * Receiving: the ICMP6_FILTER passes Router Solicitations and
 * Advertisements, DHAAD Requests and Mobile Prefix Solicitations only.
 * Neighbor Discovery messages are taken from the home link with hop
 * limit 255 (RFC 4861 6.1); the kernel has verified the checksum of all
 * of them. A Mobile Prefix Solicitation arrives like a Binding Update:
 * the kernel swapped its Home Address option with the source, so the
 * socket's source is the home address and the option (IPV6_RECVDSTOPTS)
 * holds the care-of address. Linux drops such a packet at the socket
 * unless a policy whose template names hao matches it; the socket has
 * one of its own (IPV6_XFRM_POLICY), so that nothing else on the host,
 * the kernel's echo replies in particular, accepts a Home Address
 * option because of it.
 */
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/xfrm.h>

#include "core/dhad.h"
#include "mip6/discovery.h"
#include "sys/log.h"
#include "mip6/mobility.h"
#include "mip6/ra.h"
#include "wire/ipv6ext.h"

/* Datagrams handled per wakeup, so the loop stays responsive. */
#define DISCOVERY_BATCH 64
#define ND_HOP_LIMIT 255

struct discovery {
	struct dhad *dhad;
	int fd;				/* raw IPPROTO_ICMPV6 */
	struct loop_io *io;
	unsigned int ifindex;		/* the home link; 0: not found */
	unsigned int anycast_count;	/* joined on the home link */
	struct in6_addr anycast[CONFIG_PREFIXES_MAX];
	uint64_t rng;			/* DHAAD shuffles */
	struct ra *ra;
};

/* What the socket tells of one datagram. */
struct discovery_rx {
	struct in6_addr source;		/* the home address after a swap */
	struct in6_addr destination;
	unsigned int ifindex;
	int hop_limit;			/* -1: not reported */
	const uint8_t *dstopts;		/* NULL: none */
	size_t dstopts_len;
};

static bool addr_equal(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static bool global_unicast(const struct in6_addr *addr)
{
	return !IN6_IS_ADDR_UNSPECIFIED(addr) && !IN6_IS_ADDR_LOOPBACK(addr) &&
	       !IN6_IS_ADDR_MULTICAST(addr) && !IN6_IS_ADDR_LINKLOCAL(addr) &&
	       !IN6_IS_ADDR_V4MAPPED(addr);
}

/* ---- pure ---- */

enum discovery_ra_action discovery_ra_learn(const struct dha_ra *ra,
					    const struct in6_addr *known,
					    struct discovery_ra_entry *out)
{
	bool known_valid = known != NULL, found = false;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!(ra->flags & DHA_RA_FLAG_H))
		return DISCOVERY_RA_REMOVE;
	out->lifetime = ra->has_ha_info ? ra->ha_info.lifetime :
					  ra->router_lifetime;
	if (!out->lifetime)
		return DISCOVERY_RA_REMOVE;
	if (ra->has_ha_info) {
		out->preference = ra->ha_info.preference;
		out->mobile_routers = ra->ha_info.flags & DHA_HA_INFO_FLAG_R;
	}
	for (i = 0; i < ra->prefix_count; i++) {
		const struct dha_nd_prefix *p = &ra->prefixes[i];

		if (!(p->flags & DHA_PREFIX_FLAG_R) ||
		    !global_unicast(&p->prefix))
			continue;
		if (!p->valid_lifetime) {
			/* RFC 6275 10.1: gone with its prefix. */
			if (known && addr_equal(known, &p->prefix))
				known_valid = false;
			continue;
		}
		if (!found) {
			out->address = p->prefix;
			found = true;
		}
	}
	if (found)
		return DISCOVERY_RA_UPDATE;
	if (known_valid) {
		out->address = *known;
		return DISCOVERY_RA_UPDATE;
	}
	return known ? DISCOVERY_RA_REMOVE : DISCOVERY_RA_IGNORE;
}

static uint64_t xorshift64(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

struct ranked {
	struct in6_addr address;
	int16_t preference;
};

size_t discovery_dhaad_addresses(const struct dhad_config *config,
				 const struct halist *list,
				 bool mobile_routers, uint64_t *rng,
				 struct in6_addr *out, size_t max)
{
	struct ranked all[HALIST_MAX + 1], moved;
	const struct halist_entry *entry;
	size_t count = 0, i, j, run;

	if (!mobile_routers || config->mobile_routers) {
		all[count].address = config->address;
		all[count++].preference = config->preference;
	}
	for (entry = list->head; entry && count < HALIST_MAX + 1;
	     entry = entry->next) {
		if (mobile_routers && !entry->mobile_routers)
			continue;
		/*
		 * An address twice would weigh twice in the choice; and this
		 * agent's own, from another's advertisement, is a mistake.
		 */
		if (addr_equal(&entry->address, &config->address))
			continue;
		for (j = 0; j < count; j++)
			if (addr_equal(&all[j].address, &entry->address))
				break;
		if (j < count)
			continue;
		all[count].address = entry->address;
		all[count++].preference = entry->preference;
	}
	/* Highest preference first: an insertion sort, the list is short. */
	for (i = 1; i < count; i++) {
		moved = all[i];
		for (j = i; j > 0 && all[j - 1].preference < moved.preference;
		     j--)
			all[j] = all[j - 1];
		all[j] = moved;
	}
	/* RFC 6275 10.5: equal preferences in a fresh random order. */
	for (i = 0; i < count; i += run) {
		for (run = 1; i + run < count &&
			      all[i + run].preference == all[i].preference;
		     run++)
			;
		for (j = run - 1; j > 0; j--) {
			size_t k = (size_t)(xorshift64(rng) % (j + 1));

			moved = all[i + j];
			all[i + j] = all[i + k];
			all[i + k] = moved;
		}
	}
	for (i = 0; i < count && i < max; i++)
		out[i] = all[i].address;
	return i;
}

int discovery_socket_policy(void *buf, size_t size)
{
	struct xfrm_userpolicy_info pol = { 0 };
	struct xfrm_user_tmpl tmpl = { 0 };

	if (size < sizeof(pol) + sizeof(tmpl))
		return -ENOSPC;
	/* Every packet to the socket; the socket takes ICMPv6 only. */
	pol.sel.family = AF_INET6;
	pol.dir = XFRM_POLICY_IN;
	pol.action = XFRM_POLICY_ALLOW;
	pol.share = XFRM_SHARE_ANY;
	pol.lft.soft_byte_limit = XFRM_INF;
	pol.lft.hard_byte_limit = XFRM_INF;
	pol.lft.soft_packet_limit = XFRM_INF;
	pol.lft.hard_packet_limit = XFRM_INF;
	tmpl.family = AF_INET6;
	tmpl.id.proto = IPPROTO_DSTOPTS;		/* hao */
	tmpl.mode = XFRM_MODE_ROUTEOPTIMIZATION;
	tmpl.optional = 1;				/* level use */
	tmpl.aalgos = ~0U;
	tmpl.ealgos = ~0U;
	tmpl.calgos = ~0U;
	memcpy(buf, &pol, sizeof(pol));
	memcpy((char *)buf + sizeof(pol), &tmpl, sizeof(tmpl));
	return (int)(sizeof(pol) + sizeof(tmpl));
}

/* ---- sending ---- */

int discovery_icmp6_send(int fd, const uint8_t *msg, size_t len,
			 const struct in6_addr *src, const struct in6_addr *dst,
			 unsigned int ifindex, int hop_limit,
			 const struct in6_addr *rh2_addr)
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
	uint8_t rh2[DHA_RH2_LEN];
	size_t rh2_len = 0, used;
	struct cmsghdr *c;
	int ret;

	if (rh2_addr) {
		ret = dha_rh2_build(rh2, sizeof(rh2), DHA_IPPROTO_ICMPV6,
				    rh2_addr, &rh2_len);
		if (ret)
			return ret;
	}
	if (src)
		pi.ipi6_addr = *src;
	memset(&ctl, 0, sizeof(ctl));
	/* Laid out by hand: CMSG_FIRSTHDR() confuses -Warray-bounds. */
	c = &ctl.align;
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	used = CMSG_SPACE(sizeof(pi));
	if (hop_limit) {
		c = (struct cmsghdr *)(ctl.buf + used);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_HOPLIMIT;
		c->cmsg_len = CMSG_LEN(sizeof(hop_limit));
		memcpy(CMSG_DATA(c), &hop_limit, sizeof(hop_limit));
		used += CMSG_SPACE(sizeof(hop_limit));
	}
	if (rh2_addr) {
		c = (struct cmsghdr *)(ctl.buf + used);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_RTHDR;
		c->cmsg_len = CMSG_LEN(rh2_len);
		memcpy(CMSG_DATA(c), rh2, rh2_len);
		used += CMSG_SPACE(rh2_len);
	}
	hdr.msg_controllen = used;
	if (sendmsg(fd, &hdr, 0) < 0)
		return -errno;
	return 0;
}

/* ---- receiving ---- */

/* An address of this host (on ifindex, for a link-local one). */
static bool address_is_local(const struct in6_addr *addr, unsigned int ifindex)
{
	struct sockaddr_in6 sa = {
		.sin6_family = AF_INET6,
		.sin6_addr = *addr,
		.sin6_scope_id = IN6_IS_ADDR_LINKLOCAL(addr) ? ifindex : 0,
	};
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool local;

	if (fd < 0)
		return false;
	local = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
		errno == EADDRINUSE;
	close(fd);
	return local;
}

/* Neighbor Discovery from the home link (RFC 4861 6.1.1, 6.1.2). */
static bool from_home_link(const struct discovery *d,
			   const struct discovery_rx *rx)
{
	return d->ifindex && rx->ifindex == d->ifindex &&
	       rx->hop_limit == ND_HOP_LIMIT;
}

static void handle_ra(struct discovery *d, const uint8_t *buf, size_t len,
		      const struct discovery_rx *rx)
{
	static struct dha_ra ra;
	struct halist *list = &d->dhad->halist;
	struct halist_entry *entry;
	struct discovery_ra_entry learnt;
	char ll[INET6_ADDRSTRLEN], ga[INET6_ADDRSTRLEN];
	int ret;

	if (!from_home_link(d, rx) || !IN6_IS_ADDR_LINKLOCAL(&rx->source))
		return;
	addr_format(&rx->source, ll);
	ret = dha_ra_parse(buf, len, &ra);
	if (ret) {
		log_debug("discovery: malformed RA from %s dropped: %s", ll,
			  strerror(-ret));
		return;
	}
	/* This host's own, looped back (radvd beside dhad, or dhad). */
	if (address_is_local(&rx->source, rx->ifindex))
		return;
	entry = halist_lookup(list, &rx->source);
	switch (discovery_ra_learn(&ra, entry ? &entry->address : NULL,
				   &learnt)) {
	case DISCOVERY_RA_IGNORE:
		if (ra.flags & DHA_RA_FLAG_H)
			log_debug("discovery: RA with H from %s names no global address; ignored",
				  ll);
		return;
	case DISCOVERY_RA_REMOVE:
		if (entry) {
			log_info("home agent %s (%s) left the list",
				 addr_format(&entry->address, ga), ll);
			halist_remove(list, &rx->source);
		}
		return;
	case DISCOVERY_RA_UPDATE:
		break;
	}
	ret = halist_update(list, &rx->source, &learnt.address,
			    learnt.preference, learnt.lifetime,
			    learnt.mobile_routers);
	addr_format(&learnt.address, ga);
	if (ret)
		log_warn("discovery: cannot list home agent %s (%s): %s", ga,
			 ll, strerror(-ret));
	else if (!entry)
		log_info("home agent %s (%s) preference %d lifetime %u s",
			 ga, ll, learnt.preference, learnt.lifetime);
}

static void handle_rs(struct discovery *d, const uint8_t *buf, size_t len,
		      const struct discovery_rx *rx)
{
	char src[INET6_ADDRSTRLEN];
	struct dha_rs rs;

	if (!from_home_link(d, rx) || !ra_advertising(d->ra))
		return;
	if (dha_rs_parse(buf, len, &rx->source, &rs))
		return;
	log_debug("discovery: Router Solicitation from %s",
		  addr_format(&rx->source, src));
	ra_solicited(d->ra);
}

static bool is_anycast(const struct discovery *d, const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < d->anycast_count; i++)
		if (addr_equal(&d->anycast[i], addr))
			return true;
	return false;
}

static void handle_dhaad(struct discovery *d, const uint8_t *buf, size_t len,
			 const struct discovery_rx *rx)
{
	static struct dha_dhaad_reply rep;
	const struct dhad_config *config = &d->dhad->config;
	struct dha_dhaad_request req;
	uint8_t pkt[DHA_IPV6_MIN_MTU];
	char src[INET6_ADDRSTRLEN];
	size_t out_len;
	int ret;

	addr_format(&rx->source, src);
	if (!is_anycast(d, &rx->destination) ||
	    !global_unicast(&rx->source) || rx->dstopts)
		return;
	if (dha_dhaad_request_parse(buf, len, &req)) {
		log_debug("discovery: malformed DHAAD Request from %s dropped",
			  src);
		return;
	}
	memset(&rep, 0, sizeof(rep));
	rep.id = req.id;
	rep.flags = req.flags & DHA_DHAAD_FLAG_R;
	rep.addr_count = discovery_dhaad_addresses(
		config, &d->dhad->halist, req.flags & DHA_DHAAD_FLAG_R,
		&d->rng, rep.addrs, DHA_DHAAD_ADDRS_MAX);
	ret = dha_dhaad_reply_build(pkt, sizeof(pkt), &rep, DHA_IPV6_MIN_MTU,
				    &out_len);
	if (!ret)
		ret = discovery_icmp6_send(d->fd, pkt, out_len,
					   &config->address, &rx->source, 0,
					   0, NULL);
	if (ret)
		log_warn("discovery: DHAAD Reply to %s: %s", src,
			 strerror(-ret));
	else
		log_info("DHAAD Request %u from %s: %zu home agent%s", req.id,
			 src, (out_len - 8) / 16, out_len == 24 ? "" : "s");
}

/*
 * RFC 6275 10.6: from a registered mobile node only (9.3.1 drops a
 * Home Address option without a binding from that care-of address, and
 * answers with a Binding Error).
 */
static void handle_mps(struct discovery *d, const uint8_t *buf, size_t len,
		       const struct discovery_rx *rx)
{
	static struct dha_mpa mpa;
	struct dhad *dhad = d->dhad;
	const struct in6_addr *hoa = &rx->source;
	const struct cache_entry *entry;
	struct in6_addr coa;
	struct dha_mps mps;
	uint8_t pkt[DHA_IPV6_MIN_MTU];
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	size_t out_len;
	int ret;

	addr_format(hoa, a);
	if (!rx->dstopts ||
	    dha_dstopts_find_hao(rx->dstopts, rx->dstopts_len, &coa)) {
		log_debug("discovery: Mobile Prefix Solicitation from %s without a Home Address option dropped",
			  a);
		return;
	}
	addr_format(&coa, b);
	if (dha_mps_parse(buf, len, &mps)) {
		log_debug("discovery: malformed Mobile Prefix Solicitation from %s dropped",
			  a);
		return;
	}
	entry = cache_lookup(&dhad->cache, hoa);
	if (!entry || !addr_equal(&entry->care_of_address, &coa)) {
		log_info("Mobile Prefix Solicitation for %s from %s: no such binding; Binding Error 1",
			 a, b);
		mobility_send_binding_error(dhad, &rx->destination, &coa, hoa,
					    DHA_BE_UNKNOWN_HAO_BINDING);
		return;
	}
	memset(&mpa, 0, sizeof(mpa));
	mpa.id = mps.id;
	mpa.prefix_count = ra_prefix_options(&dhad->config, false,
					     mpa.prefixes);
	ret = dha_mpa_build(pkt, sizeof(pkt), &mpa, &out_len);
	if (!ret)
		ret = discovery_icmp6_send(d->fd, pkt, out_len,
					   &rx->destination, hoa, 0, 0, &coa);
	if (ret)
		log_warn("discovery: Mobile Prefix Advertisement to %s via %s: %s",
			 a, b, strerror(-ret));
	else
		log_info("Mobile Prefix Advertisement %u to %s via %s", mps.id,
			 a, b);
}

static void handle_datagram(struct discovery *d, const uint8_t *buf,
			    size_t len, const struct discovery_rx *rx)
{
	switch (buf[0]) {
	case DHA_ICMP6_ROUTER_ADVERT:
		handle_ra(d, buf, len, rx);
		break;
	case DHA_ICMP6_ROUTER_SOLICIT:
		handle_rs(d, buf, len, rx);
		break;
	case DHA_ICMP6_DHAAD_REQUEST:
		handle_dhaad(d, buf, len, rx);
		break;
	case DHA_ICMP6_MOBILE_PREFIX_SOLICIT:
		handle_mps(d, buf, len, rx);
		break;
	}
}

static void discovery_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct discovery *d = arg;
	int i;

	(void)io;
	(void)events;
	for (i = 0; i < DISCOVERY_BATCH; i++) {
		union {
			struct cmsghdr align;
			uint8_t buf[1024];
		} ctl;
		uint8_t buf[DHA_IPV6_MIN_MTU * 2];
		struct sockaddr_in6 from;
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr hdr = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = ctl.buf,
			.msg_controllen = sizeof(ctl.buf),
		};
		struct discovery_rx rx = { .hop_limit = -1 };
		bool have_dst = false;
		struct cmsghdr *c;
		ssize_t n;

		n = recvmsg(fd, &hdr, MSG_DONTWAIT);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR)
				log_warn("discovery: recvmsg: %s",
					 strerror(errno));
			return;
		}
		rx.source = from.sin6_addr;
		for (c = CMSG_FIRSTHDR(&hdr); c; c = CMSG_NXTHDR(&hdr, c)) {
			if (c->cmsg_level != IPPROTO_IPV6)
				continue;
			struct in6_pktinfo pi;

			if (c->cmsg_type == IPV6_PKTINFO &&
			    c->cmsg_len >= CMSG_LEN(sizeof(pi))) {

				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				rx.destination = pi.ipi6_addr;
				rx.ifindex = pi.ipi6_ifindex;
				have_dst = true;
			} else if (c->cmsg_type == IPV6_HOPLIMIT &&
				   c->cmsg_len >= CMSG_LEN(sizeof(int))) {
				memcpy(&rx.hop_limit, CMSG_DATA(c),
				       sizeof(rx.hop_limit));
			} else if (c->cmsg_type == IPV6_DSTOPTS) {
				rx.dstopts = CMSG_DATA(c);
				rx.dstopts_len = c->cmsg_len - CMSG_LEN(0);
			}
		}
		if (!have_dst || n < 1 ||
		    (hdr.msg_flags & (MSG_TRUNC | MSG_CTRUNC)))
			continue;
		handle_datagram(d, buf, (size_t)n, &rx);
	}
}

/* ---- anycast ---- */

static bool anycast_join(struct discovery *d, const struct in6_addr *addr,
			 bool join)
{
	struct ipv6_mreq mreq = {
		.ipv6mr_multiaddr = *addr,
		.ipv6mr_interface = d->ifindex,
	};
	char text[INET6_ADDRSTRLEN];

	if (setsockopt(d->fd, IPPROTO_IPV6,
		       join ? IPV6_JOIN_ANYCAST : IPV6_LEAVE_ANYCAST, &mreq,
		       sizeof(mreq)) == 0) {
		log_debug("discovery: %s anycast %s on %s",
			  join ? "joined" : "left", addr_format(addr, text),
			  d->dhad->config.home_link);
		return true;
	}
	if (!join)
		return false;
	addr_format(addr, text);
	/* The kernel refuses to join an address the host has as unicast. */
	if (errno == EINVAL && address_is_local(addr, 0)) {
		log_notice("discovery: %s is a unicast address of this host; DHAAD Requests to it are answered",
			   text);
		return true;
	}
	log_warn("discovery: cannot join the home agents anycast address %s on %s: %s%s",
		 text, d->dhad->config.home_link, strerror(errno),
		 errno == EADDRNOTAVAIL ?
			 " (the prefix is not on the link and forwarding is off)" :
			 "");
	return false;
}

/*
 * The memberships follow the configured prefixes. Only addresses joined
 * are kept, so that a reload retries the others.
 */
static void anycast_update(struct discovery *d)
{
	const struct dhad_config *config = &d->dhad->config;
	struct in6_addr wanted, joined[CONFIG_PREFIXES_MAX];
	unsigned int count = 0, i, j;
	char text[PREFIX_STRLEN];

	if (!d->ifindex)
		return;
	for (i = 0; i < config->prefix_count; i++) {
		const struct dhad_prefix *p = &config->prefixes[i];

		if (dha_ha_anycast(&p->address, p->length, &wanted)) {
			log_warn("discovery: prefix %s has no room for a home agents anycast address; DHAAD is not answered for it",
				 prefix_format(p, text));
			continue;
		}
		if (is_anycast(d, &wanted) || anycast_join(d, &wanted, true))
			joined[count++] = wanted;
	}
	for (i = 0; i < d->anycast_count; i++) {
		for (j = 0; j < count; j++)
			if (addr_equal(&d->anycast[i], &joined[j]))
				break;
		if (j == count)
			anycast_join(d, &d->anycast[i], false);
	}
	memcpy(d->anycast, joined, sizeof(joined[0]) * count);
	d->anycast_count = count;
}

/* ---- start and stop ---- */

static int icmp6_socket(void)
{
	static const int on = 1, off = 0;
	static const int opts[] = {
		IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT, IPV6_RECVDSTOPTS,
	};
	struct icmp6_filter filter;
	uint8_t policy[512];
	int fd, err, len;
	size_t i;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	ICMP6_FILTER_SETBLOCKALL(&filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_ROUTER_SOLICIT, &filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_ROUTER_ADVERT, &filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_DHAAD_REQUEST, &filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_MOBILE_PREFIX_SOLICIT, &filter);
	if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter,
		       sizeof(filter)) < 0)
		goto fail;
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (setsockopt(fd, IPPROTO_IPV6, opts[i], &on, sizeof(on)) < 0)
			goto fail;
	/* Our own advertisements are not for us. */
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &off,
		       sizeof(off)) < 0)
		goto fail;
	len = discovery_socket_policy(policy, sizeof(policy));
	if (len < 0 || setsockopt(fd, IPPROTO_IPV6, IPV6_XFRM_POLICY, policy,
				  (socklen_t)len) < 0) {
		err = len < 0 ? len : -errno;
		log_err("discovery: cannot give the ICMPv6 socket its hao policy: %s",
			strerror(-err));
		close(fd);
		return err;
	}
	return fd;
fail:
	err = -errno;
	close(fd);
	return err;
}

int discovery_open(struct dhad *dhad, struct discovery **out)
{
	struct discovery *d = calloc(1, sizeof(*d));
	int ret;

	if (!d) {
		log_err("out of memory");
		return -ENOMEM;
	}
	d->dhad = dhad;
	d->fd = -1;
	if (getrandom(&d->rng, sizeof(d->rng), 0) != sizeof(d->rng) || !d->rng)
		d->rng = 0x9e3779b97f4a7c15ULL;
	d->fd = icmp6_socket();
	if (d->fd < 0) {
		ret = d->fd;
		log_err("discovery: cannot open a raw ICMPv6 socket: %s",
			strerror(-ret));
		goto fail;
	}
	d->ifindex = if_nametoindex(dhad->config.home_link);
	if (!d->ifindex)
		log_warn("discovery: home link %s not found: no DHAAD, Router Advertisements or Home Agents List until dhad restarts",
			 dhad->config.home_link);
	anycast_update(d);
	d->io = loop_io_add(dhad->loop, d->fd, LOOP_READ, discovery_io, d);
	if (!d->io) {
		ret = -ENOMEM;
		log_err("out of memory");
		goto fail;
	}
	if (d->ifindex) {
		d->ra = ra_new(dhad, d->fd, d->ifindex);
		if (!d->ra) {
			ret = -ENOMEM;
			log_err("out of memory");
			goto fail;
		}
	}
	*out = d;
	return 0;
fail:
	discovery_close(d);
	return ret;
}

void discovery_close(struct discovery *d)
{
	if (!d)
		return;
	ra_free(d->ra);
	loop_io_del(d->io);
	/* Closing the socket leaves its anycast addresses. */
	if (d->fd >= 0)
		close(d->fd);
	free(d);
}

void discovery_reload(struct discovery *d)
{
	if (!d)
		return;
	anycast_update(d);
	if (d->ra)
		ra_reload(d->ra);
}

bool discovery_advertising(const struct discovery *d)
{
	return d && ra_advertising(d->ra);
}

size_t discovery_anycast(const struct discovery *d,
			 const struct in6_addr **addresses)
{
	*addresses = d ? d->anycast : NULL;
	return d ? d->anycast_count : 0;
}
