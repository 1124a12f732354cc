/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every protocol number dhad puts on or reads from the wire, in one place
 * (Documentation/wire-numbers.md, "Choices dha made").  Assigned numbers are
 * used as IANA assigned them; numbers the drafts left open are marked
 * "dha choice" and carried in experimental code points.
 *
 * Flags are given as the value of the field that holds them, in host order:
 * a 16-bit flag word is a uint16_t, a flag byte a uint8_t.
 */
#ifndef DHA_WIRE_NUMBERS_H
#define DHA_WIRE_NUMBERS_H

/* ---- IPv6 next header values ---- */
#define DHA_IPPROTO_ROUTING		43
#define DHA_IPPROTO_ICMPV6		58
#define DHA_IPPROTO_NONE		59
#define DHA_IPPROTO_DSTOPTS		60
#define DHA_IPPROTO_MH			135

/* ---- Mobility Header (RFC 6275 section 6.1) ---- */

/* RFC 6275 6.1.1: the Payload Proto field carries IPPROTO_NONE. */
#define DHA_MH_PAYLOAD_PROTO		DHA_IPPROTO_NONE

/* MH types */
#define DHA_MH_BRR			0	/* Binding Refresh Request */
#define DHA_MH_HOTI			1	/* Home Test Init */
#define DHA_MH_COTI			2	/* Care-of Test Init */
#define DHA_MH_HOT			3	/* Home Test */
#define DHA_MH_COT			4	/* Care-of Test */
#define DHA_MH_BU			5	/* Binding Update */
#define DHA_MH_BA			6	/* Binding Acknowledgement */
#define DHA_MH_BE			7	/* Binding Error */
#define DHA_MH_EXPERIMENTAL		11	/* RFC 5096 */
#define DHA_MH_HA_SWITCH		12	/* Home Agent Switch, RFC 5142 */

/*
 * Subtypes carried in the first octet of an Experimental MH (type 11):
 * the HA reliability and global HAHA messages and the PMIPv6 load
 * sharing messages (dha choice; Documentation/wire-numbers.md, wire/hamsg.h for the layout).
 * draft-ietf-mip6-hareliability-00 section 6.1, plus the acknowledgement
 * dha adds to make State Synchronization reliable.
 */
#define DHA_HAMSG_HELLO_REQUEST		1
#define DHA_HAMSG_HELLO			2
#define DHA_HAMSG_SS_REQUEST		3	/* State Synchronization Request */
#define DHA_HAMSG_SS			4	/* State Synchronization */
#define DHA_HAMSG_SS_ACK		5	/* dha addition */
#define DHA_HAMSG_SWITCHOVER_REQUEST	6
#define DHA_HAMSG_SWITCHOVER_REPLY	7
#define DHA_HAMSG_SWITCHBACK_REQUEST	8
#define DHA_HAMSG_SWITCHBACK_REPLY	9

/*
 * Hello: the flags octet after the Group ID. A is the HA reliability
 * draft's; R and G are where draft-wakikawa-mext-global-haha-spec-01
 * (5.2.2) draws them, right after A; dha's own two follow.
 */
#define DHA_HELLO_FLAG_A		0x80	/* sender is the active HA */
#define DHA_HELLO_FLAG_R		0x40	/* global HAHA: solicits Hellos */
#define DHA_HELLO_FLAG_G		0x20	/* global HAHA: sender is a member
						   of a global home agent set */
#define DHA_HELLO_FLAG_F		0x10	/* dha addition: a condition the
						   sender tracks has failed */
#define DHA_HELLO_FLAG_N		0x08	/* dha addition: the sender took
						   the active role at start-up,
						   moments ago */

/*
 * State Synchronization Request, State Synchronization and SS Ack: the
 * octet after the subtype, where the global HAHA draft (5.4.2, Figure
 * 5) draws A and G after its Type field.
 */
#define DHA_SS_FLAG_A			0x80	/* an SS Ack is asked for */
#define DHA_SS_FLAG_G			0x40	/* global binding registration */

/* SwitchOver and SwitchBack Reply status (draft 6.1.6, 6.1.8) */
#define DHA_SWITCH_SUCCESS		0
#define DHA_SWITCH_WRONG_ROLE		128	/* SwitchOver: receiver not
						   active; SwitchBack: receiver
						   already active */
#define DHA_SWITCH_ADMIN_PROHIBITED	129

/* State Synchronization Ack status (dha addition) */
#define DHA_SS_ACK_ACCEPTED		0
#define DHA_SS_ACK_REFUSED		128	/* the receiver takes no state
						   from the sender (it is active
						   itself, or the sender is not) */

/* Mobility option types (RFC 6275 6.2, RFC 3963, RFC 5094) */
#define DHA_MHOPT_PAD1			0
#define DHA_MHOPT_PADN			1
#define DHA_MHOPT_REFRESH_ADVICE	2
#define DHA_MHOPT_ALT_COA		3
#define DHA_MHOPT_NONCE_INDICES		4
#define DHA_MHOPT_AUTH_DATA		5
#define DHA_MHOPT_MOBILE_NET_PREFIX	6
#define DHA_MHOPT_VENDOR		19
#define DHA_MHOPT_IPADDR		17	/* IPv6 Address/Prefix, RFC 5568 */

/* Proxy Mobile IPv6 options (RFC 5213 8.3-8.8; Mobile Node Identifier
 * RFC 4283), carried in Proxy Binding Updates and Acknowledgements. */
#define DHA_MHOPT_MN_ID			8	/* Mobile Node Identifier */
#define DHA_MHOPT_HNP			22	/* Home Network Prefix */
#define DHA_MHOPT_HANDOFF		23	/* Handoff Indicator */
#define DHA_MHOPT_ATT			24	/* Access Technology Type */
#define DHA_MHOPT_MN_LL_ID		25	/* Mobile Node Link-layer Identifier */
#define DHA_MHOPT_LINK_LOCAL		26	/* Link-local Address */
#define DHA_MHOPT_TIMESTAMP		27

/* Option Data lengths (the Length octet); the variable ones give a floor:
 * a subtype and at least one identifier octet, Reserved (16) and at least
 * one link-layer identifier octet. */
#define DHA_MHOPT_MN_ID_MIN_LEN		2
#define DHA_MHOPT_HNP_LEN		18
#define DHA_MHOPT_HANDOFF_LEN		2
#define DHA_MHOPT_ATT_LEN		2
#define DHA_MHOPT_MN_LL_ID_MIN_LEN	3
#define DHA_MHOPT_LINK_LOCAL_LEN	16
#define DHA_MHOPT_TIMESTAMP_LEN		8

/* Mobile Node Identifier subtypes (RFC 4283 3) */
#define DHA_MN_ID_NAI			1	/* Network Access Identifier */

/* Handoff Indicator values (RFC 5213 8.4); 0 is reserved */
#define DHA_HI_NEW_INTERFACE		1	/* attachment over a new interface */
#define DHA_HI_OTHER_INTERFACE		2	/* between two interfaces of the MN */
#define DHA_HI_OTHER_MAG		3	/* between MAGs, same interface */
#define DHA_HI_UNKNOWN			4	/* handoff state unknown */
#define DHA_HI_NOT_CHANGED		5	/* re-registration */

/* Access Technology Type values (RFC 5213 8.5); 0 is reserved */
#define DHA_ATT_VIRTUAL			1
#define DHA_ATT_PPP			2
#define DHA_ATT_IEEE_802_3		3
#define DHA_ATT_IEEE_802_11		4	/* 802.11a/b/g */
#define DHA_ATT_IEEE_802_16E		5

/* IPv6 Address/Prefix Option-Code values the HA reliability draft adds
 * (6.2.1). */
#define DHA_IPADDR_CODE_HA_ADDRESS	4
#define DHA_IPADDR_CODE_HOME_ADDRESS	5

/*
 * Options of the HA-to-HA messages, in the private space of the
 * Experimental MH (dha choice): the draft's three (6.2.2-6.2.4), two
 * dha additions, State Synchronization Status (of a transfer) and
 * Authentication, and the global HAHA draft's SS Status (of one global
 * binding's registration), which is a different option.
 */
#define DHA_HAOPT_BCI			240	/* Binding Cache Information */
#define DHA_HAOPT_AAA			241	/* AAA Information */
#define DHA_HAOPT_VENDOR_INFO		242	/* Vendor Specific Information */
#define DHA_HAOPT_SS_STATUS		243	/* dha addition */
#define DHA_HAOPT_AUTH			244	/* dha addition: HMAC-SHA256 */
#define DHA_HAOPT_GSS_STATUS		245	/* global HAHA SS Status (5.4.2,
						   Figure 6), in an SS Ack */

#define DHA_MHOPT_IPADDR_LEN		18
#define DHA_HAOPT_BCI_LEN		40
#define DHA_HAOPT_VENDOR_INFO_MIN_LEN	4	/* vendor code 2 + reserved 2 */
#define DHA_HAOPT_SS_STATUS_LEN		8	/* flags, reserved, request id,
						   total */
#define DHA_HAOPT_AUTH_LEN		44	/* key id 2, reserved 2,
						   counter 8, MAC 32 */
#define DHA_HAOPT_GSS_STATUS_LEN	20	/* status 1, reserved 3, home
						   address 16 */

/* Global HAHA SS Status values (draft 5.4.2) */
#define DHA_GSS_SUCCESS			0
#define DHA_GSS_UNSPECIFIED		128
#define DHA_GSS_MALFORMED		129	/* no G flag in the SS Reply */
#define DHA_GSS_NOT_IN_SET		130	/* sender not in the global set */
#define DHA_GSS_NO_OPTION		131	/* no mobility option */

/* State Synchronization Status flags */
#define DHA_SS_STATUS_FLAG_REPLY	0x80	/* answers a request */
#define DHA_SS_STATUS_FLAG_LAST		0x40	/* the last message of it */
#define DHA_SS_STATUS_FLAG_MERGE	0x20	/* a former active's changes */

/* Option Data lengths of the fixed-size options (the Length octet) */
#define DHA_MHOPT_REFRESH_ADVICE_LEN	2
#define DHA_MHOPT_ALT_COA_LEN		16
#define DHA_MHOPT_NONCE_INDICES_LEN	4
#define DHA_MHOPT_MOBILE_NET_PREFIX_LEN	18
#define DHA_MHOPT_VENDOR_MIN_LEN	5	/* vendor id 4 + subtype 1 */

/* Binding Update flags, 16-bit word after the sequence number */
#define DHA_BU_FLAG_A			0x8000	/* Acknowledge */
#define DHA_BU_FLAG_H			0x4000	/* Home registration */
#define DHA_BU_FLAG_L			0x2000	/* Link-local compatibility */
#define DHA_BU_FLAG_K			0x1000	/* Key management mobility */
#define DHA_BU_FLAG_R			0x0400	/* Mobile router, RFC 3963 */
#define DHA_BU_FLAG_P			0x0200	/* Proxy registration, RFC 5213 */

/* Binding Acknowledgement flags, the octet after the status */
#define DHA_BA_FLAG_K			0x80
#define DHA_BA_FLAG_R			0x40	/* RFC 3963 */
#define DHA_BA_FLAG_P			0x20	/* RFC 5213 */

/* Lifetime fields of BU, BA and the Refresh Advice are in units of 4 s. */
#define DHA_MH_LIFETIME_UNIT_S		4

/* Binding Acknowledgement status (RFC 6275 6.1.8; 140-143 RFC 3963) */
#define DHA_BA_ACCEPTED				0
#define DHA_BA_ACCEPTED_PREFIX_DISCOVERY	1
#define DHA_BA_REASON_UNSPECIFIED		128
#define DHA_BA_ADMIN_PROHIBITED			129
#define DHA_BA_INSUFFICIENT_RESOURCES		130
#define DHA_BA_HOME_REG_NOT_SUPPORTED		131
#define DHA_BA_NOT_HOME_SUBNET			132
#define DHA_BA_NOT_HOME_AGENT			133
#define DHA_BA_DAD_FAILED			134
#define DHA_BA_SEQ_OUT_OF_WINDOW		135
#define DHA_BA_EXPIRED_HOME_NONCE		136
#define DHA_BA_EXPIRED_CAREOF_NONCE		137
#define DHA_BA_EXPIRED_NONCES			138
#define DHA_BA_REG_TYPE_CHANGE_DISALLOWED	139
#define DHA_BA_MR_OP_NOT_PERMITTED		140
#define DHA_BA_INVALID_PREFIX			141
#define DHA_BA_NOT_AUTHORIZED_FOR_PREFIX	142
#define DHA_BA_FORWARDING_SETUP_FAILED		143
/* Proxy Binding Acknowledgement status (RFC 5213 8.9) */
#define DHA_PBA_PROXY_REG_NOT_ENABLED			152
#define DHA_PBA_NOT_LMA_FOR_THIS_MOBILE_NODE		153
#define DHA_PBA_MAG_NOT_AUTHORIZED_FOR_PROXY_REG	154
#define DHA_PBA_NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX	155
#define DHA_PBA_TIMESTAMP_MISMATCH			156
#define DHA_PBA_TIMESTAMP_LOWER_THAN_PREV_ACCEPTED	157
#define DHA_PBA_MISSING_HOME_NETWORK_PREFIX_OPTION	158
#define DHA_PBA_BCE_PBU_PREFIX_SET_DO_NOT_MATCH		159
#define DHA_PBA_MISSING_MN_IDENTIFIER_OPTION		160
#define DHA_PBA_MISSING_HANDOFF_INDICATOR_OPTION	161
#define DHA_PBA_MISSING_ACCESS_TECH_TYPE_OPTION		162
/* RFC 6275 6.1.8: values of 128 and above mean the BU was rejected. */
#define DHA_BA_REJECTED_MIN			128

/* Binding Error status (RFC 6275 6.1.9) */
#define DHA_BE_UNKNOWN_HAO_BINDING	1
#define DHA_BE_UNKNOWN_MH_TYPE		2

/* ---- IPv6 extension headers (RFC 6275 6.3, 6.4) ---- */
#define DHA_DSTOPT_PAD1			0
#define DHA_DSTOPT_PADN			1
#define DHA_DSTOPT_HOME_ADDRESS		201	/* 0xC9 */
#define DHA_DSTOPT_HOME_ADDRESS_LEN	16
#define DHA_RTHDR_TYPE_2		2

/* ---- ICMPv6 (RFC 4443, RFC 4861, RFC 6275 6.5-6.8) ---- */
#define DHA_ICMP6_PARAM_PROB		4
#define DHA_ICMP6_PARAM_PROB_HEADER	0	/* erroneous header field */
#define DHA_ICMP6_ROUTER_SOLICIT	133
#define DHA_ICMP6_ROUTER_ADVERT		134
#define DHA_ICMP6_NEIGHBOR_SOLICIT	135
#define DHA_ICMP6_NEIGHBOR_ADVERT	136
#define DHA_ICMP6_DHAAD_REQUEST		144
#define DHA_ICMP6_DHAAD_REPLY		145
#define DHA_ICMP6_MOBILE_PREFIX_SOLICIT	146
#define DHA_ICMP6_MOBILE_PREFIX_ADVERT	147

/* Neighbor Discovery option types */
#define DHA_NDOPT_SOURCE_LLADDR		1
#define DHA_NDOPT_TARGET_LLADDR		2
#define DHA_NDOPT_PREFIX_INFO		3
#define DHA_NDOPT_MTU			5
#define DHA_NDOPT_ADV_INTERVAL		7	/* RFC 6275 7.3 */
#define DHA_NDOPT_HA_INFO		8	/* RFC 6275 7.4 */
/*
 * Load Balance Information (draft-deng-mip6-ha-loadbalance section 7):
 * the draft asks for an assignment it never got, so it is carried in
 * the RFC 4727 experimental ND option type 253 (dha choice).
 */
#define DHA_NDOPT_LB_INFO		253

/* Router Advertisement: the M/O/H/... octet after Cur Hop Limit */
#define DHA_RA_FLAG_M			0x80	/* managed, RFC 4861 */
#define DHA_RA_FLAG_O			0x40	/* other config, RFC 4861 */
#define DHA_RA_FLAG_H			0x20	/* home agent, RFC 6275 7.1 */
/*
 * "L", load balance information present (deng draft section 6, dha
 * choice of bit): the draft draws it right after H.  That bit is also
 * the high bit of RFC 4191's Default Router Preference (0x18), so an RA
 * with L set can only carry the preferences medium (L alone reads as
 * the reserved value 10, which RFC 4191 receivers treat as medium) or
 * low; dha's RAs leave the preference at medium.
 */
#define DHA_RA_FLAG_L			0x10
#define DHA_RA_PREFERENCE_MASK		0x18	/* RFC 4191 2.2 */

/* Prefix Information option: the flag octet after Prefix Length */
#define DHA_PREFIX_FLAG_L		0x80	/* on-link */
#define DHA_PREFIX_FLAG_A		0x40	/* autonomous configuration */
#define DHA_PREFIX_FLAG_R		0x20	/* router address, RFC 6275 7.2 */

/* Home Agent Information option: the octet after Length */
#define DHA_HA_INFO_FLAG_R		0x80	/* mobile routers, RFC 3963 */

/* Neighbor Advertisement: first octet of the flag word */
#define DHA_NA_FLAG_R			0x80	/* router */
#define DHA_NA_FLAG_S			0x40	/* solicited */
#define DHA_NA_FLAG_O			0x20	/* override */

/* DHAAD Request/Reply: first octet after the identifier */
#define DHA_DHAAD_FLAG_R		0x80	/* mobile router, RFC 3963 */

/* Reserved subnet anycast ID of the Mobile IPv6 home agents (RFC 2526) */
#define DHA_ANYCAST_ID_MIP6_HA		0x7e

/* Mobile Prefix Advertisement: first octet after the identifier */
#define DHA_MPA_FLAG_M			0x80
#define DHA_MPA_FLAG_O			0x40

#endif /* DHA_WIRE_NUMBERS_H */
