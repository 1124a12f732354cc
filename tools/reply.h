/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding of the dha family's replies and notifications into plain
 * structs. Every attribute length is checked here, so the printers and
 * the commands never touch raw attributes.
 */
#ifndef DHA_TOOL_REPLY_H
#define DHA_TOOL_REPLY_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netlink/attr.h>

#include "parse.h"

/* A dha device intercepts for at most this many home prefixes. */
#define HOME_PREFIXES_MAX 16
/* The kernel serves at most this many mobile network prefixes a binding. */
#define BINDING_PREFIXES_MAX 16
/* Multicast groups a binding listens to: the module's bound. */
#define BINDING_GROUPS_MAX 16

struct binding_stats {
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t tx_dropped;
	uint64_t rx_dropped;
};

struct binding_info {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];	/* filled in by the command, not decoded */
	uint32_t kind;			/* DHA_BINDING_KIND_* */
	struct in6_addr home_address;
	/*
	 * care-of address (home kind), home agent locator (global kind),
	 * serving MAG (proxy-lma) or LMA (proxy-mag)
	 */
	struct in6_addr target;
	/* Proxy kinds: the outer source given, if any; the prefix is prefixes[0]. */
	bool has_local;
	struct in6_addr local;
	bool has_lifetime;		/* false: never expires */
	uint32_t lifetime;		/* seconds left */
	unsigned int prefix_count;
	struct ip6_prefix prefixes[BINDING_PREFIXES_MAX];
	unsigned int group_count;
	struct in6_addr groups[BINDING_GROUPS_MAX];
	bool has_stats;
	struct binding_stats stats;
	uint32_t del_reason;		/* DHA_DEL_REASON_*, 0 if absent */
};

struct dev_stats {
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t tx_drop_no_binding;
	uint64_t tx_drop_too_big;
	uint64_t tx_drop_no_route;
	uint64_t tx_drop_malformed;
	uint64_t rx_drop_spoofed;
	uint64_t rx_drop_no_binding;
	uint64_t rx_drop_malformed;
	uint64_t tx_rate_pps;
	uint64_t tx_rate_bps;
	uint64_t rx_rate_pps;
	uint64_t rx_rate_bps;
	uint64_t queue_len;
	uint64_t icmp_relayed;
};

/* Attribute, JSON key and place of every device counter, in wire order. */
struct dev_stat_field {
	int attr;
	const char *json_key;
	size_t offset;
};

extern const struct dev_stat_field dev_stat_fields[];
extern const size_t dev_stat_field_count;

static inline uint64_t dev_stat_value(const struct dev_stats *stats,
				      const struct dev_stat_field *field)
{
	return *(const uint64_t *)((const char *)stats + field->offset);
}

struct dev_info {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	bool has_local;
	struct in6_addr local;
	uint32_t bindings;
	uint32_t globals;
	uint32_t peers;
	bool has_stats;
	struct dev_stats stats;
	uint32_t home_link;		/* 0: none */
	unsigned int home_prefix_count;
	struct ip6_prefix home_prefixes[HOME_PREFIXES_MAX];
};

struct peer_info {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];	/* filled in by the command */
	struct in6_addr address;
	bool has_stats;
	uint64_t rx_packets;
	uint64_t rx_bytes;
};

/* A proxy binding's far end (proxy-peer-get). */
struct proxy_peer_info {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];	/* filled in by the command */
	struct in6_addr address;
	uint32_t bindings;
	bool has_stats;
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t rx_dropped;
};

/*
 * Each decoder takes the top-level attributes of one message (indexed by
 * DHA_A_*, as nla_parse leaves them) and returns 0 or -EBADMSG when a
 * required attribute is missing or any attribute has a wrong length.
 */
int binding_decode(struct nlattr *tb[], struct binding_info *out);
int dev_decode(struct nlattr *tb[], struct dev_info *out);
/*
 * The home link's prefixes of a dev-get message, a repeated attribute that
 * the top-level table cannot hold; call after dev_decode(). 0 or -EBADMSG.
 */
int dev_decode_home(const struct nlmsghdr *nlh, struct dev_info *out);
int peer_decode(struct nlattr *tb[], struct peer_info *out);
int proxy_peer_decode(struct nlattr *tb[], struct proxy_peer_info *out);

/*
 * Splits a dha genl message (header already checked by the caller's
 * transport) into top-level attributes and returns its command, or
 * -EBADMSG.
 */
int dha_msg_parse(const struct nlmsghdr *nlh, struct nlattr *tb[]);

#endif /* DHA_TOOL_REPLY_H */
