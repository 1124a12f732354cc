// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the Proxy Binding Update / Acknowledgement
 * parser. Properties: the parser never reads past the buffer (ASan),
 * fails only with its documented errors (a fault with -EBADMSG and
 * -E2BIG, none with -ENOMSG), and whatever it accepts rebuilds, always
 * (every cap fits in one Mobility Header), into a message that parses
 * back to the same fields and asks the same PBA status.
 */
#include <errno.h>
#include <stdlib.h>

#include "../test/pmip_equal.h"
#include "wire/pmip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[DHA_MH_MAX_LEN];
	static struct dha_pmip_msg msg, again;
	struct in6_addr a = IN6ADDR_LOOPBACK_INIT;
	size_t len;
	int ret;

	ret = dha_pmip_parse(data, size, &msg);
	if (ret == -ENOMSG) {
		if (msg.fault != DHA_MH_FAULT_NONE)
			abort();
		return 0;
	}
	if (ret) {
		if ((ret != -EBADMSG && ret != -E2BIG) ||
		    msg.fault == DHA_MH_FAULT_NONE || msg.fault_offset > size)
			abort();
		return 0;
	}
	if (msg.len > size || msg.len % 8 || msg.fault != DHA_MH_FAULT_NONE ||
	    msg.opts.hnp_count > DHA_PMIP_HNP_MAX)
		abort();

	if (dha_pmip_build(out, sizeof(out), &msg, &len))
		abort();
	if (len % 8 || len > DHA_MH_MAX_LEN || out[1] != len / 8 - 1)
		abort();
	if (dha_pmip_parse(out, len, &again) || !pmip_msg_equal(&msg, &again) ||
	    again.opts.skipped ||
	    dha_pbu_missing_status(&msg.opts) != dha_pbu_missing_status(&again.opts))
		abort();
	dha_mh_checksum_set(out, len, &a, &a);
	if (!dha_mh_checksum_ok(out, len, &a, &a))
		abort();
	return 0;
}
