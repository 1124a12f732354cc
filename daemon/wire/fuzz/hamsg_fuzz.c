// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the HA-to-HA message parser. Properties: the
 * parser never reads past the buffer (ASan), fails only with its
 * documented errors and a fault, and whatever it accepts rebuilds into a
 * message that parses back to the same fields, with the MAC placed last.
 */
#include <errno.h>
#include <stdlib.h>

#include "../test/hamsg_equal.h"
#include "wire/hamsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[DHA_MH_MAX_LEN];
	static struct dha_hamsg msg, again;
	size_t len;
	int ret;

	ret = dha_hamsg_parse(data, size, &msg);
	if (ret) {
		if ((ret != -EBADMSG && ret != -EPROTONOSUPPORT && ret != -E2BIG) ||
		    msg.fault == DHA_MH_FAULT_NONE)
			abort();
		return 0;
	}
	if (msg.len > size || msg.len % 8 || msg.fault != DHA_MH_FAULT_NONE)
		abort();
	if (msg.has_auth && msg.auth.mac_offset + DHA_HAMSG_MAC_LEN > msg.len)
		abort();

	/* Alignment padding may make a packed message too long to rebuild. */
	ret = dha_hamsg_build(out, sizeof(out), &msg, &len);
	if (ret) {
		if (ret != -ENOSPC && ret != -EINVAL)
			abort();
		return 0;
	}
	if (len % 8 || out[1] != len / 8 - 1)
		abort();
	if (dha_hamsg_parse(out, len, &again) || !hamsg_equal(&msg, &again) ||
	    again.skipped)
		abort();
	if (again.has_auth &&
	    (again.auth.mac_offset + DHA_HAMSG_MAC_LEN != len ||
	     again.auth.mac_offset != msg.auth.mac_offset))
		abort();
	return 0;
}
