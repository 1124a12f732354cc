/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Proxy Mobile IPv6 signalling (RFC 5213 8): the Proxy Binding Update (a
 * Binding Update, MH type 5, with the P flag) and the Proxy Binding
 * Acknowledgement (a Binding Acknowledgement, MH type 6, with P), and
 * their options: Mobile Node Identifier (RFC 4283), Home Network Prefix,
 * Handoff Indicator, Access Technology Type, Mobile Node Link-layer
 * Identifier, Link-local Address and Timestamp.
 *
 * Buffers start at the Mobility Header, as for wire/mh.h.  The parser
 * checks the form of each option: its length, the range of its values,
 * that it appears once (only Home Network Prefix may repeat).  Whether
 * the options RFC 5213 requires are all there is the receiver's
 * question, with an answer on the wire (a PBA status):
 * dha_pbu_missing_status() gives it.  Other mobility options are
 * skipped and counted, as RFC 5213 8.1 asks of the LMA.  The variable
 * fields (identifier, link-layer identifier) point into the parsed
 * buffer, which must outlive the struct.
 */
#ifndef DHA_WIRE_PMIP_H
#define DHA_WIRE_PMIP_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/mh.h"

/* Home Network Prefix options in one message (more: -E2BIG).  RFC 5213
 * lets a mobile node hold several prefixes and sets no limit; this is
 * policy. */
#define DHA_PMIP_HNP_MAX		8

/* Identifier octets an option can hold: Length is one octet and counts
 * the subtype (MN-ID) or the 16-bit Reserved field (link-layer ID). */
#define DHA_PMIP_MN_ID_MAX		(255 - 1)
#define DHA_PMIP_LL_ID_MAX		(255 - 2)

struct dha_pmip_hnp {
	uint8_t prefix_len;		/* 0..128 */
	struct in6_addr prefix;		/* :: asks the LMA to assign one
					   (RFC 5213 6.9.1.1); bits past
					   prefix_len kept as received */
};

struct dha_pmip_options {
	bool has_mn_id;
	uint8_t mn_id_subtype;		/* DHA_MN_ID_NAI */
	const uint8_t *mn_id;		/* not NUL-terminated */
	size_t mn_id_len;
	size_t hnp_count;
	struct dha_pmip_hnp hnp[DHA_PMIP_HNP_MAX];
	bool has_handoff;
	uint8_t handoff;		/* DHA_HI_*, others kept as received */
	bool has_att;
	uint8_t att;			/* DHA_ATT_*, others kept as received */
	bool has_ll_id;
	const uint8_t *ll_id;
	size_t ll_id_len;
	bool has_link_local;
	struct in6_addr link_local;	/* :: asks the LMA for the MAG's */
	bool has_timestamp;
	uint64_t timestamp;		/* 48 bits of seconds since 1970,
					   16 bits of 1/65536 s */
	size_t skipped;			/* parse only: other options */
};

struct dha_pmip_msg {
	uint8_t type;			/* DHA_MH_BU (PBU) or DHA_MH_BA (PBA) */
	size_t len;			/* (Header Len + 1) * 8 */
	uint16_t checksum;		/* as received; ignored by the builder */
	union {
		struct dha_mh_bu bu;	/* flags include DHA_BU_FLAG_P */
		struct dha_mh_ba ba;	/* flags include DHA_BA_FLAG_P */
	} u;
	struct dha_pmip_options opts;
	enum dha_mh_fault fault;	/* parse only */
	size_t fault_offset;		/* parse only: offending octet */
};

/*
 * Parse the PBU or PBA in buf[0..len); octets after (Header Len + 1) * 8
 * are ignored.  Returns 0; -ENOMSG for a well-formed Mobility Header
 * that is not a PBU or PBA (another type, or the P flag clear: msg->type
 * and the fixed fields are set, so the caller can hand it to wire/mh.h);
 * -E2BIG over DHA_PMIP_HNP_MAX; -EBADMSG for anything malformed: a
 * header RFC 6275 9.2 refuses, an option that overruns, has a wrong
 * length, a prefix length over 128, a Link-local Address that is
 * neither :: nor fe80::/10, a Network Access Identifier with a control
 * character, or that appears twice.  On failure msg->fault and
 * msg->fault_offset say what and where.
 */
int dha_pmip_parse(const uint8_t *buf, size_t len, struct dha_pmip_msg *msg);

/*
 * Build msg into buf (capacity cap) with the P flag set whatever
 * u.bu.flags or u.ba.flags say: fixed fields, then the options present
 * in the order Mobile Node Identifier, Home Network Prefixes, Handoff
 * Indicator, Access Technology Type, Mobile Node Link-layer Identifier,
 * Link-local Address, Timestamp, each at its alignment (none, 8n+4,
 * none, none, 2n, 8n+6, 8n+2), the whole padded to a multiple of 8.
 * The checksum is left zero (dha_mh_checksum_set()).  Returns 0 with
 * *out_len set, -ENOSPC, or -EINVAL for what the parser would refuse
 * (a type other than BU or BA, too many prefixes, an empty or too long
 * identifier, a prefix length over 128).
 */
int dha_pmip_build(uint8_t *buf, size_t cap, const struct dha_pmip_msg *msg,
		   size_t *out_len);

/*
 * The PBA status RFC 5213 5.3.1 gives a PBU that lacks an option it
 * requires, checking in the RFC's order Mobile Node Identifier
 * (DHA_PBA_MISSING_MN_IDENTIFIER_OPTION), Home Network Prefix, Handoff
 * Indicator, Access Technology Type; 0 when all are there.
 */
uint8_t dha_pbu_missing_status(const struct dha_pmip_options *opts);

/* The names RFC 5213 8.9 gives statuses 152-162
 * ("MISSING_HANDOFF_INDICATOR_OPTION"); NULL for other values (a PBA
 * also carries RFC 6275's, 0 and 128-143). */
const char *dha_pba_status_name(uint8_t status);
/* Short names of the Handoff Indicator and Access Technology Type values
 * RFC 5213 defines; NULL for others (0, reserved, included). */
const char *dha_pmip_handoff_name(uint8_t hi);
const char *dha_pmip_att_name(uint8_t att);

#endif /* DHA_WIRE_PMIP_H */
