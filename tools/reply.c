// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of dha replies and notifications. See reply.h.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/genl/genl.h>

#include "reply.h"

#define DEV_STAT(attr, field) \
	{ DHA_A_DEV_STATS_##attr, #field, offsetof(struct dev_stats, field) }

const struct dev_stat_field dev_stat_fields[] = {
	DEV_STAT(TX_PACKETS, tx_packets),
	DEV_STAT(TX_BYTES, tx_bytes),
	DEV_STAT(RX_PACKETS, rx_packets),
	DEV_STAT(RX_BYTES, rx_bytes),
	DEV_STAT(TX_DROP_NO_BINDING, tx_drop_no_binding),
	DEV_STAT(TX_DROP_TOO_BIG, tx_drop_too_big),
	DEV_STAT(TX_DROP_NO_ROUTE, tx_drop_no_route),
	DEV_STAT(TX_DROP_MALFORMED, tx_drop_malformed),
	DEV_STAT(RX_DROP_SPOOFED, rx_drop_spoofed),
	DEV_STAT(RX_DROP_NO_BINDING, rx_drop_no_binding),
	DEV_STAT(RX_DROP_MALFORMED, rx_drop_malformed),
	DEV_STAT(TX_RATE_PPS, tx_rate_pps),
	DEV_STAT(TX_RATE_BPS, tx_rate_bps),
	DEV_STAT(RX_RATE_PPS, rx_rate_pps),
	DEV_STAT(RX_RATE_BPS, rx_rate_bps),
	DEV_STAT(QUEUE_LEN, queue_len),
	DEV_STAT(ICMP_RELAYED, icmp_relayed),
};

const size_t dev_stat_field_count =
	sizeof(dev_stat_fields) / sizeof(dev_stat_fields[0]);

static int get_in6(const struct nlattr *attr, struct in6_addr *out)
{
	if (nla_len(attr) != sizeof(*out))
		return -EBADMSG;
	memcpy(out, nla_data(attr), sizeof(*out));
	return 0;
}

static int get_u32(const struct nlattr *attr, uint32_t *out)
{
	if (nla_len(attr) != sizeof(*out))
		return -EBADMSG;
	memcpy(out, nla_data(attr), sizeof(*out));
	return 0;
}

/* NLA_UINT: the kernel sends 4 bytes when the value fits, else 8. */
static int get_uint(const struct nlattr *attr, uint64_t *out)
{
	uint32_t value32;

	switch (nla_len(attr)) {
	case sizeof(value32):
		memcpy(&value32, nla_data(attr), sizeof(value32));
		*out = value32;
		return 0;
	case sizeof(*out):
		memcpy(out, nla_data(attr), sizeof(*out));
		return 0;
	default:
		return -EBADMSG;
	}
}

static int get_ifindex(struct nlattr *tb[], uint32_t *out)
{
	if (!tb[DHA_A_IFINDEX] || get_u32(tb[DHA_A_IFINDEX], out) || !*out)
		return -EBADMSG;
	return 0;
}

static int prefix_decode(struct nlattr *nest, struct ip6_prefix *out)
{
	struct nlattr *tb[DHA_A_PREFIX_MAX + 1];

	if (nla_parse_nested(tb, DHA_A_PREFIX_MAX, nest, NULL) < 0)
		return -EBADMSG;
	if (!tb[DHA_A_PREFIX_ADDRESS] || !tb[DHA_A_PREFIX_LENGTH] ||
	    get_in6(tb[DHA_A_PREFIX_ADDRESS], &out->address) ||
	    nla_len(tb[DHA_A_PREFIX_LENGTH]) != sizeof(uint8_t))
		return -EBADMSG;
	out->length = nla_get_u8(tb[DHA_A_PREFIX_LENGTH]);
	if (out->length < 1 || out->length > 128)
		return -EBADMSG;
	return 0;
}

static int binding_stats_decode(struct nlattr *nest, struct binding_stats *out)
{
	struct nlattr *tb[DHA_A_BINDING_STATS_MAX + 1];
	static const struct {
		int attr;
		size_t offset;
	} fields[] = {
		{ DHA_A_BINDING_STATS_TX_PACKETS,
		  offsetof(struct binding_stats, tx_packets) },
		{ DHA_A_BINDING_STATS_TX_BYTES,
		  offsetof(struct binding_stats, tx_bytes) },
		{ DHA_A_BINDING_STATS_RX_PACKETS,
		  offsetof(struct binding_stats, rx_packets) },
		{ DHA_A_BINDING_STATS_RX_BYTES,
		  offsetof(struct binding_stats, rx_bytes) },
		{ DHA_A_BINDING_STATS_TX_DROPPED,
		  offsetof(struct binding_stats, tx_dropped) },
		{ DHA_A_BINDING_STATS_RX_DROPPED,
		  offsetof(struct binding_stats, rx_dropped) },
	};
	size_t i;

	if (nla_parse_nested(tb, DHA_A_BINDING_STATS_MAX, nest, NULL) < 0)
		return -EBADMSG;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		uint64_t *field = (uint64_t *)((char *)out + fields[i].offset);

		if (tb[fields[i].attr] && get_uint(tb[fields[i].attr], field))
			return -EBADMSG;
	}
	return 0;
}

/* A proxy binding is keyed by its prefix; its kind names the endpoint. */
static int proxy_endpoints_decode(struct nlattr *btb[], struct binding_info *out)
{
	struct nlattr *attr = btb[out->kind == DHA_BINDING_KIND_PROXY_LMA ?
				  DHA_A_BINDING_CARE_OF_ADDRESS :
				  DHA_A_BINDING_LMA_ADDRESS];

	if (!attr || get_in6(attr, &out->target))
		return -EBADMSG;
	if (btb[DHA_A_BINDING_LOCAL_ADDRESS]) {
		if (get_in6(btb[DHA_A_BINDING_LOCAL_ADDRESS], &out->local))
			return -EBADMSG;
		out->has_local = true;
	}
	return 0;
}

/* The target attribute names the kind; KIND, if sent, must agree. */
static int home_endpoints_decode(struct nlattr *btb[], struct binding_info *out)
{
	uint32_t sent = out->kind;
	struct nlattr *attr;

	if (!btb[DHA_A_BINDING_HOME_ADDRESS] ||
	    get_in6(btb[DHA_A_BINDING_HOME_ADDRESS], &out->home_address))
		return -EBADMSG;
	if (btb[DHA_A_BINDING_CARE_OF_ADDRESS] &&
	    !btb[DHA_A_BINDING_HOME_AGENT]) {
		out->kind = DHA_BINDING_KIND_HOME;
		attr = btb[DHA_A_BINDING_CARE_OF_ADDRESS];
	} else if (btb[DHA_A_BINDING_HOME_AGENT] &&
		   !btb[DHA_A_BINDING_CARE_OF_ADDRESS]) {
		out->kind = DHA_BINDING_KIND_GLOBAL;
		attr = btb[DHA_A_BINDING_HOME_AGENT];
	} else {
		return -EBADMSG;
	}
	if (sent && sent != out->kind)
		return -EBADMSG;
	return get_in6(attr, &out->target);
}

int binding_decode(struct nlattr *tb[], struct binding_info *out)
{
	struct nlattr *btb[DHA_A_BINDING_MAX + 1];
	struct nlattr *attr;
	int remaining;

	memset(out, 0, sizeof(*out));
	if (get_ifindex(tb, &out->ifindex) || !tb[DHA_A_BINDING] ||
	    nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
			     NULL) < 0)
		return -EBADMSG;

	if (btb[DHA_A_BINDING_KIND] &&
	    get_u32(btb[DHA_A_BINDING_KIND], &out->kind))
		return -EBADMSG;
	if (out->kind == DHA_BINDING_KIND_PROXY_LMA ||
	    out->kind == DHA_BINDING_KIND_PROXY_MAG) {
		if (proxy_endpoints_decode(btb, out))
			return -EBADMSG;
	} else if (home_endpoints_decode(btb, out)) {
		return -EBADMSG;
	}

	if (btb[DHA_A_BINDING_LIFETIME]) {
		if (get_u32(btb[DHA_A_BINDING_LIFETIME], &out->lifetime))
			return -EBADMSG;
		out->has_lifetime = true;
	}

	/* nla_parse keeps only the last PREFIX or GROUP; walk the nest. */
	nla_for_each_nested(attr, tb[DHA_A_BINDING], remaining) {
		if (nla_type(attr) == DHA_A_BINDING_GROUP) {
			if (out->group_count == BINDING_GROUPS_MAX ||
			    get_in6(attr, &out->groups[out->group_count]))
				return -EBADMSG;
			out->group_count++;
			continue;
		}
		if (nla_type(attr) != DHA_A_BINDING_PREFIX)
			continue;
		if (out->prefix_count == BINDING_PREFIXES_MAX ||
		    prefix_decode(attr, &out->prefixes[out->prefix_count]))
			return -EBADMSG;
		out->prefix_count++;
	}

	if (btb[DHA_A_BINDING_STATS]) {
		if (binding_stats_decode(btb[DHA_A_BINDING_STATS], &out->stats))
			return -EBADMSG;
		out->has_stats = true;
	}

	if (btb[DHA_A_BINDING_DEL_REASON] &&
	    get_u32(btb[DHA_A_BINDING_DEL_REASON], &out->del_reason))
		return -EBADMSG;
	return 0;
}

static int dev_stats_decode(struct nlattr *nest, struct dev_stats *out)
{
	struct nlattr *tb[DHA_A_DEV_STATS_MAX + 1];
	size_t i;

	if (nla_parse_nested(tb, DHA_A_DEV_STATS_MAX, nest, NULL) < 0)
		return -EBADMSG;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < dev_stat_field_count; i++) {
		const struct dev_stat_field *field = &dev_stat_fields[i];
		uint64_t *value = (uint64_t *)((char *)out + field->offset);

		/* queue-len is a u32, which get_uint accepts as well. */
		if (tb[field->attr] && get_uint(tb[field->attr], value))
			return -EBADMSG;
	}
	return 0;
}

int dev_decode(struct nlattr *tb[], struct dev_info *out)
{
	memset(out, 0, sizeof(*out));
	if (get_ifindex(tb, &out->ifindex))
		return -EBADMSG;
	if (tb[DHA_A_IFNAME]) {
		size_t len = (size_t)nla_len(tb[DHA_A_IFNAME]);
		const char *name = nla_data(tb[DHA_A_IFNAME]);

		/* NLA_STRING: NUL-terminated, the NUL counted in the length. */
		if (len == 0 || len > sizeof(out->ifname) || name[len - 1] != '\0')
			return -EBADMSG;
		memcpy(out->ifname, name, len);
	}
	if (tb[DHA_A_LOCAL]) {
		if (get_in6(tb[DHA_A_LOCAL], &out->local))
			return -EBADMSG;
		out->has_local = !IN6_IS_ADDR_UNSPECIFIED(&out->local);
	}
	if ((tb[DHA_A_BINDINGS] && get_u32(tb[DHA_A_BINDINGS], &out->bindings)) ||
	    (tb[DHA_A_GLOBALS] && get_u32(tb[DHA_A_GLOBALS], &out->globals)) ||
	    (tb[DHA_A_PEERS] && get_u32(tb[DHA_A_PEERS], &out->peers)))
		return -EBADMSG;
	if (tb[DHA_A_STATS]) {
		if (dev_stats_decode(tb[DHA_A_STATS], &out->stats))
			return -EBADMSG;
		out->has_stats = true;
	}
	if (tb[DHA_A_HOME_LINK] && get_u32(tb[DHA_A_HOME_LINK], &out->home_link))
		return -EBADMSG;
	return 0;
}

int dev_decode_home(const struct nlmsghdr *nlh, struct dev_info *out)
{
	struct nlmsghdr *msg = (struct nlmsghdr *)nlh;
	struct nlattr *attr;
	int rem;

	out->home_prefix_count = 0;
	nlmsg_for_each_attr(attr, msg, GENL_HDRLEN, rem) {
		if (nla_type(attr) != DHA_A_HOME_PREFIX)
			continue;
		if (out->home_prefix_count == HOME_PREFIXES_MAX ||
		    prefix_decode(attr,
				  &out->home_prefixes[out->home_prefix_count]))
			return -EBADMSG;
		out->home_prefix_count++;
	}
	return 0;
}

int peer_decode(struct nlattr *tb[], struct peer_info *out)
{
	struct nlattr *ptb[DHA_A_PEER_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (get_ifindex(tb, &out->ifindex) || !tb[DHA_A_PEER] ||
	    nla_parse_nested(ptb, DHA_A_PEER_MAX, tb[DHA_A_PEER], NULL) < 0)
		return -EBADMSG;
	if (!ptb[DHA_A_PEER_ADDRESS] ||
	    get_in6(ptb[DHA_A_PEER_ADDRESS], &out->address))
		return -EBADMSG;
	if (ptb[DHA_A_PEER_RX_PACKETS] || ptb[DHA_A_PEER_RX_BYTES]) {
		if ((ptb[DHA_A_PEER_RX_PACKETS] &&
		     get_uint(ptb[DHA_A_PEER_RX_PACKETS], &out->rx_packets)) ||
		    (ptb[DHA_A_PEER_RX_BYTES] &&
		     get_uint(ptb[DHA_A_PEER_RX_BYTES], &out->rx_bytes)))
			return -EBADMSG;
		out->has_stats = true;
	}
	return 0;
}

int proxy_peer_decode(struct nlattr *tb[], struct proxy_peer_info *out)
{
	static const struct {
		int type;
		size_t offset;
	} counters[] = {
		{ DHA_A_PROXY_PEER_TX_PACKETS,
		  offsetof(struct proxy_peer_info, tx_packets) },
		{ DHA_A_PROXY_PEER_TX_BYTES,
		  offsetof(struct proxy_peer_info, tx_bytes) },
		{ DHA_A_PROXY_PEER_RX_PACKETS,
		  offsetof(struct proxy_peer_info, rx_packets) },
		{ DHA_A_PROXY_PEER_RX_BYTES,
		  offsetof(struct proxy_peer_info, rx_bytes) },
		{ DHA_A_PROXY_PEER_RX_DROPPED,
		  offsetof(struct proxy_peer_info, rx_dropped) },
	};
	struct nlattr *ptb[DHA_A_PROXY_PEER_MAX + 1];
	size_t i;

	memset(out, 0, sizeof(*out));
	if (get_ifindex(tb, &out->ifindex) || !tb[DHA_A_PROXY_PEER] ||
	    nla_parse_nested(ptb, DHA_A_PROXY_PEER_MAX, tb[DHA_A_PROXY_PEER],
			     NULL) < 0)
		return -EBADMSG;
	if (!ptb[DHA_A_PROXY_PEER_ADDRESS] ||
	    get_in6(ptb[DHA_A_PROXY_PEER_ADDRESS], &out->address) ||
	    (ptb[DHA_A_PROXY_PEER_BINDINGS] &&
	     get_u32(ptb[DHA_A_PROXY_PEER_BINDINGS], &out->bindings)))
		return -EBADMSG;
	for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		if (!ptb[counters[i].type])
			continue;
		if (get_uint(ptb[counters[i].type],
			     (uint64_t *)((char *)out + counters[i].offset)))
			return -EBADMSG;
		out->has_stats = true;
	}
	return 0;
}

int dha_msg_parse(const struct nlmsghdr *nlh, struct nlattr *tb[])
{
	/* libnl's parsers take what they do not change as non-const. */
	struct nlmsghdr *msg = (struct nlmsghdr *)nlh;

	if (!genlmsg_valid_hdr(msg, 0) ||
	    genlmsg_parse(msg, 0, tb, DHA_A_MAX, NULL) < 0)
		return -EBADMSG;
	return ((const struct genlmsghdr *)nlmsg_data(msg))->cmd;
}
