// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/csum.h"
#include "wire/mh.h"

#define OPT_BIT(t)	(1u << (t))

/*
 * Per MH type: the length of the fixed message (header included) and the
 * options defined for it.  RFC 6275 6.2.4-6.2.7 say which message each
 * option is valid in; RFC 3963 adds the prefix option to BU and BA; the
 * Vendor-Specific option may appear in any message (RFC 5094).
 */
struct mh_layout {
	size_t fixed_len;
	uint32_t options;
};

static const struct mh_layout *mh_layout_of(uint8_t type)
{
	static const struct mh_layout brr = { 8, OPT_BIT(DHA_MHOPT_VENDOR) };
	static const struct mh_layout test_init = { 16, OPT_BIT(DHA_MHOPT_VENDOR) };
	static const struct mh_layout test = { 24, OPT_BIT(DHA_MHOPT_VENDOR) };
	static const struct mh_layout bu = {
		12, OPT_BIT(DHA_MHOPT_ALT_COA) | OPT_BIT(DHA_MHOPT_NONCE_INDICES) |
		    OPT_BIT(DHA_MHOPT_AUTH_DATA) |
		    OPT_BIT(DHA_MHOPT_MOBILE_NET_PREFIX) | OPT_BIT(DHA_MHOPT_VENDOR)
	};
	static const struct mh_layout ba = {
		12, OPT_BIT(DHA_MHOPT_REFRESH_ADVICE) | OPT_BIT(DHA_MHOPT_AUTH_DATA) |
		    OPT_BIT(DHA_MHOPT_MOBILE_NET_PREFIX) | OPT_BIT(DHA_MHOPT_VENDOR)
	};
	static const struct mh_layout be = { 24, OPT_BIT(DHA_MHOPT_VENDOR) };
	/* the address list follows; its length comes from # of Addresses */
	static const struct mh_layout has = { 8, OPT_BIT(DHA_MHOPT_VENDOR) };
	/* no options: the message data is opaque to this layer */
	static const struct mh_layout exp = { DHA_MH_HDR_LEN, 0 };

	switch (type) {
	case DHA_MH_BRR:		return &brr;
	case DHA_MH_HOTI:
	case DHA_MH_COTI:		return &test_init;
	case DHA_MH_HOT:
	case DHA_MH_COT:		return &test;
	case DHA_MH_BU:			return &bu;
	case DHA_MH_BA:			return &ba;
	case DHA_MH_BE:			return &be;
	case DHA_MH_HA_SWITCH:		return &has;
	case DHA_MH_EXPERIMENTAL:	return &exp;
	default:			return NULL;
	}
}

static int mh_fail(struct dha_mh_msg *msg, int err, enum dha_mh_fault fault,
		   size_t offset)
{
	msg->fault = fault;
	msg->fault_offset = offset;
	return err;
}

/* Fixed-length options must have exactly their length (RFC 6275 6.2.4-6.2.6,
 * RFC 3963); one that appears twice has no defined meaning, so refuse it. */
static bool option_len_ok(uint8_t type, size_t len)
{
	switch (type) {
	case DHA_MHOPT_REFRESH_ADVICE:	return len == DHA_MHOPT_REFRESH_ADVICE_LEN;
	case DHA_MHOPT_ALT_COA:		return len == DHA_MHOPT_ALT_COA_LEN;
	case DHA_MHOPT_NONCE_INDICES:	return len == DHA_MHOPT_NONCE_INDICES_LEN;
	case DHA_MHOPT_MOBILE_NET_PREFIX: return len == DHA_MHOPT_MOBILE_NET_PREFIX_LEN;
	case DHA_MHOPT_VENDOR:		return len >= DHA_MHOPT_VENDOR_MIN_LEN;
	default:			return true;
	}
}

static int parse_options(const uint8_t *buf, size_t off, size_t end,
			 uint32_t allowed, struct dha_mh_msg *msg)
{
	struct dha_mh_options *o = &msg->opts;

	while (off < end) {
		uint8_t type = buf[off];
		const uint8_t *data;
		size_t len;
		bool dup = false;

		/* Pad1 is the one option without a length octet (6.2.2). */
		if (type == DHA_MHOPT_PAD1) {
			off++;
			continue;
		}
		if (end - off < 2 || buf[off + 1] > end - off - 2)
			return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		len = buf[off + 1];
		data = buf + off + 2;

		/* RFC 6275 6.2.7: Binding Authorization Data comes last;
		 * only padding may follow it. */
		if (type != DHA_MHOPT_PADN && o->has_auth_data)
			return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);

		if (type == DHA_MHOPT_PADN) {
			off += 2 + len;
			continue;
		}
		/* RFC 6275 6.2.1: skip and ignore what is not understood
		 * here, including options defined only for other messages. */
		if (type >= 32 || !(allowed & OPT_BIT(type))) {
			o->skipped++;
			off += 2 + len;
			continue;
		}
		if (!option_len_ok(type, len))
			return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off + 1);

		switch (type) {
		case DHA_MHOPT_REFRESH_ADVICE:
			dup = o->has_refresh_advice;
			o->has_refresh_advice = true;
			o->refresh_interval = get_be16(data);
			break;
		case DHA_MHOPT_ALT_COA:
			dup = o->has_alt_coa;
			o->has_alt_coa = true;
			get_in6(data, &o->alt_coa);
			break;
		case DHA_MHOPT_NONCE_INDICES:
			dup = o->has_nonce_indices;
			o->has_nonce_indices = true;
			o->home_nonce_index = get_be16(data);
			o->careof_nonce_index = get_be16(data + 2);
			break;
		case DHA_MHOPT_AUTH_DATA:
			o->has_auth_data = true;
			o->auth_data = data;
			o->auth_data_len = len;
			break;
		case DHA_MHOPT_MOBILE_NET_PREFIX:
			if (o->mnp_count == DHA_MH_MNP_MAX)
				return mh_fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
			/* data[0] is reserved */
			o->mnp[o->mnp_count].prefix_len = data[1];
			get_in6(data + 2, &o->mnp[o->mnp_count].prefix);
			o->mnp_count++;
			break;
		case DHA_MHOPT_VENDOR:
			if (o->vendor_count == DHA_MH_VENDOR_MAX)
				return mh_fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
			o->vendor[o->vendor_count].vendor_id = get_be32(data);
			o->vendor[o->vendor_count].subtype = data[4];
			o->vendor[o->vendor_count].data = data + 5;
			o->vendor[o->vendor_count].data_len = len - 5;
			o->vendor_count++;
			break;
		}
		if (dup)
			return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		off += 2 + len;
	}
	return 0;
}

int dha_mh_parse(const uint8_t *buf, size_t len, struct dha_mh_msg *msg)
{
	const struct mh_layout *layout;
	size_t total, opt_start;
	size_t i;

	memset(msg, 0, sizeof(*msg));
	/* Every MH is a whole number of 8-octet units, at least one. */
	if (len < 8)
		return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_TRUNCATED, len);
	total = ((size_t)buf[1] + 1) * 8;
	if (total > len)
		return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_TRUNCATED, 1);
	msg->type = buf[2];
	msg->len = total;
	msg->checksum = get_be16(buf + DHA_MH_CHECKSUM_OFFSET);

	/* The checks in the order of RFC 6275 9.2. */
	layout = mh_layout_of(msg->type);
	if (!layout)
		return mh_fail(msg, -EPROTONOSUPPORT, DHA_MH_FAULT_UNKNOWN_TYPE, 2);
	if (buf[0] != DHA_MH_PAYLOAD_PROTO)
		return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_PAYLOAD_PROTO, 0);
	if (total < layout->fixed_len)
		return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_HEADER_LEN, 1);

	opt_start = layout->fixed_len;
	switch (msg->type) {
	case DHA_MH_BRR:
		break;
	case DHA_MH_HOTI:
	case DHA_MH_COTI:
		memcpy(msg->u.test_init.cookie, buf + 8, 8);
		break;
	case DHA_MH_HOT:
	case DHA_MH_COT:
		msg->u.test.nonce_index = get_be16(buf + 6);
		memcpy(msg->u.test.cookie, buf + 8, 8);
		memcpy(msg->u.test.keygen_token, buf + 16, 8);
		break;
	case DHA_MH_BU:
		msg->u.bu.seq = get_be16(buf + 6);
		msg->u.bu.flags = get_be16(buf + 8);
		msg->u.bu.lifetime = get_be16(buf + 10);
		break;
	case DHA_MH_BA:
		msg->u.ba.status = buf[6];
		msg->u.ba.flags = buf[7];
		msg->u.ba.seq = get_be16(buf + 8);
		msg->u.ba.lifetime = get_be16(buf + 10);
		break;
	case DHA_MH_BE:
		msg->u.be.status = buf[6];
		get_in6(buf + 8, &msg->u.be.home_addr);
		break;
	case DHA_MH_HA_SWITCH:
		/* RFC 5142: # of Addresses, Reserved, the addresses. */
		msg->u.has.addr_count = buf[6];
		opt_start = 8 + 16 * msg->u.has.addr_count;
		if (opt_start > total)
			return mh_fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, 6);
		for (i = 0; i < msg->u.has.addr_count; i++)
			get_in6(buf + 8 + 16 * i, &msg->u.has.addrs[i]);
		break;
	case DHA_MH_EXPERIMENTAL:
		msg->u.exp.data = buf + DHA_MH_HDR_LEN;
		msg->u.exp.len = total - DHA_MH_HDR_LEN;
		return 0;
	}
	return parse_options(buf, opt_start, total, layout->options, msg);
}

static int build_options(uint8_t *buf, size_t cap, size_t *off,
			 uint32_t allowed, const struct dha_mh_options *o)
{
	uint8_t *d;
	size_t i;
	int err;

#define NEED(t) do { if (!(allowed & OPT_BIT(t))) return -EINVAL; } while (0)
	if (o->mnp_count > DHA_MH_MNP_MAX || o->vendor_count > DHA_MH_VENDOR_MAX)
		return -EINVAL;
	if (o->has_refresh_advice) {
		NEED(DHA_MHOPT_REFRESH_ADVICE);
		err = dha_put_option(buf, cap, off, 2, 0, DHA_MHOPT_REFRESH_ADVICE,
				     DHA_MHOPT_REFRESH_ADVICE_LEN, &d);
		if (err)
			return err;
		put_be16(d, o->refresh_interval);
	}
	if (o->has_alt_coa) {
		NEED(DHA_MHOPT_ALT_COA);
		err = dha_put_option(buf, cap, off, 8, 6, DHA_MHOPT_ALT_COA,
				     DHA_MHOPT_ALT_COA_LEN, &d);
		if (err)
			return err;
		put_in6(d, &o->alt_coa);
	}
	if (o->has_nonce_indices) {
		NEED(DHA_MHOPT_NONCE_INDICES);
		err = dha_put_option(buf, cap, off, 2, 0, DHA_MHOPT_NONCE_INDICES,
				     DHA_MHOPT_NONCE_INDICES_LEN, &d);
		if (err)
			return err;
		put_be16(d, o->home_nonce_index);
		put_be16(d + 2, o->careof_nonce_index);
	}
	for (i = 0; i < o->mnp_count; i++) {
		NEED(DHA_MHOPT_MOBILE_NET_PREFIX);
		err = dha_put_option(buf, cap, off, 8, 4, DHA_MHOPT_MOBILE_NET_PREFIX,
				     DHA_MHOPT_MOBILE_NET_PREFIX_LEN, &d);
		if (err)
			return err;
		d[0] = 0;
		d[1] = o->mnp[i].prefix_len;
		put_in6(d + 2, &o->mnp[i].prefix);
	}
	for (i = 0; i < o->vendor_count; i++) {
		const struct dha_mh_vendor *v = &o->vendor[i];

		NEED(DHA_MHOPT_VENDOR);
		if (v->data_len > 255 - DHA_MHOPT_VENDOR_MIN_LEN)
			return -EINVAL;
		err = dha_put_option(buf, cap, off, 4, 2, DHA_MHOPT_VENDOR,
				     DHA_MHOPT_VENDOR_MIN_LEN + v->data_len, &d);
		if (err)
			return err;
		put_be32(d, v->vendor_id);
		d[4] = v->subtype;
		if (v->data_len)
			memcpy(d + 5, v->data, v->data_len);
	}
	if (o->has_auth_data) {
		NEED(DHA_MHOPT_AUTH_DATA);
		if (o->auth_data_len > 255)
			return -EINVAL;
		err = dha_put_option(buf, cap, off, 8, 2, DHA_MHOPT_AUTH_DATA,
				     o->auth_data_len, &d);
		if (err)
			return err;
		if (o->auth_data_len)
			memcpy(d, o->auth_data, o->auth_data_len);
	}
#undef NEED
	return 0;
}

int dha_mh_build(uint8_t *buf, size_t cap, const struct dha_mh_msg *msg,
		 size_t *out_len)
{
	const struct mh_layout *layout = mh_layout_of(msg->type);
	size_t fixed, off, i;
	int err;

	if (!layout)
		return -EINVAL;
	fixed = layout->fixed_len;
	if (msg->type == DHA_MH_HA_SWITCH) {
		if (msg->u.has.addr_count > DHA_MH_HAS_ADDRS_MAX)
			return -EINVAL;
		fixed = 8 + 16 * msg->u.has.addr_count;
	} else if (msg->type == DHA_MH_EXPERIMENTAL) {
		if (msg->u.exp.len > DHA_MH_MAX_LEN - DHA_MH_HDR_LEN ||
		    (DHA_MH_HDR_LEN + msg->u.exp.len) % 8)
			return -EINVAL;
		fixed = DHA_MH_HDR_LEN + msg->u.exp.len;
	}
	if (cap < fixed)
		return -ENOSPC;
	memset(buf, 0, fixed);
	buf[0] = DHA_MH_PAYLOAD_PROTO;
	buf[2] = msg->type;

	switch (msg->type) {
	case DHA_MH_BRR:
		break;
	case DHA_MH_HOTI:
	case DHA_MH_COTI:
		memcpy(buf + 8, msg->u.test_init.cookie, 8);
		break;
	case DHA_MH_HOT:
	case DHA_MH_COT:
		put_be16(buf + 6, msg->u.test.nonce_index);
		memcpy(buf + 8, msg->u.test.cookie, 8);
		memcpy(buf + 16, msg->u.test.keygen_token, 8);
		break;
	case DHA_MH_BU:
		put_be16(buf + 6, msg->u.bu.seq);
		put_be16(buf + 8, msg->u.bu.flags);
		put_be16(buf + 10, msg->u.bu.lifetime);
		break;
	case DHA_MH_BA:
		buf[6] = msg->u.ba.status;
		buf[7] = msg->u.ba.flags;
		put_be16(buf + 8, msg->u.ba.seq);
		put_be16(buf + 10, msg->u.ba.lifetime);
		break;
	case DHA_MH_BE:
		buf[6] = msg->u.be.status;
		put_in6(buf + 8, &msg->u.be.home_addr);
		break;
	case DHA_MH_HA_SWITCH:
		buf[6] = (uint8_t)msg->u.has.addr_count;
		for (i = 0; i < msg->u.has.addr_count; i++)
			put_in6(buf + 8 + 16 * i, &msg->u.has.addrs[i]);
		break;
	case DHA_MH_EXPERIMENTAL:
		if (msg->u.exp.len)
			memcpy(buf + DHA_MH_HDR_LEN, msg->u.exp.data, msg->u.exp.len);
		break;
	}

	off = fixed;
	if (msg->type != DHA_MH_EXPERIMENTAL) {
		err = build_options(buf, cap, &off, layout->options, &msg->opts);
		if (err)
			return err;
	}
	err = dha_pad_to(buf, cap, &off, 8, 0);
	if (err)
		return err;
	if (off > DHA_MH_MAX_LEN)
		return -EINVAL;
	buf[1] = (uint8_t)(off / 8 - 1);
	*out_len = off;
	return 0;
}

void dha_mh_checksum_set(uint8_t *buf, size_t len, const struct in6_addr *src,
			 const struct in6_addr *dst)
{
	put_be16(buf + DHA_MH_CHECKSUM_OFFSET, 0);
	put_be16(buf + DHA_MH_CHECKSUM_OFFSET,
		 dha_csum_ipv6(src, dst, DHA_IPPROTO_MH, buf, len));
}

bool dha_mh_checksum_ok(const uint8_t *buf, size_t len,
			const struct in6_addr *src, const struct in6_addr *dst)
{
	return len >= DHA_MH_HDR_LEN &&
	       dha_csum_ipv6(src, dst, DHA_IPPROTO_MH, buf, len) == 0;
}
