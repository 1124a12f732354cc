/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Home agent to home agent messages (draft-ietf-mip6-hareliability-00,
 * section 6), carried in the Experimental Mobility Header (RFC 5096,
 * MH type 11) as Documentation/wire-numbers.md fixes:
 *
 *   octet 0..5   Mobility Header (Payload Proto, Header Len, type 11,
 *                Reserved, Checksum)
 *   octet 6      subtype (DHA_HAMSG_*)
 *   octet 7      flags in the State Synchronization messages (the
 *                global HAHA draft's A and G), else reserved, zero
 *   octet 8..    the draft's Message Data for that message, then options
 *
 * Options follow the RFC 6275 rules (TLV, alignment, padding); the
 * draft's options and dha's own additions are numbered in the private
 * space of these messages (numbers.h, Documentation/wire-numbers.md).
 *
 * Options that follow a Binding Cache Information option (Mobile Network
 * Prefixes, AAA, Vendor Specific Information) belong to that binding;
 * Mobile Network Prefix and IP Address options before any of them belong
 * to the message (a State Synchronization Request names what it wants
 * with them). The Authentication option, when present, is the last
 * option; dhad computes and checks its MAC (the codec only places it).
 */
#ifndef DHA_WIRE_HAMSG_H
#define DHA_WIRE_HAMSG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/mh.h"

/* Caps on what one message holds (larger ones are refused, E2BIG). */
#define DHA_HAMSG_ADDRS_MAX		16	/* IP Address options */
#define DHA_HAMSG_MNP_MAX		16	/* per message or per binding */
#define DHA_HAMSG_BCI_MAX		32	/* bindings per message */
#define DHA_HAMSG_VENDOR_MAX		4	/* per binding */
#define DHA_HAMSG_GSS_STATUS_MAX	DHA_HAMSG_BCI_MAX /* one per binding
							   answered */

/* Message Data offsets: where the draft's fields start. */
#define DHA_HAMSG_DATA_OFFSET		8

/* The MAC of the Authentication option: HMAC-SHA256. */
#define DHA_HAMSG_MAC_LEN		32

struct dha_hamsg_addr {
	uint8_t code;			/* DHA_HAOPT_IPADDR_* */
	uint8_t prefix_len;
	struct in6_addr addr;
};

struct dha_hamsg_vendor {
	uint16_t vendor_code;
	const uint8_t *data;		/* into the parsed buffer */
	size_t data_len;
};

/* A binding as the Binding Cache Information option carries it. */
struct dha_hamsg_bci {
	uint16_t flags;			/* BU flags, DHA_BU_FLAG_* */
	uint16_t seq;
	uint16_t lifetime;		/* units of 4 s; 0: the binding is gone */
	struct in6_addr home_address;
	struct in6_addr care_of_address;
	size_t mnp_count;
	struct dha_mh_mnp mnp[DHA_HAMSG_MNP_MAX];
	const uint8_t *aaa;		/* AAA AVPs, opaque; NULL: none */
	size_t aaa_len;
	size_t vendor_count;
	struct dha_hamsg_vendor vendor[DHA_HAMSG_VENDOR_MAX];
};

struct dha_hamsg_hello {
	uint16_t seq;
	uint16_t preference;		/* as the draft: unsigned */
	uint16_t lifetime;		/* seconds */
	uint16_t interval;		/* milliseconds (dha choice) */
	uint8_t group;
	uint8_t flags;			/* DHA_HELLO_FLAG_* */
};

/* State Synchronization Status (dha addition): which request a message
 * answers, and whether it is the last of a full-cache transfer. */
struct dha_hamsg_ss_status {
	uint8_t flags;			/* DHA_SS_STATUS_FLAG_* */
	uint16_t request_id;
	uint32_t total;			/* bindings in the whole transfer */
};

/* Global HAHA SS Status (draft 5.4.2): one global binding's outcome. */
struct dha_hamsg_gss_status {
	uint8_t status;			/* DHA_GSS_* */
	struct in6_addr home_address;
};

/* Authentication (dha addition). */
struct dha_hamsg_auth {
	uint16_t key_id;
	uint64_t counter;		/* strictly increasing per sender */
	const uint8_t *mac;		/* parse: into the buffer */
	size_t mac_offset;		/* parse and build: MAC's offset */
};

struct dha_hamsg {
	uint8_t subtype;		/* DHA_HAMSG_* */
	size_t len;			/* (Header Len + 1) * 8 */
	union {
		uint16_t seq;		/* Hello Request */
		struct dha_hamsg_hello hello;
		uint16_t id;		/* SS Request, SS, SS Ack */
		uint16_t status;	/* the four switch messages: Reserved
					   in requests, Status in replies */
	} u;
	uint16_t ack_status;		/* SS Ack only: DHA_SS_ACK_* */
	uint8_t ss_flags;		/* SS Request, SS, SS Ack: octet 7,
					   DHA_SS_FLAG_*; else reserved */

	size_t addr_count;
	struct dha_hamsg_addr addrs[DHA_HAMSG_ADDRS_MAX];
	size_t mnp_count;		/* message-level (SS Request) */
	struct dha_mh_mnp mnp[DHA_HAMSG_MNP_MAX];
	size_t bci_count;
	struct dha_hamsg_bci bci[DHA_HAMSG_BCI_MAX];
	bool has_ss_status;
	struct dha_hamsg_ss_status ss_status;
	size_t gss_status_count;	/* SS Ack only */
	struct dha_hamsg_gss_status gss_status[DHA_HAMSG_GSS_STATUS_MAX];
	bool has_auth;
	struct dha_hamsg_auth auth;
	size_t skipped;			/* parse only: unknown options */

	enum dha_mh_fault fault;	/* parse only */
	size_t fault_offset;
};

/*
 * Parses a whole Mobility Header of type 11 holding one of these
 * messages (the checksum is the caller's). Pointers in the result point
 * into buf. 0; -EBADMSG (malformed, truncated, misplaced or repeated
 * option, wrong MH type); -EPROTONOSUPPORT (unknown subtype); -E2BIG
 * (over a cap). msg->fault says which and where.
 */
int dha_hamsg_parse(const uint8_t *buf, size_t len, struct dha_hamsg *msg);

/*
 * Builds msg into buf (cap octets), padded to 8n, with a zero checksum.
 * With has_auth the Authentication option is placed last with a zeroed
 * MAC and msg->auth.mac_offset is set; the caller fills the MAC over
 * the message's first mac_offset octets (see dhad's auth code). 0,
 * -ENOSPC, or -EINVAL for what the wire cannot carry.
 */
int dha_hamsg_build(uint8_t *buf, size_t cap, struct dha_hamsg *msg,
		    size_t *out_len);

/* The wire length of one binding in a State Synchronization, padding
 * included at worst: for filling messages up to a size. */
size_t dha_hamsg_bci_size_max(const struct dha_hamsg_bci *bci);

#endif /* DHA_WIRE_HAMSG_H */
