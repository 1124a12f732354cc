/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Field-by-field equality of parsed HA-to-HA messages, for the round-trip
 * test and the fuzzer. Not compared: lengths and the MAC's offset
 * (padding may differ), the MAC itself (the builder leaves it zero), and
 * the parse-only counters.
 */
#ifndef DHA_WIRE_TEST_HAMSG_EQUAL_H
#define DHA_WIRE_TEST_HAMSG_EQUAL_H

#include <stdbool.h>
#include <string.h>

#include "equal.h"
#include "wire/hamsg.h"

static inline bool hamsg_mnps_equal(const struct dha_mh_mnp *a, size_t na,
				    const struct dha_mh_mnp *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].prefix_len != b[i].prefix_len ||
		    !in6_equal(&a[i].prefix, &b[i].prefix))
			return false;
	return true;
}

static inline bool hamsg_bci_equal(const struct dha_hamsg_bci *a,
				   const struct dha_hamsg_bci *b)
{
	size_t i;

	if (a->flags != b->flags || a->seq != b->seq ||
	    a->lifetime != b->lifetime ||
	    !in6_equal(&a->home_address, &b->home_address) ||
	    !in6_equal(&a->care_of_address, &b->care_of_address) ||
	    !hamsg_mnps_equal(a->mnp, a->mnp_count, b->mnp, b->mnp_count) ||
	    !a->aaa != !b->aaa ||
	    (a->aaa && !bytes_equal(a->aaa, a->aaa_len, b->aaa, b->aaa_len)) ||
	    a->vendor_count != b->vendor_count)
		return false;
	for (i = 0; i < a->vendor_count; i++)
		if (a->vendor[i].vendor_code != b->vendor[i].vendor_code ||
		    !bytes_equal(a->vendor[i].data, a->vendor[i].data_len,
				 b->vendor[i].data, b->vendor[i].data_len))
			return false;
	return true;
}

static inline bool hamsg_equal(const struct dha_hamsg *a,
			       const struct dha_hamsg *b)
{
	size_t i;

	if (a->subtype != b->subtype)
		return false;
	if (a->subtype == DHA_HAMSG_HELLO) {
		if (memcmp(&a->u.hello, &b->u.hello, sizeof(a->u.hello)))
			return false;
	} else if (a->u.seq != b->u.seq) {
		return false;
	}
	if (a->subtype == DHA_HAMSG_SS_ACK && a->ack_status != b->ack_status)
		return false;
	if (a->ss_flags != b->ss_flags ||
	    a->gss_status_count != b->gss_status_count)
		return false;
	for (i = 0; i < a->gss_status_count; i++)
		if (a->gss_status[i].status != b->gss_status[i].status ||
		    !in6_equal(&a->gss_status[i].home_address,
			       &b->gss_status[i].home_address))
			return false;
	if (a->addr_count != b->addr_count || a->bci_count != b->bci_count ||
	    !hamsg_mnps_equal(a->mnp, a->mnp_count, b->mnp, b->mnp_count) ||
	    a->has_ss_status != b->has_ss_status || a->has_auth != b->has_auth)
		return false;
	for (i = 0; i < a->addr_count; i++)
		if (a->addrs[i].code != b->addrs[i].code ||
		    a->addrs[i].prefix_len != b->addrs[i].prefix_len ||
		    !in6_equal(&a->addrs[i].addr, &b->addrs[i].addr))
			return false;
	for (i = 0; i < a->bci_count; i++)
		if (!hamsg_bci_equal(&a->bci[i], &b->bci[i]))
			return false;
	if (a->has_ss_status &&
	    (a->ss_status.flags != b->ss_status.flags ||
	     a->ss_status.request_id != b->ss_status.request_id ||
	     a->ss_status.total != b->ss_status.total))
		return false;
	if (a->has_auth && (a->auth.key_id != b->auth.key_id ||
			    a->auth.counter != b->auth.counter))
		return false;
	return true;
}

#endif /* DHA_WIRE_TEST_HAMSG_EQUAL_H */
