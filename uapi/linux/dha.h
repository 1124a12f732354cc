/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/dha.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_DHA_H
#define _UAPI_LINUX_DHA_H

#define DHA_FAMILY_NAME		"dha"
#define DHA_FAMILY_VERSION	1

#define DHA_GENL_VERSION	1

/**
 * enum dha_binding_kind - What a binding points at.
 * @DHA_BINDING_KIND_HOME: Home registration; packets go to the care-of
 *   address.
 * @DHA_BINDING_KIND_GLOBAL: Global binding; packets go to the primary home
 *   agent.
 * @DHA_BINDING_KIND_PROXY_LMA: PMIPv6 binding cache entry of a local mobility
 *   anchor, keyed by the home network prefix; packets for the prefix go to the
 *   serving MAG's proxy care-of address, whose reverse tunnel is accepted for
 *   inner sources inside the prefix only.
 * @DHA_BINDING_KIND_PROXY_MAG: PMIPv6 uplink of a mobile access gateway, keyed
 *   by the home network prefix; packets routed into the device from a source
 *   inside the prefix go to the LMA, whose tunnel is accepted for inner
 *   destinations inside the prefix only.
 */
enum dha_binding_kind {
	DHA_BINDING_KIND_HOME = 1,
	DHA_BINDING_KIND_GLOBAL,
	DHA_BINDING_KIND_PROXY_LMA,
	DHA_BINDING_KIND_PROXY_MAG,
};

/**
 * enum dha_del_reason - Why a binding left the table (in binding-del-ntf).
 * @DHA_DEL_REASON_DELETED: Removed by a binding-del request.
 * @DHA_DEL_REASON_EXPIRED: Its lifetime ran out.
 * @DHA_DEL_REASON_FLUSHED: Removed by a binding-flush request.
 */
enum dha_del_reason {
	DHA_DEL_REASON_DELETED = 1,
	DHA_DEL_REASON_EXPIRED,
	DHA_DEL_REASON_FLUSHED,
};

enum {
	DHA_A_PREFIX_ADDRESS = 1,
	DHA_A_PREFIX_LENGTH,

	__DHA_A_PREFIX_MAX,
	DHA_A_PREFIX_MAX = (__DHA_A_PREFIX_MAX - 1)
};

enum {
	DHA_A_BINDING_STATS_TX_PACKETS = 1,
	DHA_A_BINDING_STATS_TX_BYTES,
	DHA_A_BINDING_STATS_RX_PACKETS,
	DHA_A_BINDING_STATS_RX_BYTES,
	DHA_A_BINDING_STATS_TX_DROPPED,
	DHA_A_BINDING_STATS_RX_DROPPED,

	__DHA_A_BINDING_STATS_MAX,
	DHA_A_BINDING_STATS_MAX = (__DHA_A_BINDING_STATS_MAX - 1)
};

enum {
	DHA_A_BINDING_HOME_ADDRESS = 1,
	DHA_A_BINDING_KIND,
	DHA_A_BINDING_CARE_OF_ADDRESS,
	DHA_A_BINDING_HOME_AGENT,
	DHA_A_BINDING_LIFETIME,
	DHA_A_BINDING_PREFIX,
	DHA_A_BINDING_STATS,
	DHA_A_BINDING_DEL_REASON,
	DHA_A_BINDING_LINK_LOCAL,
	DHA_A_BINDING_ADVERTISE,
	DHA_A_BINDING_GROUP,
	DHA_A_BINDING_LMA_ADDRESS,
	DHA_A_BINDING_LOCAL_ADDRESS,

	__DHA_A_BINDING_MAX,
	DHA_A_BINDING_MAX = (__DHA_A_BINDING_MAX - 1)
};

enum {
	DHA_A_PEER_ADDRESS = 1,
	DHA_A_PEER_RX_PACKETS,
	DHA_A_PEER_RX_BYTES,

	__DHA_A_PEER_MAX,
	DHA_A_PEER_MAX = (__DHA_A_PEER_MAX - 1)
};

enum {
	DHA_A_PROXY_PEER_ADDRESS = 1,
	DHA_A_PROXY_PEER_BINDINGS,
	DHA_A_PROXY_PEER_TX_PACKETS,
	DHA_A_PROXY_PEER_TX_BYTES,
	DHA_A_PROXY_PEER_RX_PACKETS,
	DHA_A_PROXY_PEER_RX_BYTES,
	DHA_A_PROXY_PEER_RX_DROPPED,

	__DHA_A_PROXY_PEER_MAX,
	DHA_A_PROXY_PEER_MAX = (__DHA_A_PROXY_PEER_MAX - 1)
};

enum {
	DHA_A_DEV_STATS_TX_PACKETS = 1,
	DHA_A_DEV_STATS_TX_BYTES,
	DHA_A_DEV_STATS_RX_PACKETS,
	DHA_A_DEV_STATS_RX_BYTES,
	DHA_A_DEV_STATS_TX_DROP_NO_BINDING,
	DHA_A_DEV_STATS_TX_DROP_TOO_BIG,
	DHA_A_DEV_STATS_TX_DROP_NO_ROUTE,
	DHA_A_DEV_STATS_TX_DROP_MALFORMED,
	DHA_A_DEV_STATS_RX_DROP_SPOOFED,
	DHA_A_DEV_STATS_RX_DROP_NO_BINDING,
	DHA_A_DEV_STATS_RX_DROP_MALFORMED,
	DHA_A_DEV_STATS_TX_RATE_PPS,
	DHA_A_DEV_STATS_TX_RATE_BPS,
	DHA_A_DEV_STATS_RX_RATE_PPS,
	DHA_A_DEV_STATS_RX_RATE_BPS,
	DHA_A_DEV_STATS_QUEUE_LEN,
	DHA_A_DEV_STATS_ICMP_RELAYED,

	__DHA_A_DEV_STATS_MAX,
	DHA_A_DEV_STATS_MAX = (__DHA_A_DEV_STATS_MAX - 1)
};

enum {
	DHA_A_IFINDEX = 1,
	DHA_A_IFNAME,
	DHA_A_LOCAL,
	DHA_A_BINDING,
	DHA_A_PEER,
	DHA_A_STATS,
	DHA_A_BINDINGS,
	DHA_A_GLOBALS,
	DHA_A_PEERS,
	DHA_A_HOME_LINK,
	DHA_A_HOME_PREFIX,
	DHA_A_PROXY_PEER,

	__DHA_A_MAX,
	DHA_A_MAX = (__DHA_A_MAX - 1)
};

enum {
	DHA_CMD_DEV_GET = 1,
	DHA_CMD_DEV_SET,
	DHA_CMD_BINDING_NEW,
	DHA_CMD_BINDING_DEL,
	DHA_CMD_BINDING_GET,
	DHA_CMD_BINDING_FLUSH,
	DHA_CMD_PEER_NEW,
	DHA_CMD_PEER_DEL,
	DHA_CMD_PEER_GET,
	DHA_CMD_BINDING_NEW_NTF,
	DHA_CMD_BINDING_DEL_NTF,
	DHA_CMD_PROXY_PEER_GET,

	__DHA_CMD_MAX,
	DHA_CMD_MAX = (__DHA_CMD_MAX - 1)
};

#define DHA_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_DHA_H */
