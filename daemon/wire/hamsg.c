// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/hamsg.h"

#define OPT_BIT(t)	(1u << (t))

/* Option kinds, as bits of what each subtype accepts. */
enum {
	KIND_IPADDR,
	KIND_MNP,
	KIND_BCI,		/* and the AAA, Vendor and MNP after it */
	KIND_SS_STATUS,
	KIND_GSS_STATUS,
};

struct hamsg_layout {
	size_t fixed_len;	/* header, subtype octets and Message Data */
	unsigned int options;	/* OPT_BIT(KIND_*) */
};

static const struct hamsg_layout *layout_of(uint8_t subtype)
{
	static const struct hamsg_layout hello_request = { 10, 0 };
	static const struct hamsg_layout hello = { 18, OPT_BIT(KIND_IPADDR) };
	static const struct hamsg_layout ss_request = {
		10, OPT_BIT(KIND_IPADDR) | OPT_BIT(KIND_MNP)
	};
	static const struct hamsg_layout ss = {
		10, OPT_BIT(KIND_BCI) | OPT_BIT(KIND_SS_STATUS)
	};
	static const struct hamsg_layout ss_ack = {
		12, OPT_BIT(KIND_GSS_STATUS)
	};
	static const struct hamsg_layout switch_msg = { 10, 0 };

	switch (subtype) {
	case DHA_HAMSG_HELLO_REQUEST:		return &hello_request;
	case DHA_HAMSG_HELLO:			return &hello;
	case DHA_HAMSG_SS_REQUEST:		return &ss_request;
	case DHA_HAMSG_SS:			return &ss;
	case DHA_HAMSG_SS_ACK:			return &ss_ack;
	case DHA_HAMSG_SWITCHOVER_REQUEST:
	case DHA_HAMSG_SWITCHOVER_REPLY:
	case DHA_HAMSG_SWITCHBACK_REQUEST:
	case DHA_HAMSG_SWITCHBACK_REPLY:	return &switch_msg;
	default:				return NULL;
	}
}

/* The messages whose octet 7 holds the global HAHA draft's A and G. */
static bool has_ss_flags(uint8_t subtype)
{
	return subtype == DHA_HAMSG_SS_REQUEST || subtype == DHA_HAMSG_SS ||
	       subtype == DHA_HAMSG_SS_ACK;
}

static int fail(struct dha_hamsg *msg, int err, enum dha_mh_fault fault,
		size_t offset)
{
	msg->fault = fault;
	msg->fault_offset = offset;
	return err;
}

/* The option's kind if this subtype accepts it, else -1 (skipped). */
static int kind_of(uint8_t type, unsigned int allowed, bool after_bci)
{
	int kind;

	switch (type) {
	case DHA_MHOPT_IPADDR:		kind = KIND_IPADDR; break;
	case DHA_MHOPT_MOBILE_NET_PREFIX:
		kind = after_bci ? KIND_BCI : KIND_MNP;
		break;
	case DHA_HAOPT_BCI:		kind = KIND_BCI; break;
	case DHA_HAOPT_AAA:
	case DHA_HAOPT_VENDOR_INFO:
		/* Only as part of a binding. */
		if (!after_bci)
			return -1;
		kind = KIND_BCI;
		break;
	case DHA_HAOPT_SS_STATUS:	kind = KIND_SS_STATUS; break;
	case DHA_HAOPT_GSS_STATUS:	kind = KIND_GSS_STATUS; break;
	default:			return -1;
	}
	return (allowed & OPT_BIT(kind)) ? kind : -1;
}

static bool length_ok(uint8_t type, size_t len)
{
	switch (type) {
	case DHA_MHOPT_IPADDR:		return len == DHA_MHOPT_IPADDR_LEN;
	case DHA_MHOPT_MOBILE_NET_PREFIX: return len == DHA_MHOPT_MOBILE_NET_PREFIX_LEN;
	case DHA_HAOPT_BCI:		return len == DHA_HAOPT_BCI_LEN;
	case DHA_HAOPT_VENDOR_INFO:	return len >= DHA_HAOPT_VENDOR_INFO_MIN_LEN;
	case DHA_HAOPT_SS_STATUS:	return len == DHA_HAOPT_SS_STATUS_LEN;
	case DHA_HAOPT_AUTH:		return len == DHA_HAOPT_AUTH_LEN;
	case DHA_HAOPT_GSS_STATUS:	return len == DHA_HAOPT_GSS_STATUS_LEN;
	default:			return true;
	}
}

static int take_mnp(struct dha_mh_mnp *list, size_t *count, const uint8_t *d)
{
	if (*count == DHA_HAMSG_MNP_MAX)
		return -E2BIG;
	/* d[0] is reserved */
	list[*count].prefix_len = d[1];
	get_in6(d + 2, &list[*count].prefix);
	(*count)++;
	return 0;
}

/* One option the subtype accepts; off is the option's offset. */
static int take_option(struct dha_hamsg *msg, uint8_t type, const uint8_t *d,
		       size_t len, size_t off)
{
	struct dha_hamsg_bci *b = msg->bci_count ? &msg->bci[msg->bci_count - 1] :
						   NULL;

	switch (type) {
	case DHA_MHOPT_IPADDR:
		if (msg->addr_count == DHA_HAMSG_ADDRS_MAX)
			return fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
		msg->addrs[msg->addr_count].code = d[0];
		msg->addrs[msg->addr_count].prefix_len = d[1];
		get_in6(d + 2, &msg->addrs[msg->addr_count].addr);
		msg->addr_count++;
		return 0;
	case DHA_MHOPT_MOBILE_NET_PREFIX:
		if (b ? take_mnp(b->mnp, &b->mnp_count, d) :
			take_mnp(msg->mnp, &msg->mnp_count, d))
			return fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
		return 0;
	case DHA_HAOPT_BCI:
		if (msg->bci_count == DHA_HAMSG_BCI_MAX)
			return fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
		b = &msg->bci[msg->bci_count++];
		b->flags = get_be16(d);
		b->seq = get_be16(d + 2);
		b->lifetime = get_be16(d + 4);
		/* d[6..7] reserved */
		get_in6(d + 8, &b->home_address);
		get_in6(d + 24, &b->care_of_address);
		return 0;
	case DHA_HAOPT_AAA:
		if (b->aaa)
			return fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		b->aaa = d;
		b->aaa_len = len;
		return 0;
	case DHA_HAOPT_VENDOR_INFO:
		if (b->vendor_count == DHA_HAMSG_VENDOR_MAX)
			return fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
		b->vendor[b->vendor_count].vendor_code = get_be16(d);
		/* d[2..3] reserved */
		b->vendor[b->vendor_count].data = d + 4;
		b->vendor[b->vendor_count].data_len = len - 4;
		b->vendor_count++;
		return 0;
	case DHA_HAOPT_SS_STATUS:
		if (msg->has_ss_status)
			return fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		msg->has_ss_status = true;
		msg->ss_status.flags = d[0];
		msg->ss_status.request_id = get_be16(d + 2);
		msg->ss_status.total = get_be32(d + 4);
		return 0;
	case DHA_HAOPT_GSS_STATUS:
		if (msg->gss_status_count == DHA_HAMSG_GSS_STATUS_MAX)
			return fail(msg, -E2BIG, DHA_MH_FAULT_TOO_MANY, off);
		msg->gss_status[msg->gss_status_count].status = d[0];
		/* d[1..3] reserved */
		get_in6(d + 4, &msg->gss_status[msg->gss_status_count].home_address);
		msg->gss_status_count++;
		return 0;
	}
	return 0;
}

static int parse_options(const uint8_t *buf, size_t off, size_t end,
			 unsigned int allowed, struct dha_hamsg *msg)
{
	while (off < end) {
		uint8_t type = buf[off];
		const uint8_t *d;
		size_t len;
		int kind, err;

		if (type == DHA_MHOPT_PAD1) {
			off++;
			continue;
		}
		if (end - off < 2 || buf[off + 1] > end - off - 2)
			return fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		len = buf[off + 1];
		d = buf + off + 2;
		if (type == DHA_MHOPT_PADN) {
			off += 2 + len;
			continue;
		}
		/* The MAC covers everything before it: nothing follows. */
		if (msg->has_auth)
			return fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off);
		if (!length_ok(type, len))
			return fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, off + 1);
		if (type == DHA_HAOPT_AUTH) {
			msg->has_auth = true;
			msg->auth.key_id = get_be16(d);
			msg->auth.counter = (uint64_t)get_be32(d + 4) << 32 |
					    get_be32(d + 8);
			msg->auth.mac = d + 12;
			msg->auth.mac_offset = off + 2 + 12;
			off += 2 + len;
			continue;
		}
		kind = kind_of(type, allowed, msg->bci_count > 0);
		if (kind < 0) {
			msg->skipped++;
			off += 2 + len;
			continue;
		}
		err = take_option(msg, type, d, len, off);
		if (err)
			return err;
		off += 2 + len;
	}
	return 0;
}

int dha_hamsg_parse(const uint8_t *buf, size_t len, struct dha_hamsg *msg)
{
	const struct hamsg_layout *layout;
	size_t total;

	memset(msg, 0, sizeof(*msg));
	if (len < 8)
		return fail(msg, -EBADMSG, DHA_MH_FAULT_TRUNCATED, len);
	total = ((size_t)buf[1] + 1) * 8;
	if (total > len)
		return fail(msg, -EBADMSG, DHA_MH_FAULT_TRUNCATED, 1);
	msg->len = total;
	if (buf[0] != DHA_MH_PAYLOAD_PROTO)
		return fail(msg, -EBADMSG, DHA_MH_FAULT_PAYLOAD_PROTO, 0);
	if (buf[2] != DHA_MH_EXPERIMENTAL)
		return fail(msg, -EBADMSG, DHA_MH_FAULT_MALFORMED, 2);
	msg->subtype = buf[6];
	if (has_ss_flags(msg->subtype))
		msg->ss_flags = buf[7];
	layout = layout_of(msg->subtype);
	if (!layout)
		return fail(msg, -EPROTONOSUPPORT, DHA_MH_FAULT_UNKNOWN_TYPE, 6);
	if (total < layout->fixed_len)
		return fail(msg, -EBADMSG, DHA_MH_FAULT_HEADER_LEN, 1);

	switch (msg->subtype) {
	case DHA_HAMSG_HELLO:
		msg->u.hello.seq = get_be16(buf + 8);
		msg->u.hello.preference = get_be16(buf + 10);
		msg->u.hello.lifetime = get_be16(buf + 12);
		msg->u.hello.interval = get_be16(buf + 14);
		msg->u.hello.group = buf[16];
		msg->u.hello.flags = buf[17];
		break;
	case DHA_HAMSG_SS_ACK:
		msg->u.id = get_be16(buf + 8);
		msg->ack_status = get_be16(buf + 10);
		break;
	default:
		/* Sequence #, Identifier, Reserved or Status */
		msg->u.seq = get_be16(buf + 8);
		break;
	}
	return parse_options(buf, layout->fixed_len, total, layout->options,
			     msg);
}

static int put_mnps(uint8_t *buf, size_t cap, size_t *off,
		    const struct dha_mh_mnp *mnp, size_t count)
{
	uint8_t *d;
	size_t i;
	int err;

	if (count > DHA_HAMSG_MNP_MAX)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		/* RFC 3963 6.3: 8n+4 */
		err = dha_put_option(buf, cap, off, 8, 4,
				     DHA_MHOPT_MOBILE_NET_PREFIX,
				     DHA_MHOPT_MOBILE_NET_PREFIX_LEN, &d);
		if (err)
			return err;
		d[1] = mnp[i].prefix_len;
		put_in6(d + 2, &mnp[i].prefix);
	}
	return 0;
}

static int put_bci(uint8_t *buf, size_t cap, size_t *off,
		   const struct dha_hamsg_bci *b)
{
	uint8_t *d;
	size_t i;
	int err;

	if (b->vendor_count > DHA_HAMSG_VENDOR_MAX || b->aaa_len > 255)
		return -EINVAL;
	/* draft 6.2.2: 8n+2 */
	err = dha_put_option(buf, cap, off, 8, 2, DHA_HAOPT_BCI, DHA_HAOPT_BCI_LEN,
			     &d);
	if (err)
		return err;
	put_be16(d, b->flags);
	put_be16(d + 2, b->seq);
	put_be16(d + 4, b->lifetime);
	put_in6(d + 8, &b->home_address);
	put_in6(d + 24, &b->care_of_address);
	err = put_mnps(buf, cap, off, b->mnp, b->mnp_count);
	if (err)
		return err;
	if (b->aaa) {
		err = dha_put_option(buf, cap, off, 2, 0, DHA_HAOPT_AAA, b->aaa_len,
				     &d);
		if (err)
			return err;
		if (b->aaa_len)
			memcpy(d, b->aaa, b->aaa_len);
	}
	for (i = 0; i < b->vendor_count; i++) {
		const struct dha_hamsg_vendor *v = &b->vendor[i];

		if (v->data_len > 255 - DHA_HAOPT_VENDOR_INFO_MIN_LEN)
			return -EINVAL;
		err = dha_put_option(buf, cap, off, 4, 2, DHA_HAOPT_VENDOR_INFO,
				     DHA_HAOPT_VENDOR_INFO_MIN_LEN + v->data_len, &d);
		if (err)
			return err;
		put_be16(d, v->vendor_code);
		if (v->data_len)
			memcpy(d + 4, v->data, v->data_len);
	}
	return 0;
}

static int build_options(uint8_t *buf, size_t cap, size_t *off,
			 unsigned int allowed, struct dha_hamsg *msg)
{
	uint8_t *d;
	size_t i;
	int err;

	if ((msg->addr_count && !(allowed & OPT_BIT(KIND_IPADDR))) ||
	    (msg->mnp_count && !(allowed & OPT_BIT(KIND_MNP))) ||
	    (msg->bci_count && !(allowed & OPT_BIT(KIND_BCI))) ||
	    (msg->has_ss_status && !(allowed & OPT_BIT(KIND_SS_STATUS))) ||
	    (msg->gss_status_count && !(allowed & OPT_BIT(KIND_GSS_STATUS))) ||
	    msg->addr_count > DHA_HAMSG_ADDRS_MAX ||
	    msg->bci_count > DHA_HAMSG_BCI_MAX ||
	    msg->gss_status_count > DHA_HAMSG_GSS_STATUS_MAX)
		return -EINVAL;
	for (i = 0; i < msg->addr_count; i++) {
		/* 8n+4, so that the address is 8-octet aligned */
		err = dha_put_option(buf, cap, off, 8, 4, DHA_MHOPT_IPADDR,
				     DHA_MHOPT_IPADDR_LEN, &d);
		if (err)
			return err;
		d[0] = msg->addrs[i].code;
		d[1] = msg->addrs[i].prefix_len;
		put_in6(d + 2, &msg->addrs[i].addr);
	}
	err = put_mnps(buf, cap, off, msg->mnp, msg->mnp_count);
	if (err)
		return err;
	if (msg->has_ss_status) {
		err = dha_put_option(buf, cap, off, 4, 2, DHA_HAOPT_SS_STATUS,
				     DHA_HAOPT_SS_STATUS_LEN, &d);
		if (err)
			return err;
		d[0] = msg->ss_status.flags;
		put_be16(d + 2, msg->ss_status.request_id);
		put_be32(d + 4, msg->ss_status.total);
	}
	for (i = 0; i < msg->bci_count; i++) {
		err = put_bci(buf, cap, off, &msg->bci[i]);
		if (err)
			return err;
	}
	for (i = 0; i < msg->gss_status_count; i++) {
		/* 8n+2: the home address 8-octet aligned */
		err = dha_put_option(buf, cap, off, 8, 2, DHA_HAOPT_GSS_STATUS,
				 DHA_HAOPT_GSS_STATUS_LEN, &d);
		if (err)
			return err;
		d[0] = msg->gss_status[i].status;
		put_in6(d + 4, &msg->gss_status[i].home_address);
	}
	if (msg->has_auth) {
		/* 8n+2: the option, 46 octets, ends the message exactly */
		err = dha_put_option(buf, cap, off, 8, 2, DHA_HAOPT_AUTH,
				     DHA_HAOPT_AUTH_LEN, &d);
		if (err)
			return err;
		put_be16(d, msg->auth.key_id);
		put_be32(d + 4, (uint32_t)(msg->auth.counter >> 32));
		put_be32(d + 8, (uint32_t)msg->auth.counter);
		msg->auth.mac_offset = (size_t)(d + 12 - buf);
	}
	return 0;
}

int dha_hamsg_build(uint8_t *buf, size_t cap, struct dha_hamsg *msg,
		    size_t *out_len)
{
	const struct hamsg_layout *layout = layout_of(msg->subtype);
	size_t off;
	int err;

	if (!layout)
		return -EINVAL;
	if (cap < layout->fixed_len)
		return -ENOSPC;
	memset(buf, 0, layout->fixed_len);
	buf[0] = DHA_MH_PAYLOAD_PROTO;
	buf[2] = DHA_MH_EXPERIMENTAL;
	buf[6] = msg->subtype;
	if (has_ss_flags(msg->subtype))
		buf[7] = msg->ss_flags;
	else if (msg->ss_flags)
		return -EINVAL;
	switch (msg->subtype) {
	case DHA_HAMSG_HELLO:
		put_be16(buf + 8, msg->u.hello.seq);
		put_be16(buf + 10, msg->u.hello.preference);
		put_be16(buf + 12, msg->u.hello.lifetime);
		put_be16(buf + 14, msg->u.hello.interval);
		buf[16] = msg->u.hello.group;
		buf[17] = msg->u.hello.flags;
		break;
	case DHA_HAMSG_SS_ACK:
		put_be16(buf + 8, msg->u.id);
		put_be16(buf + 10, msg->ack_status);
		break;
	default:
		put_be16(buf + 8, msg->u.seq);
		break;
	}
	off = layout->fixed_len;
	err = build_options(buf, cap, &off, layout->options, msg);
	if (err)
		return err;
	err = dha_pad_to(buf, cap, &off, 8, 0);
	if (err)
		return err;
	if (off > DHA_MH_MAX_LEN)
		return -EINVAL;
	buf[1] = (uint8_t)(off / 8 - 1);
	msg->len = off;
	*out_len = off;
	return 0;
}

size_t dha_hamsg_bci_size_max(const struct dha_hamsg_bci *bci)
{
	size_t size = 7 + 2 + DHA_HAOPT_BCI_LEN;
	size_t i;

	size += bci->mnp_count * (7 + 2 + DHA_MHOPT_MOBILE_NET_PREFIX_LEN);
	if (bci->aaa)
		size += 1 + 2 + bci->aaa_len;
	for (i = 0; i < bci->vendor_count; i++)
		size += 3 + 2 + DHA_HAOPT_VENDOR_INFO_MIN_LEN +
			bci->vendor[i].data_len;
	return size;
}
