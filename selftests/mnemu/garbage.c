// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnemu garbage: a burst of malformed, truncated and oversized Mobility
 * Header and ICMPv6 messages toward a home agent, reproducible from a
 * seed, for the robustness scenario (selftests/scenarios/dhad-garbage.sh).
 *
 * Most messages start as well-formed ones from the wire builders and are
 * then damaged, so that they get past the kernel's own checks (MH
 * filter, Home Address option, checksums) often enough to reach the
 * daemon's parsers; some are damaged where only the kernel looks.  They
 * go out as whole IPv6 packets on an IPPROTO_RAW socket, so checksums,
 * destination options and hop limits are ours to choose.  Messages
 * longer than one packet go through the MH and ICMPv6 sockets instead
 * and are fragmented by the kernel.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "mnemu.h"
#include "socket.h"
#include "wire/csum.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"
#include "wire/ndisc.h"

#define IPV6_HDR_LEN		40
/* What an IPPROTO_RAW packet may hold: it is never fragmented. */
#define RAW_MAX			1280
#define OVERSIZED_MAX		4000
#define AVOID_MAX		16
#define ND_HOP_LIMIT		255

struct target {
	struct in6_addr addr;
	uint32_t scope_id;	/* for link-local multicast */
	struct in6_addr src;	/* what the kernel would pick */
};

enum { T_HA, T_ANYCAST, T_ALL_NODES, T_ALL_ROUTERS, T_SOLICITED, T_COUNT };

struct garbage {
	uint64_t rng;
	struct in6_addr prefix;		/* a /64 */
	struct in6_addr avoid[AVOID_MAX];
	unsigned int avoid_count;
	struct target targets[T_COUNT];
	bool link;			/* --dev: the link-local targets work */
	int raw_fd, mh_fd, icmp_fd;
	unsigned long mh, icmp, oversized, bad_checksum, with_hao;
	unsigned long refused;		/* by the sending kernel */
};

/* ---- seeded randomness (splitmix64) ---- */

static uint64_t rnd(struct garbage *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(struct garbage *g, uint32_t n)
{
	return n ? (uint32_t)(rnd(g) % n) : 0;
}

static bool chance(struct garbage *g, unsigned int percent)
{
	return below(g, 100) < percent;
}

static void rnd_bytes(struct garbage *g, uint8_t *p, size_t n)
{
	while (n--)
		*p++ = (uint8_t)rnd(g);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* ---- addresses ---- */

static bool avoided(const struct garbage *g, const struct in6_addr *a)
{
	unsigned int i;

	for (i = 0; i < g->avoid_count; i++)
		if (!memcmp(a, &g->avoid[i], sizeof(*a)))
			return true;
	/* Our own addresses: a binding for one would reroute our packets. */
	for (i = 0; i < T_COUNT; i++)
		if (!memcmp(a, &g->targets[i].src, sizeof(*a)))
			return true;
	return false;
}

/*
 * A home address, target or prefix: mostly inside the home prefix (a
 * few hundred of them, so some come back), else anywhere, else one of
 * the addresses no home address may be.  Never one of --avoid.
 */
static void rnd_addr(struct garbage *g, struct in6_addr *a)
{
	static const char *const odd[] = {
		"::", "::1", "fe80::1", "ff02::1", "ff05::2", "::ffff:192.0.2.1",
		"2001:db8::", "fec0::1", "64:ff9b::192.0.2.1", "100::1",
	};

	do {
		unsigned int pick = below(g, 100);

		*a = g->prefix;
		if (pick < 55) {
			a->s6_addr[14] = (uint8_t)(0x10 + below(g, 2));
			a->s6_addr[15] = (uint8_t)rnd(g);
		} else if (pick < 70) {
			rnd_bytes(g, &a->s6_addr[8], 8);
		} else if (pick < 85) {
			rnd_bytes(g, a->s6_addr, 16);
		} else if (pick < 90) {	/* the home agent's own */
			*a = g->targets[below(g, 2) ? T_HA : T_ANYCAST].addr;
		} else {
			inet_pton(AF_INET6, odd[below(g, sizeof(odd) / sizeof(odd[0]))], a);
		}
	} while (avoided(g, a));
}

/* The kernel's source for dst, by connecting a UDP socket there. */
static void source_for(struct target *t)
{
	struct sockaddr_in6 sa = {
		.sin6_family = AF_INET6, .sin6_addr = t->addr,
		.sin6_port = htons(9), .sin6_scope_id = t->scope_id,
	};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("UDP socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("no route to %s: %s", ntop(&t->addr), strerror(errno));
	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		die("getsockname: %s", strerror(errno));
	t->src = sa.sin6_addr;
	close(fd);
}

/* ---- Mobility Header messages ---- */

/* Random options after the fixed part: known types with right, wrong,
 * zero and overrunning lengths, padding, unknown types. */
static size_t option_soup(struct garbage *g, uint8_t *p, size_t cap)
{
	static const uint8_t types[] = {
		DHA_MHOPT_PAD1, DHA_MHOPT_PADN, DHA_MHOPT_REFRESH_ADVICE,
		DHA_MHOPT_ALT_COA, DHA_MHOPT_NONCE_INDICES, DHA_MHOPT_AUTH_DATA,
		DHA_MHOPT_MOBILE_NET_PREFIX, DHA_MHOPT_VENDOR, 7, 8, 200,
	};
	static const uint8_t right_len[] = {
		0, 4, DHA_MHOPT_REFRESH_ADVICE_LEN, DHA_MHOPT_ALT_COA_LEN,
		DHA_MHOPT_NONCE_INDICES_LEN, 12, DHA_MHOPT_MOBILE_NET_PREFIX_LEN,
		DHA_MHOPT_VENDOR_MIN_LEN + 3, 4, 8, 6,
	};
	size_t off = 0, n = 1 + below(g, 6);

	while (n-- && off + 2 <= cap) {
		unsigned int i = below(g, sizeof(types));
		size_t len;

		p[off] = types[i];
		if (types[i] == DHA_MHOPT_PAD1) {
			off++;
			continue;
		}
		switch (below(g, 5)) {
		case 0: len = 0; break;
		case 1: len = below(g, 256); break;		/* may overrun */
		case 2: len = right_len[i] + 1 + below(g, 3); break;
		default: len = right_len[i]; break;
		}
		p[off + 1] = (uint8_t)len;
		if (off + 2 + len > cap)
			len = cap - off - 2;
		rnd_bytes(g, p + off + 2, len);
		/* A Mobile Network Prefix with length 0, over 128, or a real one */
		if (types[i] == DHA_MHOPT_MOBILE_NET_PREFIX && len >= 2)
			p[off + 3] = (uint8_t)(chance(g, 50) ? 48 + below(g, 81) : rnd(g));
		off += 2 + len;
	}
	return off;
}

/* A well-formed message of a random MH type, options and all. */
static int mh_valid(struct garbage *g, uint8_t *p, size_t cap, size_t *len)
{
	static const uint8_t types[] = {
		DHA_MH_BU, DHA_MH_BU, DHA_MH_BU, DHA_MH_BU, DHA_MH_BA, DHA_MH_BE,
		DHA_MH_BRR, DHA_MH_HOTI, DHA_MH_COTI, DHA_MH_HOT, DHA_MH_COT,
		DHA_MH_HA_SWITCH, DHA_MH_EXPERIMENTAL,
	};
	static uint8_t data[256];
	struct dha_mh_msg m;
	struct dha_mh_options *o = &m.opts;
	size_t i;

	memset(&m, 0, sizeof(m));
	m.type = types[below(g, sizeof(types))];
	rnd_bytes(g, (uint8_t *)&m.u, sizeof(m.u));
	rnd_bytes(g, data, sizeof(data));
	switch (m.type) {
	case DHA_MH_BU:
		/* Mostly a home registration asking for an answer. */
		if (chance(g, 80))
			m.u.bu.flags |= DHA_BU_FLAG_A | DHA_BU_FLAG_H;
		if (chance(g, 50))
			m.u.bu.flags &= (uint16_t)~(DHA_BU_FLAG_P | DHA_BU_FLAG_K);
		o->has_alt_coa = chance(g, 20);
		rnd_addr(g, &o->alt_coa);
		o->has_nonce_indices = chance(g, 10);
		o->mnp_count = chance(g, 30) ? below(g, 5) : 0;
		for (i = 0; i < o->mnp_count; i++) {
			rnd_addr(g, &o->mnp[i].prefix);
			o->mnp[i].prefix_len = (uint8_t)below(g, 140);
		}
		o->vendor_count = chance(g, 10) ? 1 + below(g, 2) : 0;
		for (i = 0; i < o->vendor_count; i++) {
			o->vendor[i].data = data;
			o->vendor[i].data_len = below(g, 40);
		}
		o->has_auth_data = chance(g, 10);
		o->auth_data = data;
		o->auth_data_len = 12;
		break;
	case DHA_MH_HA_SWITCH:
		m.u.has.addr_count = below(g, 8);
		break;
	case DHA_MH_EXPERIMENTAL:
		m.u.exp.data = data;
		m.u.exp.len = 2 + 8 * below(g, 8);
		break;
	}
	return dha_mh_build(p, cap, &m, len);
}

/*
 * One damaged Mobility Header in p (capacity cap, at least 2048).
 * Returns its length.
 */
static size_t mh_garbage(struct garbage *g, uint8_t *p, size_t cap)
{
	size_t len = 0, i, n;

	switch (below(g, 10)) {
	case 0:		/* noise, often shorter than any header */
		len = below(g, chance(g, 50) ? 16 : 200);
		rnd_bytes(g, p, len);
		return len;
	case 1:		/* a BU: fixed part, then an option soup */
		rnd_bytes(g, p, 12);
		p[0] = DHA_MH_PAYLOAD_PROTO;
		p[2] = DHA_MH_BU;
		if (chance(g, 80))
			p[8] = (DHA_BU_FLAG_A | DHA_BU_FLAG_H) >> 8;
		len = 12 + option_soup(g, p + 12, 256);
		if (chance(g, 70))	/* padded to a whole Header Len */
			while (len % 8)
				p[len++] = 0;
		p[1] = (uint8_t)((len + 7) / 8 - 1);
		return len;
	case 2:		/* well-formed but for a random type number */
		if (mh_valid(g, p, cap, &len))
			return 0;
		p[2] = (uint8_t)rnd(g);
		return len;
	case 3:		/* Header Len saying more or less than there is */
		if (mh_valid(g, p, cap, &len))
			return 0;
		if (chance(g, 50))
			p[1] = (uint8_t)(p[1] + 1 + below(g, 4));
		else
			p[1]--;
		return len;
	case 4:		/* cut short, or trailing octets */
		if (mh_valid(g, p, cap, &len))
			return 0;
		if (chance(g, 50) && len > 1)
			return 1 + below(g, (uint32_t)len - 1);
		n = 1 + below(g, 40);
		rnd_bytes(g, p + len, n);
		return len + n;
	case 5:		/* a Payload Proto other than 59 */
		if (mh_valid(g, p, cap, &len))
			return 0;
		p[0] = (uint8_t)rnd(g);
		return len;
	case 6:		/* more Mobile Network Prefixes than anyone keeps */
		memset(p, 0, 12);
		p[0] = DHA_MH_PAYLOAD_PROTO;
		p[2] = DHA_MH_BU;
		put16(p + 8, DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_R);
		put16(p + 10, 100);
		len = 12;
		n = 33 + below(g, 60);
		for (i = 0; i < n && len + 24 <= RAW_MAX - 200; i++) {
			p[len++] = DHA_MHOPT_PADN;	/* to 8n+4 */
			p[len++] = 2;
			p[len++] = 0;
			p[len++] = 0;
			p[len++] = DHA_MHOPT_MOBILE_NET_PREFIX;
			p[len++] = DHA_MHOPT_MOBILE_NET_PREFIX_LEN;
			p[len++] = 0;
			p[len++] = 64;
			memcpy(p + len, &g->prefix, 16);
			p[len + 7] = (uint8_t)i;
			len += 16;
		}
		while (len % 8)
			p[len++] = 0;
		p[1] = (uint8_t)(len / 8 - 1);
		return len;
	default:	/* well-formed, then a few octets flipped */
		if (mh_valid(g, p, cap, &len))
			return 0;
		n = below(g, 4);
		for (i = 0; i < n && len > 6; i++)
			p[6 + below(g, (uint32_t)len - 6)] ^= (uint8_t)(1 + below(g, 255));
		return len;
	}
}

/* ---- ICMPv6 messages ---- */

static void rnd_prefix(struct garbage *g, struct dha_nd_prefix *p)
{
	rnd_addr(g, &p->prefix);
	p->prefix_len = (uint8_t)(chance(g, 70) ? 64 : rnd(g));
	p->flags = (uint8_t)rnd(g);
	p->valid_lifetime = (uint32_t)rnd(g);
	p->preferred_lifetime = (uint32_t)rnd(g);
}

/* A well-formed RS, RA, NS, NA, DHAAD, MPS or MPA message. */
static int icmp_valid(struct garbage *g, uint8_t *p, size_t cap, size_t *len)
{
	size_t i;

	switch (below(g, 9)) {
	case 0: {	/* Router Solicitation: no builder, it is that simple */
		memset(p, 0, 16);
		p[0] = DHA_ICMP6_ROUTER_SOLICIT;
		p[8] = DHA_NDOPT_SOURCE_LLADDR;
		p[9] = 1;
		rnd_bytes(g, p + 10, 6);
		*len = chance(g, 50) ? 16 : 8;
		return 0;
	}
	case 1:
	case 2: {
		struct dha_ra ra;

		memset(&ra, 0, sizeof(ra));
		ra.cur_hop_limit = (uint8_t)rnd(g);
		ra.flags = (uint8_t)rnd(g);
		ra.router_lifetime = (uint16_t)rnd(g);
		ra.has_source_lladdr = chance(g, 50);
		ra.source_lladdr.len = 6;
		ra.has_mtu = chance(g, 30);
		ra.mtu = (uint32_t)rnd(g);
		ra.has_adv_interval = chance(g, 30);
		ra.adv_interval = (uint32_t)rnd(g);
		ra.has_ha_info = chance(g, 60);
		ra.ha_info.preference = (int16_t)rnd(g);
		ra.ha_info.lifetime = (uint16_t)rnd(g);
		ra.has_lb_info = chance(g, 30);
		ra.lb_info.queue_size = (uint16_t)rnd(g);
		ra.prefix_count = below(g, 4);
		for (i = 0; i < ra.prefix_count; i++)
			rnd_prefix(g, &ra.prefixes[i]);
		return dha_ra_build(p, cap, &ra, len);
	}
	case 3: {
		struct dha_ns ns = { 0 };

		rnd_addr(g, &ns.target);
		ns.has_source_lladdr = chance(g, 50);
		ns.source_lladdr.len = 6;
		return dha_ns_build(p, cap, &ns, len);
	}
	case 4: {
		struct dha_na na = { 0 };

		rnd_addr(g, &na.target);
		na.flags = (uint8_t)rnd(g);
		na.has_target_lladdr = chance(g, 50);
		na.target_lladdr.len = 6;
		return dha_na_build(p, cap, &na, len);
	}
	case 5:
	case 6: {
		struct dha_dhaad_request req = {
			.id = (uint16_t)rnd(g), .flags = (uint8_t)rnd(g),
		};

		return dha_dhaad_request_build(p, cap, &req, len);
	}
	case 7: {
		struct dha_mps mps = { .id = (uint16_t)rnd(g) };

		return dha_mps_build(p, cap, &mps, len);
	}
	default: {
		static struct dha_mpa mpa;

		memset(&mpa, 0, sizeof(mpa));
		mpa.id = (uint16_t)rnd(g);
		mpa.prefix_count = below(g, 3);
		for (i = 0; i < mpa.prefix_count; i++)
			rnd_prefix(g, &mpa.prefixes[i]);
		return dha_mpa_build(p, cap, &mpa, len);
	}
	}
}

/* Random ND-style options: zero length, overrunning, unknown, known. */
static size_t nd_option_soup(struct garbage *g, uint8_t *p, size_t cap)
{
	static const uint8_t types[] = {
		DHA_NDOPT_SOURCE_LLADDR, DHA_NDOPT_TARGET_LLADDR,
		DHA_NDOPT_PREFIX_INFO, DHA_NDOPT_MTU, DHA_NDOPT_ADV_INTERVAL,
		DHA_NDOPT_HA_INFO, DHA_NDOPT_LB_INFO, 0, 42, 255,
	};
	size_t off = 0, n = 1 + below(g, 5);

	while (n-- && off + 8 <= cap) {
		size_t units = below(g, 4), room = (cap - off) / 8;

		p[off] = types[below(g, sizeof(types))];
		p[off + 1] = (uint8_t)(chance(g, 20) ? rnd(g) : units);
		if (units == 0)
			units = 1;
		if (units > room)
			units = room;
		rnd_bytes(g, p + off + 2, units * 8 - 2);
		off += units * 8;
	}
	return off;
}

/* One damaged ICMPv6 message in p; returns its length. */
static size_t icmp_garbage(struct garbage *g, uint8_t *p, size_t cap)
{
	size_t len = 0, i, n;

	if (icmp_valid(g, p, cap, &len))
		return 0;
	switch (below(g, 7)) {
	case 0:		/* cut short, down to nothing */
		return below(g, (uint32_t)len);
	case 1:		/* an option soup after the fixed part */
		n = len < 24 ? len : 8 + 8 * below(g, 3);
		return n + nd_option_soup(g, p + n, 512);
	case 2:		/* another code */
		p[1] = (uint8_t)(1 + below(g, 255));
		return len;
	case 3:		/* trailing octets that are no option */
		n = 1 + below(g, 7);
		rnd_bytes(g, p + len, n);
		return len + n;
	case 4:		/* a random type number */
		p[0] = (uint8_t)rnd(g);
		return len;
	default:	/* flipped octets */
		n = 1 + below(g, 4);
		for (i = 0; i < n && len > 4; i++)
			p[4 + below(g, (uint32_t)len - 4)] ^= (uint8_t)(1 + below(g, 255));
		return len;
	}
}

/* ---- packets ---- */

/*
 * A destination options header with a Home Address option, usually as
 * a mobile node sends it, sometimes with other options around it or
 * damaged where the receiving kernel has to notice.
 */
static size_t dstopts(struct garbage *g, uint8_t *p, uint8_t next,
		      const struct in6_addr *hoa)
{
	size_t len, off, i;

	if (chance(g, 80)) {
		dha_dstopts_build_hao(p, DHA_DSTOPTS_HAO_LEN, next, hoa, &len);
		return len;
	}
	p[0] = next;
	off = 2;
	if (chance(g, 50)) {	/* an unknown option to skip (action 00) */
		p[off] = 0x1e;
		p[off + 1] = (uint8_t)below(g, 6);
		rnd_bytes(g, p + off + 2, p[off + 1]);
		off += 2 + p[off + 1];
	}
	for (i = 0; i < (chance(g, 20) ? 2u : 1u); i++) {
		while (off % 8 != 6)	/* the option's alignment, 8n+6 */
			p[off++] = DHA_DSTOPT_PAD1;
		p[off] = DHA_DSTOPT_HOME_ADDRESS;
		p[off + 1] = chance(g, 80) ? DHA_DSTOPT_HOME_ADDRESS_LEN :
					     (uint8_t)below(g, 24);
		memcpy(p + off + 2, hoa, 16);
		off += 2 + 16;
	}
	while (off % 8)
		p[off++] = DHA_DSTOPT_PAD1;
	p[1] = (uint8_t)(off / 8 - 1);
	if (chance(g, 20))
		p[1 + below(g, (uint32_t)off - 1)] ^= (uint8_t)(1 + below(g, 255));
	return off;
}

static void send_raw(struct garbage *g, const struct target *t,
		     const uint8_t *pkt, size_t len)
{
	struct sockaddr_in6 to = {
		.sin6_family = AF_INET6, .sin6_addr = t->addr,
		.sin6_scope_id = t->scope_id,
	};

	if (sendto(g->raw_fd, pkt, len, 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0) {
		if (errno == EBADF || errno == EPERM || errno == EACCES)
			die("sending on the raw socket: %s", strerror(errno));
		g->refused++;
	}
}

/*
 * One message of next header proto (MH or ICMPv6) in a whole IPv6
 * packet to t: a Home Address option half of the time, the checksum
 * right most of the time (over the home address when there is one, as
 * the receiver checks it after swapping).
 */
static void send_packet(struct garbage *g, const struct target *t,
			uint8_t proto, uint8_t *msg, size_t msg_len)
{
	static uint8_t pkt[RAW_MAX];
	size_t off = IPV6_HDR_LEN, csum_at;
	struct in6_addr hoa;
	const struct in6_addr *pseudo_src = &t->src;
	bool hao = chance(g, 50);
	uint16_t sum;

	if (hao) {
		rnd_addr(g, &hoa);
		off += dstopts(g, pkt + off, proto, &hoa);
		pseudo_src = &hoa;
		g->with_hao++;
	}
	if (off + msg_len > sizeof(pkt))
		msg_len = sizeof(pkt) - off;
	csum_at = proto == DHA_IPPROTO_MH ? DHA_MH_CHECKSUM_OFFSET :
					    DHA_ICMP6_CHECKSUM_OFFSET;
	if (msg_len >= csum_at + 2) {
		msg[csum_at] = msg[csum_at + 1] = 0;
		sum = dha_csum_ipv6(pseudo_src, &t->addr, proto, msg, msg_len);
		if (chance(g, 15)) {
			sum = (uint16_t)(sum + 1 + below(g, 0xfffe));
			g->bad_checksum++;
		}
		put16(msg + csum_at, sum);
	}
	memcpy(pkt + off, msg, msg_len);
	pkt[0] = 0x60;
	pkt[1] = pkt[2] = pkt[3] = 0;
	put16(pkt + 4, (uint16_t)(off + msg_len - IPV6_HDR_LEN));
	pkt[6] = hao ? DHA_IPPROTO_DSTOPTS : proto;
	/* Neighbour Discovery is only believed from the link itself. */
	pkt[7] = proto == DHA_IPPROTO_ICMPV6 && !chance(g, 10) ? ND_HOP_LIMIT :
								  (uint8_t)(1 + below(g, 255));
	memcpy(pkt + 8, &t->src, 16);
	memcpy(pkt + 24, &t->addr, 16);
	send_raw(g, t, pkt, off + msg_len);
}

/* Longer than a packet: the kernel fragments it; the checksum is ours
 * on the MH socket and the kernel's on the ICMPv6 one. */
static void send_oversized(struct garbage *g, const struct target *t)
{
	static uint8_t msg[OVERSIZED_MAX];
	size_t len = RAW_MAX + below(g, OVERSIZED_MAX - RAW_MAX);
	struct sockaddr_in6 to = {
		.sin6_family = AF_INET6, .sin6_addr = t->addr,
	};
	int err = 0;

	rnd_bytes(g, msg, len);
	g->oversized++;
	if (chance(g, 60)) {
		/* A BU claiming the longest Header Len, with more behind it */
		msg[0] = DHA_MH_PAYLOAD_PROTO;
		msg[1] = 255;
		msg[2] = DHA_MH_BU;
		dha_mh_checksum_set(msg, len, &t->src, &t->addr);
		err = mh_send(g->mh_fd, msg, len, &t->src, &t->addr, NULL, 0,
			      NULL, 0);
		g->mh++;
	} else {
		msg[0] = (uint8_t)(DHA_ICMP6_ROUTER_SOLICIT + below(g, 15));
		msg[1] = 0;
		if (sendto(g->icmp_fd, msg, len, 0, (struct sockaddr *)&to,
			   sizeof(to)) < 0)
			err = -errno;
		g->icmp++;
	}
	if (err)
		g->refused++;
}

/*
 * Where each kind goes: Mobility Headers to the home agent (and a few
 * to the anycast address); ICMPv6 to the home agent, to the home
 * agents' anycast address (DHAAD) and, with --dev, to the home link.
 */
static const struct target *pick_target(struct garbage *g, uint8_t proto)
{
	unsigned int pick = below(g, 100);

	if (proto == DHA_IPPROTO_MH)
		return &g->targets[pick < 90 ? T_HA : T_ANYCAST];
	if (g->link && pick >= 40)
		return &g->targets[T_ALL_NODES + below(g, 3)];
	return &g->targets[pick < 20 ? T_HA : T_ANYCAST];
}

static void send_one(struct garbage *g)
{
	static uint8_t msg[DHA_MH_MAX_LEN + 512];
	uint8_t proto;
	size_t len;

	if (chance(g, 2)) {
		send_oversized(g, &g->targets[T_HA]);
		return;
	}
	proto = chance(g, 55) ? DHA_IPPROTO_MH : DHA_IPPROTO_ICMPV6;
	if (proto == DHA_IPPROTO_MH) {
		len = mh_garbage(g, msg, sizeof(msg));
		g->mh++;
	} else {
		len = icmp_garbage(g, msg, sizeof(msg));
		g->icmp++;
	}
	send_packet(g, pick_target(g, proto), proto, msg, len);
}

static void open_sockets(struct garbage *g)
{
	g->raw_fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	if (g->raw_fd < 0)
		die("IPPROTO_RAW socket: %s", strerror(errno));
	g->mh_fd = mh_open(false);
	if (g->mh_fd < 0)
		die("raw IPPROTO_MH socket: %s", strerror(-g->mh_fd));
	g->icmp_fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (g->icmp_fd < 0)
		die("raw IPPROTO_ICMPV6 socket: %s", strerror(errno));
}

static void sleep_until(int64_t t)
{
	int64_t left = t - now_ms();
	struct timespec ts;

	if (left <= 0)
		return;
	ts.tv_sec = left / 1000;
	ts.tv_nsec = left % 1000 * 1000000;
	nanosleep(&ts, NULL);
}

int cmd_garbage(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "ha", required_argument, NULL, 'a' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "dev", required_argument, NULL, 'd' },
		{ "avoid", required_argument, NULL, 'v' },
		{ "count", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "rate", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	static struct garbage g;
	unsigned long count = 2000, seed = 1, rate = 0, i;
	const char *dev = NULL;
	bool have_ha = false, have_prefix = false, json = false;
	char buf[INET6_ADDRSTRLEN + 4], *slash;
	int64_t start, elapsed;
	unsigned int ifindex = 0;
	int c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'a':
			parse_addr("--ha", optarg, &g.targets[T_HA].addr);
			have_ha = true;
			break;
		case 'p':
			if (strlen(optarg) >= sizeof(buf) || !(slash = strchr(strcpy(buf, optarg), '/')) ||
			    strcmp(slash, "/64"))
				die("--prefix: PREFIX/64 expected: %s", optarg);
			*slash = '\0';
			parse_addr("--prefix", buf, &g.prefix);
			have_prefix = true;
			break;
		case 'd': dev = optarg; break;
		case 'v':
			if (g.avoid_count == AVOID_MAX)
				die("--avoid: at most %d addresses", AVOID_MAX);
			parse_addr("--avoid", optarg, &g.avoid[g.avoid_count++]);
			break;
		case 'n': count = parse_num("--count", optarg, 10000000); break;
		case 's': seed = parse_num("--seed", optarg, ULONG_MAX); break;
		case 'r': rate = parse_num("--rate", optarg, 1000000); break;
		case 'j': json = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("garbage: unexpected argument %s", argv[optind]);
	if (!have_ha || !have_prefix)
		die("garbage: --ha and --prefix are required");
	g.rng = seed;

	/* RFC 2526: the Mobile IPv6 Home-Agents anycast address of a /64 */
	g.targets[T_ANYCAST].addr = g.prefix;
	memset(&g.targets[T_ANYCAST].addr.s6_addr[8], 0xff, 8);
	g.targets[T_ANYCAST].addr.s6_addr[8] = 0xfd;
	g.targets[T_ANYCAST].addr.s6_addr[15] = 0xfe;
	source_for(&g.targets[T_HA]);
	source_for(&g.targets[T_ANYCAST]);
	if (dev) {
		ifindex = if_nametoindex(dev);
		if (!ifindex)
			die("--dev: no interface %s", dev);
		inet_pton(AF_INET6, "ff02::1", &g.targets[T_ALL_NODES].addr);
		inet_pton(AF_INET6, "ff02::2", &g.targets[T_ALL_ROUTERS].addr);
		/*
		 * The solicited-node group of --ha's last 24 bits, which a
		 * home agent numbered ::1 on both links shares on the home
		 * link.
		 */
		inet_pton(AF_INET6, "ff02::1:ff00:0", &g.targets[T_SOLICITED].addr);
		memcpy(&g.targets[T_SOLICITED].addr.s6_addr[13],
		       &g.targets[T_HA].addr.s6_addr[13], 3);
		for (i = T_ALL_NODES; i < T_COUNT; i++) {
			g.targets[i].scope_id = ifindex;
			source_for(&g.targets[i]);
		}
		g.link = true;
	} else {
		for (i = T_ALL_NODES; i < T_COUNT; i++)
			g.targets[i] = g.targets[T_HA];
	}
	open_sockets(&g);

	start = now_ms();
	for (i = 0; i < count; i++) {
		if (rate)
			sleep_until(start + (int64_t)(i * 1000 / rate));
		send_one(&g);
	}
	elapsed = now_ms() - start;
	if (json)
		printf("{\"seed\":%lu,\"sent\":%lu,\"mh\":%lu,\"icmpv6\":%lu,"
		       "\"oversized\":%lu,\"with_hao\":%lu,\"bad_checksum\":%lu,"
		       "\"refused_by_kernel\":%lu,\"elapsed_s\":%.3f}\n",
		       seed, count, g.mh, g.icmp, g.oversized, g.with_hao,
		       g.bad_checksum, g.refused, elapsed / 1000.0);
	else
		printf("garbage: seed %lu: %lu messages (%lu MH, %lu ICMPv6, "
		       "%lu oversized, %lu with a Home Address option, %lu bad "
		       "checksums), %lu refused by the kernel, in %.3f s\n",
		       seed, count, g.mh, g.icmp, g.oversized, g.with_hao,
		       g.bad_checksum, g.refused, elapsed / 1000.0);
	close(g.raw_fd);
	close(g.mh_fd);
	close(g.icmp_fd);
	return g.refused == count ? EXIT_ERR : EXIT_OK;
}
