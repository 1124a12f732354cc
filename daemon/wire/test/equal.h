/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Field-by-field equality of parsed structs, for the round-trip tests and
 * fuzzers (memcmp would compare padding and the pointers into different
 * buffers).  The parse-only counters (skipped options, fault) are not
 * compared: a rebuilt message drops what the parse skipped.
 */
#ifndef DHA_WIRE_TEST_EQUAL_H
#define DHA_WIRE_TEST_EQUAL_H

#include <stdbool.h>
#include <string.h>

#include "wire/mh.h"
#include "wire/ndisc.h"

static inline bool in6_equal(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static inline bool bytes_equal(const uint8_t *a, size_t alen,
			       const uint8_t *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static inline bool mh_options_equal(const struct dha_mh_options *a,
				    const struct dha_mh_options *b)
{
	size_t i;

	if (a->has_refresh_advice != b->has_refresh_advice ||
	    (a->has_refresh_advice && a->refresh_interval != b->refresh_interval))
		return false;
	if (a->has_alt_coa != b->has_alt_coa ||
	    (a->has_alt_coa && !in6_equal(&a->alt_coa, &b->alt_coa)))
		return false;
	if (a->has_nonce_indices != b->has_nonce_indices ||
	    (a->has_nonce_indices &&
	     (a->home_nonce_index != b->home_nonce_index ||
	      a->careof_nonce_index != b->careof_nonce_index)))
		return false;
	if (a->has_auth_data != b->has_auth_data ||
	    (a->has_auth_data && !bytes_equal(a->auth_data, a->auth_data_len,
					      b->auth_data, b->auth_data_len)))
		return false;
	if (a->mnp_count != b->mnp_count || a->vendor_count != b->vendor_count)
		return false;
	for (i = 0; i < a->mnp_count; i++)
		if (a->mnp[i].prefix_len != b->mnp[i].prefix_len ||
		    !in6_equal(&a->mnp[i].prefix, &b->mnp[i].prefix))
			return false;
	for (i = 0; i < a->vendor_count; i++)
		if (a->vendor[i].vendor_id != b->vendor[i].vendor_id ||
		    a->vendor[i].subtype != b->vendor[i].subtype ||
		    !bytes_equal(a->vendor[i].data, a->vendor[i].data_len,
				 b->vendor[i].data, b->vendor[i].data_len))
			return false;
	return true;
}

/* Lengths are not compared either: padding may differ. */
static inline bool mh_msg_equal(const struct dha_mh_msg *a,
				const struct dha_mh_msg *b)
{
	size_t i;

	if (a->type != b->type)
		return false;
	switch (a->type) {
	case DHA_MH_BRR:
		break;
	case DHA_MH_HOTI:
	case DHA_MH_COTI:
		if (memcmp(a->u.test_init.cookie, b->u.test_init.cookie, 8))
			return false;
		break;
	case DHA_MH_HOT:
	case DHA_MH_COT:
		if (a->u.test.nonce_index != b->u.test.nonce_index ||
		    memcmp(a->u.test.cookie, b->u.test.cookie, 8) ||
		    memcmp(a->u.test.keygen_token, b->u.test.keygen_token, 8))
			return false;
		break;
	case DHA_MH_BU:
		if (a->u.bu.seq != b->u.bu.seq || a->u.bu.flags != b->u.bu.flags ||
		    a->u.bu.lifetime != b->u.bu.lifetime)
			return false;
		break;
	case DHA_MH_BA:
		if (a->u.ba.status != b->u.ba.status ||
		    a->u.ba.flags != b->u.ba.flags || a->u.ba.seq != b->u.ba.seq ||
		    a->u.ba.lifetime != b->u.ba.lifetime)
			return false;
		break;
	case DHA_MH_BE:
		if (a->u.be.status != b->u.be.status ||
		    !in6_equal(&a->u.be.home_addr, &b->u.be.home_addr))
			return false;
		break;
	case DHA_MH_HA_SWITCH:
		if (a->u.has.addr_count != b->u.has.addr_count)
			return false;
		for (i = 0; i < a->u.has.addr_count; i++)
			if (!in6_equal(&a->u.has.addrs[i], &b->u.has.addrs[i]))
				return false;
		break;
	case DHA_MH_EXPERIMENTAL:
		return bytes_equal(a->u.exp.data, a->u.exp.len,
				   b->u.exp.data, b->u.exp.len);
	}
	return mh_options_equal(&a->opts, &b->opts);
}

static inline bool lladdr_equal(bool ha, const struct dha_nd_lladdr *a,
				bool hb, const struct dha_nd_lladdr *b)
{
	return ha == hb && (!ha || bytes_equal(a->addr, a->len, b->addr, b->len));
}

static inline bool prefixes_equal(const struct dha_nd_prefix *a, size_t na,
				  const struct dha_nd_prefix *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].prefix_len != b[i].prefix_len ||
		    a[i].flags != b[i].flags ||
		    a[i].valid_lifetime != b[i].valid_lifetime ||
		    a[i].preferred_lifetime != b[i].preferred_lifetime ||
		    !in6_equal(&a[i].prefix, &b[i].prefix))
			return false;
	return true;
}

static inline bool ra_equal(const struct dha_ra *a, const struct dha_ra *b)
{
	return a->cur_hop_limit == b->cur_hop_limit && a->flags == b->flags &&
	       a->router_lifetime == b->router_lifetime &&
	       a->reachable_time == b->reachable_time &&
	       a->retrans_timer == b->retrans_timer &&
	       lladdr_equal(a->has_source_lladdr, &a->source_lladdr,
			    b->has_source_lladdr, &b->source_lladdr) &&
	       a->has_mtu == b->has_mtu && (!a->has_mtu || a->mtu == b->mtu) &&
	       a->has_adv_interval == b->has_adv_interval &&
	       (!a->has_adv_interval || a->adv_interval == b->adv_interval) &&
	       a->has_ha_info == b->has_ha_info &&
	       (!a->has_ha_info ||
		(a->ha_info.flags == b->ha_info.flags &&
		 a->ha_info.preference == b->ha_info.preference &&
		 a->ha_info.lifetime == b->ha_info.lifetime)) &&
	       a->has_lb_info == b->has_lb_info &&
	       (!a->has_lb_info ||
		(a->lb_info.queue_size == b->lb_info.queue_size &&
		 a->lb_info.registered_mns == b->lb_info.registered_mns)) &&
	       prefixes_equal(a->prefixes, a->prefix_count,
			      b->prefixes, b->prefix_count);
}

static inline bool rs_equal(const struct dha_rs *a, const struct dha_rs *b)
{
	return lladdr_equal(a->has_source_lladdr, &a->source_lladdr,
			    b->has_source_lladdr, &b->source_lladdr);
}

static inline bool ns_equal(const struct dha_ns *a, const struct dha_ns *b)
{
	return in6_equal(&a->target, &b->target) && a->is_dad == b->is_dad &&
	       lladdr_equal(a->has_source_lladdr, &a->source_lladdr,
			    b->has_source_lladdr, &b->source_lladdr);
}

static inline bool na_equal(const struct dha_na *a, const struct dha_na *b)
{
	return a->flags == b->flags && in6_equal(&a->target, &b->target) &&
	       lladdr_equal(a->has_target_lladdr, &a->target_lladdr,
			    b->has_target_lladdr, &b->target_lladdr);
}

static inline bool dhaad_reply_equal(const struct dha_dhaad_reply *a,
				     const struct dha_dhaad_reply *b)
{
	size_t i;

	if (a->id != b->id || a->flags != b->flags ||
	    a->addr_count != b->addr_count)
		return false;
	for (i = 0; i < a->addr_count; i++)
		if (!in6_equal(&a->addrs[i], &b->addrs[i]))
			return false;
	return true;
}

static inline bool mpa_equal(const struct dha_mpa *a, const struct dha_mpa *b)
{
	return a->id == b->id && a->flags == b->flags &&
	       prefixes_equal(a->prefixes, a->prefix_count,
			      b->prefixes, b->prefix_count);
}

#endif /* DHA_WIRE_TEST_EQUAL_H */
