// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/csum.h"
#include "wire/ndisc.h"

/* Fixed parts, ICMPv6 header included */
#define RA_LEN		16
#define RS_LEN		8
#define NS_NA_LEN	24
#define ID_MSG_LEN	8	/* DHAAD, MPS, MPA: type code csum id reserved */

/* Option lengths in units of 8 octets (RFC 4861 4.6, RFC 6275 7.3-7.4) */
#define PREFIX_UNITS	4
#define MTU_UNITS	1
#define ADV_INT_UNITS	1
#define HA_INFO_UNITS	1
#define LB_INFO_UNITS	1

struct nd_opt {
	uint8_t type;
	size_t units;
	const uint8_t *data;	/* after type and length */
	size_t len;		/* units * 8 - 2 */
};

/* Steps over one option: 1 with *opt filled, 0 at the end, -EBADMSG. */
static int nd_next_option(const uint8_t *buf, size_t len, size_t *off,
			  struct nd_opt *opt)
{
	size_t units;

	if (*off == len)
		return 0;
	if (len - *off < 8)
		return -EBADMSG;
	units = buf[*off + 1];
	/* RFC 4861 4.6: a zero length invalidates the whole message. */
	if (units == 0 || units * 8 > len - *off)
		return -EBADMSG;
	opt->type = buf[*off];
	opt->units = units;
	opt->data = buf + *off + 2;
	opt->len = units * 8 - 2;
	*off += units * 8;
	return 1;
}

static bool lladdr_take(const struct nd_opt *opt, struct dha_nd_lladdr *ll)
{
	if (opt->len > DHA_ND_LLADDR_MAX)
		return false;
	ll->len = opt->len;
	memcpy(ll->addr, opt->data, opt->len);
	return true;
}

static void prefix_get(const uint8_t *d, struct dha_nd_prefix *p)
{
	p->prefix_len = d[0];
	p->flags = d[1];
	p->valid_lifetime = get_be32(d + 2);
	p->preferred_lifetime = get_be32(d + 6);
	/* d[10..14) Reserved2 */
	get_in6(d + 14, &p->prefix);
}

static int prefix_add(const struct nd_opt *opt, struct dha_nd_prefix *list,
		      size_t *count)
{
	if (opt->units != PREFIX_UNITS)
		return -EBADMSG;
	if (*count == DHA_ND_PREFIX_MAX)
		return -E2BIG;
	prefix_get(opt->data, &list[(*count)++]);
	return 0;
}

/* Header check shared by every parser. */
static int icmp6_check(const uint8_t *buf, size_t len, uint8_t type,
		       size_t min_len)
{
	if (len < DHA_ICMP6_HDR_LEN)
		return -EBADMSG;
	if (buf[0] != type)
		return -ENOMSG;
	if (buf[1] != 0 || len < min_len)
		return -EBADMSG;
	return 0;
}

int dha_ra_parse(const uint8_t *buf, size_t len, struct dha_ra *ra)
{
	struct nd_opt opt;
	size_t off = RA_LEN;
	int ret;

	memset(ra, 0, sizeof(*ra));
	ret = icmp6_check(buf, len, DHA_ICMP6_ROUTER_ADVERT, RA_LEN);
	if (ret)
		return ret;
	ra->cur_hop_limit = buf[4];
	ra->flags = buf[5];
	ra->router_lifetime = get_be16(buf + 6);
	ra->reachable_time = get_be32(buf + 8);
	ra->retrans_timer = get_be32(buf + 12);

	while ((ret = nd_next_option(buf, len, &off, &opt)) > 0) {
		bool dup = false;

		switch (opt.type) {
		case DHA_NDOPT_SOURCE_LLADDR:
			dup = ra->has_source_lladdr;
			if (lladdr_take(&opt, &ra->source_lladdr))
				ra->has_source_lladdr = true;
			else
				ra->skipped++;
			break;
		case DHA_NDOPT_MTU:
			if (opt.units != MTU_UNITS)
				return -EBADMSG;
			dup = ra->has_mtu;
			ra->has_mtu = true;
			ra->mtu = get_be32(opt.data + 2);
			break;
		case DHA_NDOPT_ADV_INTERVAL:
			if (opt.units != ADV_INT_UNITS)
				return -EBADMSG;
			dup = ra->has_adv_interval;
			ra->has_adv_interval = true;
			ra->adv_interval = get_be32(opt.data + 2);
			break;
		case DHA_NDOPT_HA_INFO:
			if (opt.units != HA_INFO_UNITS)
				return -EBADMSG;
			dup = ra->has_ha_info;
			ra->has_ha_info = true;
			ra->ha_info.flags = opt.data[0] & DHA_HA_INFO_FLAG_R;
			ra->ha_info.preference = (int16_t)get_be16(opt.data + 2);
			ra->ha_info.lifetime = get_be16(opt.data + 4);
			break;
		case DHA_NDOPT_LB_INFO:
			if (opt.units != LB_INFO_UNITS)
				return -EBADMSG;
			dup = ra->has_lb_info;
			ra->has_lb_info = true;
			ra->lb_info.queue_size = get_be16(opt.data + 2);
			ra->lb_info.registered_mns = get_be16(opt.data + 4);
			break;
		case DHA_NDOPT_PREFIX_INFO:
			ret = prefix_add(&opt, ra->prefixes, &ra->prefix_count);
			if (ret)
				return ret;
			break;
		default:
			ra->skipped++;
			break;
		}
		if (dup)
			return -EBADMSG;
	}
	return ret;
}

/* Appends an option of the given units with zeroed data; *data points to
 * the octets after type and length. */
static int nd_put_option(uint8_t *buf, size_t cap, size_t *off, uint8_t type,
			 size_t units, uint8_t **data)
{
	if (units == 0 || units > 255 || cap < units * 8 ||
	    *off > cap - units * 8)
		return -ENOSPC;
	memset(buf + *off, 0, units * 8);
	buf[*off] = type;
	buf[*off + 1] = (uint8_t)units;
	*data = buf + *off + 2;
	*off += units * 8;
	return 0;
}

static int lladdr_put(uint8_t *buf, size_t cap, size_t *off, uint8_t type,
		      const struct dha_nd_lladdr *ll)
{
	uint8_t *d;
	int err;

	if (ll->len > DHA_ND_LLADDR_MAX)
		return -EINVAL;
	err = nd_put_option(buf, cap, off, type, (2 + ll->len + 7) / 8, &d);
	if (err)
		return err;
	memcpy(d, ll->addr, ll->len);
	return 0;
}

static int prefixes_put(uint8_t *buf, size_t cap, size_t *off,
			const struct dha_nd_prefix *list, size_t count)
{
	size_t i;

	if (count > DHA_ND_PREFIX_MAX)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		const struct dha_nd_prefix *p = &list[i];
		uint8_t *d;
		int err;

		err = nd_put_option(buf, cap, off, DHA_NDOPT_PREFIX_INFO,
				    PREFIX_UNITS, &d);
		if (err)
			return err;
		d[0] = p->prefix_len;
		d[1] = p->flags;
		put_be32(d + 2, p->valid_lifetime);
		put_be32(d + 6, p->preferred_lifetime);
		put_in6(d + 14, &p->prefix);
	}
	return 0;
}

/* Type and code 0, checksum zero, the rest of the fixed part zeroed. */
static int icmp6_start(uint8_t *buf, size_t cap, uint8_t type, size_t fixed)
{
	if (cap < fixed)
		return -ENOSPC;
	memset(buf, 0, fixed);
	buf[0] = type;
	return 0;
}

int dha_ra_build(uint8_t *buf, size_t cap, const struct dha_ra *ra,
		 size_t *out_len)
{
	size_t off = RA_LEN;
	uint8_t *d;
	int err;

	err = icmp6_start(buf, cap, DHA_ICMP6_ROUTER_ADVERT, RA_LEN);
	if (err)
		return err;
	buf[4] = ra->cur_hop_limit;
	buf[5] = ra->flags;
	put_be16(buf + 6, ra->router_lifetime);
	put_be32(buf + 8, ra->reachable_time);
	put_be32(buf + 12, ra->retrans_timer);

	if (ra->has_source_lladdr) {
		err = lladdr_put(buf, cap, &off, DHA_NDOPT_SOURCE_LLADDR,
				 &ra->source_lladdr);
		if (err)
			return err;
	}
	if (ra->has_mtu) {
		err = nd_put_option(buf, cap, &off, DHA_NDOPT_MTU, MTU_UNITS, &d);
		if (err)
			return err;
		put_be32(d + 2, ra->mtu);
	}
	if (ra->has_adv_interval) {
		err = nd_put_option(buf, cap, &off, DHA_NDOPT_ADV_INTERVAL,
				    ADV_INT_UNITS, &d);
		if (err)
			return err;
		put_be32(d + 2, ra->adv_interval);
	}
	if (ra->has_ha_info) {
		err = nd_put_option(buf, cap, &off, DHA_NDOPT_HA_INFO,
				    HA_INFO_UNITS, &d);
		if (err)
			return err;
		d[0] = ra->ha_info.flags;
		put_be16(d + 2, (uint16_t)ra->ha_info.preference);
		put_be16(d + 4, ra->ha_info.lifetime);
	}
	if (ra->has_lb_info) {
		err = nd_put_option(buf, cap, &off, DHA_NDOPT_LB_INFO,
				    LB_INFO_UNITS, &d);
		if (err)
			return err;
		put_be16(d + 2, ra->lb_info.queue_size);
		put_be16(d + 4, ra->lb_info.registered_mns);
	}
	err = prefixes_put(buf, cap, &off, ra->prefixes, ra->prefix_count);
	if (err)
		return err;
	*out_len = off;
	return 0;
}

int dha_rs_parse(const uint8_t *buf, size_t len, const struct in6_addr *src,
		 struct dha_rs *rs)
{
	bool unspecified = IN6_IS_ADDR_UNSPECIFIED(src);
	struct nd_opt opt;
	size_t off = RS_LEN;
	int ret;

	memset(rs, 0, sizeof(*rs));
	ret = icmp6_check(buf, len, DHA_ICMP6_ROUTER_SOLICIT, RS_LEN);
	if (ret)
		return ret;
	/* buf[4..8) reserved */
	while ((ret = nd_next_option(buf, len, &off, &opt)) > 0) {
		if (opt.type != DHA_NDOPT_SOURCE_LLADDR) {
			rs->skipped++;
			continue;
		}
		if (unspecified || rs->has_source_lladdr)
			return -EBADMSG;
		if (lladdr_take(&opt, &rs->source_lladdr))
			rs->has_source_lladdr = true;
		else
			rs->skipped++;
	}
	return ret;
}

int dha_rs_build(uint8_t *buf, size_t cap, const struct dha_rs *rs,
		 size_t *out_len)
{
	size_t off = RS_LEN;
	int err;

	err = icmp6_start(buf, cap, DHA_ICMP6_ROUTER_SOLICIT, RS_LEN);
	if (err)
		return err;
	if (rs->has_source_lladdr) {
		err = lladdr_put(buf, cap, &off, DHA_NDOPT_SOURCE_LLADDR,
				 &rs->source_lladdr);
		if (err)
			return err;
	}
	*out_len = off;
	return 0;
}

int dha_ns_parse(const uint8_t *buf, size_t len, const struct in6_addr *src,
		 struct dha_ns *ns)
{
	struct nd_opt opt;
	size_t off = NS_NA_LEN;
	int ret;

	memset(ns, 0, sizeof(*ns));
	ret = icmp6_check(buf, len, DHA_ICMP6_NEIGHBOR_SOLICIT, NS_NA_LEN);
	if (ret)
		return ret;
	/* buf[4..8) reserved */
	get_in6(buf + 8, &ns->target);
	if (IN6_IS_ADDR_MULTICAST(&ns->target))
		return -EBADMSG;
	ns->is_dad = IN6_IS_ADDR_UNSPECIFIED(src);

	while ((ret = nd_next_option(buf, len, &off, &opt)) > 0) {
		if (opt.type != DHA_NDOPT_SOURCE_LLADDR) {
			ns->skipped++;
			continue;
		}
		if (ns->is_dad || ns->has_source_lladdr)
			return -EBADMSG;
		if (lladdr_take(&opt, &ns->source_lladdr))
			ns->has_source_lladdr = true;
		else
			ns->skipped++;
	}
	return ret;
}

int dha_ns_build(uint8_t *buf, size_t cap, const struct dha_ns *ns,
		 size_t *out_len)
{
	size_t off = NS_NA_LEN;
	int err;

	if (ns->is_dad && ns->has_source_lladdr)
		return -EINVAL;
	err = icmp6_start(buf, cap, DHA_ICMP6_NEIGHBOR_SOLICIT, NS_NA_LEN);
	if (err)
		return err;
	put_in6(buf + 8, &ns->target);
	if (ns->has_source_lladdr) {
		err = lladdr_put(buf, cap, &off, DHA_NDOPT_SOURCE_LLADDR,
				 &ns->source_lladdr);
		if (err)
			return err;
	}
	*out_len = off;
	return 0;
}

int dha_na_parse(const uint8_t *buf, size_t len, struct dha_na *na)
{
	struct nd_opt opt;
	size_t off = NS_NA_LEN;
	int ret;

	memset(na, 0, sizeof(*na));
	ret = icmp6_check(buf, len, DHA_ICMP6_NEIGHBOR_ADVERT, NS_NA_LEN);
	if (ret)
		return ret;
	na->flags = buf[4] & (DHA_NA_FLAG_R | DHA_NA_FLAG_S | DHA_NA_FLAG_O);
	get_in6(buf + 8, &na->target);
	if (IN6_IS_ADDR_MULTICAST(&na->target))
		return -EBADMSG;

	while ((ret = nd_next_option(buf, len, &off, &opt)) > 0) {
		if (opt.type != DHA_NDOPT_TARGET_LLADDR) {
			na->skipped++;
			continue;
		}
		if (na->has_target_lladdr)
			return -EBADMSG;
		if (lladdr_take(&opt, &na->target_lladdr))
			na->has_target_lladdr = true;
		else
			na->skipped++;
	}
	return ret;
}

int dha_na_build(uint8_t *buf, size_t cap, const struct dha_na *na,
		 size_t *out_len)
{
	size_t off = NS_NA_LEN;
	int err;

	err = icmp6_start(buf, cap, DHA_ICMP6_NEIGHBOR_ADVERT, NS_NA_LEN);
	if (err)
		return err;
	buf[4] = na->flags & (DHA_NA_FLAG_R | DHA_NA_FLAG_S | DHA_NA_FLAG_O);
	put_in6(buf + 8, &na->target);
	if (na->has_target_lladdr) {
		err = lladdr_put(buf, cap, &off, DHA_NDOPT_TARGET_LLADDR,
				 &na->target_lladdr);
		if (err)
			return err;
	}
	*out_len = off;
	return 0;
}

int dha_dhaad_request_parse(const uint8_t *buf, size_t len,
			    struct dha_dhaad_request *req)
{
	int ret = icmp6_check(buf, len, DHA_ICMP6_DHAAD_REQUEST, ID_MSG_LEN);

	memset(req, 0, sizeof(*req));
	if (ret)
		return ret;
	req->id = get_be16(buf + 4);
	req->flags = buf[6] & DHA_DHAAD_FLAG_R;
	return 0;
}

int dha_dhaad_request_build(uint8_t *buf, size_t cap,
			    const struct dha_dhaad_request *req,
			    size_t *out_len)
{
	int err = icmp6_start(buf, cap, DHA_ICMP6_DHAAD_REQUEST, ID_MSG_LEN);

	if (err)
		return err;
	put_be16(buf + 4, req->id);
	buf[6] = req->flags & DHA_DHAAD_FLAG_R;
	*out_len = ID_MSG_LEN;
	return 0;
}

int dha_dhaad_reply_parse(const uint8_t *buf, size_t len,
			  struct dha_dhaad_reply *rep)
{
	int ret = icmp6_check(buf, len, DHA_ICMP6_DHAAD_REPLY, ID_MSG_LEN);
	size_t i;

	memset(rep, 0, sizeof(*rep));
	if (ret)
		return ret;
	if ((len - ID_MSG_LEN) % 16)
		return -EBADMSG;
	if ((len - ID_MSG_LEN) / 16 > DHA_DHAAD_ADDRS_MAX)
		return -E2BIG;
	rep->id = get_be16(buf + 4);
	rep->flags = buf[6] & DHA_DHAAD_FLAG_R;
	rep->addr_count = (len - ID_MSG_LEN) / 16;
	for (i = 0; i < rep->addr_count; i++)
		get_in6(buf + ID_MSG_LEN + 16 * i, &rep->addrs[i]);
	return 0;
}

int dha_dhaad_reply_build(uint8_t *buf, size_t cap,
			  const struct dha_dhaad_reply *rep, size_t mtu,
			  size_t *out_len)
{
	/* room left by the IPv6 header and the fixed part */
	const size_t overhead = 40 + ID_MSG_LEN;
	size_t count = rep->addr_count, i;
	int err;

	if (count > DHA_DHAAD_ADDRS_MAX || mtu < overhead + 16)
		return -EINVAL;
	if (count > (mtu - overhead) / 16)
		count = (mtu - overhead) / 16;
	if (cap < ID_MSG_LEN + 16 * count)
		return -ENOSPC;
	err = icmp6_start(buf, cap, DHA_ICMP6_DHAAD_REPLY, ID_MSG_LEN);
	if (err)
		return err;
	put_be16(buf + 4, rep->id);
	buf[6] = rep->flags & DHA_DHAAD_FLAG_R;
	for (i = 0; i < count; i++)
		put_in6(buf + ID_MSG_LEN + 16 * i, &rep->addrs[i]);
	*out_len = ID_MSG_LEN + 16 * count;
	return 0;
}

int dha_mps_parse(const uint8_t *buf, size_t len, struct dha_mps *mps)
{
	int ret = icmp6_check(buf, len, DHA_ICMP6_MOBILE_PREFIX_SOLICIT,
			      ID_MSG_LEN);

	memset(mps, 0, sizeof(*mps));
	if (ret)
		return ret;
	mps->id = get_be16(buf + 4);
	return 0;
}

int dha_mps_build(uint8_t *buf, size_t cap, const struct dha_mps *mps,
		  size_t *out_len)
{
	int err = icmp6_start(buf, cap, DHA_ICMP6_MOBILE_PREFIX_SOLICIT,
			      ID_MSG_LEN);

	if (err)
		return err;
	put_be16(buf + 4, mps->id);
	*out_len = ID_MSG_LEN;
	return 0;
}

int dha_mpa_parse(const uint8_t *buf, size_t len, struct dha_mpa *mpa)
{
	struct nd_opt opt;
	size_t off = ID_MSG_LEN;
	int ret;

	memset(mpa, 0, sizeof(*mpa));
	ret = icmp6_check(buf, len, DHA_ICMP6_MOBILE_PREFIX_ADVERT, ID_MSG_LEN);
	if (ret)
		return ret;
	mpa->id = get_be16(buf + 4);
	mpa->flags = buf[6] & (DHA_MPA_FLAG_M | DHA_MPA_FLAG_O);

	/* RFC 6275 6.8: Prefix Information options; others are skipped. */
	while ((ret = nd_next_option(buf, len, &off, &opt)) > 0) {
		if (opt.type != DHA_NDOPT_PREFIX_INFO) {
			mpa->skipped++;
			continue;
		}
		ret = prefix_add(&opt, mpa->prefixes, &mpa->prefix_count);
		if (ret)
			return ret;
	}
	return ret;
}

int dha_mpa_build(uint8_t *buf, size_t cap, const struct dha_mpa *mpa,
		  size_t *out_len)
{
	size_t off = ID_MSG_LEN;
	int err;

	err = icmp6_start(buf, cap, DHA_ICMP6_MOBILE_PREFIX_ADVERT, ID_MSG_LEN);
	if (err)
		return err;
	put_be16(buf + 4, mpa->id);
	buf[6] = mpa->flags & (DHA_MPA_FLAG_M | DHA_MPA_FLAG_O);
	err = prefixes_put(buf, cap, &off, mpa->prefixes, mpa->prefix_count);
	if (err)
		return err;
	*out_len = off;
	return 0;
}

int dha_ha_anycast(const struct in6_addr *prefix, unsigned int length,
		   struct in6_addr *out)
{
	unsigned int bit;

	if (length == 0 || length > 128 - 7)
		return -EINVAL;
	*out = *prefix;
	for (bit = length; bit < 128; bit++)
		out->s6_addr[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
	/* Anycast ID 0x7e in the last seven bits. */
	out->s6_addr[15] = (out->s6_addr[15] & 0x80) | DHA_ANYCAST_ID_MIP6_HA;
	/* RFC 2526 2: a modified EUI-64 identifier has u = 0 (local). */
	if (length == 64)
		out->s6_addr[8] &= (uint8_t)~0x02;
	return 0;
}

void dha_icmp6_checksum_set(uint8_t *buf, size_t len,
			    const struct in6_addr *src,
			    const struct in6_addr *dst)
{
	put_be16(buf + DHA_ICMP6_CHECKSUM_OFFSET, 0);
	put_be16(buf + DHA_ICMP6_CHECKSUM_OFFSET,
		 dha_csum_ipv6(src, dst, DHA_IPPROTO_ICMPV6, buf, len));
}

bool dha_icmp6_checksum_ok(const uint8_t *buf, size_t len,
			   const struct in6_addr *src,
			   const struct in6_addr *dst)
{
	return len >= DHA_ICMP6_HDR_LEN &&
	       dha_csum_ipv6(src, dst, DHA_IPPROTO_ICMPV6, buf, len) == 0;
}
