// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the Mobility Header parser.  Properties: the
 * parser never reads past the buffer (ASan), fails only with its
 * documented errors and a fault, and whatever it accepts rebuilds into a
 * message that parses back to the same fields.
 */
#include <errno.h>
#include <stdlib.h>

#include "../test/equal.h"
#include "wire/mh.h"

/* A rebuilt message gains alignment padding: at most 7 octets before each
 * of the options the parser keeps. */
#define MAX_KEPT_OPTIONS	(DHA_MH_MNP_MAX + DHA_MH_VENDOR_MAX + 4)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[2 * DHA_MH_MAX_LEN];
	static struct dha_mh_msg msg, again;
	struct in6_addr a = IN6ADDR_LOOPBACK_INIT;
	size_t len;
	int ret;

	(void)dha_mh_checksum_ok(data, size, &a, &a);

	ret = dha_mh_parse(data, size, &msg);
	if (ret) {
		if ((ret != -EBADMSG && ret != -EPROTONOSUPPORT && ret != -E2BIG) ||
		    msg.fault == DHA_MH_FAULT_NONE)
			abort();
		return 0;
	}
	if (msg.len > size || msg.len % 8 || msg.fault != DHA_MH_FAULT_NONE)
		abort();

	ret = dha_mh_build(out, sizeof(out), &msg, &len);
	if (ret) {
		if (ret != -EINVAL || msg.len <= DHA_MH_MAX_LEN - 7 * MAX_KEPT_OPTIONS)
			abort();
		return 0;
	}
	if (len % 8 || len > DHA_MH_MAX_LEN || out[1] != len / 8 - 1)
		abort();
	if (dha_mh_parse(out, len, &again) || !mh_msg_equal(&msg, &again) ||
	    again.opts.skipped)
		abort();
	dha_mh_checksum_set(out, len, &a, &a);
	if (!dha_mh_checksum_ok(out, len, &a, &a))
		abort();
	return 0;
}
