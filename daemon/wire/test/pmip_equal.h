/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Field-by-field equality of parsed PBUs and PBAs, for the round-trip
 * tests and the fuzzer. Not compared: the length (padding may differ),
 * the checksum and the parse-only counters.
 */
#ifndef DHA_WIRE_TEST_PMIP_EQUAL_H
#define DHA_WIRE_TEST_PMIP_EQUAL_H

#include <stdbool.h>
#include <string.h>

#include "equal.h"
#include "wire/pmip.h"

static inline bool pmip_options_equal(const struct dha_pmip_options *a,
				      const struct dha_pmip_options *b)
{
	size_t i;

	if (a->has_mn_id != b->has_mn_id ||
	    (a->has_mn_id && (a->mn_id_subtype != b->mn_id_subtype ||
			      !bytes_equal(a->mn_id, a->mn_id_len,
					   b->mn_id, b->mn_id_len))))
		return false;
	if (a->hnp_count != b->hnp_count)
		return false;
	for (i = 0; i < a->hnp_count; i++)
		if (a->hnp[i].prefix_len != b->hnp[i].prefix_len ||
		    !in6_equal(&a->hnp[i].prefix, &b->hnp[i].prefix))
			return false;
	if (a->has_handoff != b->has_handoff ||
	    (a->has_handoff && a->handoff != b->handoff))
		return false;
	if (a->has_att != b->has_att || (a->has_att && a->att != b->att))
		return false;
	if (a->has_ll_id != b->has_ll_id ||
	    (a->has_ll_id && !bytes_equal(a->ll_id, a->ll_id_len,
					  b->ll_id, b->ll_id_len)))
		return false;
	if (a->has_link_local != b->has_link_local ||
	    (a->has_link_local && !in6_equal(&a->link_local, &b->link_local)))
		return false;
	return a->has_timestamp == b->has_timestamp &&
	       (!a->has_timestamp || a->timestamp == b->timestamp);
}

static inline bool pmip_msg_equal(const struct dha_pmip_msg *a,
				  const struct dha_pmip_msg *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == DHA_MH_BU &&
	    (a->u.bu.seq != b->u.bu.seq || a->u.bu.flags != b->u.bu.flags ||
	     a->u.bu.lifetime != b->u.bu.lifetime))
		return false;
	if (a->type == DHA_MH_BA &&
	    (a->u.ba.status != b->u.ba.status || a->u.ba.flags != b->u.ba.flags ||
	     a->u.ba.seq != b->u.ba.seq || a->u.ba.lifetime != b->u.ba.lifetime))
		return false;
	return pmip_options_equal(&a->opts, &b->opts);
}

#endif /* DHA_WIRE_TEST_PMIP_EQUAL_H */
