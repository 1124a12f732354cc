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
 * option because of it. That policy replaces the host's for the
 * socket, ESP or not: whether a solicitation came through ESP, which
 * require-ipsec or the host's policies may ask for (RFC 6275 5.4), is
 * told by the witness (witness.h).
 */
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/xfrm.h>

#include "core/dhad.h"
#include "core/icmp.h"
#include "mip6/discovery.h"
#include "mip6/mip6.h"
#include "mip6/mobility.h"
#include "mip6/prefixadv.h"
#include "mip6/ra.h"
#include "mip6/witness.h"
#include "sys/ipsec.h"
#include "sys/local.h"
#include "sys/log.h"
#include "sys/ratelimit.h"
#include "wire/ipv6ext.h"

#define ND_HOP_LIMIT 255
/* Peers whose DHAAD Reply and Mobile Prefix Advertisement rates are tracked. */
#define DISCOVERY_RATELIMIT_PEERS 8192

/* The ICMPv6 types the home agent takes (core/icmp.h). */
static const uint8_t listened[] = {
	DHA_ICMP6_ROUTER_SOLICIT,
	DHA_ICMP6_ROUTER_ADVERT,
	DHA_ICMP6_DHAAD_REQUEST,
	DHA_ICMP6_MOBILE_PREFIX_SOLICIT,
};

struct discovery {
	struct mip6 *ha;
	struct dhad *dhad;
	unsigned int listening;		/* of listened[] */
	unsigned int ifindex;		/* the home link; 0: not found */
	unsigned int anycast_count;	/* joined on the home link */
	struct in6_addr anycast[CONFIG_PREFIXES_MAX];
	uint64_t rng;			/* DHAAD shuffles */
	struct ra *ra;
	struct witness *witness;	/* solicitations through ESP */
	/* DHAAD Replies and MPAs, per address they go to (ratelimit.h). */
	struct ratelimit answer_limit;
	uint64_t answers_rate_limited;
	uint64_t mps_unprotected;	/* discarded: not through ESP */
};

static const char *home_link(const struct discovery *d)
{
	return d->ha->config->home.home_link;
}

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
	if ((ra->flags & DHA_RA_FLAG_L) && ra->has_lb_info) {
		out->has_load = true;
		out->load.queue_size = ra->lb_info.queue_size;
		out->load.registered_mns = ra->lb_info.registered_mns;
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
	bool light;
	int16_t preference;
};

/* a ranks before b: LIGHT first, then higher preference. */
static bool ranks_before(const struct ranked *a, const struct ranked *b)
{
	if (a->light != b->light)
		return a->light;
	return a->preference > b->preference;
}

static bool ranks_equal(const struct ranked *a, const struct ranked *b)
{
	return a->light == b->light && a->preference == b->preference;
}

size_t discovery_dhaad_addresses(const struct mip6_config *config,
				 const struct halist *list, bool serving,
				 bool mobile_routers,
				 const struct dhad_load *load, uint64_t now_ms,
				 uint64_t *rng, struct in6_addr *out,
				 size_t max)
{
	bool balancing = load && load->active;
	struct ranked all[HALIST_MAX + 1], moved;
	const struct halist_entry *entry;
	size_t count = 0, i, j, run;

	if (serving && (!mobile_routers || config->mobile_routers)) {
		all[count].address = config->home.address;
		all[count].light = balancing &&
				   load_is_light(load, load->own.queue_size);
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
		if (addr_equal(&entry->address, &config->home.address))
			continue;
		for (j = 0; j < count; j++)
			if (addr_equal(&all[j].address, &entry->address))
				break;
		if (j < count)
			continue;
		all[count].address = entry->address;
		all[count].light = balancing &&
				   load_entry_light(load, entry, now_ms);
		all[count++].preference = entry->preference;
	}
	/* An insertion sort, the list is short. */
	for (i = 1; i < count; i++) {
		moved = all[i];
		for (j = i; j > 0 && ranks_before(&moved, &all[j - 1]); j--)
			all[j] = all[j - 1];
		all[j] = moved;
	}
	/* RFC 6275 10.5: equal preferences in a fresh random order. */
	for (i = 0; i < count; i += run) {
		for (run = 1; i + run < count &&
			      ranks_equal(&all[i + run], &all[i]);
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

int discovery_socket_policy(void *buf, size_t size, bool esp)
{
	struct xfrm_userpolicy_info pol = { 0 };
	struct xfrm_user_tmpl tmpl = { 0 };
	size_t len = (esp ? 2 : 1) * sizeof(tmpl);

	if (size < sizeof(pol) + len)
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
	tmpl.aalgos = ~0U;
	tmpl.ealgos = ~0U;
	tmpl.calgos = ~0U;
	memcpy(buf, &pol, sizeof(pol));
	buf = (char *)buf + sizeof(pol);
	/* As for a BU (Documentation/ipsec.md): ESP first, then hao. */
	if (esp) {
		tmpl.id.proto = IPPROTO_ESP;
		tmpl.mode = XFRM_MODE_TRANSPORT;
		memcpy(buf, &tmpl, sizeof(tmpl));
		buf = (char *)buf + sizeof(tmpl);
	}
	tmpl.id.proto = IPPROTO_DSTOPTS;		/* hao */
	tmpl.mode = XFRM_MODE_ROUTEOPTIMIZATION;
	tmpl.optional = 1;				/* level use */
	memcpy(buf, &tmpl, sizeof(tmpl));
	return (int)(sizeof(pol) + len);
}

/* ---- receiving ---- */

/*
 * Whether an answer to peer may go. A DHAAD Request comes from anyone
 * and a Mobile Prefix Solicitation unprotected names a binding anyone
 * may know: answering each would make a reflector, so they share the
 * Binding Errors' limits (error-rate, error-burst), in a table of their
 * own.
 */
static bool answer_allowed(struct discovery *d, const struct in6_addr *peer)
{
	const struct mip6_config *config = d->ha->config;
	char text[INET6_ADDRSTRLEN];

	if (ratelimit_allow(&d->answer_limit, peer, loop_now_ms(d->dhad->loop),
			    config->error_rate, config->error_burst))
		return true;
	d->answers_rate_limited++;
	log_debug("discovery: answer to %s not sent: rate limit",
		  addr_format(peer, text));
	return false;
}

/* rx discarded without effect (core/msgstats.h). */
static void dropped(struct discovery *d, const struct rawsock_rx *rx)
{
	icmp_dropped(d->dhad->icmp, rx->buf[0]);
}

/* Neighbor Discovery from the home link (RFC 4861 6.1.1, 6.1.2). */
static bool from_home_link(const struct discovery *d,
			   const struct rawsock_rx *rx)
{
	return d->ifindex && rx->ifindex == d->ifindex &&
	       rx->hop_limit == ND_HOP_LIMIT;
}

static void handle_ra(struct discovery *d, const struct rawsock_rx *rx)
{
	static struct dha_ra ra;
	struct halist *list = d->ha->halist;
	struct halist_entry *entry;
	struct discovery_ra_entry learnt;
	char ll[INET6_ADDRSTRLEN], ga[INET6_ADDRSTRLEN];
	int ret;

	if (!from_home_link(d, rx) || !IN6_IS_ADDR_LINKLOCAL(&rx->source)) {
		dropped(d, rx);
		return;
	}
	addr_format(&rx->source, ll);
	ret = dha_ra_parse(rx->buf, rx->len, &ra);
	if (ret) {
		log_debug("discovery: malformed RA from %s dropped: %s", ll,
			  strerror(-ret));
		dropped(d, rx);
		return;
	}
	/* This host's own, looped back (radvd beside dhad, or dhad). */
	if (local_address(&rx->source, rx->ifindex)) {
		dropped(d, rx);
		return;
	}
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
	/* A redundant set's member: its Hellos list it (or not). */
	if (halist_member_lists(list, &learnt.address)) {
		if (entry)
			halist_remove(list, &rx->source);
		return;
	}
	ret = halist_update(list, &rx->source, &learnt.address,
			    learnt.preference, learnt.lifetime,
			    learnt.mobile_routers);
	halist_set_load(list, &rx->source,
			learnt.has_load ? &learnt.load : NULL);
	addr_format(&learnt.address, ga);
	if (ret)
		log_warn("discovery: cannot list home agent %s (%s): %s", ga,
			 ll, strerror(-ret));
	else if (!entry)
		log_info("home agent %s (%s) preference %d lifetime %u s",
			 ga, ll, learnt.preference, learnt.lifetime);
}

static void handle_rs(struct discovery *d, const struct rawsock_rx *rx)
{
	char src[INET6_ADDRSTRLEN];
	struct dha_rs rs;

	if (!from_home_link(d, rx) || !ra_advertising(d->ra) ||
	    dha_rs_parse(rx->buf, rx->len, &rx->source, &rs)) {
		dropped(d, rx);
		return;
	}
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

static void handle_dhaad(struct discovery *d, const struct rawsock_rx *rx)
{
	static struct dha_dhaad_reply rep;
	const struct mip6_config *config = d->ha->config;
	struct dha_dhaad_request req;
	uint8_t pkt[DHA_IPV6_MIN_MTU];
	char src[INET6_ADDRSTRLEN];
	size_t out_len;
	int ret;

	addr_format(&rx->source, src);
	if (!is_anycast(d, &rx->destination) ||
	    !global_unicast(&rx->source) || rx->dstopts) {
		dropped(d, rx);
		return;
	}
	if (dha_dhaad_request_parse(rx->buf, rx->len, &req)) {
		log_debug("discovery: malformed DHAAD Request from %s dropped",
			  src);
		dropped(d, rx);
		return;
	}
	memset(&rep, 0, sizeof(rep));
	rep.id = req.id;
	rep.flags = req.flags & DHA_DHAAD_FLAG_R;
	rep.addr_count = discovery_dhaad_addresses(
		config, d->ha->halist, dhad_serving(d->dhad),
		req.flags & DHA_DHAAD_FLAG_R, &d->dhad->load,
		loop_now_ms(d->dhad->loop), &d->rng, rep.addrs,
		DHA_DHAAD_ADDRS_MAX);
	/*
	 * Nothing to offer (a standby that knows no active, or no agent
	 * for a mobile router): RFC 6275 10.5 makes the Reply a SHOULD,
	 * and an empty one would end the mobile node's search, where its
	 * retransmission (11.4.1) may find an agent that serves by then.
	 */
	if (!rep.addr_count) {
		log_debug("discovery: DHAAD Request %u from %s: no home agent serves; not answered",
			  req.id, src);
		dropped(d, rx);
		return;
	}
	if (!answer_allowed(d, &rx->source)) {
		dropped(d, rx);
		return;
	}
	ret = dha_dhaad_reply_build(pkt, sizeof(pkt), &rep, DHA_IPV6_MIN_MTU,
				    &out_len);
	if (!ret)
		ret = icmp_send(d->dhad->icmp, pkt, out_len,
				&config->home.address, &rx->source, 0, 0,
				NULL);
	if (ret)
		log_warn("discovery: DHAAD Reply to %s: %s", src,
			 strerror(-ret));
	else
		log_info("DHAAD Request %u from %s: %zu home agent%s", req.id,
			 src, (out_len - 8) / 16, out_len == 24 ? "" : "s");
}

int discovery_send_mpa(struct discovery *d, uint16_t id,
		       const struct in6_addr *source,
		       const struct in6_addr *home_address,
		       const struct in6_addr *care_of_address)
{
	static struct dha_mpa mpa;
	uint8_t pkt[DHA_IPV6_MIN_MTU];
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	size_t len;
	int ret;

	memset(&mpa, 0, sizeof(mpa));
	mpa.id = id;
	mpa.prefix_count = prefixadv_options(d->ha->config, mpa.prefixes);
	ret = dha_mpa_build(pkt, sizeof(pkt), &mpa, &len);
	if (!ret)
		ret = icmp_send(d->dhad->icmp, pkt, len, source, home_address,
				0, 0, care_of_address);
	if (ret)
		log_warn("discovery: Mobile Prefix Advertisement to %s via %s: %s",
			 addr_format(home_address, a),
			 addr_format(care_of_address, b), strerror(-ret));
	return ret;
}

/*
 * RFC 6275 10.6: from a registered mobile node only (9.3.1 drops a
 * Home Address option without a binding from that care-of address, and
 * answers with a Binding Error).
 */
static void handle_mps(struct discovery *d, const struct rawsock_rx *rx,
		       bool through_esp)
{
	struct dhad *dhad = d->dhad;
	const struct in6_addr *hoa = &rx->source;
	const struct cache_entry *entry;
	struct in6_addr coa;
	struct dha_mps mps;
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	addr_format(hoa, a);
	if (!rx->dstopts ||
	    dha_dstopts_find_hao(rx->dstopts, rx->dstopts_len, &coa)) {
		log_debug("discovery: Mobile Prefix Solicitation from %s without a Home Address option dropped",
			  a);
		dropped(d, rx);
		return;
	}
	addr_format(&coa, b);
	if (dha_mps_parse(rx->buf, rx->len, &mps)) {
		log_debug("discovery: malformed Mobile Prefix Solicitation from %s dropped",
			  a);
		dropped(d, rx);
		return;
	}
	/*
	 * RFC 6275 5.4, 11.4.1: protected as Binding Updates are. Discarded
	 * silently, as a BU (ipsec.md): before the binding is looked at, so
	 * that a solicitation in clear learns nothing of it.
	 */
	if (!through_esp &&
	    (d->ha->config->require_ipsec ||
	     ipsec_icmp_protected(dhad->ipsec, hoa, &rx->destination,
				  DHA_ICMP6_MOBILE_PREFIX_SOLICIT))) {
		d->mps_unprotected++;
		log_debug("discovery: Mobile Prefix Solicitation for %s from %s discarded: not protected by IPsec",
			  a, b);
		dropped(d, rx);
		return;
	}
	entry = cache_lookup(&dhad->cache, hoa);
	if (!entry || !addr_equal(&entry->care_of_address, &coa)) {
		log_info("Mobile Prefix Solicitation for %s from %s: no such binding; Binding Error 1",
			 a, b);
		if (!mobility_send_binding_error(d->ha->mobility,
						 &rx->destination, &coa, hoa,
						 DHA_BE_UNKNOWN_HAO_BINDING))
			dropped(d, rx);
		return;
	}
	/* RFC 6275 10.6.3: it acknowledges an unsolicited one as well. */
	prefixadv_acknowledge(d->ha->prefixadv, hoa);
	if (!answer_allowed(d, &coa)) {
		dropped(d, rx);
		return;
	}
	if (!discovery_send_mpa(d, mps.id, &rx->destination, hoa, &coa))
		log_info("Mobile Prefix Advertisement %u to %s via %s", mps.id,
			 a, b);
}

/* The home link rx arrived on; the first's when none is. */
static struct discovery *link_on(struct discovery *first,
				 const struct rawsock_rx *rx)
{
	const struct mip6 *ha = first->ha;
	unsigned int i;

	for (i = 0; i < ha->link_count; i++) {
		struct discovery *d = ha->links[i]->discovery;

		if (d && d->ifindex && d->ifindex == rx->ifindex)
			return d;
	}
	return first;
}

/* The home link whose prefix holds addr; the first's when none does. */
static struct discovery *link_of(struct discovery *first,
				 const struct in6_addr *addr)
{
	struct mip6 *link = mip6_link_of(first->ha, addr);

	return link && link->discovery ? link->discovery : first;
}

/* The first home link's socket: each message to the link it concerns. */
static void handle_datagram(void *arg, const struct rawsock_rx *rx)
{
	struct discovery *d = arg;

	switch (rx->buf[0]) {
	case DHA_ICMP6_ROUTER_ADVERT:
		handle_ra(link_on(d, rx), rx);
		break;
	case DHA_ICMP6_ROUTER_SOLICIT:
		handle_rs(link_on(d, rx), rx);
		break;
	case DHA_ICMP6_DHAAD_REQUEST:
		/* To the home agents anycast address of a home prefix. */
		handle_dhaad(link_of(d, &rx->destination), rx);
		break;
	case DHA_ICMP6_MOBILE_PREFIX_SOLICIT:
		/* Asked of each, in order (witness.h): the socket's. */
		handle_mps(link_of(d, &rx->source), rx,
			   witness_saw(d->witness, rx));
		break;
	}
}

/* ---- anycast ---- */

static bool anycast_join(struct discovery *d, const struct in6_addr *addr,
			 bool join)
{
	char text[INET6_ADDRSTRLEN];
	int ret = icmp_anycast(d->dhad->icmp, d->ifindex, addr, join);

	if (!ret) {
		log_debug("discovery: %s anycast %s on %s",
			  join ? "joined" : "left", addr_format(addr, text),
			  home_link(d));
		return true;
	}
	if (!join)
		return false;
	addr_format(addr, text);
	/* The kernel refuses to join an address the host has as unicast. */
	if (ret == -EINVAL && local_address(addr, 0)) {
		log_notice("discovery: %s is a unicast address of this host; DHAAD Requests to it are answered",
			   text);
		return true;
	}
	log_warn("discovery: cannot join the home agents anycast address %s on %s: %s%s",
		 text, home_link(d), strerror(-ret),
		 ret == -EADDRNOTAVAIL ?
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
	const struct dhad_home *home = &d->ha->config->home;
	struct in6_addr wanted, joined[CONFIG_PREFIXES_MAX];
	unsigned int count = 0, i, j;
	char text[PREFIX_STRLEN];

	if (!d->ifindex)
		return;
	for (i = 0; i < home->prefix_count; i++) {
		const struct dhad_prefix *p = &home->prefixes[i];

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

/*
 * The socket's policy, which lets a Home Address option through; the
 * witness's, which asks for ESP too. The witness after the socket
 * (witness.h).
 */
static int accept_hao(struct discovery *d)
{
	uint8_t policy[512];
	int len, ret;

	len = discovery_socket_policy(policy, sizeof(policy), false);
	ret = len < 0 ? len : icmp_set_policy(d->dhad->icmp, policy,
					      (size_t)len);
	if (ret) {
		log_err("discovery: cannot give the ICMPv6 socket its hao policy: %s",
			strerror(-ret));
		return ret;
	}
	len = discovery_socket_policy(policy, sizeof(policy), true);
	ret = len < 0 ? len : witness_open(policy, (size_t)len, &d->witness);
	if (ret)
		log_err("discovery: cannot open the socket of Mobile Prefix Solicitations through ESP: %s",
			strerror(-ret));
	return ret;
}

int discovery_open(struct mip6 *ha, struct discovery **out)
{
	struct discovery *d = calloc(1, sizeof(*d));
	int ret;

	if (!d) {
		log_err("out of memory");
		return -ENOMEM;
	}
	d->ha = ha;
	d->dhad = ha->dhad;
	ret = ratelimit_init(&d->answer_limit, DISCOVERY_RATELIMIT_PEERS);
	if (ret) {
		log_err("discovery: rate limits: %s", strerror(-ret));
		free(d);
		return ret;
	}
	if (getrandom(&d->rng, sizeof(d->rng), 0) != sizeof(d->rng) || !d->rng)
		d->rng = 0x9e3779b97f4a7c15ULL;
	/* The first home link's socket receives for the others. */
	ret = ha->first == ha ? accept_hao(d) : 0;
	for (; !ret && ha->first == ha && d->listening < sizeof(listened);
	     d->listening++)
		ret = icmp_listen(d->dhad->icmp, listened[d->listening],
				  handle_datagram, d);
	if (ret) {
		log_err("discovery: cannot listen to ICMPv6: %s",
			strerror(-ret));
		goto fail;
	}
	d->ifindex = if_nametoindex(home_link(d));
	if (!d->ifindex)
		log_warn("discovery: home link %s not found: no DHAAD, Router Advertisements or Home Agents List until dhad restarts",
			 home_link(d));
	anycast_update(d);
	if (d->ifindex) {
		d->ra = ra_new(ha, d->ifindex);
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
	unsigned int i;

	if (!d)
		return;
	ra_free(d->ra);
	for (i = 0; i < d->listening; i++)
		icmp_unlisten(d->dhad->icmp, listened[i]);
	for (i = 0; i < d->anycast_count; i++)
		anycast_join(d, &d->anycast[i], false);
	witness_close(d->witness);
	ratelimit_destroy(&d->answer_limit);
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

void discovery_serving_changed(struct discovery *d)
{
	if (d)
		ra_serving_changed(d->ra);
}

bool discovery_advertising(const struct discovery *d)
{
	return d && ra_advertising(d->ra);
}

uint64_t discovery_answers_rate_limited(const struct discovery *d)
{
	return d ? d->answers_rate_limited : 0;
}

uint64_t discovery_mps_unprotected(const struct discovery *d)
{
	return d ? d->mps_unprotected : 0;
}

size_t discovery_anycast(const struct discovery *d,
			 const struct in6_addr **addresses)
{
	*addresses = d ? d->anycast : NULL;
	return d ? d->anycast_count : 0;
}
