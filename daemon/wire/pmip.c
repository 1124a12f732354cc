// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/pmip.h"

/* BU and BA: the 6-octet MH header and 6 octets of fixed fields. */
#define PMIP_FIXED_LEN		12

static int pmip_fail(struct dha_pmip_msg *msg, int err, enum dha_mh_fault fault,
		     size_t offset)
{
	msg->fault = fault;
	msg->fault_offset = offset;
	return err;
}

/* RFC 4282 and its successor RFC 7542 make a NAI UTF-8 text; a control
 * octet (NUL among them) has no place in one. */
static bool nai_ok(const uint8_t *id, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (id[i] < 0x20 || id[i] == 0x7f)
			return false;
	return true;
}

/* The MAG asks for the LMA's stored link-local address with :: (RFC 5213
 * 6.9.1.1); anything else must be a link-local address. */
static bool link_local_ok(const struct in6_addr *a)
{
	static const struct in6_addr any = IN6ADDR_ANY_INIT;

	return !memcmp(a, &any, sizeof(*a)) ||
	       (a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80);
}

static uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

/*
 * One PMIPv6 option's data (len octets at d) into o: -EBADMSG for a
 * wrong length or value or a second copy, -E2BIG past the prefix cap.
 * Reserved fields are ignored, as RFC 5213 8.3-8.6 ask of receivers.
 */
static int take_option(struct dha_pmip_options *o, uint8_t type,
		       const uint8_t *d, size_t len)
{
	struct dha_pmip_hnp *hnp;

	switch (type) {
	case DHA_MHOPT_MN_ID:
		if (o->has_mn_id || len < DHA_MHOPT_MN_ID_MIN_LEN ||
		    (d[0] == DHA_MN_ID_NAI && !nai_ok(d + 1, len - 1)))
			return -EBADMSG;
		o->has_mn_id = true;
		o->mn_id_subtype = d[0];
		o->mn_id = d + 1;
		o->mn_id_len = len - 1;
		return 0;
	case DHA_MHOPT_HNP:
		if (len != DHA_MHOPT_HNP_LEN || d[1] > 128)
			return -EBADMSG;
		if (o->hnp_count == DHA_PMIP_HNP_MAX)
			return -E2BIG;
		hnp = &o->hnp[o->hnp_count++];
		hnp->prefix_len = d[1];
		get_in6(d + 2, &hnp->prefix);
		return 0;
	case DHA_MHOPT_HANDOFF:
		if (o->has_handoff || len != DHA_MHOPT_HANDOFF_LEN)
			return -EBADMSG;
		o->has_handoff = true;
		o->handoff = d[1];
		return 0;
	case DHA_MHOPT_ATT:
		if (o->has_att || len != DHA_MHOPT_ATT_LEN)
			return -EBADMSG;
		o->has_att = true;
		o->att = d[1];
		return 0;
	case DHA_MHOPT_MN_LL_ID:
		if (o->has_ll_id || len < DHA_MHOPT_MN_LL_ID_MIN_LEN)
			return -EBADMSG;
		o->has_ll_id = true;
		o->ll_id = d + 2;
		o->ll_id_len = len - 2;
		return 0;
	case DHA_MHOPT_LINK_LOCAL:
		if (o->has_link_local || len != DHA_MHOPT_LINK_LOCAL_LEN)
			return -EBADMSG;
		get_in6(d, &o->link_local);
		if (!link_local_ok(&o->link_local))
			return -EBADMSG;
		o->has_link_local = true;
		return 0;
	case DHA_MHOPT_TIMESTAMP:
		if (o->has_timestamp || len != DHA_MHOPT_TIMESTAMP_LEN)
			return -EBADMSG;
		o->has_timestamp = true;
		o->timestamp = get_be64(d);
		return 0;
	default:
		/* RFC 5213 8.1: skip what is not understood. */
		o->skipped++;
		return 0;
	}
}

static int parse_options(const uint8_t *buf, size_t off, size_t end,
			 struct dha_pmip_msg *msg)
{
	while (off < end) {
		uint8_t type = buf[off];
		size_t len;
		int err;

		/* Pad1 is the one option without a length octet. */
		if (type == DHA_MHOPT_PAD1) {
			off++;
			continue;
		}
		if (end - off < 2 || buf[off + 1] > end - off - 2)
			return pmip_fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		len = buf[off + 1];
		if (type != DHA_MHOPT_PADN) {
			err = take_option(&msg->opts, type, buf + off + 2, len);
			if (err)
				return pmip_fail(msg, err, err == -E2BIG ?
						 DHA_MH_FAULT_TOO_MANY :
						 DHA_MH_FAULT_MALFORMED, off);
		}
		off += 2 + len;
	}
	return 0;
}

int dha_pmip_parse(const uint8_t *buf, size_t len, struct dha_pmip_msg *msg)
{
	size_t total;
	bool proxy;

	memset(msg, 0, sizeof(*msg));
	/* The checks of RFC 6275 9.2, in its order, as wire/mh.c makes them. */
	if (len < 8)
		return pmip_fail(msg, -EBADMSG, DHA_MH_FAULT_TRUNCATED, len);
	total = ((size_t)buf[1] + 1) * 8;
	if (total > len)
		return pmip_fail(msg, -EBADMSG, DHA_MH_FAULT_TRUNCATED, 1);
	msg->type = buf[2];
	msg->len = total;
	msg->checksum = get_be16(buf + DHA_MH_CHECKSUM_OFFSET);
	if (msg->type != DHA_MH_BU && msg->type != DHA_MH_BA)
		return -ENOMSG;
	if (buf[0] != DHA_MH_PAYLOAD_PROTO)
		return pmip_fail(msg, -EBADMSG, DHA_MH_FAULT_PAYLOAD_PROTO, 0);
	if (total < PMIP_FIXED_LEN)
		return pmip_fail(msg, -EBADMSG, DHA_MH_FAULT_HEADER_LEN, 1);

	if (msg->type == DHA_MH_BU) {
		msg->u.bu.seq = get_be16(buf + 6);
		msg->u.bu.flags = get_be16(buf + 8);
		msg->u.bu.lifetime = get_be16(buf + 10);
		proxy = msg->u.bu.flags & DHA_BU_FLAG_P;
	} else {
		msg->u.ba.status = buf[6];
		msg->u.ba.flags = buf[7];
		msg->u.ba.seq = get_be16(buf + 8);
		msg->u.ba.lifetime = get_be16(buf + 10);
		proxy = msg->u.ba.flags & DHA_BA_FLAG_P;
	}
	if (!proxy)
		return -ENOMSG;
	return parse_options(buf, PMIP_FIXED_LEN, total, msg);
}

/* What the parser would refuse, the builder refuses to write. */
static bool options_ok(const struct dha_pmip_options *o)
{
	size_t i;

	if (o->hnp_count > DHA_PMIP_HNP_MAX)
		return false;
	for (i = 0; i < o->hnp_count; i++)
		if (o->hnp[i].prefix_len > 128)
			return false;
	if (o->has_mn_id &&
	    (o->mn_id_len == 0 || o->mn_id_len > DHA_PMIP_MN_ID_MAX ||
	     (o->mn_id_subtype == DHA_MN_ID_NAI &&
	      !nai_ok(o->mn_id, o->mn_id_len))))
		return false;
	if (o->has_ll_id &&
	    (o->ll_id_len == 0 || o->ll_id_len > DHA_PMIP_LL_ID_MAX))
		return false;
	return !o->has_link_local || link_local_ok(&o->link_local);
}

/* The two options made of Reserved (8) and a value (8); no alignment. */
static int put_byte_option(uint8_t *buf, size_t cap, size_t *off,
			   uint8_t type, uint8_t value)
{
	uint8_t *d;
	int err = dha_put_option(buf, cap, off, 1, 0, type, 2, &d);

	if (!err)
		d[1] = value;
	return err;
}

static int build_options(uint8_t *buf, size_t cap, size_t *off,
			 const struct dha_pmip_options *o)
{
	uint8_t *d;
	size_t i;
	int err;

	if (o->has_mn_id) {
		err = dha_put_option(buf, cap, off, 1, 0, DHA_MHOPT_MN_ID,
				     1 + o->mn_id_len, &d);
		if (err)
			return err;
		d[0] = o->mn_id_subtype;
		memcpy(d + 1, o->mn_id, o->mn_id_len);
	}
	for (i = 0; i < o->hnp_count; i++) {
		err = dha_put_option(buf, cap, off, 8, 4, DHA_MHOPT_HNP,
				     DHA_MHOPT_HNP_LEN, &d);
		if (err)
			return err;
		d[1] = o->hnp[i].prefix_len;
		put_in6(d + 2, &o->hnp[i].prefix);
	}
	if (o->has_handoff) {
		err = put_byte_option(buf, cap, off, DHA_MHOPT_HANDOFF, o->handoff);
		if (err)
			return err;
	}
	if (o->has_att) {
		err = put_byte_option(buf, cap, off, DHA_MHOPT_ATT, o->att);
		if (err)
			return err;
	}
	if (o->has_ll_id) {
		/* RFC 5213 8.6 leaves the alignment to the identifier's
		 * size; its only multi-octet field is the 16-bit Reserved. */
		err = dha_put_option(buf, cap, off, 2, 0, DHA_MHOPT_MN_LL_ID,
				     2 + o->ll_id_len, &d);
		if (err)
			return err;
		memcpy(d + 2, o->ll_id, o->ll_id_len);
	}
	if (o->has_link_local) {
		err = dha_put_option(buf, cap, off, 8, 6, DHA_MHOPT_LINK_LOCAL,
				     DHA_MHOPT_LINK_LOCAL_LEN, &d);
		if (err)
			return err;
		put_in6(d, &o->link_local);
	}
	if (o->has_timestamp) {
		err = dha_put_option(buf, cap, off, 8, 2, DHA_MHOPT_TIMESTAMP,
				     DHA_MHOPT_TIMESTAMP_LEN, &d);
		if (err)
			return err;
		put_be64(d, o->timestamp);
	}
	return 0;
}

int dha_pmip_build(uint8_t *buf, size_t cap, const struct dha_pmip_msg *msg,
		   size_t *out_len)
{
	size_t off = PMIP_FIXED_LEN;
	int err;

	if ((msg->type != DHA_MH_BU && msg->type != DHA_MH_BA) ||
	    !options_ok(&msg->opts))
		return -EINVAL;
	if (cap < PMIP_FIXED_LEN)
		return -ENOSPC;
	memset(buf, 0, PMIP_FIXED_LEN);
	buf[0] = DHA_MH_PAYLOAD_PROTO;
	buf[2] = msg->type;
	if (msg->type == DHA_MH_BU) {
		put_be16(buf + 6, msg->u.bu.seq);
		put_be16(buf + 8, msg->u.bu.flags | DHA_BU_FLAG_P);
		put_be16(buf + 10, msg->u.bu.lifetime);
	} else {
		buf[6] = msg->u.ba.status;
		buf[7] = msg->u.ba.flags | DHA_BA_FLAG_P;
		put_be16(buf + 8, msg->u.ba.seq);
		put_be16(buf + 10, msg->u.ba.lifetime);
	}
	err = build_options(buf, cap, &off, &msg->opts);
	if (!err)
		err = dha_pad_to(buf, cap, &off, 8, 0);
	if (err)
		return err;
	/* 8 prefixes and two identifiers at their longest still fit in
	 * the 2048 octets Header Len can count. */
	buf[1] = (uint8_t)(off / 8 - 1);
	*out_len = off;
	return 0;
}

uint8_t dha_pbu_missing_status(const struct dha_pmip_options *opts)
{
	if (!opts->has_mn_id)
		return DHA_PBA_MISSING_MN_IDENTIFIER_OPTION;
	if (!opts->hnp_count)
		return DHA_PBA_MISSING_HOME_NETWORK_PREFIX_OPTION;
	if (!opts->has_handoff)
		return DHA_PBA_MISSING_HANDOFF_INDICATOR_OPTION;
	if (!opts->has_att)
		return DHA_PBA_MISSING_ACCESS_TECH_TYPE_OPTION;
	return 0;
}

const char *dha_pba_status_name(uint8_t status)
{
	switch (status) {
	case DHA_PBA_PROXY_REG_NOT_ENABLED:
		return "PROXY_REG_NOT_ENABLED";
	case DHA_PBA_NOT_LMA_FOR_THIS_MOBILE_NODE:
		return "NOT_LMA_FOR_THIS_MOBILE_NODE";
	case DHA_PBA_MAG_NOT_AUTHORIZED_FOR_PROXY_REG:
		return "MAG_NOT_AUTHORIZED_FOR_PROXY_REG";
	case DHA_PBA_NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX:
		return "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX";
	case DHA_PBA_TIMESTAMP_MISMATCH:
		return "TIMESTAMP_MISMATCH";
	case DHA_PBA_TIMESTAMP_LOWER_THAN_PREV_ACCEPTED:
		return "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED";
	case DHA_PBA_MISSING_HOME_NETWORK_PREFIX_OPTION:
		return "MISSING_HOME_NETWORK_PREFIX_OPTION";
	case DHA_PBA_BCE_PBU_PREFIX_SET_DO_NOT_MATCH:
		return "BCE_PBU_PREFIX_SET_DO_NOT_MATCH";
	case DHA_PBA_MISSING_MN_IDENTIFIER_OPTION:
		return "MISSING_MN_IDENTIFIER_OPTION";
	case DHA_PBA_MISSING_HANDOFF_INDICATOR_OPTION:
		return "MISSING_HANDOFF_INDICATOR_OPTION";
	case DHA_PBA_MISSING_ACCESS_TECH_TYPE_OPTION:
		return "MISSING_ACCESS_TECH_TYPE_OPTION";
	default:
		return NULL;
	}
}

const char *dha_pmip_handoff_name(uint8_t hi)
{
	switch (hi) {
	case DHA_HI_NEW_INTERFACE:	return "new-interface";
	case DHA_HI_OTHER_INTERFACE:	return "other-interface";
	case DHA_HI_OTHER_MAG:		return "other-mag";
	case DHA_HI_UNKNOWN:		return "unknown";
	case DHA_HI_NOT_CHANGED:	return "not-changed";
	default:			return NULL;
	}
}

const char *dha_pmip_att_name(uint8_t att)
{
	switch (att) {
	case DHA_ATT_VIRTUAL:		return "virtual";
	case DHA_ATT_PPP:		return "ppp";
	case DHA_ATT_IEEE_802_3:	return "802.3";
	case DHA_ATT_IEEE_802_11:	return "802.11";
	case DHA_ATT_IEEE_802_16E:	return "802.16e";
	default:			return NULL;
	}
}
