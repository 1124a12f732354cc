// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the ICMPv6 / ND parsers.  Every parser sees every
 * input (the others answer -ENOMSG from the type octet); what one accepts
 * must rebuild and parse back to the same fields.
 */
#include <errno.h>
#include <stdlib.h>

#include "../test/equal.h"
#include "wire/ndisc.h"

#define OUT_MAX 65536

static uint8_t out[OUT_MAX];

static void check_error(int ret)
{
	if (ret != -EBADMSG && ret != -ENOMSG && ret != -E2BIG)
		abort();
}

static void fuzz_ra(const uint8_t *data, size_t size)
{
	static struct dha_ra ra, again;
	size_t len;
	int ret = dha_ra_parse(data, size, &ra);

	if (ret) {
		check_error(ret);
		return;
	}
	if (dha_ra_build(out, sizeof(out), &ra, &len) || len > size ||
	    dha_ra_parse(out, len, &again) || !ra_equal(&ra, &again) ||
	    again.skipped)
		abort();
}

static void fuzz_rs(const uint8_t *data, size_t size, const struct in6_addr *src)
{
	static struct dha_rs rs, again;
	size_t len;
	int ret = dha_rs_parse(data, size, src, &rs);

	if (ret) {
		check_error(ret);
		return;
	}
	if (dha_rs_build(out, sizeof(out), &rs, &len) || len > size ||
	    dha_rs_parse(out, len, src, &again) || !rs_equal(&rs, &again))
		abort();
}

static void fuzz_ns(const uint8_t *data, size_t size, const struct in6_addr *src)
{
	static struct dha_ns ns, again;
	size_t len;
	int ret = dha_ns_parse(data, size, src, &ns);

	if (ret) {
		check_error(ret);
		return;
	}
	if (dha_ns_build(out, sizeof(out), &ns, &len) ||
	    dha_ns_parse(out, len, src, &again) || !ns_equal(&ns, &again))
		abort();
}

static void fuzz_na(const uint8_t *data, size_t size)
{
	static struct dha_na na, again;
	size_t len;
	int ret = dha_na_parse(data, size, &na);

	if (ret) {
		check_error(ret);
		return;
	}
	if (dha_na_build(out, sizeof(out), &na, &len) ||
	    dha_na_parse(out, len, &again) || !na_equal(&na, &again))
		abort();
}

static void fuzz_dhaad(const uint8_t *data, size_t size)
{
	static struct dha_dhaad_reply rep, rep_again;
	struct dha_dhaad_request req, req_again;
	size_t len;
	int ret;

	ret = dha_dhaad_request_parse(data, size, &req);
	if (ret) {
		check_error(ret);
	} else if (dha_dhaad_request_build(out, sizeof(out), &req, &len) ||
		   dha_dhaad_request_parse(out, len, &req_again) ||
		   req.id != req_again.id || req.flags != req_again.flags) {
		abort();
	}

	ret = dha_dhaad_reply_parse(data, size, &rep);
	if (ret) {
		check_error(ret);
	} else if (dha_dhaad_reply_build(out, sizeof(out), &rep,
					 DHA_IPV6_MIN_MTU, &len) ||
		   dha_dhaad_reply_parse(out, len, &rep_again) ||
		   !dhaad_reply_equal(&rep, &rep_again)) {
		abort();
	}
}

static void fuzz_mobile_prefix(const uint8_t *data, size_t size)
{
	static struct dha_mpa mpa, mpa_again;
	struct dha_mps mps, mps_again;
	size_t len;
	int ret;

	ret = dha_mps_parse(data, size, &mps);
	if (ret) {
		check_error(ret);
	} else if (dha_mps_build(out, sizeof(out), &mps, &len) ||
		   dha_mps_parse(out, len, &mps_again) || mps.id != mps_again.id) {
		abort();
	}

	ret = dha_mpa_parse(data, size, &mpa);
	if (ret) {
		check_error(ret);
	} else if (dha_mpa_build(out, sizeof(out), &mpa, &len) ||
		   dha_mpa_parse(out, len, &mpa_again) ||
		   !mpa_equal(&mpa, &mpa_again)) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in6_addr any = IN6ADDR_ANY_INIT, ll = IN6ADDR_LOOPBACK_INIT;

	if (size > OUT_MAX)
		return 0;
	(void)dha_icmp6_checksum_ok(data, size, &ll, &any);
	fuzz_ra(data, size);
	fuzz_rs(data, size, &any);
	fuzz_rs(data, size, &ll);
	fuzz_ns(data, size, &any);
	fuzz_ns(data, size, &ll);
	fuzz_na(data, size);
	fuzz_dhaad(data, size);
	fuzz_mobile_prefix(data, size);
	return 0;
}
