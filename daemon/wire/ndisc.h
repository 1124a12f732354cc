/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ICMPv6 messages of a home agent: Router Advertisements with the Mobile
 * IPv6 options (RFC 4861, RFC 6275 7), the Load Balance Information
 * option of draft-deng-mip6-ha-loadbalance, Neighbor Solicitation and
 * Advertisement for proxy ND, Dynamic Home Agent Address Discovery and
 * Mobile Prefix Solicitation/Advertisement (RFC 6275 6.5-6.8, RFC 3963).
 *
 * Buffers start at the ICMPv6 header, as a raw IPPROTO_ICMPV6 socket
 * delivers it.  Parsers check the type (-ENOMSG if it is another
 * message), code 0 and the lengths, skip unknown options, and reject the
 * whole message for an option of length zero (RFC 4861 4.6) or one that
 * overruns it (-EBADMSG).  Known options must have their defined length.
 * Checks that need the IPv6 header (hop limit 255, link-local source)
 * are the caller's.  Builders leave the checksum zero: the kernel fills
 * it in on raw ICMPv6 sockets; see dha_icmp6_checksum_set().
 */
#ifndef DHA_WIRE_NDISC_H
#define DHA_WIRE_NDISC_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/numbers.h"

/* Link-layer address options longer than this are skipped: no link dha
 * serves has such addresses (Ethernet 6, InfiniBand 20). */
#define DHA_ND_LLADDR_MAX	30
/* Prefix Information options kept per message; more is -E2BIG.  dhad
 * sends up to 17: 16 home prefixes and one for its own address. */
#define DHA_ND_PREFIX_MAX	32
/* What a DHAAD Reply holds within the IPv6 minimum MTU (RFC 6275 10.5):
 * (1280 - 40 IPv6 - 8 ICMPv6) / 16.  A longer reply is -E2BIG. */
#define DHA_DHAAD_ADDRS_MAX	77
#define DHA_IPV6_MIN_MTU	1280

#define DHA_ICMP6_HDR_LEN	4	/* type, code, checksum */
#define DHA_ICMP6_CHECKSUM_OFFSET 2

/* Source/target link-layer address option data: the octets after type and
 * length, trailing padding included (6 for Ethernet). */
struct dha_nd_lladdr {
	size_t len;
	uint8_t addr[DHA_ND_LLADDR_MAX];
};

struct dha_nd_prefix {
	uint8_t prefix_len;
	uint8_t flags;			/* DHA_PREFIX_FLAG_* as received */
	uint32_t valid_lifetime;	/* seconds, 0xffffffff infinite */
	uint32_t preferred_lifetime;
	struct in6_addr prefix;
};

/* RFC 6275 7.4, R flag RFC 3963 */
struct dha_nd_ha_info {
	uint8_t flags;			/* DHA_HA_INFO_FLAG_R */
	int16_t preference;		/* higher is preferred */
	uint16_t lifetime;		/* seconds */
};

/* draft-deng-mip6-ha-loadbalance section 7 */
struct dha_nd_lb_info {
	uint16_t queue_size;
	uint16_t registered_mns;
};

struct dha_ra {
	uint8_t cur_hop_limit;
	uint8_t flags;			/* DHA_RA_FLAG_*, the whole octet */
	uint16_t router_lifetime;	/* seconds */
	uint32_t reachable_time;	/* ms */
	uint32_t retrans_timer;		/* ms */
	bool has_source_lladdr;
	struct dha_nd_lladdr source_lladdr;
	bool has_mtu;
	uint32_t mtu;
	bool has_adv_interval;
	uint32_t adv_interval;		/* ms, RFC 6275 7.3 */
	bool has_ha_info;
	struct dha_nd_ha_info ha_info;
	bool has_lb_info;
	struct dha_nd_lb_info lb_info;
	size_t prefix_count;
	struct dha_nd_prefix prefixes[DHA_ND_PREFIX_MAX];
	size_t skipped;			/* parse only: ignored options */
};

/* RFC 4861 4.1 */
struct dha_rs {
	bool has_source_lladdr;
	struct dha_nd_lladdr source_lladdr;
	size_t skipped;
};

struct dha_ns {
	struct in6_addr target;
	bool is_dad;			/* from the unspecified address */
	bool has_source_lladdr;
	struct dha_nd_lladdr source_lladdr;
	size_t skipped;
};

struct dha_na {
	uint8_t flags;			/* DHA_NA_FLAG_R/S/O */
	struct in6_addr target;
	bool has_target_lladdr;
	struct dha_nd_lladdr target_lladdr;
	size_t skipped;
};

struct dha_dhaad_request {
	uint16_t id;
	uint8_t flags;			/* DHA_DHAAD_FLAG_R */
};

struct dha_dhaad_reply {
	uint16_t id;
	uint8_t flags;			/* DHA_DHAAD_FLAG_R */
	size_t addr_count;
	struct in6_addr addrs[DHA_DHAAD_ADDRS_MAX];	/* most preferred first */
};

struct dha_mps {
	uint16_t id;
};

struct dha_mpa {
	uint16_t id;
	uint8_t flags;			/* DHA_MPA_FLAG_M/O */
	size_t prefix_count;
	struct dha_nd_prefix prefixes[DHA_ND_PREFIX_MAX];
	size_t skipped;
};

/*
 * Duplicate single-valued options (link-layer address, MTU, interval,
 * HA information, LB information) make the parse fail: a home agent
 * list built from an ambiguous advertisement would be wrong.
 */
int dha_ra_parse(const uint8_t *buf, size_t len, struct dha_ra *ra);
/* Options in the order source LLA, MTU, interval, HA info, LB info, prefixes. */
int dha_ra_build(uint8_t *buf, size_t cap, const struct dha_ra *ra,
		 size_t *out_len);

/*
 * src is the IPv6 source: from the unspecified address an RS must not
 * carry a source link-layer address (RFC 4861 6.1.1), -EBADMSG.  A
 * second one is -EBADMSG as well.
 */
int dha_rs_parse(const uint8_t *buf, size_t len, const struct in6_addr *src,
		 struct dha_rs *rs);
int dha_rs_build(uint8_t *buf, size_t cap, const struct dha_rs *rs,
		 size_t *out_len);

/*
 * src is the IPv6 source: from the unspecified address the NS is a
 * duplicate address detection probe, which must not carry a source
 * link-layer address (RFC 4861 7.1.1).  A multicast target is -EBADMSG.
 */
int dha_ns_parse(const uint8_t *buf, size_t len, const struct in6_addr *src,
		 struct dha_ns *ns);
/* A DAD probe (is_dad) with a source link-layer address is -EINVAL. */
int dha_ns_build(uint8_t *buf, size_t cap, const struct dha_ns *ns,
		 size_t *out_len);

int dha_na_parse(const uint8_t *buf, size_t len, struct dha_na *na);
int dha_na_build(uint8_t *buf, size_t cap, const struct dha_na *na,
		 size_t *out_len);

int dha_dhaad_request_parse(const uint8_t *buf, size_t len,
			    struct dha_dhaad_request *req);
int dha_dhaad_request_build(uint8_t *buf, size_t cap,
			    const struct dha_dhaad_request *req,
			    size_t *out_len);

int dha_dhaad_reply_parse(const uint8_t *buf, size_t len,
			  struct dha_dhaad_reply *rep);
/*
 * Includes the first addresses of rep->addrs that keep the IPv6 packet
 * within mtu octets (RFC 6275 10.5: pass DHA_IPV6_MIN_MTU); the count
 * sent is (*out_len - 8) / 16.  -EINVAL if mtu leaves no room at all.
 */
int dha_dhaad_reply_build(uint8_t *buf, size_t cap,
			  const struct dha_dhaad_reply *rep, size_t mtu,
			  size_t *out_len);

int dha_mps_parse(const uint8_t *buf, size_t len, struct dha_mps *mps);
int dha_mps_build(uint8_t *buf, size_t cap, const struct dha_mps *mps,
		  size_t *out_len);

int dha_mpa_parse(const uint8_t *buf, size_t len, struct dha_mpa *mpa);
int dha_mpa_build(uint8_t *buf, size_t cap, const struct dha_mpa *mpa,
		  size_t *out_len);

/*
 * The Mobile IPv6 Home-Agents anycast address of a subnet prefix (RFC
 * 2526 with anycast ID 0x7e, RFC 6275 10.5): for a 64-bit prefix the
 * interface identifier is fdff:ffff:ffff:fffe (modified EUI-64 format,
 * universal/local bit 0); for other lengths the host bits are all ones
 * but the last seven, which hold the ID.  -EINVAL for a length of 0 or
 * above 121, which leaves no room for the ID.
 */
int dha_ha_anycast(const struct in6_addr *prefix, unsigned int length,
		   struct in6_addr *out);

/* ICMPv6 checksum (RFC 4443 2.3) over the pseudo-header. */
void dha_icmp6_checksum_set(uint8_t *buf, size_t len,
			    const struct in6_addr *src,
			    const struct in6_addr *dst);
bool dha_icmp6_checksum_ok(const uint8_t *buf, size_t len,
			   const struct in6_addr *src,
			   const struct in6_addr *dst);

#endif /* DHA_WIRE_NDISC_H */
