/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mobility Header codec: RFC 6275 section 6.1-6.2, the NEMO additions of
 * RFC 3963, Home Agent Switch (RFC 5142), Vendor-Specific option
 * (RFC 5094) and the Experimental MH (RFC 5096).
 *
 * Buffers start at the Mobility Header itself, as a raw IPPROTO_MH socket
 * delivers it.  Parsers fill a caller's struct and never allocate; the
 * few variable-length fields (authenticator, vendor data, experimental
 * message data) point into the parsed buffer, which must outlive the
 * struct.
 */
#ifndef DHA_WIRE_MH_H
#define DHA_WIRE_MH_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/numbers.h"

/*
 * Caps on repeated items.  An MH is at most 2048 octets (Header Len is one
 * octet of 8-octet units), which bounds the Home Agent Switch list; the
 * others are policy: more Mobile Network Prefixes than this in one BU is
 * refused with -E2BIG rather than truncated.
 */
#define DHA_MH_MAX_LEN			2048
#define DHA_MH_MNP_MAX			32
#define DHA_MH_VENDOR_MAX		8
#define DHA_MH_HAS_ADDRS_MAX		127

/* Fixed part of every MH: Payload Proto, Header Len, MH Type, Reserved, Checksum */
#define DHA_MH_HDR_LEN			6
#define DHA_MH_CHECKSUM_OFFSET		4

struct dha_mh_mnp {
	uint8_t prefix_len;	/* raw; the daemon answers >128 with status 141 */
	struct in6_addr prefix;
};

struct dha_mh_vendor {
	uint32_t vendor_id;	/* IANA SMI enterprise number */
	uint8_t subtype;
	const uint8_t *data;
	size_t data_len;
};

/*
 * The mobility options of one message.  Options that are not defined for
 * the message type they arrive in are skipped like unknown ones (RFC 6275
 * 6.2.1) and only counted.
 */
struct dha_mh_options {
	bool has_refresh_advice;
	uint16_t refresh_interval;		/* units of 4 s */
	bool has_alt_coa;
	struct in6_addr alt_coa;
	bool has_nonce_indices;
	uint16_t home_nonce_index;
	uint16_t careof_nonce_index;
	bool has_auth_data;
	const uint8_t *auth_data;		/* authenticator */
	size_t auth_data_len;
	size_t mnp_count;
	struct dha_mh_mnp mnp[DHA_MH_MNP_MAX];
	size_t vendor_count;
	struct dha_mh_vendor vendor[DHA_MH_VENDOR_MAX];
	size_t skipped;				/* parse only: ignored options */
};

struct dha_mh_bu {
	uint16_t seq;
	uint16_t flags;		/* DHA_BU_FLAG_*, reserved bits kept as received */
	uint16_t lifetime;	/* units of 4 s */
};

struct dha_mh_ba {
	uint8_t status;		/* DHA_BA_* */
	uint8_t flags;		/* DHA_BA_FLAG_* */
	uint16_t seq;
	uint16_t lifetime;	/* units of 4 s */
};

struct dha_mh_be {
	uint8_t status;		/* DHA_BE_* */
	struct in6_addr home_addr;
};

/* Home Test Init and Care-of Test Init */
struct dha_mh_test_init {
	uint8_t cookie[8];
};

/* Home Test and Care-of Test */
struct dha_mh_test {
	uint16_t nonce_index;
	uint8_t cookie[8];
	uint8_t keygen_token[8];
};

struct dha_mh_ha_switch {
	size_t addr_count;
	struct in6_addr addrs[DHA_MH_HAS_ADDRS_MAX];
};

/* RFC 5096: opaque Message Data; its first octet is dha's subtype. */
struct dha_mh_experimental {
	const uint8_t *data;
	size_t len;
};

/* What was wrong with a message that failed to parse, so the daemon can
 * pick the reaction RFC 6275 9.2 asks for. */
enum dha_mh_fault {
	DHA_MH_FAULT_NONE,
	DHA_MH_FAULT_TRUNCATED,		/* shorter than Header Len says: drop */
	DHA_MH_FAULT_UNKNOWN_TYPE,	/* Binding Error status 2 */
	DHA_MH_FAULT_PAYLOAD_PROTO,	/* ICMP Parameter Problem, pointer 0 */
	DHA_MH_FAULT_HEADER_LEN,	/* ICMP Parameter Problem, pointer 1 */
	DHA_MH_FAULT_MALFORMED,		/* a field or option overruns or has a
					   wrong length, or an option is
					   repeated or misplaced: drop */
	DHA_MH_FAULT_TOO_MANY,		/* over a DHA_MH_*_MAX cap: drop */
};

struct dha_mh_msg {
	uint8_t type;			/* DHA_MH_* */
	size_t len;			/* (Header Len + 1) * 8 */
	uint16_t checksum;		/* as received; ignored by the builder */
	union {
		struct dha_mh_bu bu;
		struct dha_mh_ba ba;
		struct dha_mh_be be;
		struct dha_mh_test_init test_init;
		struct dha_mh_test test;
		struct dha_mh_ha_switch has;
		struct dha_mh_experimental exp;
	} u;				/* BRR has no fixed fields */
	struct dha_mh_options opts;	/* not used for the Experimental MH */
	enum dha_mh_fault fault;	/* parse only */
	size_t fault_offset;		/* parse only: offending octet */
};

/*
 * Parse the MH in buf[0..len).  Octets after (Header Len + 1) * 8 are
 * ignored: Payload Proto 59 says nothing follows (RFC 8200 4.7).
 * Returns 0; -EPROTONOSUPPORT for an MH type this codec does not know
 * (msg->type is set, reply with a Binding Error status 2); -E2BIG when a
 * cap is exceeded; -EBADMSG for anything malformed.  On failure
 * msg->fault and msg->fault_offset say what and where.
 */
int dha_mh_parse(const uint8_t *buf, size_t len, struct dha_mh_msg *msg);

/*
 * Build msg into buf (capacity cap): fixed fields, then the options
 * present in msg->opts in the order Refresh Advice, Alternate CoA, Nonce
 * Indices, Mobile Network Prefixes, Vendor-Specific, Authorization Data
 * (which RFC 6275 6.2.7 requires last), each padded to its alignment
 * (RFC 6275 6.2: 2n, 8n+6, 2n, 8n+4 (RFC 3963), 4n+2 (RFC 5094), 8n+2)
 * and the whole padded to a multiple of 8 octets.  The checksum is left
 * zero (the kernel fills it in); see dha_mh_checksum_set().
 * For the Experimental MH, u.exp.data is copied as is and 6 + its length
 * must be a multiple of 8.  Returns 0 with *out_len set, -ENOSPC, or
 * -EINVAL for a type, count or length the wire cannot carry.
 */
int dha_mh_build(uint8_t *buf, size_t cap, const struct dha_mh_msg *msg,
		 size_t *out_len);

/*
 * Checksum (RFC 6275 6.1.1) over the pseudo-header: src is the home
 * address when the packet carries a Home Address option and dst the
 * final destination when it carries a type 2 routing header.  buf is a
 * whole MH (len >= 8, as the builder makes it).
 */
void dha_mh_checksum_set(uint8_t *buf, size_t len, const struct in6_addr *src,
			 const struct in6_addr *dst);
bool dha_mh_checksum_ok(const uint8_t *buf, size_t len,
			const struct in6_addr *src, const struct in6_addr *dst);

#endif /* DHA_WIRE_MH_H */
